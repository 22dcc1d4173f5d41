"""Activity data into the assessment: `training: mileage_jump` from the data.

`training` reads the files and judges the load (a `LoadReport`); this module
adds what that report says to the answers, with where it came from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import msgspec

from hipcheck.core.trend import Earlier
from hipcheck.knowledge.answer_types import Answers, AnswerValue

if TYPE_CHECKING:
    from hipcheck.training.analysis import LoadReport

ORIGIN = "your activity data"
KEY = "training.mileage_jump"


class Context(msgspec.Struct, frozen=True):
    """What the assessment knows beyond the answers."""

    #: question id (or "question.value") -> where the answer came from.
    origins: Mapping[str, str] = {}
    #: Training load from the runner's activity files, if given.
    load: LoadReport | None = None
    #: The runner's earlier check-ins, oldest first (the store's CheckIn).
    earlier: Sequence[Earlier] = ()
    #: When the assessment is made; None: now.
    now: dt.datetime | None = None


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
