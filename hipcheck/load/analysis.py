"""Weekly load, week-over-week jumps, the acute:chronic workload ratio and
the longest run, from collected runs. Thresholds come from [load] in the
knowledge file. Weeks run Monday to Sunday in the machine's local time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import msgspec

from ..knowledge import LoadRules
from .readers import Collected, Run


class Week(msgspec.Struct, frozen=True):
    start: dt.date
    distance_m: float
    moving_s: float
    runs: int
    longest_m: float
    #: Change over the week before, as a fraction (0.3 = +30%); None when
    #: the week before was too small to judge from.
    distance_change: float | None
    time_change: float | None
    jump: bool


class LoadReport(msgspec.Struct, frozen=True):
    as_of: dt.date
    weeks: tuple[Week, ...]
    acute_m: float
    chronic_week_m: float
    acwr: float | None
    acwr_caution: bool
    longest_recent_m: float
    longest_share: float | None
    mileage_jump: bool
    #: Why mileage_jump was set (or not), in words.
    reasons: tuple[str, ...]
    runs: int
    files: int
    problems: tuple[str, ...]
    skipped_other: int
    duplicates: int


def local_date(run: Run) -> dt.date:
    return run.start.astimezone().date()


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _change(now: float, before: float, minimum: float) -> float | None:
    return (now - before) / before if before >= minimum and before > 0 else None


def _day(d: dt.date) -> str:
    return f"{d.day} {d:%b}"


def analyse(
    collected: Collected,
    rules: LoadRules,
    weeks_shown: int = 10,
    as_of: dt.date | None = None,
) -> LoadReport:
    runs: Sequence[Run] = collected.runs
    days = [local_date(r) for r in runs]
    end = as_of or (max(days) if days else dt.date.today())
    first_week = monday(end) - dt.timedelta(weeks=weeks_shown)  # one more, for the first change
    by_week: dict[dt.date, list[Run]] = {}
    for run, day in zip(runs, days, strict=True):
        if first_week <= day <= end:
            by_week.setdefault(monday(day), []).append(run)
    min_m, min_s = rules.min_week_km * 1000, rules.min_week_minutes * 60
    limit = rules.jump_percent / 100
    weeks: list[Week] = []
    prev_d = prev_t = 0.0
    for n in range(weeks_shown + 1):
        start = first_week + dt.timedelta(weeks=n)
        these = by_week.get(start, [])
        d = sum(r.distance_m for r in these)
        t = sum(r.moving_s for r in these)
        dc, tc = _change(d, prev_d, min_m), _change(t, prev_t, min_s)
        jump = (dc is not None and dc > limit) or (tc is not None and tc > limit)
        if n:  # the extra first week only serves as the base of the first change
            longest = max((r.distance_m for r in these), default=0.0)
            weeks.append(Week(start, d, t, len(these), longest, dc, tc, jump))
        prev_d, prev_t = d, t

    acute_runs = [
        r for r, day in zip(runs, days, strict=True) if end - dt.timedelta(days=6) <= day <= end
    ]
    acute = sum(r.distance_m for r in acute_runs)
    chronic = (
        sum(
            r.distance_m
            for r, day in zip(runs, days, strict=True)
            if end - dt.timedelta(days=27) <= day <= end
        )
        / 4
    )
    acwr = acute / chronic if chronic > 0 else None
    caution = acwr is not None and acwr > rules.acwr_caution
    longest = max((r.distance_m for r in acute_runs), default=0.0)
    share = longest / acute if acute > 0 else None

    recent = [w for w in weeks[-rules.recent_weeks :] if w.jump]
    reasons = []
    for w in recent:
        parts = []
        if w.distance_change is not None and w.distance_change > limit:
            parts.append(f"distance +{w.distance_change:.0%}")
        if w.time_change is not None and w.time_change > limit:
            parts.append(f"running time +{w.time_change:.0%}")
        reasons.append(f"week of {_day(w.start)}: {' and '.join(parts)} over the week before")
    if caution:
        reasons.append(f"acute:chronic workload ratio {acwr:.2f} (above {rules.acwr_caution:g})")
    return LoadReport(
        as_of=end,
        weeks=tuple(weeks),
        acute_m=acute,
        chronic_week_m=chronic,
        acwr=acwr,
        acwr_caution=caution,
        longest_recent_m=longest,
        longest_share=share,
        mileage_jump=bool(recent) or caution,
        reasons=tuple(reasons),
        runs=len(runs),
        files=len(collected.files),
        problems=collected.problems,
        skipped_other=collected.skipped_other,
        duplicates=collected.duplicates,
    )
