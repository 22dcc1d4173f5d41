"""A bruise from a knock at the front of the thigh, walked on, under 50.

Blind written sets (WU27, WR50): a knee to the front of the thigh in a
race, or a fall onto a rock, bruised, swollen and stiff but walked on, the
day before: urgent ("a doctor should check for a fracture or a tear")
for want of a pain score. A quadriceps contusion (a "dead leg") that is
borne on is managed without imaging (Kary 2010; PEACE and LOVE, Dubois
2020): a physiotherapist or doctor within a week or two, sooner if it does
not settle. Routine, then, not self-care: a front-thigh contusion can
stiffen the knee and, rarely, bleed into the muscle or form bone there.

What keeps it urgent: getting worse, a pop (a tear), any place the
exception does not name (the groin, the deep hip, the back of the thigh,
the knee), 50 or over, 16 or under, a week or more, not bearing weight, a
limp, 7/10 and more, numbness, movement lost, cancer, long-term steroids or
pregnancy. The same over a few days is a bruise's course: booked.

A clinician's review of the first draft (stop 34; its answer sets are
here) found it had lowered children, numbness, lost movement, cancer,
steroids and pregnancy too; and took back a child's easing thigh bruise to
self-care (WX07), whose page listed a slipped growth plate "to rule out"
above a strain's exercises and walk-run.
"""

from __future__ import annotations

from typing import Any

import pytest

from hipcheck.core.answers import parse_answers
from hipcheck.core.assessment import assess
from hipcheck.knowledge import KnowledgeBase

#: WU27's answers, as a blind writer gave them.
DEAD_LEG: dict[str, Any] = {
    "age": 25,
    "sex": "male",
    "injury": True,
    "side": "left",
    "location": ["front_thigh"],
    "symptoms": ["bruising", "swelling", "stiffness"],
    "cannot_bear_weight": False,
    "onset": "sudden",
    "duration": "under_1_week",
}


def _level(kb: KnowledgeBase, answers: dict[str, Any]) -> str:
    return assess(kb, parse_answers(kb, answers)).triage.level


def test_a_dead_leg_walked_on_is_booked_not_urgent(kb: KnowledgeBase) -> None:
    a = assess(kb, parse_answers(kb, DEAD_LEG))
    assert a.triage.level == "routine"
    assert "injury" in {r.rule for r in a.triage.reasons}


@pytest.mark.parametrize(
    "change",
    [
        {"symptoms": ["bruising", "pop"]},
        {"location": ["front_thigh", "groin"]},
        {"location": ["front_thigh", "back_of_thigh"]},
        {"location": ["front_thigh", "inner_knee"]},
        {"age": 50},
        {"limp": True},
        {"severity": 7},
        {"duration": "1_to_6_weeks"},
        {"trend": "worse"},
        # a clinician's review of the first draft (each was routine there)
        {"age": 13},  # a slipped growth plate shows after a minor fall
        {"age": 16},
        {"symptoms": ["bruising", "swelling", "numbness"]},  # compartment
        {"symptoms": ["bruising", "reduced_motion"]},  # a deep bruise
        {"history": ["cancer"]},  # a fracture through a deposit
        {"history": ["steroid_use"]},
        {"sex": "female", "history": ["pregnant_now"]},  # the maternity unit
        # a second review: "pregnant now or in the last 12 months", and bone
        # that breaks with less force or round an implant
        {"sex": "female", "history": ["recent_pregnancy"]},
        {"history": ["hip_surgery_or_injection"]},
        {"history": ["sickle_cell"]},
        {"history": ["heavy_alcohol"]},
        {"symptoms": ["swelling", "stiffness"]},
    ],
    ids=repr,
)
def test_what_keeps_a_knock_urgent(kb: KnowledgeBase, change: dict[str, Any]) -> None:
    assert _level(kb, {**DEAD_LEG, **change}) in {"urgent", "emergency"}


def test_not_bearing_weight_is_an_emergency(kb: KnowledgeBase) -> None:
    assert _level(kb, {**DEAD_LEG, "cannot_bear_weight": True}) == "emergency"


def test_a_booked_knock_page_says_how_to_care_for_it_and_why_it_is_booked(
    kb: KnowledgeBase,
) -> None:
    a = assess(kb, parse_answers(kb, DEAD_LEG))
    injury = next(r for r in a.triage.reasons if r.rule == "injury")
    # the reason names what lowered it, not "walking normally" unsaid
    assert "a bruise you can put weight on in its first week" in injury.text
    assert "protect it for the first one to three days" in injury.advice


