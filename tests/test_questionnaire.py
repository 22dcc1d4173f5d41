"""The questionnaire's flow with a scripted prompter: order, skips, progress,
the emergency short-circuit and the review step."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Any

from hipcheck.core.answers import AnswerValue
from hipcheck.core.asking import applicable
from hipcheck.core.questionnaire import collect, review
from hipcheck.knowledge import KnowledgeBase, Question, Screen

from .answer_sets import GLUTEAL_EVERY_QUESTION


class Scripted:
    """Answers from a dict; records what was asked and the progress shown."""

    def __init__(
        self, answers: dict[str, Any], changes: list[tuple[str, Any]] | None = None
    ) -> None:
        self.answers = answers
        self.changes = list(changes or [])
        self.asked: list[str] = []
        self.progress: list[tuple[int, int]] = []
        self.pending: Any = None
        self.screens: list[list[str]] = []
        self.screens: list[list[str]] = []

    def ask(
        self, q: Question, current: AnswerValue | None, step: int, total: int
    ) -> AnswerValue | None:
        self.asked.append(q.id)
        self.progress.append((step, total))
        if self.pending is not None and self.pending[0] == q.id:
            value, self.pending = self.pending[1], None
            return value  # type: ignore[no-any-return]
        return self.answers.get(q.id)

    def ask_screen(
        self, screen: Screen, questions: list[Question], step: int, total: int
    ) -> dict[str, AnswerValue]:
        self.screens.append([q.id for q in questions])
        self.progress.append((step, total))
        self.asked += [q.id for q in questions]
        return {q.id: self.answers[q.id] for q in questions if q.id in self.answers}

    def review(
        self, kb: KnowledgeBase, answers: Mapping[str, AnswerValue], asked: list[str]
    ) -> str | None:
        if not self.changes:
            return None
        self.pending = self.changes.pop(0)
        return str(self.pending[0])


GT = GLUTEAL_EVERY_QUESTION


def for_gt(kb: KnowledgeBase) -> list[Question]:
    """The questions that apply to GT's answers (how long morning stiffness
    lasts is asked only of those stiff or sore in the morning)."""
    return [q for q in kb.questions if applicable(q, GT)]


def test_asks_in_file_order_red_flags_first(kb: KnowledgeBase) -> None:
    p = Scripted(GT)
    answers, progress = collect(kb, {}, p, full=True)
    assert p.asked == [q.id for q in for_gt(kb)]
    assert p.asked[:3] == ["cannot_bear_weight", "deformity", "fever"]
    assert answers == GT and not progress.emergency


def test_the_interview_asks_fewer_and_safety_first(kb: KnowledgeBase) -> None:
    """Without --full the interview (core/interview) chooses: safety screen
    first, then only what can change the level or the top causes."""
    p = Scripted(GT)
    answers, progress = collect(kb, {}, p)
    assert p.asked[: len(SAFETY)] == SAFETY and p.screens[0] == SAFETY
    assert progress.steps < len(kb.questions) - len(SAFETY) + 1
    assert set(answers) <= set(GT) and not progress.emergency


def test_skipped_questions_are_unanswered_not_no(kb: KnowledgeBase) -> None:
    p = Scripted({"location": ("groin",)})
    answers, _ = collect(kb, {}, p)
    assert answers == {"location": ("groin",)}


def test_given_answers_are_not_asked_again(kb: KnowledgeBase) -> None:
    p = Scripted(GT)
    collect(kb, {"location": ("groin",), "severity": 2}, p)
    assert "location" not in p.asked and "severity" not in p.asked


SAFETY = [
    "cannot_bear_weight",
    "deformity",
    "fever",
    "saddle_numbness",
    "injury",
    "limp",
    "weight_loss",
    "elsewhere",
]


def test_safety_questions_share_one_screen(kb: KnowledgeBase) -> None:
    p = Scripted(GT)
    collect(kb, {}, p, full=True)
    assert p.screens == [SAFETY]
    steps = sorted({s for s, _ in p.progress})
    assert steps == list(range(1, len(for_gt(kb)) - len(SAFETY) + 2))  # one step


def test_ask_if_skips_and_progress_stays_honest(kb: KnowledgeBase) -> None:
    p = Scripted({**GT, "duration": "under_1_week"})
    collect(kb, {}, p, full=True)
    assert "rest_helps" not in p.asked
    steps = sorted({s for s, _ in p.progress})
    totals = [t for _, t in p.progress]
    first_total = len(for_gt(kb)) - len(SAFETY) + 1  # the safety screen counts once
    assert totals[0] == first_total  # before duration is known, rest_helps may come
    assert totals[-1] == steps[-1] == first_total - 1  # and the estimate shrank
    assert all(a >= b for a, b in itertools.pairwise(totals))


def test_no_onset_question_after_an_injury(kb: KnowledgeBase) -> None:
    p = Scripted({**GT, "injury": True})
    collect(kb, {}, p)
    assert "onset" not in p.asked


def test_emergency_stops_at_once(kb: KnowledgeBase) -> None:
    p = Scripted({**GT, "deformity": True})
    answers, progress = collect(kb, {}, p)
    assert progress.emergency
    assert p.asked == SAFETY  # one screen
    assert answers == {  # what the scripted runner ticked or left
        "cannot_bear_weight": False,
        "deformity": True,
        "fever": False,
        "injury": False,
    }


def test_emergency_from_flags_asks_nothing(kb: KnowledgeBase) -> None:
    p = Scripted(GT)
    _, progress = collect(kb, {"fever": True}, p)
    assert progress.emergency and p.asked == []


def test_review_changes_one_answer(kb: KnowledgeBase) -> None:
    p = Scripted(GT, changes=[("severity", 3)])
    answers, progress = collect(kb, {}, p)
    review(kb, answers, progress, p, {})
    assert answers["severity"] == 3
    assert p.asked.count("severity") == 2


def test_review_change_drops_and_adds_dependent_questions(kb: KnowledgeBase) -> None:
    p = Scripted(GT, changes=[("duration", "under_1_week"), ("duration", "over_6_weeks")])
    answers, progress = collect(kb, {}, p, full=True)
    review(kb, answers, progress, p, {})
    # under a week: rest_helps no longer applies and was dropped; then over six
    # weeks: it applies again and was asked again
    assert answers["duration"] == "over_6_weeks"
    assert answers["rest_helps"] == "no"
    assert p.asked.count("rest_helps") == 2


def test_review_change_to_emergency_stops(kb: KnowledgeBase) -> None:
    p = Scripted(GT, changes=[("cannot_bear_weight", True), ("severity", 1)])
    answers, progress = collect(kb, {}, p)
    review(kb, answers, progress, p, {})
    assert progress.emergency and answers["severity"] == 5


def test_check_in_questions_come_after_the_interview(kb: KnowledgeBase) -> None:
    """Issue 13: at a check-in after the first, how the runs went is asked
    although no weight or rule makes the interview choose it."""
    also = kb.return_to_run.ask_at_checkin if kb.return_to_run else ()
    assert also == ("run_pain_during", "next_morning")
    p = Scripted({**GT, "run_pain_during": 2, "next_morning": "settled"})
    answers, _ = collect(kb, {}, p)
    assert "run_pain_during" not in p.asked  # not chosen by the interview itself
    p = Scripted({**GT, "run_pain_during": 2, "next_morning": "settled"})
    answers, _ = collect(kb, {}, p, also=also)
    assert p.asked[-2:] == list(also)
    assert answers["run_pain_during"] == 2 and answers["next_morning"] == "settled"
