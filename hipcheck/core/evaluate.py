"""Measure the knowledge file against written cases (vignettes).

A case is {"id", "answers", "expect": {"conditions_any": [...],
"triage_any": [...]}} as in shared/vignettes-sample.json. Top-1 counts a case
when the first-ranked condition is one of conditions_any; top-3 when any of
the first three is; triage when the level is one of triage_any. A level below
every level in triage_any is an under-triage: the error that must not happen.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hipcheck.core.answers import parse_answers
from hipcheck.core.assessment import assess
from hipcheck.errors import AnswerError, unreadable
from hipcheck.knowledge import LEVELS, KnowledgeBase


@dataclass(frozen=True, slots=True)
class Case:
    id: str
    answers: dict[str, Any]
    conditions_any: tuple[str, ...]
    triage_any: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CaseResult:
    case: Case
    ranked: tuple[str, ...]
    level: str

    @property
    def top1(self) -> bool:
        return self.ranked[0] in self.case.conditions_any

    @property
    def top3(self) -> bool:
        return any(c in self.case.conditions_any for c in self.ranked[:3])

    @property
    def triage_ok(self) -> bool:
        return self.level in self.case.triage_any

    @property
    def under_triaged(self) -> bool:
        return LEVELS.index(self.level) < min(LEVELS.index(t) for t in self.case.triage_any)


@dataclass(frozen=True, slots=True)
class Evaluation:
    results: tuple[CaseResult, ...]

    def _share(self, ok: Sequence[bool]) -> float:
        return sum(ok) / len(ok) if ok else 1.0

    @property
    def top1(self) -> float:
        return self._share([r.top1 for r in self.results])

    @property
    def top3(self) -> float:
        return self._share([r.top3 for r in self.results])

    @property
    def triage(self) -> float:
        return self._share([r.triage_ok for r in self.results])

    @property
    def under_triaged(self) -> tuple[CaseResult, ...]:
        return tuple(r for r in self.results if r.under_triaged)

    @property
    def self_care_kept(self) -> tuple[int, int]:
        """(kept at self_care, cases where self_care is the expected level)."""
        sc = [r for r in self.results if r.case.triage_any == ("self_care",)]
        return sum(r.level == "self_care" for r in sc), len(sc)


def read_cases(kb: KnowledgeBase, path: Path) -> list[Case]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise unreadable(f"cases file {path}: ", e) from None
    except UnicodeDecodeError:
        raise AnswerError(f"cases file {path}: not UTF-8 text") from None
    except json.JSONDecodeError as e:
        raise AnswerError(f"cases file {path}: not valid JSON: {e.msg} (line {e.lineno})") from None
    if not isinstance(raw, list):
        raise AnswerError(f"cases file {path}: must hold a list of cases")
    cases = []
    for i, item in enumerate(raw):
        where = f"cases file {path}: case {item.get('id', i) if isinstance(item, dict) else i}: "
        if not isinstance(item, dict) or not isinstance(item.get("answers"), dict):
            raise AnswerError(f"{where}needs an 'answers' object")
        expect = item.get("expect")
        if not isinstance(expect, dict):
            raise AnswerError(f"{where}needs an 'expect' object")
        conds = tuple(expect.get("conditions_any") or ())
        levels = tuple(expect.get("triage_any") or ())
        unknown = [c for c in conds if c not in kb.condition_by_id]
        if not conds or unknown:
            raise AnswerError(f"{where}expect.conditions_any must list known condition ids")
        if not levels or any(lv not in LEVELS for lv in levels):
            raise AnswerError(f"{where}expect.triage_any must list levels: {', '.join(LEVELS)}")
        parse_answers(kb, item["answers"], where)  # validate early, naming the case
        cases.append(Case(str(item.get("id", i)), item["answers"], conds, levels))
    return cases


def evaluate(kb: KnowledgeBase, cases: Sequence[Case]) -> Evaluation:
    results = []
    for case in cases:
        a = assess(kb, parse_answers(kb, case.answers))
        results.append(CaseResult(case, tuple(c.id for c in a.conditions), a.triage.level))
    return Evaluation(tuple(results))


def report(ev: Evaluation) -> str:
    n = len(ev.results)
    kept, sc = ev.self_care_kept

    def line(name: str, ok: int) -> str:
        return f"{name:<18}{ok:>4}/{n} ({ok / n:.1%})" if n else f"{name:<18} -"

    out = [
        f"cases             {n:>4}",
        line("top-1", sum(r.top1 for r in ev.results)),
        line("top-3", sum(r.top3 for r in ev.results)),
        line("triage agreement", sum(r.triage_ok for r in ev.results)),
        f"under-triaged     {len(ev.under_triaged):>4}",
        f"self-care kept    {kept:>4}/{sc}",
    ]
    misses = [r for r in ev.results if not (r.top1 and r.triage_ok)]
    if misses:
        out.append("misses:")
    for r in misses:
        if not r.top1:
            out.append(
                f"  {r.case.id}: top-1 expected {'|'.join(r.case.conditions_any)}, "
                f"got {r.ranked[0]} (top 3: {', '.join(r.ranked[:3])})"
            )
        if not r.triage_ok:
            flag = "  UNDER-TRIAGE" if r.under_triaged else ""
            out.append(
                f"  {r.case.id}: triage expected {'|'.join(r.case.triage_any)}, got {r.level}{flag}"
            )
    return "\n".join(out) + "\n"


def to_dict(ev: Evaluation) -> dict[str, Any]:
    kept, sc = ev.self_care_kept
    return {
        "cases": len(ev.results),
        "top1": ev.top1,
        "top3": ev.top3,
        "triage": ev.triage,
        "under_triaged": [r.case.id for r in ev.under_triaged],
        "self_care_kept": {"kept": kept, "of": sc},
        "results": [
            {
                "id": r.case.id,
                "top3": list(r.ranked[:3]),
                "level": r.level,
                "top1_ok": r.top1,
                "top3_ok": r.top3,
                "triage_ok": r.triage_ok,
                "under_triaged": r.under_triaged,
            }
            for r in ev.results
        ],
    }
