"""Check-in history: private, concurrent-safe, crash-safe, never silently lost."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import msgspec
import pexpect
import pytest

from hipcheck.commands.checkin import save
from hipcheck.core.assessment import assess
from hipcheck.core.trend import Trend, trend
from hipcheck.core.trend import reasons as history_reasons
from hipcheck.errors import HipcheckError
from hipcheck.knowledge import KnowledgeBase
from hipcheck.render import trend_words
from hipcheck.store.history import DB_NAME, MIGRATIONS, History

from .answer_sets import GLUTEAL
from .helpers import ANSI, BIN, expect_prompt, send, write_full_answers
from .helpers import Keyboard as K

NOW = dt.datetime.now(dt.UTC)
GT = GLUTEAL


def add(h: History, kb: KnowledgeBase, severity: int, days_ago: float) -> None:
    a = assess(kb, {**GT, "severity": severity})
    from hipcheck.core.answers import to_jsonable
    from hipcheck.render.json_render import to_dict

    h.save(to_jsonable(a.answers), to_dict(a, kb), kb.version, NOW - dt.timedelta(days=days_ago))


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_store_is_private_and_versioned(tmp_path: Path, kb: KnowledgeBase) -> None:
    folder = tmp_path / "home" / "hipcheck"
    with History.open(folder) as h:
        saved = save(h, kb, assess(kb, {**GT, "severity": 5}))
        assert h.get(saved.id) == saved and h.all() == [saved]
        assert saved.severity == 5 and saved.triage == "routine"
        assert saved.top_condition == "gluteal_tendinopathy"
        assert saved.answers["location"] == ["outer_hip"]
    assert mode(folder) == 0o700 and mode(folder / DB_NAME) == 0o600
    conn = sqlite3.connect(folder / DB_NAME)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_forget(tmp_path: Path, kb: KnowledgeBase) -> None:
    with History.open(tmp_path) as h:
        for sev in (6, 5, 4):
            add(h, kb, sev, 1)
        first = h.all()[0].id
        assert h.forget(first) and not h.forget(first)
        assert h.forget_all() == 2 and h.all() == []


SAVER = """
import sys
from hipcheck.store.history import History
with History.open(__import__("pathlib").Path(sys.argv[1])) as h:
    for i in range(int(sys.argv[2])):
        result = {"triage": {"level": "self_care"}, "conditions": [{"id": "itbs"}]}
        h.save({"severity": i % 11}, result, "t")
"""


@pytest.mark.needs_process  # two writers at once
def test_two_processes_saving_at_once_both_land(tmp_path: Path) -> None:
    procs = [subprocess.Popen([sys.executable, "-c", SAVER, str(tmp_path), "60"]) for _ in range(2)]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    with History.open(tmp_path) as h:
        assert len(h.all()) == 120


@pytest.mark.slow
@pytest.mark.needs_process  # eight writers at once
def test_eight_simultaneous_first_saves_keep_every_check_in(tmp_path: Path) -> None:
    """Reliability review F5: a fresh history created by 8 processes at once."""
    for round_ in range(12):
        folder = tmp_path / str(round_)
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", SAVER, str(folder), "1"], stderr=subprocess.PIPE
            )
            for _ in range(8)
        ]
        errors = [p.communicate(timeout=120)[1] for p in procs]
        assert [p.returncode for p in procs] == [0] * 8, errors
        with History.open(folder) as h:
            assert len(h.all()) == 8
            assert h.notices == []
        assert not list(folder.glob("*unreadable*"))


KILLED = """
import sys, time
from hipcheck.store import history
original = history.History._transaction
def slow(self, *args):
    cm = original(self, *args)
    class Slow:
        def __enter__(s):
            return cm.__enter__()
        def __exit__(s, *exc):
            print("INSERTED", flush=True)
            time.sleep(60)  # killed here: inside the transaction, before COMMIT
            return cm.__exit__(*exc)
    return Slow()
history.History._transaction = slow
with history.History.open(__import__("pathlib").Path(sys.argv[1])) as h:
    h.save({"severity": 9}, {"triage": {"level": "urgent"}, "conditions": [{"id": "fai"}]}, "t")
