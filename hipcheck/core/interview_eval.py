"""Measure the adaptive interview on written cases (`evaluate --interview`).

Each case is interviewed as a runner would be: the engine asks in its own
order, the case's answer is given where it has one, and "not sure" (no
answer) where it has none. The assessment from the answers gathered is
then judged like the full form's (hipcheck.core.evaluate): top-1, top-3,
triage agreement and under-triage, plus the steps asked (a screen is one
step), how far the "about N more" estimates were from the truth, and the
cases where the interview ended below the full form's level (it never
should: a question left unasked must not lower the level).
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from hipcheck.core.answers import parse_answers
from hipcheck.core.assessment import assess
from hipcheck.core.evaluate import Case, CaseResult
from hipcheck.core.replay import Replays
from hipcheck.knowledge import LEVELS, KnowledgeBase


@dataclass(frozen=True, slots=True)
class Interviewed:
    result: CaseResult
    #: Steps asked (the safety screen is one).
    steps: int
    #: The question ids asked, in order.
    asked: tuple[str, ...]
    #: Per step: (estimated steps left after it, steps actually left).
    estimates: tuple[tuple[int, int], ...]
    #: The level the full form gives on all the case's answers.
    full_level: str = "self_care"
    #: Whether it ended among the `first` steps (sex, the safety screen).
    ended_first: bool = False

    @property
    def below_full(self) -> bool:
        return LEVELS.index(self.result.level) < LEVELS.index(self.full_level)


@dataclass(frozen=True, slots=True)
class InterviewEvaluation:
    cases: tuple[Interviewed, ...]

    def _share(self, ok: Sequence[bool]) -> float:
        return sum(ok) / len(ok) if ok else 1.0

    @property
    def questions_median(self) -> float:
        return statistics.median(c.steps for c in self.cases) if self.cases else 0

    @property
    def questions_max(self) -> int:
        return max((c.steps for c in self.cases), default=0)

    @property
    def ranks(self) -> bool:
        """Whether any case judges the ranking (not all triage-only)."""
        return any(c.result.ranks for c in self.cases)

    @property
    def top1(self) -> float:
        return self._share([c.result.top1 for c in self.cases if c.result.ranks])

    @property
    def top3(self) -> float:
        return self._share([c.result.top3 for c in self.cases if c.result.ranks])

    @property
    def triage(self) -> float:
        return self._share([c.result.triage_ok for c in self.cases])

    @property
    def under_triaged(self) -> tuple[str, ...]:
        return tuple(c.result.case.id for c in self.cases if c.result.under_triaged)

    @property
    def over_triaged(self) -> tuple[str, ...]:
        return tuple(c.result.case.id for c in self.cases if c.result.over_triaged)

    @property
    def below_full(self) -> tuple[str, ...]:
        """Cases the interview ended below the full form's level."""
        return tuple(c.result.case.id for c in self.cases if c.below_full)

    @property
    def emergency_stops(self) -> tuple[str, ...]:
        """Cases the safety screen ended (an emergency answer stops at once,
        so their ranking rests on the safety answers alone)."""
        return tuple(
            c.result.case.id for c in self.cases if c.ended_first and c.result.level == "emergency"
        )

    @property
    def estimate_error(self) -> float:
        """Mean absolute error of "about N more", in steps, over every step."""
        errors = [abs(e - a) for c in self.cases for e, a in c.estimates]
        return sum(errors) / len(errors) if errors else 0.0


def interview(
    kb: KnowledgeBase, case: Case, full: bool = False, replays: Replays | None = None
) -> Interviewed:
    """Run the interview on one case, answering from its answers (`replays`:
    shared by the cases of one run, for the ways they begin alike)."""
    known = parse_answers(kb, case.answers)
    run = (replays or Replays(kb, full)).run(known)
    estimates = [step.remaining for step in run.steps]
    asked = run.asked
    a = assess(kb, run.answers)
    steps = len(estimates)
    result = CaseResult(case, tuple(c.id for c in a.conditions), a.triage.level)
    trail = tuple((e, steps - 1 - n) for n, e in enumerate(estimates))
    full_level = assess(kb, known).triage.level
    ended_first = bool(run.steps) and run.steps[-1].why == "first"
    return Interviewed(result, steps, tuple(asked), trail, full_level, ended_first)


def evaluate_interview(
    kb: KnowledgeBase, cases: Sequence[Case], full: bool = False
) -> InterviewEvaluation:
    replays = Replays(kb, full)
    return InterviewEvaluation(tuple(interview(kb, c, full, replays) for c in cases))


def to_dict(ev: InterviewEvaluation) -> dict[str, Any]:
    """The `interview` object of `evaluate --interview --format json`."""
    return {
        "questions_median": ev.questions_median,
        "questions_max": ev.questions_max,
        "top1": ev.top1 if ev.ranks else None,  # None: no case judges the ranking
        "top3": ev.top3 if ev.ranks else None,
        "triage": ev.triage,
        "under_triaged": list(ev.under_triaged),
        "over_triaged": list(ev.over_triaged),
        "below_full_form": list(ev.below_full),
        "emergency_stops": list(ev.emergency_stops),
        "estimate_error": round(ev.estimate_error, 2),
        "results": [
            {
                "id": c.result.case.id,
                "questions": c.steps,
                "asked": list(c.asked),
                "top3": list(c.result.ranked[:3]),
                "level": c.result.level,
                "top3_ok": c.result.top3,
                "under_triaged": c.result.under_triaged,
                "full_form_level": c.full_level,
            }
            for c in ev.cases
        ],
    }
