"""Render the knowledge file itself: the conditions table, one condition in
full (`explain`), and the question vocabulary (`questions`)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from hipcheck.knowledge import KnowledgeBase
from hipcheck.knowledge.answer_types import NONE_OF_THESE

if TYPE_CHECKING:
    from rich.console import Console


def _flag(q_id: str, flags: frozenset[str] | None) -> str | None:
    """The `check` flag of a question, or None when `check` has none (a
    question added in a --kb file: answer it with -d ID=VALUE)."""
    return "--" + q_id.replace("_", "-") if flags is None or q_id in flags else None


def _when(when: Any) -> Any:
    """A `when` table as JSON data (its Match tables without empty fields)."""
    return json.loads(
        json.dumps(
            when,
            default=lambda m: {
                k: v for k, v in ((f, getattr(m, f)) for f in m.__struct_fields__) if v is not None
            },
        )
    )


def _value(c: Any) -> dict[str, Any]:
    item: dict[str, Any] = {"id": c.id, "label": c.label}
    if c.offer_if:
        item["offer_if"] = _when(c.offer_if)  # offered only to those it can apply to
    return item


def questions_dict(kb: KnowledgeBase, flags: frozenset[str] | None = None) -> dict[str, Any]:
    out = []
    for q in kb.questions:
        item: dict[str, Any] = {
            "id": q.id,
            "kind": q.kind,
            "prompt": q.prompt,
            "help": q.help,
            "section": q.section,
            "flag": _flag(q.id, flags),
        }
        if q.kind == "number":
            item["min"], item["max"] = q.min, q.max
        elif q.kind != "yes_no":
            item["values"] = [_value(c) for c in q.choices]
        if q.ask_if:  # a table, or a list of tables of which any may hold
            item["ask_if"] = (
                [_when(w) for w in q.ask_if] if isinstance(q.ask_if, tuple) else _when(q.ask_if)
            )
        if q.red_flag:
            item["red_flag"] = True
        out.append(item)
    return {"knowledge_version": kb.version, "questions": out}


def questions_text(
    kb: KnowledgeBase, flags: frozenset[str] | None = None, unicode: bool = True
) -> str:
    """`unicode`: draw the body map with box-drawing lines (else ASCII)."""
    from hipcheck.render.body_map import body_map

    lines = []
    for q in kb.questions:
        flag = _flag(q.id, flags) or f"-d {q.id}=VALUE"
        if q.kind == "yes_no" and flag.startswith("--"):
            flag = f"{flag} / --no-{q.id.replace('_', '-')}"
            allowed = "yes/no"
        elif q.kind == "number":
            allowed = f"number {q.min:g}-{q.max:g}"
        else:
            many = "one or more of" if q.kind == "several" else "one of"
            offered = [c.id for c in q.choices if c.offer]
            older = [c.id for c in q.choices if not c.offer]  # still read, no longer offered
            none = f", or {NONE_OF_THESE}" if q.kind == "several" else ""
            allowed = f"{many}: {', '.join(offered)}{none}"
            if older:
                allowed += f" (still read, from earlier versions: {', '.join(older)})"
        lines.append(f"{q.id}  ({flag})")
        lines.append(f"    {q.prompt}")
        lines.append(f"    {allowed}")
        if q.id == "location":
            lines.append(body_map(q, unicode=unicode, ids=True).rstrip("\n"))
    return "\n".join(lines) + "\n"


def conditions_dict(kb: KnowledgeBase) -> dict[str, object]:
    """The conditions as data: `hipcheck conditions --format json`."""
    total = sum(c.prior for c in kb.conditions)
    return {
        "version": kb.version,
        "conditions": [
            {
                "id": c.id,
                "name": c.name,
                "prior_share": round(c.prior / total, 4),
                "summary": c.summary,
            }
            for c in kb.conditions
        ],
    }


def print_conditions(kb: KnowledgeBase, con: Console) -> None:
    from rich.table import Table

    from hipcheck.knowledge import default_path

    where = "the built-in knowledge file" if kb.path == str(default_path()) else str(kb.path)
    if con.width < 60:  # the table cut names to "Ili…" at 40 columns (stop 41)
        con.print(f"Conditions in {where} (version {kb.version})", style="italic")
        for c in kb.conditions:
            _item(con, "-", f"{c.id}: {c.name}. {c.summary}")
        return
    table = Table(title=f"Conditions in {where} (version {kb.version})", title_justify="left")
    table.add_column("id", no_wrap=True)
    table.add_column("name")
    table.add_column("summary")
    for c in kb.conditions:  # the starting shares are in --format json (prior_share)
        table.add_row(c.id, c.name, c.summary)
    con.print(table)


def _item(con: Console, marker: str, text: str, indent: int = 1) -> None:
    """One list item whose wrapped lines stay under its text, not at column 0."""
    import textwrap

    from rich.text import Text

    first = " " * indent + (marker + " " if marker else "")
    lines = textwrap.wrap(
        text,
        max(20, con.width - 1),
        initial_indent=first,
        subsequent_indent=" " * len(first),
        break_on_hyphens=False,  # a link broke at its hyphen (stop 41), and
        break_long_words=False,  # then inside it: a link stays whole
    )
    con.print(Text("\n".join(lines)), soft_wrap=True)


def print_explain(kb: KnowledgeBase, cid: str, con: Console) -> None:
    from rich.markup import escape
    from rich.panel import Panel

    c = kb.condition_by_id[cid]
    con.print(Panel(escape(c.summary), title=f"{escape(c.name)} ({c.id})", title_align="left"))
    con.print(f"[bold]How it typically feels[/bold]\n{escape(c.feels_like)}\n")
    con.print("[bold]Self-care[/bold]")
    for s in c.self_care:  # every line, those for some runners only too
        _item(con, "-", s if isinstance(s, str) else s.text)
    if c.exercises:
        con.print(f"\n[bold]Exercises[/bold]\n{escape(kb.plan.pain_rule)}")
    for eid in c.exercises:
        ex = kb.exercise_by_id[eid]
        _item(con, "", f"{ex.name}: {ex.purpose} {ex.dose}")
        if ex.caution:  # who should skip it: beside the steps, not one of them
            _item(con, "", f"Caution: {ex.caution}", indent=4)
        for n, step in enumerate(ex.steps, 1):
            _item(con, f"{n}.", step, indent=4)
    con.print("\n[bold]Prevention[/bold]")
    for s in c.prevention:
        _item(con, "-", s)
    con.print("\n[bold]When to see a doctor[/bold]")
    for line in c.see_doctor:
        _item(con, "-", line if isinstance(line, str) else line.said([s.text for s in line.signs]))
    con.print("\n[bold]Sources[/bold]")
    for s in c.sources:
        _item(con, "-", kb.sources[s].full)
    con.print(f"\n[italic dim]{escape(kb.disclaimer)}[/italic dim]")
