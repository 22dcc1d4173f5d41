"""Red flags and must-not-miss routes (issue 9, review S1-S10).

Each picture comes from the clinical review (shared/reviews/clinical.md) as
a runner would answer: a few answers, sometimes atypical. The routes are
direct rules: they must hold whatever else is answered.
"""

from __future__ import annotations

from typing import Any

import pytest

from hipcheck.core import safety_floor
from hipcheck.core.assessment import assess
from hipcheck.knowledge import LEVELS, KnowledgeBase


def triage(kb: KnowledgeBase, answers: dict[str, Any]) -> tuple[str, set[str]]:
    t = assess(kb, answers).triage
    return t.level, {r.rule for r in t.reasons}


def at_least(level: str, wanted: str) -> bool:
    return LEVELS.index(level) >= LEVELS.index(wanted)


#: Review S1: the classic femoral-neck stress-fracture history.
GROIN_WALKING = {
    "location": ("groin",),
    "timing": ("walking", "during_run"),
    "training": ("mileage_jump",),
    "onset": "gradual",
    "duration": "1_to_6_weeks",
    "trend": "same",
    "severity": 4,
    "age": 35,
    "sex": "male",
}


@pytest.mark.parametrize(
    "extra",
    [
        {"trend": "better"},
        {"duration": "under_1_week"},
        {"duration": "over_6_weeks"},
        {"onset": "sudden"},
        {"symptoms": ("clicking",)},
        {"symptoms": ("catching",)},
        {"pain_type": ("pinching",)},
        {"pain_type": ("tightness",)},
        {"triggers": ("squeezing_knees",)},
        {"triggers": ("twisting",)},
        {"triggers": ("lifting_leg",)},
        {"location": ("groin", "outer_hip")},
        {"location": ("groin", "lower_back")},
        {"location": ("groin", "outer_knee")},
    ],
)
def test_one_unrelated_answer_never_drops_the_bone_stress_route(
    kb: KnowledgeBase, extra: dict[str, Any]
) -> None:
    """Review S1: each of these single answers used to drop it to self-care."""
    level, rules = triage(kb, {**GROIN_WALKING, **extra})
    assert level == "urgent"
    assert "bone_stress_training" in rules


