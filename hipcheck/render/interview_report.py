"""The paragraph `hipcheck evaluate --interview` prints beside the full
form's scorecard."""

from __future__ import annotations

from hipcheck.core.evaluate import Evaluation
from hipcheck.core.interview_eval import InterviewEvaluation


def report(ev: InterviewEvaluation, full: Evaluation | None = None) -> str:
    """One readable paragraph with the same figures (beside the full form's)."""
    n = len(ev.cases)
    under = ", ".join(ev.under_triaged) or "none"
    below = ", ".join(ev.below_full) or "none"
    versus = f" (full form {full.top3:.1%})" if full is not None and full.ranked else ""
    ranking = (
        f"top-1 {ev.top1:.1%}, top-3 {ev.top3:.1%}{versus}" if ev.ranks else "top-1 -, top-3 -"
    )
    text = (
        f"Interview: over {n} cases it asked a median of {ev.questions_median:g} questions "
        f"(at most {ev.questions_max}; the safety screen counts as one), "
        f"{ranking}, triage agreement {ev.triage:.1%}; "
        f"under-triaged: {under}; ended below the full form's level: {below}."
    )
    stops = set(ev.emergency_stops)
    if stops:
        rest = [c.result.top3 for c in ev.cases if c.result.case.id not in stops]
        text += (
            f" {len(stops)} stopped at the safety screen with an emergency"
            f" ({', '.join(sorted(stops))})"
        )
        if rest and full is not None:
            full_rest = [r.top3 for r in full.results if r.case.id not in stops]
            text += (
                f"; on the other {len(rest)} cases top-3 is {sum(rest) / len(rest):.1%}"
                f" (full form {sum(full_rest) / len(full_rest):.1%})"
            )
        text += "."
    return text + (f" Its 'about N more' was off by {ev.estimate_error:.1f} steps on average.\n")
