"""A fifteenth blind written set (tests/cases/written_v3_w.json: 50 cases a
women's and pelvic health physiotherapist wrote from the contract alone;
measured once on 2026.12.62: no case under-triaged, 3 of 31 ordinary
runners over, self-care kept in 11 of 22, top-1 97%, top-3 100%, interview
median 10 and none below the full form). Not changed since.

Read, and left as they are:
- WW18 and WW19 ticked red flags for pregnancy pelvic girdle pain ("pregnant
  with pain low in the pelvis") and post-partum stress incontinence ("new
  bladder trouble"): emergency, never weakened.
- WW08, a 14-year-old dancer's clunking hip with no pain score given (the
  fourth blind writer's clunk; with 2/10 or less it is routine), and WW49,
  the third writer's iliac endofibrosis with no trend (two reviews withdrew
  the exceptions for it): urgent."""

from __future__ import annotations

from pathlib import Path

from hipcheck.knowledge import KnowledgeBase

from .conftest import KB_PATH
from .helpers import assessed, check_blind_set

WRITTEN_W = KB_PATH.parents[1] / "tests" / "cases" / "written_v3_w.json"


def test_a_red_flag_ticked_for_pelvic_girdle_pain_stays_an_emergency(kb: KnowledgeBase) -> None:
    a = assessed(kb, {"age": 31, "sex": "female", "history": ["pregnant_now"],
                      "location": ["pubic_bone"], "elsewhere": ["pregnancy_pain"]})  # fmt: skip
    assert a.triage.level == "emergency"


def test_the_blind_set(kb: KnowledgeBase) -> None:
    check_blind_set(kb, Path(WRITTEN_W))
