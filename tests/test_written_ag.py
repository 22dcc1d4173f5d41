"""A twenty-fifth blind written set (tests/cases/written_v3_ag.json: 40
cases a sports physician who coaches a masters running club wrote from the
contract and the seeds alone, stop 40: 16 ordinary, 8 routine, 8
must-not-miss, 4 thin, 4 outside the file; fuller histories than most, 8
to 14 answers, the thin ones 3 or 4). Measured once, on 2026.12.99, not
tuned on: none under-triaged; 1 of 29 ordinary runners over-triaged;
self-care kept in 10 of 19 where accepted; top-1 28 of 30, top-3 29 of 30;
Brier 0.092; the fit poor for 6 of the 10 cases whose cause is not named
(weak 1); the interview's median 11 questions, none ending below the full
form.

The one over-triaged case is left so, a policy two clinicians' reviews kept
(the fourth blind writer to meet it): WAG39, weakness with a cramp that
stops at rest (iliac endofibrosis: weakness is urgent unless unchanged for
months, and the trend was not given)."""

from __future__ import annotations

from hipcheck.knowledge import KnowledgeBase

from .conftest import KB_PATH
from .helpers import check_blind_set

WRITTEN_AG = KB_PATH.parents[1] / "tests" / "cases" / "written_v3_ag.json"


def test_the_blind_set(kb: KnowledgeBase) -> None:
    ev = check_blind_set(kb, WRITTEN_AG, cases=40)
    assert [r.case.id for r in ev.results if r.over_triaged] == ["WAG39"]
    assert ev.ordinary_over == (1, 29)
    assert ev.self_care_accepted == (10, 19)
