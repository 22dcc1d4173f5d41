"""A bruise from a knock at the front of the thigh, walked on, under 50.

Blind written sets (WU27, WR50): a knee to the front of the thigh in a
race, or a fall onto a rock, bruised, swollen and stiff but walked on, the
day before: urgent ("a doctor should check for a fracture or a tear")
for want of a pain score. A quadriceps contusion (a "dead leg") that is
borne on is managed without imaging (Kary 2010; PEACE and LOVE, Dubois
2020): a physiotherapist or doctor within a week or two, sooner if it does
not settle. Routine, then, not self-care: a front-thigh contusion can
stiffen the knee and, rarely, bleed into the muscle or form bone there.

What keeps it urgent: getting worse, a pop (a tear), any place the
exception does not name (the groin, the deep hip, the back of the thigh,
the knee), 50 or over, a week or more, not bearing weight, a limp, or 7/10
and more. The same over a few days is a bruise's course: booked.
"""

from __future__ import annotations

from typing import Any

import pytest

from hipcheck.core.answers import parse_answers
from hipcheck.core.assessment import assess
from hipcheck.knowledge import KnowledgeBase

#: WU27's answers, as a blind writer gave them.
DEAD_LEG: dict[str, Any] = {
    "age": 25,
    "sex": "male",
    "injury": True,
    "side": "left",
    "location": ["front_thigh"],
    "symptoms": ["bruising", "swelling", "stiffness"],
    "cannot_bear_weight": False,
    "onset": "sudden",
    "duration": "under_1_week",
}


def _level(kb: KnowledgeBase, answers: dict[str, Any]) -> str:
    return assess(kb, parse_answers(kb, answers)).triage.level


def test_a_dead_leg_walked_on_is_booked_not_urgent(kb: KnowledgeBase) -> None:
    a = assess(kb, parse_answers(kb, DEAD_LEG))
    assert a.triage.level == "routine"
    assert "injury" in {r.rule for r in a.triage.reasons}


@pytest.mark.parametrize(
    "change",
    [
        {"symptoms": ["bruising", "pop"]},
        {"location": ["front_thigh", "groin"]},
        {"location": ["front_thigh", "back_of_thigh"]},
        {"location": ["front_thigh", "inner_knee"]},
        {"age": 50},
        {"limp": True},
        {"severity": 7},
        {"duration": "1_to_6_weeks"},
        {"trend": "worse"},
        {"symptoms": ["swelling", "stiffness"]},
    ],
    ids=repr,
)
def test_what_keeps_a_knock_urgent(kb: KnowledgeBase, change: dict[str, Any]) -> None:
    assert _level(kb, {**DEAD_LEG, **change}) in {"urgent", "emergency"}


def test_not_bearing_weight_is_an_emergency(kb: KnowledgeBase) -> None:
    assert _level(kb, {**DEAD_LEG, "cannot_bear_weight": True}) == "emergency"


#: WX07's answers: a 10-year-old who tripped at a junior parkrun the day
#: before, a bruise on the outside of the thigh, walking and running around
#: normally and already less sore (the blind writer: self-care only).
CHILD_BRUISE: dict[str, Any] = {
    "age": 10,
    "sex": "female",
    "side": "left",
    "location": ["outer_thigh"],
    "injury": True,
    "onset": "sudden",
    "duration": "under_1_week",
    "trend": "better",
    "symptoms": ["bruising"],
    "limp": False,
    "cannot_bear_weight": False,
}


def test_a_childs_easing_bruise_walked_on_without_a_limp_is_self_care(
    kb: KnowledgeBase,
) -> None:
    a = assess(kb, parse_answers(kb, CHILD_BRUISE))
    assert a.triage.level == "self_care"
    # the growth plate's signs are still named on the page
    assert any("growth plate" in r.text for r in a.triage.reasons)


@pytest.mark.parametrize(
    "change",
    [
        {"symptoms": []},
        {"trend": "same"},
        {"limp": None},
        {"duration": "1_to_6_weeks"},
        {"location": ["outer_thigh", "outer_knee"]},
        {"location": ["outer_thigh", "groin"]},
        {"symptoms": ["bruising", "pop"]},
    ],
    ids=repr,
)
def test_what_keeps_a_childs_knock_booked(kb: KnowledgeBase, change: dict[str, Any]) -> None:
    answers = {k: v for k, v in {**CHILD_BRUISE, **change}.items() if v is not None}
    assert _level(kb, answers) in {"routine", "urgent", "emergency"}
