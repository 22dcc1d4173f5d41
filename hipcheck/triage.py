"""Triage: the most serious level any knowledge-file rule gives, with every reason.

Rules come from the knowledge file: `triage_rules` test the answers and
`condition_rules` raise the level when a condition is likely. The level is the
highest any fired rule gives; with none, it is `self_care`. Reasons are listed
most serious first, so the ones that set the level come first.
"""

from __future__ import annotations

from collections.abc import Mapping

import msgspec

from .answers import AnswerValue
from .knowledge import LEVELS, KnowledgeBase, Level
from .scoring import ConditionScore


class Reason(msgspec.Struct, frozen=True):
    level: Level
    text: str
    #: The rule that gave it (a triage rule id, or `condition:<id>`).
    rule: str
    advice: str = ""


class Triage(msgspec.Struct, frozen=True):
    level: Level
    reasons: tuple[Reason, ...]


def rank(level: Level) -> int:
    return LEVELS.index(level)


def triage(
    kb: KnowledgeBase,
    answers: Mapping[str, AnswerValue],
    scores: tuple[ConditionScore, ...] = (),
    extra: tuple[Reason, ...] = (),
) -> Triage:
    """`extra`: reasons from outside the answers (e.g. the check-in history)."""
    fired = [
        Reason(r.level, r.reason, r.id, r.advice)
        for r, holds in kb.compiled_rules
        if holds(answers)
    ]
    by_id = {s.id: s.score for s in scores}
    fired += [
        Reason(cr.level, cr.reason, f"condition:{cr.condition}")
        for cr in kb.condition_rules
        if by_id.get(cr.condition, 0.0) >= cr.min_score
    ]
    fired += extra
    if not fired:
        return Triage("self_care", (Reason("self_care", kb.default_reason, "default"),))
    fired.sort(key=lambda r: -rank(r.level))
    return Triage(fired[0].level, tuple(fired))


def is_emergency(kb: KnowledgeBase, answers: Mapping[str, AnswerValue]) -> bool:
    """Whether the answers alone already call for emergency care."""
    return any(r.level == "emergency" and holds(answers) for r, holds in kb.compiled_rules)
