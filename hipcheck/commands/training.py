"""`hipcheck load`: read activity files and show the weekly load."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from hipcheck.errors import AnswerError, ExitStatus, HipcheckError, not_allowed, show
from hipcheck.knowledge import KnowledgeBase
from hipcheck.terminal import Terminal
from hipcheck.training.effect import report as build_report
from hipcheck.training.readers import classify, kind_of
from hipcheck.training.runs import EARLIEST


class NoRuns(HipcheckError):
    """No usable runs in the activity files given."""

    exit_code = ExitStatus.FAILED


def run_load(
    kb: KnowledgeBase,
    paths: Sequence[Path],
    weeks: int,
    units: str,
    fmt: str | None,
    as_of: str | None,
    term: Terminal,
) -> None:
    if units not in ("km", "mi"):
        raise not_allowed("--units", units, ("km", "mi"))
    chosen = fmt or term.human_format()
    if chosen not in ("rich", "text", "json"):
        raise not_allowed("--format", fmt, ("rich", "text", "json"))
    day = None if as_of is None else _as_of(as_of)
    for path in paths:  # a path named here that cannot be read is bad input
        kind, why = classify(path)
        if kind == "problem":
            raise AnswerError(f"{show(str(path))}: {why}")
    report = build_report(kb, paths, weeks, day)
    from hipcheck.render import load_render as r

    if report.runs == 0:
        for problem in report.problems:
            term.notice(problem)
        if all(p.is_file() and kind_of(p) is None for p in paths):  # wrong kind: bad input
            raise AnswerError("load: no GPX, FIT or Strava activities.csv file among those given")
        if report.files == 0 and report.problems:  # each named above: bad input, as one file's
            n = len(report.problems)
            raise AnswerError(
                "load: the activity file could not be read"
                if n == 1
                else f"load: none of the {n} activity files could be read"
            )
        other = (
            f" ({report.skipped_other} other "
            f"{'activity' if report.skipped_other == 1 else 'activities'} left out)"
            if report.skipped_other
            else ""
        )
        files = f"{report.files} file{'' if report.files == 1 else 's'}"
        raise NoRuns(f"no running activities found in {files}{other}")
    if chosen == "json":
        term.write(r.render_json(report, units))  # type: ignore[arg-type]
    elif chosen == "text":
        term.write(r.render_text(report, units))  # type: ignore[arg-type]
    else:
        r.print_rich(report, units, term.console())  # type: ignore[arg-type]


def _as_of(text: str) -> dt.date:
    """The --as-of date: from 1970 (as runs are) to today."""
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise AnswerError(f"--as-of: {show(text)} is not a date; use YYYY-MM-DD") from None
    first, today = EARLIEST.date(), dt.date.today()
    if not first <= day <= today:
        raise AnswerError(
            f"--as-of: {show(text)} is out of range; use a date from {first} to {today}"
        )
    return day
