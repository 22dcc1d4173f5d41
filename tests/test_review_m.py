"""A clinician's review of knowledge file 2026.12.24-26 (the first-week
injury exceptions, the teenagers' first-week exception): each finding
failed on the reviewed file.

- S1: the adductor-squeeze exception let a pop or bruising at the groin
  (an adductor avulsion: Serner 2018) be self-care;
- S2: it had no place test, so deep joint pain after a twist (a labral tear
  or an occult fracture) was self-care with "keep running";
- S3: the teenagers' first-week exception let a kick or a sudden start (an
  apophyseal avulsion: Rossi & Dragoni 2001) be self-care; it is withdrawn,
  and the pubic bone joins the avulsion routes;
- S4: the bruise exception's place test passes on any one place, so a fall
  with outer hip and groin pain was self-care;
- O1: a 6/10 adductor strain, walked on and not yet easing, stayed urgent;
- W2: a self-care page after a knock said "No warning signs in your
  answers";
- W3: a self-care reason ("usually sore muscles") stood on a page whose
  level a higher rule set.
"""

from __future__ import annotations

from typing import Any

import pytest

from hipcheck.core.answers import parse_answers
from hipcheck.core.assessment import assess
from hipcheck.knowledge import KnowledgeBase

from .answer_sets import SCREENED
from .helpers import triage_level as level

SQUEEZE = {
    **SCREENED,
    "injury": True,
    "age": 34,
    "sex": "male",
    "location": ["groin"],
    "triggers": ["squeezing_knees"],
    "duration": "under_1_week",
    "limp": False,
}


@pytest.mark.parametrize(
    "answers",
    [
        # S1: a pop or bruising at the groin after the injury
        {**SQUEEZE, "symptoms": ["pop", "bruising"], "severity": 6, "trend": "better"},
        {**SQUEEZE, "symptoms": ["pop"], "severity": 3, "trend": "better"},
        # S2: deep joint pain after a twist
        {**SQUEEZE, "age": 40, "location": ["deep_joint"], "trend": "better"}
        | {"triggers": ["squeezing_knees", "twisting"], "timing": ["during_run"]},
        {**SQUEEZE, "location": ["pubic_bone"], "trend": "better", "severity": 3},
        # S4: a fall with outer hip and groin pain, timing not given
        {**SCREENED, "injury": True, "age": 45, "sex": "female", "limp": False}
        | {"location": ["outer_hip", "groin"], "trend": "better", "duration": "under_1_week"},
    ],
)
def test_these_are_examined(kb: KnowledgeBase, answers: dict[str, Any]) -> None:
    assert level(kb, answers) == "routine"


@pytest.mark.parametrize(
    "answers",
    [
        # S3: a kick or a sudden start at 15, front of the thigh or pubic bone
        {**SCREENED, "injury": True, "age": 15, "location": ["front_thigh"], "severity": 4}
        | {"timing": ["during_run"], "triggers": ["kicking"], "duration": "under_1_week"}
        | {"limp": False},
        {**SCREENED, "injury": False, "age": 15, "location": ["pubic_bone"], "severity": 4}
        | {"onset": "sudden", "timing": ["during_run"], "triggers": ["kicking"], "limp": False}
        | {"duration": "under_1_week"},
        {**SCREENED, "injury": False, "age": 12, "location": ["front_thigh"], "severity": 3}
        | {"timing": ["after_run"], "duration": "under_1_week", "limp": False},
    ],
)
def test_a_teenagers_first_week_is_not_self_care(
    kb: KnowledgeBase, answers: dict[str, Any]
) -> None:
    assert level(kb, answers) in ("routine", "urgent")


def test_a_moderate_adductor_strain_walked_on_is_routine(kb: KnowledgeBase) -> None:
    # O1: 6/10, the same, walking fine
    answers = {**SQUEEZE, "age": 30, "severity": 6, "trend": "same", "timing": ["during_run"]}
    assert level(kb, answers) == "routine"
    assert level(kb, {**answers, "trend": "better"}) == "self_care"
    assert level(kb, {**answers, "severity": 5}) == "self_care"


def test_a_self_care_page_after_a_knock_names_the_knock(kb: KnowledgeBase) -> None:
    # W2
    answers = {**SQUEEZE, "severity": 3, "trend": "better"}
    a = assess(kb, parse_answers(kb, answers))
    assert a.triage.level == "self_care"
    text = " ".join(r.text for r in a.triage.reasons)
    assert "No warning signs" not in text
    assert "cannot put weight" in text


def test_the_skipped_safety_questions_are_still_named_at_self_care(kb: KnowledgeBase) -> None:
    skipped = set(SCREENED) - {"cannot_bear_weight"}
    answers = {k: v for k, v in SQUEEZE.items() if k not in skipped}
    a = assess(kb, parse_answers(kb, {**answers, "severity": 3, "trend": "better"}))
    assert a.triage.level == "self_care"
    assert any("were not answered" in r.text for r in a.triage.reasons)


def test_no_self_care_reason_stands_on_a_higher_page(kb: KnowledgeBase) -> None:
    # W3: the both-sides soreness reason under a routine level set elsewhere
    sore = {**SCREENED, "injury": False, "age": 14, "side": "both", "limp": False}
    sore |= {"location": ["buttock", "back_of_thigh"], "duration": "under_1_week"}
    sore |= {"trend": "better", "severity": 3, "symptoms": ["numbness"]}
    a = assess(kb, parse_answers(kb, sore))
    assert a.triage.level != "self_care"
    assert all(r.level != "self_care" for r in a.triage.reasons)
