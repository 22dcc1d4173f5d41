"""Findings of a blind written set (tests/cases/written_v3_n.json: 50 cases
a GP who runs a parkrun injury clinic wrote from the contract alone,
committed before measuring; measured once: 1 under-triaged, 1 of 36
ordinary runners over, self-care kept in 7 of 33):

- WN48, shingles before the rash (67, burning over the buttock, clothes
  hurt, three days) got self-care; WJ49 of an earlier set the same;
- WN06, a groin pull after a sideways slip, limping a little, walking and
  better each day at 38, was urgent through the limp;
- WN20, a new runner of 57 with both fronts of the hips aching after runs,
  stopped running for a femoral stress fracture, which is one-sided."""

from __future__ import annotations

from typing import Any

import pytest

from hipcheck.core.answers import parse_answers
from hipcheck.core.assessment import assess
from hipcheck.core.evaluate import evaluate, read_cases
from hipcheck.core.triage import level_advice
from hipcheck.knowledge import KnowledgeBase

from .conftest import KB_PATH
from .helpers import triage_level as level

WRITTEN_N = KB_PATH.parents[1] / "tests" / "cases" / "written_v3_n.json"

BURNING = {"age": 67, "sex": "female", "location": ["buttock", "outer_hip"]}
BURNING |= {"pain_type": ["burning"], "duration": "under_1_week"}
SLIP = {"age": 38, "sex": "male", "injury": True, "location": ["groin"], "limp": True}
SLIP |= {"cannot_bear_weight": False, "duration": "under_1_week", "trend": "better"}
NEW_RUNNER = {"age": 57, "sex": "female", "location": ["front_hip"], "side": "both"}
NEW_RUNNER |= {"training": ["new_to_running"], "timing": ["after_run"], "severity": 3}
NEW_RUNNER |= {"rest_helps": "yes", "trend": "same"}


def test_a_new_burning_pain_at_50_or_over_is_seen_within_days(kb: KnowledgeBase) -> None:
    a = assess(kb, parse_answers(kb, BURNING))
    assert a.triage.level == "routine"
    advice = level_advice(a.triage, kb.levels["routine"].advice)
    assert "rash" in advice and "same day" in advice
    assert level(kb, {**BURNING, "symptoms": ["rash"]}) == "urgent"


@pytest.mark.parametrize("change", [{"age": 45}, {"duration": "1_to_6_weeks"}])
def test_the_burning_rule_is_for_new_pain_from_50(
    kb: KnowledgeBase, change: dict[str, Any]
) -> None:
    a = assess(kb, parse_answers(kb, {**BURNING, **change}))
    assert all(r.rule != "burning_new_older" for r in a.triage.reasons)


def test_a_limp_after_a_slip_walked_on_and_easing_is_routine(kb: KnowledgeBase) -> None:
    assert level(kb, SLIP) == "routine"


@pytest.mark.parametrize(
    "change",
    [
        {"age": 50},
        {"age": 15},  # a limp at 16 or under: a slipped growth plate
        {"trend": "same"},
        {"cannot_bear_weight": None},
        {"duration": "1_to_6_weeks"},
        {"injury": False, "onset": "gradual"},
    ],
)
def test_the_limp_stays_urgent_otherwise(kb: KnowledgeBase, change: dict[str, Any]) -> None:
    answers = {k: v for k, v in {**SLIP, **change}.items() if v is not None}
    assert level(kb, answers) == "urgent"


def test_both_fronts_of_the_hips_in_a_new_runner_do_not_stop_running(kb: KnowledgeBase) -> None:
    a = assess(kb, parse_answers(kb, NEW_RUNNER))
    assert a.triage.level == "self_care"
    assert not a.plan.stop_for_bone


def test_the_blind_written_set(kb: KnowledgeBase) -> None:
    ev = evaluate(kb, read_cases(kb, WRITTEN_N))
    assert len(ev.results) == 50
    assert [r.case.id for r in ev.under_triaged] == []
    assert ev.top3 >= 0.95


def test_the_interview_ends_at_the_full_forms_level_on_the_blind_set(kb: KnowledgeBase) -> None:
    """WN09, a 22-year-old's front of the hip after new sprint drills: the
    full form, knowing she is a woman, showed a femoral stress fracture
    third at 3% and stopped running (routine); the interview, not asking
    sex, ended at self-care. A bone cause the plan considers but under
    `bone_shown_min` that one answer could lift to it now counts like a
    triage question (core/interview._bone_stop). The median stays 11 on
    this set (docs/interview.md)."""
    from hipcheck.core.interview_eval import evaluate_interview

    ev = evaluate_interview(kb, read_cases(kb, WRITTEN_N))
    assert ev.below_full == ()
    assert ev.questions_median <= 11
