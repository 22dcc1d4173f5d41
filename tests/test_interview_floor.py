"""The adaptive interview never ends below what the direct rules give on the
full form (issue 17, item 5): a question left unasked must not lower a
route. Checked on every case file and on random answer sets.

The condition-score nets and the plan's stop floor move with the ranking,
so an unasked answer can leave a share under its threshold; those cases are
reported by `hipcheck evaluate --interview` ("ended below the full form's
level") and are not part of this guarantee.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from hipcheck.core.answers import parse_answers
from hipcheck.core.asking import applicable
from hipcheck.core.assessment import assess
from hipcheck.core.evaluate import read_cases
from hipcheck.core.interview import replay
from hipcheck.core.interview_eval import interview
from hipcheck.core.triage import rank
from hipcheck.knowledge import KnowledgeBase

from .strategies import KB, answers

CASE_FILES = sorted((Path(__file__).parent / "cases").glob("*.json"))


def rule_floor(kb: KnowledgeBase, given_answers: dict[str, Any]) -> int:
    """The level the direct rules give on the full form (as a rank)."""
    reasons = assess(kb, parse_answers(kb, given_answers)).triage.reasons
    ruled = [rank(r.level) for r in reasons if not r.rule.startswith(("condition:", "plan:"))]
    return max(ruled, default=0)


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.name)
def test_the_interview_keeps_every_route_of_the_full_form(kb: KnowledgeBase, path: Path) -> None:
    below = [
        case.id
        for case in read_cases(kb, path)
        if rank(interview(kb, case).result.level) < rule_floor(kb, case.answers)
    ]
    assert below == []


@settings(max_examples=150, deadline=None)
@given(answers())
def test_the_interview_keeps_every_route_on_random_answers(drawn: dict[str, Any]) -> None:
    # what a runner can give: a question whose ask_if fails is never asked
    a = {q.id: drawn[q.id] for q in KB.questions if q.id in drawn and applicable(q, drawn)}
    got = replay(KB, a).answers
    full = assess(KB, a).triage.reasons
    floor = max(
        (rank(r.level) for r in full if not r.rule.startswith(("condition:", "plan:"))), default=0
    )
    assert rank(assess(KB, got).triage.level) >= floor
