"""Accuracy on our own written cases (tests/cases/cases.json), from the seeds.

These are not the acceptance cases; the thresholds are the issue's targets,
so a knowledge-file edit that makes things worse fails here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hipcheck.core.evaluate import Evaluation, evaluate, read_cases
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
    assert res.exit == 0 and "top-1" in res.out and "under-triaged        0" in res.out
    bad = tmp_path / "bad.json"
    bad.write_text(
        '[{"id": "X1", "answers": {"location": ["outer_knee"]},'
        ' "expect": {"conditions_any": ["fai"], "triage_any": ["urgent"]}}]'
    )
    res = run("evaluate", str(bad), "--min-top1", "0.5")
    assert res.exit == 1
    assert "X1: top-1 expected fai, got itbs" in res.out
    assert "X1: triage expected urgent, got self_care  UNDER-TRIAGE" in res.out
    broken = tmp_path / "broken.json"
    broken.write_text('[{"id": "B", "answers": {"location": ["knee"]}, "expect": {}}]')
    res = run("evaluate", str(broken))
    assert res.exit == 2 and "case B" in res.err


def test_triage_only_cases_and_over_triage_are_reported(run: Any, tmp_path: Path) -> None:
    """Contract 5.2: an empty conditions_any counts for triage only, and a
    level above every accepted one is listed as over-triaged."""
    cases = [
        {  # a cause outside the file: judged for its level only
            "id": "T1",
            "answers": {"elsewhere": ["testicle"]},
            "expect": {"conditions_any": [], "triage_any": ["emergency"]},
        },
        {  # an ordinary runner sent to a doctor too soon
            "id": "O1",
            "answers": {"location": ["outer_hip"], "severity": 9},
            "expect": {"conditions_any": ["gluteal_tendinopathy"], "triage_any": ["self_care"]},
        },
    ]
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(cases))
    res = run("evaluate", str(path), "--format", "json")
    assert res.exit == 0, res.err
    doc = json.loads(res.out)
    assert doc["under_triaged"] == [] and doc["over_triaged"] == ["O1"]
    assert doc["top1"] == 1.0 and doc["ranked_cases"] == 1  # T1 does not count for ranking
    assert doc["ordinary_over_triaged"] == {"over": 1, "of": 1}
    assert doc["self_care_where_accepted"] == {"kept": 0, "of": 1}
    res = run("evaluate", str(path))
    assert "over-triaged         1" in res.out and "(1 triage only)" in res.out
    assert "O1: triage expected self_care, got urgent  over-triage" in res.out
    assert "T1: top-1" not in res.out


WRITTEN_V2 = Path(__file__).parent / "cases" / "written_v2.json"
CASE_REPORTS = Path(__file__).parent / "cases" / "case_reports.json"


def test_noisy_written_cases(kb: KnowledgeBase) -> None:
    """72 cases written the way runners answer (3-8 answers, hurried, noisy):
    safety, self-care, routine and vague groups (issue 9's written targets)."""
    ev = evaluate(kb, read_cases(kb, WRITTEN_V2))
    assert len(ev.results) >= 70
    assert [r.case.id for r in ev.under_triaged] == []
    emergencies = [r for r in ev.results if r.case.triage_any == ("emergency",)]
    assert len(emergencies) >= 5 and all(r.level == "emergency" for r in emergencies)
    kept, total = ev.self_care_kept
    assert total >= 15 and kept / total >= 0.9
    assert ev.top3 >= 0.97 and ev.top1 >= 0.85


def test_published_case_reports(kb: KnowledgeBase) -> None:
    """30 published case reports of runners, encoded from the history alone
    (tests/cases/case_reports.json). Several give only side, age and sex,
    or a location and 'during runs': the figures are lower than on written
    cases, and the few under-triaged ones are such thin histories (see the
    README). A regression guard, not a target."""
    ev = evaluate(kb, read_cases(kb, CASE_REPORTS))
    assert len(ev.results) >= 30
    assert ev.top3 >= 0.5
    assert len(ev.under_triaged) <= 6
    emergencies_or_urgent = [r for r in ev.results if r.case.triage_any == ("urgent",)]
    assert sum(r.level in ("urgent", "emergency") for r in emergencies_or_urgent) >= 5


@pytest.mark.parametrize("name", ["case_reports_sample.json", "vignettes_sample.json"])
def test_public_samples(kb: KnowledgeBase, name: str) -> None:
    """The two public sample sets, copied into the repository so a clean
    clone (and CI) runs them: ten vignettes and eight published case reports.
    Format examples, not a set to tune to: a guard against under-triage."""
    ev = evaluate(kb, read_cases(kb, CASES.parent / name))
    assert len(ev.results) >= 8
    assert [r.case.id for r in ev.under_triaged] == []
    assert ev.top3 >= 0.85


# Our own encodings; the public sample (case_reports_sample.json) is a copy
# kept as published, so it is not held to this.
PUBLISHED = [CASE_REPORTS, *sorted(CASE_REPORTS.parent.glob("case_reports_v3_*.json"))]
KINDS = {"journal", "teaching", "clinic", "personal"}


@pytest.mark.parametrize("path", PUBLISHED, ids=lambda p: p.name)
def test_published_cases_say_what_kind_of_source(kb: KnowledgeBase, path: Path) -> None:
    """Every published case names its source and how much weight it bears:
    a journal report, a teaching case, a clinic's case study or a personal
    account (blog, forum, letter, column), so figures can be read per kind."""
    cases = json.loads(path.read_text(encoding="utf-8"))
    read_cases(kb, path)  # every case is one evaluate accepts
    bad = [c["id"] for c in cases if c.get("source", {}).get("kind") not in KINDS]
    assert bad == []
    assert all(c["source"].get("title") and c["source"].get("note") for c in cases)


def test_third_published_set_is_journal_or_teaching_and_new() -> None:
    """case_reports_v3_c.json takes journal reports and teaching cases only,
    none from a source already used by the other published sets."""
    newest = CASE_REPORTS.parent / "case_reports_v3_c.json"
    cases = json.loads(newest.read_text(encoding="utf-8"))
    assert {c["source"]["kind"] for c in cases} <= {"journal", "teaching"}
    older = [p for p in PUBLISHED if p != newest]
    used = {c["source"]["url"] for p in older for c in json.loads(p.read_text(encoding="utf-8"))}
    assert [c["id"] for c in cases if c["source"]["url"] in used] == []
