"""A sixteenth blind written set (tests/cases/written_v3_x.json: 50 cases a
paediatric sports medicine physician wrote from the contract alone, runners
8-18; measured once on 2026.12.62: no case under-triaged (every slipped
growth plate, Perthes, septic hip, avulsion, tumour and torsion caught),
14 of 30 ordinary runners over, self-care kept in 4 of 24, top-1 89%,
top-3 100%, interview median 10 and none below the full form). Not changed
since.

The over-triage is the growth-plate policy: at 16 or under, pain for over a
week is urgent (an X-ray within a day or two) unless a limp is answered
"no" with pain built up on runs from 15, pain only at the outer knee or
thigh on runs from 15, or a click with little pain; this writer would have
the family manage a 13-year-old's adductor ache, a 14-year-old's outer hip
after a running camp or a 12-year-old's Osgood-Schlatter at home. Three
reviews took back every exception that lowered a slip on less (Kocher 2004;
Peck 2017); the team keeps it."""

from __future__ import annotations

from pathlib import Path

from hipcheck.knowledge import KnowledgeBase

from .conftest import KB_PATH
from .helpers import assessed, check_blind_set

WRITTEN_X = KB_PATH.parents[1] / "tests" / "cases" / "written_v3_x.json"


def test_a_13_year_old_groin_ache_for_two_weeks_is_x_rayed_within_days(
    kb: KnowledgeBase,
) -> None:
    answers = {"age": 13, "sex": "male", "location": ["groin"], "duration": "1_to_6_weeks",
               "triggers": ["kicking", "squeezing_knees"]}  # fmt: skip
    a = assessed(kb, answers)
    assert a.triage.level == "urgent"
    assert "adolescent_persistent" in {r.rule for r in a.triage.reasons}


def test_the_blind_set(kb: KnowledgeBase) -> None:
    check_blind_set(kb, Path(WRITTEN_X))
