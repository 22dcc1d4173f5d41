"""What the exports tell a clinician: questions not asked apart from those
answered "no", "What to do now" on the page, a page that prints whole; and a
scripted check that imports only what it uses."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import imported_by_a_check, run


def test_exports_list_questions_not_asked_apart_from_no(tmp_path: Path) -> None:
    argv = ("check", "--location", "outer-hip", "--no-fever", "--severity", "4")
    md = run(*argv, "--format", "markdown").out
    no_row = next(line for line in md.splitlines() if line.startswith("- Fever or unwell"))
    assert no_row.lower() == "- fever or unwell: no"
    missing = next(line for line in md.splitlines() if line.startswith("- Not asked"))
    assert "how long" in missing and "sex" in missing and "side" in missing
    assert "fever" not in missing and "where it hurts" not in missing
    assert "pain during recent runs" not in missing  # asked only at a later check-in
    html = run(*argv, "-o", str(tmp_path / "visit.html"))
    assert html.exit == 0, html.err
    page = (tmp_path / "visit.html").read_text()
    assert "<th>Not asked or not answered</th>" in page and "how long" in page
    assert "Answered no" in page


def test_the_page_says_what_to_do_now_and_prints_whole(tmp_path: Path) -> None:
    run("check", "--location", "outer-hip", "--severity", "4", "-o", str(tmp_path / "v.html"))
    page = (tmp_path / "v.html").read_text()
    now = page.index("<h2>What to do now</h2>")
    assert page.index("Triage:") < now < page.index("Answers in the runner")
    assert "Running: " in page[now : now + 600]
    # a heading or a glossary term never ends a page away from its text
    assert "h2, h3, dt { break-after: avoid;" in page
    assert '<div class="entry"><dt>' in page or "Glossary" not in page
    assert "overflow-wrap: anywhere" not in page  # words are not cut at phone width
    md = run("check", "--location", "outer-hip", "--format", "markdown").out
    assert "## What to do now" in md


@pytest.mark.needs_process  # what a fresh interpreter imports
def test_a_scripted_check_imports_only_what_it_uses() -> None:
    """Start-up: no prompt library, PDF printer or interview for `check --format json`."""
    heavy = ("questionary", "prompt_toolkit", "hipcheck.commands.pdf")
    heavy += ("hipcheck.core.interview", "hipcheck.ui.prompter")
    assert imported_by_a_check(heavy) == []


def test_sources_carry_their_link_where_one_is_known(tmp_path: Path) -> None:
    argv = ("check", "--location", "groin", "--age", "60", "--timing", "morning")
    md = run(*argv, "--format", "markdown").out
    line = next(x for x in md.splitlines() if "NG226" in x)
    assert line.endswith("(https://www.nice.org.uk/guidance/ng226)")
    run(*argv, "-o", str(tmp_path / "v.html"))
    assert "https://www.nice.org.uk/guidance/ng226" in (tmp_path / "v.html").read_text()


def test_an_output_suffix_never_gets_another_format(tmp_path: Path) -> None:
    """UX review N10: `report -o visit.txt` wrote HTML into a .txt file.
    A text file gets Markdown (it reads as text); a suffix the command
    cannot write is refused, naming what it writes."""
    home = {"HIPCHECK_HOME": str(tmp_path / "home")}
    assert run("check", "--location", "groin", "--save", env=home).exit == 0
    assert run("report", "-o", str(tmp_path / "visit.txt"), env=home).exit == 0
    text = (tmp_path / "visit.txt").read_text()
    assert text.startswith("# ") and "<html" not in text.lower()
    res = run("report", "-o", str(tmp_path / "visit.json"), env=home)
    assert res.exit == 2 and "writes html or markdown, not json" in res.err
    res = run("plan", "--location", "groin", "-o", str(tmp_path / "plan.html"))
    assert res.exit == 2 and "writes text, markdown or json, not html" in res.err
    assert not (tmp_path / "visit.json").exists() and not (tmp_path / "plan.html").exists()
    assert run("plan", "--location", "groin", "-o", str(tmp_path / "p.md")).exit == 0
    assert (tmp_path / "p.md").read_text().startswith("#")


SAFETY_NO = ("--no-cannot-bear-weight", "--no-deformity", "--no-fever", "--no-saddle-numbness",
             "--no-injury", "--no-limp", "--no-weight-loss", "-d", "elsewhere=")  # fmt: skip


def test_a_less_likely_cause_raises_no_question_for_the_clinician(tmp_path: Path) -> None:
    """UX review N7: a 34-year-old with a textbook outer-hip tendon picture
    was told to ask "Could this be a stress fracture?" about a "less likely"
    third cause; a young runner told to stop running for one still is."""
    tendon = (
        *("--location", "outer-hip", "--triggers", "lying-on-side,single-leg"),
        *("--timing", "at-night", "--age", "34", "--sex", "female", "--duration", "over-6-weeks"),
    )
    bone = ("--location", "groin", "--timing", "during-run", "--age", "19", "--sex", "female")
    question = "Could this be a stress fracture?"
    pages = []
    for i, argv in enumerate((tendon, bone)):
        page = tmp_path / f"p{i}.html"
        assert run("check", *argv, *SAFETY_NO, "-o", str(page)).exit == 0
        pages.append(page.read_text())
    assert "Femoral (thigh bone) stress fracture" in pages[0] and question not in pages[0]
    assert question in pages[1]
