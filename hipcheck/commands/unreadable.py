"""Check-ins of the episode a plan or page is made from that could not be
read (a damaged row, or one dated in the future): each said in one line, so
an earlier check-in is never silently presented as the latest and none is
silently missing from the page."""

from __future__ import annotations

from collections.abc import Sequence

from hipcheck.store.history import CheckIn, DamagedRow, unreadable_since
from hipcheck.terminal import Terminal


def say_unreadable(
    term: Terminal, rows: Sequence[CheckIn | DamagedRow], checkins: Sequence[CheckIn]
) -> tuple[str, ...]:
    """Name the rows of the history (`rows`, as read for `checkins`, the
    episode a plan or page is made from, oldest first) saved since the
    first of `checkins` that could not be read: after the last, the plan or
    page is from an earlier one; before it, one is left out. Returns the
    lines, for the page to carry too."""
    used = checkins[-1].id
    lines = tuple(
        f"Check-in #{d.id}, saved after #{used}, could not be read ({d.problem}); "
        f"this is from check-in #{used} (see 'hipcheck history')."
        if d.id > used
        else f"Check-in #{d.id} could not be read ({d.problem}); it is left out here "
        "(see 'hipcheck history')."
        for d in unreadable_since(rows, checkins[0].id)
    )
    for line in lines:
        term.notice(line[0].lower() + line[1:-1])
    return lines
