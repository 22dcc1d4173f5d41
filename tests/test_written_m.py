"""Findings of a blind written set (tests/cases/written_v3_m.json: 50 cases
a sports-clinic physiotherapist wrote from the contract alone, committed
before measuring; measured once: no under-triage, 2 of 37 ordinary runners
over): a 16-year-old's mild ache after runs, no limp, was urgent for an
X-ray (the persistent growth-plate rule); a runner 24 weeks pregnant with
pubic pain on stairs and standing on one leg (pelvic girdle pain) was urgent
through the pelvic stress fracture's share."""

from __future__ import annotations

from typing import Any

import pytest

from hipcheck.core.answers import parse_answers
from hipcheck.core.assessment import assess
from hipcheck.knowledge import KnowledgeBase

from .conftest import KB_PATH
from .helpers import check_blind_set
from .helpers import triage_level as level

WRITTEN_M = KB_PATH.parents[1] / "tests" / "cases" / "written_v3_m.json"

TEEN = {
    "age": 16,
    "sex": "female",
    "location": ["front_hip"],
    "duration": "1_to_6_weeks",
    "timing": ["after_run"],
    "severity": 3,
    "limp": False,
    "onset": "gradual",
}
PREGNANT = {
    "history": ["pregnant_now"],
    "location": ["pubic_bone", "groin"],
    "onset": "gradual",
    "duration": "1_to_6_weeks",
    "triggers": ["stairs_hills", "single_leg"],
    "age": 30,
    "sex": "female",
}


def test_a_teenagers_run_pain_without_a_limp_is_examined_without_running(
    kb: KnowledgeBase,
) -> None:
    a = assess(kb, parse_answers(kb, TEEN))
    assert a.triage.level == "routine"
    assert any(r.stop_running for r in a.triage.reasons)
    assert any("growth plate" in r.text for r in a.triage.reasons)


@pytest.mark.parametrize(
    "change",
    [
        {"limp": None},  # not answered: never lowered on a missing answer
        {"limp": True},
        {"onset": None},  # a sudden start or an injury is the avulsion's history
        {"timing": ["after_run", "walking"]},
        {"trend": "worse"},  # a slip that is progressing
        {"symptoms": ["reduced_motion"]},
        {"age": 12, "timing": ["at_night"]},
    ],
)
def test_the_growth_plate_stays_urgent_otherwise(kb: KnowledgeBase, change: dict[str, Any]) -> None:
    answers = {k: v for k, v in {**TEEN, **change}.items() if v is not None}
    assert level(kb, answers) == "urgent"


def test_pubic_pain_in_pregnancy_is_not_read_as_a_stress_fracture(kb: KnowledgeBase) -> None:
    # pelvic girdle pain affects about one pregnancy in five (Vleeming 2008)
    assert level(kb, PREGNANT) == "routine"
    # after the birth, pain on walking is the post-partum bone route
    after = {**PREGNANT, "history": ["gave_birth_last_year"], "timing": ["walking"]}
    assert level(kb, after) == "urgent"


def test_the_blind_written_set(kb: KnowledgeBase) -> None:
    check_blind_set(kb, WRITTEN_M)
