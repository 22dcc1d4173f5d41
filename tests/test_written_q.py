"""A ninth blind written set (tests/cases/written_v3_q.json: 50 cases a
sports-medicine physician wrote from the contract alone, measured once on
2026.12.45 before any change: no case under- or over-triaged, self-care
kept in 10 of 20, top-1 and top-3 100%, fit poor on 5 of the 7 causes
outside the file, interview median 10 and none below the full form).

Read since: WQ14, a desk worker's tight, achy fronts of both hips after
runs for a month, was routine (right) but told to stop running by the
weeks-of-groin-pain route of 2026.12.44: tightness on both sides is the
muscles, an exception of the groin routes now."""

from __future__ import annotations

from pathlib import Path

from hipcheck.knowledge import KnowledgeBase

from .conftest import KB_PATH
from .helpers import assessed, check_blind_set

WRITTEN_Q = KB_PATH.parents[1] / "tests" / "cases" / "written_v3_q.json"

WQ14 = {"age": 35, "sex": "male", "side": "both", "location": ["front_hip"],
        "timing": ["after_run"], "pain_type": ["tightness", "dull_ache"],
        "training": ["long_sitting_days"], "mechanics": ["tight_hip_flexors"],
        "duration": "1_to_6_weeks"}  # fmt: skip


def test_tight_fronts_of_both_hips_keep_running(kb: KnowledgeBase) -> None:
    a = assessed(kb, WQ14)
    assert a.triage.level == "routine" and not a.plan.stop_for_bone
    rules = {r.rule for r in a.triage.reasons}
    assert "groin_running_weeks" not in rules


def test_one_side_aching_for_weeks_still_stops(kb: KnowledgeBase) -> None:
    a = assessed(kb, {**WQ14, "side": "right", "pain_type": ["dull_ache"]})
    assert "groin_running_weeks" in {r.rule for r in a.triage.reasons}
    assert a.plan.stop_for_bone


def test_the_blind_set(kb: KnowledgeBase) -> None:
    check_blind_set(kb, Path(WRITTEN_Q))
