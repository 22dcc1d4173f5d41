"""A fourteenth blind written set (tests/cases/written_v3_v.json: 50 cases an
emergency physician wrote from the contract alone as a running federation's
telephone triage line takes them; measured once on 2026.12.61 before any
change: 2 under-triaged, 1 of 28 ordinary runners over, self-care kept in
12 of 22, top-1 and top-3 100%, fit poor on 14 of 15 cases outside the
file, interview median 10 and none below the full form).

- WV35, a leaking aortic aneurysm: a 72-year-old ex-smoker with sudden 9/10
  low-back pain into the groin for an hour, no position easing it, no
  injury, was urgent (he did not tick the safety screen's belly pain). A
  sudden severe low-back pain at rest at 60 or over is now an emergency
  (aortic_pain, NICE CKS; a floor case).
- Left: WV49, shingles whose blisters the contract cannot record (no rash
  answer; hipcheck's own `rash` symptom is urgent): burning, shooting
  buttock pain at 55 is seen within a few days. WV11, a 14-year-old's groin
  pull on a stretch, is urgent on the avulsion route at 16 or under. WV48
  and WV50 ticked red flags (feeling run down as "fever or unwell", a
  reactive lymph node as "a lump that will not go back"): never weakened."""

from __future__ import annotations

from pathlib import Path

import pytest

from hipcheck.knowledge import KnowledgeBase

from .conftest import KB_PATH
from .helpers import assessed

WRITTEN_V = KB_PATH.parents[1] / "tests" / "cases" / "written_v3_v.json"

WV35 = {"age": 72, "sex": "male", "side": "left", "location": ["lower_back", "groin"],
        "onset": "sudden", "severity": 9, "injury": False, "timing": ["at_rest"],
        "duration": "under_1_week"}  # fmt: skip


def test_sudden_severe_back_pain_at_rest_at_72_is_an_emergency(kb: KnowledgeBase) -> None:
    a = assessed(kb, WV35)
    assert a.triage.level == "emergency"
    assert "aortic_pain" in {r.rule for r in a.triage.reasons}


@pytest.mark.parametrize(
    "change",
    [
        {"age": 45},  # younger: a disc or a kidney stone, urgent
        {"severity": 6},
        {"timing": ["walking"]},  # hurts on moving: the back, not the artery
        {"onset": "gradual"},
    ],
)
def test_the_back_that_hurts_on_moving_or_less_is_not(
    kb: KnowledgeBase, change: dict[str, object]
) -> None:
    a = assessed(kb, {**WV35, **change})
    assert "aortic_pain" not in {r.rule for r in a.triage.reasons}


def test_the_blind_set(kb: KnowledgeBase) -> None:
    """Read and fixed since it was measured; WV49 is the one left under
    (its rash cannot be given): all read, one under, top-3 at least 95%."""
    from hipcheck.core.evaluate import evaluate, read_cases

    ev = evaluate(kb, read_cases(kb, Path(WRITTEN_V)))
    assert len(ev.results) == 50
    assert [r.case.id for r in ev.under_triaged] == ["WV49"]
    assert ev.top3 >= 0.95
