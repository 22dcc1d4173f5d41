"""What the history holds, seen from outside one open History: whether
there is one, and which rows saved after the latest readable check-in could
not be read."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from hipcheck.store.history_files import DB_NAME, HistoryError, strerror
from hipcheck.store.history_rows import CheckIn, DamagedRow


def history_exists(folder: Path) -> bool:
    """Whether `folder` holds a history; a folder that cannot be searched
    (permission denied) is one line, as when saving, not a traceback."""
    try:
        os.stat(folder / DB_NAME, follow_symlinks=False)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as e:
        raise HistoryError(f"cannot use the data folder {folder}: {strerror(e)}") from None
    return True


def unreadable_latest(rows: Sequence[CheckIn | DamagedRow]) -> tuple[DamagedRow, ...]:
    """Damaged rows saved after the latest readable check-in (by id, the
    order of saving; a row dated in the future is one): the plan and the
    page then come from an earlier check-in, and must say so rather than
    present it as the latest."""
    latest = max((r.id for r in rows if isinstance(r, CheckIn)), default=0)
    return tuple(r for r in rows if isinstance(r, DamagedRow) and r.id > latest)
