"""Activity data into the assessment: `training: mileage_jump` from the data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import msgspec

from hipcheck.core.answers import Answers, AnswerValue
from hipcheck.knowledge import KnowledgeBase
from hipcheck.training.analysis import LoadReport, analyse
from hipcheck.training.readers import collect

ORIGIN = "your activity data"
KEY = "training.mileage_jump"


class Context(msgspec.Struct, frozen=True):
    """What the assessment knows beyond the answers."""

    origins: dict[str, str] = {}
    load: LoadReport | None = None


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


def merge(answers: Mapping[str, AnswerValue], rep: LoadReport) -> tuple[Answers, Context]:
    """Add `training: mileage_jump` where the data shows one.

    An explicit answer is kept: the data adds `mileage_jump`, it never takes
    away what the runner said.
    """
    out: Answers = dict(answers)
    if rep.runs == 0:
        return out, Context()
    origins: dict[str, str] = {}
    training = out.get("training")
    current = training if isinstance(training, tuple) else ()
    if rep.mileage_jump and "mileage_jump" not in current:
        out["training"] = (*current, "mileage_jump")
        origins[KEY] = ORIGIN
    return out, Context(origins, rep)


def apply(
    kb: KnowledgeBase,
    answers: Mapping[str, AnswerValue],
    paths: Sequence[Path],
    notice: Notice | None = None,
) -> tuple[Answers, Context]:
    return merge(answers, read(kb, paths, notice))
