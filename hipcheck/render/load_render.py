"""Render a training-load report: a Rich bar chart, plain text, or JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

import datetime as dt
import json
import math
from collections.abc import Callable
from typing import Any, Literal

import msgspec

from hipcheck.terminal import clean_line
from hipcheck.training.analysis import TWO_WEEKS, LoadReport, Spike, Week, monday

Units = Literal["km", "mi"]
METRES = {"km": 1000.0, "mi": 1609.344}


def _dist(m: float, units: Units) -> str:
    return f"{m / METRES[units]:.1f} {units}"


def _time(s: float) -> str:
    h, rest = divmod(round(s), 3600)
    return f"{h}:{rest // 60:02d}"


def pct(x: float | None) -> str:
    if x is None:
        return ""
    return "0%" if round(x * 100) == 0 else f"{x:+.0%}"  # never "-0%" or "+0%"


def so_far(w: Week) -> str:
    """The week still going on: "so far, 4 days" in place of a change."""
    return f"so far, {w.days} day{'s' if w.days != 1 else ''}" if w.days < 7 else ""


def _changes(w: Week) -> str:
    """Distance and time change over the week before: "+30% / +25%"."""
    if w.distance_change is None and w.time_change is None:
        return so_far(w)
    return f"{pct(w.distance_change) or '-'} / {pct(w.time_change) or '-'}"


def _day(d: dt.date) -> str:
    return f"{d.day} {d:%b}"


def _round(x: float | None, digits: int = 3) -> float | None:
    """`x` rounded; None for no value or one JSON cannot hold (NaN, infinity)."""
    return None if x is None or not math.isfinite(x) else round(x, digits)


def spike_weeks(r: LoadReport) -> dict[dt.date, Spike]:
    """The largest long-run spike of each week that has one."""
    out: dict[dt.date, Spike] = {}
    for s in r.spikes:
        week = monday(s.date)
        if week not in out or s.change > out[week].change:
            out[week] = s
    return out


def rule(r: LoadReport) -> str:
    """What counts as a mileage jump, with the thresholds of [load]: one
    short sentence for each rule."""
    k = r.rules
    return (
        f"A mileage jump is one of these, in the last {k.recent_days} days. "
        f"A run more than {k.single_run_percent:g}% longer than your longest run of the "
        f"{k.single_run_window_days} days before it. "
        f"Or {TWO_WEEKS} days with more than {k.two_week_percent:g}% more distance than the "
        f"{TWO_WEEKS} days before."
    )


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def shown_weeks(r: LoadReport) -> list[Week]:
    """The weeks to show: from the first week with a run (weeks of 0 km
    before the first run say nothing)."""
    first = next((i for i, w in enumerate(r.weeks) if w.runs), len(r.weeks))
    return list(r.weeks[first:])


def reasons(r: LoadReport, units: Units = "km") -> list[str]:
    """Why mileage_jump was set, one phrase per finding ([] when it was not)."""
    out = [
        f"a run of {_dist(s.distance_m, units)} on {_day(s.date)}, {s.change:.0%} longer than "
        f"your longest run of the {r.rules.single_run_window_days} days before "
        f"({_dist(s.longest_before_m, units)})"
        for s in r.spikes
    ]
    t = r.two_weeks
    if t.jump and t.change is not None:
        out.append(
            f"{_dist(t.recent_m, units)} in the last {TWO_WEEKS} days, {t.change:.0%} more than "
            f"the {TWO_WEEKS} days before ({_dist(t.before_m, units)})"
        )
    return out


def not_enough(r: LoadReport) -> str:
    """The unmet need for history: too few weeks with runs before the recent
    days, or too short a span of data."""
    if r.history_weeks_run >= r.history_weeks_needed:
        return (
            f"{r.data_days} days of runs up to {_day(r.as_of)}; {r.min_data_days} days are needed"
        )
    return (
        f"runs in {r.history_weeks_run} of the {r.history_weeks} weeks before "
        f"{_day(r.recent_from)}; {r.history_weeks_needed} are needed"
    )


def stale_line(r: LoadReport) -> str:
    """When the data ends long before `as_of` ("" otherwise)."""
    if not r.stale or r.last_run is None:
        return ""
    days = (r.as_of - r.last_run).days
    return (
        f"The activity data ends on {r.last_run:%a %d %b %Y}, {days} days before "
        f"{r.as_of:%a %d %b %Y}: it says nothing about your running since."
    )


def acwr_line(r: LoadReport) -> str:
    """The acute:chronic workload ratio, for information only ("" without one)."""
    if r.acwr is None:
        return ""
    level = "above" if r.acwr_caution else "a caution only above"
    return (
        f"Last 7 days against your weekly average of the last 4 weeks: {r.acwr:.2f} times "
        f"({level} {r.rules.acwr_caution:g}; shown only, it changes no advice)."
    )


def finding(r: LoadReport, units: Units = "km") -> str:
    """One line: the mileage jump found, none, or not enough history."""
    if r.stale and r.last_run is not None:
        return (
            f"no mileage jump judged: the activity data ends on {r.last_run:%d %b %Y}, "
            f"{(r.as_of - r.last_run).days} days ago"
        )
    if not r.enough_history:
        return f"not enough history to judge a mileage jump ({not_enough(r)})"
    if r.mileage_jump:
        return "mileage jump: " + "; ".join(reasons(r, units))
    return f"no mileage jump in the last {r.rules.recent_days} days"


def _week(w: Week, dist: Callable[[float], float | None]) -> dict[str, Any]:
    return {
        "week_start": w.start.isoformat(),
        "distance": dist(w.distance_m),
        "moving_minutes": _round(w.moving_s / 60, 1),
        "runs": w.runs,
        "longest_run": dist(w.longest_m),
        "distance_change": _round(w.distance_change),
        "time_change": _round(w.time_change),
        "days": w.days,
    }


def _spike(s: Spike, dist: Callable[[float], float | None]) -> dict[str, Any]:
    return {
        "date": s.date.isoformat(),
        "distance": dist(s.distance_m),
        "longest_before": dist(s.longest_before_m),
        "change": _round(s.change),
    }


def to_dict(r: LoadReport, units: Units) -> dict[str, Any]:
    k = METRES[units]

    def dist(m: float) -> float | None:
        return _round(m / k, 2)

    t = r.two_weeks
    rules = msgspec.structs.asdict(r.rules)
    rules.pop("sources", None)
    return {
        "units": units,
        "as_of": r.as_of.isoformat(),
        "weeks": [_week(w, dist) for w in r.weeks],
        "last_7_days": dist(r.acute_m),
        "weekly_average_28_days": dist(r.chronic_week_m),
        "acute_chronic_ratio": _round(r.acwr),
        "acwr_caution": r.acwr_caution,
        "longest_run_7_days": dist(r.longest_recent_m),
        "longest_run_share": _round(r.longest_share),
        "recent_from": r.recent_from.isoformat(),
        "history_days": r.history_days,
        "data_days": r.data_days,
        "min_data_days": r.min_data_days,
        "enough_history": r.enough_history,
        "history_weeks": r.history_weeks,
        "history_weeks_with_runs": r.history_weeks_run,
        "history_weeks_needed": r.history_weeks_needed,
        "last_run": r.last_run.isoformat() if r.last_run else None,
        "stale": r.stale,
        "long_run_spikes": [_spike(sp, dist) for sp in r.spikes],
        "two_weeks": {
            "last_14_days": dist(t.recent_m),
            "14_days_before": dist(t.before_m),
            "change": _round(t.change),
            "over_limit": t.jump,
        },
        "mileage_jump": r.mileage_jump,
        "reasons": reasons(r, units),
        "rules": rules,
        "runs": r.runs,
        "files_read": r.files,
        "other_activities_skipped": r.skipped_other,
        "duplicates_counted_once": r.duplicates,
        "runs_after_as_of": r.after_as_of,
        "problems": list(r.problems),
    }


def render_json(r: LoadReport, units: Units) -> str:
    return json.dumps(to_dict(r, units), indent=2, allow_nan=False) + "\n"


def _header(r: LoadReport) -> str:
    later = ""
    if r.after_as_of:
        runs = "runs" if r.after_as_of > 1 else "run"
        later = f" {r.after_as_of} {runs} after {r.as_of:%a %d %b %Y} not counted."
    extra = ""
    if r.skipped_other:
        extra += f" {_count(r.skipped_other, 'other activity', 'other activities')} left out."
    if r.duplicates:
        extra += f" {_count(r.duplicates, 'run', 'runs')} found twice, counted once."
    return (
        f"{_count(r.runs, 'run', 'runs')} from {_count(r.files, 'file', 'files')}, "
        f"up to {r.as_of:%a %d %b %Y}.{extra}{later}"
    )


def verdict(r: LoadReport, units: Units) -> str:
    old = stale_line(r)
    if old:
        return f"{old} Nothing was set."
    if not r.enough_history:
        return f"Not enough history to judge a mileage jump: {not_enough(r)}. Nothing was set."
    if r.mileage_jump:
        return "Mileage jump: " + "; ".join(reasons(r, units)) + "."
    return f"No mileage jump in the last {r.rules.recent_days} days."


def _footer(r: LoadReport, units: Units) -> list[str]:
    lines = [f"Last 7 days: {_dist(r.acute_m, units)}; 28-day weekly average: "
             f"{_dist(r.chronic_week_m, units)}."]  # fmt: skip
    if r.acwr is not None:
        lines.append(acwr_line(r))
    if r.longest_share is not None:
        lines.append(
            f"Longest run in the last 7 days: {_dist(r.longest_recent_m, units)} "
            f"({r.longest_share:.0%} of those days' distance)."
        )
    t = r.two_weeks
    if t.change is not None:
        lines.append(
            f"Last {TWO_WEEKS} days: {_dist(t.recent_m, units)}, {pct(t.change)} on the "
            f"{TWO_WEEKS} days before ({_dist(t.before_m, units)})."
        )
    lines.append("The weekly changes are only shown: they change no advice.")
    lines.append(rule(r))
    lines.append(verdict(r, units))
    return lines


def render_text(r: LoadReport, units: Units) -> str:
    out = [_header(r), ""]
    peak = max((w.distance_m for w in r.weeks), default=0.0) or 1.0
    spiked = spike_weeks(r)
    out.append(f"{'week of':<11}{'distance':>11}  {'':<20}{'time':>7}{'vs week before':>16}  runs")
    out.append(f"{'':<11}{'':>11}  {'':<20}{'':>7}{'(distance / time)':>18}")
    for w in shown_weeks(r):
        bar = "#" * round(20 * w.distance_m / peak)
        s = spiked.get(w.start)
        mark = f" <- long run {s.change:+.0%}" if s else ""
        dist = _dist(w.distance_m, units)
        out.append(
            f"{w.start:%d %b %Y} {dist:>10}  {bar:<20}{_time(w.moving_s):>7}"
            f"{_changes(w):>16}  {w.runs:>4}{mark}"
        )
    out.append("")
    out += _footer(r, units)
    out += [f"Problem: {clean_line(p)}" for p in r.problems]
    return "\n".join(out) + "\n"


def print_rich(r: LoadReport, units: Units, con: Console) -> None:
    from rich.text import Text

    uni = "utf" in (con.encoding or "").lower()
    full = "█" if uni else "#"
    con.print(Text(_header(r), style="dim"))
    if con.width < NARROW:
        _print_weeks_narrow(r, units, con)
    else:
        _print_weeks_table(r, units, con, full)
    for line in _footer(r, units):
        style = "bold red" if line.startswith("Mileage jump") else ""
        con.print(Text(line, style=style))
    for p in r.problems:
        con.print(Text(f"Problem: {clean_line(p)}", style="yellow"))


#: Below this many columns the weeks are listed one under another: the
#: table's seven columns were cut to "2…" and "+50% / +…" at 40 (stop 41).
NARROW = 72


def _print_weeks_narrow(r: LoadReport, units: Units, con: Console) -> None:
    from rich.text import Text

    spiked = spike_weeks(r)
    con.print(Text("Weekly running load", style="italic"))
    for w in shown_weeks(r):
        line = Text(f"{w.start:%d %b}: ", style="bold")
        line.append(f"{_dist(w.distance_m, units)}, {_time(w.moving_s)}, {w.runs} runs")
        if w.runs:
            line.append(f", longest {_dist(w.longest_m, units)}")
        if (s := spiked.get(w.start)) is not None:
            line.append(f" {s.change:+.0%}", style="bold red")
        change = _changes(w)
        if w.distance_change is None and w.time_change is None:
            line.append(f" ({change})" if change else "")  # the week still going on
        elif change:
            line.append(f"; on the week before {change}")
        con.print(line)


def _print_weeks_table(r: LoadReport, units: Units, con: Console, full: str) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(title="Weekly running load", title_justify="left")
    table.add_column("week of", no_wrap=True)
    table.add_column("distance", justify="right", no_wrap=True)
    table.add_column("", ratio=1, overflow="crop", no_wrap=True)
    table.add_column("time", justify="right", no_wrap=True, min_width=5)
    table.add_column("change on\nweek before\n(dist. / time)", justify="right", no_wrap=True)
    table.add_column("runs", justify="right", no_wrap=True)
    table.add_column("longest", justify="right", no_wrap=True)
    peak_d = max((w.distance_m for w in r.weeks), default=0.0) or 1.0
    spiked = spike_weeks(r)

    def bar(value: float, peak: float, week: Week) -> Text:
        return Text(full * round(8 * value / peak), style="red" if week.start in spiked else "cyan")

    for w in shown_weeks(r):
        change = Text(_changes(w))
        longest = Text(f"{_dist(w.longest_m, units)}" if w.runs else "")
        s = spiked.get(w.start)
        if s:
            longest.append(f" {s.change:+.0%}", style="bold red")
        table.add_row(
            f"{w.start:%d %b}",
            _dist(w.distance_m, units),
            bar(w.distance_m, peak_d, w),
            _time(w.moving_s),
            change,
            str(w.runs),
            longest,
        )
    con.print(table)
