"""What the page for a doctor or physiotherapist says, independent of its
format: `report_html` and `report_markdown` lay out this one content.

From the latest assessment (recomputed from the latest check-in, or a single
`check`), the earlier check-ins of the episode (the trend and what has been
tried), and activity data if given. Causes are "possible causes to discuss",
in likelihood words, never percentages, never "you have X".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from hipcheck import __version__
from hipcheck.core.assessment import Assessment
from hipcheck.core.bone_stop import bone_ids
from hipcheck.core.scoring import likelihood
from hipcheck.core.triage import names_outside
from hipcheck.knowledge import KnowledgeBase
from hipcheck.render.answers_words import NOT_ASKED, rows, words
from hipcheck.render.return_to_run_render import (
    DECISION_DONE,
    data_text,
    decision_text,
    ladder_sources,
    left_out_lines,
    missing_text,
    reason_text,
    target_lines,
    volume_lines,
)
from hipcheck.render.summary import (
    LEVEL_LABEL,
    UNANSWERED_EMERGENCY,
    Cause,
    raising_line,
    summarise,
    why,
)

if TYPE_CHECKING:
    from hipcheck.core.return_to_run import Progress

TITLE = "Hip pain: a summary to take to a doctor or physiotherapist"


@dataclass(frozen=True)
class Point:
    """One check-in of the trend."""

    when: dt.datetime
    severity: float | None
    level: str
    #: The most likely cause then; "" when the answers pointed to none.
    cause: str
    #: The return-to-running stage and what the check-in did with it.
    stage: str
    decision: str


@dataclass(frozen=True)
class WeekBar:
    start: dt.date
    km: float
    minutes: float


@dataclass(frozen=True)
class Report:
    made: str
    made_iso: str
    assessed: str
    level: str
    level_label: str
    title: str
    advice: str
    reasons: tuple[str, ...]
    emergency_advice: tuple[str, ...]
    trend: tuple[Point, ...]
    answers: tuple[tuple[str, str], ...]
    unanswered: tuple[str, ...]
    causes: tuple[Cause, ...]
    running: str
    pain_rule: str
    self_care: tuple[str, ...]
    exercises: tuple[str, ...]
    #: "When to see a doctor" (`Summary.doctor_lines`: none at emergency).
    see_doctor: tuple[str, ...]
    #: The return-to-running stage, decision and target (empty at emergency).
    run_now: tuple[str, ...]
    #: (stage, is the current one) of this kind's ladder.
    ladder: tuple[tuple[str, bool], ...]
    volume: tuple[str, ...]
    tried: tuple[str, ...]
    weeks: tuple[WeekBar, ...]
    load: tuple[str, ...]
    questions: tuple[str, ...]
    glossary: tuple[tuple[str, str], ...]
    sources: tuple[str, ...]
    disclaimer: str
    kb_version: str
    version: str = __version__
    #: What the page must say first (a later check-in that could not be read).
    notes: tuple[str, ...] = ()
    #: The unanswered questions that could make the level higher, in a line.
    raising: str = ""
    #: summary.NO_FIT (or its self-care form) when none of the causes fits.
    no_fit: str = ""

    def now(self) -> tuple[str, ...]:
        """What the runner was told to do, for the "What to do now" box of
        every format: notes first, then the level, running and what was
        left unanswered."""
        lines = [*self.notes, f"{self.level_label}: {self.title}."]
        if self.running and self.level != "emergency":
            lines.append(f"Running: {self.running}")
        if self.unanswered:
            lines.append(
                "Some safety questions were not answered: if any of them applies, do not "
                f"rely on this page. {UNANSWERED_EMERGENCY}"
            )
        if self.raising:
            lines.append(self.raising)
        return tuple(lines)

    def words(self) -> str:
        """All the text of the page but the glossary (to pick glossary terms)."""
        parts = [self.title, self.advice, *self.reasons, *self.run_now, *self.tried]
        parts += [f"{q} {a}" for q, a in self.answers]
        parts += [f"{c.name} {why(c)}" for c in self.causes]
        parts += [self.running, self.pain_rule, *self.self_care, *self.volume]
        parts += [s for s, _ in self.ladder]
        return " ".join(parts).lower()


def answers_heading(r: Report) -> str:
    latest = " (latest check-in)" if r.trend else ""
    return f"Answers in the runner's words{latest}"


def _date(when: dt.datetime | dt.date) -> str:
    return f"{when.day} {when:%B %Y}"


def _day(when: dt.datetime) -> str:
    local = when.astimezone()
    return f"{local.day} {local:%b}"


def _run_of(result: dict[str, Any]) -> dict[str, Any]:
    advice = result.get("advice")
    run = advice.get("return_to_running") if isinstance(advice, dict) else None
    return run if isinstance(run, dict) else {}


def _stage_name(kb: KnowledgeBase, stage: object) -> str:
    rtr = kb.return_to_run
    if rtr is None or not isinstance(stage, str) or stage not in rtr.stage_by_id:
        return ""
    return rtr.stage_by_id[stage].name


def trend(kb: KnowledgeBase, checkins: Sequence[Any]) -> tuple[Point, ...]:
    out = []
    for c in checkins:
        run = _run_of(c.result)
        decision = run.get("decision")
        out.append(
            Point(
                when=c.created_at,
                severity=c.severity,
                level=str(c.triage),
                cause=str(c.top_name),
                stage=_stage_name(kb, run.get("stage")),
                decision=DECISION_DONE.get(str(decision), "") if run.get("stage") else "",
            )
        )
    return tuple(out)


def tried(kb: KnowledgeBase, checkins: Sequence[Any], a: Assessment) -> tuple[str, ...]:
    """What hipcheck advised over the episode and what the runner reported."""
    lines: list[str] = []
    if checkins:
        first, last = checkins[0], checkins[-1]
        days = (last.created_at - first.created_at).days
        n = f"{len(checkins)} check-in{'s' if len(checkins) != 1 else ''}"
        if _day(first.created_at) == _day(last.created_at):  # not "3 Dec to 3 Dec (0 days)"
            lines.append(f"{n} on {_day(first.created_at)}.")
        else:
            span = f"{days} day{'s' if days != 1 else ''}"
            lines.append(f"{n} from {_day(first.created_at)} to {_day(last.created_at)} ({span}).")
        duration = first.answers.get("duration")
        if duration is not None and "duration" in kb.question_by_id:
            q = kb.question_by_id["duration"]
            lines.append(
                f"At the first check-in the pain had lasted: {words(q, duration).lower()}."
            )
        stages: list[tuple[str, dt.datetime, int]] = []
        for c in checkins:
            name = _stage_name(kb, _run_of(c.result).get("stage"))
            if not name:
                continue
            if stages and stages[-1][0] == name:
                stages[-1] = (name, stages[-1][1], stages[-1][2] + 1)
            else:
                stages.append((name, c.created_at, 1))
        if stages:
            lines.append(
                "Return-to-running stages: "
                + "; ".join(
                    f"{name} from {_day(since)} ({n} check-in{'s' if n != 1 else ''})"
                    for name, since, n in stages
                )
                + "."
            )
        seen: dict[str, dt.datetime] = {}
        for c in checkins:
            advice = c.result.get("advice") if isinstance(c.result, dict) else None
            for ex in advice.get("exercises", []) if isinstance(advice, dict) else []:
                if isinstance(ex, dict) and isinstance(ex.get("name"), str):
                    seen.setdefault(ex["name"], c.created_at)
        if seen:
            lines.append(
                "Exercises suggested: "
                + "; ".join(f"{name} (since {_day(since)})" for name, since in seen.items())
                + "."
            )
    for qid in ("rest_helps", "run_pain_during", "next_morning"):
        asked = kb.question_by_id.get(qid)
        if asked is not None and a.answers.get(qid) is not None:
            lines.append(f"{asked.short}: {words(asked, a.answers[qid])}.")
    return tuple(lines)


def _discussed(kb: KnowledgeBase, a: Assessment, top: int) -> set[str]:
    """The causes a question may be about: those shown above the lowest
    likelihood word, those a triage reason names, and those the plan stops
    running for. A "less likely" stress fracture beside a tendon picture is
    no reason to ask "Could this be a stress fracture?" (UX review N7)."""
    lowest = kb.plan.likelihood[-1].label if kb.plan.likelihood else ""
    out = {
        c.id
        for i, c in enumerate(a.conditions[: max(1, top)])
        if likelihood(kb, a.conditions, i, a.fit, names_outside(a.triage)) != lowest
    }
    out |= {cid for r in a.triage.reasons for cid in r.conditions}
    if a.plan.running_basis == "bone":
        out |= set(a.plan.considered) & bone_ids(kb)
    return out


def _questions(kb: KnowledgeBase, a: Assessment, shown: set[str]) -> tuple[str, ...]:
    if kb.report is None:
        return ()
    return tuple(
        q.text
        for q in kb.report.questions
        if (not q.conditions or shown & set(q.conditions))
        and (not q.levels or a.triage.level in q.levels)
    )


def _stage(
    kb: KnowledgeBase, p: Progress | None, sources: list[str]
) -> tuple[tuple[str, ...], tuple[tuple[str, bool], ...], tuple[str, ...]]:
    """The return-to-running section: what to do now, the ladder (each
    stage with whether it is the runner's) and the volume notes; the
    ladder's sources are added to `sources`."""
    rtr = kb.return_to_run
    if p is None or rtr is None:
        return (), (), ()
    if p.status == "after_clearance":
        return (rtr.after_clearance,), (), ()
    kind = rtr.kind_by_id[p.kind]
    stages = rtr.stages_of(p.ladder)
    stage = stages[p.index]
    run_now = [f"Stage {p.index + 1} of {len(stages)} ({kind.name.lower()}): {stage.name}."]
    run_now.append(f"{decision_text(p)}: {reason_text(kb, p)}")
    run_now += [t for t in (missing_text(kb, p), data_text(p)) if t]
    run_now += stage.do
    if p.index + 1 < len(stages) and stages[p.index + 1].entry_for(p.kind):
        nxt = stages[p.index + 1]
        entry = " ".join(nxt.entry_for(p.kind))
        run_now.append(f"To move on to stage {p.index + 2} ({nxt.name}): {entry}")
    run_now += left_out_lines(kb, p, at_end=True)
    if kind.note:
        run_now.append(kind.note)
    if p.target is not None:
        run_now += target_lines(p.target)
    for key in ladder_sources(kb, p):
        src = kb.sources.get(key)
        if src is not None and src.full not in sources:
            sources.append(src.full)
    ladder = tuple((st.name, st.id == p.stage) for st in stages)
    return tuple(run_now), ladder, volume_lines(kb, p)


def build(
    kb: KnowledgeBase,
    a: Assessment,
    checkins: Sequence[Any] = (),
    made: dt.datetime | None = None,
    top: int = 3,
    notes: tuple[str, ...] = (),
) -> Report:
    """The page's content. `checkins`: the episode's check-ins, oldest first,
    the last one being the check-in `a` was made from (empty for one check)."""
    made = made or dt.datetime.now(dt.UTC).astimezone()
    s = summarise(a, kb, top)
    plan = a.plan
    sources = list(s.references)
    run_now, ladder, volume = _stage(kb, plan.stage, sources)
    weeks: tuple[WeekBar, ...] = ()
    if a.load is not None:
        weeks = tuple(WeekBar(w.start, w.distance_m / 1000, w.moving_s / 60) for w in a.load.weeks)
    report = Report(
        made=_date(made),
        made_iso=made.date().isoformat(),
        assessed=_date(a.created.astimezone()) if a.created else "",
        level=a.triage.level,
        level_label=LEVEL_LABEL[a.triage.level],
        title=s.title,
        advice=s.advice,
        reasons=s.reasons,
        emergency_advice=s.emergency_advice,
        trend=trend(kb, checkins),
        answers=rows(
            kb, a.answers, a.origins, long=True, no_row="Answered no", unanswered_row=NOT_ASKED
        ),
        unanswered=s.safety_unanswered,
        raising=raising_line(kb, a),
        causes=s.causes,
        running=s.running,
        pain_rule=s.pain_rule,
        self_care=plan.self_care,
        exercises=tuple(f"{e.name}: {e.dose}" for e in s.exercises),
        see_doctor=s.doctor_lines(),
        run_now=run_now,
        ladder=ladder,
        volume=volume,
        tried=tried(kb, checkins, a),
        weeks=weeks,
        load=s.load,
        questions=_questions(kb, a, _discussed(kb, a, top)),
        glossary=(),
        sources=tuple(sources),
        disclaimer=a.disclaimer,
        kb_version=a.kb_version,
        notes=(*s.notes, *notes),
        no_fit=s.no_fit if a.triage.level != "emergency" else "",
    )
    text = report.words()
    entries = kb.report.glossary if kb.report is not None else ()
    glossary = tuple((g.term, g.meaning) for g in entries if g.term.lower() in text)
    return replace(report, glossary=glossary)
