"""Which questions still apply, given the answers so far (`ask_if`), which
of their choices are offered (`offer_if`), and how they group into steps (a
screen is one step). Shared by the questionnaire and the interview."""

from __future__ import annotations

from collections.abc import Mapping

from msgspec import structs

from hipcheck.core.answers import AnswerValue
from hipcheck.knowledge import KnowledgeBase, Question
from hipcheck.knowledge.choices import contradicted
from hipcheck.knowledge.when import matches_any


def applicable(q: Question, answers: Mapping[str, AnswerValue]) -> bool:
    """Whether `q` is asked: no `ask_if`, or one of its tables holds."""
    return not q.ask_if or matches_any(q.ask_if, answers)


def offered(q: Question, answers: Mapping[str, AnswerValue]) -> Question:
    """`q` as it is asked now: a choice the answers given rule out
    (`offer_if`: no testicle choice once sex is "female") is marked not
    offered. A choice already picked stays, so changing an answer never
    drops it unseen; an unanswered question hides nothing."""
    if not q.offer_deps:
        return q
    current = answers.get(q.id)
    picked = set(current) if isinstance(current, tuple) else {current}
    choices = tuple(
        structs.replace(c, offer=False)
        if c.offer and c.id not in picked and contradicted(c, answers)
        else c
        for c in q.choices
    )
    return q if choices == q.choices else structs.replace(q, choices=choices)


def remaining(
    kb: KnowledgeBase, answers: Mapping[str, AnswerValue], skip: set[str]
) -> list[Question]:
    """Questions still to ask, as far as the answers so far tell.

    A question whose `ask_if` depends on a question not yet answered is
    counted when its test holds for the answers so far, so the estimate
    can shrink but stays honest.
    """
    return [
        q
        for q in kb.questions
        if q.id not in answers and q.id not in skip and applicable(q, answers)
    ]


def steps_left(
    kb: KnowledgeBase, answers: Mapping[str, AnswerValue], skip: set[str]
) -> list[list[Question]]:
    """The questions still to ask, grouped into the steps they are asked in."""
    units: list[list[Question]] = []
    for q in remaining(kb, answers, skip):
        if q.screen is not None and units and units[-1][0].screen == q.screen:
            units[-1].append(q)
        else:
            units.append([q])
    return units
