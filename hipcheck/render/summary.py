"""A plain view of an assessment shared by the text, Markdown and Rich renderers.

It picks what a person reads (which causes, whose self-care, which warnings)
so that every renderer says the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..assessment import Assessment
from ..knowledge import Exercise, KnowledgeBase
from ..scoring import ConditionScore

#: Self-care is shown for conditions at or above this score (at least one).
CARE_MIN_SCORE = 0.10
CARE_MAX = 2
#: At most this many exercises, de-duplicated across the conditions shown.
EXERCISES_MAX = 4
CAUSES_HEADING = "Possible causes to discuss with a clinician"
NOTES_HEADING = "Since your last check-in"
LOAD_HEADING = "Training load from your activity data"


@dataclass(frozen=True)
class Care:
    condition: str
    steps: tuple[str, ...]


@dataclass(frozen=True)
class Summary:
    level: str
    title: str
    advice: str
    reasons: tuple[str, ...]
    emergency_advice: tuple[str, ...]
    causes: tuple[ConditionScore, ...]
    care: tuple[Care, ...]
    exercises: tuple[Exercise, ...]
    #: Why exercises are not shown (urgent or emergency), if so.
    exercises_withheld: str
    see_doctor: tuple[str, ...]
    disclaimer: str
    kb_version: str
    origins: tuple[str, ...]
    #: How this check-in compares with earlier ones.
    notes: tuple[str, ...]
    #: A few lines about training load from activity files.
    load: tuple[str, ...]


def summarise(a: Assessment, kb: KnowledgeBase, top: int = 3) -> Summary:
    info = kb.levels[a.triage.level]
    causes = a.conditions[: max(1, top)]
    chosen = [c for c in causes[:CARE_MAX] if c.score >= CARE_MIN_SCORE] or list(causes[:1])
    withheld = ""
    if a.triage.level in ("urgent", "emergency"):
        withheld = "Exercises are left out until a clinician has seen you."
    care = []
    exercise_ids: list[str] = []
    if a.triage.level != "emergency":
        for c in chosen:
            cond = kb.condition_by_id[c.id]
            care.append(Care(cond.name, cond.self_care))
            exercise_ids += [e for e in cond.exercises if e not in exercise_ids]
    if withheld:
        exercise_ids = []
    see: list[str] = []
    for c in chosen:
        for line in kb.condition_by_id[c.id].see_doctor:
            if line not in see:
                see.append(line)
    origins = tuple(
        sorted({f"{_origin_phrase(kb, key)}: from {o}" for key, o in a.origins.items()})
    )
    return Summary(
        level=a.triage.level,
        title=info.title,
        advice=info.advice,
        reasons=tuple(r.text for r in a.triage.reasons),
        emergency_advice=tuple(
            r.advice for r in a.triage.reasons if r.level == "emergency" and r.advice
        ),
        causes=causes,
        care=tuple(care),
        exercises=tuple(kb.exercise_by_id[e] for e in exercise_ids[:EXERCISES_MAX]),
        exercises_withheld=withheld,
        see_doctor=tuple(see),
        disclaimer=a.disclaimer,
        kb_version=a.kb_version,
        origins=origins,
        notes=a.notes,
        load=load_lines(a),
    )


def _origin_phrase(kb: KnowledgeBase, key: str) -> str:
    qid, _, value = key.partition(".")
    return kb.phrases.get((qid, value), key) if value else qid


def load_lines(a: Assessment) -> tuple[str, ...]:
    r = a.load
    if r is None:
        return ()
    weeks = []
    for w in r.weeks[-4:]:
        change = f" ({w.distance_change:+.0%})" if w.distance_change is not None else ""
        weeks.append(f"{w.start.day} {w.start:%b} {w.distance_m / 1000:.1f} km{change}")
    lines = [f"Weekly distance, last 4 weeks: {', '.join(weeks)}."]
    if r.acwr is not None:
        lines.append(f"Acute:chronic workload ratio {r.acwr:.2f} (caution above 1.5).")
    if r.mileage_jump:
        lines.append(
            "Quick increase in training load, so 'mileage jump' was set: "
            + "; ".join(r.reasons)
            + "."
        )
    else:
        lines.append("No quick increase in the last 4 weeks.")
    return tuple(lines)


def why(c: ConditionScore, n: int = 4) -> str:
    """A one-line "why" for a cause."""
    parts = [e.text for e in c.evidence_for[:n]]
    return "; ".join(parts) if parts else "no specific answers point to it"
