"""Fit the ranking's calibration ([ranking.calibration]: a temperature and one
bias per condition) on labelled cases, and report a held-out split.

The model (priors, weights, clusters) is not touched: only
p = softmax(logit / temperature + bias) is fitted, by minimising the log
loss of the accepted causes (a case accepting several causes scores their
summed probability; cases whose cause is outside the knowledge file are
left out, and the "other" outcome keeps its declared prior) plus an L2
penalty on the biases, so that a bias moves only as far as many cases
ask. Plain gradient descent: no dependency beyond hipcheck.

Usage:
    .venv/bin/python bench/fit_calibration.py            # split figures, then the fit on all
    .venv/bin/python bench/fit_calibration.py --toml     # also print the TOML to paste
    .venv/bin/python bench/fit_calibration.py --bias     # also fit one bias per condition

Split: the new published case reports (case_reports_v3_*.json) are split in
two halves by the order of their ids; the fit uses the written sets, the
probes, the older case reports and one half, and is reported on the other.
"""

from __future__ import annotations

import json
import math
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from hipcheck.core.answers import parse_answers
from hipcheck.core.scoring import logits
from hipcheck.knowledge import load
from hipcheck.knowledge.ranking import OTHER

sys.path.insert(0, str(Path(__file__).parent))
from ranking_figures import ROOT, known

DEV = [
    ROOT / "tests/cases/case_reports.json",
    ROOT / "tests/cases/cases.json",
    ROOT / "tests/cases/written_v2.json",
    ROOT / "tests/cases/written_v3_review.json",
    ROOT / "tests/cases/probes_clinical_2.json",
]
#: Named one by one: a held-out set added to tests/cases later is never fitted on.
NEW = [
    ROOT / "tests/cases/case_reports_v3_a.json",
    ROOT / "tests/cases/case_reports_v3_b.json",
    ROOT / "tests/cases/case_reports_v3_c.json",
]
#: Penalty on the biases; without --bias they are held at 0 (temperature only).
L2 = float(os.environ.get("FIT_L2", "2"))
BIAS = "--bias" in sys.argv
STEPS = 1200
N_CONDITIONS = 0


Row = tuple[list[float], frozenset[int], int, float]  # logits, accepted, answers given, weight


def rows(kb: Any, paths: Sequence[Path], part: int | None = None) -> list[Row]:
    """The labelled cases of `paths` (one half of each file when `part` is
    given), weighted so that written cases, the review's probes and
    published case reports each weigh a third: clean written vignettes
    must not decide alone how sure the ranking is with real histories."""
    ids = [c.id for c in kb.conditions] + [OTHER]
    out: list[Row] = []
    for path in paths:
        if not path.is_file():
            continue
        cases = json.loads(path.read_text())
        if part is not None:
            cases = sorted(cases, key=lambda c: c["id"])[part::2]
        for case in cases:
            answers = parse_answers(kb, known(kb, case["answers"]))
            raw = logits(kb, answers)[0]
            want = case["expect"].get("conditions_any") or []
            if case["expect"].get("outside_kb") or case.get("route_only"):
                continue  # the other outcome keeps its declared prior and weights
            accepted = want
            target = frozenset(ids.index(k) for k in accepted if k in ids[: len(raw)])
            if target:
                out.append((raw, target, len(case["answers"]), GROUPS.index(group(path))))
    return out


def group(path: Path) -> str:
    if "probes" in path.name:
        return "probes"
    return "reports" if "case_reports" in path.name else "written"


GROUPS = ("written", "probes", "reports")


def weighed(data: list[Row]) -> list[Row]:
    """Each group (written cases, the review's probes, published reports)
    weighs a third of the cases fitted on, however many it holds."""
    n = [sum(1 for r in data if r[3] == g) for g in range(len(GROUPS))]
    share = len(data) / sum(1 for k in n if k)
    return [(raw, t, given, share / n[int(g)]) for raw, t, given, g in data]


def probabilities(raw: Sequence[float], a: float, bias: Sequence[float]) -> list[float]:
    z = [v * a + b for v, b in zip(raw, bias, strict=True)]
    top = max(z)
    e = [math.exp(v - top) for v in z]
    s = sum(e)
    return [x / s for x in e]


