"""At 16 or under, soreness on both sides in its first week that is easing,
without a limp, is first managed at home; one side is examined. A self-care
page never stops running until a clinician has examined the runner: the
both-sides exception's page said "manage at home" above "no running until a
clinician clears you" (the plan's clearance stage), the contradiction the
plan exists to prevent. (Mild one-sided run pain in its first week was
self-care for a day, 2026.12.26: withdrawn after a clinician's review,
tests/test_review_m.py.)"""

from __future__ import annotations

from hipcheck.core.answers import parse_answers
from hipcheck.core.assessment import assess
from hipcheck.knowledge import KnowledgeBase

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


def test_one_side_in_its_first_days_is_examined_without_running(kb: KnowledgeBase) -> None:
    a = assess(kb, parse_answers(kb, KNEE))
    assert a.triage.level == "routine"
    assert any(r.stop_running for r in a.triage.reasons)
    assert "clinician" in a.plan.running


def test_a_self_care_page_never_waits_for_a_clinician_to_run(kb: KnowledgeBase) -> None:
    a = assess(kb, parse_answers(kb, BOTH_SIDES))
    assert a.triage.level == "self_care"
    assert not any(r.stop_running for r in a.triage.reasons)
    assert a.plan.running_basis != "bone"
    assert "clinician" not in a.plan.running
    assert a.plan.stage is None or a.plan.stage.stage != "clearance"
