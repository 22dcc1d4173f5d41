"""A twenty-first blind written set (tests/cases/written_v3_ac.json: 40 adult
runners a GP with sports medicine training wrote from the contract alone,
stop 37, with the pain score and the limp given where the story implies
them, as a runner filling in the form would). Measured once, on 2026.12.82,
not tuned on: no case under- or over-triaged (triage agreement 40 of 40);
self-care kept in 10 of 21 where accepted; top-1 29 of 30, top-3 30 of 30;
the fit poor for 8 of the 10 causes outside the file."""

from __future__ import annotations

from hipcheck.knowledge import KnowledgeBase

from .conftest import KB_PATH
from .helpers import check_blind_set

WRITTEN_AC = KB_PATH.parents[1] / "tests" / "cases" / "written_v3_ac.json"


def test_the_blind_set(kb: KnowledgeBase) -> None:
    ev = check_blind_set(kb, WRITTEN_AC, cases=40)
    assert [r.case.id for r in ev.results if r.over_triaged] == []