@pytest.mark.parametrize(
    ("name", "answers", "level", "rule"),
    [
        (
            "S1 45 F groin and deep hip, walking pain, mileage jump, better, clicking",
            {
                "location": ("groin", "deep_joint"),
                "timing": ("walking",),
                "training": ("mileage_jump",),
                "trend": "better",
                "symptoms": ("clicking",),
                "age": 45,
                "sex": "female",
            },
            "urgent",
            "bone_stress_training",
        ),
        (
            "issue: femoral neck fracture that began suddenly in intervals, hurts walking",
            {
                "location": ("front_hip",),
                "onset": "sudden",
                "timing": ("during_run", "walking"),
                "triggers": ("speed_work",),
                "age": 31,
                "sex": "female",
            },
            "urgent",
            "bone_stress_run_to_walk",
        ),
        (
            "issue: 15-year-old, both sides, under-fuelling",
            {
                "location": ("groin", "deep_joint"),
                "side": "both",
                "timing": ("during_run",),
                "training": ("underfuelling",),
                "duration": "1_to_6_weeks",
                "age": 15,
                "sex": "female",
            },
            "urgent",
            "adolescent_persistent",
        ),
        (
            "S9 24 F buttock pain on walking after a mileage jump (sacral)",
            {
                "location": ("buttock",),
                "timing": ("walking", "during_run"),
                "training": ("mileage_jump",),
                "age": 24,
                "sex": "female",
            },
            "urgent",
            "bone_stress_training_pelvis",
        ),
        (
            "S2 78 F fell, low bone density, can walk",
            {
                "injury": True,
                "cannot_bear_weight": False,
                "history": ("low_bone_density",),
                "location": ("groin", "outer_hip"),
                "age": 78,
                "sex": "female",
            },
            "emergency",
            "fall_older",
        ),
        (
            "S2 fall with low bone density at 52",
            {"injury": True, "history": ("low_bone_density",), "age": 52},
            "emergency",
            "fall_fragile_bone",
        ),
        (
            "S3 13 M groin and front hip, 3 weeks, improving",
            {
                "location": ("groin", "front_hip"),
                "duration": "1_to_6_weeks",
                "trend": "better",
                "severity": 3,
                "age": 13,
                "sex": "male",
            },
            "urgent",
            "adolescent_persistent",
        ),
        (
            "S3 12 M knee pain only, limping",
            {"location": ("outer_knee",), "limp": True, "age": 12, "sex": "male"},
            "urgent",
            "adolescent_limp",
        ),
        (
            "S3 15 M sudden sharp front-hip pain sprinting",
            {
                "location": ("front_hip",),
                "onset": "sudden",
                "pain_type": ("sharp",),
                "triggers": ("speed_work",),
                "severity": 6,
                "age": 15,
                "sex": "male",
            },
            "urgent",
            "adolescent_sudden",
        ),
        (
            "adolescent pop at the sit bone",
            {"location": ("sit_bone",), "symptoms": ("pop",), "age": 16},
            "urgent",
            "adolescent_pop",
        ),
        (
            "S5 saddle numbness",
            {"saddle_numbness": True, "location": ("lower_back", "buttock")},
            "emergency",
            "cauda_equina",
        ),
        (
            "S5 shooting pain down both legs",
            {
                "location": ("lower_back", "buttock", "back_of_thigh"),
                "side": "both",
                "pain_type": ("shooting",),
                "age": 45,
            },
            "urgent",
            "both_sides_nerve",
        ),
        (
            "S6 weight loss",
            {"weight_loss": True, "location": ("groin",)},
            "urgent",
            "weight_loss",
        ),
        (
            "S6 cancer history with night pain",
            {"history": ("cancer",), "timing": ("at_night",), "location": ("outer_hip",)},
            "urgent",
            "cancer_rest_pain",
        ),
        (
            "S6 66 M deep groin pain at rest and at night for 6+ weeks",
            {
                "location": ("groin", "deep_joint"),
                "timing": ("at_rest", "at_night"),
                "duration": "over_6_weeks",
                "age": 66,
                "sex": "male",
            },
            "urgent",
            "deep_pain_rest_and_night",
        ),
        (
            "S6 long-term steroids with groin pain (AVN)",
            {"history": ("steroid_use",), "location": ("groin",), "age": 40},
            "urgent",
            "avascular_necrosis",
        ),
        (
            "hip replacement, new pain for two weeks, getting worse (infection route)",
            {
                "history": ("hip_surgery_or_injection",),
                "duration": "1_to_6_weeks",
                "trend": "worse",
            },
            "urgent",
            "procedure_worse",
        ),
        (
            "S7 42 F sudden pop low in the buttock with bruising",
            {
                "location": ("sit_bone", "back_of_thigh"),
                "symptoms": ("pop", "bruising"),
                "onset": "sudden",
                "severity": 6,
                "age": 42,
                "sex": "female",
            },
            "urgent",
            "hamstring_pop",
        ),
        (
            "S7 sudden sharp low-buttock and back-of-thigh pain, no pop reported",
            {"location": ("buttock", "back_of_thigh"), "onset": "sudden", "severity": 6},
            "urgent",
            "hamstring_sudden_buttock_thigh",
        ),
        (
            "S10 a hip that locks and will not move",
            {"symptoms": ("locking",), "location": ("groin",)},
            "urgent",
            "locking",
        ),
        (
            "seed 004: a limp",
            {"limp": True, "location": ("outer_hip",), "age": 40},
            "urgent",
            "limp",
        ),
        (
            "S10 severe pain on walking",
            {"severity": 7, "timing": ("walking",), "location": ("outer_hip",)},
            "urgent",
            "severe_walking",
        ),
        (
            "inflammatory back pain: young, morning stiffness, psoriasis",
            {
                "location": ("lower_back", "buttock"),
                "timing": ("morning",),
                "symptoms": ("stiffness",),
                "history": ("inflammatory_disease",),
                "age": 28,
            },
            "routine",
            "inflammatory_back",
        ),
        (
            "young adult, worsening night pain in the thigh (shaft fracture or tumour)",
            {
                "location": ("outer_thigh",),
                "timing": ("at_night",),
                "trend": "worse",
                "duration": "1_to_6_weeks",
                "age": 22,
            },
            "urgent",
            "thigh_night_pain_worse",
        ),
        (
            "cancer history with new pain on walking",
            {"history": ("cancer",), "timing": ("walking",), "location": ("groin",), "age": 35},
            "urgent",
            "cancer_rest_pain",
        ),
        (
            "sudden sharp back-of-thigh pain sprinting: assessed within days",
            {
                "location": ("back_of_thigh",),
                "onset": "sudden",
                "triggers": ("speed_work",),
                "severity": 6,
                "age": 42,
            },
            "routine",
            "hamstring_sudden",
        ),
        (
            "12-year-old, knee pain under a week: never self-care, SCFE named",
            {"location": ("outer_knee",), "duration": "under_1_week", "age": 12},
            "routine",
            "adolescent_any",
        ),
        (
            "a painless groin lump (hernia)",
            {"symptoms": ("groin_lump",), "severity": 2},
            "routine",
            "groin_lump",
        ),
        (
            "a painful groin lump",
            {"symptoms": ("groin_lump",), "severity": 8},
            "urgent",
            "painful_groin_lump",
        ),
    ],
)
def test_review_pictures_get_the_level_a_clinician_gives(
    kb: KnowledgeBase, name: str, answers: dict[str, Any], level: str, rule: str
) -> None:
    got, rules = triage(kb, answers)
    assert got == level, name
    assert rule in rules, name


