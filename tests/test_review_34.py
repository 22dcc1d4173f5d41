"""A third clinician's review of stop 34 (the ladder's start_no_higher and
exceptions that a `none` may narrow). Each case is the reviewer's.

- High: with `none` allowed beside a test of an answer given, an exception
  could hold because safety questions were skipped (`limp = { answered =
  false }`): a knock at 55 went from urgent to self-care with `validate`
  calling the file OK. Only a plain `none` narrows, never on a safety or
  red-flag question.
- Medium: a start held at walking lost the warning about the questions the
  higher start had assumed ("if you limp, or it hurts at rest or at night").
- Low: with the duration not given, a knock's page kept "Keep running, but
  easy" under "After a recent knock, protect it".
- Low: a 2/10 bruise needed five moves up, some fifteen days, to run again:
  a knock at 3/10 or less starts where its answers allow.
"""

from __future__ import annotations

import tomllib
from typing import Any

import pytest

from hipcheck.errors import KnowledgeError
from hipcheck.knowledge import KnowledgeBase
from hipcheck.knowledge.loader import default_path, from_dict
from hipcheck.render.return_to_run_render import missing_text

from .helpers import assessed


def _raw() -> dict[str, Any]:
    return tomllib.loads(default_path().read_text(encoding="utf-8"))


def _injury(raw: dict[str, Any]) -> dict[str, Any]:
    return next(r for r in raw["triage_rules"] if r["id"] == "injury")


@pytest.mark.parametrize(
    "exception",
    [
        {"injury": True, "trend": "better", "limp": {"answered": False}},
        {"injury": True, "severity": {"max": 6}, "cannot_bear_weight": {"answered": False}},
        {"injury": True, "trend": "better", "limp": {"none": ["yes"]}},
        {"injury": True, "trend": "better", "fever": {"none": ["yes"]}},
        {"injury": True, "trend": "better", "history": {"answered": False}},
    ],
    ids=repr,
)
def test_an_exception_never_holds_because_a_safety_question_was_skipped(
    exception: dict[str, Any],
) -> None:
    for lowered in (False, True):
        raw = _raw()
        rule = _injury(raw)
        unless = rule["lowered"]["unless"] if lowered else rule["unless"]
        unless.insert(0, exception)
        with pytest.raises(KnowledgeError, match="only 'none' narrows an exception"):
            from_dict(raw, "edited.toml")


def test_a_plain_none_beside_an_answer_given_narrows_an_exception() -> None:
    raw = _raw()
    _injury(raw)["unless"].insert(0, {"injury": True, "history": {"none": ["cancer"]}})
    assert from_dict(raw, "edited.toml").version  # accepted


#: The reviewer's capped page: a knock at 45, limp and timing not given
#: (at 5/10: since, a knock at 3/10 or less starts where its answers allow).
KNOCK: dict[str, Any] = {
    "injury": True,
    "duration": "under_1_week",
    "location": ["buttock"],
    "age": 45,
    "severity": 5,
    "cannot_bear_weight": False,
    "symptoms": ["swelling", "bruising"],
    "triggers": [],
    "deformity": False,
    "fever": False,
    "saddle_numbness": False,
}


def test_a_start_held_at_walking_still_says_what_a_limp_or_rest_pain_would_change(
    kb: KnowledgeBase,
) -> None:
    stage = assessed(kb, KNOCK).plan.stage
    assert stage is not None and stage.stage == "walk" and "no_higher" in stage.reason
    assert "limp" in stage.missing
    text = missing_text(kb, stage)
    assert "if you limp, or it hurts at rest or at night" in text
    assert "start at stage 1" not in text  # it is stage 1


def test_a_knock_whose_time_is_not_given_starts_at_walking(kb: KnowledgeBase) -> None:
    answers = {k: v for k, v in KNOCK.items() if k != "duration"}
    plan = assessed(kb, answers).plan
    assert plan.stage is not None and plan.stage.stage == "walk"
    weeks = assessed(kb, {**KNOCK, "duration": "over_6_weeks"}).plan
    assert weeks.stage is not None and weeks.stage.stage != "walk"


def test_a_mild_knock_starts_where_its_answers_allow(kb: KnowledgeBase) -> None:
    mild = {
        **KNOCK,
        "severity": 2,
        "limp": False,
        "timing": ["during_run"],
        "triggers": ["stairs_hills"],
        "trend": "better",
    }
    stage = assessed(kb, mild).plan.stage
    assert stage is not None and stage.stage != "walk" and "no_higher" not in stage.reason


def test_no_page_without_running_offers_an_exercise_done_before_runs(kb: KnowledgeBase) -> None:
    """The review: the dynamic warm-up ("5 minutes before every run") stood
    beside "No running for now" on 759 generated knock pages. Over every
    case file: a page at a stage with no running (walking, before clearance)
    offers no exercise marked `before_runs`; one that runs still may."""
    import json

    from .conftest import KB_PATH

    rtr = kb.return_to_run
    assert rtr is not None
    before_runs = {e.id for e in kb.exercises if e.before_runs}
    assert before_runs  # what is tested
    seen_running = False
    for path in sorted((KB_PATH.parents[1] / "tests" / "cases").glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8")):
            answers = case.get("answers") if isinstance(case, dict) else None
            if not isinstance(answers, dict):
                continue
            plan = assessed(kb, answers).plan
            if plan.stage is None or plan.stage.status != "stages":
                continue
            if rtr.stage_by_id[plan.stage.stage].runs:
                seen_running = seen_running or bool(before_runs & set(plan.exercises))
            else:
                assert not before_runs & set(plan.exercises), (case["id"], plan.exercises)
    assert seen_running  # a running page still offers the warm-up


def test_a_stress_fracture_net_says_which_answers_point_to_it(kb: KnowledgeBase) -> None:
    """A new user: "A stress fracture cannot be ruled out: stop running" had
    no "You said", on an inflammatory back page with a gradual onset. A
    score net's reason, and the bone stop's, name the runner's own answers
    that point to the condition, strongest first; not an age band."""
    answers = {
        "injury": False,
        "location": ["buttock", "sacroiliac"],
        "side": "both",
        "duration": "over_6_weeks",
        "onset": "gradual",
        "timing": ["at_night", "morning"],
        "stiffness_minutes": "over_60",
        "age": 29,
        "sex": "male",
    }
    a = assessed(kb, answers)
    stop = next(r for r in a.triage.reasons if r.rule == "plan:pelvic_stress_fracture")
    assert ("onset", "gradual") in stop.answers and ("timing", "at_night") in stop.answers
    assert all(q != "age" for q, _ in stop.answers) and len(stop.answers) <= 4
    # the dead leg typed in tmux this stop: the thigh bone's net fires
    dead_leg = {
        "injury": True,
        "limp": False,
        "cannot_bear_weight": False,
        "location": ["front_thigh"],
        "duration": "under_1_week",
        "trend": "same",
        "severity": 4,
        "triggers": ["lying_on_side"],
        "pain_type": ["dull_ache"],
        "symptoms": ["bruising", "swelling"],
        "age": 28,
    }
    net = next(
        r
        for r in assessed(kb, dead_leg).triage.reasons
        if r.rule == "condition:femoral_stress_fracture"
    )
    assert ("location", "front_thigh") in net.answers
