"""Measure the knowledge file against written cases (vignettes).

A case is {"id", "answers", "expect": {"conditions_any": [...],
"triage_any": [...]}} as in shared/vignettes-sample.json. Top-1 counts a case
when the first-ranked condition is one of conditions_any; top-3 when any of
the first three is; triage when the level is one of triage_any. A level below
every level in triage_any is an under-triage: the error that must not happen;
one above every level in it an over-triage: a runner sent to a doctor sooner
than a clinician would. An empty conditions_any makes a triage-only case (a
cause outside the knowledge file, or a picture judged for its level only):
it counts for triage, not for top-1 and top-3. A case's cause is outside
the knowledge file when `expect.outside_kb` says so; without it, when
`expect.fit` (a fit or a list of accepted fits: good, weak, poor) does not
accept "good"; without either, when conditions_any is empty. The fit of the
causes outside the file and of those in it is reported, and `expect.fit`
is checked. The Brier score and the reliability table (core.reliability)
say how well the ranking's probabilities are calibrated.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hipcheck.core.answers import load_json, parse_answers
from hipcheck.core.assessment import assess
from hipcheck.core.batch import ID_LIMIT
from hipcheck.core.reliability import Bin, brier, reliability, table_lines
from hipcheck.errors import AnswerError, show
from hipcheck.knowledge import LEVELS, KnowledgeBase
from hipcheck.safe_read import CASES_LIMIT, display, read_file

FITS = ("good", "weak", "poor")


@dataclass(frozen=True, slots=True)
class Case:
    id: str
    answers: dict[str, Any]
    conditions_any: tuple[str, ...]
    triage_any: tuple[str, ...]
    #: The cause is outside the knowledge file (see the module docstring).
    outside: bool = False
    #: The accepted fits (expect.fit); empty: not judged.
    fit_any: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CaseResult:
    case: Case
    ranked: tuple[str, ...]
    level: str
    #: The probability of each condition of `ranked`, in its order.
    scores: tuple[float, ...] = ()
    #: The probability of a cause outside the knowledge file, and the fit.
    other: float = 0.0
    fit: str = "good"

    @property
    def ranks(self) -> bool:
        """Whether the case judges the ranking (not a triage-only case)."""
        return bool(self.case.conditions_any)

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
    def fit_ok(self) -> bool | None:
        """Whether the fit is one expect.fit accepts (None: not judged)."""
        return self.fit in self.case.fit_any if self.case.fit_any else None

    @property
    def under_triaged(self) -> bool:
        return LEVELS.index(self.level) < min(LEVELS.index(t) for t in self.case.triage_any)

    @property
    def over_triaged(self) -> bool:
        return LEVELS.index(self.level) > max(LEVELS.index(t) for t in self.case.triage_any)

    @property
    def brier(self) -> float:
        pairs = zip(self.ranked, self.scores, strict=True)
        return brier(pairs, self.other, self.case.conditions_any)


@dataclass(frozen=True, slots=True)
class Evaluation:
    results: tuple[CaseResult, ...]

    def _share(self, ok: Sequence[bool]) -> float:
        return sum(ok) / len(ok) if ok else 1.0

    @property
    def ranked(self) -> tuple[CaseResult, ...]:
        """The cases that judge the ranking (triage-only cases left out)."""
        return tuple(r for r in self.results if r.ranks)

    @property
    def top1(self) -> float:
        return self._share([r.top1 for r in self.ranked])

    @property
    def top3(self) -> float:
        return self._share([r.top3 for r in self.ranked])

    @property
    def rich(self) -> tuple[CaseResult, ...]:
        """Ranked cases with at least five answers."""
        return tuple(r for r in self.ranked if len(r.case.answers) >= 5)

    @property
    def brier(self) -> float | None:
        """The mean Brier score of the ranked cases (None without any)."""
        rs = [r.brier for r in self.ranked if r.scores]
        return sum(rs) / len(rs) if rs else None

    @property
    def reliability(self) -> tuple[Bin, ...]:
        return reliability((r.scores[0], r.top1) for r in self.ranked if r.scores)

    @property
    def outside_fit(self) -> dict[str, int]:
        """How the fit came out for the causes outside the knowledge file."""
        return _fits(r for r in self.results if r.case.outside)

    @property
    def inside_fit(self) -> dict[str, int]:
        """How the fit came out for the ranked cases whose cause is in the file."""
        return _fits(r for r in self.ranked if not r.case.outside)

    @property
    def fit_expected(self) -> tuple[int, int]:
        """(fit as expect.fit accepts, cases with expect.fit)."""
        judged = [r.fit_ok for r in self.results if r.fit_ok is not None]
        return sum(judged), len(judged)

    @property
    def triage(self) -> float:
        return self._share([r.triage_ok for r in self.results])

    @property
    def under_triaged(self) -> tuple[CaseResult, ...]:
        return tuple(r for r in self.results if r.under_triaged)

    @property
    def over_triaged(self) -> tuple[CaseResult, ...]:
        return tuple(r for r in self.results if r.over_triaged)

    @property
    def self_care_accepted(self) -> tuple[int, int]:
        """(left at self_care, cases where a clinician accepts self_care)."""
        sc = [r for r in self.results if "self_care" in r.case.triage_any]
        return sum(r.level == "self_care" for r in sc), len(sc)

    @property
    def ordinary_over(self) -> tuple[int, int]:
        """(over-triaged, ordinary cases): those whose accepted levels are
        all self_care or routine, the runners a checker most often sends to
        a doctor too soon."""
        ordinary = [r for r in self.results if set(r.case.triage_any) <= {"self_care", "routine"}]
        return sum(r.over_triaged for r in ordinary), len(ordinary)

    @property
    def self_care_kept(self) -> tuple[int, int]:
        """(kept at self_care, cases where self_care is the expected level)."""
        sc = [r for r in self.results if r.case.triage_any == ("self_care",)]
        return sum(r.level == "self_care" for r in sc), len(sc)


def _fits(results: Iterable[CaseResult]) -> dict[str, int]:
    out = {"good": 0, "weak": 0, "poor": 0}
    for r in results:
        out[r.fit] = out.get(r.fit, 0) + 1
    return out


def read_cases(kb: KnowledgeBase, path: Path) -> list[Case]:
    """Read and check a cases file; every problem is one line (AnswerError).

    Read through `safe_read` (a regular file of at most CASES_LIMIT bytes);
    a UTF-8 BOM is allowed and a key given twice is refused, as in answers
    files.
    """
    source = f"cases file {display(path)}: "
    data = read_file(path, "cases file", CASES_LIMIT, name=display(path))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AnswerError(f"{source}not UTF-8 text") from None
    raw = load_json(text, source)
    if not isinstance(raw, list):
        raise AnswerError(f"{source}must hold a list of cases")
    if not raw:  # every gate would pass on nothing
        raise AnswerError(f"{source}holds no cases: nothing to measure")
    cases = [_case(kb, item, i, source) for i, item in enumerate(raw)]
    seen: set[str] = set()
    for case in cases:
        if case.id in seen:  # it would count twice
            raise AnswerError(f"{source}case {case.id}: the id is used by an earlier case")
        seen.add(case.id)
    return cases


def _case(kb: KnowledgeBase, item: object, index: int, source: str) -> Case:
    where = f"{source}case {index}: "
    if not isinstance(item, dict):
        raise AnswerError(f"{where}must be an object with 'answers' and 'expect'")
    ident = item.get("id", index)
    if isinstance(ident, bool) or not isinstance(ident, str | int):
        raise AnswerError(f"{where}'id' must be a text or a whole number, not {show(ident)}")
    name = str(ident)
    if not name.isprintable() or len(name) > ID_LIMIT:
        raise AnswerError(
            f"{where}'id' {show(name)} must be plain text of at most {ID_LIMIT} characters"
        )
    where = f"{source}case {name}: "
    if not isinstance(item.get("answers"), dict):
        raise AnswerError(f"{where}needs an 'answers' object")
    expect = item.get("expect")
    if not isinstance(expect, dict):
        raise AnswerError(f"{where}needs an 'expect' object")
    conds = _names(expect.get("conditions_any"))
    if conds is None or any(c not in kb.condition_by_id for c in conds):
        raise AnswerError(
            f"{where}expect.conditions_any must list known condition ids (empty: triage only)"
        )
    levels = _names(expect.get("triage_any"))
    if not levels or any(lv not in LEVELS for lv in levels):
        raise AnswerError(f"{where}expect.triage_any must list levels: {', '.join(LEVELS)}")
    fits = expect.get("fit", [])
    fits = _names([fits] if isinstance(fits, str) else fits)
    if fits is None or any(f not in FITS for f in fits):
        raise AnswerError(f"{where}expect.fit must be a fit or a list of fits: {', '.join(FITS)}")
    parse_answers(kb, item["answers"], where)  # validate early, naming the case
    outside = expect.get("outside_kb")
    if not isinstance(outside, bool):
        outside = "good" not in fits if fits else not conds
    return Case(name, item["answers"], conds, levels, outside, fits)


def _names(value: object) -> tuple[str, ...] | None:
    """A list of texts as a tuple; None for anything else (then refused)."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return None
    return tuple(value)