"""


@pytest.mark.needs_process  # a kill in the middle of a save
def test_a_save_killed_midway_leaves_the_database_consistent(
    tmp_path: Path, kb: KnowledgeBase
) -> None:
    with History.open(tmp_path) as h:
        add(h, kb, 5, 2)
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "INSERTED"
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    with History.open(tmp_path) as h:
        assert h.notices == []
        assert [c.severity for c in h.all()] == [
            5
        ]  # the killed save did not land, nothing else lost
        add(h, kb, 4, 1)
        assert [c.severity for c in h.all()] == [5, 4]
    conn = sqlite3.connect(tmp_path / DB_NAME)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.parametrize("kind", ["garbage", "foreign"])
def test_corrupt_or_foreign_file_is_kept_aside(
    tmp_path: Path, kb: KnowledgeBase, kind: str
) -> None:
    db = tmp_path / DB_NAME
    if kind == "garbage":
        db.write_bytes(b"this is not a database\n" * 100)
    else:
        other = sqlite3.connect(db)
        other.execute("CREATE TABLE songs (title TEXT)")
        other.execute("INSERT INTO songs VALUES ('la')")
        other.commit()
        other.close()
    before = db.read_bytes()
    with History.open(tmp_path) as h:
        assert len(h.notices) == 1 and "could not be read" in h.notices[0]
        add(h, kb, 3, 0)
        assert len(h.all()) == 1
    kept = [
        p
        for p in tmp_path.iterdir()
        if ".unreadable-" in p.name and not p.name.endswith(("-wal", "-shm"))
    ]
    assert len(kept) == 1 and kept[0].read_bytes() == before  # untouched, not deleted


def test_newer_schema_is_refused_untouched(tmp_path: Path) -> None:
    with History.open(tmp_path):
        pass
    conn = sqlite3.connect(tmp_path / DB_NAME)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 5}")
    conn.commit()
    conn.close()
    with pytest.raises(HipcheckError, match="written by a newer hipcheck"):
        History.open(tmp_path)


def test_trend_is_facts_and_the_renderer_words_them(kb: KnowledgeBase) -> None:
    """Issue 10: the core returns a structured Trend; the wording, and the
    knowledge file's [history] templates, are applied by the renderer."""
    from hipcheck.store.history import CheckIn

    def ci(i: int, sev: float, days: float) -> CheckIn:
        return CheckIn(i, NOW - dt.timedelta(days=days), "v", sev, "routine", "itbs", {}, {})

    improving = trend(kb.history, [ci(1, 6, 14), ci(2, 5, 7)], {"severity": 4}, NOW)
    assert isinstance(improving, Trend)
    assert (improving.direction, improving.from_severity, improving.to_severity) == (
        "improving", 5, 4
    )  # fmt: skip
    assert improving.count == 2 and improving.severities == (6, 5)
    assert improving.since == NOW - dt.timedelta(days=7)
    assert round(improving.days) == 14 and not improving.not_improving
    notes = trend_words.notes(improving)
    assert notes[0].startswith("Severity 5 -> 4 since ") and "improving" in notes[0]
    assert "2 earlier check-ins" in notes[1] and history_reasons(kb.history, improving) == ()
    stuck = trend(kb.history, [ci(1, 5, 10)], {"severity": 5}, NOW)
    assert stuck is not None and stuck.not_improving and stuck.direction == "unchanged"
    reasons = history_reasons(kb.history, stuck)
    assert [r.rule for r in reasons] == ["history:not_improving"]
    assert "Pain for over a week and not improving: severity 5 on" in reasons[0].text
    worse = trend(kb.history, [ci(1, 3, 2)], {"severity": 6}, NOW)
    assert worse is not None and worse.worsening and worse.direction == "worse"
    assert [r.rule for r in history_reasons(kb.history, worse)] == ["history:worsening"]
    assert trend(kb.history, [ci(1, 5, 90)], {"severity": 5}, NOW) is None  # another episode
    unrated = trend(kb.history, [ci(1, 5, 2)], {}, NOW)
    assert unrated is not None and unrated.direction is None
    assert trend_words.notes(unrated)[0].startswith("Last check-in ")
    # a runner's review (stop 38): "urgent, Femoral stress fracture" read as a finding
    named = msgspec.structs.replace(unrated, last_top="Femoral (thigh bone) stress fracture")
    assert "first possible cause listed: Femoral" in trend_words.notes(named)[0]


