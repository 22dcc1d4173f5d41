"""A clinician's review (stop 39): a dead leg from a slip (a bruise at the
front of the thigh, 4/10, walking normally, in its first week) read "Stop
running until a clinician has examined you: a bone injury is possible ...
often an MRI" for a femoral stress fracture third at 3%. A bone stress
injury is an overuse injury, not a knock's; the injury routes judge the
knock. A bone cause shown at under `care_min_score` no longer stops running
for this picture; any bone risk, a limp, rest or night pain, a training
change or a pop keeps the stop."""

from __future__ import annotations

from typing import Any

import pytest

from hipcheck.knowledge import KnowledgeBase

from .helpers import assessed

F06 = {"age": 29, "sex": "female", "injury": True, "location": ["front_thigh"],
       "symptoms": ["bruising"], "limp": False, "cannot_bear_weight": False, "severity": 4,
       "duration": "under_1_week", "trend": "same", "onset": "sudden"}  # fmt: skip


def test_a_dead_leg_walked_on_normally_is_not_stopped_for_a_bone_injury(
    kb: KnowledgeBase,
) -> None:
    a = assessed(kb, F06)
    assert not a.plan.stop_for_bone and a.plan.running_basis != "bone", a.plan.running
    assert a.triage.level == "self_care", [r.rule for r in a.triage.reasons]


@pytest.mark.parametrize(
    "change",
    [
        {"training": ["mileage_jump"]},
        {"history": ["low_bone_density"]},
        {"timing": ["at_night"]},
        {"symptoms": ["bruising", "pop"]},
        {"duration": "1_to_6_weeks"},
    ],
)
def test_the_stop_stays_where_a_bone_injury_is_not_ruled_out_by_the_picture(
    kb: KnowledgeBase, change: dict[str, Any]
) -> None:
    a = assessed(kb, {**F06, **change})
    assert a.plan.running.startswith(("Stop running", "No running", "Do not run")), (
        change,
        a.plan.running,
    )


def test_a_knock_getting_worse_keeps_the_stop(kb: KnowledgeBase) -> None:
    """The second clinician's check: a worsening knock, its time not given,
    had read "Keep running, but easy"; pain that builds after a blow is a
    fracture, a tear or a bleed until shown otherwise."""
    answers = {**F06, "trend": "worse", "severity": 3, "timing": ["during_run"]}
    del answers["duration"]
    a = assessed(kb, answers)
    assert not a.plan.running.startswith("Keep running"), a.plan.running


def test_a_knock_whose_time_is_not_given_gets_the_fresh_knock_relief(kb: KnowledgeBase) -> None:
    answers = {k: v for k, v in F06.items() if k != "duration"}
    relief = assessed(kb, answers).plan.pain_relief
    assert relief.startswith("After a fall or knock"), relief
