"""Render a training-load report: a Rich bar chart, plain text, or JSON."""

from __future__ import annotations

import json
from typing import Any, Literal

from ..load.analysis import LoadReport, Week

Units = Literal["km", "mi"]
METRES = {"km": 1000.0, "mi": 1609.344}


def _dist(m: float, units: Units) -> str:
    return f"{m / METRES[units]:.1f} {units}"


def _time(s: float) -> str:
    h, rest = divmod(round(s), 3600)
    return f"{h}:{rest // 60:02d}"


def _pct(x: float | None) -> str:
    return "" if x is None else f"{x:+.0%}"


def _changes(w: Week) -> str:
    """Distance and time change over the week before: "+30% / +25%"."""
    if w.distance_change is None and w.time_change is None:
        return ""
    return f"{_pct(w.distance_change) or '-'} / {_pct(w.time_change) or '-'}"


def to_dict(r: LoadReport, units: Units) -> dict[str, Any]:
    k = METRES[units]
    return {
        "units": units,
        "as_of": r.as_of.isoformat(),
        "weeks": [
            {
                "week_start": w.start.isoformat(),
                "distance": round(w.distance_m / k, 2),
                "moving_minutes": round(w.moving_s / 60, 1),
                "runs": w.runs,
                "longest_run": round(w.longest_m / k, 2),
                "distance_change": None
                if w.distance_change is None
                else round(w.distance_change, 3),
                "time_change": None if w.time_change is None else round(w.time_change, 3),
                "over_limit": w.jump,
            }
            for w in r.weeks
        ],
        "last_7_days": round(r.acute_m / k, 2),
        "weekly_average_28_days": round(r.chronic_week_m / k, 2),
        "acute_chronic_ratio": None if r.acwr is None else round(r.acwr, 3),
        "acwr_caution": r.acwr_caution,
        "longest_run_7_days": round(r.longest_recent_m / k, 2),
        "longest_run_share": None if r.longest_share is None else round(r.longest_share, 3),
        "mileage_jump": r.mileage_jump,
        "reasons": list(r.reasons),
        "runs": r.runs,
        "files_read": r.files,
        "other_activities_skipped": r.skipped_other,
        "duplicates_counted_once": r.duplicates,
        "problems": list(r.problems),
    }


def render_json(r: LoadReport, units: Units) -> str:
    return json.dumps(to_dict(r, units), indent=2) + "\n"


def _header(r: LoadReport) -> str:
    return (
        f"{r.runs} runs from {r.files} files up to {r.as_of:%a %d %b %Y}; "
        f"{r.skipped_other} other activities skipped; {r.duplicates} duplicates counted once."
    )


def _footer(r: LoadReport, units: Units) -> list[str]:
    lines = [f"Last 7 days: {_dist(r.acute_m, units)}; 28-day weekly average: "
             f"{_dist(r.chronic_week_m, units)}."]  # fmt: skip
    if r.acwr is not None:
        note = "CAUTION: above 1.5" if r.acwr_caution else "caution above 1.5"
        lines.append(f"Acute:chronic workload ratio {r.acwr:.2f} ({note}).")
    if r.longest_share is not None:
        lines.append(
            f"Longest run in the last 7 days: {_dist(r.longest_recent_m, units)} "
            f"({r.longest_share:.0%} of those days' distance)."
        )
    if r.mileage_jump:
        lines.append("Quick increase in training load: " + "; ".join(r.reasons) + ".")
    else:
        lines.append("No week rose more than 10% over the one before in the last 4 weeks.")
    return lines


def render_text(r: LoadReport, units: Units) -> str:
    out = [_header(r), ""]
    peak = max((w.distance_m for w in r.weeks), default=0.0) or 1.0
    out.append(f"{'week of':<11}{'distance':>11}  {'':<20}{'time':>7}{'change':>14}  runs")
    for w in r.weeks:
        bar = "#" * round(20 * w.distance_m / peak)
        mark = " <- over +10%" if w.jump else ""
        dist = _dist(w.distance_m, units)
        out.append(
            f"{w.start:%d %b %Y} {dist:>10}  {bar:<20}{_time(w.moving_s):>7}"
            f"{_changes(w):>14}  {w.runs:>4}{mark}"
        )
    out.append("")
    out += _footer(r, units)
    out += [f"Could not use {p}" for p in r.problems]
    return "\n".join(out) + "\n"


def print_rich(r: LoadReport, units: Units) -> None:
    from rich.table import Table
    from rich.text import Text

    from ..term import console

    con = console()
    uni = "utf" in (con.encoding or "").lower()
    full = "█" if uni else "#"
    con.print(Text(_header(r), style="dim"))
    table = Table(title="Weekly running load", title_justify="left")
    table.add_column("week of", no_wrap=True)
    table.add_column("distance", justify="right", no_wrap=True)
    table.add_column("", ratio=1)
    table.add_column("time", justify="right", no_wrap=True)
    table.add_column("", ratio=1)
    table.add_column("change", justify="right", no_wrap=True)
    table.add_column("runs", justify="right")
    table.add_column("longest", justify="right", no_wrap=True)
    peak_d = max((w.distance_m for w in r.weeks), default=0.0) or 1.0
    peak_t = max((w.moving_s for w in r.weeks), default=0.0) or 1.0

    def bar(value: float, peak: float, week: Week) -> Text:
        return Text(full * round(12 * value / peak), style="red" if week.jump else "cyan")

    for w in r.weeks:
        change = Text(
            f"{_pct(w.distance_change)} / {_pct(w.time_change)}"
            if (w.distance_change, w.time_change) != (None, None)
            else ""
        )
        if w.jump:
            change.stylize("bold red")
            change.append(" over 10%" if not uni else " ▲", style="bold red")
        longest = f"{_dist(w.longest_m, units)}" if w.runs else ""
        table.add_row(
            f"{w.start:%d %b}",
            _dist(w.distance_m, units),
            bar(w.distance_m, peak_d, w),
            _time(w.moving_s),
            bar(w.moving_s, peak_t, w),
            change,
            str(w.runs),
            longest,
        )
    con.print(table)
    for line in _footer(r, units):
        style = "bold red" if ("CAUTION" in line or line.startswith("Quick")) else ""
        con.print(Text(line, style=style))
    for p in r.problems:
        con.print(Text(f"Could not use {p}", style="yellow"))
