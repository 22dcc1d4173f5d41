"""Check-in history: a private SQLite database on the runner's own machine.

- Where: `--data-dir`, else `HIPCHECK_HOME`, else the user data folder
  (platformdirs). The folder is created 0700 and the database file 0600; the
  folder and the files must be the user's own, and the database file is
  never a symbolic link (see `history_files`).
- Safe with two hipcheck processes at once (WAL journal, busy timeout, an
  advisory lock while opening) and against a kill mid-save (one transaction).
- Reading never writes: `History.open(folder, write=False)` opens the file
  read-only (also in a read-only folder, or a full disk).
- A corrupt or foreign file is never deleted: opening to write renames it
  aside with a timestamp, a notice says so, and a new database is started.
  A file that is ours but lacks our tables, belongs to another user or is a
  link is refused with one line and left as it is.
- A damaged row (bad JSON, bad date, missing fields) is returned as a
  `DamagedRow`; the other rows stay readable.
- Schema changes are numbered migrations recorded in `PRAGMA user_version`.

Nothing here prints; notices are collected for the caller to show.
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

from hipcheck.store.history_files import (
    APPLICATION_ID,
    DB_NAME,
    LOCK_NAME,
    PREFS_NAME,
    CannotWrite,
    DamagedHistory,
    HistoryError,
    HistoryWriteError,
    Unreadable,
    check_database,
    connect_read,
    connect_write,
    opening_lock,
    precreate_private,
    private_folder,
    refuse_strangers,
    remove_files,
    set_aside,
    set_aside_files,
    stored_files,
    why,
)
from hipcheck.store.history_rows import COLUMNS, CheckIn, DamagedRow, parse
from hipcheck.store.history_view import history_exists, readable, unreadable_since

__all__ = [
    "APPLICATION_ID",
    "DB_NAME",
    "LOCK_NAME",
    "MIGRATIONS",
    "PREFS_NAME",
    "CheckIn",
    "DamagedHistory",
    "DamagedRow",
    "History",
    "HistoryError",
    "HistoryWriteError",
    "data_dir",
    "history_exists",
    "now",
    "read_preference",
    "readable",
    "remove_files",
    "set_aside_files",
    "stored_files",
    "unreadable_since",
    "write_preference",
]

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
_SELECT = f"SELECT {', '.join(COLUMNS)} FROM checkins"


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def data_dir(override: Path | None = None) -> Path:
    if override is not None:
        return override
    env = os.environ.get("HIPCHECK_HOME")
    if env:
        return Path(env)
    import platformdirs

    return platformdirs.user_data_path("hipcheck", appauthor=False)


class History:
    """The check-in store. Use `History.open(folder)`; close() when done."""

    def __init__(
        self,
        folder: Path,
        conn: sqlite3.Connection | None,
        notices: list[str],
        write_error: str | None = None,
    ) -> None:
        self.folder = folder
        self.path = folder / DB_NAME
        self._conn = conn
        self.notices = notices
        #: Why this history can only be read (a save then fails with it).
        self.write_error = write_error

    # -- opening -------------------------------------------------------------

    @classmethod
    def open(cls, folder: Path, *, write: bool = True, set_aside_damaged: bool = False) -> History:
        """Open the history in `folder`.

        With `write`, create it if needed; when it cannot be written (a
        read-only file or folder, a full disk) it is opened read-only and
        saving fails with `write_error`. Without `write`, nothing is created
        or changed, and a missing history reads as empty. A file with our
        mark but not our tables raises DamagedHistory, or with
        `set_aside_damaged` (forgetting everything) is renamed aside.
        """
        notices: list[str] = []
        if not private_folder(folder, write, notices):
            return cls(folder, None, notices)
        path = folder / DB_NAME
        conn: sqlite3.Connection | None = None
        write_error = None
        with opening_lock(folder, write):
            refuse_strangers(path)
            if write:
                try:
                    conn = _open_writable(path, notices, set_aside_damaged)
                except CannotWrite as e:
                    write_error = str(e)
            if conn is None:
                conn = _open_readable(path)
        return cls(folder, conn, notices, write_error)

    def close(self) -> None:
        if self._conn is not None:
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
        with self._transaction("keep this check-in in") as conn:
            cur = conn.execute(
                "INSERT INTO checkins (created_at, kb_version, severity, triage, top_condition,"
                " answers, result) VALUES (?, ?, ?, ?, ?, ?, ?)",
                row,
            )
            new_id = cur.lastrowid
        found = self.get(int(new_id or 0))
        assert found is not None
        return found

    def rows(self) -> list[CheckIn | DamagedRow]:
        """Every stored row, oldest first; damaged ones as DamagedRow."""
        if self._conn is None:
            return []
        with self._reading():
            rows = self._conn.execute(f"{_SELECT} ORDER BY created_at, id")
            at = now()
            return [parse(r, at) for r in rows]

    def all(self) -> list[CheckIn]:
        """The readable check-ins, oldest first (damaged rows left out)."""
        return readable(self.rows())

    def get_row(self, checkin_id: int) -> CheckIn | DamagedRow | None:
        if self._conn is None:
            return None
        with self._reading():
            r = self._conn.execute(f"{_SELECT} WHERE id = ?", (checkin_id,)).fetchone()
        return parse(r) if r else None

    def get(self, checkin_id: int) -> CheckIn | None:
        found = self.get_row(checkin_id)
        return found if isinstance(found, CheckIn) else None

    def count(self) -> int:
        if self._conn is None:
            return 0
        with self._reading():
            return int(self._conn.execute("SELECT count(*) FROM checkins").fetchone()[0])

    def forget(self, checkin_id: int) -> bool:
        with self._transaction("forget a check-in in") as conn:
            cur = conn.execute("DELETE FROM checkins WHERE id = ?", (checkin_id,))
        self._shrink()
        return cur.rowcount > 0

    def forget_all(self) -> int:
        """Delete every check-in, overwriting it on disk (secure_delete is
        set here, not left to the SQLite build's default); the file is then
        rebuilt without free pages and its journal emptied."""
        action = "forget the check-ins in"
        conn = self._writer(action)
        with self._errors(action):
            conn.execute("PRAGMA secure_delete = ON")
        with self._transaction(action):
            cur = conn.execute("DELETE FROM checkins")
            conn.execute("DELETE FROM sqlite_sequence")  # not even how many there were
        with contextlib.suppress(sqlite3.Error):  # the rows are already overwritten
            conn.execute("VACUUM")
        self._shrink()
        return cur.rowcount

    # -- helpers -----------------------------------------------------------------

    def _writer(self, action: str) -> sqlite3.Connection:
        if self.write_error is not None or self._conn is None:
            why_not = self.write_error or "there is no history"
            raise HistoryWriteError(f"could not {action} {self.path}: {why_not}")
        return self._conn

    def _shrink(self) -> None:
        """Empty the write-ahead journal, so no old page stays in it."""
        with contextlib.suppress(sqlite3.Error):
            if self._conn is not None and self.write_error is None:
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    @contextlib.contextmanager
    def _errors(self, action: str) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as e:
            reason, write = why(e, self.folder)
            error = HistoryWriteError if write else HistoryError
            raise error(f"could not {action} {self.path}: {reason}") from None

    @contextlib.contextmanager
    def _reading(self) -> Iterator[None]:
        with self._errors("read"):
            yield

    @contextlib.contextmanager
    def _transaction(self, action: str) -> Iterator[sqlite3.Connection]:
        conn = self._writer(action)
        with self._errors(action):
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                raise


def _open_writable(path: Path, notices: list[str], set_aside_damaged: bool) -> sqlite3.Connection:
    precreate_private(path)
    try:
        version = check_database(path, len(MIGRATIONS), COLUMNS)
    except (Unreadable, DamagedHistory) as e:
        if isinstance(e, DamagedHistory) and not set_aside_damaged:
            raise
        kept = set_aside(path)
        reason = e.reason if isinstance(e, DamagedHistory) else str(e)
        notices.append(
            f"the history file {path} could not be read ({reason}); it was kept as "
            f"{kept.name} and a new history was started"
        )
        precreate_private(path)
        version = 0
    conn = connect_write(path)
    try:
        _migrate(conn, path, version)
    except sqlite3.Error as e:
        conn.close()
        raise CannotWrite(why(e, path.parent)[0]) from None
    except BaseException:
        conn.close()
        raise
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            os.chmod(f"{path}{suffix}", 0o600, follow_symlinks=False)
    return conn


def _open_readable(path: Path) -> sqlite3.Connection | None:
    """A read-only connection, or None when there is no database yet."""
    if not os.path.lexists(path):
        return None
    try:
        version = check_database(path, len(MIGRATIONS), COLUMNS)
    except Unreadable as e:
        raise HistoryError(
            f"the history file {path} could not be read ({e}); it was left as it is "
            "('hipcheck check --save' keeps it aside and starts a new history)"
        ) from None
    if version == 0:  # created, never written: an empty history
        return None
    return connect_read(path)


def _migrate(conn: sqlite3.Connection, path: Path, version: int) -> None:
    """Apply what is missing; a history already up to date is not written."""
    if version == len(MIGRATIONS):
        return
    conn.execute("BEGIN IMMEDIATE")  # under the opening lock: nobody else migrates
    try:
        for number in range(version, len(MIGRATIONS)):
            for statement in MIGRATIONS[number]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number + 1}")
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise


# -- preferences (not health data: only whether to keep a history) -------------


def read_preference(folder: Path, key: str) -> Any:
    try:
        return json.loads((folder / PREFS_NAME).read_text(encoding="utf-8")).get(key)
    except (OSError, ValueError, AttributeError):
        return None


def write_preference(folder: Path, key: str, value: Any) -> None:
    from hipcheck.store.atomic import write_atomic

    private_folder(folder, True, [])
    path = folder / PREFS_NAME
    prefs: dict[str, Any] = {}
    with contextlib.suppress(OSError, ValueError):
        loaded = json.loads(path.read_text(encoding="utf-8"))
        prefs = loaded if isinstance(loaded, dict) else {}
    prefs[key] = value
    write_atomic(path, json.dumps(prefs, indent=2) + "\n", force=True)