def fit(data: list[Row], width: int) -> tuple[float, list[float]]:
    a, bias = 1.0, [0.0] * width
    m = [0.0] * (width + 1)
    v = [0.0] * (width + 1)
    for step in range(1, STEPS + 1):
        ga, gb = 0.0, [0.0] * width
        for raw, target, _, weight in data:
            p = probabilities(raw, a, bias)
            ps = sum(p[k] for k in target)
            for k in range(width):
                g = weight * (p[k] - (p[k] / ps if k in target else 0.0))
                ga += g * raw[k]
                gb[k] += g
        n = len(data)
        grads = [ga / n] + [g / n + 2 * L2 * b / n for g, b in zip(gb, bias, strict=True)]
        params = [a, *bias]
        for i, g in enumerate(grads):  # Adam
            m[i] = 0.9 * m[i] + 0.1 * g
            v[i] = 0.999 * v[i] + 0.001 * g * g
            mh, vh = m[i] / (1 - 0.9**step), v[i] / (1 - 0.999**step)
            params[i] -= 0.02 * mh / (math.sqrt(vh) + 1e-8)
        a, bias = max(0.1, params[0]), (params[1:] if BIAS else [0.0] * width)
        # the other outcome keeps its declared prior (no bias); the others
        # are centred: only differences between conditions matter
        n = N_CONDITIONS
        mean = sum(bias[:n]) / n
        bias = [b - mean for b in bias[:n]] + [0.0] * (width - n)
    return a, bias


def report(name: str, data: list[Row], a: float, bias: Sequence[float]) -> str:
    if not data:
        return f"{name}: no cases"
    top1 = top3 = top1_5 = top3_5 = n5 = 0
    brier = logloss = 0.0
    for raw, target, given, _ in data:
        p = probabilities(raw, a, bias)
        conds = sorted(range(N_CONDITIONS), key=lambda k: -p[k])
        first3 = conds[:3]
        h1, h3 = conds[0] in target, any(k in target for k in first3)
        top1 += h1
        top3 += h3
        if given >= 5:
            n5 += 1
            top1_5 += h1
            top3_5 += h3
        ps = sum(p[k] for k in target)
        brier += (1 - ps) ** 2 + sum(p[k] ** 2 for k in range(len(p)) if k not in target)
        logloss -= math.log(max(ps, 1e-12))
    n = len(data)
    return (
        f"{name}: n={n} top1 {top1 / n:.0%} top3 {top3 / n:.0%} | >=5 answers (n={n5}): "
        f"top1 {top1_5 / max(1, n5):.0%} top3 {top3_5 / max(1, n5):.0%} | "
        f"Brier {brier / n:.3f} log loss {logloss / n:.3f}"
    )


def main(argv: list[str]) -> None:
    global N_CONDITIONS
    kb = load()
    width = kb.ranking_tables.width
    N_CONDITIONS = kb.ranking_tables.n
    ident = (1.0, [0.0] * width)
    dev = rows(kb, DEV)
    for part in (0, 1):
        tune, held = rows(kb, NEW, part), rows(kb, NEW, 1 - part)
        a, bias = fit(weighed(dev + tune), width)
        print(f"split {part}: fitted on {len(dev) + len(tune)}, temperature {1 / a:.2f}")
        print("  " + report("held-out half, uncalibrated", held, *ident))
        print("  " + report("held-out half, calibrated", held, a, bias))
    everything = weighed(dev + rows(kb, NEW))
    a, bias = fit(everything, width)
    print(f"all {len(everything)} cases: temperature {1 / a:.2f}")
    print("  " + report("all, uncalibrated", everything, *ident))
    print("  " + report("all, calibrated", everything, a, bias))
    if "--toml" in argv:
        names = [c.id for c in kb.conditions] + [OTHER]
        print("[ranking.calibration]")
        print(f"temperature = {1 / a:.3f}")
        print(
            "bias = { "
            + ", ".join(f"{k} = {b:.3f}" for k, b in zip(names, bias, strict=True))
            + " }"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
