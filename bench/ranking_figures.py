"""Ranking figures on every case set (not part of the test run).

For each set: top-1 and top-3, on all histories and on those with at least
five answers, the Brier score, under- and over-triage. Probes marked
`route_only` (the real cause is not in the knowledge file) count for triage
and fit only. Works against older checkouts too (run it with PYTHONPATH set
to one), so before/after figures come from the same script.

Usage: .venv/bin/python bench/ranking_figures.py [--json] [FILE ...]
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from hipcheck.core.answers import parse_answers
from hipcheck.core.assessment import assess
from hipcheck.knowledge import LEVELS, load

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SETS = [
    ROOT / "tests/cases/case_reports.json",
    ROOT / "tests/cases/case_reports_v3_a.json",
    ROOT / "tests/cases/case_reports_v3_b.json",
    ROOT / "tests/cases/case_reports_v3_d.json",  # held out: never tuned on
    ROOT / "tests/cases/case_reports_v3_e.json",  # held out: never tuned on
    ROOT / "tests/cases/case_reports_v3_f.json",  # held out: never tuned on
    ROOT / "tests/cases/case_reports_v3_g.json",  # held out: never tuned on
    ROOT / "tests/cases/cases.json",
    ROOT / "tests/cases/written_v2.json",
    SHARED / "reviews/clinical-2-probes.json",
    SHARED / "case-reports-sample.json",
    SHARED / "vignettes-sample.json",
]


def known(kb: Any, answers: dict[str, Any]) -> dict[str, Any]:
    """The answers this knowledge file can read: contract v3 answers are
    left out until the file has them (so older checkouts can be measured)."""
    out: dict[str, Any] = {}
    for qid, value in answers.items():
        q = kb.question_by_id.get(qid)
        if q is None:
            continue
        if isinstance(value, list):
            value = [v for v in value if v in q.values]
            if not value:
                continue
        elif isinstance(value, str) and q.kind == "one" and value not in q.values:
            continue
        out[qid] = value
    return out


def figures(kb: Any, cases: Sequence[dict[str, Any]]) -> dict[str, Any]:
    ranked, rich, brier, fits = [], [], [], {"good": 0, "weak": 0, "poor": 0}
    route_fits = {"good": 0, "weak": 0, "poor": 0}
    under = over = 0
    for case in cases:
        a = assess(kb, parse_answers(kb, known(kb, case["answers"])))
        want = case["expect"].get("conditions_any") or []
        levels = case["expect"]["triage_any"]
        lv = LEVELS.index(a.triage.level)
        under += lv < min(LEVELS.index(t) for t in levels)
        over += lv > max(LEVELS.index(t) for t in levels)
        fit = getattr(a, "fit", "good")
        if case.get("route_only"):
            route_fits[fit] += 1
            continue
        if not want:
            continue
        fits[fit] += 1
        ids = [c.id for c in a.conditions]
        hit = (ids[0] in want, any(i in want for i in ids[:3]))
        ranked.append(hit)
        if len(case["answers"]) >= 5:
            rich.append(hit)
        p_set = sum(c.score for c in a.conditions if c.id in want)
        rest = sum(c.score**2 for c in a.conditions if c.id not in want)
        brier.append((1 - p_set) ** 2 + rest + getattr(a, "other", 0.0) ** 2)

    def share(rows: list[tuple[bool, bool]], k: int) -> str:
        n = len(rows)
        ok = sum(r[k] for r in rows)
        return f"{ok}/{n} ({ok / n:.0%})" if n else "-"

    return {
        "n": len(cases),
        "top1": share(ranked, 0),
        "top3": share(ranked, 1),
        "top1_5": share(rich, 0),
        "top3_5": share(rich, 1),
        "brier": round(sum(brier) / len(brier), 3) if brier else None,
        "under": under,
        "over": over,
        "fit": fits,
        "route_only_fit": route_fits,
    }


def main(argv: list[str]) -> None:
    as_json = "--json" in argv
    paths = [Path(a) for a in argv if a != "--json"] or SETS
    kb = load()
    out = {}
    for path in paths:
        if path.is_file():
            out[path.name] = figures(kb, json.loads(path.read_text()))
    if as_json:
        print(json.dumps(out, indent=1))
        return
    for name, f in out.items():
        print(
            f"{name:27} n={f['n']:3} top1 {f['top1']:>13} top3 {f['top3']:>13} | >=5 answers: "
            f"top1 {f['top1_5']:>13} top3 {f['top3_5']:>13} | Brier {f['brier']} "
            f"under {f['under']} over {f['over']} fit {f['fit']} route-only {f['route_only_fit']}"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
