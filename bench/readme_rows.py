"""Refresh the figures of the README's case-set table from `hipcheck evaluate`
(not part of the test run).

Each row starts with its case file's name in backquotes; its nine figure cells
(cases, top-1, top-3, 5+, Brier, under-triaged, ordinary over, self-care kept,
poor fit) are recomputed for the knowledge file now in data/. The words of
each row are kept. Prints the cells that change; writes with --write.

Usage:
    .venv/bin/python bench/readme_rows.py [--write]
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HIPCHECK = ROOT / ".venv" / "bin" / "hipcheck"


def _pct(x: float) -> str:
    return f"{round(100 * x)}%"


def cells(d: dict[str, Any]) -> list[str]:
    """The nine figure cells of one case set's evaluation."""
    ranked = bool(d["ranked_cases"])
    over, kept, fit = d["ordinary_over_triaged"], d["self_care_where_accepted"], d["outside_fit"]
    outside = sum(fit.values())
    return [
        str(d["cases"]),
        _pct(d["top1"]) if ranked else "",
        _pct(d["top3"]) if ranked else "",
        f"{_pct(d['top1_5_answers'])} / {_pct(d['top3_5_answers'])}" if ranked else "",
        f"{d['brier']:.2f}" if ranked else "",
        str(len(d["under_triaged"])),
        f"{over['over']} of {over['of']}" if over["of"] else "",
        f"{kept['kept']} of {kept['of']}" if kept["of"] else "",
        f"{fit['poor']} of {outside} |" if outside else "|",
    ]


def main(write: bool) -> int:
    readme = ROOT / "README.md"
    lines = readme.read_text(encoding="utf-8").split("\n")
    for i, line in enumerate(lines):
        m = re.match(r"^\| `([a-z0-9_]+\.json)`:", line)
        parts = line.split(" | ")
        if not m or len(parts) != 10:
            continue
        out = subprocess.run(
            [HIPCHECK, "evaluate", ROOT / "tests" / "cases" / m[1], "-f", "json"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        new = cells(json.loads(out.stdout))
        if [c.strip() for c in parts[1:]] != [c.strip() for c in new]:
            print(
                m[1],
                [
                    (a.strip(), b)
                    for a, b in zip(parts[1:], new, strict=True)
                    if a.strip() != b.strip()
                ],
            )
        lines[i] = " | ".join([parts[0], *new])
    if write:
        readme.write_text("\n".join(lines), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main("--write" in sys.argv))
