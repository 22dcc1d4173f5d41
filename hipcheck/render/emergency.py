"""The emergency view: shown at once when an answer calls for emergency care."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape

from hipcheck.core.assessment import Assessment
from hipcheck.core.triage import emergency_advice
from hipcheck.knowledge import KnowledgeBase

if TYPE_CHECKING:
    from rich.console import RenderableType


def emergency_panel(kb: KnowledgeBase, a: Assessment) -> list[RenderableType]:
    """The red panel (what was answered, what to do) and the disclaimer."""
    from rich.panel import Panel

    info = kb.levels["emergency"]
    lines = [f"[bold]{escape(info.title)}[/bold]", ""]
    now = [r.text for r in a.triage.reasons if r.level == "emergency"]
    lines += [f"- {escape(t)}" for t in dict.fromkeys(now)]
    # What to do, said once: the fired rules' own advice when they have it
    # (it already says "go now"), else the level's; then the level's steps.
    advice = list(dict.fromkeys(emergency_advice(a.triage))) or [info.advice]
    lines += [""] + [escape(t) for t in advice]
    lines += [""] + [f"- {escape(step)}" for step in info.steps]
    return [
        Panel("\n".join(lines), title="EMERGENCY", border_style="bold red", style="bold"),
        f"[italic dim]{escape(kb.disclaimer)}[/italic dim]",
    ]
