"""The assessment as JSON (contract section 3)."""

from __future__ import annotations

import json
from typing import Any

from hipcheck.core.answers import to_jsonable
from hipcheck.core.assessment import JSON_SCHEMA_VERSION, Assessment
from hipcheck.core.triage import reason_texts
from hipcheck.knowledge import KnowledgeBase
from hipcheck.knowledge.evidence import Evidence
from hipcheck.render.return_to_run_render import to_dict as run_dict


def to_dict(a: Assessment, kb: KnowledgeBase) -> dict[str, Any]:
    info = kb.levels[a.triage.level]
    plan = a.plan
    doc: dict[str, Any] = {
        "schema_version": JSON_SCHEMA_VERSION,
        "created": a.created.isoformat(timespec="seconds") if a.created else None,
        "triage": {
            "level": a.triage.level,
            "reasons": list(reason_texts(a.triage)),
            "safety_unanswered": list(a.triage.safety_unanswered),
            "title": info.title,
            "advice": info.advice,
            "rules": [{"id": r.rule, "level": r.level} for r in a.triage.reasons],
        },
        "advice": {
            "running": plan.running,
            "pain_rule": plan.pain_rule,
            "self_care": list(plan.self_care),
            "exercises": [{"id": e, "name": kb.exercise_by_id[e].name} for e in plan.exercises],
            "see_a_doctor": list(plan.see_a_doctor),
            "sources": list(kb.cite(plan.sources)),
            "return_to_running": run_dict(kb, plan.stage),
        },
        "conditions": [
            {
                "id": c.id,
                "name": c.name,
                "score": round(c.score, 4),
                "likelihood": kb.likelihood(c.score),
                "evidence_for": list(map(_text, c.evidence_for)),
                "evidence_against": list(map(_text, c.evidence_against)),
            }
            for c in a.conditions
        ],
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


_text = _Texts().__getitem__


def render(a: Assessment, kb: KnowledgeBase) -> str:
    return json.dumps(to_dict(a, kb), indent=2, ensure_ascii=False) + "\n"