@pytest.mark.parametrize(
    ("name", "answers"),
    [
        (
            "mild outer-hip ache under a week, improving",
            {
                "location": ("outer_hip",),
                "duration": "under_1_week",
                "trend": "better",
                "severity": 2,
            },
        ),
        (
            "painless clicking (snapping hip)",
            {"symptoms": ("clicking",), "location": ("front_hip",), "severity": 1, "age": 20},
        ),
        (
            "numb, burning outer thigh with a running belt (meralgia), no weakness",
            {"location": ("outer_thigh",), "pain_type": ("burning",), "severity": 2},
        ),
        (
            "tight after a hill session",
            {"pain_type": ("tightness",), "timing": ("after_run",), "severity": 3},
        ),
    ],
)
def test_self_care_stays_self_care(kb: KnowledgeBase, name: str, answers: dict[str, Any]) -> None:
    """Published checkers send far too many to a doctor: these stay at home."""
    assert triage(kb, answers)[0] == "self_care", name


def test_a_sudden_strain_in_a_young_woman_is_not_a_bone_stress_route(kb: KnowledgeBase) -> None:
    """Walking hurts with a fresh strain too: the young-female bone route
    needs pain that built up or has lasted over a week."""
    level, rules = triage(
        kb,
        {
            "location": ("groin",),
            "onset": "sudden",
            "triggers": ("kicking",),
            "timing": ("walking",),
            "duration": "under_1_week",
            "age": 25,
            "sex": "female",
            "severity": 4,
        },
    )
    assert not {"bone_stress_young_female", "bone_stress_young_female_weeks"} & rules
    assert level != "urgent"


def test_numbness_of_the_thigh_alone_is_routine_not_urgent(kb: KnowledgeBase) -> None:
    level, rules = triage(kb, {"location": ("outer_thigh",), "symptoms": ("numbness",)})
    assert level == "routine" and "numbness" in rules
    top = assess(kb, {"location": ("outer_thigh",), "symptoms": ("numbness",),
                      "pain_type": ("burning",)}).conditions[0]  # fmt: skip
    assert top.id == "meralgia_paresthetica"


def test_routes_never_depend_on_the_ranking(kb: KnowledgeBase) -> None:
    """A strongly supported alternative cause cannot lower a red-flag route:
    pile on every answer for gluteal tendinopathy beside the bone pattern."""
    answers = {
        **GROIN_WALKING,
        "location": ("groin", "outer_hip"),
        "triggers": ("single_leg", "lying_on_side", "pressing_outer_hip", "stairs_hills"),
        "mechanics": ("hip_drop", "cross_over_gait"),
    }
    a = assess(kb, answers)
    assert a.conditions[0].id != "femoral_stress_fracture"
    assert a.triage.level == "urgent"


def test_every_emergency_rule_question_is_a_safety_screen_red_flag(kb: KnowledgeBase) -> None:
    """Emergency answers are asked first, on the safety screen, and stop it:
    a yes/no red flag, or a value of a "several" safety question (whose
    emergency values are safety-floor cases)."""
    floor = [(c.answers, c.must_be) for c in safety_floor.builtin_cases()]
    for r in kb.triage_rules:
        if r.level == "emergency" and len(r.when) == 1:
            ((qid, test),) = r.when.items()
            q = kb.question_by_id[qid]
            assert q.screen == "safety", qid
            if q.kind == "yes_no":
                assert q.red_flag, qid
            else:
                assert isinstance(test, list), qid
                assert all(({qid: [v]}, "emergency") in floor for v in test), qid
