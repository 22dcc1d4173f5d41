"""Check-ins saved after the one a plan or page is made from, that could
not be read (a damaged row, or one dated in the future): said in one line,
so an earlier check-in is never silently presented as the latest."""

from __future__ import annotations

from pathlib import Path

from hipcheck.store.history import CheckIn, unreadable_latest
from hipcheck.terminal import Terminal


def say_unreadable_latest(term: Terminal, folder: Path | None, used: CheckIn) -> tuple[str, ...]:
    """Name check-ins saved after `used` that could not be read: the plan
    or page is from an earlier one, never silently presented as the latest.
    Returns the lines, for the page to carry too."""
    from hipcheck.commands.checkin import open_history

    with open_history(folder, term, write=False) as history:
        newer = unreadable_latest(history.rows())
    lines = tuple(
        f"Check-in #{d.id}, saved after #{used.id}, could not be read ({d.problem}); "
        f"this is from check-in #{used.id} (see 'hipcheck history')."
        for d in newer
    )
    for line in lines:
        term.notice(line[0].lower() + line[1:-1])
    return lines
