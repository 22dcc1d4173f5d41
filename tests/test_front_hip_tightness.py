"""Mild tightness at the front of both hips, for months, in a runner who sits
most of the day is tight hip flexors: first self-care, and not "more likely"
a hip impingement. Seven blind-set runners (WH04, WI03, WK06, WN21, WO10,
WU34 and the review's SC07: 2/10 tightness at the front of both hips with
long days sitting) were routine, six of them with impingement first at about
0.5; every writer accepted self-care and named a muscle cause.

The ranking: an imbalance or overload is no less likely on both sides (the
overload of training or sitting is on both), and a hip impingement's pain
is deep, sharp or pinching, not a feeling of tightness (Griffin 2016, the
Warwick agreement). The triage: pain over six weeks is examined (seed 003)
unless it is this picture exactly, from 18 to 59: both sides, 2/10 or less,
tightness and none of sharp, burning, shooting or pinching, at the front of
the hip and nowhere else (the groin or deep joint is the joint's place, the
buttock on both sides an inflammatory back's)."""

from __future__ import annotations

from typing import Any

import pytest

from hipcheck.core.scoring import likelihoods
from hipcheck.knowledge import KnowledgeBase

from .answer_sets import SCREENED
from .helpers import assessed

SC07 = {
    **SCREENED,
    "injury": False,
    "limp": False,
    "location": ["front_hip"],
    "side": "both",
    "onset": "gradual",
    "duration": "over_6_weeks",
    "trend": "same",
    "severity": 2,
    "pain_type": ["tightness"],
    "triggers": ["long_sitting"],
    "training": ["long_sitting_days"],
    "mechanics": ["tight_hip_flexors"],
    "age": 31,
    "sex": "female",
}
WK06 = {
    "location": ["front_hip"],
    "side": "both",
    "duration": "over_6_weeks",
    "severity": 2,
    "timing": ["morning"],
    "triggers": ["long_sitting"],
    "pain_type": ["tightness"],
    "stiffness_minutes": "under_30",
    "training": ["long_sitting_days"],
    "mechanics": ["tight_hip_flexors"],
    "age": 45,
}
MUSCLE = {"muscle_imbalance", "hip_flexor_strain"}


@pytest.mark.parametrize("answers", [SC07, WK06])
def test_mild_tightness_of_both_front_hips_is_self_care_and_muscular(
    kb: KnowledgeBase, answers: dict[str, Any]
) -> None:
    a = assessed(kb, answers)
    assert a.triage.level == "self_care", [r.rule for r in a.triage.reasons]
    top3 = [c.id for c in a.conditions[:3]]
    assert MUSCLE & set(top3), top3
    words = likelihoods(kb, [c.score for c in a.conditions], a.fit)
    assert a.conditions[0].id != "fai" or words[0] != "more likely", (top3, words[0])


@pytest.mark.parametrize(
    "change",
    [
        {"side": "left"},  # one hip: the joint is as likely
        {"severity": 3},
        {"severity": None},
        {"pain_type": ["tightness", "pinching"]},  # the impingement's pain
        {"pain_type": None},
        {"location": ["front_hip", "groin"]},
        {"location": ["front_hip", "buttock"]},  # both buttocks: an inflammatory back
        {"age": 60},  # arthritis from 60
        {"age": 17},
        {"age": None},
        {"timing": ["at_night"]},
        {"stiffness_minutes": "over_60"},  # inflammatory stiffness
    ],
)
def test_the_tightness_exception_needs_each_of_its_answers(
    kb: KnowledgeBase, change: dict[str, Any]
) -> None:
    answers = {k: v for k, v in {**SC07, **change}.items() if v is not None}
    assert assessed(kb, answers).triage.level != "self_care", change


# The same picture for one to six weeks: "not improving" sent it to a
# doctor where the longer history went home (a blind set's WAE05: a month of
# 3/10 tightness at the front of both hips in a man sitting ten hours a day,
# self-care accepted). Its own mild threshold is "not improving"'s (3/10:
# the run-only exception's; 4/10 stays routine).
WEEKS = {
    "location": ["front_hip"],
    "side": "both",
    "duration": "1_to_6_weeks",
    "triggers": ["long_sitting", "sit_to_stand"],
    "pain_type": ["tightness"],
    "training": ["long_sitting_days"],
    "mechanics": ["tight_hip_flexors"],
    "severity": 3,
    "age": 41,
    "sex": "male",
}


def test_weeks_of_mild_tightness_of_both_front_hips_is_self_care(kb: KnowledgeBase) -> None:
    a = assessed(kb, WEEKS)
    assert a.triage.level == "self_care", [r.rule for r in a.triage.reasons]
    assert MUSCLE & {c.id for c in a.conditions[:3]}


@pytest.mark.parametrize(
    "change",
    [
        {"side": "right"},
        {"severity": 4},
        {"severity": None},
        {"pain_type": ["tightness", "sharp"]},
        {"pain_type": None},
        {"location": ["front_hip", "deep_joint"]},
        {"age": 60},
        {"age": None},
        {"trend": "worse"},
    ],
)
def test_the_weeks_exception_needs_each_of_its_answers(
    kb: KnowledgeBase, change: dict[str, Any]
) -> None:
    answers = {k: v for k, v in {**WEEKS, **change}.items() if v is not None}
    assert assessed(kb, answers).triage.level != "self_care", change
