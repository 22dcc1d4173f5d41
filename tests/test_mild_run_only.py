"""Mild pain that comes only with runs and has stayed the same is managed at
home from 18 to 59: seed 003's "pain persists more than a week" is pain
that stays, and the self-care page says when to be seen. Whether it is the
same need not be said: "getting worse" is its own reason to be seen. Blind writers
(WH14, WM11) and the review's probes (SC13, OR19) accepted self-care for
such runners; each was routine on 2026.12.54. A clinician's review of the
first version: a steroid user, sickle cell disease, heavy drinking, an
inflammatory disease, 72 and 17 went to self-care with "no warning signs",
and the self-care page did not say when to stop running."""

from __future__ import annotations

import pytest

from hipcheck.core.triage import level_advice
from hipcheck.knowledge import KnowledgeBase
from tests.helpers import assessed

WH13 = {"location": ["outer_hip"], "side": "left", "onset": "gradual",
        "duration": "1_to_6_weeks", "trend": "same", "severity": 2, "timing": ["after_run"],
        "triggers": ["pressing_outer_hip"], "training": ["worn_shoes"], "age": 60,
        "sex": "female"}  # fmt: skip
WH14 = {"location": ["outer_hip"], "side": "left", "onset": "gradual",
        "duration": "1_to_6_weeks", "trend": "same", "severity": 3, "timing": ["during_run"],
        "mechanics": ["hip_drop"], "age": 28, "sex": "male"}  # fmt: skip


WM11_LIKE = {**WH14, "age": 45, "sex": "female", "severity": 2, "timing": ["after_run"]}

#: The trend not given (a file or flags; the interview asks it): "getting
#: worse" keeps its own routine rule, "getting better" never fires the
#: not-improving rule, so the exception does not need "the same" said.
#: Six blind-set runners (WK08, WM14, WN11, WO08, WO19, WO23: 3/10 only with
#: runs, trend not given) were routine, self-care accepted by each writer.
TREND_NOT_GIVEN = {k: v for k, v in WH14.items() if k != "trend"}


@pytest.mark.parametrize("answers", [WH14, WM11_LIKE, TREND_NOT_GIVEN])
def test_mild_unchanged_pain_only_with_runs_is_self_care(
    kb: KnowledgeBase, answers: dict[str, object]
) -> None:
    a = assessed(kb, answers)
    assert a.triage.level == "self_care", [r.rule for r in a.triage.reasons]
    advice = level_advice(a.triage, kb.levels["self_care"].advice)
    assert "if it is not clearly better by then or gets worse" in advice
    # a clinician's review: the page says when to stop running and be seen
    assert any(
        line.startswith("Stop running and see a doctor within a day or two if it starts to hurt")
        for line in a.plan.see_a_doctor
    )


@pytest.mark.parametrize(
    "change",
    [
        {"severity": 4},  # the team's HT1: 4/10 stays routine
        {"trend": "worse"},  # getting worse is its own reason to be seen
        {"timing": ["during_run", "walking"]},
        {"timing": None},  # not asked when it hurts
        {"duration": "over_6_weeks"},  # long_standing keeps it
        # a clinician's review of the first version: these went to self-care
        {"age": 60, "sex": "female"},  # WH13's age: 60 or over keeps routine
        {"age": 72},  # a fragility fracture, myeloma or arthritis
        {"age": 17},  # a slipped growth plate can still present at 17
        {"age": None},  # age not given
        {"history": ["steroid_use"], "location": ["outer_hip", "front_thigh"], "age": 41},
        {"history": ["steroid_use"], "age": 58, "sex": "female", "severity": 2},
        {"history": ["sickle_cell"], "location": ["outer_hip", "outer_thigh"]},
        {"history": ["heavy_alcohol"]},
        {"history": ["inflammatory_disease"], "location": ["buttock", "sacroiliac"]},
    ],
)
def test_more_pain_or_less_known_stays_routine(
    kb: KnowledgeBase, change: dict[str, object]
) -> None:
    answers = {k: v for k, v in {**WH14, **change}.items() if v is not None}
    assert assessed(kb, answers).triage.level == "routine", change


def test_a_groin_on_runs_for_weeks_still_stops_running(kb: KnowledgeBase) -> None:
    a = assessed(kb, {**WH14, "location": ["groin"]})
    assert a.triage.level == "routine" and a.plan.stop_for_bone
