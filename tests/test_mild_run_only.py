"""Mild pain that comes only with runs and has stayed the same is managed at
home: seed 003's "pain persists more than a week" is pain that stays, and
the self-care page says when to be seen. Blind writers (WH13, WH14, WM11)
and the review's probes (SC13, OR19) accepted self-care for such runners;
each was routine on 2026.12.54."""

from __future__ import annotations

import pytest

from hipcheck.core.triage import level_advice
from hipcheck.knowledge import KnowledgeBase
from tests.helpers import assessed

WH13 = {"location": ["outer_hip"], "side": "left", "onset": "gradual",
        "duration": "1_to_6_weeks", "trend": "same", "severity": 2, "timing": ["after_run"],
        "triggers": ["pressing_outer_hip"], "training": ["worn_shoes"], "age": 60,
        "sex": "female"}  # fmt: skip
WH14 = {"location": ["outer_hip"], "side": "left", "onset": "gradual",
        "duration": "1_to_6_weeks", "trend": "same", "severity": 3, "timing": ["during_run"],
        "mechanics": ["hip_drop"], "age": 28, "sex": "male"}  # fmt: skip


@pytest.mark.parametrize("answers", [WH13, WH14])
def test_mild_unchanged_pain_only_with_runs_is_self_care(
    kb: KnowledgeBase, answers: dict[str, object]
) -> None:
    a = assessed(kb, answers)
    assert a.triage.level == "self_care", [r.rule for r in a.triage.reasons]
    advice = level_advice(a.triage, kb.levels["self_care"].advice)
    assert "if it is not improving or gets worse" in advice


@pytest.mark.parametrize(
    "change",
    [
        {"severity": 4},  # the team's HT1: 4/10 stays routine
        {"trend": None},  # not said to be the same
        {"timing": ["during_run", "walking"]},
        {"timing": None},  # not asked when it hurts
        {"duration": "over_6_weeks"},  # long_standing keeps it
    ],
)
def test_more_pain_or_less_known_stays_routine(
    kb: KnowledgeBase, change: dict[str, object]
) -> None:
    answers = {k: v for k, v in {**WH14, **change}.items() if v is not None}
    assert assessed(kb, answers).triage.level == "routine", change


def test_a_groin_on_runs_for_weeks_still_stops_running(kb: KnowledgeBase) -> None:
    a = assessed(kb, {**WH14, "location": ["groin"]})
    assert a.triage.level == "routine" and a.plan.stop_for_bone
