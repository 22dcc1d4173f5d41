"""Plain text on a narrow terminal is wrapped to it, never broken mid-word
by the terminal (UX re-check: `plan`, `history show` and `check -f text` at
40 columns printed 78-column lines: "clinicia / n"); files keep 78."""

from __future__ import annotations

from pathlib import Path

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