def check_gates(min_top1: float, min_top3: float) -> None:
    """Refuse a threshold that is not a share from 0 to 1: NaN would compare
    false and silently disable the gate (reliability review F15)."""
    for option, value in (("--min-top1", min_top1), ("--min-top3", min_top3)):
        if not (math.isfinite(value) and 0 <= value <= 1):
            raise AnswerError(f"{option}: {show(value)} is not allowed; allowed: 0 to 1")


def evaluate(kb: KnowledgeBase, cases: Sequence[Case]) -> Evaluation:
    results = []
    for case in cases:
        a = assess(kb, parse_answers(kb, case.answers))
        ids = tuple(c.id for c in a.conditions)
        scores = tuple(c.score for c in a.conditions)
        results.append(CaseResult(case, ids, a.triage.level, scores, a.other, a.fit))
    return Evaluation(tuple(results))


def report(ev: Evaluation) -> str:
    n = len(ev.results)
    kept, sc = ev.self_care_kept

    def line(name: str, ok: int, of: int = n) -> str:
        return f"{name:<18}{ok:>4}/{of} ({ok / of:.1%})" if of else f"{name:<18}   -"

    ranked = ev.ranked
    out = [
        f"cases             {n:>4}"
        + (f" ({n - len(ranked)} triage only)" if len(ranked) < n else ""),
        line("top-1", sum(r.top1 for r in ranked), len(ranked)),
        line("top-3", sum(r.top3 for r in ranked), len(ranked)),
        line("top-1, 5+ answers", sum(r.top1 for r in ev.rich), len(ev.rich)),
        line("top-3, 5+ answers", sum(r.top3 for r in ev.rich), len(ev.rich)),
        line("triage agreement", sum(r.triage_ok for r in ev.results)),
        f"under-triaged     {len(ev.under_triaged):>4}",
        f"over-triaged      {len(ev.over_triaged):>4}",
        f"self-care kept    {kept:>4}/{sc}",
        line("  where accepted", *ev.self_care_accepted),
        line("ordinary over", *ev.ordinary_over),
    ]
    if ev.brier is not None:
        out.append(f"Brier score       {ev.brier:.3f} (0 is perfect, 2 the worst)")
        out += table_lines(ev.reliability)
    for name, fits in (("outside the file", ev.outside_fit), ("in the file", ev.inside_fit)):
        if sum(fits.values()):
            out.append(
                f"{name:<18}fit poor {fits['poor']}, weak {fits['weak']}, good {fits['good']}"
            )
    if ev.fit_expected[1]:
        out.append(line("fit as expected", *ev.fit_expected))
    misses = [
        r
        for r in ev.results
        if not ((r.top1 or not r.ranks) and r.triage_ok and r.fit_ok is not False)
    ]
    if misses:
        out.append("misses:")
    for r in misses:
        if r.ranks and not r.top1:
            out.append(
                f"  {r.case.id}: top-1 expected {'|'.join(r.case.conditions_any)}, "
                f"got {r.ranked[0]} (top 3: {', '.join(r.ranked[:3])})"
            )
        if not r.triage_ok:
            flag = "  UNDER-TRIAGE" if r.under_triaged else ""
            flag = "  over-triage" if r.over_triaged else flag
            out.append(
                f"  {r.case.id}: triage expected {'|'.join(r.case.triage_any)}, got {r.level}{flag}"
            )
        if r.fit_ok is False:
            out.append(f"  {r.case.id}: fit expected {'|'.join(r.case.fit_any)}, got {r.fit}")
    return "\n".join(out) + "\n"


