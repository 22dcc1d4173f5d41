"""Routes that depend on how long and which way the pain has gone.

Found on our published development sets (tests/cases): a marathoner's
groin pain that grew with each rise in mileage was routine (A001, a
femoral neck stress fracture), while an eight-year-old thigh injury
(B014), an arthritic hip after an old fall (D040), a buttock pain that
began suddenly months before (D030) and a numb, aching outer thigh at
rest (B040, meralgia paraesthetica) were sent to a doctor within a day or
two. Each rule's time or nerve exception is tested both ways.
"""

from __future__ import annotations

from typing import Any

import pytest

from hipcheck.core.assessment import assess
from hipcheck.knowledge import KnowledgeBase
from tests.test_routes_v3 import triage

# A001 as the runner answered it (case_reports_v3_a.json)
MARATHONER = {
    "location": ("groin",),
    "side": "right",
    "duration": "1_to_6_weeks",
    "onset": "gradual",
    "trend": "worse",
    "timing": ("morning",),
    "triggers": ("long_sitting", "sit_to_stand"),
    "training": ("mileage_jump",),
    "age": 38,
    "sex": "male",
}


@pytest.mark.parametrize(
    ("change", "urgent"),
    [
        ({}, True),
        ({"training": ("new_to_running",)}, True),
        ({"training": ("underfuelling",)}, True),
        ({"training": ("speed_work_added",)}, False),  # a strain's story as much as bone's
        ({"trend": "same"}, False),
        ({"duration": "under_1_week"}, False),  # soreness after a new session
        ({"symptoms": ("clicking",)}, False),  # the joint
        ({"age": 45}, False),  # from 45: osteoarthritis on the history alone
        ({"location": ("outer_hip",)}, False),  # the gluteal tendons
    ],
)
def test_groin_pain_getting_worse_after_a_training_jump(
    kb: KnowledgeBase, change: dict[str, Any], urgent: bool
) -> None:
    level, rules = triage(kb, {**MARATHONER, **change})
    assert ("bone_stress_training_worse" in rules) is urgent
    if urgent:
        assert level == "urgent"
        plan = assess(kb, {**MARATHONER, **change}).plan
        assert plan.running.startswith("Stop running") and not plan.exercises


def test_the_training_story_gives_one_bone_reason(kb: KnowledgeBase) -> None:
    """Beside a hip bone-stress rule that says the same and more (walking
    hurts too), the training story's reason is hidden (covered_by)."""
    level, rules = triage(kb, {**MARATHONER, "timing": ("walking",)})
    assert level == "urgent"
    assert "bone_stress_training" in rules
    assert "bone_stress_training_worse" not in rules


@pytest.mark.parametrize(
    ("answers", "level"),
    [
        # B014: an old blow to the thigh, eight years ago
        (
            {"injury": True, "location": ("front_thigh",), "duration": "over_6_weeks", "age": 18},
            "routine",
        ),
        # D040: an old fall, an arthritic hip getting worse
        ({"injury": True, "duration": "over_6_weeks", "trend": "worse"}, "routine"),
        # the same fall this week is still checked within a day or two
        (
            {"injury": True, "location": ("front_thigh",), "duration": "1_to_6_weeks", "age": 18},
            "urgent",
        ),
        # an old injury with a limp keeps the limp's own route
        ({"injury": True, "duration": "over_6_weeks", "limp": True, "trend": "worse"}, "urgent"),
    ],
)
def test_an_injury_over_six_weeks_ago_is_examined_not_urgent(
    kb: KnowledgeBase, answers: dict[str, Any], level: str
) -> None:
    got, rules = triage(kb, answers)
    assert got == level
    assert "injury" in rules  # lowered, not gone: the page still says why


@pytest.mark.parametrize(
    ("answers", "level"),
    [
        # D030: sharp buttock and back-of-thigh pain that began suddenly months ago
        (
            {
                "location": ("buttock", "back_of_thigh"),
                "onset": "sudden",
                "pain_type": ("sharp",),
                "duration": "over_6_weeks",
                "age": 52,
            },
            "routine",
        ),
        ({"location": ("buttock", "back_of_thigh"), "onset": "sudden", "age": 52}, "urgent"),
        (
            {"location": ("sit_bone",), "onset": "sudden", "duration": "1_to_6_weeks"},
            "urgent",
        ),
        ({"location": ("sit_bone",), "onset": "sudden", "duration": "over_6_weeks"}, "routine"),
        (
            {"location": ("sit_bone",), "symptoms": ("pop",), "duration": "under_1_week"},
            "urgent",
        ),
    ],
)
def test_a_torn_hamstring_is_urgent_inside_the_repair_window(
    kb: KnowledgeBase, answers: dict[str, Any], level: str
) -> None:
    assert triage(kb, answers)[0] == level


@pytest.mark.parametrize(
    ("change", "level"),
    [
        ({}, "urgent"),  # the thigh bone: a stress fracture, rarely a tumour
        ({"symptoms": ("numbness",)}, "routine"),  # B040: the skin nerve
        ({"symptoms": ("numbness", "weakness")}, "urgent"),  # a nerve root with weakness
    ],
)
def test_worsening_thigh_pain_at_rest_with_numbness_is_a_nerve(
    kb: KnowledgeBase, change: dict[str, Any], level: str
) -> None:
    answers = {
        "location": ("outer_thigh",),
        "timing": ("at_rest",),
        "trend": "worse",
        "duration": "1_to_6_weeks",
        **change,
    }
    assert triage(kb, answers)[0] == level


@pytest.mark.parametrize(
    ("change", "level"),
    [
        ({}, "urgent"),  # how long not said
        ({"duration": "over_6_weeks", "trend": "same"}, "routine"),
        ({"duration": "over_6_weeks", "trend": "worse"}, "urgent"),  # progressing
        ({"duration": "1_to_6_weeks", "trend": "same"}, "urgent"),
    ],
)
def test_weakness_for_months_unchanged_is_examined_not_urgent(
    kb: KnowledgeBase, change: dict[str, Any], level: str
) -> None:
    answers = {"location": ("outer_hip",), "symptoms": ("weakness",), **change}
    assert triage(kb, answers)[0] == level


@pytest.mark.parametrize(
    ("answers", "lowered_by"),
    [
        (
            {"injury": True, "duration": "over_6_weeks", "location": ("front_thigh",)},
            {("duration", "over_6_weeks")},
        ),
        (
            {"injury": True, "limp": False, "severity": 3, "age": 30, "duration": "1_to_6_weeks"},
            {("limp", "no"), ("severity", "3"), ("age", "30")},
        ),
    ],
)
def test_a_lowered_reason_names_the_answers_that_lowered_it(
    kb: KnowledgeBase, answers: dict[str, Any], lowered_by: set[tuple[str, str]]
) -> None:
    """The page says why a broad rule is not urgent: the exception's answers
    join the rule's own in "(You said: ...)"; never an answer not given."""
    reason = next(r for r in assess(kb, answers).triage.reasons if r.rule == "injury")
    assert reason.level == "routine"
    assert ("injury", "yes") in reason.answers
    assert lowered_by <= set(reason.answers)
    assert {q for q, _ in reason.answers} <= set(answers)
