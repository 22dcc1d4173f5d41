"""The questionnaire's flow, independent of how questions are displayed.

What to ask next comes from the interview (core/interview.py: safety
screen first, then what could change the level or the top causes; or every
question with `full`); skip logic from the knowledge file (`ask_if`,
`screen`). After every step the triage is checked: as soon as the answers
call for emergency care, the flow stops. A `Prompter` does the asking; the
real one uses questionary (ui/prompter.py), tests use a scripted one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from hipcheck.core.answers import Answers, AnswerValue
from hipcheck.core.asking import applicable
from hipcheck.core.interview import next_step
from hipcheck.core.triage import is_emergency
from hipcheck.knowledge import KnowledgeBase, Question, Screen


class Prompter(Protocol):
    def ask(
        self, q: Question, current: AnswerValue | None, step: int, total: int
    ) -> AnswerValue | None:
        """Ask one question; None means skipped ("not sure")."""

    def ask_screen(
        self, screen: Screen, questions: list[Question], step: int, total: int
    ) -> dict[str, AnswerValue]:
        """Ask the questions of one screen (yes/no and several) as one tick
        list; {} means all skipped."""

    def review(
        self, kb: KnowledgeBase, answers: Mapping[str, AnswerValue], asked: list[str]
    ) -> str | None:
        """Show all answers; return a question id to change, or None to go on."""


@dataclass
class Progress:
    """What the user has been asked so far."""

    asked: list[str] = field(default_factory=list)
    emergency: bool = False
    #: Steps shown so far (one screen may ask several questions).
    steps: int = 0
    #: Ask every question (`--full`), not the adaptive interview.
    full: bool = False
    #: Questions asked after the interview whatever it chose (e.g. how the
    #: runs since the last check-in went, when there is a last check-in).
    also: tuple[str, ...] = ()


def _record(answers: Answers, progress: Progress, q: Question, value: AnswerValue | None) -> None:
    progress.asked.append(q.id)
    if value is None:
        answers.pop(q.id, None)
    else:
        answers[q.id] = value


def _ask(
    prompter: Prompter,
    kb: KnowledgeBase,
    answers: Answers,
    progress: Progress,
    unit: list[Question],
    remaining: int = 0,
) -> None:
    step = progress.steps + 1
    total = step + remaining  # honest: the interview's own estimate of what is left
    if len(unit) == 1:
        q = unit[0]
        _record(answers, progress, q, prompter.ask(q, answers.get(q.id), step, total))
    else:
        screen = kb.screen_by_id[str(unit[0].screen)]
        values = prompter.ask_screen(screen, unit, step, total)
        for q in unit:
            _record(answers, progress, q, values.get(q.id))
    progress.steps += 1
    progress.emergency = is_emergency(kb, answers)


def _ask_what_applies(
    prompter: Prompter, kb: KnowledgeBase, answers: Answers, progress: Progress
) -> None:
    while not progress.emergency:
        step = next_step(kb, answers, progress.asked, progress.full)
        if step is None:
            break
        extra = sum(1 for qid in progress.also if qid not in answers and qid not in step.ids)
        _ask(prompter, kb, answers, progress, list(step.questions), step.remaining + extra)
    for qid in progress.also:
        q = kb.question_by_id.get(qid)
        if progress.emergency or q is None or qid in answers or qid in progress.asked:
            continue
        if applicable(q, answers):
            left = sum(1 for o in progress.also if o not in answers and o not in progress.asked)
            _ask(prompter, kb, answers, progress, [q], max(0, left - 1))


def collect(
    kb: KnowledgeBase,
    given: Mapping[str, AnswerValue],
    prompter: Prompter,
    full: bool = False,
    also: tuple[str, ...] = (),
) -> tuple[Answers, Progress]:
    """Ask what is not already answered: the adaptive interview (core/interview),
    or with `full` every applicable question in file order; then `also`."""
    answers: Answers = dict(given)
    progress = Progress(emergency=is_emergency(kb, answers), full=full, also=also)
    _ask_what_applies(prompter, kb, answers, progress)
    return answers, progress


def review(
    kb: KnowledgeBase,
    answers: Answers,
    progress: Progress,
    prompter: Prompter,
    given: Mapping[str, AnswerValue],
) -> None:
    """Let the user change any answer until they confirm.

    A change can make other questions apply (they are then asked) or stop
    applying (their answers are dropped, unless given by flag or file).
    """
    while not progress.emergency:
        qid = prompter.review(kb, answers, progress.asked)
        if qid is None:
            return
        _ask(prompter, kb, answers, progress, [kb.question_by_id[qid]])
        for q in kb.questions:
            if q.id not in given and not applicable(q, answers):
                answers.pop(q.id, None)
                if q.id in progress.asked:
                    progress.asked.remove(q.id)
        _ask_what_applies(prompter, kb, answers, progress)
