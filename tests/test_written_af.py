"""A twenty-fourth blind written set (tests/cases/written_v3_af.json: 40
cases a general practitioner with a special interest in sport and exercise
medicine, who runs a running club's clinic, wrote from the contract and the
seeds alone, stop 39: 16 ordinary, 8 routine, 8 must-not-miss, 4 thin, 4
outside the file). Measured once, on 2026.12.95, not tuned on: none
under-triaged; 2 of 27 ordinary runners over-triaged; self-care kept in 9 of
18 where accepted; top-1 and top-3 28 of 28; Brier 0.037; the fit poor for
9 of the 12 cases whose cause is outside the file; the interview's median
10 questions, none ending below the full form.

Both over-triaged cases are left so, each a policy two clinicians' reviews
kept: WAF07, a 16-year-old's sudden groin twinge while kicking (the growth
plates' avulsion route, urgent at 17 or under), and WAF39, weakness with a
cramp that stops at rest (iliac endofibrosis: weakness is urgent unless
unchanged for months, and the trend was not given)."""

from __future__ import annotations

from hipcheck.knowledge import KnowledgeBase

from .conftest import KB_PATH
from .helpers import check_blind_set

WRITTEN_AF = KB_PATH.parents[1] / "tests" / "cases" / "written_v3_af.json"


def test_the_blind_set(kb: KnowledgeBase) -> None:
    ev = check_blind_set(kb, WRITTEN_AF, cases=40)
    assert [r.case.id for r in ev.results if r.over_triaged] == ["WAF07", "WAF39"]
    assert ev.ordinary_over == (2, 27)
    assert ev.self_care_accepted == (9, 18)
