"""Unanswered questions that could raise the level are named on the page
(reliability review 3, finding 15: with the age skipped, the fall-at-60 and
child/teen routes were dropped without a word)."""

from __future__ import annotations

import itertools
import random
from typing import Any

from hipcheck.core.answers import parse_answers
from hipcheck.core.assessment import assess
from hipcheck.core.open_routes import open_routes
from hipcheck.knowledge import LEVELS, KnowledgeBase

from .answer_sets import random_answers
from .helpers import QUICK, run

LINE = "Not answered yet; an answer could make this"


def _line(out: str) -> str:
    """The recap's line naming them, joined onto one line ("" if none)."""
    text = " ".join(out.split())
    start = text.find(LINE)
    return text[start : text.find(" - ", start)] if start >= 0 else ""


def test_a_fall_with_no_age_says_the_age_could_make_it_an_emergency() -> None:
    line = _line(run("check", "--injury").out)
    assert "this EMERGENCY:" in line and "age" in line
    assert "age" not in _line(run("check", "--injury", "--age", "34").out)
    for fmt in ("markdown", "html"):  # every format words the same line
        assert "an answer could make this EMERGENCY: age" in " ".join(
            run("check", "--injury", "--format", fmt).out.split()
        )


def test_a_child_age_would_raise_a_groin_pain_of_weeks() -> None:
    # the review: without --age, routine; with --age 12, urgent
    line = _line(run("check", "--location", "groin", "--duration", "1-to-6-weeks").out)
    assert "this URGENT:" in line and "age" in line


def test_every_answer_given_names_none(kb: KnowledgeBase) -> None:
    res = run("check", "--location", "outer-hip", "--duration", "1-to-6-weeks", "--trend", "same")
    assert "history" in _line(res.out)  # not given: a past stress fracture would raise it
    answers = {"location": ("outer_hip",), "age": 34, "history": ()}
    assert all(q != "history" for q, _ in open_routes(kb, answers, "routine"))


def _values(kb: KnowledgeBase, qid: str) -> list[Any]:
    q = kb.question_by_id[qid]
    if q.kind == "yes_no":
        return [True, False]
    if q.kind == "one":
        return list(q.values)
    if q.kind == "several":  # one or two ticks ("during runs and walking")
        return [tuple(c) for k in (1, 2) for c in itertools.combinations(q.values, k)]
    return list(range(int(q.min or 0), int(q.max or 0) + 1))


def test_each_question_named_can_raise_the_level_to_what_it_says(kb: KnowledgeBase) -> None:
    """Sound: for every question named, some answer to it alone takes the
    triage to the level named or above; safety-screen questions are never
    named (the page lists those already)."""
    rnd = random.Random(17)
    checked = 0
    for _ in range(40 if QUICK else 120):
        answers = parse_answers(kb, random_answers(kb, rnd, yes_rate=0.03))
        level = assess(kb, answers).triage.level
        for qid, named in open_routes(kb, answers, level):
            assert qid not in kb.interview.first
            reached = max(
                LEVELS.index(assess(kb, {**answers, qid: v}).triage.level) for v in _values(kb, qid)
            )
            assert reached >= LEVELS.index(named) > LEVELS.index(level), (answers, qid)
            checked += 1
    assert checked > 20


def test_a_question_that_does_not_apply_is_not_named(kb: KnowledgeBase) -> None:
    # "rest helps" is asked only after a week of pain, morning stiffness only
    # of pain in the morning (ask_if): a runner of three days with pain after
    # runs was told both could make it more urgent (found reading the page)
    answers = {"location": ("outer_hip",), "duration": "under_1_week", "timing": ("after_run",)}
    named = [q for q, _ in open_routes(kb, answers, "self_care")]
    assert "rest_helps" not in named and "stiffness_minutes" not in named
    week = {**answers, "duration": "1_to_6_weeks"}
    assert "rest_helps" in {q for q, _ in open_routes(kb, week, "self_care")}
