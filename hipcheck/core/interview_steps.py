"""The interview's steps: what one step asks, how many steps questions
take, and in full mode the question that decides a step's choices first
(hipcheck/core/interview.py chooses the steps)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Literal

from hipcheck.core.answers import AnswerValue
from hipcheck.core.asking import applicable, steps_left
from hipcheck.knowledge import KnowledgeBase, Question, Screen

Why = Literal["first", "always", "triage", "gain", "full"]


@dataclass(frozen=True, slots=True)
class Step:
    """The next thing to ask: one question, or the questions of one screen."""

    questions: tuple[Question, ...]
    screen: Screen | None
    #: Why it is asked now (docs/interview.md): first, always, triage, gain, full.
    why: Why
    #: About how many steps are left after this one (an estimate, not a promise).
    remaining: int

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(q.id for q in self.questions)


def deciders_first(
    kb: KnowledgeBase,
    step: Step,
    answers: Mapping[str, AnswerValue],
    asked: Collection[str],
    counted: bool = False,
) -> Step:
    """In full mode, the question that decides which choices a step offers
    (`offer_if`: sex, for the history list's pregnancy choices) is asked
    just before it if file order would ask it later; once asked, skipped or
    not, the step itself comes next. `counted`: the step's estimate of what
    follows already counts that question (every question does in full mode)."""
    seen: set[str] = set()
    while True:
        ids = set(step.ids)
        waiting = [
            qid
            for q in step.questions
            for qid in sorted(q.offer_deps)
            if qid not in answers and qid not in asked and qid not in ids and qid not in seen
        ]
        waiting = [qid for qid in waiting if applicable(kb.question_by_id[qid], answers)]
        if not waiting:
            return step
        seen.add(waiting[0])
        unit = next(
            u for u in steps_left(kb, answers, set(asked)) if waiting[0] in {q.id for q in u}
        )
        step = make_step(kb, unit, step.why, step.remaining + (0 if counted else 1))


def steps_taken(kb: KnowledgeBase, asked: Collection[str]) -> int:
    """How many steps the asked questions took (a screen is one step)."""
    screens = set()
    count = 0
    for qid in asked:
        q = kb.question_by_id.get(qid)
        if q is not None and q.screen is not None:
            screens.add(q.screen)
        else:
            count += 1
    return count + len(screens)


def make_step(kb: KnowledgeBase, questions: list[Question], why: Why, remaining: int) -> Step:
    screen = kb.screen_by_id.get(questions[0].screen or "")
    return Step(tuple(questions), screen, why, max(0, remaining))
