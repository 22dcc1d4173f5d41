"""The history's folder and files: whose they are, who else can reach them,
opening them safely, setting them aside and removing them for good.

Rules (reliability review F11, F18):
- The data folder must be the user's own. One open to other users is made
  private (group and other bits removed) when it holds nothing but
  hipcheck's files (then it is hipcheck's folder, e.g. made with `mkdir`);
  one that also holds other files (a home folder, /tmp) or is sticky is
  refused with one line: hipcheck never changes a folder not its own.
- The database file (and its -wal/-shm) is never a symbolic link and never
  another user's: such a file is refused with one line and left as it is,
  not mistaken for a damaged file and set aside.
- Every OS or SQLite failure becomes one line (`why`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import sqlite3
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path

from hipcheck.errors import HipcheckError

DB_NAME = "history.sqlite3"
PREFS_NAME = "preferences.json"
LOCK_NAME = "history.lock"
#: Prefix of a database file renamed aside because it could not be read.
ASIDE = f"{DB_NAME}.unreadable-"
#: "HIPC": marks the file as ours, so a foreign SQLite file is recognised.
APPLICATION_ID = 0x48495043


class HistoryError(HipcheckError):
    """The history cannot be used; the message is one line."""


class HistoryWriteError(HistoryError):
    """The history can be read but not written (read-only, full disk)."""

    exit_code = 1


class DamagedHistory(HistoryError):
    """A database with hipcheck's mark but not hipcheck's tables."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(
            f"the history file {path} is damaged ({reason}); it was left as it is: "
            "'hipcheck history forget --all' deletes it, or move it away to start a new history"
        )
        self.reason = reason


class Unreadable(Exception):
    """A file that is corrupt or not a hipcheck history (it may be set aside)."""


class CannotWrite(Exception):
    """Opening to write failed for a reason of the machine (read-only, full)."""


def strerror(e: OSError) -> str:
    if e.errno == errno.ENOSPC:
        return "the disk is full"
    if e.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if e.errno == errno.EROFS:
        return "the file system is read-only"
    return e.strerror or str(e)


def _full(folder: Path | None) -> bool:
    """Whether `folder`'s file system is full (SQLite may call it a disk error)."""
    try:
        fs = os.statvfs(folder) if folder is not None else None
    except OSError:
        return False
    return fs is not None and fs.f_bavail * fs.f_frsize < 64 * 1024


def why(e: sqlite3.Error, folder: Path | None = None) -> tuple[str, bool]:
    """An SQLite failure in words, and whether it is about writing."""
    name = getattr(e, "sqlite_errorname", "") or ""
    text = str(e)
    if (
        name == "SQLITE_FULL"
        or "disk is full" in text
        or (name.startswith("SQLITE_IOERR") and _full(folder))
    ):
        return "the disk is full", True
    if name.startswith("SQLITE_READONLY") or "readonly" in text:
        return "the history file or its folder is read-only", True
    if name.startswith(("SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH")):
        return "it cannot be opened (see the permissions of the file and its folder)", True
    if name.startswith("SQLITE_IOERR"):
        return "a disk error", True
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return "another hipcheck kept it busy for 30 seconds; try again", False
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return "the file is damaged", False
    if "no such table" in text or "no such column" in text:
        return f"its tables are not hipcheck's ({text})", False
    return text, False


# -- the folder -----------------------------------------------------------------


def _is_ours(name: str) -> bool:
    return (
        name in (LOCK_NAME, PREFS_NAME)
        or name.startswith(DB_NAME)
        or (name.startswith(f".{PREFS_NAME}.") and name.endswith(".tmp"))
    )


