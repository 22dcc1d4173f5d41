"""The return-to-running plan in words: the JSON `advice.return_to_running`,
the short "Getting back to running" section of the summaries, and the full
ladder for `hipcheck plan` and the clinician page."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from hipcheck.core.return_to_run import Progress, Target
from hipcheck.knowledge.return_to_run import NO_HIGHER, STAY
from hipcheck.knowledge.templates import fields, fill
from hipcheck.render.answers_words import values_in_words

if TYPE_CHECKING:
    from hipcheck.knowledge import KnowledgeBase
    from hipcheck.knowledge.return_to_run import RunStage

HEADING = "Getting back to running"
DECISION = {
    "start": "Start here",
    "move_up": "Move up a stage",
    "hold": "Stay at this stage",
    "step_back": "Step back a stage",
}
#: A decision as a past event, for the check-in table of the clinician page.
DECISION_DONE = {
    "start": "started",
    "move_up": "moved up",
    "hold": "stayed",
    "step_back": "stepped back",
}


def _start_way(reason: str) -> tuple[str, str, int]:
    """A reason id in parts: how (a start, a restart, or anything else
    whole), the way a start was chosen ("": the stage's own `start_when`;
    "also": its `start_also[i]`, "start.0"; NO_HIGHER: its
    `start_no_higher[i]`, "start.no_higher.0"), and that i."""
    how, _, rest = reason.partition(".")
    if not rest:
        return how, "", 0
    way, _, i = rest.rpartition(".")
    return how, way or "also", int(i)


def reason_text(kb: KnowledgeBase, p: Progress) -> str:
    rtr = kb.return_to_run
    if rtr is None or p.status != "stages":
        return ""
    stage = rtr.stage_by_id[p.stage]
    how, way, j = _start_way(p.reason)
    if how in ("start", "restart"):
        if way == NO_HIGHER:
            why = stage.start_no_higher[j].reason
        elif way:
            why = stage.start_also[j].reason
        else:
            why = stage.start_reason
        return why if how == "start" else f"{rtr.reasons.restart} {why}".strip()
    if p.reason in ("no_report", "clearance", "too_soon"):
        return str(getattr(rtr.reasons, p.reason))
    if how == STAY:
        text = stage.stay_when[j].reason
    else:
        rule = rtr.rule_by_id.get(p.reason)
        if rule is None:
            return ""
        text = rule.reason
    values = defaultdict(lambda: "?", values_in_words(kb, dict(p.report)))
    return fill(text, **{name: values[name] for name in fields(text)})


def missing_text(kb: KnowledgeBase, p: Progress) -> str:
    """What the starting stage assumed about questions left unanswered."""
    rtr = kb.return_to_run
    if rtr is None or not p.missing or not rtr.reasons.missing:
        return ""
    names = [kb.question_by_id[q].short.lower() for q in p.missing if q in kb.question_by_id]
    questions = ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else "".join(names)
    if _start_way(p.reason)[1] == NO_HIGHER and rtr.reasons.missing_held:  # a start held low
        return fill(rtr.reasons.missing_held, questions=questions)
    first = rtr.stages_of(p.ladder)[0].name
    return fill(rtr.reasons.missing, questions=questions, first_stage=first)


def left_out_lines(kb: KnowledgeBase, p: Progress, at_end: bool = False) -> tuple[str, ...]:
    """Why this runner's ladder stops before the stages it leaves out, each
    once; `at_end`: only at the last stage left (a stage with no running
    read "stay at easy running" beside "no running until cleared")."""
    rtr = kb.return_to_run
    if rtr is None or (at_end and p.index < len(p.ladder) - 1):
        return ()
    return tuple(dict.fromkeys(rtr.stage_by_id[i].not_for_reason for i in p.left_out))


def ladder_sources(kb: KnowledgeBase, p: Progress) -> tuple[str, ...]:
    """The keys of the ladder's sources: the return to running's, its kind's
    and those of the stages left out (`RunStage.not_for_sources`)."""
    rtr = kb.return_to_run
    if rtr is None:
        return ()
    left_out = (k for i in p.left_out for k in rtr.stage_by_id[i].not_for_sources)
    return (*rtr.sources, *rtr.kind_by_id[p.kind].sources, *left_out)


def volume_lines(kb: KnowledgeBase, p: Progress) -> tuple[str, ...]:
    """How to add volume after the last stage: not when the ladder stops
    early (`left_out`: its reason says what comes after)."""
    rtr = kb.return_to_run
    return () if rtr is None or p.left_out else rtr.volume


def data_text(p: Progress) -> str:
    """What the activity data says about running now."""
    if p.recent_km is None:
        return ""
    if p.recent_km <= 0:
        return "Your activity data shows no running in the last 14 days."
    return f"Your activity data shows {p.recent_km:.1f} km of running in the last 14 days."


def decision_text(p: Progress) -> str:
    if p.decision == "move_up" and p.index == len(p.ladder) - 1 and p.previous_stage == p.stage:
        return "Stay at this stage" if p.left_out else "Keep building"
    if p.decision == "step_back" and p.previous_stage == p.stage:
        return "Stay at the first stage"
    return DECISION[p.decision]


def km(metres: float) -> str:
    return f"{metres / 1000:.1f} km"


def duration(seconds: float) -> str:
    minutes = round(seconds / 60)
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d} min" if hours else f"{rest} min"


def target_lines(t: Target) -> tuple[str, ...]:
    weeks = f"{t.weeks} week{'s' if t.weeks != 1 else ''}"
    more = f"{t.growth_percent:g}% more than" if t.growth_percent else "no more than"
    lines = [
        f"Next week: keep your longest run at or under {km(t.longest_max_m)} "
        f"({more} your longest of the last {weeks}, {km(t.longest_m)})."
    ]
    if t.week_s is not None and t.week_max_s is not None:
        lines.append(
            f"Keep next week's total running time at or under {duration(t.week_max_s)} "
            f"(last full week: {duration(t.week_s)})."
        )
    return tuple(lines)


def _stage_dict(kb: KnowledgeBase, p: Progress, stage: RunStage) -> dict[str, Any]:
    return {
        "id": stage.id,
        "name": stage.name,
        "entry": list(stage.entry_for(p.kind)),
        "do": list(stage.do),
        "current": stage.id == p.stage,
    }


def to_dict(kb: KnowledgeBase, p: Progress | None) -> dict[str, Any] | None:
    """`advice.return_to_running`: null at emergency (no plan)."""
    rtr = kb.return_to_run
    if p is None or rtr is None:
        return None
    if p.status == "after_clearance":
        return {"status": p.status, "text": rtr.after_clearance, "stages": []}
    kind = rtr.kind_by_id[p.kind]
    ladder = rtr.stages_of(p.ladder)
    t = p.target
    return {
        "status": p.status,
        "kind": {"id": kind.id, "name": kind.name, "note": kind.note},
        "stage": p.stage,
        "stage_number": p.index + 1,
        "stage_count": len(ladder),
        "previous_stage": p.previous_stage or None,
        "decision": p.decision,
        "reason_id": p.reason,
        "reason": reason_text(kb, p),
        "pain_rule_met": p.rule_met,
        "missing": list(p.missing),
        "missing_text": missing_text(kb, p),
        "recent_km": None if p.recent_km is None else round(p.recent_km, 1),
        "report": {q: v for q, v in p.report},
        "pain_rule": kb.plan.pain_rule,
        "stages": [_stage_dict(kb, p, s) for s in ladder],
        "left_out": [
            {"id": i, "name": rtr.stage_by_id[i].name, "reason": rtr.stage_by_id[i].not_for_reason}
            for i in p.left_out
        ],
        "volume": list(volume_lines(kb, p)),
        "target": None
        if t is None
        else {
            "as_of": t.as_of.isoformat(),
            "weeks": t.weeks,
            "longest_run_km": round(t.longest_m / 1000, 2),
            "longest_run_max_km": round(t.longest_max_m / 1000, 2),
            "week_minutes": round(t.week_s / 60) if t.week_s is not None else None,
            "week_max_minutes": round(t.week_max_s / 60) if t.week_max_s is not None else None,
            "growth_percent": t.growth_percent,
        },
        "sources": list(kb.cite(ladder_sources(kb, p))),
    }


def summary_lines(kb: KnowledgeBase, p: Progress | None) -> tuple[str, ...]:
    """The short section of the text, Markdown and Rich summaries."""
    rtr = kb.return_to_run
    if p is None or rtr is None:
        return ()
    if p.status == "after_clearance":
        return (rtr.after_clearance,)
    ladder = rtr.stages_of(p.ladder)
    stage = ladder[p.index]
    lines = [
        f"Stage {p.index + 1} of {len(ladder)}: {stage.name}. "
        f"{decision_text(p)}: {reason_text(kb, p)}",
        *[t for t in (missing_text(kb, p), data_text(p)) if t],
        *stage.do,
    ]
    if p.index + 1 < len(ladder) and ladder[p.index + 1].entry_for(p.kind):
        nxt = ladder[p.index + 1]
        lines.append(
            f"To move on to stage {p.index + 2} ({nxt.name}): " + " ".join(nxt.entry_for(p.kind))
        )
    lines += left_out_lines(kb, p, at_end=True)
    if p.target is not None:
        lines += target_lines(p.target)
    # how to add volume after the last stage is not said when the ladder stops early
    lines.append(
        "All the stages: hipcheck plan."
        if p.left_out
        else "All the stages and how to add volume afterwards: hipcheck plan."
    )
    return tuple(lines)
