"""Activity data that cannot be right: reported once per kind, never used
(reliability review F1, F2, F8's .gz bomb, F13, F17, F19)."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import math
import os
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import strategies as st

from hipcheck.knowledge import KnowledgeBase
from hipcheck.render.load_render import render_json, render_text
from hipcheck.training import readers
from hipcheck.training.analysis import analyse
from hipcheck.training.readers import collect
from hipcheck.training.runs import Run, dedupe

from .activity_files import STRAVA_HEADER, weekly_history, write_gpx, write_strava_csv
from .helpers import Result, examples
from .helpers import run as hipcheck_run
from .test_load import GT, LAST_MONDAY, _edited_kb, at

TODAY = dt.date.today()


def cli(*args: str, timeout: float = 20, cwd: Path | None = None) -> Result:
    """The program in process; the time limit turns a blocking read into a failure."""
    return hipcheck_run(*args, timeout=timeout, cwd=cwd)


def strict_json(text: str) -> Any:
    """Parse JSON, refusing the NaN/Infinity tokens Python would accept."""

    def refuse(token: str) -> None:
        raise ValueError(f"invalid JSON token {token}")

    return json.loads(text, parse_constant=refuse)


def csv_rows(path: Path, rows: list[list[str]]) -> Path:
    """A Strava CSV with raw cells: (date, type, km, moving seconds)."""
    lines = [",".join(f'"{h}"' for h in STRAVA_HEADER[:8])]
    for i, (date, kind, km, secs) in enumerate(rows, 1):
        lines.append(f'{1000 + i},"{date}",r{i},{kind},,{secs},{km},')
    path.write_text("\n".join(lines) + "\n")
    return path


# -- absurd, far-past and future values ---------------------------------------------


def test_absurd_runs_are_left_out_and_change_nothing(tmp_path: Path, kb: KnowledgeBase) -> None:
    # F13: an 11,567 km GPX "run", 1e308 m rows and a month-long run were
    # accepted; two 1e308 rows summed to inf and crashed the text output.
    base = tmp_path / "base"
    base.mkdir()
    weekly_history(base, [20] * 8, LAST_MONDAY)
    clean = analyse(collect([base]), kb.load, 8)
    bad = tmp_path / "bad"
    bad.mkdir()
    weekly_history(bad, [20] * 8, LAST_MONDAY)
    write_gpx(bad / "huge.gpx", at(2026, 11, 18), 11_567, 600)
    csv_rows(
        bad / "activities.csv",
        [["Nov 19, 2026, 7:00:00 AM", "Run", "1e305", "3000"],
         ["Nov 19, 2026, 8:00:00 AM", "Run", "1e305", "3000"],
         ["Nov 20, 2026, 7:00:00 AM", "Run", "10", str(30 * 86400)]],
    )  # fmt: skip
    got = collect([bad])
    rep = analyse(got, kb.load, 8)
    assert rep.runs == clean.runs
    assert (rep.acute_m, rep.weeks, rep.mileage_jump) == (clean.acute_m, clean.weeks, False)
    text = "\n".join(got.problems)
    assert any("huge.gpx" in p and "over 1000 km" in p for p in got.problems), text
    assert any(
        "activities.csv" in p and "2 runs left out, distance over 1000 km" in p
        for p in got.problems
    ), text
    assert any("running time over 7 days: row 4" in p for p in got.problems), text
    render_text(rep, "km")
    strict_json(render_json(rep, "km"))


def test_far_past_dates_are_left_out_without_overflow(tmp_path: Path, kb: KnowledgeBase) -> None:
    # F13: a run dated 0001-01-01 gave OverflowError: date value out of range
    write_gpx(tmp_path / "year1.gpx", dt.datetime(1, 1, 1, 7, tzinfo=dt.UTC), 10, 60)
    offset = write_gpx(tmp_path / "year1_offset.gpx", at(2026, 11, 3), 10, 60)
    text = offset.read_text().replace("2026-11-03T07:00:00Z", "0001-01-01T01:00:00+05:00")
    offset.write_text(text)
    csv_rows(tmp_path / "activities.csv", [["0001-01-01 07:00:00", "Run", "10", "3000"]])
    write_gpx(tmp_path / "good.gpx", at(2026, 11, 3), 10, 60)
    got = collect([tmp_path])
    assert [Path(r.file).name for r in got.runs] == ["good.gpx"]
    for name in ("year1.gpx", "activities.csv"):
        assert any(name in p and "starts before 1970" in p for p in got.problems), got.problems
    assert any("year1_offset.gpx" in p for p in got.problems), got.problems
    rep = analyse(got, kb.load, 10)
    assert rep.as_of == TODAY and rep.last_run == dt.date(2026, 11, 3)  # judged as of today
    render_text(rep, "km")


def test_lone_far_past_run_in_check_and_load(tmp_path: Path) -> None:
    write_gpx(tmp_path / "year1.gpx", dt.datetime(1, 1, 1, 7, tzinfo=dt.UTC), 10, 60)
    res = cli("check", *GT, "--activities", str(tmp_path))
    assert res.exit == 0 and "Traceback" not in res.err, res.err
    assert "starts before 1970" in res.err
    assert "training" not in json.loads(res.out)["answers"]
    res = cli("load", str(tmp_path))
    assert res.exit == 1 and "Traceback" not in res.err, res.err


@pytest.mark.parametrize("day", ["0001-01-01", "1969-12-31", "9999-12-31"])
def test_as_of_out_of_range_is_one_line(tmp_path: Path, day: str) -> None:
    weekly_history(tmp_path, [20] * 2, LAST_MONDAY)
    res = cli("load", str(tmp_path), "--as-of", day)
    assert res.exit == 2, res.err
    assert res.err.startswith("hipcheck: --as-of:") and res.err.count("\n") == 1, res.err
    assert "1970-01-01" in res.err


def test_runs_after_as_of_are_counted_and_said(tmp_path: Path, kb: KnowledgeBase) -> None:
    weekly_history(tmp_path, [20] * 6, LAST_MONDAY)
    rep = analyse(collect([tmp_path]), kb.load, 6, LAST_MONDAY)
    assert rep.as_of == LAST_MONDAY and rep.after_as_of == 3
    assert "3 runs after Mon 16 Nov 2026 not counted" in render_text(rep, "km")
    assert json.loads(render_json(rep, "km"))["runs_after_as_of"] == 3


def test_a_future_run_never_moves_as_of(tmp_path: Path, kb: KnowledgeBase) -> None:
    # F2: one run dated 2062 made as_of 2062 and set mileage_jump
    weekly_history(tmp_path, [20] * 6, LAST_MONDAY)
    write_gpx(tmp_path / "typo.gpx", at(2062, 11, 9), 20, 120)
    got = collect([tmp_path])
    rep = analyse(got, kb.load, 6)
    assert rep.last_run == LAST_MONDAY + dt.timedelta(days=6) and not rep.mileage_jump
    assert rep.as_of == TODAY
    assert any("typo.gpx" in p and "starts in the future" in p for p in got.problems)


# -- one notice per kind and file ----------------------------------------------------


def test_one_notice_per_kind_naming_the_file(tmp_path: Path) -> None:
    nan, inf = float("nan"), float("inf")
    rows = [(at(2026, 11, d), "Run", km, 50.0) for d, km in
            ((2, 10.0), (3, nan), (4, nan), (5, inf), (6, -5.0), (7, -6.0), (8, nan))]  # fmt: skip
    rows += [(at(2026, 11, 9 + i), "Run", nan, 50.0) for i in range(10)]
    path = write_strava_csv(tmp_path / "activities.csv", rows)
    got = collect([path])
    assert len(got.runs) == 1
    assert len(got.problems) == 2, got.problems
    nans = next(p for p in got.problems if "not a finite number" in p)
    negs = next(p for p in got.problems if "negative distance" in p)
    assert nans.startswith(f"{path}: 14 runs left out, distance is not a finite number: row 3")
    assert nans.endswith("and 9 more") and "row 4 (activity 1003)" in nans
    assert negs == (
        f"{path}: 2 runs left out, negative distance: row 6 (activity 1005), row 7 (activity 1006)"
    )


# -- not enough history ----------------------------------------------------------------


def test_under_four_weeks_never_sets_a_jump_whatever_the_knowledge_file(
    tmp_path: Path, kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    # F2: a lone week (or a lone run) made ACWR 4.0 and set mileage_jump. Even
    # with min_history_days at its lowest (7), under 28 days from the first run to as_of
    # judge nothing.
    from hipcheck.training import analysis

    monkeypatch.setattr(analysis, "today", lambda: LAST_MONDAY + dt.timedelta(days=6))
    edited = _edited_kb(tmp_path, min_history_days=7)
    runs = tmp_path / "runs"
    runs.mkdir()
    weekly_history(runs, [10, 10, 30], LAST_MONDAY)  # 12 km after 3-4 km runs
    text = cli("--kb", str(edited), "load", str(runs), "--format", "text").out
    assert "Not enough history to judge a mileage jump: 20 days of runs up to 22 Nov" in text
    assert "28 days are needed" in text
    res = cli("--kb", str(edited), "check", *GT, "--activities", str(runs))
    assert res.exit == 0, res.err
    doc = strict_json(res.out)
    assert "training" not in doc["answers"] and doc["answer_origins"] == {}
    load = doc["training_load"]
    assert load["enough_history"] is False and load["mileage_jump"] is False
    assert load["data_days"] == 20 and load["min_data_days"] == 28
    assert load["long_run_spikes"] == [] and load["acute_chronic_ratio"] is None


def test_a_lone_run_keeps_the_triage(tmp_path: Path) -> None:
    args = ["check", "--location", "front-hip", "--duration", "1-to-6-weeks", "--severity", "3",
            "--format", "json"]  # fmt: skip
    write_gpx(tmp_path / "one.gpx", at(2026, 11, 24), 12, 70)
    plain = strict_json(cli(*args).out)
    doc = strict_json(cli(*args, "--activities", str(tmp_path)).out)
    assert doc["triage"] == plain["triage"] and "training" not in doc["answers"]
    assert doc["training_load"]["enough_history"] is False
    text = cli(*args[:-2], "--format", "text", "--activities", str(tmp_path)).out
    assert "Not enough history" in " ".join(text.split())


# -- bounded reading: .gz bombs and special files --------------------------------------


def test_gz_bomb_is_refused_with_bounded_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(readers, "ACTIVITY_LIMIT", 1024 * 1024)
    (tmp_path / "bomb.fit.gz").write_bytes(gzip.compress(b"\0" * (8 * 1024 * 1024)))
    write_gpx(tmp_path / "good.gpx", at(2026, 11, 3), 10, 60)
    got = collect([tmp_path])
    assert len(got.runs) == 1
    (problem,) = got.problems
    assert "bomb.fit.gz" in problem and "decompresses to more than 1 MB" in problem


def test_a_big_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readers, "ACTIVITY_LIMIT", 1024)
    write_gpx(tmp_path / "big.gpx", at(2026, 11, 3), 10, 60)
    (problem,) = collect([tmp_path]).problems
    assert "big.gpx" in problem and "larger than the limit of 1 KB" in problem


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_special_files_never_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.gpx"
    os.mkfifo(fifo)
    (tmp_path / "zero.fit").symlink_to("/dev/zero")
    write_gpx(tmp_path / "good.gpx", at(2026, 11, 3), 10, 60)
    # inside a folder: skipped; the good run is used
    res = cli("load", str(tmp_path), "--format", "json", timeout=10)
    assert res.exit == 0 and strict_json(res.out)["runs"] == 1, res.err
    # named: one line, exit 2 (F19: it said "not found" with exit 1)
    for name in (fifo, tmp_path / "zero.fit"):
        res = cli("load", str(name), timeout=10)
        assert res.exit == 2, res.err
        assert res.err.count("\n") == 1 and "not a regular file" in res.err, res.err
    res = cli("check", *GT, "--activities", str(fifo), timeout=10)
    assert res.exit == 0 and "not a regular file" in res.err


def test_load_on_a_missing_path_is_bad_input(tmp_path: Path) -> None:
    # F19: the README says a bad file gets exit 2
    res = cli("load", "nothing.gpx", cwd=tmp_path)
    assert res.exit == 2, res.err
    assert res.err == "hipcheck: 'nothing.gpx': not found\n"


# -- JSON never holds NaN or Infinity ------------------------------------------------

CELLS = st.one_of(
    st.sampled_from(["nan", "-nan", "inf", "-inf", "1e308", "-1e308", "0", "-0", "", "x",
                     "1e-320", "999999999", "5", "12.5"]),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)  # fmt: skip
DATES = st.one_of(
    st.sampled_from(["Jan 1, 0001, 7:00:00 AM", "Dec 31, 9999, 11:59:59 PM",
                     "1970-01-01 00:00:00", "Nov 20, 2026, 7:00:00 AM", "garbage"]),
    st.datetimes(min_value=dt.datetime(1, 1, 2), max_value=dt.datetime(9999, 12, 30)).map(
        lambda d: d.strftime("%Y-%m-%d %H:%M:%S").rjust(19, "0")
    ),
)  # fmt: skip


@examples(150, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(rows=st.lists(st.tuples(DATES, st.just("Run"), CELLS, CELLS), max_size=12))
def test_any_csv_values_give_valid_output(
    tmp_path: Path, kb: KnowledgeBase, rows: list[tuple[str, str, str, str]]
) -> None:
    path = csv_rows(tmp_path / "activities.csv", [list(r) for r in rows])
    got = collect([path])
    for run in got.runs:
        assert math.isfinite(run.distance_m) and 0 <= run.distance_m <= 1_000_000
        assert math.isfinite(run.moving_s) and 0 <= run.moving_s <= 7 * 86400
    rep = analyse(got, kb.load, 10)
    render_text(rep, "mi")
    strict_json(render_json(rep, "km"))


# -- de-duplication in O(n log n) (F17) --------------------------------------------------


@pytest.mark.slow  # 20,000 rows: a bound on CPU time, in the full run
def test_twenty_thousand_strava_rows_in_well_under_two_seconds(
    tmp_path: Path, kb: KnowledgeBase
) -> None:
    first = dt.datetime(2015, 1, 1, 7, tzinfo=dt.UTC)
    rows = [(first + dt.timedelta(hours=2 * i), "Run", 8.0 + i % 7, 45.0) for i in range(20_000)]
    path = write_strava_csv(tmp_path / "activities.csv", rows)
    started = time.process_time()  # CPU time: a busy machine does not fail it
    got = collect([path])
    analyse(got, kb.load, 10)
    took = time.process_time() - started
    assert len(got.runs) == 20_000 and got.duplicates == 0
    assert took < 1.5, f"{took:.2f} s"


def run_at(minute: int, km: float, source: str = "csv") -> Run:
    start = dt.datetime(2026, 11, 3, 7, tzinfo=dt.UTC) + dt.timedelta(minutes=minute)
    return Run(start, km * 1000, km * 360, source, f"{source}-{minute}-{km}")


def test_dedupe_keeps_the_preferred_copy_and_scales() -> None:
    runs = [run_at(0, 10, "csv"), run_at(2, 10.3, "gpx"), run_at(4, 10.1, "fit"),
            run_at(4, 5, "csv"), run_at(30, 10, "csv"), run_at(36, 10, "gpx")]  # fmt: skip
    kept, dropped = dedupe(runs)
    assert [(r.source, r.start.minute, r.distance_m) for r in kept] == [
        ("fit", 4, 10_100),
        ("csv", 4, 5_000),
        ("csv", 30, 10_000),
        ("gpx", 36, 10_000),
    ]
    assert dropped == 2
    # the old loop compared each run with every kept one: 20,000 runs an hour
    # apart, and a FIT copy of each, took minutes
    many = [run_at(60 * i, 8 + i % 7) for i in range(20_000)]
    copies = [Run(r.start, r.distance_m, r.moving_s, "fit", "x.fit") for r in many]
    started = time.process_time()  # CPU time: a busy machine does not fail it
    kept, dropped = dedupe(many + copies)
    assert time.process_time() - started < 1.0
    assert len(kept) == 20_000 and dropped == 20_000 and {r.source for r in kept} == {"fit"}


def test_escape_sequences_in_file_names_never_reach_the_terminal(tmp_path: Path) -> None:
    # F10, for activity files: a damaged file's name is shown, made safe
    (tmp_path / "x\x1b]0;PWNED\x07\x1b[2J.gpx").write_text("<gpx>")
    res = cli("check", *GT, "--activities", str(tmp_path))
    assert res.exit == 0 and "PWNED" in res.err and "\x1b" not in res.err
    res = cli("load", str(tmp_path))  # no runs: the problems on stderr
    assert res.exit == 2 and "PWNED" in res.err and "\x1b" not in res.err
    write_gpx(tmp_path / "good.gpx", at(2026, 11, 3), 10, 60)
    res = cli("load", str(tmp_path), "--format", "text")
    assert res.exit == 0 and "Problem: " in res.out and "\x1b" not in res.out


def test_a_truncated_gz_is_named_not_half_read(tmp_path: Path) -> None:
    rows = [(at(2026, 11, d), "Run", 10.0, 50.0) for d in range(1, 29)]
    whole = gzip.compress(write_strava_csv(tmp_path / "a.csv", rows).read_bytes())
    (tmp_path / "activities.csv.gz").write_bytes(whole[: len(whole) * 2 // 3])
    got = collect([tmp_path / "activities.csv.gz"])
    assert got.runs == ()
    (problem,) = got.problems
    assert "not a valid .gz file (it ends too early)" in problem
