"""Activity data that cannot mislead (reliability review round 3): data is
judged as of today (or --as-of) and an old export says how old it is; one
stray old run is no history; a track without a type counts only at a
running pace, and speeds no runner reaches are refused; a FIT file failing
its CRC is named and left out; Strava CSV decimal commas, short rows,
CR-only line ends and over-long fields are read or reported by row.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from .activity_files import weekly_history, write_fit, write_gpx, write_runs
from .helpers import run

TODAY = dt.date.today()
THIS_MONDAY = TODAY - dt.timedelta(days=TODAY.weekday())
GT = ["--location", "front-hip", "--duration", "1-to-6-weeks", "--severity", "3",
      "--timing", "walking", "--format", "json"]  # fmt: skip
HEADER = (
    "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,"
    "Moving Time,Distance"
)


def _check(folder: Path) -> dict[str, Any]:
    res = run("check", *GT, "--activities", str(folder))
    assert res.exit == 0, res.err
    doc: dict[str, Any] = json.loads(res.out)
    return doc


def _load(folder: Path, *args: str) -> dict[str, Any]:
    res = run("load", str(folder), "--format", "json", *args)
    assert res.exit == 0, res.err
    doc: dict[str, Any] = json.loads(res.out)
    return doc


def _jumped(doc: dict[str, Any]) -> bool:
    return "mileage_jump" in doc["answers"].get("training", [])


def test_a_jump_two_years_ago_is_not_a_jump_today(tmp_path: Path) -> None:
    old = tmp_path / "old"
    old.mkdir()
    weekly_history(old, [20, 20, 20, 20, 20, 20, 30, 40], THIS_MONDAY - dt.timedelta(weeks=104))
    assert not _jumped(_check(old))
    doc = _load(old)
    assert doc["stale"] is True and doc["as_of"] == TODAY.isoformat()
    text = run("load", str(old)).out
    assert "The activity data ends on" in text and "days before" in text
    # judged as of its own time with --as-of, the jump is there
    last = THIS_MONDAY - dt.timedelta(weeks=104) + dt.timedelta(days=6)
    assert _load(old, "--as-of", last.isoformat())["mileage_jump"] is True


def test_one_run_mis_dated_years_back_is_no_history(tmp_path: Path) -> None:
    week = tmp_path / "week"
    week.mkdir()
    days = [TODAY - dt.timedelta(days=d) for d in (6, 4, 2)]
    write_runs(week, list(zip(days, [5.0, 8.0, 12.0], strict=True)))
    assert not _jumped(_check(week))
    write_runs(week, [(TODAY - dt.timedelta(days=3650), 5.0)])  # one run dated ten years back
    assert not _jumped(_check(week))
    doc = _load(week)
    assert doc["enough_history"] is False
    assert (doc["history_weeks_with_runs"], doc["history_weeks_needed"]) == (0, 3)


def test_steady_weeks_are_enough_history(tmp_path: Path) -> None:
    steady = tmp_path / "steady"
    steady.mkdir()
    weekly_history(steady, [20] * 8, THIS_MONDAY - dt.timedelta(weeks=1))
    doc = _load(steady)
    assert doc["enough_history"] is True and doc["history_weeks_with_runs"] >= 3


def test_a_ride_without_a_type_is_not_a_run(tmp_path: Path) -> None:
    folder = tmp_path / "ride"
    folder.mkdir()
    weekly_history(folder, [20] * 8, THIS_MONDAY - dt.timedelta(weeks=1))
    start = dt.datetime.combine(TODAY - dt.timedelta(days=2), dt.time(9), tzinfo=dt.UTC)
    # 37 km in 2 hours: 18.5 km/h, an easy ride (reliability re-check: it counted)
    ride = write_gpx(folder / "ride.gpx", start, 37.0, 120.0, kind="cycling")
    ride.write_text(ride.read_text().replace("<type>cycling</type>", ""))
    assert "<type>" not in ride.read_text()
    assert not _jumped(_check(folder))
    problems = _load(folder)["problems"]
    assert any("no activity type and faster than running (over 16 km/h)" in p for p in problems)


def test_a_typeless_track_at_a_running_pace_counts(tmp_path: Path) -> None:
    folder = tmp_path / "jog"
    folder.mkdir()
    start = dt.datetime.combine(TODAY - dt.timedelta(days=2), dt.time(9), tzinfo=dt.UTC)
    jog = write_gpx(folder / "jog.gpx", start, 10.0, 60.0)
    jog.write_text(jog.read_text().replace("<type>running</type>", ""))
    assert _load(folder)["runs"] == 1


def test_a_run_faster_than_any_runner_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "fast"
    folder.mkdir()
    start = dt.datetime.combine(TODAY - dt.timedelta(days=2), dt.time(9), tzinfo=dt.UTC)
    write_gpx(folder / "car.gpx", start, 60.0, 30.0)  # "running" at 120 km/h
    res = run("load", str(folder))
    assert res.exit == 1 and "no running activities found" in res.err
    assert "car.gpx: 1 run left out, faster than any runner (over 28.8 km/h" in res.err


def test_a_fit_file_failing_its_crc_is_named_and_left_out(tmp_path: Path) -> None:
    start = dt.datetime.combine(TODAY - dt.timedelta(days=2), dt.time(9), tzinfo=dt.UTC)
    good = write_fit(tmp_path / "good.fit", start, 10.0, 60.0)
    data = bytearray(good.read_bytes())
    data[-2:] = b"\0\0"
    bad = tmp_path / "crc.fit"
    bad.write_bytes(bytes(data))
    res = run("load", str(bad))
    assert res.exit == 2 and "crc.fit: damaged: the CRC check failed" in res.err, res.err


def _csv(tmp_path: Path, name: str, body: str) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "activities.csv").write_bytes(body.encode())
    return folder


ROW = '1,"Nov 28, 2026, 6:00:00 PM",r,Run,3600,{km},3600,{m}'


def test_a_decimal_comma_is_a_decimal(tmp_path: Path) -> None:
    folder = _csv(tmp_path, "comma", HEADER + "\n" + ROW.format(km='"5,2"', m="") + "\n")
    doc = _load(folder, "--as-of", "2026-11-30")
    assert doc["runs"] == 1 and doc["last_7_days"] == 5.2


def test_thousands_and_unreadable_commas(tmp_path: Path) -> None:
    from hipcheck.training.readers import _number

    assert _number("5,2") == 5.2 and _number("12,75") == 12.75
    assert _number("10,000") == 10000 and _number("1,234.5") == 1234.5
    assert _number("5,2345") is None  # neither: left out, never misread


def test_short_rows_are_reported(tmp_path: Path) -> None:
    body = (
        HEADER + "\n" + ROW.format(km="10", m="10000") + "\n"
        '2,"Nov 29, 2026, 6:00:00 PM",r,Run\n'
        '3,"Nov 30, 2026, 6:00:00 PM"\n'
    )
    doc = _load(_csv(tmp_path, "short", body), "--as-of", "2026-11-30")
    assert doc["runs"] == 1
    assert any("2 runs left out, too few columns: row 3, row 4" in p for p in doc["problems"])


def test_cr_only_line_ends_are_read(tmp_path: Path) -> None:
    body = HEADER + "\r" + ROW.format(km="10", m="10000") + "\r"
    doc = _load(_csv(tmp_path, "cr", body), "--as-of", "2026-11-30")
    assert doc["runs"] == 1 and doc["problems"] == []


def test_one_over_long_field_loses_one_row(tmp_path: Path) -> None:
    big = '1,"Nov 27, 2026, 6:00:00 PM",' + "x" * 140_000 + ",Run,3600,10,3600,10000"
    body = HEADER + "\n" + big + "\n" + ROW.format(km="10", m="10000").replace("1,", "2,", 1)
    doc = _load(_csv(tmp_path, "big", body + "\n"), "--as-of", "2026-11-30")
    assert doc["runs"] == 1
    assert any("1 run left out, could not be read" in p and "row 2" in p for p in doc["problems"])
