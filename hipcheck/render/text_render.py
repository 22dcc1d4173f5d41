"""Plain text and Markdown renderers (no terminal escape codes)."""

from __future__ import annotations

import textwrap

from ..assessment import Assessment
from ..knowledge import KnowledgeBase
from .summary import CAUSES_HEADING, LOAD_HEADING, NOTES_HEADING, Summary, summarise, why

LEVEL_LABEL = {
    "emergency": "EMERGENCY",
    "urgent": "URGENT",
    "routine": "ROUTINE",
    "self_care": "SELF-CARE",
}


def _wrap(text: str, indent: str = "", width: int = 78, first: str | None = None) -> str:
    return textwrap.fill(
        text,
        width=width,
        initial_indent=first if first is not None else indent,
        subsequent_indent=indent,
        break_on_hyphens=False,
    )


def bar(score: float, width: int = 20, full: str = "#", empty: str = ".") -> str:
    filled = round(score * width)
    return full * filled + empty * (width - filled)


def _section(title: str, lines: tuple[str, ...], width: int) -> list[str]:
    """A titled list of bullets, or nothing when there are no lines."""
    if not lines:
        return []
    return [title.upper(), *(_wrap(line, "    ", width, "  - ") for line in lines), ""]


def render_text(a: Assessment, kb: KnowledgeBase, top: int = 3, width: int = 78) -> str:
    s = summarise(a, kb, top)
    out: list[str] = []
    add = out.append
    add("hipcheck summary")
    add("=" * 16)
    add("")
    add(_wrap(f"TRIAGE: {LEVEL_LABEL[s.level]} - {s.title}", width=width))
    for r in s.reasons:
        add(_wrap(r, "    ", width, "  - "))
    add(_wrap(s.advice, "  ", width))
    for adv in s.emergency_advice:
        add(_wrap(adv, "  ", width))
    add("")
    out += _section(NOTES_HEADING, s.notes, width)
    add(CAUSES_HEADING.upper())
    for i, c in enumerate(s.causes, 1):
        add(f"{i}. {c.name}  {c.score:4.0%} [{bar(c.score)}]")
        add(_wrap(f"Why: {why(c)}", "     ", width, "   "))
        if c.evidence_against:
            against = "; ".join(e.text for e in c.evidence_against[:3])
            add(_wrap(f"Against: {against}", "     ", width, "   "))
    if s.origins:
        add(_wrap("Answers from other sources: " + "; ".join(s.origins), "  ", width))
    add("")
    out += _section(LOAD_HEADING, s.load, width)
    if s.care:
        add("SELF-CARE")
        for care in s.care:
            add(f"{care.condition}:")
            for step in care.steps:
                add(_wrap(step, "    ", width, "  - "))
        if s.exercises:
            add("Exercises (stop if pain rises above 3 out of 10):")
        for ex in s.exercises:
            add(_wrap(f"{ex.name}: {ex.purpose} {ex.dose}", "      ", width, "  * "))
            for n, step in enumerate(ex.steps, 1):
                add(_wrap(step, "         ", width, f"      {n}. "))
        if s.exercises_withheld:
            add(_wrap(s.exercises_withheld, "  ", width))
        add("")
    add("WHEN TO SEE A DOCTOR")
    add(_wrap(s.title + ".", "    ", width, "  - "))
    for line in s.see_doctor:
        add(_wrap(line, "    ", width, "  - "))
    add("")
    add(_wrap(s.disclaimer, "", width))
    add(f"(knowledge file version {s.kb_version})")
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    for ch in ("\\", "*", "_", "`", "[", "]", "|", "<"):  # ">" and "#" matter only first on a line
        text = text.replace(ch, "\\" + ch)
    return text


def _md_section(title: str, lines: tuple[str, ...]) -> list[str]:
    if not lines:
        return []
    return [f"## {title}", "", *(f"- {_md(line)}" for line in lines), ""]


def render_markdown(a: Assessment, kb: KnowledgeBase, top: int = 3) -> str:
    s: Summary = summarise(a, kb, top)
    out: list[str] = ["# hipcheck summary", ""]
    add = out.append
    add(f"## Triage: {LEVEL_LABEL[s.level]} - {_md(s.title)}")
    add("")
    for r in s.reasons:
        add(f"- {_md(r)}")
    add("")
    add(_md(s.advice))
    for adv in s.emergency_advice:
        add("")
        add(f"**{_md(adv)}**")
    add("")
    out += _md_section(NOTES_HEADING, s.notes)
    add(f"## {CAUSES_HEADING}")
    add("")
    add("| # | Possible cause | Score | Why |")
    add("|---|---|---|---|")
    for i, c in enumerate(s.causes, 1):
        add(f"| {i} | {_md(c.name)} | {c.score:.0%} | {_md(why(c))} |")
    if s.origins:
        add("")
        add("Answers from other sources: " + _md("; ".join(s.origins)))
    add("")
    out += _md_section(LOAD_HEADING, s.load)
    if s.care:
        add("## Self-care")
        for care in s.care:
            add("")
            add(f"### {_md(care.condition)}")
            add("")
            for step in care.steps:
                add(f"- {_md(step)}")
        if s.exercises:
            add("")
            add("### Exercises")
            add("")
            add("Stop if pain rises above 3 out of 10.")
        for ex in s.exercises:
            add("")
            add(f"**{_md(ex.name)}**: {_md(ex.purpose)} {_md(ex.dose)}")
            add("")
            for n, step in enumerate(ex.steps, 1):
                add(f"{n}. {_md(step)}")
        if s.exercises_withheld:
            add("")
            add(_md(s.exercises_withheld))
        add("")
    add("## When to see a doctor")
    add("")
    add(f"- {_md(s.title)}.")
    for line in s.see_doctor:
        add(f"- {_md(line)}")
    add("")
    add(f"> {_md(s.disclaimer)}")
    add("")
    add(f"_Knowledge file version {_md(s.kb_version)}._")
    return "\n".join(out) + "\n"
