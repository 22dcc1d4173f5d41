"""The assessment: everything a page states, as facts (core/assessment.py
makes it).

Kept apart so that core/assessment.py, which makes it, can be compiled
(hatch_build.py) while these stay plain classes: a compiled module drops a
class's keywords, and with them `frozen`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

import msgspec

from hipcheck.core.plan_result import Plan
from hipcheck.core.scores import ConditionScore, Fit
from hipcheck.core.trend import Trend
from hipcheck.core.triage_result import Triage
from hipcheck.knowledge.answer_types import AnswerValue

if TYPE_CHECKING:
    from hipcheck.training.analysis import LoadReport


class Assessment(msgspec.Struct, frozen=True):
    triage: Triage
    conditions: tuple[ConditionScore, ...]
    answers: Mapping[str, AnswerValue]
    disclaimer: str
    kb_version: str
    #: question id -> where the answer came from, when not from the user.
    origins: Mapping[str, str]
    #: The one plan: running, self-care, exercises, pain relief, the stage.
    plan: Plan
    #: How this compares with earlier check-ins of the episode, if any.
    trend: Trend | None = None
    #: Training load from the runner's activity files, if given.
    load: LoadReport | None = None
    #: When the assessment was made (aware, local time zone).
    created: dt.datetime | None = None
    #: How well the causes in the knowledge file explain the answers
    #: (contract 5.2): "poor" means none of them fits.
    fit: Fit = "good"
    #: The probability of a cause outside the knowledge file.
    other: float = 0.0
