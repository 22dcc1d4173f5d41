"""Write exports atomically, owner-only, never clobbering by accident.

The text goes to a temporary file in the target folder (created 0600 by
mkstemp), is flushed to disk, and only then takes the target's name: a hard
link when the target must not exist (atomic: a file that appears meanwhile is
not overwritten), a rename with `force`. A failure at any point removes the
temporary file, so nothing partial or truncated is ever left behind.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from .errors import OutputError


def _fail(path: Path, e: OSError) -> OutputError:
    if e.errno == errno.ENOSPC:
        why = "the disk is full"
    elif isinstance(e, PermissionError):
        why = "permission denied"
    else:
        why = e.strerror or str(e)
    return OutputError(f"cannot write {path}: {why}; nothing was written")


def write_atomic(path: Path, text: str, force: bool = False) -> Path:
    path = Path(path)
    if path.is_dir():
        raise OutputError(f"cannot write {path}: it is a folder")
    if path.exists() and not force:
        raise OutputError(f"{path} already exists; use --force to overwrite it")
    parent = path.parent
    if not parent.is_dir():
        raise OutputError(f"cannot write {path}: the folder {parent} does not exist")
    data = text.encode("utf-8")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
    except OSError as e:
        raise _fail(path, e) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if force:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise OutputError(f"{path} already exists; use --force to overwrite it") from None
            except OSError:  # no hard links here (e.g. some network or FAT file systems)
                if path.exists():
                    raise OutputError(
                        f"{path} already exists; use --force to overwrite it"
                    ) from None
                os.replace(tmp, path)
    except OSError as e:
        raise _fail(path, e) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
    return path


def free_name(path: Path) -> Path:
    """`path`, or `stem-2.ext`, `stem-3.ext`, ... : the first that does not exist."""
    if not path.exists():
        return path
    n = 2
    while True:
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        if not candidate.exists():
            return candidate
        n += 1
