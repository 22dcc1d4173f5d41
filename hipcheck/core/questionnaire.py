"""The questionnaire's flow, independent of how questions are displayed.

What to ask next comes from the interview (core/interview.py: safety
screen first, then what could change the level or the top causes; or every
question with `full`); skip logic from the knowledge file (`ask_if`,
`screen`), and which choices are offered from `offer_if` (core/asking).
After every step the triage is checked: as soon as the answers call for
emergency care, the flow stops. A `Prompter` does the asking; the
real one uses questionary (ui/prompter.py), tests use a scripted one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from hipcheck.core.answers import Answers, AnswerValue
from hipcheck.core.asking import applicable, offered, steps_left
from hipcheck.core.interview import next_step
from hipcheck.core.triage import is_emergency
from hipcheck.knowledge import KnowledgeBase, Question, Screen

#: What `Prompter.review` returns to ask the questions the short interview left out.
MORE = "__more__"


class GoBack(Exception):
    """Raised by a prompter when the user asks to change the previous answer."""


class Prompter(Protocol):
    def ask(
        self, q: Question, current: AnswerValue | None, step: int, total: int
    ) -> AnswerValue | None:
        """Ask one question; None means skipped ("not sure"). `step` 0 means
        outside the counted interview (a change from the review). May raise
        GoBack when `step` > 1."""

    def ask_screen(
        self, screen: Screen, questions: list[Question], step: int, total: int
    ) -> dict[str, AnswerValue]:
        """Ask the questions of one screen (yes/no and several) as one tick
        list; {} means all skipped."""

    def review(
        self, kb: KnowledgeBase, answers: Mapping[str, AnswerValue], asked: list[str], more: int
    ) -> str | None:
        """Show all answers; return a question id to change, MORE to answer the
        `more` steps the short interview left out, or None to go on."""


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
    #: Never asked: questions that only make sense at a later check-in, on
    #: the first one ("since your last check-in" when there is none).
    hidden: tuple[str, ...] = ()
    #: The total last shown ("Question n of about m"): it moves by at most
    #: one a step, so the counter never swings.
    shown_total: int = 0
    #: Each counted step: its question ids and their answers before it, so
    #: "back" can undo it.
    trail: list[tuple[tuple[str, ...], dict[str, AnswerValue]]] = field(default_factory=list)
    #: Answers undone by "back": shown again as the starting choice.
    recall: dict[str, AnswerValue] = field(default_factory=dict)


def _record(answers: Answers, progress: Progress, q: Question, value: AnswerValue | None) -> None:
    progress.asked.append(q.id)
    if value is None:
        answers.pop(q.id, None)
    else:
        answers[q.id] = value


def _total(progress: Progress, step: int, remaining: int) -> int:
    """The interview's estimate of the steps, moved by at most one from the
    total shown before (estimates jump as answers rule rules in or out), and
    never below the step itself."""
    estimate = step + remaining
    if progress.shown_total:
        estimate = min(max(estimate, progress.shown_total - 1), progress.shown_total + 1)
    progress.shown_total = max(step, estimate)
    return progress.shown_total


def _ask(
    prompter: Prompter,
    kb: KnowledgeBase,
    answers: Answers,
    progress: Progress,
    unit: list[Question],
    remaining: int = 0,
    counted: bool = True,
) -> None:
    """Ask one step; "back" undoes the step before it instead."""
    step = progress.steps + 1 if counted else 0
    total = _total(progress, step, remaining) if counted else 0
    before = {q.id: answers[q.id] for q in unit if q.id in answers}
    try:
        if len(unit) == 1:
            q = unit[0]
            current = answers.get(q.id, progress.recall.get(q.id))
            value = prompter.ask(offered(q, answers), current, step, total)
            _record(answers, progress, q, value)
        else:
            screen = kb.screen_by_id[str(unit[0].screen)]
            shown = [offered(q, answers) for q in unit]
            values = prompter.ask_screen(screen, shown, step, total)
            for q in unit:
                _record(answers, progress, q, values.get(q.id))
    except GoBack:
        if counted:
            _undo(answers, progress)
        return
    if counted:
        progress.steps += 1
        progress.trail.append((tuple(q.id for q in unit), before))
    progress.emergency = is_emergency(kb, answers)


def _undo(answers: Answers, progress: Progress) -> None:
    """Take back the last counted step: its answers return to what they were
    before it (and are offered again as the starting choice)."""
    if not progress.trail:
        return
    ids, before = progress.trail.pop()
    for qid in ids:
        if qid in answers:
            progress.recall[qid] = answers[qid]
        if qid in before:
            answers[qid] = before[qid]
        else:
            answers.pop(qid, None)
        if qid in progress.asked:
            del progress.asked[len(progress.asked) - 1 - progress.asked[::-1].index(qid)]
    progress.steps -= 1


def _next(kb: KnowledgeBase, answers: Answers, progress: Progress) -> tuple[list[Question], int]:
    """The next step and about how many follow it; ([], 0) when done."""
    skip = [*progress.asked, *progress.hidden]
    step = next_step(kb, answers, skip, progress.full)
    if step is not None:
        extra = sum(1 for qid in progress.also if qid not in answers and qid not in step.ids)
        return list(step.questions), step.remaining + extra
    todo = [
        kb.question_by_id[qid]
        for qid in progress.also
        if qid in kb.question_by_id and qid not in answers and qid not in progress.asked
    ]
    todo = [q for q in todo if applicable(q, answers)]
    return (todo[:1], len(todo) - 1) if todo else ([], 0)


def _ask_what_applies(
    prompter: Prompter,
    kb: KnowledgeBase,
    answers: Answers,
    progress: Progress,
    counted: bool = True,
) -> None:
    while not progress.emergency:
        unit, remaining = _next(kb, answers, progress)
        if not unit:
            break
        _ask(prompter, kb, answers, progress, unit, remaining, counted)


def later_only(kb: KnowledgeBase) -> tuple[str, ...]:
    """Questions asked only at a check-in after the first (about the runs since)."""
    return kb.return_to_run.ask_at_checkin if kb.return_to_run is not None else ()


def collect(
    kb: KnowledgeBase,
    given: Mapping[str, AnswerValue],
    prompter: Prompter,
    full: bool = False,
    also: tuple[str, ...] = (),
) -> tuple[Answers, Progress]:
    """Ask what is not already answered: the adaptive interview (core/interview),
    or with `full` every applicable question in file order; then `also`.
    The questions about the runs since the last check-in are asked only
    when they are in `also` (there is a last check-in)."""
    answers: Answers = dict(given)
    hidden = tuple(qid for qid in later_only(kb) if qid not in also)
    progress = Progress(emergency=is_emergency(kb, answers), full=full, also=also, hidden=hidden)
    _ask_what_applies(prompter, kb, answers, progress)
    # in the file's question order, as flags are read: evidence of equal
    # weight is listed in answer order (stop 41: the interview's "why"
    # differed from the same answers given as flags)
    return {q.id: answers[q.id] for q in kb.questions if q.id in answers}, progress


def left_out(kb: KnowledgeBase, answers: Mapping[str, AnswerValue], progress: Progress) -> int:
    """How many steps the full questionnaire would still ask."""
    return len(steps_left(kb, answers, {*progress.asked, *progress.hidden}))


def review(
    kb: KnowledgeBase,
    answers: Answers,
    progress: Progress,
    prompter: Prompter,
    given: Mapping[str, AnswerValue],
) -> None:
    """Let the user change any answer, or answer the questions the short
    interview left out, until they confirm.

    A change can make other questions apply (they are then asked) or stop
    applying (their answers are dropped, unless given by flag or file).
    """
    while not progress.emergency:
        qid = prompter.review(kb, answers, progress.asked, left_out(kb, answers, progress))
        if qid is None:
            return
        if qid == MORE:
            progress.full = True
            progress.shown_total = 0  # a new count: the questions left out
            _ask_what_applies(prompter, kb, answers, progress)
            continue
        _ask(prompter, kb, answers, progress, [kb.question_by_id[qid]], counted=False)
        for q in kb.questions:
            if q.id not in given and not applicable(q, answers):
                answers.pop(q.id, None)
                if q.id in progress.asked:
                    progress.asked.remove(q.id)
        _ask_what_applies(prompter, kb, answers, progress, counted=False)