def test_check_ins_within_one_day_are_no_trend(run: Any, tmp_path: Path) -> None:
    """Two check-ins minutes apart are not "improving" (or worse)."""
    home = tmp_path / "home"
    for severity in ("5", "4"):
        run("--data-dir", str(home), "check", "--location", "outer-hip", "--severity", severity,
            "--save")  # fmt: skip
    out = run("--data-dir", str(home), "history").out
    assert "5 -> 4, within one day: too soon to call it a trend" in out
    assert "improving" not in out and "self_care" not in out and "self-care" in out
    assert "most likely" not in out and "Possible cause" in out
    # The check's own note says the same (a new user's review, stop 41: the
    # summary said "improving" where `history` said "too soon"), and names
    # the last level in words, never "self_care".
    again = run("--data-dir", str(home), "check", "--location", "outer-hip", "--severity", "3",
                "--save")  # fmt: skip
    notes = " ".join(again.out.split("SINCE YOUR LAST CHECK-IN", 1)[1].split("POSSIBLE")[0].split())
    assert (
        "Severity 4 -> 3 since" in notes and "within one day: too soon to call it a trend" in notes
    )
    assert "improving" not in notes, notes
    unrated = run("--data-dir", str(home), "check", "--location", "outer-hip", "--save").out
    assert "Last check-in" in unrated and "self_care" not in unrated, unrated


def test_every_format_names_a_level_the_same_way() -> None:
    """`history` said "routine visit", the HTML report "routine appointment"
    and the Markdown report "routine" (a new user's review, stop 41)."""
    from hipcheck.render import history_render, report_html, report_markdown, trend_words
    from hipcheck.render.level_words import LEVEL_WORDS

    assert LEVEL_WORDS["routine"] == "routine" and LEVEL_WORDS["self_care"] == "self-care"
    for module in (history_render, report_html, report_markdown, trend_words):
        assert module.LEVEL_WORDS is LEVEL_WORDS, module.__name__


def test_three_check_ins_over_two_weeks(run: Any, tmp_path: Path, kb: KnowledgeBase) -> None:
    home = tmp_path / "home"
    with History.open(home) as h:
        add(h, kb, 6, 14)
        add(h, kb, 6, 7)
    flags = ["check", "--location", "outer-hip", "--triggers", "single-leg", "--duration",
             "1-to-6-weeks", "--trend", "better", "--severity", "6", "--save"]  # fmt: skip
    res = run("--data-dir", str(home), *flags)
    assert res.exit == 0, res.err
    assert "kept check-in #3" in res.err
    assert "SINCE YOUR LAST CHECK-IN" in res.out and "Severity 6 -> 6 since" in res.out
    # trend "better" alone would be self-care; the history says not improving for two weeks
    assert "TRIAGE: ROUTINE" in res.out and "Pain for over a week and not improving" in res.out
    listing = run("--data-dir", str(home), "history")
    assert listing.exit == 0
    assert [line.split()[1] for line in listing.out.splitlines() if line.startswith("│ ")] == [
        "1",
        "2",
        "3",
    ]
    assert "Severity trend:" in listing.out and "6 -> 6 -> 6, unchanged" in listing.out
    doc = json.loads(run("--data-dir", str(home), "history", "--format", "json").out)
    assert [c["severity"] for c in doc["checkins"]] == [6, 6, 6]
    assert doc["checkins"][-1]["result"]["history"]["notes"]


