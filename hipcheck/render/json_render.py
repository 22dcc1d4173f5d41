"""The assessment as JSON (contract section 3)."""

from __future__ import annotations

import json
from typing import Any

from ..answers import to_jsonable
from ..assessment import JSON_SCHEMA_VERSION, Assessment
from ..knowledge import KnowledgeBase


def to_dict(a: Assessment, kb: KnowledgeBase) -> dict[str, Any]:
    info = kb.levels[a.triage.level]
    doc = {
        "schema_version": JSON_SCHEMA_VERSION,
        "triage": {
            "level": a.triage.level,
            "reasons": [r.text for r in a.triage.reasons],
            "title": info.title,
            "advice": info.advice,
            "rules": [{"id": r.rule, "level": r.level} for r in a.triage.reasons],
        },
        "conditions": [
            {
                "id": c.id,
                "name": c.name,
                "score": round(c.score, 4),
                "evidence_for": [e.text for e in c.evidence_for],
                "evidence_against": [e.text for e in c.evidence_against],
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
        from .load_render import to_dict as load_dict

        doc["training_load"] = load_dict(a.load, "km")
    return doc


def render(a: Assessment, kb: KnowledgeBase) -> str:
    return json.dumps(to_dict(a, kb), indent=2, ensure_ascii=False) + "\n"
