"""Exercises that do not suit a runner (`not_for`): lying flat on the back in
pregnancy (ACOG Committee Opinion 804, 2020). Read on a pregnant runner's
page (noticed and left in stop 28): bridges, pelvic tilts and the adductor
squeeze, all on the back, for a runner pregnant now."""

from __future__ import annotations

from typing import Any

import pytest

from hipcheck.knowledge import KnowledgeBase
from tests.helpers import assessed

ON_THE_BACK = {
    "bridge",
    "pelvic_tilt",
    "adductor_squeeze",
    "isometric_abduction",
    "isometric_hamstring_bridge",
    "figure_four_stretch",
}
SAFE = {"limp": False, "injury": False}


@pytest.mark.parametrize(
    "answers",
    [
        {"location": ["buttock"], "timing": ["during_run"], "duration": "1_to_6_weeks",
         "trend": "same", "severity": 3, "age": 31, "sex": "female", **SAFE},
        {"location": ["groin"], "triggers": ["squeezing_knees"], "onset": "sudden",
         "duration": "under_1_week", "trend": "better", "severity": 3, "age": 29,
         "sex": "female", **SAFE},
        {"location": ["outer_hip"], "triggers": ["lying_on_side"], "duration": "1_to_6_weeks",
         "trend": "same", "severity": 3, "age": 34, "sex": "female", **SAFE},
    ],
)  # fmt: skip
def test_no_exercise_on_the_back_in_pregnancy(kb: KnowledgeBase, answers: dict[str, Any]) -> None:
    pregnant = assessed(kb, {**answers, "history": ["pregnant_now"]})
    assert pregnant.plan.exercises, "still a programme: side-lying, kneeling and standing"
    assert not ON_THE_BACK & set(pregnant.plan.exercises)
    assert ON_THE_BACK & set(pregnant.plan.exercises_unsafe)


def test_the_same_runner_not_pregnant_keeps_them(kb: KnowledgeBase) -> None:
    for history in ([], ["gave_birth_last_year"]):
        a = assessed(
            kb,
            {"location": ["outer_hip"], "triggers": ["lying_on_side"],
             "duration": "1_to_6_weeks", "trend": "same", "severity": 3, "age": 34,
             "sex": "female", "history": history, **SAFE},
        )  # fmt: skip
        assert ON_THE_BACK & set(a.plan.exercises), history


def test_every_exercise_on_the_back_is_not_for_pregnancy(kb: KnowledgeBase) -> None:
    """The knowledge file's own steps decide: an exercise whose first step
    lies on the back is left out in pregnancy."""
    for e in kb.exercises:
        if e.steps[0].startswith("Lie on your back"):
            assert e.not_for is not None and "pregnant_now" in str(e.not_for), e.id


def test_a_not_for_naming_no_question_is_refused(raw: dict[str, Any]) -> None:
    from hipcheck.errors import KnowledgeError
    from hipcheck.knowledge import from_dict

    raw["exercises"][0]["not_for"] = {"histroy": ["pregnant_now"]}
    with pytest.raises(KnowledgeError, match="not_for"):
        from_dict(raw)


def test_an_urgent_page_in_pregnancy_keeps_the_gentle_movement_line(kb: KnowledgeBase) -> None:
    """Noticed in stop 28: the pregnancy pain line replaced the level's whole
    until-seen line, "gentle movement ... helps more than bed rest" with it."""
    base = {"sex": "female", "age": 30, "location": ["lower_back", "back_of_thigh"],
            "side": "both", "pain_type": ["shooting"], "symptoms": ["numbness"],
            "severity": 5}  # fmt: skip
    for history, relief in ((["pregnant_now"], "In pregnancy"), ([], "For pain")):
        a = assessed(kb, {**base, "history": history})
        assert a.triage.level == "urgent"
        steps = a.plan.until_seen
        assert any(s.startswith(relief) for s in steps), history
        assert any(s.startswith("Gentle movement") for s in steps), history


def test_a_pregnant_runners_page_names_pregnancy_warning_signs(kb: KnowledgeBase) -> None:
    """A clinician's reading (WQ13, 24 weeks pregnant): the see-a-doctor
    list had no pregnancy warning signs (NICE NG201)."""
    a = assessed(kb, {"location": ["sacroiliac"], "history": ["pregnant_now"], "age": 30,
                      "sex": "female", "duration": "1_to_6_weeks", "trend": "same"})  # fmt: skip
    assert a.triage.level == "routine"
    see = " ".join(a.plan.see_a_doctor)
    assert "the baby moving less" in see and "bleeding" in see


def test_recent_pregnancy_may_mean_pregnant_now(kb: KnowledgeBase) -> None:
    """The contract's `recent_pregnancy` is "pregnant now or in the last 12
    months": no exercise on the back for it either."""
    a = assessed(kb, {"age": 33, "sex": "female", "history": ["recent_pregnancy"],
                      "location": ["outer_hip"], "timing": ["after_run"],
                      "triggers": ["lying_on_side", "pressing_outer_hip"],
                      "duration": "1_to_6_weeks", "trend": "same", "severity": 4,
                      "limp": False})  # fmt: skip
    assert not ON_THE_BACK & set(a.plan.exercises)
