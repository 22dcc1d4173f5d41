"""Findings of a blind written set (tests/cases/written_v3_p.json: 50 cases
an orthopaedic hip surgeon wrote from the contract alone, committed before
measuring; measured once on 2026.12.41: 1 under-triaged, 3 of 35 runners
whose accepted levels are below urgent sent above them (none of the
writer's 18 ordinary runners), self-care kept in 9 of 21, top-1 97%, top-3
100%, fit poor on 6 of 6 causes outside the file, interview median 10 and
none below the full form):

- WP49, four days after a long-haul flight, the back of the thigh aching
  and the whole leg swollen, hurting even sitting still (a clot in a leg
  vein), was routine: the swelling-at-rest route waited for "getting
  worse", which she did not say, and she did not tick the safety screen's
  swollen calf or thigh;
- left as they are: WP22 (70, a year of groin ache and a limp after runs,
  no trend given: urgent through the limp; unchanged for months lowers
  it), WP23 (back trouble, shooting pain with numbness, the saddle question
  not answered: urgent until it is), WP46 (low tummy pain with periods
  ticked as the safety screen's new belly pain: emergency)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from hipcheck.knowledge import KnowledgeBase

from .conftest import KB_PATH
from .helpers import assessed, check_blind_set
from .helpers import triage_level as level

WRITTEN_P = KB_PATH.parents[1] / "tests" / "cases" / "written_v3_p.json"

FLIGHT = {"age": 56, "sex": "female", "location": ["back_of_thigh"], "symptoms": ["swelling"]}
FLIGHT |= {"duration": "under_1_week", "timing": ["at_rest", "walking"], "onset": "gradual"}


def test_new_swelling_that_aches_at_rest_is_seen_within_a_day_or_two(kb: KnowledgeBase) -> None:
    assert level(kb, FLIGHT) == "urgent"
    assert level(kb, {**FLIGHT, "trend": "same"}) == "urgent"


@pytest.mark.parametrize(
    ("change", "want"),
    [
        ({"trend": "better"}, "routine"),
        ({"duration": "over_6_weeks", "trend": "same"}, "routine"),
        ({"trend": "worse"}, "urgent"),
        ({"injury": True, "trend": "worse"}, "urgent"),
    ],
)
def test_swelling_at_rest_going_down_or_settled_for_months_is_routine(
    kb: KnowledgeBase, change: dict[str, Any], want: str
) -> None:
    assert level(kb, {**FLIGHT, **change}) == want


def test_the_blind_set_is_read_and_not_under_triaged(kb: KnowledgeBase) -> None:
    check_blind_set(kb, Path(WRITTEN_P))


# A clinician's review of a first version (each failing there): after an
# injury the injury routes decide, and the wording never says "no injury"
# beside one; a swollen outer hip that aches in bed is a bursa.
BRUISE = {"injury": True, "location": ["outer_thigh"], "symptoms": ["swelling", "bruising"]}
BRUISE |= {"timing": ["at_rest"], "duration": "under_1_week", "onset": "sudden"}
BRUISE |= {"severity": 3, "age": 30, "limp": False}
BURSA = {"location": ["outer_hip"], "symptoms": ["swelling"], "severity": 4}
BURSA |= {"timing": ["at_rest", "at_night", "after_run"], "duration": "1_to_6_weeks"}
BURSA |= {"triggers": ["lying_on_side", "pressing_outer_hip"], "age": 48, "sex": "female"}


def test_a_bruise_after_a_knock_is_left_to_the_injury_routes(kb: KnowledgeBase) -> None:
    a = assessed(kb, BRUISE)
    assert a.triage.level == "routine"
    assert not any("no injury to explain it" in r.text for r in a.triage.reasons)
    assert level(kb, {**BRUISE, "trend": "worse"}) == "urgent"  # a growing bleed


def test_a_swollen_bursa_that_aches_in_bed_is_routine(kb: KnowledgeBase) -> None:
    assert level(kb, BURSA) == "routine"
    assert level(kb, {**BURSA, "trend": "same", "fever": False}) == "routine"
