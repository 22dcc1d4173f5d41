"""Groin pain whose course is not known to be short (stop 29).

Two published stress fractures of the hip (case_reports_v3_a A009, a femoral
shaft; A042, an intertrochanteric fracture) gave only "groin pain during or
after runs", neither how long it had lasted nor whether it was easing, and
were left at self-care. Groin pain in a runner is most often a strain, but
an early femoral stress fracture presents the same way (Warden 2014), and
self-care needs the course that makes it safe (seed 003). The routine route
`groin_course_unknown` stops running until examined. A clinician's review of
a first version found it gentler on a runner who said more ("not getting
better" left it at self-care), an urgent page that repeated it in weaker
words, ordinary strains sent to stop running, and an older runner's
arthritis page turned into a stress-fracture page; each is a test here.
"""

from __future__ import annotations

from typing import Any

import pytest

from hipcheck.knowledge import KnowledgeBase
from tests.helpers import assessed

RULE = "groin_course_unknown"
A009 = {"location": ["groin"], "side": "right", "pain_type": ["dull_ache"],
        "timing": ["during_run", "after_run"], "age": 35, "sex": "male"}  # fmt: skip
A042 = {"location": ["groin"], "timing": ["after_run"], "sex": "male"}


def _rules(kb: KnowledgeBase, answers: dict[str, Any]) -> set[str]:
    return {r.rule for r in assessed(kb, answers).triage.reasons}


@pytest.mark.parametrize(
    "answers",
    [
        A009,
        A042,
        {**A042, "trend": "same"},  # "would not go away": not gentler than no answer
        # (groin pain on walking, course not said, is urgent since 2026.12.81:
        # bone_stress_walking, tests/test_review_36.py)
        {"location": ["pubic_bone"], "timing": ["during_run"], "age": 30, "sex": "male"},
        {"location": ["groin"], "age": 35, "sex": "male"},
        # the squeeze is the adductor's only in the groin alone
        {
            "location": ["groin", "deep_joint"],
            "timing": ["during_run"],
            "triggers": ["squeezing_knees"],
            "age": 35,
        },
    ],
)
def test_a_course_not_known_to_be_short_is_examined_and_stops_running(
    kb: KnowledgeBase, answers: dict[str, Any]
) -> None:
    a = assessed(kb, answers)
    assert a.triage.level == "routine"
    assert RULE in _rules(kb, answers)
    assert a.plan.stop_for_bone, "a possible stress fracture never reads 'keep running'"
    assert "femoral_stress_fracture" in {c.id for c in a.conditions}


def test_a_short_easing_course_leaves_it_to_self_care(kb: KnowledgeBase) -> None:
    answers = {**A009, "duration": "under_1_week", "trend": "better", "onset": "gradual",
               "severity": 3, "limp": False, "injury": False}  # fmt: skip
    assert RULE not in _rules(kb, answers)
    assert assessed(kb, answers).triage.level == "self_care"


def test_a_duration_or_getting_better_takes_the_route_off(kb: KnowledgeBase) -> None:
    assert RULE not in _rules(kb, {**A009, "trend": "better"})
    assert RULE not in _rules(kb, {**A009, "duration": "under_1_week"})
    # weeks, not easing: groin_running_weeks (routine, and running still stops)
    weeks = assessed(kb, {**A009, "duration": "1_to_6_weeks", "trend": "same"})
    rules = {r.rule for r in weeks.triage.reasons}
    assert weeks.triage.level == "routine" and "groin_running_weeks" in rules
    assert RULE not in rules and weeks.plan.stop_for_bone


@pytest.mark.parametrize(
    "answers",
    [
        {"location": ["groin"], "triggers": ["squeezing_knees"], "timing": ["during_run"]},
        {
            "location": ["front_hip"],
            "timing": ["during_run"],
            "triggers": ["lifting_leg"],
            "onset": "sudden",
            "age": 30,
            "sex": "male",
            "severity": 3,
        },
        {
            "location": ["groin"],
            "timing": ["during_run"],
            "triggers": ["kicking"],
            "onset": "sudden",
            "age": 28,
            "sex": "male",
        },
        {
            "location": ["front_hip"],
            "timing": ["during_run"],
            "symptoms": ["clicking"],
            "severity": 1,
            "age": 25,
            "sex": "female",
        },
        {
            "location": ["groin"],
            "timing": ["during_run"],
            "age": 35,
            "sex": "male",
            "run_pain_during": 2,
            "next_morning": "settled",
        },
        {
            "location": ["groin"],
            "timing": ["during_run"],
            "triggers": ["coughing_sneezing"],
            "age": 35,
            "sex": "male",
        },
    ],
)
def test_answers_that_point_to_a_strain_a_click_or_a_hernia_are_exceptions(
    kb: KnowledgeBase, answers: dict[str, Any]
) -> None:
    assert RULE not in _rules(kb, answers)
    assert not assessed(kb, answers).plan.stop_for_bone


