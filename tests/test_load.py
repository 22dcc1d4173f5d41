"""Training load from GPX, FIT and Strava files: reading, weeks, jumps, and the assessment."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import time
from pathlib import Path
from typing import Any

import pytest

from hipcheck.knowledge import KnowledgeBase
from hipcheck.load.analysis import analyse
from hipcheck.load.readers import collect, read_fit, read_gpx, read_strava_csv

from .activity_files import weekly_history, write_fit, write_gpx, write_strava_csv

UTC = dt.UTC
LAST_MONDAY = dt.date(2026, 11, 16)


def at(y: int, m: int, d: int, h: int = 7, mi: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, h, mi, tzinfo=UTC)


def test_gpx_reader(tmp_path: Path) -> None:
    run = read_gpx(write_gpx(tmp_path / "a.gpx", at(2026, 11, 3), 10.0, 55))
    assert len(run.runs) == 1
    r = run.runs[0]
    assert r.start == at(2026, 11, 3) and r.source == "gpx"
    assert r.distance_m == pytest.approx(10_000, rel=0.01)
    assert r.moving_s == pytest.approx(55 * 60, rel=0.02)
    ride = read_gpx(write_gpx(tmp_path / "b.gpx", at(2026, 11, 3), 30.0, 60, kind="cycling"))
    assert ride.runs == [] and ride.skipped_other == 1


def test_fit_reader(tmp_path: Path) -> None:
    found = read_fit(write_fit(tmp_path / "a.fit", at(2026, 11, 3, 18), 8.5, 45))
    assert [(r.start, r.distance_m, r.moving_s) for r in found.runs] == [
        (at(2026, 11, 3, 18), 8500, 2700)
    ]
    ride = read_fit(write_fit(tmp_path / "b.fit", at(2026, 11, 3), 40, 90, sport="cycling"))
    assert ride.runs == [] and ride.skipped_other == 1


def test_strava_csv_keeps_runs_and_prefers_metres(tmp_path: Path) -> None:
    path = write_strava_csv(
        tmp_path / "activities.csv",
        [(at(2026, 11, 2), "Run", 10.004, 50), (at(2026, 11, 3), "Ride", 40, 80),
         (at(2026, 11, 4), "Trail Run", 12.5, 75), (at(2026, 11, 5), "Walk", 4, 50)],
    )  # fmt: skip
    found = read_strava_csv(path)
    assert [round(r.distance_m) for r in found.runs] == [10004, 12500]
    assert [r.moving_s for r in found.runs] == [3000, 4500]
    assert found.runs[0].start == at(2026, 11, 2) and found.skipped_other == 2


def test_gz_files_and_folders(tmp_path: Path) -> None:
    raw = write_fit(tmp_path / "x.fit", at(2026, 11, 3), 8, 40).read_bytes()
    (tmp_path / "export" / "activities").mkdir(parents=True)
    (tmp_path / "export" / "activities" / "1.fit.gz").write_bytes(gzip.compress(raw))
    (tmp_path / "x.fit").unlink()
    got = collect([tmp_path / "export"])
    assert len(got.runs) == 1 and got.problems == ()


def test_same_run_in_fit_and_csv_counts_once(tmp_path: Path) -> None:
    write_fit(tmp_path / "1001.fit", at(2026, 11, 3), 10, 50)
    write_gpx(tmp_path / "1001.gpx", at(2026, 11, 3, 7, 1), 10.05, 50)
    rows = [(at(2026, 11, 3), "Run", 10.0, 50), (at(2026, 11, 3, 18), "Run", 5.0, 25)]
    write_strava_csv(tmp_path / "activities.csv", rows)
    got = collect([tmp_path])
    assert got.duplicates == 2
    assert [(r.source, round(r.distance_m)) for r in got.runs] == [("fit", 10000), ("csv", 5000)]


def test_bad_files_are_named_and_the_rest_used(tmp_path: Path) -> None:
    good = write_fit(tmp_path / "good.fit", at(2026, 11, 3), 10, 50)
    (tmp_path / "truncated.fit").write_bytes(good.read_bytes()[:30])
    (tmp_path / "junk.gpx").write_text("<gpx><trk><trkseg><trkpt lat='x'")
    (tmp_path / "notgz.fit.gz").write_bytes(b"not gzip")
    (tmp_path / "activities.csv").write_text("name,when\na,b\n")
    got = collect([tmp_path, tmp_path / "missing.gpx"])
    assert len(got.runs) == 1
    text = "\n".join(got.problems)
    for name, why in (
        ("truncated.fit", "damaged or truncated FIT file"),
        ("junk.gpx", "not a valid GPX file"),
        ("notgz.fit.gz", "cannot read"),
        ("activities.csv", "not a Strava activities.csv"),
        ("missing.gpx", "not found"),
    ):
        assert any(name in p and why in p for p in got.problems), (name, text)


@pytest.fixture
def new_york(monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_week_boundaries_follow_local_time(
    tmp_path: Path, kb: KnowledgeBase, new_york: Any
) -> None:
    # 03:00 UTC on Monday 16 Nov is still Sunday 15 Nov in New York
    write_gpx(tmp_path / "late.gpx", at(2026, 11, 16, 3), 10, 60)
    write_gpx(tmp_path / "monday.gpx", at(2026, 11, 16, 14), 5, 30)
    rep = analyse(collect([tmp_path]), kb.load, 4)
    by_week = {w.start: round(w.distance_m / 1000) for w in rep.weeks}
    assert by_week[dt.date(2026, 11, 9)] == 10 and by_week[dt.date(2026, 11, 16)] == 5


def test_jump_detection_on_a_known_history(tmp_path: Path, kb: KnowledgeBase) -> None:
    weekly_history(tmp_path, [20, 20, 21, 22, 23, 30, 31, 30], LAST_MONDAY)
    rep = analyse(collect([tmp_path]), kb.load, 8)
    marked = [w.start for w in rep.weeks if w.jump]
    # weeks of 28 Sep .. 16 Nov; 23 -> 30 km is the week of 2 Nov: +30%, and only
    # that week is marked (the +5% weeks are fine)
    assert marked == [dt.date(2026, 11, 2)]
    jump = next(w for w in rep.weeks if w.jump)
    assert jump.distance_change == pytest.approx(0.30, abs=0.01)
    assert jump.time_change == pytest.approx(0.30, abs=0.01)
    assert rep.mileage_jump and "week of 2 Nov: distance +30%" in rep.reasons[0]
    assert rep.acwr == pytest.approx(30 / ((23 + 30 + 31 + 30) / 4), abs=0.02)  # 28 days to 22 Nov
    assert not rep.acwr_caution
    assert rep.longest_recent_m == pytest.approx(12_000, rel=0.01)
    assert rep.longest_share == pytest.approx(0.4, abs=0.01)


def test_old_jump_is_not_a_recent_jump(tmp_path: Path, kb: KnowledgeBase) -> None:
    weekly_history(tmp_path, [20, 30, 30, 30, 30, 30, 30], LAST_MONDAY)
    rep = analyse(collect([tmp_path]), kb.load, 7)
    assert any(w.jump for w in rep.weeks) and not rep.mileage_jump


def test_acwr_caution(tmp_path: Path, kb: KnowledgeBase) -> None:
    weekly_history(tmp_path, [20, 20, 20, 20, 20, 40], LAST_MONDAY)
    rep = analyse(collect([tmp_path]), kb.load, 6)
    assert rep.acwr == pytest.approx(40 / 25, abs=0.02) and rep.acwr_caution
    assert any("acute:chronic workload ratio 1.60" in r for r in rep.reasons)


def test_load_command_outputs(run: Any, tmp_path: Path) -> None:
    weekly_history(tmp_path, [20, 20, 20, 26, 26, 26, 26, 26], LAST_MONDAY)
    write_fit(tmp_path / "ride.fit", at(2026, 11, 17), 40, 90, sport="cycling")
    res = run("load", str(tmp_path), "--format", "json")
    assert res.code == 0, res.err
    doc = json.loads(res.out)
    assert doc["units"] == "km" and len(doc["weeks"]) == 10
    assert [w["over_limit"] for w in doc["weeks"]].count(True) == 1
    assert doc["other_activities_skipped"] == 1 and doc["runs"] == 24
    miles = json.loads(run("load", str(tmp_path), "--format", "json", "--units", "mi").out)
    assert miles["weeks"][-1]["distance"] == pytest.approx(26 / 1.609344, abs=0.02)
    text = run("load", str(tmp_path), "--weeks", "8", "--as-of", "2026-11-22").out
    assert "<- over +10%" in text and "Acute:chronic workload ratio" in text
    assert run("load", str(tmp_path), "--units", "furlongs").code == 2
    assert run("load", str(tmp_path), "--as-of", "yesterday").code == 2


def test_no_runs(run: Any, tmp_path: Path) -> None:
    res = run("load", str(tmp_path))
    assert res.code == 1 and "no running activities found in 0 files" in res.err
    write_fit(tmp_path / "ride.fit", at(2026, 11, 17), 40, 90, sport="cycling")
    res = run("load", str(tmp_path))
    assert res.code == 1 and "(1 other activities skipped)" in res.err


GT = ["--location", "outer-hip", "--triggers", "single-leg", "--duration", "1-to-6-weeks",
      "--severity", "4", "--format", "json"]  # fmt: skip


def test_check_with_a_30_percent_jump(run: Any, tmp_path: Path) -> None:
    weekly_history(tmp_path, [20, 20, 20, 20, 26, 26], LAST_MONDAY)
    plain = json.loads(run("check", *GT).out)
    res = run("check", *GT, "--activities", str(tmp_path))
    assert res.code == 0, res.err
    doc = json.loads(res.out)
    assert doc["answers"]["training"] == ["mileage_jump"]
    assert doc["answer_origins"] == {"training.mileage_jump": "your activity data"}
    assert doc["training_load"]["mileage_jump"] is True
    scores = {c["id"]: c for c in doc["conditions"]}
    before = {c["id"]: c["score"] for c in plain["conditions"]}
    # the overuse conditions whose weights include a mileage jump gain, and say why
    for cid in ("itbs", "femoral_stress_fracture", "gluteal_tendinopathy"):
        assert scores[cid]["score"] > before[cid] or cid == doc["conditions"][0]["id"]
        assert any("from your activity data" in e for e in scores[cid]["evidence_for"]), cid
    text = run("check", *GT[:-2], "--activities", str(tmp_path)).out
    assert "TRAINING LOAD FROM YOUR ACTIVITY DATA" in text and "(+30%)" in text


def test_check_without_a_jump_keeps_the_runner_s_answer(run: Any, tmp_path: Path) -> None:
    weekly_history(tmp_path, [20, 20, 21, 21, 22, 22], LAST_MONDAY)
    doc = json.loads(
        run("check", *GT, "--training", "hills-added", "--activities", str(tmp_path)).out
    )
    assert doc["answers"]["training"] == ["hills_added"] and doc["answer_origins"] == {}
    assert doc["training_load"]["mileage_jump"] is False
    bad = run("check", *GT, "--activities", str(tmp_path / "nothing"))
    assert bad.code == 0 and "no running activities found" in bad.err and "not found" in bad.err
