"""A tenth blind written set (tests/cases/written_v3_r.json: 50 cases an
emergency and sports physician wrote from the contract alone for a city
running club's weekend clinic, measured once on 2026.12.47 before any
change: 1 under-triaged, 3 of 34 ordinary runners over, self-care kept in
10 of 23, top-1 97%, top-3 100%, fit poor on 10 of 14 cases outside the
file, interview median 10 and none below the full form).

The under-triaged case, WR34: the back of her thigh swollen, tight and
aching three days after flying home from a marathon, on the pill, no
injury, no timing or trend given, was routine: the swelling routes waited
for pain at rest or for "getting worse". New swelling of the thigh or
groin within the week with no injury given is now urgent (swelling_new,
NICE NG158: a suspected clot in a leg vein is assessed the same day)."""

from __future__ import annotations

from pathlib import Path

import pytest

from hipcheck.knowledge import KnowledgeBase

from .conftest import KB_PATH
from .helpers import assessed, check_blind_set

WRITTEN_R = KB_PATH.parents[1] / "tests" / "cases" / "written_v3_r.json"

WR34 = {"age": 38, "sex": "female", "side": "left", "location": ["back_of_thigh"],
        "symptoms": ["swelling"], "pain_type": ["tightness", "dull_ache"],
        "duration": "under_1_week", "injury": False}  # fmt: skip


def test_new_thigh_swelling_without_an_injury_is_urgent(kb: KnowledgeBase) -> None:
    a = assessed(kb, WR34)
    assert a.triage.level == "urgent"
    assert "swelling_new" in {r.rule for r in a.triage.reasons}
    assert any("blood clot" in r.text for r in a.triage.reasons)


@pytest.mark.parametrize(
    "change",
    [
        {"trend": "better"},  # settling
        {"onset": "sudden", "triggers": ["speed_work"]},  # a strain on a sprint
        {"onset": "sudden", "triggers": ["kicking"]},
    ],
)
def test_easing_or_a_strain_is_examined_within_a_week(
    kb: KnowledgeBase, change: dict[str, object]
) -> None:
    a = assessed(kb, {**WR34, **change})
    assert a.triage.level == "routine", [r.rule for r in a.triage.reasons]


def test_after_an_injury_the_injury_routes_decide(kb: KnowledgeBase) -> None:
    a = assessed(kb, {**WR34, "injury": True})
    assert "swelling_new" not in {r.rule for r in a.triage.reasons}


def test_one_reason_beside_the_other_swelling_routes(kb: KnowledgeBase) -> None:
    a = assessed(kb, {**WR34, "timing": ["at_rest"]})
    rules = [r.rule for r in a.triage.reasons]
    assert "swelling_at_rest" in rules and "swelling_new" not in rules


def test_the_blind_set(kb: KnowledgeBase) -> None:
    check_blind_set(kb, Path(WRITTEN_R))
