"""The Rich summary for terminals. Imported only when Rich output is wanted."""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from hipcheck.core.assessment import Assessment
from hipcheck.knowledge import KnowledgeBase
from hipcheck.render.return_to_run_render import HEADING as RUN_HEADING
from hipcheck.render.summary import (
    CAUSES_HEADING,
    LEVEL_LABEL,
    LOAD_HEADING,
    NO_CAUSE,
    NOTES_HEADING,
    NOW_HEADING,
    SEE_DOCTOR_HEADING,
    SOURCES_HEADING,
    UNANSWERED_HEADING,
    Cause,
    Summary,
    against,
    summarise,
    why,
)

STYLE = {
    "emergency": "bold white on red",
    "urgent": "bold red",
    "routine": "bold yellow",
    "self_care": "bold green",
}
#: Below this many columns the causes are listed, not tabulated.
NARROW = 70
BORDER = {"emergency": "red", "urgent": "red", "routine": "yellow", "self_care": "green"}


def _unicode_ok(console: Console) -> bool:
    return "utf" in (console.encoding or "").lower()


def _list(items: list[tuple[str, Text | str]], indent: int = 1) -> Table:
    """Bullets or numbers with a hanging indent.

    Every string from the knowledge file or the answers becomes a `Text`, so
    a `[/]` in it is shown as written, never read as markup (review F12)."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, justify="right", min_width=indent)
    grid.add_column()
    for marker, item in items:  # plain strings are text, never Rich markup
        grid.add_row(marker, Text(item) if isinstance(item, str) else item)
    return grid


def renderables(
    a: Assessment, kb: KnowledgeBase, console: Console, top: int = 3
) -> list[RenderableType]:
    s = summarise(a, kb, top)
    bullet = "•" if _unicode_ok(console) else "-"
    out = _triage(s, bullet)
    out += _causes(s, console)
    if s.origins and s.level != "emergency":
        out.append(Text("Answers from other sources: " + "; ".join(s.origins), style="dim"))
    if s.load:
        out.append(
            Panel(
                _list([(bullet, line) for line in s.load]), title=LOAD_HEADING, title_align="left"
            )
        )
    out.append(_plan(s, bullet))
    if s.return_to_run:
        run = _list([(bullet, line) for line in s.return_to_run])
        out.append(Panel(run, title=RUN_HEADING, title_align="left", border_style="blue"))
    return out + _closing(s, bullet)


def _triage(s: Summary, bullet: str) -> list[RenderableType]:
    """The triage panel, the safety questions left unanswered, the notes."""
    banner: list[RenderableType] = [
        Text(f"{LEVEL_LABEL[s.level]}: {s.title}", style=STYLE[s.level])
    ]
    banner.append(_list([(bullet, r) for r in s.reasons]))
    banner.append(Text(s.advice))
    banner += [Text(adv, style="bold") for adv in s.emergency_advice]
    out: list[RenderableType] = [
        Panel(Group(*banner), title="Triage", border_style=BORDER[s.level], title_align="left")
    ]
    if s.safety_unanswered:
        out.append(
            Panel(
                Group(_list([(bullet, q) for q in s.safety_unanswered]), Text(s.unanswered_note)),
                title=UNANSWERED_HEADING,
                title_align="left",
                border_style="yellow",
            )
        )
    if s.notes:
        out.append(
            Panel(_list([(bullet, n) for n in s.notes]), title=NOTES_HEADING, title_align="left")
        )
    return out


def _causes(s: Summary, console: Console) -> list[RenderableType]:
    """The possible causes: a table, one under another on a narrow
    terminal, a line on an emergency page, or that none fits."""
    out: list[RenderableType] = []
    if s.no_fit and s.level != "emergency" and not s.no_cause:
        out.append(Text(s.no_fit, style="bold"))
    if s.level == "emergency":
        if s.causes:
            names = ", ".join(c.name for c in s.causes)
            out.append(Text(f"Possible causes to rule out: {names}.", style="italic"))
    elif s.no_cause:
        out.append(Panel(Text(NO_CAUSE), title=CAUSES_HEADING, title_align="left"))
    elif console.width >= NARROW:
        table = Table(title=CAUSES_HEADING, title_justify="left", expand=True)
        table.add_column("#", justify="right", no_wrap=True)
        table.add_column("Possible cause", ratio=2)
        table.add_column("Likelihood", no_wrap=True)
        table.add_column("Why", ratio=3)
        for i, c in enumerate(s.causes, 1):
            table.add_row(str(i), Text(c.name), Text(c.likelihood, style="bold"), _why(c))
        out.append(table)
    else:  # narrow terminals: one cause under another
        out.append(Text(CAUSES_HEADING, style="italic"))
        for i, c in enumerate(s.causes, 1):
            head = Text()
            head.append(c.name, style="bold")
            head.append(f"\n{c.likelihood}")
            head.append("\nWhy: ")
            head.append(_why(c))
            out.append(_list([(f"{i}.", head)]))
    return out


def _why(c: Cause) -> Text:
    """The answers for a cause and, below, those against, as every file
    format gives them (the terminal gave three and none against: stop 41)."""
    text = Text(why(c))
    if c.against:
        text.append(f"\nAgainst: {against(c)}", style="dim")
    return text


def _plan(s: Summary, bullet: str) -> RenderableType:
    """The one plan: running, the pain rule, until seen, care, pain relief, exercises."""
    parts: list[RenderableType] = [Text.assemble(("Running: ", "bold"), s.running)]
    if s.pain_rule:
        parts.append(Text(s.pain_rule))
    if s.until_seen:
        parts.append(Text("Until you have been seen", style="bold"))
        parts.append(_list([(bullet, step) for step in s.until_seen]))
    for care in s.care:
        parts.append(Text(care.name, style="bold"))
        parts.append(_list([(bullet, step) for step in care.steps]))
    if s.pain_relief:
        parts.append(Text(s.pain_relief))
    if s.exercises:
        parts.append(Text("Exercises (follow the pain rule)", style="bold"))
    for ex in s.exercises:
        t = Text()
        t.append(ex.name, style="bold cyan")
        t.append(f": {ex.purpose} {ex.dose}")
        parts.append(_list([(bullet, t)]))
        if ex.caution:  # who should skip it: beside the steps, not one of them
            parts.append(_list([("", Text(f"Caution: {ex.caution}", style="italic"))], 4))
        parts.append(_list([(f"{n}.", step) for n, step in enumerate(ex.steps, 1)], 4))
    if s.exercises_withheld:
        parts.append(Text(s.exercises_withheld, style="italic"))
    return Panel(Group(*parts), title="Your plan", title_align="left", border_style="blue")


def _closing(s: Summary, bullet: str) -> list[RenderableType]:
    """When to see a doctor, the sources, the disclaimer and the recap."""
    out: list[RenderableType] = []
    lines = s.doctor_lines()  # none at emergency: the triage panel says go now
    if lines:
        doctor: list[tuple[str, Text | str]] = [(bullet, Text(lines[0], style=STYLE[s.level]))]
        doctor += [(bullet, line) for line in lines[1:]]
        out.append(Panel(_list(doctor), title=SEE_DOCTOR_HEADING, title_align="left"))
    if s.sources:
        out.append(Text(f"{SOURCES_HEADING}: " + "; ".join(s.sources), style="dim"))
    out.append(Text(s.disclaimer, style="italic dim"))
    if s.now:  # a short recap, on screen when the last prompts appear
        now: list[tuple[str, Text | str]] = [(bullet, Text(s.now[0], style=STYLE[s.level]))]
        for line in s.now[1:]:
            label, sep, rest = line.partition(": ")
            styled: Text | str = line
            if label == "Running":
                styled = Text.assemble((label + sep, "bold"), rest)
            now.append((bullet, styled))
        out.append(
            Panel(_list(now), title=NOW_HEADING, title_align="left", border_style=BORDER[s.level])
        )
    return out


def print_summary(a: Assessment, kb: KnowledgeBase, console: Console, top: int = 3) -> None:
    for r in renderables(a, kb, console, top):
        console.print(r)