def test_at_45_or_over_the_joint_keeps_its_page(kb: KnowledgeBase) -> None:
    """A 68-year-old's stiff groin after runs kept routine, but its page had
    turned into a stress-fracture page beside "osteoarthritis: more likely"."""
    answers = {"location": ["groin"], "timing": ["after_run"], "age": 68, "sex": "male",
               "symptoms": ["stiffness"], "stiffness_minutes": "under_30"}  # fmt: skip
    a = assessed(kb, answers)
    assert RULE not in _rules(kb, answers)
    assert not a.plan.stop_for_bone and a.plan.exercises


def test_an_urgent_bone_page_does_not_repeat_it_in_weaker_words(kb: KnowledgeBase) -> None:
    """On an urgent page ("within a day or two") the route's "within a week"
    disagreed: the urgent bone routes cover it."""
    answers = {"location": ["groin"], "timing": ["during_run", "walking"], "age": 30, "sex": "male"}
    a = assessed(kb, answers)
    assert a.triage.level == "urgent"
    assert RULE not in {r.rule for r in a.triage.reasons}


def test_outer_hip_and_buttock_thin_histories_stay_at_self_care(kb: KnowledgeBase) -> None:
    """The route is for the groin and the joint: the blind writers' thin
    outer-hip and buttock runners (WH41, WK42) keep self-care."""
    for place in ("outer_hip", "buttock"):
        answers = {"location": [place], "timing": ["during_run"], "age": 35}
        assert assessed(kb, answers).triage.level == "self_care"


def test_a_routine_page_that_stops_running_promises_no_self_care_plan(kb: KnowledgeBase) -> None:
    """The routine heading said "follow the self-care plan below" above a
    plan that gives none (running stopped, exercises left out)."""
    a = assessed(kb, A009)
    assert not a.plan.care
    assert "self-care plan" not in kb.levels["routine"].advice


# -- weeks of groin pain on runs, the trend not given --------------------------------

WEEKS = "bone_stress_progressing_trend_unknown"
F003 = {"location": ["groin"], "timing": ["during_run"], "duration": "1_to_6_weeks"}


@pytest.mark.parametrize(
    "answers",
    [
        F003,  # a published marathoner's femoral neck fracture, displaced at two weeks
        {**F003, "age": 30, "sex": "male"},
        {**F003, "location": ["front_hip"], "age": 25, "sex": "female"},
    ],
)
def test_weeks_of_groin_pain_on_runs_with_no_trend_given_is_urgent(
    kb: KnowledgeBase, answers: dict[str, Any]
) -> None:
    """As the age-unknown routes do, the trend not given keeps the route
    that "getting worse" would fire (bone_stress_progressing)."""
    a = assessed(kb, answers)
    assert a.triage.level == "urgent" and a.plan.running.startswith("Stop running")
    assert any("until a bone injury has been ruled out" in s for s in a.plan.until_seen)
    assert WEEKS in {r.rule for r in a.triage.reasons}


@pytest.mark.parametrize(
    "extra",
    [
        {"trend": "better"},
        {"trend": "same"},  # the progressing route's own answer: routine
        {"symptoms": ["catching"]},  # the joint (LT2: pinching, clicking, catching)
        {"triggers": ["squeezing_knees"]},
        {"onset": "sudden", "triggers": ["kicking"]},
        {"age": 50},
    ],
)
def test_a_trend_or_answers_that_point_elsewhere_lower_it(
    kb: KnowledgeBase, extra: dict[str, Any]
) -> None:
    a = assessed(kb, {**F003, **extra})
    assert WEEKS not in {r.rule for r in a.triage.reasons}
    assert a.triage.level != "urgent"


# -- a second clinician's review of the route -------------------------------------


def test_saying_weeks_not_easing_is_not_gentler_than_saying_nothing(kb: KnowledgeBase) -> None:
    """1. 'One to six weeks, the same' kept running where a blank stopped it."""
    answers = {"location": ["groin"], "timing": ["after_run"], "age": 35, "sex": "male",
               "onset": "gradual", "duration": "1_to_6_weeks", "trend": "same"}  # fmt: skip
    a = assessed(kb, answers)
    assert a.triage.level == "routine" and a.plan.stop_for_bone


def test_at_45_or_over_a_thin_groin_history_is_routine_without_a_stop(kb: KnowledgeBase) -> None:
    """2. A man of 45-59 had fallen to self-care: the joint, examined."""
    for age in (45, 50, 58):
        answers = {"location": ["groin"], "timing": ["during_run", "after_run"], "age": age,
                   "sex": "male", "onset": "gradual"}  # fmt: skip
        a = assessed(kb, answers)
        assert a.triage.level == "routine", age
        assert "groin_course_unknown_older" in {r.rule for r in a.triage.reasons}
        assert not a.plan.stop_for_bone and a.plan.exercises


