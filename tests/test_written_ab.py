"""A twentieth blind written set (tests/cases/written_v3_ab.json: 40 cases a
sports and emergency physician wrote from the contract alone, stop 37): 24
causes outside the file and 16 look-alikes whose cause is in it, written to
test `fit`. Measured once, on the stop's fit rules (2026.12.82): no case
under-triaged; outside-file fit poor 16 of 24 (14 before the rules), one
look-alike poor (an arthritic hip after a slip at 62, a fall route page);
11 of 21 look-alikes and ordinary pictures over (strains and injuries told
without a pain score; night or rest pain), as before the stop."""

from __future__ import annotations

from hipcheck.knowledge import KnowledgeBase

from .conftest import KB_PATH
from .helpers import check_blind_set

WRITTEN_AB = KB_PATH.parents[1] / "tests" / "cases" / "written_v3_ab.json"


def test_the_blind_set(kb: KnowledgeBase) -> None:
    ev = check_blind_set(kb, WRITTEN_AB, cases=40)
    outside = [r for r in ev.results if r.case.outside]
    inside = [r for r in ev.results if not r.case.outside]
    assert sum(r.fit == "poor" for r in outside) >= 15 and len(outside) == 24
    assert sum(r.fit == "poor" for r in inside) <= 1
