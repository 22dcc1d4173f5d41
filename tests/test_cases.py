"""Accuracy on our own written cases (tests/cases/cases.json), from the seeds.

These are not the acceptance cases; the thresholds are the issue's targets,
so a knowledge-file edit that makes things worse fails here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from hipcheck.evaluate import Evaluation, evaluate, read_cases
from hipcheck.knowledge import KnowledgeBase

CASES = Path(__file__).parent / "cases" / "cases.json"


@pytest.fixture(scope="module")
def ev(kb: KnowledgeBase) -> Evaluation:
    return evaluate(kb, read_cases(kb, CASES))


def test_enough_cases(ev: Evaluation) -> None:
    assert len(ev.results) >= 30


def test_top1_and_top3(ev: Evaluation) -> None:
    assert ev.top1 >= 0.75
    assert ev.top3 >= 0.92


def test_never_under_triaged(ev: Evaluation) -> None:
    assert [r.case.id for r in ev.under_triaged] == []


def test_every_emergency_is_emergency(ev: Evaluation) -> None:
    emergencies = [r for r in ev.results if r.case.triage_any == ("emergency",)]
    assert emergencies and all(r.level == "emergency" for r in emergencies)


def test_self_care_cases_mostly_stay_self_care(ev: Evaluation) -> None:
    kept, total = ev.self_care_kept
    assert total >= 5 and kept / total >= 0.8


def test_evaluate_command_reports_misses_and_thresholds(run: Any, tmp_path: Path) -> None:
    res = run("evaluate", str(CASES))
    assert res.code == 0 and "top-1" in res.out and "under-triaged        0" in res.out
    bad = tmp_path / "bad.json"
    bad.write_text(
        '[{"id": "X1", "answers": {"location": ["outer_knee"]},'
        ' "expect": {"conditions_any": ["fai"], "triage_any": ["urgent"]}}]'
    )
    res = run("evaluate", str(bad), "--min-top1", "0.5")
    assert res.code == 1
    assert "X1: top-1 expected fai, got itbs" in res.out
    assert "X1: triage expected urgent, got self_care  UNDER-TRIAGE" in res.out
    broken = tmp_path / "broken.json"
    broken.write_text('[{"id": "B", "answers": {"location": ["knee"]}, "expect": {}}]')
    res = run("evaluate", str(broken))
    assert res.code == 2 and "case B" in res.err
