"""Plain text on a narrow terminal is wrapped to it, never broken mid-word
by the terminal (UX re-check: `plan`, `history show` and `check -f text` at
40 columns printed 78-column lines: "clinicia / n"); files keep 78."""

from __future__ import annotations

from pathlib import Path

from .helpers import run

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