def test_scripted_check_does_not_touch_history(run: Any, tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert run("--data-dir", str(home), "check", "--location", "groin").exit == 0
    assert not home.exists()


def test_history_commands(run: Any, tmp_path: Path, kb: KnowledgeBase) -> None:
    home = tmp_path / "home"
    d = ["--data-dir", str(home)]
    assert "No check-ins yet" in run(*d, "history").out and not home.exists()
    with History.open(home) as h:
        for sev, days in ((7, 10), (5, 5), (3, 0)):
            add(h, kb, sev, days)
    shown = run(*d, "history", "show", "2")
    assert shown.exit == 0 and "Check-in #2" in shown.out
    assert json.loads(run(*d, "history", "show", "2", "--format", "json").out)["severity"] == 5
    assert run(*d, "history", "show", "9").exit == 2
    out = tmp_path / "checkins.csv"
    assert run(*d, "history", "-o", str(out)).exit == 0
    assert (
        out.read_text().splitlines()[0] == "id,created_at,severity,triage,top_condition,kb_version"
    )
    assert mode(out) == 0o600 and len(out.read_text().splitlines()) == 4
    refused = run(*d, "history", "forget", "1")
    assert refused.exit == 2 and "add --yes" in refused.err
    assert run(*d, "history", "forget", "1", "--yes").exit == 0
    assert run(*d, "history", "forget", "--all", "--yes").err == "hipcheck: forgot 2 check-ins\n"
    assert run(*d, "history", "forget").exit == 2
    assert run(*d, "history", "keep", "maybe").exit == 2
    assert run(*d, "history", "keep", "no").exit == 0
    assert json.loads((home / "preferences.json").read_text()) == {"keep_history": False}


@pytest.mark.slow
@pytest.mark.needs_process  # a pseudo-terminal
def test_questionnaire_asks_once_and_remembers(tmp_path: Path) -> None:
    home = tmp_path / "home"
    answers = tmp_path / "a.json"
    write_full_answers(answers)
    env = {**os.environ, "HIPCHECK_HOME": str(home), "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1"}
    for round_ in (1, 2):
        child = pexpect.spawn(
            str(BIN / "hipcheck"),
            ["check", "--answers", str(answers), "--interactive"],
            env=env,
            cwd=str(tmp_path),
            encoding="utf-8",
            timeout=20,
            dimensions=(40, 100),
        )
        expect_prompt(child, "Review your answers")
        send(child, K.Enter)
        if round_ == 1:
            expect_prompt(child, "Keep your check-ins in a private history")
            send(child, "y", K.Enter)  # opt-in: Enter alone would mean no
        child.expect_exact(f"Check-in #{round_} kept in your private history")
        expect_prompt(child, "Save this summary?")
        send(child, K.Enter)
        child.expect(pexpect.EOF)
        screen = ANSI.sub("", child.before or "")
        assert "Keep your check-ins" not in screen
    with History.open(home) as h:
        assert len(h.all()) == 2


def test_history_show_reads_in_words(run: Any, tmp_path: Path, kb: KnowledgeBase) -> None:
    """Issue 13: the questions and answer labels of the knowledge file, the
    date in words, the triage label and the causes by name; no raw ids."""
    with History.open(tmp_path) as h:
        a = assess(kb, {**GT, "severity": 5, "cannot_bear_weight": False, "timing": ()})
        from hipcheck.core.answers import to_jsonable
        from hipcheck.render.json_render import to_dict

        h.save(to_jsonable(a.answers), to_dict(a, kb), kb.version, NOW)
    res = run("--data-dir", str(tmp_path), "history", "show", "1")
    assert res.exit == 0, res.err
    out = res.out
    flat = " ".join(out.split()) + " "
    local = NOW.astimezone()
    assert f"{local:%A} {local.day} {local:%B %Y}" in out  # "Tuesday 10 November 2026"
    assert f"Triage: {kb.levels['routine'].title}" in out
    assert "1. Gluteal tendinopathy (" in out and "%" not in out
    q = kb.question_by_id
    for qid, label in (("location", q["location"].choice("outer_hip").label),
                       ("cannot_bear_weight", q["cannot_bear_weight"].choice("no").label),
                       ("duration", q["duration"].choice("1_to_6_weeks").label)):  # fmt: skip
        assert f" {q[qid].prompt} {label} " in flat
    assert q["severity"].prompt in flat and "5 out of 10" in out
    assert q["timing"].prompt in flat and "none of these" in out
    for raw in ("cannot_bear_weight", "outer_hip", "False", "1_to_6_weeks", "routine\n"):
        assert raw not in out
    assert kb.disclaimer in flat
    # wrapped under its item, never by the terminal to column 0 (review P20)
    assert max(len(line) for line in out.splitlines()) <= 80


def test_history_names_no_cause_where_the_summary_says_none(run: Any, tmp_path: Path) -> None:
    """UX review N6: with nothing answered beyond the safety screen the
    summary says "Not enough answers to suggest a cause", but `history`,
    `history show` and the report's trend named "Gluteal tendinopathy"."""
    home = str(tmp_path / "home")
    safety = ["--no-cannot-bear-weight", "--no-fever"]
    summary = run("--data-dir", home, "check", *safety, "--save", "--format", "text").out
    assert "Not enough answers to suggest a cause" in summary
    run("--data-dir", home, "check", "--location", "outer-hip", "--severity", "4", "--save")
    table = run("--data-dir", home, "history", env={"COLUMNS": "100"}).out
    first, second = (line for line in table.splitlines() if "│ 1 │" in line or "│ 2 │" in line)
    assert "Gluteal" not in first and "not enough answers" in first
    assert "Gluteal tendinopathy" in second  # a check-in with answers still names one
    show = " ".join(run("--data-dir", home, "history", "show", "1").out.split())
    assert "Not enough answers to suggest a cause" in show and "Gluteal" not in show
    for fmt in ("markdown", "html"):
        page = run("--data-dir", home, "report", "--format", fmt).out
        trend = page[page.index("Worst pain over time") :]
        row = next(line for line in trend.replace("</tr>", "\n").splitlines() if "-" in line
                   and ("| - |" in line or "<td>-</td>" in line))  # fmt: skip
        assert "not enough answers" in row and "Gluteal" not in row, (fmt, row)


def test_the_html_page_says_how_this_check_in_compares(run: Any, tmp_path: Path) -> None:
    """Text, Markdown, the terminal and JSON said "since your last check-in";
    the HTML page of the same check did not (a new user's review, stop 41)."""
    home = tmp_path / "home"
    run("--data-dir", str(home), "check", "--location", "outer-hip", "--severity", "5", "--save")
    page = tmp_path / "p.html"
    res = run("--data-dir", str(home), "check", "--location", "outer-hip", "--severity", "4",
              "--save", "-f", "html", "-o", str(page))  # fmt: skip
    assert res.exit == 0, res.err
    assert "Severity 5 -&gt; 4 since" in page.read_text(encoding="utf-8")


def test_a_whole_number_score_is_exported_as_one(run: Any, tmp_path: Path) -> None:
    """A check's "--severity 6" was exported as 6.0 in JSON and CSV (a new
    user's review, stop 41)."""
    d = ["--data-dir", str(tmp_path / "home")]
    run(*d, "check", "--location", "outer-hip", "--severity", "6", "--save")
    doc = json.loads(run(*d, "history", "--format", "json").out)
    assert repr(doc["checkins"][0]["severity"]) == "6"
    exported = run(*d, "history", "--format", "csv").out
    assert ",6.0," not in exported and ",6," in exported, exported


def test_no_trend_claim_within_a_day(run: Any, tmp_path: Path) -> None:
    """Two saved checks an hour apart, 3 then 6: the triage said "The pain
    is getting worse: severity 3 on 5 Dec, 6 now" six lines above "too soon
    to call it a trend" (the re-check of stop 41's reviews). Within a day no
    history reason fires; the severity itself is triaged as always."""
    d = ["--data-dir", str(tmp_path / "home")]
    run(*d, "check", "--location", "outer-hip", "--severity", "3", "--save")
    res = run(*d, "check", "--location", "outer-hip", "--severity", "6", "--save", "-f", "json")
    rules = [r["id"] for r in json.loads(res.out)["triage"]["rules"]]
    assert not any(r.startswith("history:") for r in rules), rules
