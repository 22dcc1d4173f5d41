"""Renderers: the Rich summary at 80 and 40 columns, and what each shows."""

from __future__ import annotations

import io
from typing import Any

import pytest
from rich.console import Console

from hipcheck.core.assessment import assess
from hipcheck.knowledge import KnowledgeBase
from hipcheck.render.rich_render import print_summary
from hipcheck.render.text_render import render_markdown, render_text

from .answer_sets import GLUTEAL

GT = GLUTEAL


def rich_text(kb: KnowledgeBase, answers: dict[str, Any], width: int, **kw: Any) -> str:
    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=True, color_system="standard", **kw)
    print_summary(assess(kb, answers), kb, console)
    return buf.getvalue()


@pytest.mark.parametrize("width", [80, 40])
def test_rich_summary_fits_and_says_everything(kb: KnowledgeBase, width: int) -> None:
    out = rich_text(kb, GT, width)
    import re

    text = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert all(len(line) <= width for line in text.splitlines())
    flat = " ".join(text.split())
    for part in (
        "ROUTINE",
        "Gluteal tendinopathy",
        "Why:" if width < 70 else "Why",
        "Your plan",
        "Running:",
        "Pain rule",
        "Knees-out hold",
        "When to see a doctor",
        "not a diagnosis",
    ):
        assert part in flat, part
    assert "\x1b[" in out  # coloured on a colour terminal


def test_no_color_and_ascii_fallback(kb: KnowledgeBase) -> None:
    """NO_COLOR: no colour codes; a non-UTF-8 terminal (LANG=C): ASCII bars and boxes."""
    import re

    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="ascii", errors="strict")
    console = Console(file=stream, width=80, force_terminal=True, no_color=True)
    print_summary(assess(kb, GT), kb, console)
    stream.flush()
    out = raw.getvalue().decode("ascii")  # would fail on any non-ASCII character
    assert not re.search(r"\x1b\[(?:[0-9;]*;)?(?:3[0-8]|9[0-7])m", out)
    assert "#" in out and "ROUTINE" in out


def test_emergency_shows_what_to_do_and_no_exercises(kb: KnowledgeBase) -> None:
    a = assess(kb, {**GT, "cannot_bear_weight": True})
    text = render_text(a, kb)
    assert "TRIAGE: EMERGENCY - Go to emergency care now" in text
    assert "Do not try to walk on it" in text
    assert "SELF-CARE" not in text and "Clamshells" not in text


def test_urgent_withholds_exercises(kb: KnowledgeBase) -> None:
    text = render_text(assess(kb, {**GT, "injury": True}), kb)
    assert "Exercises are left out until a clinician has seen you." in text
    assert "Clamshells" not in text


def test_markdown_escapes_and_lists(kb: KnowledgeBase) -> None:
    md = render_markdown(assess(kb, GT), kb)
    assert "### Exercises" in md and "1. Lie on your" in md
    assert "\x1b" not in md


def test_why_names_the_answers(kb: KnowledgeBase) -> None:
    text = render_text(assess(kb, GT), kb)
    assert "Why: pain on the outer hip; worse standing on one leg" in text
    assert "(x" not in text and "%" not in text  # no ratio codes, no diagnosis-like odds
    assert "more likely" in text


def test_the_emergency_panel_says_go_now_once(kb: KnowledgeBase) -> None:
    """Issue 12: the questionnaire's emergency panel said "go now" twice."""
    from rich.console import Console

    from hipcheck.core.assessment import assess
    from hipcheck.render.emergency import emergency_panel

    for flag in ("deformity", "cannot_bear_weight", "fever", "saddle_numbness"):
        con = Console(record=True, width=80, file=io.StringIO())
        for part in emergency_panel(kb, assess(kb, {flag: True})):
            con.print(part)
        text = " ".join(con.export_text().replace("│", " ").split())
        assert text.count("emergency department now") + text.count("emergency care now") <= 2
        assert text.count("go to an emergency department now") <= 1, flag


def test_every_emergency_page_says_get_someone_to_take_you_once(kb: KnowledgeBase) -> None:
    """UX review N8: a rule's advice and the level's step both said "Get
    someone to take you"; each format (panel, text, Markdown, HTML) says it once."""
    import re

    from rich.console import Console

    from hipcheck.render.emergency import emergency_panel
    from hipcheck.render.report_html import page

    for flag in ("deformity", "cannot_bear_weight", "fever", "saddle_numbness"):
        a = assess(kb, {flag: True})
        con = Console(record=True, width=80, file=io.StringIO())
        for part in emergency_panel(kb, a):
            con.print(part)
        html = re.sub(r"<[^>]+>", " ", page(kb, a).split("</style>", 1)[1])
        for name, out in (
            ("panel", con.export_text().replace("│", " ")),
            ("text", render_text(a, kb)),
            ("markdown", render_markdown(a, kb)),
            ("html", html),
        ):
            flat = " ".join(out.split()).lower()
            assert flat.count("someone to take you") == 1, (flag, name)
            assert "emergency number" in flat and "do not drive" in flat, (flag, name)
    text = " ".join(render_text(assess(kb, {"cannot_bear_weight": True}), kb).split())
    assert "Do not try to walk on it" in text


def test_an_exercise_warning_is_a_caution_not_step_one(kb: KnowledgeBase, run: Any) -> None:
    """UX review N18: step 1 of the figure-four stretch was "Skip this
    stretch if ...". A warning is the exercise's caution, shown with it in
    every format (plan, Markdown, terminal, explain), and no step is one."""
    import dataclasses

    from hipcheck.render.rich_render import _plan
    from hipcheck.render.summary import summarise
    from hipcheck.render.text_render import _md_plan, _plan_text

    for ex in kb.exercises:
        assert not any(s.lower().startswith(("skip", "do not do", "avoid this")) for s in ex.steps)
    four = kb.exercise_by_id["figure_four_stretch"]
    assert four.caution.startswith("Skip this stretch if your pain is on the outer hip")
    s = dataclasses.replace(summarise(assess(kb, GT), kb), exercises=(four,))
    con = Console(record=True, width=80, file=io.StringIO())
    con.print(_plan(s, "-"))
    for out in ("\n".join(_plan_text(s, 78)), "\n".join(_md_plan(s)), con.export_text(),
                run("explain", "piriformis_syndrome").out):  # fmt: skip
        flat = " ".join(out.replace("│", " ").split())
        assert "Caution: Skip this stretch if your pain is on the outer hip" in flat, out
        assert "1. Lie on your back with both knees bent and feet flat." in flat, out


def test_markdown_causes_say_what_speaks_against_them(kb: KnowledgeBase) -> None:
    """A new user's reading (stop 34): the text summary gave each cause's
    "Against" line, the Markdown table dropped it (a groin strain "more
    likely" for a bruise at the front of the thigh lost "pain at the front of
    the thigh" against it)."""
    from hipcheck.core.answers import parse_answers

    answers = {"injury": True, "location": ["front_thigh"], "symptoms": ["bruising"],
               "onset": "sudden", "duration": "under_1_week", "age": 25}  # fmt: skip
    a = assess(kb, parse_answers(kb, answers))
    md = render_markdown(a, kb)
    assert "| # | Possible cause | Likelihood | Why | Against |" in md
    row = next(line for line in md.splitlines() if line.startswith("| 1 |"))
    against = row.rsplit("|", 2)[1].strip()
    assert row.count("|") == 6 and against
    # the same words as the text summary's "Against:" line for that cause
    assert f"Against: {against}" in " ".join(render_text(a, kb).split())
