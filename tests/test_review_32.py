"""A clinician's review of 2026.12.67 (inflammatory back pain lowered from the
deep rest-and-night route; sudden severe back-into-groin pain at 60 or over an
emergency). Each answer set is the reviewer's.

- Under-triage by the inflammatory exception (each was urgent before): a
  weak immune system (a spinal or sacroiliac infection is slow and often
  afebrile, NICE NG59 red flags; on a biologic, TB), long-term steroids with
  back or sacroiliac pain (an insufficiency fracture; the AVN route needs the
  groin, deep joint, front hip or buttock), sickle cell disease (infarct,
  osteomyelitis), and fever and weight loss not answered (unanswered is not
  "no").
- Over-triage by the aortic route: pain that began suddenly weeks or months
  ago (a leaking aneurysm is hours to days old), easing, on runs.
- Under-triage beside it: at 70, sudden 9/10 back pain with urine symptoms
  (a stone-like picture over 60 is an aneurysm until imaged, NICE CKS renal
  colic) was urgent.
"""

from __future__ import annotations

from typing import Any

import pytest

from hipcheck.knowledge import KnowledgeBase

from .answer_sets import SCREENED
from .helpers import assessed

#: The safety screen but fever and weight loss (B06 left them unanswered).
ASKED = {k: v for k, v in SCREENED.items() if k not in ("fever", "weight_loss")}
UNDER_INFLAMMATORY_BASE: dict[str, Any] = {
    **ASKED,
    "injury": False,
    "limp": False,
    "side": "both",
    "onset": "gradual",
    "duration": "over_6_weeks",
    "timing": ["at_rest", "at_night", "morning"],
    "rest_helps": "no",
    "pain_type": ["dull_ache"],
    "symptoms": ["stiffness"],
    "triggers": ["long_sitting"],
    "training": [],
}
#: ... and with fever and weight loss answered no, as all but B06 did.
UNDER_INFLAMMATORY_SCREENED = {**UNDER_INFLAMMATORY_BASE, "fever": False, "weight_loss": False}
#: The reviewer's sets, beside the safety screen: (id, the place beside the
#: low back, trend, worst pain, morning stiffness, history, age, sex).
_IMMUNE, _INFLAMED = "weak_immune_system", "inflammatory_disease"
_SETS: tuple[tuple[str, str, str, int, str, list[str], int, str], ...] = (
    ("A06", "sacroiliac", "worse", 6, "over_60", ["steroid_use"], 40, "female"),
    ("A08", "buttock", "worse", 6, "30_to_60", [_IMMUNE], 38, "male"),
    ("A09", "buttock", "worse", 6, "over_60", [_IMMUNE, _INFLAMED], 33, "male"),
    ("A10", "sacroiliac", "same", 6, "over_60", ["sickle_cell"], 26, "male"),
    ("B06", "buttock", "worse", 5, "over_60", [], 42, "male"),
    ("B07", "buttock", "same", 5, "30_to_60", [_IMMUNE], 29, "female"),
    ("B08", "sacroiliac", "same", 6, "over_60", ["steroid_use", _INFLAMED], 35, "male"),
)  # fmt: skip
UNDER_INFLAMMATORY: dict[str, dict[str, Any]] = {
    cid: {
        # B06 left fever and weight loss unanswered
        **(UNDER_INFLAMMATORY_BASE if cid == "B06" else UNDER_INFLAMMATORY_SCREENED),
        "location": ["lower_back", place],
        "trend": trend,
        "severity": severity,
        "stiffness_minutes": stiffness,
        "history": history,
        "age": age,
        "sex": sex,
    }
    for cid, place, trend, severity, stiffness, history, age, sex in _SETS
}
UNDER_INFLAMMATORY["B12"] = {
    "location": ["lower_back", "buttock"],
    "side": "both",
    "duration": "over_6_weeks",
    "timing": ["at_rest", "at_night"],
    "stiffness_minutes": "over_60",
    "age": 44,
    "sex": "female",
    "trend": "worse",
}

AORTIC_OLD_BASE: dict[str, Any] = {
    **SCREENED,
    "injury": False,
    "limp": False,
    "location": ["lower_back", "groin"],
    "side": "right",
    "onset": "sudden",
    "severity": 8,
    "sex": "male",
}
AORTIC_OLD: dict[str, dict[str, Any]] = {
    "C12": {
        **AORTIC_OLD_BASE,
        "duration": "over_6_weeks",
        "trend": "better",
        "age": 64,
        "timing": ["during_run", "after_run"],
    },
    "C13": {
        **AORTIC_OLD_BASE,
        "duration": "1_to_6_weeks",
        "trend": "better",
        "age": 63,
        "timing": ["during_run"],
        "triggers": ["speed_work"],
    },
    "C17": {
        **AORTIC_OLD_BASE,
        "duration": "over_6_weeks",
        "trend": "same",
        "age": 66,
        "timing": ["walking"],
        "triggers": ["stairs_hills", "sit_to_stand"],
        "symptoms": ["stiffness", "reduced_motion"],
    },
}

AORTIC_URINE: dict[str, dict[str, Any]] = {
    "C09": {
        **SCREENED,
        "injury": False,
        "limp": False,
        "elsewhere": ["urine"],
        "location": ["lower_back"],
        "side": "right",
        "onset": "sudden",
        "duration": "under_1_week",
        "trend": "same",
        "severity": 9,
        "age": 70,
        "sex": "male",
    }
}


@pytest.mark.parametrize("cid", sorted(UNDER_INFLAMMATORY))
def test_the_inflammatory_exception_leaves_these_urgent(kb: KnowledgeBase, cid: str) -> None:
    a = assessed(kb, UNDER_INFLAMMATORY[cid])
    assert a.triage.level in ("urgent", "emergency"), [r.rule for r in a.triage.reasons]


@pytest.mark.parametrize("cid", sorted(AORTIC_OLD))
def test_pain_that_began_weeks_ago_is_not_an_aortic_emergency(kb: KnowledgeBase, cid: str) -> None:
    a = assessed(kb, AORTIC_OLD[cid])
    assert a.triage.level == "urgent", [r.rule for r in a.triage.reasons]


def test_sudden_severe_back_pain_with_urine_symptoms_at_70_is_an_emergency(
    kb: KnowledgeBase,
) -> None:
    a = assessed(kb, AORTIC_URINE["C09"])
    assert a.triage.level == "emergency", [r.rule for r in a.triage.reasons]


def test_the_young_mans_inflammatory_back_pain_stays_routine(kb: KnowledgeBase) -> None:
    ibp = {**UNDER_INFLAMMATORY["B06"], "fever": False, "weight_loss": False}
    assert assessed(kb, ibp).triage.level == "routine"


def test_the_worst_pain_ever_into_the_groin_at_72_needs_no_duration(kb: KnowledgeBase) -> None:
    thin = {"age": 72, "onset": "sudden", "location": ["lower_back", "groin"], "severity": 10}
    assert assessed(kb, thin).triage.level == "emergency"
