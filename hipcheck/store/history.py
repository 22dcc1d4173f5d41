"""Check-in history: a private SQLite database on the runner's own machine.

- Where: `--data-dir`, else `HIPCHECK_HOME`, else the user data folder
  (platformdirs). The folder is created 0700 and the database file 0600.
- Safe with two hipcheck processes at once (WAL journal, busy timeout) and
  against a kill mid-save (every save is one transaction).
- A corrupt or foreign file is never deleted: it is renamed aside with a
  timestamp, a notice says so, and a new database is started.
- Schema changes are numbered migrations recorded in `PRAGMA user_version`.

Nothing here prints; notices are collected for the CLI to show.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec

from hipcheck.errors import HipcheckError

DB_NAME = "history.sqlite3"
PREFS_NAME = "preferences.json"
LOCK_NAME = "history.lock"
#: "HIPC": marks the file as ours, so a foreign SQLite file is recognised.
APPLICATION_ID = 0x48495043
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE checkins (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            created_at TEXT NOT NULL,
            kb_version TEXT NOT NULL,
            severity REAL,
            triage TEXT NOT NULL,
            top_condition TEXT NOT NULL,
            answers TEXT NOT NULL,
            result TEXT NOT NULL
        )""",
        "CREATE INDEX checkins_created_at ON checkins (created_at)",
    ),
)


class HistoryError(HipcheckError):
    pass


class CheckIn(msgspec.Struct, frozen=True):
    id: int
    created_at: dt.datetime
    kb_version: str
    severity: float | None
    triage: str
    top_condition: str
    answers: dict[str, Any]
    result: dict[str, Any]

    @property
    def top_name(self) -> str:
        conditions = self.result.get("conditions") or [{}]
        return str(conditions[0].get("name", self.top_condition))


def data_dir(override: Path | None = None) -> Path:
    if override is not None:
        return override
    env = os.environ.get("HIPCHECK_HOME")
    if env:
        return Path(env)
    import platformdirs

    return platformdirs.user_data_path("hipcheck", appauthor=False)


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class History:
    """The check-in store. Use `History.open(folder)`; close() when done."""

    def __init__(self, folder: Path, conn: sqlite3.Connection, notices: list[str]) -> None:
        self.folder = folder
        self.path = folder / DB_NAME
        self._conn = conn
        self.notices = notices

    # -- opening -------------------------------------------------------------

    @classmethod
    def open(cls, folder: Path) -> History:
        _make_private_folder(folder)
        path = folder / DB_NAME
        notices: list[str] = []
        # Opening (check, set aside, create, migrate) is serialised between
        # processes: without it a second process could see a half-created
        # file and set a valid history aside (reliability review F5).
        with _opening_lock(folder):
            _precreate_private(path)
            try:
                _check_ours(path)
            except sqlite3.DatabaseError as e:
                kept = _set_aside(path)
                notices.append(
                    f"the history file {path} could not be read ({e}); it was kept as "
                    f"{kept.name} and a new history was started"
                )
                _precreate_private(path)
            conn = _connect(path)
            _migrate(conn, path)
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    os.chmod(f"{path}{suffix}", 0o600)
        return cls(folder, conn, notices)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading and writing ---------------------------------------------------

    def save(
        self,
        answers: dict[str, Any],
        result: dict[str, Any],
        kb_version: str,
        created_at: dt.datetime | None = None,
    ) -> CheckIn:
        """Store one check-in, in one transaction."""
        when = (created_at or now()).astimezone(dt.UTC)
        severity = answers.get("severity")
        conditions = result.get("conditions") or [{"id": ""}]
        row = (
            when.isoformat(timespec="seconds"),
            kb_version,
            severity
            if isinstance(severity, int | float) and not isinstance(severity, bool)
            else None,
            result["triage"]["level"],
            conditions[0]["id"],
            json.dumps(answers, ensure_ascii=False),
            json.dumps(result, ensure_ascii=False),
        )
        with self._transaction():
            cur = self._conn.execute(
                "INSERT INTO checkins (created_at, kb_version, severity, triage, top_condition,"
                " answers, result) VALUES (?, ?, ?, ?, ?, ?, ?)",
                row,
            )
            new_id = cur.lastrowid
        found = self.get(int(new_id or 0))
        assert found is not None
        return found

    def all(self) -> list[CheckIn]:
        rows = self._conn.execute(
            "SELECT id, created_at, kb_version, severity, triage, top_condition, answers, result"
            " FROM checkins ORDER BY created_at, id"
        )
        return [_row(r) for r in rows]

    def get(self, checkin_id: int) -> CheckIn | None:
        r = self._conn.execute(
            "SELECT id, created_at, kb_version, severity, triage, top_condition, answers, result"
            " FROM checkins WHERE id = ?",
            (checkin_id,),
        ).fetchone()
        return _row(r) if r else None

    def forget(self, checkin_id: int) -> bool:
        with self._transaction():
            cur = self._conn.execute("DELETE FROM checkins WHERE id = ?", (checkin_id,))
        return cur.rowcount > 0

    def forget_all(self) -> int:
        with self._transaction():
            cur = self._conn.execute("DELETE FROM checkins")
        return cur.rowcount

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")


