"""The interview run on answers already known: how evaluation, the safety
floor and the tests see what the questionnaire would have asked.

Many cases begin alike (the safety screen answered "no", the same first
locations), and the interview's choice depends only on what has been asked
and answered so far; a `Replays` remembers each choice for one knowledge
file, so cases sharing a beginning work it out once (`validate` replays
every floor case: about 40% of the steps are met again).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from hipcheck.core.answers import AnswerValue
from hipcheck.core.interview import next_step
from hipcheck.core.interview_steps import Step
from hipcheck.knowledge import KnowledgeBase

#: What a case gave for a question it was asked: its answer, or nothing.
_Given = tuple[str, AnswerValue | None]


@dataclass(frozen=True)
class Replayed:
    """The interview run on known answers: what it gathered, the question
    ids in asking order, and each step as it was chosen."""

    answers: dict[str, AnswerValue]
    asked: tuple[str, ...]
    steps: tuple[Step, ...]


@dataclass
class Replays:
    """Replays on one knowledge file, remembering each step chosen for a
    way the interview has gone (the questions asked, in order, and what
    was given to each)."""

    kb: KnowledgeBase
    full: bool = False
    _chosen: dict[tuple[_Given, ...], Step | None] = field(default_factory=dict)

    def run(self, known: Mapping[str, AnswerValue]) -> Replayed:
        answers: dict[str, AnswerValue] = {}
        asked: list[str] = []
        steps: list[Step] = []
        way: list[_Given] = []
        while (step := self._next(answers, asked, tuple(way))) is not None:
            steps.append(step)
            for q in step.questions:
                asked.append(q.id)
                way.append((q.id, known.get(q.id)))
                if q.id in known:
                    answers[q.id] = known[q.id]
        return Replayed(answers, tuple(asked), tuple(steps))

    def _next(
        self, answers: Mapping[str, AnswerValue], asked: list[str], way: tuple[_Given, ...]
    ) -> Step | None:
        if way not in self._chosen:
            self._chosen[way] = next_step(self.kb, answers, asked, self.full)
        return self._chosen[way]


def replay(kb: KnowledgeBase, known: Mapping[str, AnswerValue], full: bool = False) -> Replayed:
    """Run the interview answering from `known` ("not sure" where it has
    none), for one case."""
    return Replays(kb, full).run(known)
