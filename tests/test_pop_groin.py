"""A clinician's review (stop 39): a pop or snap when the pain started, at the
groin or the front of the hip, was left to self-care and walk-run unless
the runner also called it an injury (a kick or a sprint start is not "a
fall or injury" to many), and the condition's own "if you feel a pop ...
see a doctor within days" was left off because the pop was reported, so
nothing on the page said it. A pop there is examined (routine, a triage
reason saying so), and its first week starts the ladder at walking."""

from __future__ import annotations

from typing import Any

import pytest

from hipcheck.knowledge import KnowledgeBase

from .helpers import assessed, rules_fired

F03 = {"age": 30, "sex": "male", "location": ["groin"], "onset": "sudden",
       "triggers": ["kicking"], "symptoms": ["pop", "bruising"], "timing": ["walking"],
       "severity": 6, "duration": "under_1_week", "limp": False, "injury": False}  # fmt: skip
F04 = {"age": 18, "sex": "male", "location": ["front_hip"], "onset": "sudden",
       "triggers": ["speed_work"], "symptoms": ["pop"], "severity": 5,
       "duration": "under_1_week", "limp": False}  # fmt: skip


@pytest.mark.parametrize("answers", [F03, F04, {**F04, "severity": 2, "trend": "better"}])
def test_a_pop_at_the_groin_or_front_of_the_hip_is_examined(
    kb: KnowledgeBase, answers: dict[str, Any]
) -> None:
    a = assessed(kb, answers)
    assert a.triage.level != "self_care", rules_fired(a)
    assert any("pop" in r.text for r in a.triage.reasons)
    assert a.plan.stage is not None and a.plan.stage.stage == "walk", a.plan.stage
    assert not a.plan.running.startswith(("Keep running", "Run only")), a.plan.running


def test_an_old_pop_is_examined_but_not_held_at_walking(kb: KnowledgeBase) -> None:
    a = assessed(kb, {**F04, "duration": "1_to_6_weeks", "trend": "better", "severity": 2})
    assert "pop_groin" in rules_fired(a)
    assert a.plan.stage is None or a.plan.stage.stage != "walk"


# The second clinician's check of the change (stop 39).
def test_a_painless_snap_for_months_is_not_this_route(kb: KnowledgeBase) -> None:
    a = assessed(kb, {"age": 35, "sex": "female", "location": ["front_hip"], "onset": "gradual",
                      "symptoms": ["pop", "clicking"], "timing": ["during_run"], "severity": 1,
                      "duration": "over_6_weeks", "trend": "same"})  # fmt: skip
    assert "pop_groin" not in rules_fired(a)


def test_a_pop_at_the_front_of_the_thigh_is_examined_too(kb: KnowledgeBase) -> None:
    a = assessed(kb, {"age": 33, "sex": "male", "location": ["front_thigh"], "onset": "sudden",
                      "symptoms": ["pop", "bruising"], "triggers": ["kicking"],
                      "timing": ["walking"], "severity": 6})  # fmt: skip
    assert "pop_groin" in rules_fired(a)


def test_the_ladder_is_held_at_walking_only_where_a_route_examines_the_pop(
    kb: KnowledgeBase,
) -> None:
    a = assessed(kb, {"age": 28, "sex": "female", "location": ["outer_hip"], "onset": "sudden",
                      "symptoms": ["pop"], "timing": ["during_run"], "severity": 3,
                      "duration": "under_1_week"})  # fmt: skip
    assert a.triage.level == "self_care"
    assert a.plan.stage is not None and a.plan.stage.stage != "walk", a.plan.stage
