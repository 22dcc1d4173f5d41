"""Activity files into a load report (`core.activity` adds it to the answers)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from hipcheck.knowledge import KnowledgeBase
from hipcheck.training.analysis import LoadReport, analyse
from hipcheck.training.readers import collect


def report(
    kb: KnowledgeBase, paths: Sequence[Path], weeks: int = 10, as_of: dt.date | None = None
) -> LoadReport:
    return analyse(collect(paths), kb.load, weeks, as_of)


Notice = Callable[[str], None]


def _nowhere(message: str) -> None:
    """The default `notice` in library use: the caller did not ask to hear."""


def read(kb: KnowledgeBase, paths: Sequence[Path], notice: Notice | None = None) -> LoadReport:
    """Read and analyse the activity files; each problem goes to `notice`
    (`Terminal.notice`, which makes file names safe to show; default: none)."""
    say = notice or _nowhere
    rep = report(kb, paths)
    for problem in rep.problems:
        say(f"--activities: {problem}")
    if rep.runs == 0:
        say("--activities: no running activities found")
    return rep
