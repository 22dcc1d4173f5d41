"""Plain text and Markdown renderers (no terminal escape codes)."""

from __future__ import annotations

import textwrap

from hipcheck.core.assessment import Assessment
from hipcheck.knowledge import KnowledgeBase
from hipcheck.render.return_to_run_render import HEADING as RUN_HEADING
from hipcheck.render.summary import (
    ANSWERS_HEADING,
    CAUSES_HEADING,
    LEVEL_LABEL,
    LOAD_HEADING,
    NO_CAUSE,
    NOTES_HEADING,
    NOW_HEADING,
    SEE_DOCTOR_HEADING,
    SOURCES_HEADING,
    UNANSWERED_HEADING,
    Summary,
    against,
    summarise,
    why,
)


def _wrap(text: str, indent: str = "", width: int = 78, first: str | None = None) -> str:
    return textwrap.fill(
        text,
        width=width,
        initial_indent=first if first is not None else indent,
        subsequent_indent=indent,
        break_on_hyphens=False,
    )


def _section(title: str, lines: tuple[str, ...], width: int, note: str = "") -> list[str]:
    """A titled list of bullets, then `note`, or nothing when there are no lines."""
    if not lines:
        return []
    return [
        _wrap(title.upper(), "", width),
        *(_wrap(line, "    ", width, "  - ") for line in lines),
        *([_wrap(note, "  ", width)] if note else []),
        "",
    ]


def _causes_text(s: Summary, width: int) -> list[str]:
    if s.level == "emergency":  # only what to do now: the causes the triage names
        if not s.causes:
            return []
        names = ", ".join(c.name for c in s.causes)
        return [_wrap(f"Possible causes to rule out: {names}.", "  ", width), ""]
    if s.no_cause:
        return [_wrap(CAUSES_HEADING.upper(), "", width), _wrap(NO_CAUSE, "  ", width), ""]
    out = [_wrap(CAUSES_HEADING.upper(), "", width)]
    if s.no_fit:
        out.append(_wrap(s.no_fit, "  ", width))
    for i, c in enumerate(s.causes, 1):
        pad = " " * len(f"{i}. ")  # "10." is one wider (stop 41: --top 10)
        out.append(_wrap(f"{i}. {c.name}: {c.likelihood}", pad, width, ""))
        out.append(_wrap(f"Why: {why(c)}", pad + "  ", width, pad))
        if c.against:
            out.append(_wrap(f"Against: {against(c)}", pad + "  ", width, pad))
    if s.origins:
        out.append(_wrap("Answers from other sources: " + "; ".join(s.origins), "  ", width))
    return [*out, ""]


def _plan_text(s: Summary, width: int) -> list[str]:
    out = ["YOUR PLAN", _wrap(f"Running: {s.running}", "    ", width, "  ")]
    if s.pain_rule:
        out.append(_wrap(s.pain_rule, "    ", width, "  "))
    if s.until_seen:
        out.append("  Until you have been seen:")
        out += [_wrap(step, "      ", width, "    - ") for step in s.until_seen]
    for care in s.care:
        out.append(f"  {care.name}:")
        out += [_wrap(step, "      ", width, "    - ") for step in care.steps]
    if s.pain_relief:
        out.append(_wrap(s.pain_relief, "    ", width, "  "))
    if s.exercises:
        out.append("  Exercises (follow the pain rule):")
    for ex in s.exercises:
        out.append(_wrap(f"{ex.name}: {ex.purpose} {ex.dose}", "      ", width, "  * "))
        if ex.caution:  # who should skip it: beside the steps, not one of them
            out.append(_wrap(f"Caution: {ex.caution}", "         ", width, "      "))
        for n, step in enumerate(ex.steps, 1):
            out.append(_wrap(step, "         ", width, f"      {n}. "))
    if s.exercises_withheld:
        out.append(_wrap(s.exercises_withheld, "  ", width))
    return [*out, ""]


def render_text(a: Assessment, kb: KnowledgeBase, top: int = 3, width: int = 78) -> str:
    s = summarise(a, kb, top)
    out: list[str] = ["hipcheck summary", "=" * 16]
    add = out.append
    if s.created:
        add(f"Made {s.created}")
    add("")
    add(_wrap(f"TRIAGE: {LEVEL_LABEL[s.level]} - {s.title}", width=width))
    for r in s.reasons:
        add(_wrap(r, "    ", width, "  - "))
    add(_wrap(s.advice, "  ", width))
    for adv in s.emergency_advice:
        add(_wrap(adv, "  ", width))
    add("")
    out += _section(UNANSWERED_HEADING, s.safety_unanswered, width, s.unanswered_note)
    out += _section(NOTES_HEADING, s.notes, width)
    out += _causes_text(s, width)
    out += _section(LOAD_HEADING, s.load, width)
    out += _plan_text(s, width)
    out += _section(RUN_HEADING, s.return_to_run, width)
    out += _section(SEE_DOCTOR_HEADING, s.doctor_lines(), width)  # none at emergency
    out += _section(ANSWERS_HEADING, tuple(f"{q}: {v}" for q, v in s.answers), width)
    out += _section(SOURCES_HEADING, s.references, width)
    add(_wrap(s.disclaimer, "", width))
    add(f"(knowledge file version {s.kb_version})")
    if s.now:  # a short recap at the end, where the eye lands
        add("")
        out += _section(NOW_HEADING, s.now, width)
    return "\n".join(out).rstrip("\n") + "\n"


