"""Time you can trust in the history (reliability review round 3): a check-in
dated after now never becomes "the latest"; a stored severity outside 0-10
is a damaged row, not a crash; a history whose schema number was reset is
still read and written; a time zone the system offers works even with an
offset of a day or more; the return-to-running ladder moves up at most once
every few days.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
from pathlib import Path

import pytest

from hipcheck.core.return_to_run import MOVE_UP_DAYS, Before, paced
from hipcheck.store.history import DB_NAME

from .helpers import Result, run

CHECK = ["check", "--location", "outer-hip", "--triggers", "lying-on-side", "--format", "json"]


def hc(home: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    return run(*args, env={"HIPCHECK_HOME": str(home), "COLUMNS": "120", **(env or {})})


def _save(home: Path, severity: int, *extra: str) -> None:
    res = hc(home, *CHECK, "--severity", str(severity), "--save", *extra)
    assert res.exit == 0, res.err


def _sql(home: Path, statement: str, *args: object) -> None:
    conn = sqlite3.connect(home / DB_NAME)
    with conn:
        conn.execute(statement, args)
    conn.close()


def _future_row(home: Path) -> None:
    """A copy of check-in 1 dated 2030 with severity 2: a clock set ahead."""
    _sql(
        home,
        "INSERT INTO checkins (created_at, kb_version, severity, triage, top_condition, answers,"
        " result) SELECT '2030-06-01T10:00:00+00:00', kb_version, 2, triage, top_condition,"
        " answers, result FROM checkins WHERE id = 1",
    )


def test_a_check_in_dated_in_the_future_is_never_the_latest(tmp_path: Path) -> None:
    home = tmp_path / "h"
    for s in (3, 4, 5):
        _save(home, s)
    _future_row(home)
    _save(home, 8)  # check-in 5, the real latest
    listing = hc(home, "history")
    assert listing.exit == 0
    assert "it is dated in the future (2030-06-01" in listing.out, listing.out
    # saved minutes apart: no trend is called
    assert "3 -> 4 -> 5 -> 8, within one day" in listing.out
    plan = hc(home, "plan")
    assert plan.exit == 0, plan.err
    assert "check-in #5" in plan.out and "#4" not in plan.out.splitlines()[2]
    report = hc(home, "report", "--format", "markdown")
    assert report.exit == 0
    # 2030 stands only where the page says #4 could not be read, never as data
    dated = [line for line in report.out.splitlines() if "2030" in line]
    assert dated and all("\\#4 could not be read" in line for line in dated), dated


def test_a_severity_out_of_range_is_a_damaged_row(tmp_path: Path) -> None:
    home = tmp_path / "h"
    _save(home, 3)
    _save(home, 4)
    _save(home, 5)
    _sql(home, "UPDATE checkins SET severity = ? WHERE id = 2", 1e308)
    _sql(home, "UPDATE checkins SET severity = ? WHERE id = 3", 11)
    res = hc(home, "history")
    assert res.exit == 0 and "Traceback" not in res.err, res.err
    assert "2 damaged check-ins" in res.out + res.err


def test_a_history_whose_schema_number_was_reset_is_read_and_kept(tmp_path: Path) -> None:
    home = tmp_path / "h"
    _save(home, 3)
    _sql(home, "PRAGMA user_version = 0")
    res = hc(home, "history")
    assert res.exit == 0 and "No check-ins yet" not in res.out, res.out
    assert "Severity trend: ▃  3\n" in res.out
    _save(home, 4)
    assert "3 -> 4" in hc(home, "history").out


def test_a_time_zone_a_day_or_more_from_utc_works(tmp_path: Path) -> None:
    home = tmp_path / "h"
    env = {"TZ": "XXX-25:00"}
    try:
        res = hc(home, *CHECK, "--severity", "3", "--save", env=env)
        assert res.exit == 0 and "Traceback" not in res.err, res.err
        assert "time zone (XXX-25:00) cannot be used" in res.err and "UTC" in res.err
        for args in (["history"], ["plan"], ["report", "--format", "markdown"]):
            res = hc(home, *args, env=env)
            assert res.exit == 0, (args, res.err)
    finally:
        time.tzset()  # the environment is restored; the process's zone with it


# -- the ladder moves up at most once every few days ------------------------------------

T0 = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


def test_a_move_up_minutes_after_the_stage_began_holds() -> None:
    minute, days = dt.timedelta(minutes=1), dt.timedelta(days=MOVE_UP_DAYS)
    assert paced("move_up", Before(T0, "walk", "tendon", minute)) == ("hold", "too_soon")
    assert paced("move_up", Before(T0, "walk", "tendon", days)) == ("move_up", "")
    assert paced("step_back", Before(T0, "walk", "tendon", minute)) == ("step_back", "")
    assert paced("move_up", Before(T0, "walk", "tendon")) == ("move_up", "")  # unknown age


def test_seven_check_ins_in_a_minute_stay_on_one_stage(tmp_path: Path) -> None:
    home = tmp_path / "h"
    report = ["--run-pain-during", "1", "--next-morning", "settled"]

    def stage() -> str:
        plan = hc(home, "plan")
        assert plan.exit == 0, plan.err
        return next(line for line in plan.out.splitlines() if line.startswith("STAGE "))

    _save(home, 2, *report)
    first = stage()
    for _ in range(6):
        _save(home, 2, *report)
    assert stage() == first
    assert "This stage began less than three days ago" in hc(home, "plan").out


def test_a_damaged_latest_check_in_is_named_on_plan_and_report(tmp_path: Path) -> None:
    home = tmp_path / "h"
    _save(home, 3)
    res = hc(home, "check", "--location", "groin", "--timing", "walking", "--training",
             "mileage-jump", "--severity", "8", "--save", "--format", "json")  # fmt: skip
    assert res.exit == 0
    _sql(home, "UPDATE checkins SET answers = substr(answers, 1, length(answers) - 1) WHERE id = 2")
    for args in (["plan"], ["report", "--format", "markdown"]):
        res = hc(home, *args)
        assert res.exit == 0, res.err
        assert "check-in #2, saved after #1, could not be read" in res.err, (args, res.err)
        assert "this is from check-in #1" in res.err
        if args[0] == "report":  # the page itself says so, not only the terminal
            assert "saved after \\#1, could not be read" in res.out


def test_a_future_check_in_is_named_on_plan(tmp_path: Path) -> None:
    home = tmp_path / "h"
    _save(home, 3)
    _future_row(home)
    res = hc(home, "plan")
    assert res.exit == 0 and "check-in #2, saved after #1, could not be read (it is dated in" in (
        res.err
    )


@pytest.mark.needs_process
def test_forget_all_under_a_file_size_limit_deletes_the_file(tmp_path: Path) -> None:
    """Emptying the history needs room for a journal; with none (a full disk,
    `ulimit -f`) forget --all deletes the file instead, and says so."""
    import resource
    import subprocess

    from .helpers import BIN

    home = tmp_path / "h"
    _save(home, 3)
    for _ in range(6):  # 64 check-ins, a few hundred KB
        _sql(
            home,
            "INSERT INTO checkins (created_at, kb_version, severity, triage, top_condition,"
            " answers, result) SELECT created_at, kb_version, severity, triage, top_condition,"
            " answers, result FROM checkins",
        )
    limit = 40 * 1024

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    res = subprocess.run(
        [str(BIN / "hipcheck"), "history", "forget", "--all", "--yes"],
        env={"HIPCHECK_HOME": str(home), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=small_files,
    )
    assert res.returncode == 0, res.stderr
    assert "deleted the history file instead" in res.stderr and "forgot 64 check-ins" in res.stderr
    # the history file is not called a set-aside copy (reliability re-check)
    assert "set-aside" not in res.stderr, res.stderr
    assert not (home / DB_NAME).exists()
    assert "No check-ins yet" in hc(home, "history").out


def test_a_future_check_in_before_the_latest_is_named_on_plan_and_report(tmp_path: Path) -> None:
    """The review's own scenario: a row dated 2030 (#4), then a real #5. The
    plan and the page come from #5, as they should, and say that #4 could
    not be read (reliability re-check, stop 40: they were silent)."""
    home = tmp_path / "h"
    for s in (3, 4, 5):
        _save(home, s)
    _future_row(home)
    _save(home, 6)
    for args in (["plan"], ["report", "--format", "markdown"]):
        res = hc(home, *args)
        assert res.exit == 0, res.err
        assert "check-in #4 could not be read (it is dated in the future" in res.err, (
            args,
            res.err,
        )
        assert "left out" in res.err
        if args[0] == "report":
            assert "\\#4 could not be read" in res.out


def test_a_damaged_check_in_in_the_middle_is_named_on_plan_and_report(tmp_path: Path) -> None:
    home = tmp_path / "h"
    for s in (3, 4, 5):
        _save(home, s)
    _sql(home, "UPDATE checkins SET answers = substr(answers, 1, length(answers) - 1) WHERE id = 2")
    for args in (["plan"], ["report", "--format", "markdown"]):
        res = hc(home, *args)
        assert res.exit == 0, res.err
        assert "check-in #2 could not be read" in res.err, (args, res.err)
        assert "saved after" not in res.err  # #3 is the latest, and readable
        if args[0] == "report":
            assert "\\#2 could not be read" in res.out