def to_dict(ev: Evaluation) -> dict[str, Any]:
    kept, sc = ev.self_care_kept
    return {
        "cases": len(ev.results),
        "top1": ev.top1 if ev.ranked else None,  # None: no case judges the ranking
        "top3": ev.top3 if ev.ranked else None,
        "triage": ev.triage,
        "ranked_cases": len(ev.ranked),
        "under_triaged": [r.case.id for r in ev.under_triaged],
        "over_triaged": [r.case.id for r in ev.over_triaged],
        "self_care_kept": {"kept": kept, "of": sc},
        "self_care_where_accepted": dict(zip(("kept", "of"), ev.self_care_accepted, strict=True)),
        "ordinary_over_triaged": dict(zip(("over", "of"), ev.ordinary_over, strict=True)),
        "top1_5_answers": ev._share([r.top1 for r in ev.rich]) if ev.rich else None,
        "top3_5_answers": ev._share([r.top3 for r in ev.rich]) if ev.rich else None,
        "brier": ev.brier,
        "reliability": [
            {"low": b.low, "high": b.high, "cases": b.n, "mean": b.predicted, "right": b.observed}
            for b in ev.reliability
        ],
        "outside_fit": ev.outside_fit,
        "inside_fit": ev.inside_fit,
        "fit_expected": dict(zip(("agree", "of"), ev.fit_expected, strict=True)),
        "results": [
            {
                "id": r.case.id,
                "top3": list(r.ranked[:3]),
                "level": r.level,
                "fit": r.fit,
                "outside": r.case.outside,
                "fit_ok": r.fit_ok,
                "top1_ok": r.top1 if r.ranks else None,
                "top3_ok": r.top3 if r.ranks else None,
                "triage_ok": r.triage_ok,
                "under_triaged": r.under_triaged,
                "over_triaged": r.over_triaged,
            }
            for r in ev.results
        ],
    }