def _md(text: str) -> str:
    for ch in ("\\", "*", "_", "`", "[", "]", "|", "<"):  # ">" and "#" matter only first on a line
        text = text.replace(ch, "\\" + ch)
    return text


def _md_section(title: str, lines: tuple[str, ...], note: str = "") -> list[str]:
    if not lines:
        return []
    return [
        f"## {title}",
        "",
        *(f"- {_md(line)}" for line in lines),
        "",
        *([_md(note), ""] if note else []),
    ]


def render_markdown(a: Assessment, kb: KnowledgeBase, top: int = 3) -> str:
    s: Summary = summarise(a, kb, top)
    out: list[str] = ["# hipcheck summary", ""]
    if s.created:
        out += [f"_Made {_md(s.created)}._", ""]
    out += _md_triage(s)
    out += _md_section(UNANSWERED_HEADING, s.safety_unanswered, s.unanswered_note)
    out += _md_section(NOTES_HEADING, s.notes)
    out += _md_causes(s)
    out += _md_section(LOAD_HEADING, s.load)
    out += _md_plan(s)
    out += _md_section(RUN_HEADING, s.return_to_run)
    out += _md_section(SEE_DOCTOR_HEADING, s.doctor_lines())
    out += _md_section(ANSWERS_HEADING, tuple(f"{q}: {v}" for q, v in s.answers))
    out += _md_section(SOURCES_HEADING, s.references)
    out += [f"> {_md(s.disclaimer)}", "", f"_Knowledge file version {_md(s.kb_version)}._"]
    if s.now:
        out.append("")
        out += _md_section(NOW_HEADING, s.now)
    return "\n".join(out).rstrip("\n") + "\n"


def _md_triage(s: Summary) -> list[str]:
    out = [f"## Triage: {LEVEL_LABEL[s.level]} - {_md(s.title)}", ""]
    out += [f"- {_md(r)}" for r in s.reasons]
    out += ["", _md(s.advice)]
    for adv in s.emergency_advice:
        out += ["", f"**{_md(adv)}**"]
    return [*out, ""]


def _md_causes(s: Summary) -> list[str]:
    if s.level == "emergency":
        if not s.causes:
            return []
        return [_md(f"Possible causes to rule out: {', '.join(c.name for c in s.causes)}."), ""]
    if s.no_cause:
        return [f"## {CAUSES_HEADING}", "", _md(NO_CAUSE), ""]
    out = [f"## {CAUSES_HEADING}", ""]
    if s.no_fit:
        out += [f"**{_md(s.no_fit)}**", ""]
    # "Against" as the text summary gives it (a new user: the Markdown lost
    # "against: pain at the front of the thigh" under a groin strain)
    out += ["| # | Possible cause | Likelihood | Why | Against |", "|---|---|---|---|---|"]
    out += [
        f"| {i} | {_md(c.name)} | {_md(c.likelihood)} | {_md(why(c))} | {_md(against(c))} |"
        for i, c in enumerate(s.causes, 1)
    ]
    if s.origins:
        out += ["", "Answers from other sources: " + _md("; ".join(s.origins))]
    return [*out, ""]


def _md_plan(s: Summary) -> list[str]:
    out = ["## Your plan", "", f"**Running:** {_md(s.running)}"]
    if s.pain_rule:
        out += ["", _md(s.pain_rule)]
    if s.until_seen:
        out += ["", "Until you have been seen:", ""]
        out += [f"- {_md(step)}" for step in s.until_seen]
    for care in s.care:
        out += ["", f"### {_md(care.name)}", ""]
        out += [f"- {_md(step)}" for step in care.steps]
    if s.pain_relief:
        out += ["", _md(s.pain_relief)]
    if s.exercises:
        out += ["", "### Exercises", "", "Follow the pain rule."]
    for ex in s.exercises:
        out += ["", f"**{_md(ex.name)}**: {_md(ex.purpose)} {_md(ex.dose)}", ""]
        if ex.caution:
            out += [f"_Caution: {_md(ex.caution)}_", ""]
        out += [f"{n}. {_md(step)}" for n, step in enumerate(ex.steps, 1)]
    if s.exercises_withheld:
        out += ["", _md(s.exercises_withheld)]
    return [*out, ""]
