"""The questionnaire's flow with a scripted prompter: order, skips, progress,
the emergency short-circuit and the review step."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Any

from hipcheck.core.answers import AnswerValue
from hipcheck.core.asking import applicable
from hipcheck.core.questionnaire import MORE, GoBack, collect, review
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
        self.more: list[int] = []

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
        self, kb: KnowledgeBase, answers: Mapping[str, AnswerValue], asked: list[str], more: int
    ) -> str | None:
        self.more.append(more)
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
    later = {"run_pain_during", "next_morning"}  # only at a later check-in
    assert p.asked == [q.id for q in for_gt(kb) if q.id not in later]
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
    # the safety screen is one step; the two check-in questions are not asked
    assert steps == list(range(1, len(for_gt(kb)) - len(SAFETY) + 2 - 2))


def test_ask_if_skips_and_progress_stays_honest(kb: KnowledgeBase) -> None:
    p = Scripted({**GT, "duration": "under_1_week"})
    collect(kb, {}, p, full=True)
    assert "rest_helps" not in p.asked
    steps = sorted({s for s, _ in p.progress})
    totals = [t for _, t in p.progress]
    # the safety screen counts once; the two check-in questions are not asked
    first_total = len(for_gt(kb)) - len(SAFETY) + 1 - 2
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


def test_full_never_asks_about_runs_since_a_last_check_in_on_the_first(kb: KnowledgeBase) -> None:
    """`--full` on a first check-in: no "since your last check-in" questions;
    at a later check-in (they come as `also`) they are asked once, at the end."""
    p = Scripted(GT)
    collect(kb, {}, p, full=True)
    assert "run_pain_during" not in p.asked and "next_morning" not in p.asked
    p = Scripted(GT)
    collect(kb, {}, p, full=True, also=("run_pain_during", "next_morning"))
    assert p.asked[-2:] == ["run_pain_during", "next_morning"]
    assert p.asked.count("run_pain_during") == 1


class Backing(Scripted):
    """Says "back" once at the question `at`, then answers as scripted."""

    def __init__(self, answers: dict[str, Any], at: str, first: dict[str, Any]) -> None:
        super().__init__(first)
        self.final = answers
        self.at = at
        self.backed = False
        self.currents: list[tuple[str, Any]] = []
        self.steps_seen: list[tuple[str, int]] = []

    def ask(
        self, q: Question, current: AnswerValue | None, step: int, total: int
    ) -> AnswerValue | None:
        self.currents.append((q.id, current))
        self.steps_seen.append((q.id, step))
        if q.id == self.at and not self.backed:
            assert step > 1
            self.backed = True
            self.answers = self.final
            self.asked.append(q.id)
            self.progress.append((step, total))
            raise GoBack
        return super().ask(q, current, step, total)


def test_back_changes_the_previous_answer_at_once(kb: KnowledgeBase) -> None:
    """ "Back" at a question re-asks the one before, showing the answer given,
    and the new answer replaces it; the step count goes back too."""
    first = {**GT, "side": "right"}
    p = Backing(GT, at="onset", first=first)
    answers, progress = collect(kb, {}, p, full=True)
    sides = [cur for qid, cur in p.currents if qid == "side"]
    assert sides == [None, "right"]  # asked again, starting on the answer given
    assert answers["side"] == "left" and progress.asked.count("side") == 1
    i = [qid for qid, _ in p.steps_seen].index("onset")
    onset, side_again = p.steps_seen[i], p.steps_seen[i + 1]
    assert side_again == ("side", onset[1] - 1)  # side again, at its own number


def test_the_counter_moves_by_one_at_most(kb: KnowledgeBase) -> None:
    """ "Question n of about m": m never jumps (the interview's estimate can)."""
    for case in (GT, {"location": ("buttock",), "pain_type": ("shooting",)}, {}):
        p = Scripted(case)
        collect(kb, {}, p)
        totals = [total for _, total in p.progress]
        assert all(abs(b - a) <= 1 for a, b in itertools.pairwise(totals)), totals
        assert all(step <= total for step, total in p.progress)


def test_review_offers_the_questions_left_out(kb: KnowledgeBase) -> None:
    """After the short interview the review offers the rest (for a
    clinician); choosing it asks them, with no question asked twice."""
    p = Scripted(GT, changes=[(MORE, None)])
    answers, progress = collect(kb, {}, p)
    short = list(p.asked)
    review(kb, answers, progress, p, {})
    assert p.more[0] > 0 and p.more[-1] == 0
    assert len(p.asked) > len(short) and len(set(p.asked)) == len(p.asked)
    assert "sex" in p.asked and "duration" in p.asked


def test_the_interviews_answers_come_out_in_the_files_order(kb: KnowledgeBase) -> None:
    """The adaptive interview asks in its own order; equal-weight evidence
    is listed in answer order, so its "why" differed from the same answers
    given as flags (a new user's review, stop 41): `collect` gives them in
    the knowledge file's question order, as flags are read."""
    answers, _ = collect(kb, {}, Scripted(GT))
    order = [q.id for q in kb.questions]
    assert list(answers) == sorted(answers, key=order.index)
