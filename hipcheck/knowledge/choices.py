"""Choices offered only to some runners (`offer_if` on a choice).

A choice with `offer_if` is left out of the list when asking once an answer
given contradicts it: "Pain or swelling in a testicle" is not offered to a
runner who answered sex "female", nor pregnancy to one who answered "male".
Two rules keep this from ever costing a safety answer:

- an unanswered question never hides a choice: each test of `offer_if` is
  applied only when its question was answered, so skipping the sex question
  (or "Other") shows every choice;
- the question a choice depends on is asked before the question offering
  it (core/interview.py), so the list is never shown first in full and then
  cut.

The value itself stays valid in flags, files and batch records: `offer_if`
only decides what is offered when asking.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from hipcheck.knowledge.when import Match, When, compile_when

if TYPE_CHECKING:
    from hipcheck.knowledge.answer_types import AnswerValue
    from hipcheck.knowledge.model import Choice, KnowledgeBase, Question


def contradicted(choice: Choice, answers: Mapping[str, AnswerValue]) -> bool:
    """Whether an answer given rules the choice out (never for a question
    left unanswered)."""
    if not choice.offer_if:
        return False
    return any(
        qid in answers and not compile_when({qid: test})(answers)
        for qid, test in choice.offer_if.items()
    )


def _cycle(kb: KnowledgeBase) -> list[str]:
    """Questions whose choices depend, through others, on themselves."""
    out = []
    for q in kb.questions:
        seen: set[str] = set()
        todo = list(q.offer_deps)
        while todo:
            qid = todo.pop()
            if qid == q.id:
                out.append(q.id)
                break
            if qid in seen or qid not in kb.question_by_id:
                continue
            seen.add(qid)
            todo += kb.question_by_id[qid].offer_deps
    return out


def _choice_problems(kb: KnowledgeBase, q: Question, c: Choice, where: str) -> list[str]:
    assert c.offer_if is not None
    problems = []
    for qid, test in c.offer_if.items():
        other = kb.question_by_id.get(qid)
        if qid == q.id or (other is not None and q.screen and other.screen == q.screen):
            problems.append(
                f"{where}.{qid}: must test a question asked before this one, "
                "not this question or one on its screen"
            )
        if isinstance(test, Match) and test.answered is not None:
            problems.append(
                f"{where}.{qid}: 'answered' cannot decide a choice: an unanswered "
                "question never hides one"
            )
    if not c.offer:
        problems.append(f"{where}: offer = false already keeps the choice from being offered")
    if q.red_flag or c.red_flag:
        problems.append(
            f"{where}: a safety question's choices are offered to everyone (it is asked "
            "first, before any answer could decide them)"
        )
    return problems


def choice_problems(
    kb: KnowledgeBase, check_when: Callable[[KnowledgeBase, str, When, None], list[str]]
) -> list[str]:
    """What is wrong with the file's `offer_if` tables (`check_when` checks
    the names and values, as for `ask_if`)."""
    problems: list[str] = []
    for i, q in enumerate(kb.questions):
        for j, c in enumerate(q.choices):
            if c.offer_if is None:
                continue
            where = f"questions[{i}] ({q.id}).choices[{j}] ({c.id}).offer_if"
            problems += check_when(kb, where, c.offer_if, None)
            problems += _choice_problems(kb, q, c, where)
    problems += [
        f"questions ({qid}): its choices depend, through offer_if, on its own answer"
        for qid in _cycle(kb)
    ]
    return problems
