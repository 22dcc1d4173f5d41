"""Training load from GPX, FIT and Strava files: reading, weeks, jumps, and the assessment."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import time
from pathlib import Path
from typing import Any

import pytest

from hipcheck import knowledge
from hipcheck.errors import KnowledgeError
from hipcheck.knowledge import KnowledgeBase
from hipcheck.render.load_render import render_text
from hipcheck.training.analysis import analyse
from hipcheck.training.readers import collect, read_fit, read_gpx, read_strava_csv

from .activity_files import (
    weekly_history,
    write_fit,
    write_gpx,
    write_runs,
    write_strava_csv,
)
from .answer_sets import GLUTEAL, as_flags
from .conftest import KB_PATH

UTC = dt.UTC
LAST_MONDAY = dt.date(2026, 11, 16)


@pytest.fixture(autouse=True)
def judged_on_the_last_sunday(monkeypatch: pytest.MonkeyPatch) -> None:
    """The data here ends in the week of LAST_MONDAY: judge it as of that
    Sunday, as `--as-of` would (data is judged as of today otherwise)."""
    from hipcheck.training import analysis

    monkeypatch.setattr(analysis, "today", lambda: LAST_MONDAY + dt.timedelta(days=6))


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
        ("notgz.fit.gz", "not a valid .gz file"),
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


def test_load_command_outputs(run: Any, tmp_path: Path) -> None:
    # 7 weeks of 20 km, then 26 km with a 10.4 km long run (+30% on 8 km)
    weekly_history(tmp_path, [20, 20, 20, 20, 20, 20, 20, 26], LAST_MONDAY)
    write_fit(tmp_path / "ride.fit", at(2026, 11, 17), 40, 90, sport="cycling")
    res = run("load", str(tmp_path), "--format", "json")
    assert res.exit == 0, res.err
    doc = json.loads(res.out)
    assert doc["units"] == "km" and len(doc["weeks"]) == 10
    assert doc["other_activities_skipped"] == 1 and doc["runs"] == 24
    assert doc["mileage_jump"] is True and doc["enough_history"] is True
    (spike,) = doc["long_run_spikes"]
    assert spike["date"] == "2026-11-22" and spike["distance"] == pytest.approx(10.4, abs=0.1)
    assert spike["longest_before"] == pytest.approx(8.0, abs=0.1)
    assert spike["change"] == pytest.approx(0.3, abs=0.01)
    assert doc["two_weeks"]["change"] == pytest.approx(0.15, abs=0.01)
    assert doc["rules"]["single_run_percent"] == 10 and doc["rules"]["acwr_caution"] == 1.5
    miles = json.loads(run("load", str(tmp_path), "--format", "json", "--units", "mi").out)
    assert miles["weeks"][-1]["distance"] == pytest.approx(26 / 1.609344, abs=0.02)
    text = run("load", str(tmp_path), "--weeks", "8", "--as-of", "2026-11-22").out
    assert "<- long run +30%" in text and "against your weekly average of the last 4" in text
    assert "Mileage jump: a run of 10.4 km on 22 Nov" in text
    # a day before the long run, there was none
    before = run("load", str(tmp_path), "--as-of", "2026-11-21", "--format", "json").out
    assert json.loads(before)["mileage_jump"] is False
    assert run("load", str(tmp_path), "--units", "furlongs").exit == 2
    assert run("load", str(tmp_path), "--as-of", "yesterday").exit == 2


def test_no_runs(run: Any, tmp_path: Path) -> None:
    res = run("load", str(tmp_path))
    assert res.exit == 1 and "no running activities found in 0 files" in res.err
    write_fit(tmp_path / "ride.fit", at(2026, 11, 17), 40, 90, sport="cycling")
    res = run("load", str(tmp_path))
    assert res.exit == 1 and "(1 other activity left out)" in res.err
    assert "found in 1 file (" in res.err  # not "1 files" (reliability re-check)


GT = [*as_flags({**GLUTEAL, "severity": 4}), "--format", "json"]


def test_check_with_a_long_run_spike(run: Any, tmp_path: Path) -> None:
    weekly_history(tmp_path, [20, 20, 20, 20, 20, 20, 20, 26], LAST_MONDAY)
    plain = json.loads(run("check", *GT).out)
    res = run("check", *GT, "--activities", str(tmp_path))
    assert res.exit == 0, res.err
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
    text = " ".join(run("check", *GT[:-2], "--activities", str(tmp_path)).out.split())
    assert "TRAINING LOAD FROM YOUR ACTIVITY DATA" in text and "(+30%)" in text
    assert "a run of 10.4 km on 22 Nov, 30% longer than your longest run" in text


def test_check_without_a_jump_keeps_the_runner_s_answer(run: Any, tmp_path: Path) -> None:
    weekly_history(tmp_path, [20, 20, 20, 21, 21, 22, 22], LAST_MONDAY)
    doc = json.loads(
        run("check", *GT, "--training", "hills-added", "--activities", str(tmp_path)).out
    )
    assert doc["answers"]["training"] == ["hills_added"] and doc["answer_origins"] == {}
    assert doc["training_load"]["mileage_jump"] is False
    bad = run("check", *GT, "--activities", str(tmp_path / "nothing"))
    assert bad.exit == 0 and "no running activities found" in bad.err and "not found" in bad.err


def days(monday: dt.date, *offsets_km: tuple[int, float]) -> list[tuple[dt.date, float]]:
    """(day after `monday`, km) pairs as (date, km)."""
    return [(monday + dt.timedelta(days=d), km) for d, km in offsets_km]


def steady(folder: Path, weeks: int, last_monday: dt.date, km: float = 20) -> None:
    """`weeks` weeks of `km` (runs of 30%, 30% and 40% on Tue, Thu and Sun)."""
    weekly_history(folder, [km] * weeks, last_monday)


WEEK = dt.timedelta(weeks=1)


# -- what sets mileage_jump (Frandsen 2025, Nielsen 2014) and what does not ---------


def test_a_weekly_rise_without_a_long_run_sets_nothing(tmp_path: Path, kb: KnowledgeBase) -> None:
    # 8 weeks of 20 km (longest run 8 km), then a week of 23 km (+15%): an
    # extra 3 km run, no run longer than before. The old rule (any week over
    # +10%) set mileage_jump; a week-to-week rise does not predict injury.
    steady(tmp_path, 8, LAST_MONDAY)
    write_runs(tmp_path, days(LAST_MONDAY, (5, 3.0)), hour=18)
    rep = analyse(collect([tmp_path]), kb.load, 8)
    assert rep.weeks[-1].distance_change == pytest.approx(0.15, abs=0.01)
    assert rep.enough_history and rep.spikes == ()
    assert rep.two_weeks.change == pytest.approx(0.075, abs=0.01) and not rep.two_weeks.jump
    assert not rep.mileage_jump
    text = render_text(rep, "km")
    assert "over +10%" not in text and "No mileage jump" in text


def test_one_long_run_sets_mileage_jump(tmp_path: Path, kb: KnowledgeBase) -> None:
    # 7 weeks of 20 km (longest 8 km), then a week of the same 20 km with a
    # 10 km long run: 25% over the longest run of the 30 days before. The old
    # rule (week +10%, ACWR > 1.5) missed it: the week did not grow at all.
    steady(tmp_path, 7, LAST_MONDAY - WEEK)
    write_runs(tmp_path, days(LAST_MONDAY, (1, 5.0), (3, 5.0), (6, 10.0)))
    rep = analyse(collect([tmp_path]), kb.load, 8)
    assert rep.weeks[-1].distance_change == pytest.approx(0.0, abs=0.01)
    assert rep.acwr == pytest.approx(1.0, abs=0.02) and not rep.acwr_caution
    assert rep.mileage_jump and rep.enough_history
    (spike,) = rep.spikes
    assert spike.date == dt.date(2026, 11, 22)
    assert spike.distance_m == pytest.approx(10_000, rel=0.01)
    assert spike.longest_before_m == pytest.approx(8_000, rel=0.01)
    assert spike.change == pytest.approx(0.25, abs=0.01)
    assert not rep.two_weeks.jump
    text = render_text(rep, "km")
    assert "10.0 km on 22 Nov" in text and "25% longer" in text and "8.0 km" in text
    assert "<- long run +25%" in text


def test_thirty_percent_over_two_weeks_sets_mileage_jump(tmp_path: Path, kb: KnowledgeBase) -> None:
    # 6 weeks of 20 km, then two weeks of 27 km with no run over 8 km:
    # 54 km against 40 km over two weeks is +35% (Nielsen 2014: over 30%).
    steady(tmp_path, 6, LAST_MONDAY - 2 * WEEK)
    for monday in (LAST_MONDAY - WEEK, LAST_MONDAY):
        write_runs(tmp_path, days(monday, (1, 6.0), (2, 6.0), (3, 7.0), (6, 8.0)))
    rep = analyse(collect([tmp_path]), kb.load, 8)
    assert rep.spikes == ()
    assert rep.two_weeks.recent_m == pytest.approx(54_000, rel=0.01)
    assert rep.two_weeks.before_m == pytest.approx(40_000, rel=0.01)
    assert rep.two_weeks.change == pytest.approx(0.35, abs=0.01) and rep.two_weeks.jump
    assert rep.mileage_jump
    assert "35% more than the 14 days before" in render_text(rep, "km")


def test_acwr_and_weekly_change_are_for_information_only(tmp_path: Path, kb: KnowledgeBase) -> None:
    # 6 weeks of 20 km, an easy week (one 6 km run), then five 8 km runs:
    # ACWR 1.86 and +567% on the week before, but no run longer than the
    # 8 km runs of the month before and +15% over two weeks. Neither the
    # ratio (Impellizzeri 2020) nor the weekly change sets anything.
    steady(tmp_path, 6, LAST_MONDAY - 2 * WEEK)
    write_runs(tmp_path, days(LAST_MONDAY - WEEK, (1, 6.0)))
    write_runs(tmp_path, days(LAST_MONDAY, *[(d, 8.0) for d in range(5)]))
    rep = analyse(collect([tmp_path]), kb.load, 8, dt.date(2026, 11, 22))
    assert rep.acwr == pytest.approx(40 / (86 / 4), abs=0.02) and rep.acwr_caution
    assert rep.weeks[-1].distance_change == pytest.approx(40 / 6 - 1, abs=0.05)
    assert rep.spikes == () and not rep.two_weeks.jump
    assert not rep.mileage_jump
    text = render_text(rep, "km")
    assert "of the last 4 weeks: 1.86 times (above 1.5" in text
    assert "shown only, it changes no advice" in text


def test_three_weeks_is_not_enough_history(run: Any, tmp_path: Path, kb: KnowledgeBase) -> None:
    # three weeks with a 12 km run after 8 km ones: nothing is judged
    weekly_history(tmp_path, [20, 20, 30], LAST_MONDAY)
    rep = analyse(collect([tmp_path]), kb.load, 3)
    assert not rep.enough_history and rep.history_days == 6
    assert not rep.mileage_jump and rep.spikes == () and not rep.two_weeks.jump
    assert rep.acwr is None  # under 28 days of data: no chronic load to compare with
    text = render_text(rep, "km")
    assert "Not enough history" in text
    assert "runs in 1 of the 4 weeks before 9 Nov; 3 are needed" in text
    res = run("check", *GT, "--activities", str(tmp_path))
    doc = json.loads(res.out)
    assert "training" not in doc["answers"] and doc["answer_origins"] == {}
    assert doc["training_load"]["enough_history"] is False
    assert doc["training_load"]["mileage_jump"] is False
    summary = " ".join(run("check", *GT[:-2], "--activities", str(tmp_path)).out.split())
    assert "Not enough history" in summary and "nothing was set" in summary


def test_a_long_run_before_the_recent_days_does_not_count(
    tmp_path: Path, kb: KnowledgeBase
) -> None:
    # a jump from 20 to 30 km a week (12 km after 8 km) five weeks ago
    weekly_history(tmp_path, [20, 30, 30, 30, 30, 30, 30], LAST_MONDAY)
    rep = analyse(collect([tmp_path]), kb.load, 7)
    assert rep.enough_history and rep.spikes == () and not rep.mileage_jump
    assert rep.weeks[1].distance_change == pytest.approx(0.5, abs=0.01)


# -- bad values in activity files: reported and ignored ----------------------------


def test_bad_rows_are_reported_and_ignored_in_strava_csv(tmp_path: Path) -> None:
    now = dt.datetime.now(UTC)
    nan, inf = float("nan"), float("inf")
    path = write_strava_csv(
        tmp_path / "activities.csv",
        [(at(2026, 11, 3), "Run", 10.0, 50), (at(2026, 11, 4), "Run", nan, 50),
         (at(2026, 11, 5), "Run", inf, 50), (at(2026, 11, 6), "Run", -5.0, 30),
         (at(2026, 11, 7), "Run", 5.0, -30), (now + dt.timedelta(days=3), "Run", 5.0, 30),
         (at(2026, 11, 8), "Ride", nan, 60)],
    )  # fmt: skip
    found = read_strava_csv(path)
    assert [round(r.distance_m) for r in found.runs] == [10000]
    assert found.skipped_other == 1
    got = collect([path])
    assert len(got.runs) == 1
    assert got.problems == tuple(
        f"{path}: {why}"
        for why in (
            "2 runs left out, distance is not a finite number: row 3 (activity 1002), "
            "row 4 (activity 1003)",
            "1 run left out, negative distance: row 5 (activity 1004)",
            "1 run left out, negative running time: row 6 (activity 1005)",
            "1 run left out, starts in the future: row 7 (activity 1006)",
        )
    )


def test_bad_runs_are_reported_and_ignored_in_gpx_and_fit(tmp_path: Path) -> None:
    soon = dt.datetime.now(UTC).replace(microsecond=0) + dt.timedelta(days=2)
    write_gpx(tmp_path / "good.gpx", at(2026, 11, 3), 10, 50)
    write_gpx(tmp_path / "future.gpx", soon, 10, 50)
    nan = write_gpx(tmp_path / "nan.gpx", at(2026, 11, 4), 10, 50)
    nan.write_text(nan.read_text().replace('lat="51.0"', 'lat="nan"', 1))
    write_fit(tmp_path / "future.fit", soon, 8, 40)
    write_fit(tmp_path / "good.fit", at(2026, 11, 5), 8, 40)
    got = collect([tmp_path])
    assert sorted(Path(r.file).name for r in got.runs) == ["good.fit", "good.gpx"]
    for name, why in (
        ("future.gpx", "1 run left out, starts in the future: track 1"),
        ("nan.gpx", "1 run left out, distance is not a finite number: track 1"),
        ("future.fit", "1 run left out, starts in the future: session 1"),
    ):
        assert any(name in p and why in p for p in got.problems), (name, got.problems)
    assert len(got.problems) == 3


def test_a_nan_row_neither_hides_nor_makes_a_jump(run: Any, tmp_path: Path) -> None:
    # reliability F1 (a NaN row hid a jump) and F2 (a mis-dated run made one)
    steady(tmp_path, 7, LAST_MONDAY - WEEK)
    write_runs(tmp_path, days(LAST_MONDAY, (1, 5.0), (3, 5.0), (6, 10.0)))
    future = dt.datetime.now(UTC) + dt.timedelta(days=400)
    rows = [(at(2026, 11, 21, 18), "Run", float("nan"), 30), (future, "Run", 40.0, 200)]
    write_strava_csv(tmp_path / "activities.csv", rows)
    res = run("check", *GT, "--activities", str(tmp_path))
    assert res.exit == 0
    doc = json.loads(res.out)
    assert doc["answers"]["training"] == ["mileage_jump"]
    assert doc["training_load"]["as_of"] == "2026-11-22"
    assert "activities.csv: 1 run left out, distance is not a finite number: row 2" in res.err
    assert "1 run left out, starts in the future: row 3 (activity 1002)" in res.err
    out = run("load", str(tmp_path), "--format", "json").out
    assert "NaN" not in out and json.loads(out)["last_7_days"] == pytest.approx(20, abs=0.2)


# -- thresholds and the words come from [load] ---------------------------------------


def _edited_kb(tmp_path: Path, **values: float) -> Path:
    text = KB_PATH.read_text(encoding="utf-8")
    table = text.index("\n[load]\n")
    end = text.index("\n\n", table + 1)
    body = text[table:end]
    for key, value in values.items():
        body, n = re.subn(rf"(?m)^{key} = .*$", f"{key} = {value}", body)
        assert n == 1, key
    path = tmp_path / "kb.toml"
    path.write_text(text[:table] + body + text[end:], encoding="utf-8")
    return path


@pytest.mark.slow  # a property over hundreds of examples: the full run has it
def test_thresholds_and_words_follow_the_knowledge_file(run: Any, tmp_path: Path) -> None:
    runs = tmp_path / "runs"
    runs.mkdir()
    steady(runs, 7, LAST_MONDAY - WEEK)
    write_runs(runs, days(LAST_MONDAY, (1, 5.0), (3, 5.0), (6, 10.0)))  # a 25% long run
    default = run("load", str(runs), "--format", "text").out
    assert "caution only above 1.5" in default and "more than 10% longer" in default
    edited = _edited_kb(tmp_path, acwr_caution=1.2, single_run_percent=30, two_week_percent=40)
    res = run("--kb", str(edited), "load", str(runs), "--format", "text")
    assert res.exit == 0, res.err
    assert "caution only above 1.2" in res.out and "above 1.5" not in res.out
    assert "more than 30% longer" in res.out and "more than 40%" in res.out
    assert "No mileage jump" in res.out  # 25% is under the edited 30%
    doc = json.loads(run("--kb", str(edited), "check", *GT, "--activities", str(runs)).out)
    assert doc["training_load"]["mileage_jump"] is False and "training" not in doc["answers"]
    assert doc["training_load"]["rules"]["single_run_percent"] == 30
    summary = run("--kb", str(edited), "check", *GT[:-2], "--activities", str(runs)).out
    summary = " ".join(summary.split())
    assert "caution only above 1.2" in summary and "more than 30% longer" in summary


@pytest.mark.parametrize(
    ("key", "value"),
    [("single_run_percent", float("nan")), ("two_week_percent", -5), ("acwr_caution", float("inf")),
     ("recent_days", 0), ("single_run_window_days", 10**9), ("min_history_days", -1)],
)  # fmt: skip
def test_bad_load_rules_are_refused(raw: dict[str, Any], key: str, value: float) -> None:
    raw["load"][key] = value
    with pytest.raises(KnowledgeError, match=rf"load: {key}"):
        knowledge.from_dict(raw)


def test_load_in_plain_words(run: Any, tmp_path: Path) -> None:
    """No empty weeks before the first run, labelled changes, plurals that
    agree, one short sentence for each rule, no jargon."""
    steady(tmp_path, 3, LAST_MONDAY - 2 * WEEK)
    text = run("load", str(tmp_path), "--weeks", "10", "--as-of", "2026-11-22").out
    rows = [line for line in text.splitlines() if line[:2].isdigit()]
    assert len(rows) == 5 and " 0.0 km" not in rows[0]  # no weeks before the first run
    assert "vs week before" in text and "(distance / time)" in text
    assert "0 other activities" not in text and "0 duplicates" not in text
    assert "from 9 files" in text or " files, " in text
    assert "Acute:chronic" not in text and "for information only" not in text
    rule = next(line for line in text.splitlines() if line.startswith("A mileage jump is"))
    assert all(len(sentence.split()) <= 20 for sentence in rule.split(". "))
    assert run("load", str(tmp_path), "--weeks", "3", "--as-of", "2026-11-22").exit == 0


def test_a_file_load_cannot_read_is_bad_input(run: Any, tmp_path: Path) -> None:
    club = tmp_path / "club.jsonl"
    club.write_text("{}\n")
    res = run("load", str(club))
    assert res.exit == 2 and "no GPX, FIT or Strava activities.csv file" in res.err


def test_an_unclosed_quote_is_named_and_the_other_runs_kept(tmp_path: Path) -> None:
    """Reliability review 3, F27 (re-check): an unclosed quote in one row of
    a Strava activities.csv ran into the next row, and both runs vanished as
    "1 other activity". The rows it joined are now named and left out, the
    others kept; a description that really spans two lines is still read."""
    rows = [(at(2026, 11, 20 + i), "Run", km, 30.0) for i, km in enumerate((5.0, 10.0, 6.0, 8.0))]
    broken = write_strava_csv(tmp_path / "activities.csv", rows)
    broken.write_text(broken.read_text().replace(",Run 2,", ',"Run 2,', 1))  # never closed
    got = read_strava_csv(broken, now=at(2026, 11, 30))
    assert sorted(round(r.distance_m / 1000) for r in got.runs) == [5, 8]
    assert got.problems == ("1 run left out, a quote is not closed (lines 3 to 4): row 3",)

    (tmp_path / "fine").mkdir()
    fine = write_strava_csv(tmp_path / "fine" / "activities.csv", rows)
    fine.write_text(fine.read_text().replace(",Run 2,", ',"Run 2\nin the rain",', 1))
    kept = read_strava_csv(fine, now=at(2026, 11, 30))
    assert sorted(round(r.distance_m / 1000) for r in kept.runs) == [5, 6, 8, 10]
    assert kept.problems == ()


def test_the_week_still_going_on_is_not_read_as_a_drop(
    run: Any, tmp_path: Path, kb: KnowledgeBase
) -> None:
    # UX re-check: on a Thursday the week so far read "-50% / -50%" (and
    # "-75%" on a Tuesday) beside full weeks; a flat week read "+0%"
    steady(tmp_path, 6, LAST_MONDAY)
    write_runs(tmp_path, days(LAST_MONDAY + WEEK, (1, 6.0)))
    thursday = LAST_MONDAY + WEEK + dt.timedelta(days=3)
    rep = analyse(collect([tmp_path]), kb.load, 8, thursday)
    last = rep.weeks[-1]
    assert last.days == 4 and last.distance_change is None and last.time_change is None
    assert rep.weeks[-2].days == 7 and rep.weeks[-2].distance_change == pytest.approx(0)
    text = render_text(rep, "km")
    assert "so far, 4 days" in text and "-70%" not in text
    assert "+0%" not in text and "-0%" not in text and " 0% /  0%" not in text
    doc = json.loads(
        run("load", str(tmp_path), "--as-of", thursday.isoformat(), "--format", "json").out
    )
    assert doc["weeks"][-1]["days"] == 4 and doc["weeks"][-1]["distance_change"] is None


def test_activity_files_none_of_which_can_be_read_are_bad_input(run: Any, tmp_path: Path) -> None:
    """Four damaged files were each named, then "no running activities found
    in 0 files" and exit 1; a GPX value gpxpy could not read was quoted in
    its own words, "Invalid value for <None>... x (could not convert string
    to float: 'x')" (a new user's review, stop 41)."""
    (tmp_path / "bad.fit").write_bytes(b"not a fit file at all")
    (tmp_path / "broken.gpx").write_text(
        '<?xml version="1.0"?><gpx version="1.1" creator="x"><trk><trkseg>'
        '<trkpt lat="x" lon="1"></trkpt></trkseg></trk></gpx>'
    )
    res = run("load", str(tmp_path))
    assert res.exit == 2, (res.exit, res.err)
    assert "none of the 2 activity files could be read" in res.err
    assert "<None>" not in res.err and "could not convert" not in res.err, res.err
    assert "broken.gpx: not a valid GPX file: a value in it is not a number" in res.err
    # an empty GPX file said expat's "no element found: line 1, column 0"
    (tmp_path / "empty.gpx").write_text("")
    res = run("load", str(tmp_path / "empty.gpx"))
    assert res.exit == 2 and "empty.gpx: not a valid GPX file: it is empty or cut short" in res.err
