"""At 16 or under, mild pain (4/10 or less) in its first week that comes with
runs, with no limp, is first managed at home (the review's probe AD04, a
16-year-old's outer knee on hilly runs, 5 days, 3/10, walking fine), as
soreness on both sides that is easing already was. A self-care page never
stops running until a clinician has examined the runner: the both-sides
exception's page said "manage at home" above "no running until a clinician
clears you" (the plan's clearance stage), the contradiction the plan exists
to prevent."""

from __future__ import annotations

from typing import Any

import pytest

from hipcheck.core.answers import parse_answers
from hipcheck.core.assessment import assess
from hipcheck.knowledge import KnowledgeBase

from .helpers import triage_level as level

KNEE = {
    "age": 16,
    "sex": "female",
    "location": ["outer_knee"],
    "duration": "under_1_week",
    "severity": 3,
    "timing": ["during_run"],
    "triggers": ["stairs_hills"],
    "limp": False,
    "injury": False,
}
BOTH_SIDES = {
    "age": 14,
    "side": "both",
    "location": ["buttock", "back_of_thigh"],
    "duration": "under_1_week",
    "trend": "better",
    "severity": 3,
    "limp": False,
    "injury": False,
}


def test_mild_run_pain_in_its_first_days_is_self_care(kb: KnowledgeBase) -> None:
    assert level(kb, KNEE) == "self_care"


@pytest.mark.parametrize(
    "change",
    [
        {"limp": None},  # not answered: never lowered on a missing answer
        {"limp": True},
        {"severity": 5},
        {"duration": "1_to_6_weeks"},
        {"timing": ["during_run", "walking"]},
        {"timing": ["at_night"]},
        {"symptoms": ["reduced_motion"]},
    ],
)
def test_each_answer_of_the_exception_is_needed(kb: KnowledgeBase, change: dict[str, Any]) -> None:
    answers = {k: v for k, v in {**KNEE, **change}.items() if v is not None}
    assert level(kb, answers) in ("routine", "urgent")


@pytest.mark.parametrize("answers", [KNEE, BOTH_SIDES])
def test_a_self_care_page_never_waits_for_a_clinician_to_run(
    kb: KnowledgeBase, answers: dict[str, Any]
) -> None:
    a = assess(kb, parse_answers(kb, answers))
    assert a.triage.level == "self_care"
    assert not any(r.stop_running for r in a.triage.reasons)
    assert a.plan.running_basis != "bone"
    assert "clinician" not in a.plan.running
    assert a.plan.stage is None or a.plan.stage.stage != "clearance"
