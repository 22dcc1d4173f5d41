"""Where a runner is on the return-to-running ladder: the last check-in's stage
(Before), next week's limits (Target) and the decision (Progress).

Kept apart so that core/return_to_run.py, which decides them, can be
compiled (hatch_build.py) while these stay plain classes: a compiled module
drops a class's keywords, and with them `frozen`.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

import msgspec

from hipcheck.knowledge.answer_types import AnswerValue
from hipcheck.knowledge.return_to_run import Decision


class Before(msgspec.Struct, frozen=True):
    """The previous check-in of this episode, as far as running goes."""

    when: dt.datetime
    #: Its stage and kind; "" when it had none (urgent, emergency, older file).
    stage: str = ""
    kind: str = ""
    #: How long the runner has been at that stage by this check-in (from the
    #: first check-in of the episode at it); None when unknown.
    stage_age: dt.timedelta | None = None


class Target(msgspec.Struct, frozen=True):
    """Next week's limits from the runner's own runs."""

    as_of: dt.date
    #: How many weeks (Monday to Sunday) the longest run was taken from.
    weeks: int
    longest_m: float
    longest_max_m: float
    #: The last complete week's running time; None without one.
    week_s: float | None
    week_max_s: float | None
    #: The growth allowed (0 when the pain rule was not met this time).
    growth_percent: float


class Progress(msgspec.Struct, frozen=True):
    #: "stages": a ladder with a current stage; "after_clearance": urgent.
    status: Literal["stages", "after_clearance"]
    kind: str = ""
    #: The stage ids of this kind's ladder, in order.
    ladder: tuple[str, ...] = ()
    stage: str = ""
    decision: Decision = "start"
    #: Why: a rule id of [[return_to_run.rules]], or one of FIXED_REASONS.
    reason: str = ""
    #: The pain rule held for the report of the last sessions.
    rule_met: bool = False
    #: The answers the report gave (run_pain_during, next_morning, ...).
    report: tuple[tuple[str, AnswerValue], ...] = ()
    previous_stage: str = ""
    target: Target | None = None
    #: Questions of the starting stage's test left unanswered (the stage
    #: assumes they are fine; the page says so).
    missing: tuple[str, ...] = ()
    #: Kilometres run in the last 14 days by the activity data, if given.
    recent_km: float | None = None
    #: Stages of this kind's ladder left out for this runner (`not_for`).
    left_out: tuple[str, ...] = ()

    @property
    def index(self) -> int:
        return self.ladder.index(self.stage) if self.stage in self.ladder else 0
