"""A runner's review (stop 39): a routine page's reason said "stop running and
have it examined within a week" under "Book a routine appointment ... to find
the cause" (a routine appointment can be weeks away); and "see a doctor, who
may check your blood" under a heading of "a doctor or physiotherapist". The
routine advice says how soon; a route that needs a doctor says so in its
heading and its advice."""

from __future__ import annotations

from hipcheck.core.triage import level_advice, level_title
from hipcheck.knowledge import KnowledgeBase

from .helpers import assessed


def test_the_routine_advice_says_how_soon(kb: KnowledgeBase) -> None:
    a = assessed(kb, {"location": ["front_hip"]})
    assert a.triage.level == "routine"
    advice = level_advice(a.triage, kb.levels["routine"].advice)
    assert "routine appointment" not in advice and "within a week or two" in advice, advice


def test_long_morning_stiffness_sends_to_a_doctor_in_heading_and_advice(kb: KnowledgeBase) -> None:
    a = assessed(kb, {"location": ["outer_hip"], "stiffness_minutes": "over_60", "age": 45})
    title = level_title(a.triage, kb.levels["routine"].title)
    advice = level_advice(a.triage, kb.levels["routine"].advice)
    assert "not only a physiotherapist" in title, title
    assert "physiotherapist" not in advice and "doctor" in advice, advice


def test_under_45_the_inflammatory_routes_send_to_a_doctor_too(kb: KnowledgeBase) -> None:
    a = assessed(kb, {"location": ["buttock", "lower_back", "sacroiliac"], "age": 35,
                      "stiffness_minutes": "30_to_60"})  # fmt: skip
    title = level_title(a.triage, kb.levels["routine"].title)
    assert "not only a physiotherapist" in title, (title, [r.rule for r in a.triage.reasons])


def test_from_fifty_the_arteritis_signs_are_a_same_day_visit(kb: KnowledgeBase) -> None:
    """The second clinician's check (stop 39): polymyalgia from 50 can come
    with giant cell arteritis, which can take the sight within days."""
    a = assessed(kb, {"location": ["outer_hip", "buttock"], "side": "both",
                      "stiffness_minutes": "over_60", "age": 68})  # fmt: skip
    advice = level_advice(a.triage, kb.levels["routine"].advice)
    assert "same day" in advice and "headache" in advice and "sight" in advice, advice
