"""A choice ticked only if already noticed (hopping, pressing on the outer
hip, squeezing the knees) never counts against a cause when left unticked:
the runner was told not to test it (UX re-check: "Against: not reported:
pain on hopping or jumping" under a possible stress fracture)."""

from __future__ import annotations

from typing import Any

import msgspec
import pytest

from hipcheck.core.answers import parse_answers
from hipcheck.core.assessment import assess
from hipcheck.knowledge import KnowledgeBase
from hipcheck.knowledge.checks import check as kb_problems

from .helpers import run

GROIN = ["--location", "groin", "--onset", "gradual", "--duration", "1-to-6-weeks"]
GROIN += ["--triggers", "speed-work", "--training", "speed-work-added", "--age", "24"]
OUTER = ["--location", "outer-hip", "--triggers", "lying-on-side", "--duration", "1-to-6-weeks"]


@pytest.mark.parametrize("flags", [GROIN, OUTER])
def test_no_page_counts_an_untested_choice_against_a_cause(flags: list[str]) -> None:
    for fmt in ("text", "markdown", "html", "json"):
        out = run("check", *flags, "--format", fmt).out
        for phrase in ("pain on hopping", "tender to press", "squeezing the knees"):
            assert f"not reported: {phrase}" not in out, (fmt, phrase)


def test_the_choices_told_not_to_test_are_marked(kb: KnowledgeBase) -> None:
    triggers = {c.id: c for c in kb.question_by_id["triggers"].choices}
    assert all(
        triggers[v].noticed_only for v in ("hopping", "pressing_outer_hip", "squeezing_knees")
    )
    answers = parse_answers(kb, {"location": ["groin"], "triggers": ["speed_work"]})
    against = {e.value for c in assess(kb, answers).conditions for e in c.evidence_against}
    assert not against & {"hopping", "pressing_outer_hip", "squeezing_knees"}


def test_validate_refuses_expecting_an_untested_choice(kb: KnowledgeBase) -> None:
    r = kb.ranking
    expected: dict[str, Any] = dict(r.unticked.expected)
    expected["femoral_stress_fracture"] = ("triggers.hopping",)
    unticked = msgspec.structs.replace(r.unticked, expected=expected)
    bad = msgspec.structs.replace(kb, ranking=msgspec.structs.replace(r, unticked=unticked))
    assert any(
        "'triggers.hopping' is ticked only if already noticed" in p for p in kb_problems(bad)
    )


def test_the_age_reads_as_the_runners_age() -> None:
    # UX re-check: "being 18-34" as a reason, in Why for one cause and Against
    # for another on the same page
    out = " ".join(run("check", *GROIN, "--format", "text").out.split())
    assert "your age (18-34)" in out and "being 18-34" not in out
