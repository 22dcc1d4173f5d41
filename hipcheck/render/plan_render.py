"""`hipcheck plan` output: the return-to-running plan with its current stage,
the decision and why, every stage of the ladder, and how to add volume."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hipcheck.core.assessment import JSON_SCHEMA_VERSION, Assessment
from hipcheck.core.triage import level_advice, level_title
from hipcheck.knowledge import KnowledgeBase
from hipcheck.render.return_to_run_render import (
    data_text,
    decision_text,
    ladder_sources,
    left_out_lines,
    missing_text,
    reason_text,
    target_lines,
    volume_lines,
)
from hipcheck.render.return_to_run_render import (
    to_dict as run_dict,
)
from hipcheck.render.summary import LEVEL_LABEL

TITLE = "hipcheck return-to-running plan"


@dataclass(frozen=True)
class PlanView:
    """The plan in words, shared by the text and Markdown layouts."""

    origin: str
    level: str
    title: str
    running: str
    #: "Stage 3 of 7: ..." (empty without stages).
    stage: str
    decision: str
    do: tuple[str, ...]
    next_entry: tuple[str, ...]
    note: str
    target: tuple[str, ...]
    ladder: tuple[tuple[str, bool], ...]
    pain_rule: str
    volume: tuple[str, ...]
    #: At urgent: the only word about running; at emergency: the level's advice.
    only: str
    sources: tuple[str, ...]
    disclaimer: str
    #: Why the ladder stops before stages left out for this runner.
    left_out: tuple[str, ...] = ()


def view(a: Assessment, kb: KnowledgeBase, origin: str) -> PlanView:
    plan = a.plan
    p = plan.stage
    rtr = kb.return_to_run
    info = kb.levels[a.triage.level]
    title = level_title(a.triage, info.title)
    empty = PlanView(origin, a.triage.level, title, plan.running, "", "", (), (), "", (),
                     (), "", (), "", (), a.disclaimer)  # fmt: skip
    if p is None or rtr is None:
        return _replace(empty, only=level_advice(a.triage, info.advice))
    if p.status == "after_clearance":
        return _replace(empty, only=rtr.after_clearance)
    kind = rtr.kind_by_id[p.kind]
    stages = rtr.stages_of(p.ladder)
    stage = stages[p.index]
    nxt = stages[p.index + 1] if p.index + 1 < len(stages) else None
    return _replace(
        empty,
        stage=f"Stage {p.index + 1} of {len(stages)}: {stage.name}",
        decision=" ".join(
            t
            for t in (
                f"{decision_text(p)}: {reason_text(kb, p)}",
                missing_text(kb, p),
                data_text(p),
            )
            if t
        ),
        do=stage.do,
        next_entry=nxt.entry_for(p.kind) if nxt is not None else (),
        note=kind.note,
        target=target_lines(p.target) if p.target is not None else (),
        ladder=tuple((s.name, s.id == p.stage) for s in stages),
        pain_rule=kb.plan.pain_rule,
        volume=volume_lines(kb, p),
        sources=kb.cite(ladder_sources(kb, p)),
        left_out=left_out_lines(kb, p),
    )


def _replace(v: PlanView, **changes: Any) -> PlanView:
    from dataclasses import replace

    return replace(v, **changes)


def _wrapper(width: int) -> Callable[..., str]:
    def wrap(text: str, first: str = "  ", rest: str = "    ") -> str:
        return textwrap.fill(text, width, initial_indent=first, subsequent_indent=rest,
                             break_on_hyphens=False)  # fmt: skip

    return wrap


def render_text(a: Assessment, kb: KnowledgeBase, origin: str, width: int = 78) -> str:
    """The plan in plain text, wrapped at `width` columns."""
    _wrap = _wrapper(width)
    v = view(a, kb, origin)
    out = [TITLE, "=" * len(TITLE), _wrap(v.origin, "", ""), ""]
    out += [
        _wrap(f"TRIAGE: {LEVEL_LABEL[v.level]} - {v.title}", "", "  "),
        _wrap(f"Running: {v.running}"),
        "",
    ]
    if v.only:
        out += [_wrap(v.only), ""]
    if v.stage:
        out += [_wrap(v.stage.upper(), "", "  "), _wrap(v.decision), "  What to do:"]
        out += [_wrap(line, "    - ", "      ") for line in v.do]
        if v.next_entry:
            out.append("  To move on to the next stage:")
            out += [_wrap(line, "    - ", "      ") for line in v.next_entry]
        out += [_wrap(line) for line in (v.note, *v.target) if line]
        out += ["", "ALL STAGES"]
        out += [
            _wrap(f"{name}{'  (now)' if now else ''}", f"{'>' if now else ' '} {i:2}. ", " " * 6)
            for i, (name, now) in enumerate(v.ladder, 1)
        ]
        out += ["", "PAIN RULE", _wrap(v.pain_rule), "", "AFTER THE LAST STAGE"]
        out += [_wrap(line, "  - ", "    ") for line in (*v.left_out, *v.volume)]
        out += ["", _wrap("Sources: " + "; ".join(v.sources), "", "  ")]
    out += ["", textwrap.fill(v.disclaimer, width)]
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    for ch in ("\\", "*", "_", "`", "[", "]", "|", "<"):
        text = text.replace(ch, "\\" + ch)
    return text


def render_markdown(a: Assessment, kb: KnowledgeBase, origin: str) -> str:
    v = view(a, kb, origin)
    out = [f"# {TITLE}", "", f"_{_md(v.origin)}_", ""]
    out += [f"**Triage: {LEVEL_LABEL[v.level]}** - {_md(v.title)}", ""]
    out += [f"**Running:** {_md(v.running)}", ""]
    if v.only:
        out += [_md(v.only), ""]
    if v.stage:
        out += [f"## {_md(v.stage)}", "", _md(v.decision), "", "What to do:", ""]
        out += [f"- {_md(line)}" for line in v.do]
        if v.next_entry:
            out += ["", "To move on to the next stage:", ""]
            out += [f"- {_md(line)}" for line in v.next_entry]
        out += [f"\n{_md(line)}" for line in (v.note, *v.target) if line]
        out += ["", "## All stages", ""]
        out += [
            f"{i}. {'**' if now else ''}{_md(name)}{' (now)**' if now else ''}"
            for i, (name, now) in enumerate(v.ladder, 1)
        ]
        out += ["", "## Pain rule", "", _md(v.pain_rule), "", "## After the last stage", ""]
        out += [f"- {_md(line)}" for line in (*v.left_out, *v.volume)]
        out += ["", "Sources: " + _md("; ".join(v.sources))]
    out += ["", f"> {_md(v.disclaimer)}", ""]
    return "\n".join(out)


def to_dict(a: Assessment, kb: KnowledgeBase, checkin: int | None) -> dict[str, Any]:
    plan = a.plan
    return {
        "schema_version": JSON_SCHEMA_VERSION,
        "created": a.created.isoformat(timespec="seconds") if a.created else None,
        "checkin": checkin,
        "triage": {
            "level": a.triage.level,
            "title": level_title(a.triage, kb.levels[a.triage.level].title),
        },
        "running": plan.running,
        "return_to_running": run_dict(kb, plan.stage),
        "knowledge_version": a.kb_version,
        "disclaimer": a.disclaimer,
    }


def render_json(a: Assessment, kb: KnowledgeBase, checkin: int | None) -> str:
    return json.dumps(to_dict(a, kb, checkin), indent=2, ensure_ascii=False) + "\n"