def test_a_fall_in_pregnancy_goes_to_the_maternity_unit_today(kb: KnowledgeBase) -> None:
    a = assess(kb, parse_answers(kb, {**DEAD_LEG, "sex": "female", "history": ["pregnant_now"]}))
    reason = next(r for r in a.triage.reasons if r.rule == "injury_pregnant")
    assert a.triage.level == "urgent"
    assert "maternity unit today" in reason.advice


def test_a_child_with_a_thigh_bruise_is_not_lowered_by_the_adult_exception(
    kb: KnowledgeBase,
) -> None:
    # the review's F1: 13, a bruise at the front of the thigh, borne on,
    # limp and trend not given
    assert _level(kb, {**DEAD_LEG, "age": 13, "symptoms": ["bruising"]}) == "urgent"
    # WX07, a 10-year-old's easing outer-thigh bruise, walked on without a
    # limp, stays booked: the first draft's self-care page was incoherent
    child = {
        "age": 10,
        "sex": "female",
        "location": ["outer_thigh"],
        "injury": True,
        "onset": "sudden",
        "duration": "under_1_week",
        "trend": "better",
        "symptoms": ["bruising"],
        "limp": False,
        "cannot_bear_weight": False,
    }
    assert _level(kb, child) == "routine"


def test_a_fresh_knock_starts_the_ladder_at_walking(kb: KnowledgeBase) -> None:
    """The review's A3: "protect it for the first one to three days" stood
    above "Keep running, but easy" (the ladder assumed the pain score not
    given was mild). In the week after a knock the first check-in starts at
    walking, with the knock's reason ([return_to_run] start_no_higher)."""
    from hipcheck.render.return_to_run_render import reason_text

    a = assess(kb, parse_answers(kb, DEAD_LEG))
    stage = a.plan.stage
    assert stage is not None and stage.stage == "walk"
    assert stage.reason == "start.no_higher.0"
    # what the higher start assumed is still named (tests/test_review_34.py)
    assert "limp" in stage.missing
    assert reason_text(kb, stage).startswith("In the first days after a fall or knock")
    assert a.plan.running.startswith("No running for now")
    # a knock weeks ago, or pain with no knock, starts where the answers allow
    weeks = assess(kb, parse_answers(kb, {**DEAD_LEG, "duration": "1_to_6_weeks"}))
    assert weeks.plan.stage is not None and weeks.plan.stage.stage != "walk"


def test_a_start_cap_needs_a_test_and_a_reason() -> None:
    import tomllib

    from hipcheck.errors import KnowledgeError
    from hipcheck.knowledge.loader import default_path, from_dict

    raw = tomllib.loads(default_path().read_text(encoding="utf-8"))
    walk = next(s for s in raw["return_to_run"]["stages"] if s["id"] == "walk")
    walk["start_no_higher"] = [{"when": {}, "reason": "Why."}]
    with pytest.raises(KnowledgeError, match=r"start_no_higher\[0\]\.when: must test"):
        from_dict(raw, "edited.toml")
    walk["start_no_higher"] = [{"when": {"injury": True}, "reason": " "}]
    with pytest.raises(KnowledgeError, match=r"start_no_higher\[0\]\.reason: say why"):
        from_dict(raw, "edited.toml")


def test_a_runner_held_at_walking_moves_up_on_a_report_of_their_walks(
    kb: KnowledgeBase,
) -> None:
    """At walking the sessions are walks and exercises: the report's
    question asks for them too ("if your plan had no running"), and a good
    report moves the runner up to walk-run; with none, the plan holds."""
    import datetime as dt

    from hipcheck.core.return_to_run import Before, progress

    first = assess(kb, parse_answers(kb, DEAD_LEG)).plan.stage
    assert first is not None and first.stage == "walk"
    now = dt.datetime.now(dt.UTC)
    before = Before(now - dt.timedelta(days=4), "walk", first.kind, dt.timedelta(days=4))
    assert kb.return_to_run is not None
    kind = kb.return_to_run.kind_by_id[first.kind]
    report = {**DEAD_LEG, "run_pain_during": 1, "next_morning": "settled"}
    later = progress(kb, "routine", kind, parse_answers(kb, report), before)
    assert later is not None and later.stage == "walk_run_1" and later.decision == "move_up"
    held = progress(kb, "routine", kind, parse_answers(kb, DEAD_LEG), before)
    assert held is not None and held.stage == "walk" and held.reason == "no_report"
    prompt = kb.question_by_id["run_pain_during"].prompt
    assert "if your plan had no running" in prompt
