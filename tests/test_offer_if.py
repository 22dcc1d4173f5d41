"""Choices offered only when they can apply (`offer_if`, issue 18): the
full form asks sex before the history list whose pregnancy choices it
decides, a male is not offered them, an unanswered question never hides a
choice, and the safety screen comes first and hides none."""

from __future__ import annotations

from typing import Any

import pytest

from hipcheck.core.answers import AnswerValue
from hipcheck.core.asking import offered
from hipcheck.core.questionnaire import collect
from hipcheck.errors import KnowledgeError
from hipcheck.knowledge import KnowledgeBase, Question, Screen, from_dict
from hipcheck.knowledge.choices import contradicted
from hipcheck.ui.wording import screen_ticks

from .helpers import run


class Recorder:
    """Answers from a dict; records each question as it was offered."""

    def __init__(self, answers: dict[str, AnswerValue]) -> None:
        self.answers = answers
        self.order: list[str] = []
        self.shown: dict[str, Question] = {}

    def ask(self, q: Question, current: Any, step: int, total: int) -> AnswerValue | None:
        self.order.append(q.id)
        self.shown[q.id] = q
        return self.answers.get(q.id)

    def ask_screen(
        self, screen: Screen, questions: list[Question], step: int, total: int
    ) -> dict[str, AnswerValue]:
        self.order += [q.id for q in questions]
        self.shown.update({q.id: q for q in questions})
        return {}

    def review(self, *args: Any) -> None:
        return None


def ticks(q: Question) -> set[str]:
    """The choice ids a tick list offers (the screen's own rendering)."""
    return {tick.split(".", 1)[1] for tick, _, _ in screen_ticks(q)}


PREGNANCY = {"pregnant_now", "gave_birth_last_year"}


@pytest.mark.parametrize(
    ("sex", "hidden"),
    [("female", set()), ("male", PREGNANCY), ("other", set()), (None, set())],
)
def test_the_full_form_asks_sex_before_the_history_list(
    kb: KnowledgeBase, sex: str | None, hidden: set[str]
) -> None:
    """--full: sex comes before the history list whose pregnancy choices it
    decides; a male is not offered them, a skipped sex hides nothing."""
    p = Recorder({"sex": sex} if sex else {})
    collect(kb, {}, p, full=True)
    assert p.order.index("sex") < p.order.index("history")
    everything = {c.id for c in kb.question_by_id["history"].choices if c.offer}
    assert ticks(p.shown["history"]) == everything - hidden


def test_the_safety_screen_comes_first_and_offers_every_choice(kb: KnowledgeBase) -> None:
    """Nothing delays the safety screen, and it hides no safety choice: its
    choices do not depend on sex, even when sex is known."""
    for known in ({}, {"sex": "female"}, {"sex": "male"}):
        for full in (False, True):
            p = Recorder({})
            collect(kb, dict(known), p, full=full)
            assert p.order[: len(kb.interview.first)] == list(kb.interview.first)
            everything = {c.id for c in kb.question_by_id["elsewhere"].choices}
            assert ticks(p.shown["elsewhere"]) == everything


def test_the_short_interview_hides_only_on_a_known_answer(kb: KnowledgeBase) -> None:
    """The short interview asks sex only when it earns its step (not as a
    decider); the history list hides the pregnancy choices only when sex is
    known, by flag, file or an earlier answer, never on a skipped one.
    (Easing: with its course unknown, groin pain is routine and stops
    running, and sex no longer earns a step.)"""
    for known, hidden in (({}, set()), ({"sex": "male"}, PREGNANCY)):
        p = Recorder({"location": ("groin",), "age": 30, "severity": 5, "trend": "better"})
        collect(kb, dict(known), p)
        assert "history" in p.shown and ("sex" in p.order) == (not known)
        everything = {c.id for c in kb.question_by_id["history"].choices if c.offer}
        assert ticks(p.shown["history"]) == everything - hidden


def test_history_offers_no_pregnancy_to_a_male(kb: KnowledgeBase) -> None:
    history = kb.question_by_id["history"]
    shown = {c.id for c in offered(history, {"sex": "male"}).choices if c.offer}
    assert not {"pregnant_now", "gave_birth_last_year"} & shown
    assert "prior_stress_fracture" in shown
    female = {c.id for c in offered(history, {"sex": "female"}).choices if c.offer}
    assert {"pregnant_now", "gave_birth_last_year"} <= female
    assert offered(history, {}) is history  # nothing known: nothing hidden


def test_a_choice_already_picked_stays_offered(kb: KnowledgeBase) -> None:
    """Changing sex at the review never drops a tick unseen."""
    history = kb.question_by_id["history"]
    view = offered(history, {"sex": "male", "history": ("pregnant_now",)})
    assert next(c for c in view.choices if c.id == "pregnant_now").offer


def test_an_unanswered_question_never_hides_a_choice(kb: KnowledgeBase) -> None:
    for q in kb.questions:
        for c in q.choices:
            assert not contradicted(c, {}), (q.id, c.id)
            assert not contradicted(c, {"location": ("groin",)}), (q.id, c.id)


def test_a_flag_value_is_valid_whatever_is_offered() -> None:
    res = run("check", "--sex", "male", "--elsewhere", "pregnancy-pain", "--format", "json")
    assert res.exit == 0 and res.json["triage"]["level"] == "emergency"


def _q(raw: dict[str, Any], qid: str) -> dict[str, Any]:
    return next(q for q in raw["questions"] if q["id"] == qid)


def _choice(raw: dict[str, Any], qid: str, cid: str) -> dict[str, Any]:
    return next(c for c in _q(raw, qid)["choices"] if c["id"] == cid)


@pytest.mark.parametrize(
    ("offer_if", "problem"),
    [
        ({"sex": {"answered": True}}, "'answered' cannot decide a choice"),
        ({"elsewhere": ["urine"]}, "must test a question asked before this one"),
        ({"fever": True}, "must test a question asked before this one"),  # its own screen
        ({"sexx": ["male"]}, "offer_if.sexx: names no question"),
        ({"sex": ["man"]}, "'man' is not a value of sex"),
        ({"sex": {"none": ["female"]}}, "a safety question's choices are offered to everyone"),
    ],
)
def test_bad_offer_if_is_refused(raw: dict[str, Any], offer_if: Any, problem: str) -> None:
    _choice(raw, "elsewhere", "testicle")["offer_if"] = offer_if
    with pytest.raises(KnowledgeError) as err:
        from_dict(raw, "edited.toml")
    assert "(elsewhere).choices[0] (testicle).offer_if" in str(err.value)
    assert problem in str(err.value)


def test_choices_depending_on_each_other_are_refused(raw: dict[str, Any]) -> None:
    _choice(raw, "sex", "male")["offer_if"] = {"history": {"none": ["pregnant_now"]}}
    with pytest.raises(KnowledgeError, match="depend, through offer_if, on its own answer"):
        from_dict(raw, "edited.toml")


def test_questions_json_shows_which_choices_are_offered_to_whom() -> None:
    doc = run("questions", "--format", "json").json
    values = next(q for q in doc["questions"] if q["id"] == "history")["values"]
    by_id = {v["id"]: v for v in values}
    assert by_id["pregnant_now"]["offer_if"] == {"sex": {"none": ["male"]}}
    assert "offer_if" not in by_id["cancer"]
