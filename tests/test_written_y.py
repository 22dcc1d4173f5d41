"""A seventeenth blind written set (tests/cases/written_v3_y.json: 50 cases a
sport and musculoskeletal GP wrote from the contract alone, NHS practice and
a parkrun injury clinic, runners 13-74). Measured once on 2026.12.66: one
case under-triaged (WY45), 5 of 30 ordinary runners over, self-care kept in
7 of 22, top-1 93.5%, top-3 100%, fit as expected in 1 of 4.

- WY45, thin: 72, the worst pain ever, sudden, lower back into the groin,
  10/10: urgent. Pain from the back into the groin, sudden and severe at 60
  or over, is a leaking aortic aneurysm until shown otherwise (NICE CKS
  AAA), at rest said or not.
- WY25 (and NF-16, WI32: three writers): deep pain at rest and at night in
  the back and both buttocks, with over an hour's morning stiffness, for
  months, under 45, is inflammatory back pain (axial spondyloarthritis,
  NICE NG65): a rheumatology referral, not a bone scan within a day or two.
"""

from __future__ import annotations

from typing import Any

import pytest

from hipcheck.knowledge import KnowledgeBase

from .conftest import KB_PATH
from .helpers import assessed, check_blind_set

WRITTEN_Y = KB_PATH.parents[1] / "tests" / "cases" / "written_v3_y.json"

WY45 = {"age": 72, "onset": "sudden", "location": ["lower_back", "groin"], "severity": 10}
WY25 = {"location": ["buttock", "sacroiliac", "lower_back"], "side": "both",
        "onset": "gradual", "duration": "over_6_weeks",
        "timing": ["at_night", "morning", "at_rest"], "stiffness_minutes": "over_60",
        "history": ["inflammatory_disease"], "rest_helps": "no", "age": 24,
        "sex": "male"}  # fmt: skip


@pytest.mark.parametrize(
    "change",
    [
        {},
        {"sex": "female", "age": 65},
        {"severity": 9, "duration": "over_6_weeks"},  # the worst pain: any duration
        {"severity": 8, "duration": "under_1_week"},  # 8/10: less than a week said
    ],
)
def test_sudden_severe_back_pain_into_the_groin_at_60_or_over_is_an_emergency(
    kb: KnowledgeBase, change: dict[str, Any]
) -> None:
    a = assessed(kb, {**WY45, **change})
    assert a.triage.level == "emergency", [r.rule for r in a.triage.reasons]
    assert {"aortic_pain_groin", "aortic_pain_groin_worst"} & {r.rule for r in a.triage.reasons}


@pytest.mark.parametrize(
    "change",
    [
        {"age": 55},
        {"severity": 7},
        {"severity": 8},  # 8/10 with no duration: it may have begun weeks ago
        {"severity": 8, "duration": "1_to_6_weeks"},
        {"onset": "gradual"},
        {"location": ["lower_back"]},  # the back alone: at rest keeps aortic_pain's
        {"location": ["groin"]},
    ],
)
def test_the_aortic_groin_route_needs_each_of_its_answers(
    kb: KnowledgeBase, change: dict[str, Any]
) -> None:
    a = assessed(kb, {**WY45, **change})
    assert not {"aortic_pain_groin", "aortic_pain_groin_worst"} & {r.rule for r in a.triage.reasons}


def test_inflammatory_back_pain_at_rest_and_night_is_routine(kb: KnowledgeBase) -> None:
    """With fever and weight loss answered "no" (a clinician's review: unanswered
    is not "no"; the interview asks them first, WY25's file did not)."""
    a = assessed(kb, {**WY25, "fever": False, "weight_loss": False})
    assert a.triage.level == "routine", [r.rule for r in a.triage.reasons]
    assert any("spondyloarthritis" in r.text for r in a.triage.reasons)
    assert assessed(kb, WY25).triage.level == "urgent"
    # one inflammatory reason, not three (the spondyloarthritis and
    # stiffness rules are covered by the lowered route, which says more)
    rules = {r.rule for r in a.triage.reasons}
    assert "deep_pain_rest_and_night" in rules
    assert not {"inflammatory_back", "inflammatory_stiffness"} & rules, rules


@pytest.mark.parametrize(
    "change",
    [
        {"side": "right"},  # one side: a sacral stress fracture, a tumour
        {"stiffness_minutes": "under_30"},
        {"stiffness_minutes": None},
        {"duration": "1_to_6_weeks"},
        {"duration": None},
        {"age": 45},
        {"age": None},
        {"location": ["buttock", "sacroiliac", "groin"]},  # the hip joint's place
        {"fever": True},
        {"weight_loss": True},
        {"fever": None},
        {"weight_loss": None},
        {"history": ["steroid_use"], "location": ["lower_back", "sacroiliac"]},
        {"history": ["weak_immune_system"]},
        {"history": ["cancer"]},
        {"training": ["underfuelling"], "sex": "female"},
    ],
)
def test_the_inflammatory_exception_needs_each_of_its_answers(
    kb: KnowledgeBase, change: dict[str, Any]
) -> None:
    screened = {**WY25, "fever": False, "weight_loss": False}
    answers = {k: v for k, v in {**screened, **change}.items() if v is not None}
    assert assessed(kb, answers).triage.level in ("urgent", "emergency"), change


def test_the_blind_set(kb: KnowledgeBase) -> None:
    check_blind_set(kb, WRITTEN_Y)
