"""The assessment as JSON (contract section 3)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from hipcheck.core.answers import to_jsonable
from hipcheck.core.assessment import JSON_SCHEMA_VERSION, Assessment
from hipcheck.core.plan import Plan
from hipcheck.core.return_to_run import Progress
from hipcheck.core.scoring import ConditionScore, likelihoods
from hipcheck.core.triage import Triage, level_advice, level_title, names_outside, reason_texts
from hipcheck.knowledge import KnowledgeBase
from hipcheck.knowledge.evidence import Evidence
from hipcheck.render.return_to_run_render import to_dict as run_dict


def to_dict(
    a: Assessment,
    kb: KnowledgeBase,
    triage_part: Callable[[Triage, KnowledgeBase], Any] | None = None,
    advice_part: Callable[[Plan, KnowledgeBase], Any] | None = None,
) -> dict[str, Any]:
    """The document. `triage_part`, `advice_part`: give those parts instead
    of `triage_dict` and `advice_dict` (batch gives them encoded once)."""
    doc: dict[str, Any] = {
        "schema_version": JSON_SCHEMA_VERSION,
        "created": a.created.isoformat(timespec="seconds") if a.created else None,
        "fit": a.fit,
        "triage": (triage_part or triage_dict)(a.triage, kb),
        "advice": (advice_part or advice_dict)(a.plan, kb),
        "conditions": [
            condition_dict(c, kb, words)
            for c, words in zip(
                a.conditions,
                likelihoods(kb, [c.score for c in a.conditions], a.fit, names_outside(a.triage)),
                strict=True,
            )
        ],
        "other_cause": round4(a.other),
        "answers": to_jsonable(a.answers),
        "answer_origins": dict(a.origins),
        "knowledge_version": a.kb_version,
        "disclaimer": a.disclaimer,
    }
    if a.trend is not None:
        from hipcheck.render.trend_words import notes

        doc["history"] = {"notes": list(notes(a.trend))}
    if a.load is not None:
        from hipcheck.render.load_render import to_dict as load_dict

        doc["training_load"] = load_dict(a.load, "km")
    return doc


def triage_dict(t: Triage, kb: KnowledgeBase) -> dict[str, Any]:
    """`triage`: the level, its reasons and the rules that fired."""
    info = kb.levels[t.level]
    return {
        "level": t.level,
        "reasons": list(reason_texts(t)),
        "safety_unanswered": list(t.safety_unanswered),
        "title": level_title(t, info.title),
        "advice": level_advice(t, info.advice),
        "rules": [{"id": r.rule, "level": r.level} for r in t.reasons],
    }


def advice_dict(
    plan: Plan,
    kb: KnowledgeBase,
    run_part: Callable[[KnowledgeBase, Progress | None], Any] = run_dict,
) -> dict[str, Any]:
    """`advice`: the one plan, worded. `run_part`: gives `return_to_running`
    instead of `return_to_run_render.to_dict` (batch gives it encoded once)."""
    return {
        "running": plan.running,
        "pain_rule": plan.pain_rule,
        "self_care": list(plan.self_care),
        "exercises": [{"id": e, "name": kb.exercise_by_id[e].name} for e in plan.exercises],
        "see_a_doctor": list(plan.see_a_doctor),
        "sources": list(kb.cite(plan.sources)),
        "return_to_running": run_part(kb, plan.stage),
    }


def condition_dict(c: ConditionScore, kb: KnowledgeBase, words: str = "") -> dict[str, Any]:
    """One entry of `conditions`; `words`: its likelihood word in the
    ranking (scoring.likelihood), else the word for its score alone."""
    return {
        "id": c.id,
        "name": c.name,
        "score": round4(c.score),
        "likelihood": words or kb.likelihood(c.score),
        "evidence_for": list(map(_text, c.evidence_for)) if c.evidence_for else [],
        "evidence_against": list(map(_text, c.evidence_against)) if c.evidence_against else [],
    }


def round4(x: float) -> float:
    """`round(x, 4)`, the same float, about four times faster (batch rounds
    19 scores a record): x * 10,000 rounded to a whole number and divided
    back gives the float nearest the rounded decimal, as `round` does,
    unless the product lies so near a half that its own rounding error could
    decide; those few go to `round`."""
    scaled = x * 10_000.0
    whole = round(scaled)
    if 0.0 <= scaled < 1e15 and abs(abs(scaled - whole) - 0.5) > 1e-6:
        return whole / 10_000.0
    return round(x, 4)


def _evidence(e: Evidence) -> str:
    """How JSON shows one piece of evidence: the phrase, the ratio, the origin."""
    origin = f", from {e.origin}" if e.origin else ""
    return f"{e.phrase} (x{e.ratio:.2g}{origin})"


class _Texts(dict[Evidence, str]):
    """Evidence as JSON shows it, kept for the shared evidence of the knowledge
    file (batch assesses the same answers again and again); bounded. Looked
    up with `map(_text, ...)`, so a known piece costs no Python call."""

    def __missing__(self, e: Evidence) -> str:
        text = _evidence(e)
        if len(self) < 20_000:
            self[e] = text
        return text


#: How JSON shows one piece of evidence (kept for the shared evidence).
evidence_text = _text = _Texts().__getitem__


def render(a: Assessment, kb: KnowledgeBase) -> str:
    return json.dumps(to_dict(a, kb), indent=2, ensure_ascii=False) + "\n"
