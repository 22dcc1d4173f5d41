"""The assessment as JSON (contract section 3)."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from ..answers import to_jsonable
from ..assessment import JSON_SCHEMA_VERSION, Assessment
from ..knowledge import KnowledgeBase
from ..scoring import Evidence


@lru_cache(maxsize=4096)
def _evidence(e: Evidence) -> dict[str, Any]:
    """Evidence as JSON (memoised: Evidence objects are shared and frozen)."""
    out: dict[str, Any] = {
        "question": e.question,
        "value": e.value,
        "text": e.phrase,
        "likelihood_ratio": round(e.ratio, 3),
    }
    if e.origin:
        out["origin"] = e.origin
    return out


@lru_cache(maxsize=4096)
def _text(e: Evidence) -> str:
    return e.text


def to_dict(a: Assessment, kb: KnowledgeBase) -> dict[str, Any]:
    info = kb.levels[a.triage.level]
    return {
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
                "evidence_for": [_text(e) for e in c.evidence_for],
                "evidence_against": [_text(e) for e in c.evidence_against],
                "evidence": [_evidence(e) for e in (*c.evidence_for, *c.evidence_against)],
            }
            for c in a.conditions
        ],
        "answers": to_jsonable(a.answers),
        "answer_origins": dict(a.origins),
        "knowledge_version": a.kb_version,
        "disclaimer": a.disclaimer,
    }


def render(a: Assessment, kb: KnowledgeBase) -> str:
    return json.dumps(to_dict(a, kb), indent=2, ensure_ascii=False) + "\n"
