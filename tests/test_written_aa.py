"""A nineteenth blind written set (tests/cases/written_v3_aa.json: 40 cases
a sports physician wrote from the contract alone, stop 37: 16 ordinary, 8
routine, 8 must-not-miss, 4 thin, 4 outside the file). First measured on
2026.12.81: no case under-triaged; 4 of 29 ordinary runners over (a year of
stable groin and buttock ache on a stress fracture's share, a twisted knee
walked on, a thin bruise walked on, all urgent; and soreness of both
buttocks after a trail race, routine for the bone stop); self-care kept in
10 of 18; top-1 23 of 24, top-3 24 of 24. Since 2026.12.82 the stable
groin ache is booked once the interview has the answers its exception
reads (as written it stays urgent: a skipped question is not a "no"); the
knee and the thin bruise keep the injury rule (tests/test_review_37.py)."""

from __future__ import annotations

from hipcheck.knowledge import KnowledgeBase

from .conftest import KB_PATH
from .helpers import check_blind_set

WRITTEN_AA = KB_PATH.parents[1] / "tests" / "cases" / "written_v3_aa.json"


def test_the_blind_set(kb: KnowledgeBase) -> None:
    ev = check_blind_set(kb, WRITTEN_AA, cases=40)
    over = {r.case.id for r in ev.results if r.over_triaged}
    assert over <= {"WAA11", "WAA35", "WAA38", "WAA39"}, over