def _row(r: tuple[Any, ...]) -> CheckIn:
    return CheckIn(
        id=r[0],
        created_at=dt.datetime.fromisoformat(r[1]),
        kb_version=r[2],
        severity=r[3],
        triage=r[4],
        top_condition=r[5],
        answers=json.loads(r[6]),
        result=json.loads(r[7]),
    )


def _make_private_folder(folder: Path) -> None:
    if folder.is_dir():
        return
    try:
        folder.mkdir(mode=0o700, parents=True)
        os.chmod(folder, 0o700)  # mkdir's mode is filtered by the umask
    except FileExistsError:
        if not folder.is_dir():
            raise HistoryError(f"the data folder {folder} is a file, not a folder") from None
    except OSError as e:
        raise HistoryError(f"cannot create the data folder {folder}: {e.strerror}") from None


def _precreate_private(path: Path) -> None:
    """Create the database file 0600 before SQLite does (it would use the umask)."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
    except FileExistsError:
        pass
    except OSError as e:
        raise HistoryError(f"cannot create {path}: {e.strerror}") from None


@contextlib.contextmanager
def _opening_lock(folder: Path) -> Iterator[None]:
    """An exclusive advisory lock on `history.lock` while the database is opened.

    `fcntl.flock` from the standard library: the lock is released by the
    kernel if the process dies, and the `filelock` package would add about
    70 ms of imports to every history command for the same call.
    """
    import fcntl

    try:
        fd = os.open(folder / LOCK_NAME, os.O_CREAT | os.O_RDWR, 0o600)
    except OSError as e:
        raise HistoryError(f"cannot open {folder / LOCK_NAME}: {e.strerror}") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=30, isolation_level=None)
    conn.execute("PRAGMA busy_timeout = 30000")
    if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def _check_ours(path: Path) -> None:
    """Raise DatabaseError for a file that is corrupt or not hipcheck's.

    Read-only: a foreign or damaged file is not changed in any way.
    """
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    try:
        app = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if app not in (0, APPLICATION_ID) or (app == 0 and tables - {"sqlite_sequence"}):
            raise sqlite3.DatabaseError("it is not a hipcheck history")
        status = conn.execute("PRAGMA quick_check").fetchone()[0]
        if status != "ok":
            raise sqlite3.DatabaseError(f"integrity check failed: {status}")
    finally:
        conn.close()


def _set_aside(path: Path) -> Path:
    stamp = now().strftime("%Y%m%dT%H%M%SZ")
    kept = path.with_name(f"{path.name}.unreadable-{stamp}")
    n = 2
    while kept.exists():
        kept = path.with_name(f"{path.name}.unreadable-{stamp}-{n}")
        n += 1
    os.replace(path, kept)
    for suffix in ("-wal", "-shm"):
        side = Path(f"{path}{suffix}")
        if side.exists():
            os.replace(side, Path(f"{kept}{suffix}"))
    return kept


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    conn.execute("BEGIN IMMEDIATE")  # one process migrates; the other waits, then sees it done
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise HistoryError(
                f"{path} was written by a newer hipcheck (schema {version}); upgrade hipcheck"
            )
        for number in range(version, len(MIGRATIONS)):
            for statement in MIGRATIONS[number]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number + 1}")
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


# -- preferences (not health data: only whether to keep a history) -------------


def read_preference(folder: Path, key: str) -> Any:
    try:
        return json.loads((folder / PREFS_NAME).read_text(encoding="utf-8")).get(key)
    except (OSError, ValueError, AttributeError):
        return None


def write_preference(folder: Path, key: str, value: Any) -> None:
    from hipcheck.store.atomic import write_atomic

    _make_private_folder(folder)
    path = folder / PREFS_NAME
    prefs: dict[str, Any] = {}
    with contextlib.suppress(OSError, ValueError):
        loaded = json.loads(path.read_text(encoding="utf-8"))
        prefs = loaded if isinstance(loaded, dict) else {}
    prefs[key] = value
    write_atomic(path, json.dumps(prefs, indent=2) + "\n", force=True)