def private_folder(folder: Path, create: bool, notices: list[str]) -> bool:
    """Check (or create) the data folder; False when it does not exist."""
    try:
        st = os.stat(folder)
    except FileNotFoundError:
        if not create:
            return False
        try:
            folder.mkdir(mode=0o700, parents=True)
            os.chmod(folder, 0o700)  # mkdir's mode is filtered by the umask
            return True
        except FileExistsError:
            return private_folder(folder, create, notices)
        except OSError as e:
            raise HistoryError(f"cannot create the data folder {folder}: {strerror(e)}") from None
    except NotADirectoryError:
        raise HistoryError(f"the data folder {folder} is inside a file, not a folder") from None
    except OSError as e:
        raise HistoryError(f"cannot use the data folder {folder}: {strerror(e)}") from None
    if not stat.S_ISDIR(st.st_mode):
        raise HistoryError(f"the data folder {folder} is a file, not a folder")
    if st.st_uid != os.geteuid():
        raise HistoryError(
            f"the data folder {folder} belongs to another user; keep the history in a folder "
            "of your own (--data-dir)"
        )
    mode = stat.S_IMODE(st.st_mode)
    if mode & 0o077:
        refused = HistoryError(
            f"the data folder {folder} is open to other users (mode {mode:04o}) and holds "
            f"other files; make it private (chmod 700 {folder}) or choose another folder "
            "with --data-dir"
        )
        if mode & stat.S_ISVTX:
            raise refused
        try:
            if not all(_is_ours(name) for name in os.listdir(folder)):
                raise refused
            os.chmod(folder, mode & 0o700)
        except OSError:
            raise refused from None
        notices.append(
            f"the data folder {folder} was open to other users (mode {mode:04o}); "
            f"it is now private ({mode & 0o700:04o})"
        )
    return True


@contextlib.contextmanager
def opening_lock(folder: Path, write: bool) -> Iterator[None]:
    """An advisory lock on `history.lock` while the database is opened:
    exclusive to create or migrate, shared to read (a reader never sees a
    half-created file). Reading does not create the lock file; where it
    cannot be opened (a read-only folder) nobody can create the database.
    `fcntl.flock`: the kernel releases it if the process dies (the
    `filelock` package would add about 70 ms of imports for the same call).
    """
    import fcntl

    lock = folder / LOCK_NAME
    safe = os.O_NOFOLLOW | os.O_CLOEXEC
    fd = None
    for flags in (os.O_RDWR | os.O_CREAT, os.O_RDONLY) if write else (os.O_RDONLY,):
        try:
            fd = os.open(lock, flags | safe, 0o600)
            break
        except OSError:
            continue
    if fd is None:
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX if write else fcntl.LOCK_SH)
        yield
    finally:
        os.close(fd)


# -- the database file ----------------------------------------------------------------


def refuse_strangers(path: Path) -> None:
    """Refuse a database file (or journal) that is a link or another user's."""
    for suffix in ("", "-wal", "-shm"):
        p = Path(f"{path}{suffix}")
        try:
            st = os.lstat(p)
        except FileNotFoundError:
            continue
        except OSError as e:
            raise HistoryError(f"cannot use {p}: {strerror(e)}") from None
        if stat.S_ISLNK(st.st_mode):
            raise HistoryError(
                f"{p} is a symbolic link; hipcheck does not follow links for its history "
                "(remove the link, or point --data-dir at the folder that holds the history)"
            )
        if st.st_uid != os.geteuid():
            raise HistoryError(
                f"{p} belongs to another user (uid {st.st_uid}); it was left as it is"
            )


def precreate_private(path: Path) -> None:
    """Create the database file 0600 before SQLite does (it would use the umask)."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | os.O_NOFOLLOW, 0o600)
        os.close(fd)
    except FileExistsError:
        pass
    except OSError as e:
        raise CannotWrite(f"it cannot be created ({strerror(e)})") from None


def _decode(data: bytes) -> str | bytes:
    """Stored text as str; bytes that are not UTF-8 stay bytes (a damaged row)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data


def connect_read(path: Path) -> sqlite3.Connection:
    """Open read-only, never writing. Where SQLite cannot make its shared-memory
    file (a read-only folder, a full disk) and no journal holds unmerged
    pages, the file is opened as immutable."""
    uri = path.resolve().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=30)
    conn.text_factory = _decode
    try:
        conn.execute("PRAGMA schema_version").fetchone()
    except sqlite3.OperationalError:
        conn.close()
        wal = Path(f"{path}-wal")
        if wal.exists() and wal.stat().st_size > 0:
            raise
        conn = sqlite3.connect(f"{uri}?immutable=1", uri=True, timeout=30)
        conn.text_factory = _decode
    return conn


def connect_write(path: Path) -> sqlite3.Connection:
    for target, what in ((path, "the file"), (path.parent, "its folder")):
        if not os.access(target, os.W_OK):
            raise CannotWrite(f"{what} is read-only")
    conn = sqlite3.connect(path, timeout=30, isolation_level=None)
    conn.text_factory = _decode
    try:
        conn.execute("PRAGMA busy_timeout = 30000")
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA secure_delete = ON")  # a forgotten check-in is overwritten
    except sqlite3.Error as e:
        conn.close()
        raise CannotWrite(why(e, path.parent)[0]) from None
    return conn


