"""`hipcheck load`: read activity files and show the weekly load."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from hipcheck.errors import AnswerError, HipcheckError, show
from hipcheck.knowledge import KnowledgeBase
from hipcheck.training.effect import report as build_report


class NoRuns(HipcheckError):
    exit_code = 1


def run_load(
    kb: KnowledgeBase,
    paths: Sequence[Path],
    weeks: int,
    units: str,
    fmt: str | None,
    as_of: str | None,
) -> None:
    if units not in ("km", "mi"):
        raise AnswerError(f"--units: {show(units)} is not allowed; allowed: km, mi")
    chosen = fmt or ("rich" if sys.stdout.isatty() else "text")
    if chosen not in ("rich", "text", "json"):
        raise AnswerError(f"--format: {show(fmt)} is not allowed; allowed: rich, text, json")
    day = None
    if as_of is not None:
        try:
            day = dt.date.fromisoformat(as_of)
        except ValueError:
            raise AnswerError(f"--as-of: {show(as_of)} is not a date; use YYYY-MM-DD") from None
    report = build_report(kb, paths, weeks, day)
    from hipcheck.render import load_render as r

    if report.runs == 0:
        for problem in report.problems:
            sys.stderr.write(f"hipcheck: {problem}\n")
        other = (
            f" ({report.skipped_other} other activities skipped)" if report.skipped_other else ""
        )
        raise NoRuns(f"no running activities found in {report.files} files{other}")
    if chosen == "json":
        sys.stdout.write(r.render_json(report, units))  # type: ignore[arg-type]
    elif chosen == "text":
        sys.stdout.write(r.render_text(report, units))  # type: ignore[arg-type]
    else:
        r.print_rich(report, units)  # type: ignore[arg-type]
