"""Plain text on a narrow terminal is wrapped to it, never broken mid-word
by the terminal (UX re-check: `plan`, `history show` and `check -f text` at
40 columns printed 78-column lines: "clinicia / n"); files keep 78."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .helpers import ANSI, run

NARROW = {"COLUMNS": "40", "LINES": "24"}


def _widest(text: str) -> int:
    return max(len(line) for line in text.splitlines())


def test_plan_history_and_check_fit_a_40_column_terminal(tmp_path: Path) -> None:
    home = ["--data-dir", str(tmp_path)]
    saved = run(*home, "check", "--location", "groin", "--timing", "during-run,walking",
                "--age", "19", "--sex", "female", "--save", "-f", "json")  # fmt: skip
    assert saved.exit == 0, saved.err
    pages = {
        "plan": run(*home, "plan", env=NARROW, stdout_tty=True).out,
        "history show": run(*home, "history", "show", "1", env=NARROW, stdout_tty=True).out,
        "check": run("check", "--location", "groin", "-f", "text", env=NARROW, stdout_tty=True).out,
    }
    for name, text in pages.items():
        assert "clinician" in text, name
        assert _widest(text) <= 38, (name, [ln for ln in text.splitlines() if len(ln) > 38][:3])
    # to a pipe or a file: 78 columns, as before
    piped = run(*home, "plan", env=NARROW).out
    assert 60 < _widest(piped) <= 78


def test_an_unknown_file_type_is_named(tmp_path: Path) -> None:
    # UX re-check: `-o summary.docx` silently wrote plain text
    res = run("check", "--location", "outer-hip", "-o", str(tmp_path / "summary.docx"))
    assert res.exit == 0 and "summary.docx: not a kind of file hipcheck writes" in res.err
    assert (tmp_path / "summary.docx").read_text().startswith("hipcheck summary")
    plain = run("check", "--location", "outer-hip", "-o", str(tmp_path / "summary"))
    assert plain.exit == 0 and "not a kind of file" not in plain.err


def test_history_is_a_list_on_a_narrow_terminal(tmp_path: Path) -> None:
    # UX re-check: at 40 columns every cell of the table was cut ("routi…")
    home = ["--data-dir", str(tmp_path)]
    run(*home, "check", "--location", "outer-hip", "--severity", "5", "--save")
    narrow = ANSI.sub("", run(*home, "history", env=NARROW, stdout_tty=True).out)
    assert "#1 " in narrow and "worst pain 5" in narrow and "…" not in narrow
    assert _widest(narrow) <= 40
    wide = run(*home, "history", env={"COLUMNS": "100"}, stdout_tty=True).out
    assert "Worst pain" in wide and "#1 " not in wide  # the table, as before


def test_a_notice_on_a_narrow_terminal_breaks_between_words(monkeypatch: Any) -> None:
    """At 40 columns `report` printed "for your c" / "linician to ...":
    the terminal broke the notice mid-word (a new user's review, stop 41).
    On a terminal a notice is wrapped between words; a file or pipe still
    gets one line."""
    import io

    from hipcheck.terminal import Terminal

    monkeypatch.setenv("COLUMNS", "40")
    message = "saved the HTML page for your clinician to hipcheck-report-2026-12-05.html"
    for tty in (True, False):
        err = io.StringIO()
        term = Terminal(io.StringIO(), io.StringIO(), err, False, False, tty)
        term.notice(message)
        lines = err.getvalue().splitlines()
        if tty:
            assert all(len(x) <= 40 for x in lines) and "clinician" in lines[1].split(), lines
        else:
            assert lines == [f"hipcheck: {message}"]


def test_load_and_conditions_list_at_40_columns(tmp_path: Path) -> None:
    """At 40 columns `load`'s table read "│ … │ 2… │ ██ │  2:24 │ +50% / +… │"
    and `conditions` cut names to "Ili…" (a new user's review, stop 41): a
    narrow terminal gets one item under another, nothing cut off."""
    import datetime as dt

    from .activity_files import weekly_history

    weekly_history(tmp_path, [20, 20, 20, 20, 20, 20, 20, 26], dt.date(2026, 11, 16))
    for argv in (("load", str(tmp_path), "--as-of", "2026-11-23", "-f", "rich"),
                 ("conditions", "-f", "rich")):  # fmt: skip
        res = run(*argv, env={"COLUMNS": "40"})
        assert res.exit == 0, res.err
        lines = res.out.splitlines()
        assert "…" not in res.out and all(len(x) <= 40 for x in lines), res.out
        # the week still going on: "(so far, 1 day)", not "on the week before so far"
        assert "before so far" not in " ".join(res.out.split())
    assert "Iliotibial band syndrome" in " ".join(res.out.split())
