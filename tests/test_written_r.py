"""A tenth blind written set (tests/cases/written_v3_r.json: 50 cases an
emergency and sports physician wrote from the contract alone for a city
running club's weekend clinic, measured once on 2026.12.47 before any
change: 1 under-triaged, 3 of 34 ordinary runners over, self-care kept in
10 of 23, top-1 97%, top-3 100%, fit poor on 10 of 14 cases outside the
file, interview median 10 and none below the full form).

The under-triaged case, WR34: the back of her thigh swollen, tight and
aching three days after flying home from a marathon, on the pill, no
injury, no timing or trend given, was routine: the swelling routes waited
for pain at rest or for "getting worse". New swelling of the thigh or
groin within the week with no injury given is now urgent (swelling_new,
NICE NG158: a suspected clot in a leg vein is assessed the same day)."""

from __future__ import annotations

from pathlib import Path

import pytest

from hipcheck.knowledge import KnowledgeBase

from .conftest import KB_PATH
from .helpers import assessed, check_blind_set

WRITTEN_R = KB_PATH.parents[1] / "tests" / "cases" / "written_v3_r.json"

WR34 = {"age": 38, "sex": "female", "side": "left", "location": ["back_of_thigh"],
        "symptoms": ["swelling"], "pain_type": ["tightness", "dull_ache"],
        "duration": "under_1_week", "injury": False}  # fmt: skip


def test_new_thigh_swelling_without_an_injury_is_urgent(kb: KnowledgeBase) -> None:
    a = assessed(kb, WR34)
    assert a.triage.level == "urgent"
    assert "swelling_new" in {r.rule for r in a.triage.reasons}
    assert any("blood clot" in r.text for r in a.triage.reasons)


@pytest.mark.parametrize(
    "change",
    [
        {"trend": "better"},  # settling
        {"onset": "sudden", "trend": "same", "triggers": ["speed_work"]},  # a strain on a sprint
        {"onset": "sudden", "trend": "same", "triggers": ["kicking"]},
        # a clinician's review: a strain told by how it started, not by a trigger
        {"onset": "sudden", "trend": "same", "timing": ["during_run"], "pain_type": ["sharp"]},
        # (a pop at the back of the thigh is the hamstring's urgent route)
        {
            "onset": "sudden",
            "trend": "same",
            "symptoms": ["swelling", "pop"],
            "location": ["front_thigh"],
        },
        # both legs, gradually, after a marathon: sore muscles (a clot swells one leg)
        {"side": "both", "onset": "gradual", "timing": ["after_run"], "trend": "same"},
    ],
)
def test_easing_a_strain_or_both_legs_sore_is_examined_within_a_week(
    kb: KnowledgeBase, change: dict[str, object]
) -> None:
    a = assessed(kb, {**WR34, **change})
    assert a.triage.level == "routine", [r.rule for r in a.triage.reasons]
    texts = [r.text for r in a.triage.reasons]
    assert "Swelling where it hurts should be examined." not in texts  # said once


@pytest.mark.parametrize(
    "change",
    [
        {"onset": "sudden", "triggers": ["speed_work"]},  # no trend: a clot taken for a strain
        {"onset": "sudden", "triggers": ["speed_work"], "trend": "worse"},
        {"onset": "sudden", "triggers": ["twisting"], "trend": "same", "history": ["pregnant_now"]},
        {"onset": "sudden", "triggers": ["lifting_leg"], "trend": "worse",
         "history": ["gave_birth_last_year"]},
        {"trend": "better", "history": ["cancer"], "age": 58, "sex": "male"},
    ],
)  # fmt: skip
def test_a_clot_taken_for_a_strain_or_with_a_risk_stays_urgent(
    kb: KnowledgeBase, change: dict[str, object]
) -> None:
    """The review: each of these had read routine."""
    a = assessed(kb, {**WR34, **change})
    assert a.triage.level == "urgent", [r.rule for r in a.triage.reasons]


def test_in_pregnancy_the_page_says_today_and_the_maternity_unit(kb: KnowledgeBase) -> None:
    from hipcheck.core.triage import level_advice, level_title

    a = assessed(kb, {**WR34, "history": ["pregnant_now"]})
    advice = level_advice(a.triage, "")
    assert advice.startswith("Call your midwife or maternity unit, or see a doctor, today")
    assert "blood pressure" in advice
    # she said she is pregnant: no "if you are pregnant" (a reading of pages)
    title = level_title(a.triage, "")
    assert "if you are pregnant" not in f"{title} {advice}"
    cancer = assessed(kb, {**WR34, "history": ["cancer"]})
    assert level_advice(cancer.triage, "").startswith("See a doctor today")
    assert "midwife" not in level_advice(cancer.triage, "")


@pytest.mark.parametrize(
    "place", [["groin"], ["inner_knee"], ["outer_thigh"]]
)  # a node or a hernia, a bursa, the iliotibial band
def test_swelling_elsewhere_than_the_thigh_is_routine(kb: KnowledgeBase, place: list[str]) -> None:
    a = assessed(kb, {**WR34, "location": place, "severity": 2, "onset": "gradual",
                      "trend": "same"})  # fmt: skip
    assert a.triage.level == "routine", [r.rule for r in a.triage.reasons]


def test_after_an_injury_the_injury_routes_decide(kb: KnowledgeBase) -> None:
    a = assessed(kb, {**WR34, "injury": True})
    assert "swelling_new" not in {r.rule for r in a.triage.reasons}


def test_one_reason_beside_the_other_swelling_routes(kb: KnowledgeBase) -> None:
    a = assessed(kb, {**WR34, "timing": ["at_rest"]})
    rules = [r.rule for r in a.triage.reasons]
    assert "swelling_at_rest" in rules and "swelling_new" not in rules


def test_the_blind_set(kb: KnowledgeBase) -> None:
    check_blind_set(kb, Path(WRITTEN_R))


WR46 = {"age": 42, "sex": "male", "side": "right", "location": ["front_thigh"],
        "duration": "over_6_weeks", "timing": ["during_run"],
        "triggers": ["speed_work", "stairs_hills"], "symptoms": ["weakness"],
        "elsewhere": ["cramp_stops"]}  # fmt: skip


def test_weakness_with_the_cramp_that_stops_stays_urgent_without_a_trend(
    kb: KnowledgeBase,
) -> None:
    """WR46, a triathlete's thigh weak and crampy on hard efforts for four
    months, gone within minutes of stopping (iliac endofibrosis), is urgent
    on the weakness route when no trend is given. Two exceptions for it were
    withdrawn after clinicians' reviews: they acted only without the trend,
    and then let a nerve root told without back pain, spinal stenosis, a
    femoral neck stress fracture or a teenager's tumour through. "The same"
    lowers it; getting worse is urgent (weakness_worse)."""
    a = assessed(kb, WR46)
    assert a.triage.level == "urgent" and "weakness" in {r.rule for r in a.triage.reasons}
    assert assessed(kb, {**WR46, "trend": "same"}).triage.level == "routine"
    worse = assessed(kb, {**WR46, "trend": "worse"})
    assert worse.triage.level == "urgent"
    assert "weakness_worse" in {r.rule for r in worse.triage.reasons}
