"""A third clinician's review (of knowledge file 2026.12.31-32): each
finding failed on the reviewed file.

- S1: the iliotibial-band exception asked nothing beyond the place and the
  run timing, so a 15-year-old's thigh pain with the limp not answered, a
  sudden start, or swelling (a slip, or a bone sarcoma: NICE NG12) was
  routine: it now needs "no limp", and swelling over a week at 19 or under
  is urgent;
- S2: an injury felt only at the knee was routine at any age, a fall at 58
  (Ottawa knee rule: X-ray from 55) and a knee that popped and swelled
  included: withdrawn;
- S3: the teenage hamstring exception reached 13- and 14-year-olds, whose
  growth plate gives way before the muscle: from 16 only;
- S4: the pregnancy pain line never reached urgent pages;
- S5: burning on runs alone at 62 (claudication, NICE CG147) was self-care;
- W1: a page that stops running for a slipped growth plate listed the
  iliotibial band's "run below the distance where the pain starts";
- W2, W3: the lowered growth-plate reason said "at 15 or 16" to a
  12-year-old, and the page's advice said "a doctor or physiotherapist".
"""

from __future__ import annotations

from typing import Any

import pytest

from hipcheck.core.answers import parse_answers
from hipcheck.core.assessment import assess
from hipcheck.core.triage import level_advice
from hipcheck.knowledge import KnowledgeBase

from .helpers import triage_level as level


@pytest.mark.parametrize(
    "answers",
    [
        # S1
        {"age": 15, "location": ["outer_thigh"], "timing": ["during_run"]}
        | {"duration": "1_to_6_weeks"},
        {"age": 16, "sex": "male", "location": ["outer_knee"], "timing": ["during_run"]}
        | {"onset": "sudden", "duration": "1_to_6_weeks"},
        {"age": 15, "location": ["outer_thigh"], "timing": ["during_run"], "limp": False}
        | {"duration": "1_to_6_weeks", "symptoms": ["swelling"]},
        # S2
        {"age": 58, "sex": "male", "injury": True, "location": ["inner_knee", "outer_knee"]}
        | {"timing": ["walking", "at_night"], "severity": 6, "duration": "under_1_week"}
        | {"trend": "worse"},
        {"age": 25, "sex": "female", "injury": True, "location": ["outer_knee"]}
        | {"symptoms": ["pop", "swelling"], "severity": 6, "cannot_bear_weight": False}
        | {"duration": "under_1_week"},
        {"age": 16, "sex": "female", "injury": True, "location": ["inner_knee"]}
        | {"symptoms": ["swelling"], "timing": ["after_run"], "triggers": ["twisting"]},
        # S3
        {"age": 13, "sex": "male", "location": ["back_of_thigh"], "onset": "sudden"}
        | {"duration": "under_1_week", "trend": "better", "cannot_bear_weight": False}
        | {"severity": 6},
    ],
)
def test_these_are_urgent(kb: KnowledgeBase, answers: dict[str, Any]) -> None:
    assert level(kb, answers) in ("urgent", "emergency")


def test_burning_on_runs_alone_at_60_or_over_is_examined(kb: KnowledgeBase) -> None:
    # S5
    answers = {"age": 62, "location": ["buttock"], "pain_type": ["burning"]}
    answers |= {"timing": ["during_run"], "duration": "under_1_week"}
    assert level(kb, answers) == "routine"
    assert level(kb, {**answers, "age": 52}) == "self_care"


def test_the_pregnancy_pain_line_is_on_urgent_pages_too(kb: KnowledgeBase) -> None:
    # S4 ("pregnant now or in the last year" keeps the bone line beside it:
    # a fourth review, tests/test_review_p.py)
    history = ["pregnant_now"]
    answers = {"age": 31, "sex": "female", "history": history, "location": ["pubic_bone"]}
    a = assess(kb, parse_answers(kb, {**answers, "limp": True}))
    assert a.triage.level == "urgent"
    said = " ".join(a.plan.until_seen)
    assert "ibuprofen" in said and "until a bone injury has been ruled out" not in said


def test_a_page_that_stops_running_for_a_growth_plate_offers_no_running_care(
    kb: KnowledgeBase,
) -> None:
    # W1, W2, W3: an iliotibial band at 16 with no limp, routine without running
    itb = {"age": 16, "sex": "female", "location": ["outer_knee"], "limp": False}
    itb |= {"timing": ["during_run"], "duration": "1_to_6_weeks", "onset": "gradual"}
    a = assess(kb, parse_answers(kb, itb))
    assert a.triage.level == "routine"
    assert "clinician" in a.plan.running
    care = " ".join(a.plan.self_care)
    assert "Run below" not in care and "running is often fine" not in care
    advice = level_advice(a.triage, kb.levels["routine"].advice)
    assert "not only a physiotherapist" in advice
    click = {"age": 12, "location": ["outer_hip"], "symptoms": ["clicking"], "severity": 1}
    click |= {"trend": "same", "duration": "over_6_weeks"}
    b = assess(kb, parse_answers(kb, click))
    assert b.triage.level == "routine"
    assert not any("15 or 16" in r.text for r in b.triage.reasons)
