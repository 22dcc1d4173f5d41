"""A clinician's review (stop 39): six weeks or more of tightness at the front
of the hip from sitting read a fresh strain's "For the first 1-3 days
protect it: avoid what hurts ...". A strain's first-days line is for pain
in its first week (or whose start is not known); a runner who has had it
for weeks is past its first days."""

from __future__ import annotations

from typing import Any

import pytest

from hipcheck.knowledge import KnowledgeBase

from .helpers import assessed

S03 = {"location": ["front_hip"], "side": "both", "duration": "over_6_weeks", "severity": 2,
       "pain_type": ["tightness"], "triggers": ["long_sitting"], "training": ["long_sitting_days"],
       "mechanics": ["tight_hip_flexors"], "age": 31, "sex": "female"}  # fmt: skip
GROIN = {"location": ["groin"], "triggers": ["squeezing_knees", "kicking"], "onset": "sudden",
         "severity": 3, "age": 28, "sex": "male"}  # fmt: skip


def _care(kb: KnowledgeBase, answers: dict[str, Any]) -> list[str]:
    return [line for c in assessed(kb, answers).plan.care for line in c.steps]


@pytest.mark.parametrize("base", [S03, GROIN])
@pytest.mark.parametrize("duration", ["1_to_6_weeks", "over_6_weeks"])
def test_no_first_days_line_for_pain_of_weeks(
    kb: KnowledgeBase, base: dict[str, Any], duration: str
) -> None:
    care = _care(kb, {**base, "duration": duration})
    assert care, "a cause's care is offered"
    assert not any(line.startswith("For the first 1-3 days") for line in care), care


@pytest.mark.parametrize("base", [S03, GROIN])
@pytest.mark.parametrize("duration", ["under_1_week", None])
def test_the_first_days_line_for_a_fresh_or_untimed_strain(
    kb: KnowledgeBase, base: dict[str, Any], duration: str | None
) -> None:
    answers = {k: v for k, v in {**base, "duration": duration}.items() if v is not None}
    care = _care(kb, answers)
    assert any(line.startswith("For the first 1-3 days") for line in care), care
