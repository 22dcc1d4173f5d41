"""A clinician's review of this session's exceptions (injury, teenagers,
under-fuelling, swelling, rash): each answer set below got less than it must
(or, for the last ones, more than it should) on the reviewed file."""

from __future__ import annotations

from typing import Any

import pytest

from hipcheck.knowledge import KnowledgeBase

from .helpers import triage_level as level

WALKED_ON = {"injury": True, "cannot_bear_weight": False, "limp": False, "trend": "better"}
WALKED_ON |= {"duration": "under_1_week"}


@pytest.mark.parametrize(
    "answers",
    [
        # P1: a teenager's avulsion after a fall or kick: onset is not asked
        # after an injury, so the teenage sudden-onset route could not fire
        {**WALKED_ON, "age": 15, "location": ["front_hip"], "severity": 6},
        {**WALKED_ON, "age": 14, "location": ["groin"], "severity": 5, "trend": "same"},
        # P2: severe pain after a knock, walked on and easing
        {**WALKED_ON, "age": 35, "location": ["groin", "front_hip"], "severity": 7},
        # P4/P5: lost hip movement at 16 or under, with a click or on both sides
        {"age": 12, "location": ["groin"], "symptoms": ["clicking", "reduced_motion"]}
        | {"severity": 2, "duration": "1_to_6_weeks", "trend": "same"},
        {"age": 12, "location": ["inner_knee"], "side": "both", "symptoms": ["reduced_motion"]}
        | {"duration": "under_1_week", "trend": "better", "severity": 3, "limp": False},
        # P4: a click getting worse, or in the thigh and knee, is not a snapping tendon
        {"age": 13, "location": ["front_thigh", "inner_knee"], "symptoms": ["clicking"]}
        | {"severity": 2, "duration": "1_to_6_weeks", "trend": "worse", "limp": False},
    ],
)
def test_these_stay_urgent(kb: KnowledgeBase, answers: dict[str, Any]) -> None:
    assert level(kb, answers) in ("urgent", "emergency")


def test_groin_pain_on_walking_after_a_fall_is_not_self_care(kb: KnowledgeBase) -> None:
    # P3: an impacted hip fracture hurts in the groin on walking; a bruise
    # on the outer hip is what the self-care exception is for
    fall = {**WALKED_ON, "age": 49, "location": ["groin"], "timing": ["walking"], "severity": 6}
    assert level(kb, fall) != "self_care"
    bruise = {**WALKED_ON, "age": 33, "location": ["outer_hip"], "severity": 5}
    assert level(kb, bruise) == "self_care"


@pytest.mark.parametrize(
    "answers",
    [
        # O2: swelling that is worse and sore at night lying on a tendon
        {"age": 55, "location": ["outer_hip"], "symptoms": ["swelling"], "trend": "worse"}
        | {"timing": ["at_night"], "triggers": ["lying_on_side"]},
        # O3: under-fuelling with a hamstring strain or the outer knee
        {"age": 22, "training": ["underfuelling"], "location": ["back_of_thigh"]}
        | {"onset": "sudden", "severity": 3, "trend": "same", "duration": "under_1_week"},
        {"age": 20, "training": ["underfuelling"], "location": ["outer_knee"], "severity": 3},
    ],
)
def test_these_are_not_urgent(kb: KnowledgeBase, answers: dict[str, Any]) -> None:
    assert level(kb, answers) not in ("urgent", "emergency")


def test_the_clot_and_rash_choices_ask_for_what_is_new(kb: KnowledgeBase) -> None:
    # O1, O4: "tender" caught every strain; a rash caught chafing and old psoriasis
    elsewhere = kb.question_by_id["elsewhere"].choice("leg_swelling").label
    assert "newly swollen" in elsewhere and "tender" not in elsewhere
    rash = kb.question_by_id["symptoms"].choice("rash").label
    assert rash.startswith("A new rash") and "chafing" in rash


def test_a_clot_page_says_today_in_every_format(tmp_path: Any) -> None:
    """P6: the clot's reason said "today" and the page's advice "within one
    to two days". Below emergency, the advice of the rules that set the
    level replaces the level's own."""
    import json

    from .helpers import run

    flags = ["--elsewhere", "leg-swelling", "--location", "back-of-thigh", "--no-fever"]
    doc = json.loads(run("check", *flags, "--format", "json").out)
    assert doc["triage"]["level"] == "urgent"
    assert doc["triage"]["advice"].startswith("See a doctor today")
    for fmt in ("text", "markdown", "html"):
        page = " ".join(run("check", *flags, "--format", fmt).out.split())
        assert "See a doctor today" in page, fmt
        assert "within one to two days" not in page, fmt
    # a level set by rules without their own advice keeps the level's words
    plain = json.loads(run("check", "--location", "outer-hip", "--format", "json").out)
    assert plain["triage"]["advice"] == run_level_advice(plain["triage"]["level"])


def run_level_advice(level: str) -> str:
    from hipcheck.knowledge import load

    return load().levels[level].advice


@pytest.mark.parametrize(
    "answers",
    [
        # WK10, WK18 (a fourth blind written set): a slip and a misstep,
        # easing, weight-bearing not answered
        {"injury": True, "location": ["groin"], "trend": "better", "age": 26}
        | {"duration": "under_1_week", "triggers": ["squeezing_knees"]},
        {"injury": True, "location": ["sacroiliac"], "trend": "better", "age": 30}
        | {"duration": "under_1_week"},
        # WK07: a mild twinge at the sit bone, easing
        {"location": ["back_of_thigh", "sit_bone"], "onset": "sudden", "severity": 3}
        | {"trend": "better", "duration": "under_1_week", "age": 19},
        # WK26, WH27: sciatica with tingling, the saddle answered no, no score
        {"location": ["buttock", "back_of_thigh"], "pain_type": ["shooting"]}
        | {"symptoms": ["numbness"], "saddle_numbness": False, "age": 50},
    ],
)
def test_the_fourth_sets_ordinary_runners_are_not_urgent(
    kb: KnowledgeBase, answers: dict[str, Any]
) -> None:
    assert level(kb, answers) == "routine"


@pytest.mark.parametrize(
    "change",
    [
        {"trend": "same"},  # not easing
        {"age": 55},  # 50 or over
        {"severity": 8},  # severe
        {"symptoms": ["numbness", "weakness"]},  # a weak leg
    ],
)
def test_without_those_answers_they_stay_urgent(kb: KnowledgeBase, change: dict[str, Any]) -> None:
    slip = {"injury": True, "location": ["groin"], "trend": "better", "age": 26}
    sciatica = {"location": ["buttock"], "pain_type": ["shooting"], "symptoms": ["numbness"]}
    sciatica |= {"saddle_numbness": False, "age": 50}
    target = sciatica if "symptoms" in change else slip
    assert level(kb, target | change) in ("urgent", "emergency")
