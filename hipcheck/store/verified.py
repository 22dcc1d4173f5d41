"""Knowledge files verified once per content, remembered in a cache.

Every load of a knowledge file must pass the knowledge checks and the safety
floor (core/safety_floor.py), and that took about 45 ms of every start. The
verdict depends only on the file's bytes and on the code that checks them,
so it is kept: after a file passes, the parsed file is written to the user's
cache folder under a key made of

- a hash of the file's bytes,
- hipcheck's version, msgspec's and Python's, and a hash of the code that
  parses and checks it: the name, size and modification time of every file
  of `hipcheck/knowledge` and `hipcheck/core` and of the package's own
  modules (the test Python itself uses to know that its compiled code is
  current; reading all 260 KB of it took a millisecond of each start), so
  an edited or upgraded check invalidates every entry,
- whether the adaptive interview was checked too (a file named with `--kb`).

A later load reads the file, computes its key and takes the parsed file from
the entry, so an edited file, however small the edit, has a new key and is
checked again in full before it is used; a file that fails is never written
to the cache. The file is read on every load, so what is used is always what
was verified for these bytes.

The cache only ever saves time. A missing, unreadable, foreign (another
owner, writable by others, a link), truncated or damaged entry is ignored and
the file is checked in full; a folder that cannot be written (a read-only
HOME) only means the next start checks again. Entries hold nothing about the
user: the parsed knowledge file, its key, and a checksum. `HIPCHECK_CACHE`
names another folder, or turns the cache off when set to an empty value or
to off, no, false or 0 (never a folder named "off" in the current one).
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from functools import cache
from pathlib import Path

import msgspec

from hipcheck import __version__
from hipcheck.knowledge import KnowledgeBase, loader
from hipcheck.safe_read import KNOWLEDGE_LIMIT

# hashlib loads OpenSSL when imported (3 ms of a 60 ms start); blake2b is
# built into CPython, and hashlib's own blake2b is this one
try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python without it
    from hashlib import blake2b

#: HIPCHECK_CACHE values that turn the cache off (as does an empty one).
OFF = frozenset({"off", "no", "false", "0"})


#: The first line of every entry; a new layout gets a new number.
MAGIC = b"hipcheck knowledge cache 1\n"
#: Entries kept; the oldest go first (a user editing a file with --kb makes
#: one per version of it).
KEEP = 16
#: No entry is read past this size (a parsed file is about the size of its TOML).
ENTRY_LIMIT = 4 * KNOWLEDGE_LIMIT
_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
#: The code whose every change goes into the key.
_CODE_FOLDERS = (_PACKAGE, os.path.join(_PACKAGE, "knowledge"), os.path.join(_PACKAGE, "core"))


def _blake2b(data: bytes = b"") -> blake2b:
    return blake2b(data, digest_size=32)


def cache_folder() -> Path | None:
    """Where entries are written: $HIPCHECK_CACHE (empty: no cache), else the
    user cache folder as platformdirs names it (~/.cache/hipcheck/knowledge
    on Linux); None when there is none (no home folder: platformdirs raises)."""
    env = os.environ.get("HIPCHECK_CACHE")
    if env is not None:
        off = not env.strip() or env.strip().lower() in OFF
        return None if off else Path(env) / "knowledge"
    try:
        import platformdirs

        return platformdirs.user_cache_path("hipcheck", appauthor=False) / "knowledge"
    except Exception:  # no cache only costs time
        return None


def linux_cache_folder() -> Path | None:
    """Where platformdirs puts the user cache folder on Linux (the XDG rule:
    $XDG_CACHE_HOME if absolute, else $HOME/.cache), worked out without
    importing it (14M instructions, about 4 ms of every start); None
    elsewhere or without an absolute HOME. Only where entries are looked
    for first: a test holds it equal to platformdirs' answer, and were it
    ever wrong, a start would only find nothing there and check in full."""
    if sys.platform != "linux" or "HIPCHECK_CACHE" in os.environ:
        return None
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        home = os.environ.get("HOME", "")
        if not os.path.isabs(home):
            return None
        base = os.path.join(home, ".cache")
    return Path(base, "hipcheck", "knowledge")


def code_files() -> list[os.DirEntry[str]]:
    """The files whose every change invalidates the cache, in a fixed order."""
    found: list[os.DirEntry[str]] = []
    for folder in _CODE_FOLDERS:
        with os.scandir(folder) as entries:
            code = (e for e in entries if e.name.endswith((".py", ".toml", ".json")))
            found += sorted(code, key=lambda e: e.name)
    return found


@cache
def code_digest() -> bytes | None:
    """A hash of the code that parses and checks a knowledge file (each
    file's name, size and modification time) and of the versions of
    hipcheck, msgspec and Python; None if the code cannot be listed (then
    nothing is cached)."""
    h = _blake2b(f"{__version__}\0{msgspec.__version__}\0{sys.version_info[:2]}\0".encode())
    try:
        for entry in code_files():
            st = entry.stat()
            h.update(f"{entry.path}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    except OSError:
        return None
    return h.digest()


def key(data: bytes, interview: bool) -> str | None:
    """The entry name for a knowledge file's bytes, or None (no cache)."""
    code = code_digest()
    if code is None:
        return None
    h = _blake2b(code)
    h.update(b"interview\0" if interview else b"triage\0")
    h.update(data)
    return h.hexdigest()


def _private_folder(folder: Path) -> bool:
    """A folder of ours that nobody else can write (not a link)."""
    try:
        st = os.lstat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and _ours(st)


def _ours(st: os.stat_result) -> bool:
    """Owned by this user and writable by no one else. (Windows reports every
    writable file as writable by all: there nothing passes, so no cache.)"""
    owner = getattr(os, "geteuid", None)
    return (owner is None or st.st_uid == owner()) and not st.st_mode & 0o022


def _read_entry(path: Path) -> bytes | None:
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or not _ours(st) or st.st_size > ENTRY_LIMIT:
            return None
        return f.read(ENTRY_LIMIT + 1)


def recall(name: str) -> KnowledgeBase | None:
    """The parsed knowledge file of the entry `name`, or None whatever the
    reason (none, not ours, damaged, from another layout)."""
    folder = linux_cache_folder() or cache_folder()
    if folder is None or not _private_folder(folder):
        return None
    try:
        entry = _read_entry(folder / name)
        if entry is None:
            return None
        head, _, payload = entry.partition(b"\n\n")
        magic, stored, checksum = head.split(b"\n")
        if magic + b"\n" != MAGIC or stored.decode() != name:
            return None
        if _blake2b(payload).hexdigest() != checksum.decode():
            return None
        return msgspec.msgpack.decode(payload, type=KnowledgeBase)
    except Exception:  # a damaged entry only costs time: the file is checked in full
        return None


def _make_folder(folder: Path) -> bool:
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError:
        return False
    return _private_folder(folder)


def remember(name: str, kb: KnowledgeBase) -> None:
    """Keep a knowledge file that passed; any failure is ignored."""
    folder = cache_folder()
    if folder is None or not _make_folder(folder):
        return
    from hipcheck.errors import HipcheckError
    from hipcheck.store.atomic import atomic_writer

    payload = msgspec.msgpack.encode(msgspec.structs.replace(kb, path=""))
    checksum = _blake2b(payload).hexdigest()
    try:
        with atomic_writer(folder / name, force=True, binary=True) as f:
            f.write(MAGIC + f"{name}\n{checksum}\n\n".encode() + payload)
    except (HipcheckError, OSError):
        return
    _prune(folder)


def _prune(folder: Path) -> None:
    """Remove all but the KEEP newest entries."""
    with contextlib.suppress(OSError):
        entries = []
        with os.scandir(folder) as found:
            for e in found:
                if len(e.name) == 64 and e.is_file(follow_symlinks=False):
                    entries.append((e.stat(follow_symlinks=False).st_mtime_ns, e.name))
        for _, stale in sorted(entries)[:-KEEP]:
            with contextlib.suppress(OSError):
                os.unlink(folder / stale)


def load(
    path: str | Path | None = None, interview: bool | None = None, *, again: bool = False
) -> KnowledgeBase:
    """Read a knowledge file (default: the shipped one), and check it in full
    (the knowledge checks and the safety floor, with the interview for a named
    file or when asked) unless these very bytes passed before; KnowledgeError,
    one line, if it does not pass. `again` checks in full whatever the cache
    says (`validate`)."""
    interview = path is not None if interview is None else interview
    data, label = loader.read(path)
    name = key(data, interview)
    if name is not None and not again:
        kb = recall(name)
        if kb is not None:
            return msgspec.structs.replace(kb, path=label)
    from hipcheck.core import safety_floor

    kb = safety_floor.check(loader.parse(data, label), interview=interview)
    if name is not None:
        remember(name, kb)
    return kb
