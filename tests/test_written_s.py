"""An eleventh blind written set (tests/cases/written_v3_s.json: 50 cases a
sport and exercise GP wrote from the contract alone for a masters athletics
clinic, 30 runners aged 50-85; measured once on 2026.12.50 before any
change: no case under-triaged, 1 of 31 ordinary runners over, self-care
kept in 5 of 24, top-1 91%, top-3 100%, fit poor on 10 of 16 cases outside
the file, interview median 10 and none below the full form).

Read since, and left as they are:
- WS20, a 67-year-old who tripped onto her outer hip four days ago, a big
  bruise, walking without a limp and easing, is sent to an emergency
  department: a fall at 60 or over is an emergency route, and an emergency
  rule takes no exceptions (the file's checks refuse them), so that a broken
  hip that can still bear weight is never talked down by answers;
- WS35 and WS47 (shingles before its rash, polymyalgia) were encoded with
  "fever or generally unwell" for feeling fluey: a red flag, never weakened;
- the self-care misses are the seeds' consultation for pain of over a week
  not getting better, teenagers' growth-plate routes and night pain."""

from __future__ import annotations

from pathlib import Path

from hipcheck.knowledge import KnowledgeBase

from .conftest import KB_PATH
from .helpers import assessed, check_blind_set

WRITTEN_S = KB_PATH.parents[1] / "tests" / "cases" / "written_v3_s.json"

WS20 = {"age": 67, "sex": "female", "side": "left", "injury": True, "onset": "sudden",
        "duration": "under_1_week", "trend": "better", "location": ["outer_hip"],
        "symptoms": ["bruising"], "triggers": ["pressing_outer_hip"],
        "cannot_bear_weight": False, "limp": False}  # fmt: skip


def test_a_fall_at_60_or_over_stays_an_emergency_whatever_else(kb: KnowledgeBase) -> None:
    a = assessed(kb, WS20)
    assert a.triage.level == "emergency"
    rule = next(r for r in kb.triage_rules if r.id == "fall_older")
    assert not rule.unless and not rule.broad


def test_the_blind_set(kb: KnowledgeBase) -> None:
    check_blind_set(kb, Path(WRITTEN_S))
