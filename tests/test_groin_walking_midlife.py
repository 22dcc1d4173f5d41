"""A clinician's review (stop 39): a woman of 55 whose groin pain had spread
from runs to walking and was getting worse over weeks was routine, where
the same answers at 44 (bone_stress_walking) and at 60 (the older
weight-bearing route) were urgent: the walking route let everyone of 45 or
over go as osteoarthritis. Arthritis creeps over months; pain spreading to
walking within weeks is the course of a stress fracture of the hip at any
age (Warden 2014). The 45-or-over exception now holds unless the pain is
getting worse within six weeks; months of it stay routine (ten blind
cases of arthritis getting worse over months, e.g. WS04, WZ24, WAE19)."""

from __future__ import annotations

from typing import Any

import pytest

from hipcheck.knowledge import KnowledgeBase

from .helpers import assessed, rules_fired

F01 = {"age": 55, "sex": "female", "location": ["groin"], "timing": ["during_run", "walking"],
       "trend": "worse", "duration": "1_to_6_weeks"}  # fmt: skip


@pytest.mark.parametrize("age", [44, 47, 55, 59, 62])
def test_groin_pain_spreading_to_walking_in_weeks_is_urgent_at_every_adult_age(
    kb: KnowledgeBase, age: int
) -> None:
    a = assessed(kb, {**F01, "age": age})
    assert a.triage.level == "urgent", rules_fired(a)
    assert a.plan.running.startswith("Stop running"), a.plan.running


@pytest.mark.parametrize(
    "change",
    [
        {"duration": "over_6_weeks"},  # months of it: the joint
        {"trend": "same"},
        {"symptoms": ["catching"]},  # a labral tear's sign
    ],
)
def test_the_walking_route_still_lets_the_joint_go(
    kb: KnowledgeBase, change: dict[str, Any]
) -> None:
    a = assessed(kb, {**F01, **change})
    assert "bone_stress_walking" not in rules_fired(a), change


JOINT = {"age": 52, "location": ["groin", "deep_joint"], "onset": "gradual",
         "timing": ["walking", "morning"], "trend": "worse", "duration": "1_to_6_weeks",
         "severity": 4, "limp": False, "stiffness_minutes": "under_30",
         "symptoms": ["stiffness", "reduced_motion"], "triggers": ["deep_flexion", "sit_to_stand"],
         "training": [], "history": [], "rest_helps": "yes"}  # fmt: skip


def test_a_man_with_the_joints_signs_is_left_to_the_joint(kb: KnowledgeBase) -> None:
    """The second clinician's check of the change: a man of 52, stiff, lost
    movement, no limp, no training change or bone risk, is the joint (routine,
    running still stopped by the groin routes if they say so); a woman with
    the same answers stays urgent (bone lost around the menopause)."""
    man = assessed(kb, {**JOINT, "sex": "male"})
    assert "bone_stress_walking" not in rules_fired(man)
    assert man.triage.level == "routine", rules_fired(man)
    woman = assessed(kb, {**JOINT, "sex": "female"})
    assert "bone_stress_walking" in rules_fired(woman)


def test_one_reason_at_sixty(kb: KnowledgeBase) -> None:
    """The older route says it at 60 or over (with its X-ray): one reason."""
    a = assessed(kb, {**F01, "age": 61})
    fired = [r.rule for r in a.triage.reasons]
    assert "older_worsening_weight_bearing_pain" in fired and "bone_stress_walking" not in fired
