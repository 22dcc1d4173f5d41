"""Ranking and safety figures for a change to the model (not part of the test run).

The published development reports are split in two halves by a hash of
their ids (`tune`: the half a change may be tuned on; `report`: the half it
is reported on, never looked at case by case). The written sets (earlier
written cases, the written version-3 review, the clinical review's probes)
are reported whole, with the safety figures a ranking change must not move:

- under- and over-triage;
- ordinary runners over-triaged (every accepted level self-care or routine,
  the level above all of them);
- self-care kept: of the cases where a clinician accepts self-care, the
  share that get it;
- bone stop: of the cases where a clinician accepts self-care, how many
  get a plan that stops running for a possible bone stress injury
  (`plan.running_basis == "bone"`): raising bone causes in the ranking must
  not stop ordinary runners' running. In brackets, those stopped by the
  ranking (a bone cause among the first shown) rather than by a route.

Usage: .venv/bin/python bench/rank_split.py [--misses tune|report|all] [--json]
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from hipcheck.core.answers import parse_answers
from hipcheck.core.assessment import assess
from hipcheck.core.bone_stop import stopping_for_bone
from hipcheck.knowledge import LEVELS, load

sys.path.insert(0, str(Path(__file__).parent))
from ranking_figures import ROOT, known

CASES = ROOT / "tests/cases"
#: The published development reports (a held-out set built elsewhere is
#: measured by the lead, never here).
PUBLISHED = [
    "case_reports.json",
    "case_reports_v3_a.json",
    "case_reports_v3_b.json",
    "case_reports_v3_c.json",
    "case_reports_sample.json",
]
WRITTEN = ["cases.json", "written_v2.json", "written_v3_review.json", "probes_clinical_2.json"]


def half(case_id: str) -> str:
    """`tune` or `report`, from a hash of the id: stable, and blind to the
    cause, the source and the order of the file."""
    return "tune" if hashlib.sha1(case_id.encode()).digest()[0] % 2 == 0 else "report"


def row(kb: Any, case: dict[str, Any]) -> dict[str, Any]:
    a = assess(kb, parse_answers(kb, known(kb, case["answers"])))
    want = case["expect"].get("conditions_any") or []
    levels = [LEVELS.index(t) for t in case["expect"]["triage_any"]]
    lv = LEVELS.index(a.triage.level)
    ids = [c.id for c in a.conditions]
    ranked = bool(want) and not case.get("route_only") and not case["expect"].get("outside_kb")
    p_set = sum(c.score for c in a.conditions if c.id in want)
    rest = sum(c.score**2 for c in a.conditions if c.id not in want)
    return {
        "id": case["id"],
        "want": want,
        "ranked": ranked,
        "rich": len(case["answers"]) >= 5,
        "top1": ranked and ids[0] in want,
        "top3": ranked and any(i in want for i in ids[:3]),
        "brier": (1 - p_set) ** 2 + rest + a.other**2 if ranked else None,
        "under": lv < min(levels),
        "over": lv > max(levels),
        "ordinary": max(levels) <= LEVELS.index("routine"),
        "self_care_ok": LEVELS.index("self_care") in levels,
        "self_care": a.triage.level == "self_care",
        "bone_stop": a.plan.running_basis == "bone",
        "bone_stop_ranking": bool(stopping_for_bone(kb, a.triage, a.conditions)),
        "top": [(c.id, round(c.score, 2)) for c in a.conditions[:4]],
        "level": a.triage.level,
        "answers": case["answers"],
    }


def summary(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    def frac(sel: list[dict[str, Any]], key: str) -> str:
        n = len(sel)
        k = sum(bool(r[key]) for r in sel)
        return f"{k}/{n} ({k / n:.0%})" if n else "-"

    ranked = [r for r in rows if r["ranked"]]
    rich = [r for r in ranked if r["rich"]]
    ordinary = [r for r in rows if r["ordinary"]]
    sc = [r for r in rows if r["self_care_ok"]]
    briers = [r["brier"] for r in ranked]
    return {
        "n": len(rows),
        "top1": frac(ranked, "top1"),
        "top3": frac(ranked, "top3"),
        "top1_5": frac(rich, "top1"),
        "top3_5": frac(rich, "top3"),
        "brier": round(sum(briers) / len(briers), 3) if briers else None,
        "under": sum(r["under"] for r in rows),
        "over": sum(r["over"] for r in rows),
        "ordinary_over": frac(ordinary, "over"),
        "self_care_kept": frac(sc, "self_care"),
        "bone_stop_self_care_ok": sum(r["bone_stop"] for r in sc),
        "bone_stop_ranking": sum(r["bone_stop"] and r["bone_stop_ranking"] for r in sc),
    }


def load_rows(kb: Any, name: str) -> list[dict[str, Any]]:
    cases = json.loads((CASES / name).read_text())
    return [row(kb, c) | {"file": name} for c in cases]


def collect(kb: Any) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Every figure, and the published rows."""
    out: dict[str, Any] = {}
    published = [r for name in PUBLISHED for r in load_rows(kb, name)]
    for part in ("tune", "report"):
        out[f"published {part}"] = summary([r for r in published if half(r["id"]) == part])
    out["published all"] = summary(published)
    for name in PUBLISHED:
        out[name] = summary([r for r in published if r["file"] == name])
    for name in WRITTEN:
        out[name] = summary(load_rows(kb, name))
    return out, published


def main(argv: list[str]) -> None:
    out, published = collect(load())
    if "--json" in argv:
        print(json.dumps(out, indent=1))
    else:
        for name, f in out.items():
            print(
                f"{name:26} top1/5 {f['top1_5']:>13} top3/5 {f['top3_5']:>13} top3 {f['top3']:>13} "
                f"Brier {f['brier']} under {f['under']} over {f['over']} "
                f"ordinary-over {f['ordinary_over']} self-care {f['self_care_kept']} "
                f"bone-stop {f['bone_stop_self_care_ok']} (ranking {f['bone_stop_ranking']})"
            )
    if "--misses" in argv:
        which = argv[argv.index("--misses") + 1]
        for r in published:
            if r["ranked"] and r["rich"] and not r["top1"] and which in ("all", half(r["id"])):
                mark = "   " if r["top3"] else "!!!"
                print(mark, r["id"], r["want"], r["top"], json.dumps(r["answers"])[:400])


if __name__ == "__main__":
    main(sys.argv[1:])
