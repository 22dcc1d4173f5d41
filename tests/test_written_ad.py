"""A twenty-second blind written set (tests/cases/written_v3_ad.json: 40
cases a sports physician with a physiotherapist's eye wrote from the
contract and the seeds alone, stop 38: 16 ordinary, 8 routine, 8
must-not-miss, 4 thin, 4 outside the file). Measured once, on 2026.12.82,
not tuned on: none under-triaged; no ordinary runner over-triaged (0 of
28); self-care kept in 10 of 18 where accepted; top-1 29 of 31, top-3 31 of
31; the fit poor for all 9 causes outside the file; the interview's median
10.5 questions, none ending below the full form.

One case is over-triaged, and left so: WAD39, a year of cyclical pelvic
pain into the groin (endometriosis) encoded with the safety screen's
"belly pain, vomiting or a high temperature". That answer is a red flag
(a strangulated hernia, an appendix): an emergency rule on it alone, which
no other answer may lower (the file's checks refuse it), because the
pain's duration is that of the hip or groin, not of a new belly pain. The
interview's label says "new pain in the belly"."""

from __future__ import annotations

from hipcheck.knowledge import KnowledgeBase

from .conftest import KB_PATH
from .helpers import assessed, check_blind_set

WRITTEN_AD = KB_PATH.parents[1] / "tests" / "cases" / "written_v3_ad.json"


def test_the_blind_set(kb: KnowledgeBase) -> None:
    ev = check_blind_set(kb, WRITTEN_AD, cases=40)
    assert [r.case.id for r in ev.results if r.over_triaged] == ["WAD39"]
    assert ev.ordinary_over == (0, 28)


def test_belly_pain_stays_an_emergency_however_long_the_groin_has_hurt(
    kb: KnowledgeBase,
) -> None:
    """The red flag WAD39 rests on, with a duration of months: still an
    emergency (the duration may be the groin's, the belly pain new)."""
    a = assessed(kb, {"age": 29, "sex": "female", "location": ["groin"],
                      "elsewhere": ["belly_pain"], "duration": "over_6_weeks"})  # fmt: skip
    assert a.triage.level == "emergency"
