"""A sixteenth blind written set (tests/cases/written_v3_x.json: 50 cases a
paediatric sports medicine physician wrote from the contract alone, runners
8-18; measured once on 2026.12.62: no case under-triaged (every slipped
growth plate, Perthes, septic hip, avulsion, tumour and torsion caught),
14 of 30 ordinary runners over, self-care kept in 4 of 24, top-1 89%,
top-3 100%, interview median 10 and none below the full form). Since, a
paediatric orthopaedic review accepted one exception (WX14, below) and
rejected three.

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


WX14 = {"age": 14, "sex": "female", "side": "right", "location": ["outer_hip"],
        "onset": "gradual", "duration": "1_to_6_weeks",
        "triggers": ["lying_on_side", "pressing_outer_hip"], "limp": False}  # fmt: skip


def test_a_tender_bony_point_at_one_outer_hip_is_examined_within_weeks(
    kb: KnowledgeBase,
) -> None:
    """WX14, a 14-year-old's outer hip after a running camp, tender on the
    bony point, no limp: routine (a paediatric orthopaedic review), still
    without running and with a doctor who may X-ray both hips."""
    a = assessed(kb, WX14)
    assert a.triage.level == "routine"
    assert a.plan.running.startswith("Stop running")


def test_what_a_slip_can_look_like_stays_urgent(kb: KnowledgeBase) -> None:
    """The review's probes: lying on the side alone, both sides, pain on deep
    bending, no limp answer, the groin with the adductor squeeze, and the
    outer knee on both sides or with no limp answer."""
    for change in (
        {"triggers": ["lying_on_side"]},
        {"side": "both"},
        {"triggers": ["pressing_outer_hip", "deep_flexion"]},
        {"limp": None},
        {"location": ["groin"], "triggers": ["squeezing_knees"]},
    ):
        answers = {k: v for k, v in {**WX14, **change}.items() if v is not None}
        assert assessed(kb, answers).triage.level == "urgent", change
    knee = {"age": 15, "sex": "male", "location": ["outer_knee"], "onset": "gradual",
            "duration": "over_6_weeks", "timing": ["during_run"]}  # fmt: skip
    assert assessed(kb, knee).triage.level == "urgent"  # no limp answered
    # with no onset given (gradual on runs with no limp lowers it from 15 anyway)
    knee = {k: v for k, v in knee.items() if k != "onset"}
    assert assessed(kb, {**knee, "limp": False, "side": "both"}).triage.level == "urgent"
    assert assessed(kb, {**knee, "limp": False, "side": "left"}).triage.level == "routine"