def check_database(path: Path, latest: int, columns: Sequence[str]) -> int:
    """The schema version of the hipcheck history at `path` (0: new and empty).

    Read-only: a foreign or damaged file is not changed in any way. Raises
    Unreadable (corrupt, foreign: may be set aside), DamagedHistory (ours,
    without our tables) or HistoryError (newer schema, cannot be read).
    """
    st = os.lstat(path)
    if not stat.S_ISREG(st.st_mode):
        raise Unreadable("it is not a regular file")
    try:
        conn = connect_read(path)
        try:
            app = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            if app not in (0, APPLICATION_ID) or (app == 0 and tables - {"sqlite_sequence"}):
                raise Unreadable("it is not a hipcheck history")
            status = conn.execute("PRAGMA quick_check").fetchone()[0]
            if status != "ok":
                raise Unreadable(f"integrity check failed: {status}")
            if version > latest:
                raise HistoryError(
                    f"{path} was written by a newer hipcheck (schema {version}); upgrade hipcheck"
                )
            if app == APPLICATION_ID:
                found = {r[1] for r in conn.execute("PRAGMA table_info(checkins)")}
                if not found:
                    raise DamagedHistory(path, "it has no table 'checkins'")
                missing = [c for c in columns if c not in found]
                if missing:
                    raise DamagedHistory(path, f"its table lacks {', '.join(missing)}")
                if version == 0:  # ours with our table, its number reset (a backup
                    return 1  # tool, a hand repair): the columns say schema 1
            return int(version)
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        name = getattr(e, "sqlite_errorname", "") or ""
        if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")):
            raise Unreadable(str(e)) from None
        raise HistoryError(f"could not read {path}: {why(e)[0]}") from None


def set_aside(path: Path) -> Path:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    kept = path.with_name(f"{ASIDE}{stamp}")
    n = 2
    while os.path.lexists(kept):
        kept = path.with_name(f"{ASIDE}{stamp}-{n}")
        n += 1
    try:
        os.replace(path, kept)
        for suffix in ("-wal", "-shm"):
            side = Path(f"{path}{suffix}")
            if os.path.lexists(side):
                os.replace(side, Path(f"{kept}{suffix}"))
    except OSError as e:
        raise CannotWrite(f"it could not be kept aside ({strerror(e)})") from None
    return kept


# -- listing and removing ----------------------------------------------------------------


def _names(folder: Path) -> list[str]:
    try:
        return sorted(os.listdir(folder))
    except FileNotFoundError:
        return []
    except OSError as e:
        raise HistoryError(f"cannot use the data folder {folder}: {strerror(e)}") from None


def set_aside_files(folder: Path) -> list[Path]:  # with their -wal/-shm
    return [folder / n for n in _names(folder) if n.startswith(ASIDE)]


def stored_files(folder: Path) -> list[Path]:  # the database, journals, set-aside copies
    return [folder / n for n in _names(folder) if n.startswith(DB_NAME)]


def remove_files(paths: Sequence[Path]) -> list[Path]:
    """Remove these files for good: a regular file of ours is overwritten with
    zeros (synced) first; on a copy-on-write or flash file system old blocks
    may survive that, the file itself is gone either way."""
    removed = []
    for p in paths:
        try:
            st = os.lstat(p)
        except FileNotFoundError:
            continue
        except OSError as e:
            raise HistoryWriteError(f"could not delete {p}: {strerror(e)}") from None
        if stat.S_ISREG(st.st_mode) and st.st_uid == os.geteuid():
            with contextlib.suppress(OSError):
                _overwrite(p, st.st_size)
        try:
            if stat.S_ISDIR(st.st_mode):
                os.rmdir(p)
            else:
                os.unlink(p)
        except OSError as e:
            raise HistoryWriteError(f"could not delete {p}: {strerror(e)}") from None
        removed.append(p)
    return removed


def _overwrite(path: Path, size: int) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    try:
        zeros = bytes(1 << 20)
        left = size
        while left > 0:
            left -= os.write(fd, zeros[: min(left, len(zeros))])
        os.fsync(fd)
    finally:
        os.close(fd)
