"""What the history holds, seen from outside one open History: whether
there is one, its readable check-ins, and which rows saved since a check-in
could not be read."""

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


def readable(rows: Sequence[CheckIn | DamagedRow]) -> list[CheckIn]:
    """The readable check-ins of `rows`, oldest first (damaged rows left out)."""
    found = [r for r in rows if isinstance(r, CheckIn)]
    return sorted(found, key=lambda c: (c.created_at, c.id))


def unreadable_since(rows: Sequence[CheckIn | DamagedRow], first: int) -> tuple[DamagedRow, ...]:
    """Damaged rows saved after check-in `first` (by id, the order of
    saving; a row dated in the future is one): a plan or page made from the
    check-ins since `first` leaves them out, and must say so. Those saved
    after the latest readable check-in mean the plan and page come from an
    earlier one; those before it, that a check-in is missing from them."""
    return tuple(r for r in rows if isinstance(r, DamagedRow) and r.id > first)
