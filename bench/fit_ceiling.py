"""How far could re-weighting go on held-out published reports? (not part of
the test run; needs NumPy, which hipcheck itself does not use)

An upper-bound experiment for issue 17's ranking targets. On top of the
shipped model's logits (priors, weights, clusters, unticked evidence), fit
one correction per condition and per answer (a log-ratio added whenever the
answer is given: "location.groin", "timing.at_night", "age.18_34", ...),
with an L2 penalty, on every labelled development case (written cases, the
review's probes and the development published reports, each group weighing
a third unless REPORTS_WEIGHT says otherwise), then report top-1 and top-3
on the held-out published sets, which the fit never sees.

The correction is far more freedom than any clinician's re-weighting
(19 conditions x every answer seen): if even it cannot reach the targets
on held-out histories, the misses are in what the histories say, not in
the weights. Nothing here is written into the knowledge file.

Usage:
    .venv/bin/pip install numpy
    .venv/bin/python bench/fit_ceiling.py [HELD_OUT_SET ...]
    REPORTS_WEIGHT=2 .venv/bin/python bench/fit_ceiling.py
(sets are names in tests/cases/; default: case_reports_v3_e, case_reports_v3_f)
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from ranking_figures import ROOT, known

from hipcheck.core.answers import parse_answers
from hipcheck.core.scoring import logits
from hipcheck.knowledge import load

DEV = [
    "case_reports",
    "case_reports_v3_a",
    "case_reports_v3_b",
    "case_reports_v3_c",
    "case_reports_v3_d",
    "cases",
    "written_v2",
    "written_v3_review",
    "probes_clinical_2",
]
HELD_OUT = ["case_reports_v3_e", "case_reports_v3_f"]
PENALTIES = (0.3, 0.1, 0.03, 0.01)
STEPS = 400
REPORTS_WEIGHT = float(os.environ.get("REPORTS_WEIGHT", "1"))

Case = tuple[Any, list[int], list[str], int, str]  # logits, accepted, tokens, answers, set


def token(qid: str, value: Any) -> str | None:
    """The answer as one feature: numbers in bands, everything else as given."""
    if isinstance(value, bool):
        return f"{qid}.{value}"
    if isinstance(value, int | float):
        if qid == "age":
            edges = ((18, "under_18"), (35, "18_34"), (50, "35_49"), (65, "50_64"))
            return "age." + next((name for edge, name in edges if value < edge), "65_plus")
        if qid == "severity":
            return "severity." + ("low" if value <= 3 else "mid" if value <= 6 else "high")
        return None
    return f"{qid}.{value}"


def cases(kb: Any, name: str) -> list[Case]:
    ids = [c.id for c in kb.conditions]
    out: list[Case] = []
    for case in json.loads((ROOT / "tests/cases" / f"{name}.json").read_text()):
        expect = case["expect"]
        want = [ids.index(k) for k in expect.get("conditions_any") or [] if k in ids]
        if expect.get("outside_kb") or case.get("route_only") or not want:
            continue
        answers = parse_answers(kb, known(kb, case["answers"]))
        tokens = [
            t
            for qid, value in answers.items()
            for v in (value if isinstance(value, tuple) else (value,))
            if (t := token(qid, v)) is not None
        ]
        raw = np.array(logits(kb, answers)[0][: len(ids)])
        out.append((raw, want, tokens, len(case["answers"]), name))
    return out


class Ceiling:
    def __init__(self, kb: Any, dev: list[Case]) -> None:
        self.inv_t = 1.0 / kb.ranking.calibration.temperature
        self.vocab = {t: i for i, t in enumerate(sorted({t for c in dev for t in c[2]}))}
        self.dev = dev
        groups = [_group(c[4]) for c in dev]
        share = {g: (REPORTS_WEIGHT if g == "reports" else 1.0) / groups.count(g) for g in groups}
        w = np.array([share[g] for g in groups])
        self.weight = w * len(w) / w.sum()

    def features(self, rows: list[Case]) -> Any:
        x = np.zeros((len(rows), len(self.vocab)))
        for k, row in enumerate(rows):
            for t in row[2]:
                if t in self.vocab:
                    x[k, self.vocab[t]] = 1.0
        return x

    def probabilities(self, rows: list[Case], delta: Any) -> Any:
        z = self.inv_t * (np.stack([r[0] for r in rows]) + self.features(rows) @ delta)
        e = np.exp(z - z.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)

    def fit(self, penalty: float) -> Any:
        """Adam on the log loss of the accepted causes plus the L2 penalty."""
        rows, n = self.dev, len(self.dev[0][0])
        x = self.features(rows)
        accepted = np.zeros((len(rows), n))
        for k, row in enumerate(rows):
            accepted[k, row[1]] = 1.0
        delta = np.zeros((len(self.vocab), n))
        m, v = np.zeros_like(delta), np.zeros_like(delta)
        for step in range(1, STEPS + 1):
            p = self.probabilities(rows, delta)
            share = (p * accepted).sum(axis=1, keepdims=True)
            dz = (p - p * accepted / share) * self.weight[:, None] * self.inv_t
            grad = x.T @ dz / len(rows) + 2 * penalty * delta
            m = 0.9 * m + 0.1 * grad
            v = 0.999 * v + 0.001 * grad * grad
            delta -= 0.05 * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
        return delta


def _group(name: str) -> str:
    if "probes" in name:
        return "probes"
    return "reports" if "case_reports" in name else "written"


def line(label: str, ceiling: Ceiling, rows: list[Case], delta: Any) -> str:
    p = ceiling.probabilities(rows, delta)
    hits = []
    for k, row in enumerate(rows):
        order = list(np.argsort(-p[k]))
        hits.append((order[0] in row[1], any(o in row[1] for o in order[:3]), row[3] >= 5))
    rich = [h for h in hits if h[2]]

    def pct(xs: list[tuple[bool, bool, bool]], i: int) -> str:
        return f"{sum(h[i] for h in xs) / len(xs):.0%}" if xs else "-"

    return (
        f"  {label:20s} n={len(hits):3d} top1 {pct(hits, 0):>4} top3 {pct(hits, 1):>4}"
        f" | 5+ answers (n={len(rich)}): top1 {pct(rich, 0):>4} top3 {pct(rich, 1):>4}"
    )


def main() -> None:
    kb = load()
    held = sys.argv[1:] or HELD_OUT
    dev = [c for name in DEV for c in cases(kb, name)]
    tests = {name: cases(kb, name) for name in held}
    pooled = [c for rows in tests.values() for c in rows]
    ceiling = Ceiling(kb, dev)
    zero = np.zeros((len(ceiling.vocab), len(dev[0][0])))
    print(f"shipped model (no correction), {len(ceiling.vocab)} answer features")
    for name, rows in tests.items():
        print(line(name, ceiling, rows, zero))
    print(line("held-out pooled", ceiling, pooled, zero))
    print(line("development", ceiling, dev, zero))
    for penalty in PENALTIES:
        delta = ceiling.fit(penalty)
        print(f"fitted correction, L2 {penalty} (largest |log-ratio| {np.abs(delta).max():.2f})")
        for name, rows in tests.items():
            print(line(name, ceiling, rows, delta))
        print(line("held-out pooled", ceiling, pooled, delta))
        print(line("development", ceiling, dev, delta))


if __name__ == "__main__":
    main()
