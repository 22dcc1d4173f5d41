"""The knowledge file: model, loader and checks (see docs/knowledge-file.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hipcheck.knowledge.evidence import Evidence
from hipcheck.knowledge.levels import LEVELS, Level
from hipcheck.knowledge.lines import CareLine, SeeDoctor
from hipcheck.knowledge.loader import default_path, from_dict, load
from hipcheck.knowledge.model import (
    HISTORY_FIELDS,
    SCHEMA_VERSION,
    Band,
    Choice,
    Condition,
    Exercise,
    HistoryRules,
    Kind,
    KnowledgeBase,
    LevelInfo,
    LoadRules,
    Question,
    Screen,
)
from hipcheck.knowledge.plan_model import Likelihood, PainRelief, Plan
from hipcheck.knowledge.rules import ConditionRule, Lowered, TriageRule
from hipcheck.knowledge.sources import Source
from hipcheck.knowledge.when import Match, When, WhenValue, compile_when, matches

if TYPE_CHECKING:
    from hipcheck.knowledge.checks import check, reader_texts

__all__ = [
    "HISTORY_FIELDS",
    "LEVELS",
    "SCHEMA_VERSION",
    "Band",
    "CareLine",
    "Choice",
    "Condition",
    "ConditionRule",
    "Evidence",
    "Exercise",
    "HistoryRules",
    "Kind",
    "KnowledgeBase",
    "Level",
    "LevelInfo",
    "Likelihood",
    "LoadRules",
    "Lowered",
    "Match",
    "PainRelief",
    "Plan",
    "Question",
    "Screen",
    "SeeDoctor",
    "Source",
    "TriageRule",
    "When",
    "WhenValue",
    "check",
    "compile_when",
    "default_path",
    "from_dict",
    "load",
    "matches",
    "reader_texts",
]


def __getattr__(name: str) -> Any:
    """`check` and `reader_texts` on first use: the checks are most of this
    package's modules, and a knowledge file verified before is not checked
    again (store/verified.py), so a start that does not need them skips them."""
    if name in ("check", "reader_texts"):
        from hipcheck.knowledge import checks

        return getattr(checks, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
