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


def test_ranking_gates_with_no_case_to_rank_fail_and_say_why(run: Any, tmp_path: Path) -> None:
    """Round 4 (an adversary's review): with only triage-only cases,
    `--min-top1 0.9` passed and the JSON said top-1 1.0 of nothing."""
    cases = [
        {
            "id": "T1",
            "answers": {"elsewhere": ["testicle"]},
            "expect": {"conditions_any": [], "triage_any": ["emergency"]},
        }
    ]
    path = tmp_path / "triage_only.json"
    path.write_text(json.dumps(cases))
    res = run("evaluate", str(path), "--format", "json")
    assert res.exit == 0, res.err
    doc = json.loads(res.out)
    assert doc["ranked_cases"] == 0 and doc["top1"] is None and doc["top3"] is None
    assert doc["top1_5_answers"] is None and doc["top3_5_answers"] is None
    res = run("evaluate", str(path), "--min-top1", "0.9")
    assert res.exit == 1
    assert "no case here judges the ranking" in res.err and "Traceback" not in res.err
    res = run("evaluate", str(path), "--interview", "--format", "json")
    assert json.loads(res.out)["interview"]["top1"] is None
    res = run("evaluate", str(path), "--interview")
    assert "top-1 100.0%" not in res.out and "top-1 -" in res.out


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


@pytest.mark.parametrize(
    ("name", "at_least"),
    [
        ("case_reports_v3_d.json", 35),
        ("case_reports_v3_e.json", 30),
        ("case_reports_v3_f.json", 30),
        ("case_reports_v3_g.json", 30),
        ("case_reports_v3_k.json", 25),
    ],
)
def test_held_out_published_set_is_new_and_readable(
    kb: KnowledgeBase, name: str, at_least: int
) -> None:
    """case_reports_v3_d.json to case_reports_v3_g.json are held-out sets of
    runners' case reports (not tuned on, so they have no accuracy threshold
    here): every case is one evaluate reads, gives 3-10
    answers and names a cause or a level, and none comes from a source
    (address or title) another case set already uses."""
    held_out = CASE_REPORTS.parent / name
    cases = json.loads(held_out.read_text(encoding="utf-8"))
    assert len(read_cases(kb, held_out)) == len(cases) >= at_least
    assert all(3 <= len(c["answers"]) <= 10 for c in cases)
    others = [p for p in CASE_REPORTS.parent.glob("*.json") if p != held_out]
    sources = [c.get("source") for p in others for c in json.loads(p.read_text(encoding="utf-8"))]
    urls = {s["url"] for s in sources if isinstance(s, dict) and s.get("url")}
    titles = {s["title"].lower() for s in sources if isinstance(s, dict) and s.get("title")}
    assert [c["id"] for c in cases if c["source"]["url"] in urls] == []
    assert [c["id"] for c in cases if c["source"]["title"].lower() in titles] == []


# --- Ranking v3 (issue 17): figures as gates, a little below the measured
# values (README), so that a knowledge-file or calibration change that makes
# the ranking worse fails here. The published case reports of runners are
# the development set the calibration was fitted on (bench/fit_calibration.py
# reports the held-out split); acceptance uses other cases.

NEW_REPORTS = [Path(__file__).parent / "cases" / f"case_reports_v3_{p}.json" for p in "ab"]


def _uncalibrated(kb: KnowledgeBase) -> KnowledgeBase:
    import msgspec

    from hipcheck.knowledge.ranking import Calibration

    return msgspec.structs.replace(
        kb, ranking=msgspec.structs.replace(kb.ranking, calibration=Calibration())
    )


@pytest.fixture(scope="module")
def new_reports(kb: KnowledgeBase) -> Evaluation:
    return evaluate(kb, [c for p in NEW_REPORTS for c in read_cases(kb, p)])


def test_new_published_case_reports_rank_the_cause(new_reports: Evaluation) -> None:
    """Measured: top-3 83%, first 54% on the 48 histories with at least five
    answers; 77% and 46% on all 70 that name a cause."""
    rich = new_reports.rich
    assert len(rich) >= 40
    assert sum(r.top3 for r in rich) / len(rich) >= 0.80
    assert sum(r.top1 for r in rich) / len(rich) >= 0.50
    assert new_reports.top3 >= 0.74 and new_reports.top1 >= 0.43


def test_causes_outside_the_file_mostly_fit_poorly_when_the_answers_say_so(
    new_reports: Evaluation,
) -> None:
    """Causes outside the file with an answer that points there (fever, belly
    or testicle pain, cramp that stops at rest) fit poorly; thin histories
    cannot, and in-file causes almost never do."""
    assert new_reports.outside_fit["poor"] >= 6
    inside_poor = [r.case.id for r in new_reports.ranked if r.fit == "poor"]
    assert len(inside_poor) <= 2


def test_written_sets_keep_their_ranking(kb: KnowledgeBase) -> None:
    for path, top1 in ((CASES, 0.95), (WRITTEN_V2, 0.9)):
        ev = evaluate(kb, read_cases(kb, path))
        assert ev.top3 >= 0.97 and ev.top1 >= top1, path.name


def test_calibration_lowers_the_brier_score(kb: KnowledgeBase) -> None:
    """The fitted temperature and biases beat the plain model on the
    development sets together (Brier: 0 perfect, 2 worst)."""
    cases = [c for p in (CASES, WRITTEN_V2, *NEW_REPORTS) for c in read_cases(kb, p)]
    calibrated, plain = evaluate(kb, cases), evaluate(_uncalibrated(kb), cases)
    assert calibrated.brier is not None and plain.brier is not None
    assert calibrated.brier <= plain.brier - 0.03
    assert calibrated.brier <= 0.35


def test_evaluate_reports_brier_and_reliability(run: Any) -> None:
    res = run("evaluate", str(NEW_REPORTS[0]))
    assert res.code in (0, 1)
    assert "Brier score" in res.out and "reliability (first cause)" in res.out
    assert "top-3, 5+ answers" in res.out and "outside the file  fit poor" in res.out
    doc = json.loads(run("evaluate", str(NEW_REPORTS[0]), "--format", "json").out)
    assert 0 <= doc["brier"] <= 2
    bins = doc["reliability"]
    assert sum(b["cases"] for b in bins) == doc["ranked_cases"]
    assert all(0 <= b["mean"] <= 1 and 0 <= b["right"] <= 1 for b in bins)
    assert sum(doc["outside_fit"].values()) == sum(
        1 for c in json.loads(NEW_REPORTS[0].read_text()) if c["expect"].get("outside_kb")
    )


WRITTEN_V3_REVIEW = Path(__file__).parent / "cases" / "written_v3_review.json"


def test_a_clinicians_written_cases_of_version_3(kb: KnowledgeBase) -> None:
    """36 cases a sports physician wrote to review version 3 (ordinary,
    routine, must-not-miss, thin, outside the file): no under-triage (a
    74-year-old with worsening groin pain on walking was routine), no
    ordinary runner above an accepted level, and the right cause in the top
    three of every case that has one in the file."""
    ev = evaluate(kb, read_cases(kb, WRITTEN_V3_REVIEW))
    assert len(ev.results) >= 36
    assert [r.case.id for r in ev.under_triaged] == []
    assert ev.over_triaged == [] or len(ev.over_triaged) <= 1
    assert ev.top3 >= 0.95
