"""The knowledge file a run uses, read and checked once per process.

Typer-free: `hipcheck` with no arguments (cli/bare.py) loads it too.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

#: Checked knowledge bases by (path as given, device, inode, mtime, size): a
#: program that calls main() many times (the tests, a notebook) reads and
#: checks each file once; an edited file has a new mtime or size, so it is
#: read again. A few entries only: each test may bring its own file.
_checked: dict[tuple[object, ...], Any] = {}
_CHECKED_MAX = 8


def load_kb(path: Path | None) -> Any:
    from hipcheck.knowledge import default_path
    from hipcheck.store.verified import load

    try:
        st = os.stat(path if path is not None else default_path())
    except OSError:
        return load(path)  # it words the error
    if not stat.S_ISREG(st.st_mode):
        return load(path)
    key = (str(path), st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size)
    if key not in _checked:
        kb = load(path)
        if len(_checked) >= _CHECKED_MAX:
            del _checked[next(iter(_checked))]
        _checked[key] = kb
    return _checked[key]
