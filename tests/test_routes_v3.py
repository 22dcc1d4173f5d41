"""Triage v3 routes (issue 17; clinical review 2, R1-R5 and section 5).

Each picture is one the second clinical review found under-triaged, written
as the runner answered it (answer sets in tests/cases/probes_clinical_2.json).
The routes are direct rules on the answers: none rests on a ranking share.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hipcheck.core.assessment import assess
from hipcheck.core.evaluate import Case
from hipcheck.core.interview_eval import interview
from hipcheck.knowledge import KnowledgeBase
from tests.helpers import run

NO_FLAGS: dict[str, Any] = {
    "cannot_bear_weight": False,
    "deformity": False,
    "fever": False,
    "saddle_numbness": False,
    "injury": False,
    "limp": False,
    "weight_loss": False,
    "elsewhere": (),
}


def triage(kb: KnowledgeBase, answers: dict[str, Any]) -> tuple[str, set[str]]:
    t = assess(kb, {**NO_FLAGS, **answers}).triage
    return t.level, {r.rule for r in t.reasons}


@pytest.mark.parametrize(
    ("name", "answers", "level", "rule"),
    [
        (
            "OL07: 72 F, sudden groin pain getting out of a car, walking hurts, no fall",
            {
                "location": ("groin",),
                "onset": "sudden",
                "duration": "under_1_week",
                "severity": 5,
                "timing": ("walking",),
                "age": 72,
                "sex": "female",
            },
            "urgent",
            "older_sudden_bone_pain",
        ),
        (
            "OL08: 75 F, sudden sacral pain after lifting, walking hurts",
            {
                "location": ("lower_back", "buttock", "sacroiliac"),
                "onset": "sudden",
                "duration": "under_1_week",
                "severity": 6,
                "timing": ("walking",),
                "age": 75,
                "sex": "female",
            },
            "urgent",
            "older_sudden_bone_pain",
        ),
        (
            "OL09: 68 F on bisphosphonates for years, outer-thigh ache on walking",
            {
                "location": ("outer_thigh",),
                "onset": "gradual",
                "duration": "1_to_6_weeks",
                "timing": ("walking",),
                "history": ("bone_medicine",),
                "age": 68,
                "sex": "female",
            },
            "urgent",
            "bone_medicine_thigh",
        ),
        (
            "BS13: groin ache during runs only after a mileage jump, easing",
            {
                "location": ("groin",),
                "onset": "gradual",
                "duration": "1_to_6_weeks",
                "trend": "better",
                "severity": 4,
                "timing": ("during_run",),
                "training": ("mileage_jump",),
                "age": 38,
                "sex": "male",
            },
            "routine",
            "bone_stress_running_groin",
        ),
        (
            "AD10: 17 F, back-of-thigh ache at night for 4 weeks",
            {
                "location": ("back_of_thigh",),
                "duration": "1_to_6_weeks",
                "timing": ("at_night",),
                "age": 17,
                "sex": "female",
            },
            "urgent",
            "young_night_pain",
        ),
        (
            "BS15: 4 months after birth, back-of-pelvis pain walking",
            {
                "location": ("sacroiliac",),
                "duration": "1_to_6_weeks",
                "timing": ("walking",),
                "history": ("gave_birth_last_year",),
                "age": 31,
                "sex": "female",
            },
            "urgent",
            "bone_stress_postpartum",
        ),
        (
            "12 M, front-of-thigh and inner-knee pain: a slipped growth plate is named",
            {"location": ("front_thigh", "inner_knee"), "duration": "under_1_week", "age": 12},
            "routine",
            "adolescent_any",
        ),
        (
            "femoral shaft: front-of-thigh ache now on walking after a mileage jump",
            {
                "location": ("front_thigh",),
                "timing": ("during_run", "walking"),
                "training": ("mileage_jump",),
                "age": 27,
            },
            "urgent",
            "bone_stress_femoral_shaft",
        ),
        (
            "rest pain days after a hip injection, no fever (septic arthritis)",
            {
                "location": ("groin",),
                "duration": "under_1_week",
                "timing": ("at_rest", "at_night"),
                "history": ("hip_surgery_or_injection",),
                "age": 60,
            },
            "urgent",
            "procedure_rest_pain",
        ),
        (
            "sickle cell disease, groin pain (avascular necrosis)",
            {"location": ("groin",), "history": ("sickle_cell",), "age": 24},
            "urgent",
            "avascular_necrosis",
        ),
        (
            "morning stiffness over an hour at 30 (inflammatory arthritis)",
            {"location": ("groin",), "stiffness_minutes": "over_60", "age": 30},
            "routine",
            "inflammatory_stiffness",
        ),
    ],
)
def test_review_2_pictures_reach_their_route(
    kb: KnowledgeBase, name: str, answers: dict[str, Any], level: str, rule: str
) -> None:
    got, rules = triage(kb, answers)
    assert got == level, name
    assert rule in rules, name


@pytest.mark.parametrize(
    ("value", "level", "rule"),
    [
        ("testicle", "emergency", "testicle_pain"),
        ("pregnancy_pain", "emergency", "pregnancy_pain"),
        ("belly_pain", "emergency", "belly_pain"),
        ("lump_stuck", "emergency", "lump_stuck"),
        ("urine", "urgent", "urine"),
        ("cramp_stops", "routine", "cramp_stops"),
    ],
)
def test_causes_outside_the_hip(kb: KnowledgeBase, value: str, level: str, rule: str) -> None:
    """VI01, VI02, HE02, VA01: the `elsewhere` safety question routes them,
    whatever the hip answers say (here an ordinary outer-hip ache)."""
    answers = {"location": ("groin",), "onset": "sudden", "severity": 6, "age": 19}
    got, rules = triage(kb, {**answers, "elsewhere": (value,)})
    assert (got, rule in rules) == (level, True)


@pytest.mark.parametrize("history", ["gave_birth_last_year", "recent_pregnancy"])
def test_the_post_partum_route_survives_the_interview(kb: KnowledgeBase, history: str) -> None:
    """Review finding 3: the interview lowered BS15 to routine because the
    level rested on the pelvic score; now a direct rule holds it, whichever
    way the history was given (`recent_pregnancy` means either)."""
    answers = {
        "location": ["sacroiliac"],
        "duration": "1_to_6_weeks",
        "timing": ["walking"],
        "history": [history],
        "age": 31,
        "sex": "female",
    }
    case = Case("BS15", answers, ("pelvic_stress_fracture",), ("urgent",))
    assert interview(kb, case).result.level == "urgent"


def test_an_injection_years_ago_is_not_urgent(kb: KnowledgeBase) -> None:
    """OR18: the history answer has no date; alone it is routine."""
    got, rules = triage(
        kb,
        {
            "location": ("outer_hip",),
            "duration": "1_to_6_weeks",
            "triggers": ("lying_on_side",),
            "severity": 3,
            "history": ("hip_surgery_or_injection",),
            "age": 50,
            "sex": "female",
        },
    )
    assert got == "routine" and "hip_surgery" in rules


def test_a_sudden_buttock_pain_at_75_is_not_called_a_hamstring_strain(kb: KnowledgeBase) -> None:
    _, rules = triage(kb, {"location": ("buttock",), "onset": "sudden", "age": 75})
    assert "hamstring_sudden" not in rules and {"older_sudden", "older_sudden_recent"} & rules


# -- exceptions on positive answers (issue 17: not added requirements) -----------


@pytest.mark.parametrize(
    ("name", "answers", "level", "rule"),
    [
        (
            "OR07: slipped on ice, bruised, walking fine, 3/10: not urgent",
            {
                "injury": True,
                "location": ("outer_hip",),
                "duration": "under_1_week",
                "severity": 3,
                "symptoms": ("bruising",),
                "age": 36,
            },
            "self_care",  # mild, recent, walked on: the lowered level's own exception
            "injury",
        ),
        (
            "OR15: sore two days after a first hill session, easing",
            {
                "location": ("groin", "front_hip"),
                "duration": "under_1_week",
                "trend": "better",
                "severity": 3,
                "timing": ("walking", "after_run"),
                "training": ("hills_added",),
                "age": 28,
                "sex": "male",
            },
            "self_care",  # 3/10 and walked on normally: muscle soreness
            "bone_stress_training",
        ),
        (
            "OL10: a limp for months with osteoarthritis, unchanged",
            {
                "limp": True,
                "location": ("groin",),
                "duration": "over_6_weeks",
                "trend": "same",
                "severity": 4,
                "age": 68,
            },
            "routine",
            "limp",
        ),
        (
            "OR02: the same pinching groin pain for two months",
            {
                "location": ("groin",),
                "duration": "over_6_weeks",
                "trend": "same",
                "severity": 4,
                "timing": ("during_run", "walking"),
                "age": 29,
            },
            "routine",
            "bone_stress_run_to_walk",
        ),
    ],
)
def test_an_exception_lowers_a_broad_rule(
    kb: KnowledgeBase, name: str, answers: dict[str, Any], level: str, rule: str
) -> None:
    got, rules = triage(kb, answers)
    # at self-care the broad rule gives nothing at all
    assert (got, rule in rules) == (level, level != "self_care"), name


@pytest.mark.parametrize(
    ("name", "answers"),
    [
        (
            "TH01: thin, groin pain walking after a mileage jump (nothing else)",
            {"location": ("groin",), "timing": ("walking",), "training": ("mileage_jump",)},
        ),
        (
            "BS19: sudden groin pain in an interval session, now walking, 5 days",
            {
                "location": ("groin",),
                "onset": "sudden",
                "duration": "under_1_week",
                "severity": 5,
                "timing": ("during_run", "walking"),
                "age": 23,
                "sex": "female",
            },
        ),
        ("a limp reported, how long not said", {"limp": True, "location": ("groin",), "age": 30}),
        ("a fall, nothing else said", {"injury": True}),
        (
            "a slip with a limp",
            {"injury": True, "limp": True, "severity": 3, "age": 30},
        ),
    ],
)
def test_a_thin_or_worrying_history_keeps_the_broad_rule(
    kb: KnowledgeBase, name: str, answers: dict[str, Any]
) -> None:
    """The trial's lesson: a requirement added to a rule misses thin
    histories; an exception needs positive answers, so these stay urgent."""
    assert assess(kb, answers).triage.level == "urgent", name


def test_each_reason_names_the_answers_that_fired_it(kb: KnowledgeBase) -> None:
    t = assess(
        kb,
        {
            "location": ("groin", "outer_hip"),
            "timing": ("walking", "after_run"),
            "training": ("mileage_jump", "worn_shoes"),
            "age": 30,
        },
    ).triage
    bone = next(r for r in t.reasons if r.rule == "bone_stress_training")
    assert bone.answers == (
        ("location", "groin"),
        ("timing", "walking"),
        ("training", "mileage_jump"),
    )


def test_a_score_net_is_not_repeated_beside_a_route_naming_the_same_cause(
    kb: KnowledgeBase,
) -> None:
    """The femoral stress-fracture net said what the bone route says."""
    t = assess(
        kb,
        {
            "location": ("groin", "deep_joint"),
            "timing": ("walking", "at_night"),
            "training": ("mileage_jump",),
            "triggers": ("single_leg",),
            "age": 30,
        },
    ).triage
    rules = [r.rule for r in t.reasons]
    assert "bone_stress_training" in rules
    assert not [r for r in rules if r.startswith("condition:femoral")]


# -- Minor pictures left to self-care (review: over-triage) ---------------------
# A broad rule's lowered level can have exceptions of its own (positive
# answers only): a knock that is mild, recent and walked on normally, a mild
# hamstring twinge, soreness easing within days of a new session.

SLIP = {
    "injury": True,
    "limp": False,
    "location": ("outer_hip",),
    "onset": "sudden",
    "duration": "under_1_week",
    "severity": 3,
    "symptoms": ("bruising",),
    "age": 29,
    "sex": "female",
}
TWINGE = {
    "location": ("back_of_thigh",),
    "onset": "sudden",
    "duration": "under_1_week",
    "severity": 4,
    "timing": ("during_run",),
    "age": 22,
    "sex": "male",
}
DOMS = {
    "location": ("groin", "front_hip"),
    "onset": "gradual",
    "duration": "under_1_week",
    "trend": "better",
    "severity": 3,
    "timing": ("walking", "after_run"),
    "training": ("hills_added",),
    "age": 28,
    "sex": "male",
}


@pytest.mark.parametrize(
    ("base", "change", "level"),
    [
        (SLIP, {}, "self_care"),
        (SLIP, {"severity": 5}, "routine"),  # not mild: booked
        (SLIP, {"duration": "1_to_6_weeks"}, "routine"),  # not settling
        (SLIP, {"limp": True}, "urgent"),
        (SLIP, {"age": 55}, "urgent"),
        (TWINGE, {}, "self_care"),
        (TWINGE, {"severity": 5}, "routine"),
        (TWINGE, {"limp": True}, "urgent"),
        (DOMS, {}, "self_care"),
        (DOMS, {"severity": 4}, "routine"),  # the lowered bone route: stop, seen in a week
        # "the same" on the second day is what soreness does (it peaks 24-72
        # hours after new or downhill work: a clinician's review, stop 35)
        (DOMS, {"trend": "same"}, "self_care"),
        (DOMS, {"trend": "worse"}, "urgent"),
        (DOMS, {"trend": "same", "training": ("hills_added", "mileage_jump")}, "urgent"),
        (DOMS, {"limp": True}, "urgent"),
    ],
)
def test_minor_pictures_left_to_self_care(
    kb: KnowledgeBase, base: dict[str, Any], change: dict[str, Any], level: str
) -> None:
    assert triage(kb, {**base, **change})[0] == level


@pytest.mark.parametrize(
    "drop", [("limp", "cannot_bear_weight"), ("severity",), ("duration",), ("symptoms", "limp")]
)
def test_a_thin_knock_keeps_the_injury_rule(kb: KnowledgeBase, drop: tuple[str, ...]) -> None:
    """The exceptions need answers given: leave one out and the knock is
    not cleared for self-care. (A bruise borne on needs no limp answer,
    2026.12.64: tests/test_first_week_injury.py; without the bruise it does.)"""
    answers = {k: v for k, v in SLIP.items() if k not in drop}
    t = assess(kb, {**{k: v for k, v in NO_FLAGS.items() if k not in drop}, **answers}).triage
    assert t.level != "self_care"


# -- Thin histories keep the routes (issue 17: "a requirement added to a rule
# misses thin histories; an exception on a positive answer does not") ---------


@pytest.mark.parametrize(
    ("answers", "rule"),
    [
        # D007 (held-out, a femoral stress reaction): no age given
        (
            {"location": ("front_hip", "front_thigh"), "timing": ("during_run", "walking")},
            "bone_stress_run_to_walk_age_unknown",
        ),
        ({"location": ("groin",), "timing": ("at_night",)}, "deep_rest_pain_age_unknown"),
        # D041 (held-out): rest pain after an injection, duration not given
        (
            {"history": ("hip_surgery_or_injection",), "timing": ("after_run", "at_rest")},
            "procedure_rest_pain",
        ),
        ({"history": ("weak_immune_system",), "location": ("groin",)}, "infection_risk"),
    ],
)
def test_an_unanswered_age_or_duration_keeps_the_route(
    kb: KnowledgeBase, answers: dict[str, Any], rule: str
) -> None:
    level, rules = triage(kb, answers)
    assert (level, rule in rules) == ("urgent", True)


@pytest.mark.parametrize(
    ("answers", "absent"),
    [
        (
            {"location": ("groin",), "timing": ("during_run", "walking"), "age": 55},
            "bone_stress_run_to_walk_age_unknown",
        ),
        (
            {"location": ("groin",), "timing": ("at_night",), "age": 70},
            "deep_rest_pain_age_unknown",
        ),
        (
            {
                "history": ("hip_surgery_or_injection",),
                "timing": ("at_rest",),
                "duration": "over_6_weeks",
            },
            "procedure_rest_pain",
        ),
    ],
)
def test_once_answered_the_age_or_duration_decides(
    kb: KnowledgeBase, answers: dict[str, Any], absent: str
) -> None:
    assert absent not in triage(kb, answers)[1]


PROGRESSING = {
    "location": ("front_hip",),
    "onset": "gradual",
    "duration": "1_to_6_weeks",
    "trend": "worse",
    "timing": ("during_run",),
    "age": 25,
    "sex": "male",
}


@pytest.mark.parametrize(
    ("change", "urgent"),
    [
        ({}, True),  # D001 (held-out): a recruit's femoral neck stress fracture
        ({"symptoms": ("clicking", "catching")}, False),  # the joint: seen within a week
        ({"trend": "same"}, False),
        ({"age": 41}, True),  # CR09 (published): 41, under NICE's age for osteoarthritis
        ({"age": 44}, True),
        ({"age": 45}, False),  # from 45 the same history is diagnosed as osteoarthritis
    ],
)
def test_groin_pain_on_runs_getting_worse_for_weeks(
    kb: KnowledgeBase, change: dict[str, Any], urgent: bool
) -> None:
    level, rules = triage(kb, {**PROGRESSING, **change})
    assert ("bone_stress_progressing" in rules) is urgent
    assert (level == "urgent") is urgent


@pytest.mark.parametrize(
    ("change", "urgent"),
    [
        ({}, True),  # A024 (published): a 15-year-old, sudden pain in a speed session
        ({"location": ("groin",)}, True),  # the located rule
        ({"location": ("inner_knee",)}, False),  # away from the pelvis's apophyses
        # "None of these" (an empty list): where it hurts is not placed either
        # (reliability re-check N9b: the answers file's [] gave self-care)
        ({"location": ()}, True),
        ({"age": 19}, False),
        ({"onset": "gradual"}, False),
    ],
)
def test_a_sudden_start_in_a_teenager_is_an_avulsion_until_x_rayed(
    kb: KnowledgeBase, change: dict[str, Any], urgent: bool
) -> None:
    answers = {
        "onset": "sudden",
        "timing": ("during_run",),
        "triggers": ("speed_work",),
        "duration": "under_1_week",
        "trend": "better",
        "age": 15,
        "sex": "male",
        **change,
    }
    level, rules = triage(kb, answers)
    assert (level == "urgent") is urgent
    assert bool({"adolescent_sudden", "adolescent_sudden_location_unknown"} & set(rules)) is urgent


def test_location_none_of_these_reads_the_same_in_every_input(tmp_path: Path) -> None:
    """An answers file's `location = []`, a JSON `[]` and a batch CSV's empty
    cell give the same level for a 15-year-old with a sudden pain."""
    toml = tmp_path / "a.toml"
    toml.write_text('age = 15\nonset = "sudden"\nlocation = []\n')
    jsn = tmp_path / "a.json"
    jsn.write_text('{"age": 15, "onset": "sudden", "location": []}')
    csv = tmp_path / "b.csv"
    csv.write_text("id,age,onset,location\nt,15,sudden,\n")
    levels = {
        json.loads(run("check", "--answers", str(p), "--format", "json").out)["triage"]["level"]
        for p in (toml, jsn)
    }
    row = run("batch", str(csv), "--format", "csv").out.splitlines()[1]
    assert levels == {"urgent"} and ",urgent," in row
