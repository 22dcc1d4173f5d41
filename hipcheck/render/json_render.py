"""The assessment as JSON (contract section 3)."""

from __future__ import annotations

import json
from typing import Any

from hipcheck.core.answers import to_jsonable
from hipcheck.core.assessment import JSON_SCHEMA_VERSION, Assessment
from hipcheck.core.plan import make_plan
from hipcheck.core.triage import reason_texts
from hipcheck.knowledge import KnowledgeBase
from hipcheck.knowledge.evidence import Evidence


def to_dict(a: Assessment, kb: KnowledgeBase, top: int = 3) -> dict[str, Any]:
    info = kb.levels[a.triage.level]
    plan = make_plan(kb, a.triage, a.conditions, a.answers, top)
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
        },
        "conditions": [
            {
                "id": c.id,
                "name": c.name,
                "score": round(c.score, 4),
                "likelihood": kb.likelihood(c.score),
                "evidence_for": [_TEXT.get(e) or _evidence(e) for e in c.evidence_for],
                "evidence_against": [_TEXT.get(e) or _evidence(e) for e in c.evidence_against],
            }
            for c in a.conditions
        ],
        "answers": to_jsonable(a.answers),
        "answer_origins": dict(a.origins),
        "knowledge_version": a.kb_version,
        "disclaimer": a.disclaimer,
    }
    if a.notes:
        doc["history"] = {"notes": list(a.notes)}
    if a.load is not None:
        from hipcheck.render.load_render import to_dict as load_dict

        doc["training_load"] = load_dict(a.load, "km")
    return doc


#: Evidence as JSON shows it, kept for the shared evidence of the knowledge
#: file (batch assesses the same answers again and again); bounded.
_TEXT: dict[Evidence, str] = {}


def _evidence(e: Evidence) -> str:
    """How JSON shows one piece of evidence: the phrase, the ratio, the origin."""
    origin = f", from {e.origin}" if e.origin else ""
    text = f"{e.phrase} (x{e.ratio:.2g}{origin})"
    if len(_TEXT) < 20_000:
        _TEXT[e] = text
    return text


def render(a: Assessment, kb: KnowledgeBase) -> str:
    return json.dumps(to_dict(a, kb), indent=2, ensure_ascii=False) + "\n"
