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
    lines += [""] + [escape(t) for t in emergency_advice(a.triage)]
    lines += ["", escape(info.advice)]
    return [
        Panel("\n".join(lines), title="EMERGENCY", border_style="bold red", style="bold"),
        f"[italic dim]{escape(kb.disclaimer)}[/italic dim]",
    ]
