"""A clinician's reading of twelve pages (stop 29: written_v3_q and
case_reports_v3_i), each finding reproduced, failing before its fix:

1. The ladder's "you did not say" line sent a limp or rest pain to
   "stage 1 (walking and strength)", where the tool's own rules stop
   running (a limp is urgent).
2. A limping 13-year-old (a slipped growth plate, NICE CKS: same-day
   assessment) read "within a day or two" and "use crutches if walking
   makes you limp"; now "see a doctor today", crutches until then.
3. A self-care page ("manage at home") for soreness after a first hill
   session read "Book an appointment so a clinician can examine your back
   and nerves": a cause's booking line is not said on a self-care page.
4. The dynamic warm-up's leg swings and kicks beside "avoid kicking
   movements" in the first days of a sudden strain.
"""

from __future__ import annotations

from hipcheck.core.assessment import Assessment
from hipcheck.core.triage import level_advice, level_title
from hipcheck.knowledge import KnowledgeBase
from hipcheck.render.return_to_run_render import missing_text
from tests.helpers import assessed


def _a(kb: KnowledgeBase, answers: dict[str, object]) -> Assessment:
    a: Assessment = assessed(kb, answers)
    return a


def test_1_the_missing_answers_line_never_sends_a_limp_to_walking(kb: KnowledgeBase) -> None:
    a = _a(kb, {"location": ["outer_hip"], "duration": "under_1_week", "trend": "better"})
    line = missing_text(kb, a.plan.stage) if a.plan.stage else ""
    assert "You did not say" in line
    assert "if you limp, or it hurts at rest or at night, stop running" in line
    assert "rest hurts, or you limp, start at stage 1" not in line


def test_2_a_limping_child_is_seen_today_with_crutches(kb: KnowledgeBase) -> None:
    a = _a(kb, {"age": 13, "sex": "male", "limp": True, "location": ["outer_knee"]})
    info = kb.levels[a.triage.level]
    assert a.triage.level == "urgent"
    assert level_title(a.triage, info.title).startswith("Stop running and see a doctor today")
    advice = level_advice(a.triage, info.advice)
    assert "today" in advice and "crutches" in advice
    texts = " ".join(r.text for r in a.triage.reasons)
    assert "same day" in texts and "within a day or two, to rule out" not in texts


def test_3_no_booking_line_on_a_self_care_page(kb: KnowledgeBase) -> None:
    doms = {"side": "both", "location": ["buttock", "front_thigh"], "duration": "under_1_week",
            "trend": "better", "injury": False, "triggers": ["stairs_hills"],
            "symptoms": ["stiffness"], "training": ["hills_added", "speed_work_added"]}  # fmt: skip
    a = _a(kb, doms)
    assert a.triage.level == "self_care"
    assert not any(s.startswith("Book an appointment so") for s in a.plan.see_a_doctor)
    back = _a(kb, {"location": ["lower_back", "buttock"], "duration": "1_to_6_weeks",
                   "trend": "same", "pain_type": ["shooting"], "age": 50,
                   "sex": "male"})  # fmt: skip
    assert back.triage.level == "routine"
    assert "Book an appointment so a clinician can examine your back and nerves." in (
        back.plan.see_a_doctor
    )


def test_4_no_leg_swings_in_the_first_week_of_a_sudden_strain(kb: KnowledgeBase) -> None:
    strain = {"location": ["groin"], "onset": "sudden", "duration": "under_1_week",
              "trend": "better", "severity": 3, "triggers": ["squeezing_knees"], "age": 30,
              "limp": False, "injury": False}  # fmt: skip
    assert "dynamic_warm_up" not in _a(kb, strain).plan.exercises
    weeks = _a(kb, {**strain, "onset": "gradual"})
    assert "dynamic_warm_up" not in weeks.plan.exercises_unsafe


def test_5_a_teenagers_every_line_says_the_same_day_for_a_limp(kb: KnowledgeBase) -> None:
    a = _a(kb, {"age": 12, "sex": "male", "limp": False, "location": ["outer_knee"],
                "duration": "under_1_week", "trend": "same", "timing": ["during_run"]})  # fmt: skip
    info = kb.levels[a.triage.level]
    texts = [level_advice(a.triage, info.advice), *(r.text for r in a.triage.reasons)]
    assert not any("within a day or two if a limp" in t for t in texts)
    assert any(
        "the same day if a limp" in t or "the same day if there is a limp" in t for t in texts
    )


def test_6_no_warm_up_after_a_sudden_start_with_no_duration(kb: KnowledgeBase) -> None:
    a = _a(kb, {"age": 30, "sex": "male", "location": ["front_hip"], "onset": "sudden",
                "triggers": ["speed_work", "lifting_leg"], "timing": ["during_run"],
                "trend": "better", "severity": 3, "limp": False, "injury": False})  # fmt: skip
    assert "dynamic_warm_up" not in a.plan.exercises


def test_7_a_self_care_page_led_by_a_labral_tear_still_says_when_to_book(
    kb: KnowledgeBase,
) -> None:
    a = _a(kb, {"age": 27, "sex": "female", "location": ["front_hip", "groin"],
                "symptoms": ["clicking"], "pain_type": ["sharp"], "timing": ["during_run"],
                "triggers": ["deep_flexion", "twisting"], "duration": "under_1_week",
                "trend": "better", "severity": 2, "onset": "gradual", "limp": False,
                "injury": False, "cannot_bear_weight": False})  # fmt: skip
    assert a.triage.level == "self_care"
    see = " ".join(a.plan.see_a_doctor)
    assert "it starts to catch, lock or give way" in see
    assert "Book an appointment so" not in see
