"""Write exports atomically, owner-only, never clobbering by accident.

The text goes to a temporary file in the target folder (created 0600 by
mkstemp), is flushed to disk, and only then takes the target's name: a hard
link when the target must not exist (atomic: a file that appears meanwhile is
not overwritten), a rename with `force`. A failure at any point removes the
temporary file, so nothing partial or truncated is ever left behind; SIGTERM
and SIGHUP unwind like Ctrl-C (see `cli`), and the temporary file of a
killed process is swept by the next write to the same name.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from hipcheck.errors import OutputError, TargetExists


def _fail(path: Path, e: OSError) -> OutputError:
    if e.errno == errno.ENOSPC:
        why = "the disk is full"
    elif isinstance(e, PermissionError):
        why = "permission denied"
    else:
        why = e.strerror or str(e)
    return OutputError(f"cannot write {path}: {why}; nothing was written")


def _exists(path: Path) -> TargetExists:
    return TargetExists(f"{path} already exists; use --force to overwrite it")


def check_target(path: Path, force: bool) -> None:
    """Fail early (before any work) if `path` cannot be written.

    Only a regular file is ever replaced, even with --force: a device, a pipe
    or a socket (e.g. /dev/null, or a FIFO a reader waits on) is refused, not
    turned into a file (reliability review F16).
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        st = None
    except OSError as e:
        raise _fail(path, e) from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise OutputError(f"cannot write {path}: it is a folder")
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise OutputError(
            f"cannot write {path}: it is not a regular file (a device, pipe or socket); "
            "give a new file name"
        )
    if (st is not None or path.is_symlink()) and not force:
        raise _exists(path)
    if not path.parent.is_dir():
        raise OutputError(f"cannot write {path}: the folder {path.parent} does not exist")


def _sweep(folder: Path, name: str) -> None:
    """Remove temporary files of `name` left by a hipcheck that was killed
    (SIGKILL gives no chance to clean up). The writer's process id is in the
    temporary name; a file is removed only when that process is gone."""
    for tmp in folder.glob(f".{glob.escape(name)}.*.tmp"):
        pid = tmp.name[len(name) + 2 :].split(".", 1)[0]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            with contextlib.suppress(OSError):
                if tmp.lstat().st_uid == os.getuid():
                    tmp.unlink()
        except OSError:
            pass


@contextlib.contextmanager
def atomic_writer(path: Path, force: bool = False, binary: bool = False) -> Iterator[IO[Any]]:
    """Yield a stream (text, or bytes with `binary`); on success the file
    appears whole at `path`."""
    path = Path(path)
    check_target(path, force)
    _sweep(path.parent, path.name)
    try:
        fd, tmp = tempfile.mkstemp(
            prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent
        )
    except OSError as e:
        raise _fail(path, e) from None
    try:
        stream = os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="")
        with stream as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        if force:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise _exists(path) from None
            except OSError:  # no hard links here (e.g. some network or FAT file systems)
                if path.exists():
                    raise _exists(path) from None
                os.replace(tmp, path)
    except OSError as e:
        raise _fail(path, e) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def write_atomic(path: Path, text: str, force: bool = False) -> Path:
    with atomic_writer(path, force) as f:
        f.write(text)
    return Path(path)


#: `--output -`, where a command tells it from no --output (cli.options
#: `output_option(dash=True)`): standard output, asked for.
STDOUT = Path("-")


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