@pytest.mark.parametrize(
    "answers",
    [
        # 3. morning stiffness only: no loading, no stop
        {
            "location": ["front_hip"],
            "timing": ["morning"],
            "age": 35,
            "sex": "male",
            "symptoms": ["stiffness"],
            "severity": 2,
        },
        # 4. 1/10 after runs, no walking pain, as gentle as a painless click
        {
            "location": ["front_hip"],
            "timing": ["after_run"],
            "age": 30,
            "sex": "male",
            "severity": 1,
            "onset": "gradual",
        },
        # 6. impingement: pinching on deep bending, or on sitting (probe FA03)
        {
            "location": ["groin", "deep_joint"],
            "timing": ["after_run"],
            "age": 42,
            "sex": "male",
            "triggers": ["deep_flexion", "long_sitting"],
            "pain_type": ["pinching"],
            "onset": "gradual",
            "severity": 3,
        },
        {"location": ["groin"], "pain_type": ["pinching"], "triggers": ["long_sitting"]},
        # 7. pregnancy: pelvic girdle pain has its own route
        {
            "location": ["pubic_bone"],
            "timing": ["walking"],
            "age": 32,
            "sex": "female",
            "history": ["pregnant_now"],
            "triggers": ["single_leg"],
            "onset": "gradual",
        },
    ],
)
def test_more_answers_that_point_away_from_the_bone(
    kb: KnowledgeBase, answers: dict[str, Any]
) -> None:
    assert RULE not in _rules(kb, answers)


def test_the_reason_does_not_argue_with_the_page(kb: KnowledgeBase) -> None:
    """8. "Sooner if it gets worse" beside "getting worse", and "most often a
    strain" above a list with no strain in it."""
    rule = next(r for r in kb.triage_rules if r.id == RULE)
    assert "gets worse" not in rule.reason and "strain" not in rule.reason


def test_no_injury_line_after_no_injury(kb: KnowledgeBase) -> None:
    """Read on the page: "It started with an injury and there is large
    bruising..." under "Started with an injury: No"."""
    base = {"location": ["groin"], "timing": ["after_run"], "duration": "1_to_6_weeks",
            "age": 30, "sex": "male"}  # fmt: skip
    line = "it started with an injury and there is large bruising"
    for injury, shown in ((False, False), (None, True)):
        answers = base if injury is None else {**base, "injury": injury}
        see = " ".join(assessed(kb, answers).plan.see_a_doctor)
        assert (line in see) is shown, injury


def test_the_urgent_route_and_a_bone_net_do_not_say_it_twice(kb: KnowledgeBase) -> None:
    """Read at 40 columns: a woman's page gave the urgent route and, below
    it, the pelvic net's "a stress fracture cannot be ruled out": a pubic
    ramus fracture is groin pain too, so the routes name both bones."""
    a = assessed(kb, {**F003, "sex": "female", "age": 28})
    texts = [r.text for r in a.triage.reasons]
    assert a.triage.level == "urgent"
    assert not any(t.startswith("A stress fracture cannot be ruled out") for t in texts)


# -- a third clinician's review -------------------------------------------------------


def test_pregnancy_and_gentle_pictures_are_exceptions_of_the_trend_unknown_route(
    kb: KnowledgeBase,
) -> None:
    """1-2. A pregnant runner's groin pain on runs for weeks went urgent (a
    stress fracture) and lost the midwife and warning-sign advice; 2/10 with
    no walking pain went urgent where "the same" was routine."""
    pregnant = {**F003, "age": 30, "sex": "female", "history": ["pregnant_now"], "severity": 4}
    a = assessed(kb, pregnant)
    assert a.triage.level == "routine" and WEEKS not in {r.rule for r in a.triage.reasons}
    assert "the baby moving less" in " ".join(a.plan.see_a_doctor)
    mild = {**F003, "age": 30, "sex": "male", "severity": 2, "onset": "gradual", "limp": False}
    assert WEEKS not in _rules(kb, mild)


def test_the_older_route_gives_way_on_an_urgent_page(kb: KnowledgeBase) -> None:
    """4. At 55, an urgent page also said "have it examined within a week or two"."""
    a = assessed(kb, {"age": 55, "sex": "female", "location": ["groin", "deep_joint"],
                      "timing": ["during_run", "at_rest", "at_night"], "severity": 6,
                      "limp": False})  # fmt: skip
    assert a.triage.level == "urgent"
    assert "groin_course_unknown_older" not in {r.rule for r in a.triage.reasons}
