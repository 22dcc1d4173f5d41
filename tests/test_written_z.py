"""An eighteenth blind written set (tests/cases/written_v3_z.json: 50 cases a
race-medicine and sport physician wrote from the contract alone: trail,
ultra and road races, the follow-up clinic and a club e-mail line, runners
16-77). Measured once, on 2026.12.70, and not changed since: no case
under-triaged; 2 of 23 ordinary runners over (WZ24, a limp with groin pain
getting worse for months, and WZ49, weakness with groin numbness: both
urgent where the writer booked them); 5 over in all (also a minor fall at
68, an emergency route that takes no exceptions, and Lyme disease with a
fever and endometriosis with belly pain ticked: red flags by
construction); self-care kept in 10 of 19; top-1 and top-3 100% of 30
ranked cases; fit as expected in 4 of 5; interview median 10, none below
the full form."""

from __future__ import annotations

from hipcheck.knowledge import KnowledgeBase

from .conftest import KB_PATH
from .helpers import check_blind_set

WRITTEN_Z = KB_PATH.parents[1] / "tests" / "cases" / "written_v3_z.json"


def test_the_blind_set(kb: KnowledgeBase) -> None:
    check_blind_set(kb, WRITTEN_Z)
