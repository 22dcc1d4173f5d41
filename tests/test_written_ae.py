"""A twenty-third blind written set (tests/cases/written_v3_ae.json: 40
cases a sports physician with a physiotherapist's eye wrote from the
contract and the seeds alone, stop 39: 16 ordinary, 8 routine, 8
must-not-miss, 4 thin, 4 outside the file). Measured once, on 2026.12.87,
before any change: none under-triaged, none over-triaged (0 of 27 ordinary
runners); triage agreement 40 of 40; self-care kept in 6 of 18 where
accepted; top-1 27 of 28, top-3 28 of 28; Brier 0.072; the fit poor for 10
of the 12 cases whose cause is outside the file; the interview's median 10
questions, none ending below the full form.

One change since (2026.12.88): WAE05, a month of 3/10 tightness at the
front of both hips in a man who sits all day, went to a doctor through
"not improving" where the same picture for months went home
(tests/test_front_hip_tightness.py). Self-care is now kept in 7 of 18."""

from __future__ import annotations

from hipcheck.knowledge import KnowledgeBase

from .conftest import KB_PATH
from .helpers import check_blind_set

WRITTEN_AE = KB_PATH.parents[1] / "tests" / "cases" / "written_v3_ae.json"


def test_the_blind_set(kb: KnowledgeBase) -> None:
    ev = check_blind_set(kb, WRITTEN_AE, cases=40)
    assert [r.case.id for r in ev.results if r.over_triaged] == []
    assert ev.ordinary_over == (0, 27)
    assert ev.self_care_accepted == (7, 18)
