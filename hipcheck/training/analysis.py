"""Training load from collected runs: weekly distance and time, and whether
the data shows a mileage jump. Thresholds come from [load] in the knowledge
file; the report holds facts, the renderers the words.

`training: mileage_jump` is set by a single run more than
`single_run_percent` longer than the longest run of the
`single_run_window_days` before it (Frandsen 2025), or by running distance
over the last 14 days more than `two_week_percent` above the 14 days before
(Nielsen 2014), within the last `recent_days` days, and only with runs in
most weeks (`HISTORY_SHARE`) of the `min_history_days` before those days and
at least four weeks (`MIN_DATA_DAYS`) from the first run to `as_of`: a
single stray run, or one mis-dated years back, is no history.

`as_of` is today unless given: the data is judged as of now, never as of its
own last run, so an export that ends long ago sets nothing (its "last 14
days" would be those of another year) and the report says how old it is. The week-over-week change
and the acute:chronic workload ratio are shown for information only: neither
predicts injury (Buist 2008; Impellizzeri 2020; Frandsen 2025).

Days are local dates; weeks run Monday to Sunday in the machine's local time.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import deque
from collections.abc import Sequence

import msgspec

from hipcheck.knowledge import LoadRules
from hipcheck.training.readers import Collected
from hipcheck.training.runs import Run

#: Nielsen 2014 compared two-week periods.
TWO_WEEKS = 14
#: The acute:chronic workload ratio: the last 7 days against the weekly
#: average of the last 28.
ACUTE_DAYS, CHRONIC_DAYS = 7, 28
#: Under four weeks from the first run to `as_of`, nothing is judged, whatever
#: `min_history_days` says: a lone week or a lone run is no base for a change
#: (reliability review F2).
MIN_DATA_DAYS = 28
#: "Enough history": runs in at least this share of the weeks before the
#: recent days (3 of 4 with the shipped 28 days).
HISTORY_SHARE = 0.75
#: Data whose last run is more than this many days before `as_of` says
#: nothing about the last two weeks: the report says how old it is.
STALE_DAYS = 14


class Week(msgspec.Struct, frozen=True):
    start: dt.date
    distance_m: float
    moving_s: float
    runs: int
    longest_m: float
    #: Change over the week before, as a fraction (0.3 = +30%); None when
    #: the week before was too small to judge from. For information only.
    distance_change: float | None
    time_change: float | None
    #: Days of the week up to the day judged (`as_of`): under 7 for the week
    #: still going on, whose changes are then None (a few days are not a
    #: week: the UX re-check read a Thursday's week as a -75% drop).
    days: int = 7


class Spike(msgspec.Struct, frozen=True):
    """A run more than `single_run_percent` longer than the longest run of the
    `single_run_window_days` before it."""

    date: dt.date
    distance_m: float
    #: The longest run of the window before this one.
    longest_before_m: float
    #: Over that longest run, as a fraction (0.25 = 25% longer).
    change: float


class TwoWeeks(msgspec.Struct, frozen=True):
    """Running distance of the last 14 days against the 14 days before."""

    recent_m: float
    before_m: float
    #: As a fraction; None when the 14 days before are too small a base
    #: (under two weeks of `min_week_km`).
    change: float | None
    #: More than `two_week_percent` (judged only with enough history).
    jump: bool


class LoadReport(msgspec.Struct, frozen=True):
    as_of: dt.date
    #: The [load] rules the data was judged by (renderers print these).
    rules: LoadRules
    weeks: tuple[Week, ...]
    acute_m: float
    chronic_week_m: float
    #: For information only; None with under 28 days of data.
    acwr: float | None
    #: The ratio is above `acwr_caution` (for information only).
    acwr_caution: bool
    longest_recent_m: float
    longest_share: float | None
    #: First day of the recent days in which a jump counts.
    recent_from: dt.date
    #: Days from the first run to `recent_from`.
    history_days: int
    #: Days from the first run to `as_of`, both counted (0 without runs).
    data_days: int
    #: The floor on `data_days` (`MIN_DATA_DAYS`), whatever the [load] rules.
    min_data_days: int
    #: At least `min_history_days` and `min_data_days`; without them nothing
    #: is judged or set.
    enough_history: bool
    #: Long-run spikes within the recent days, oldest first.
    spikes: tuple[Spike, ...]
    two_weeks: TwoWeeks
    mileage_jump: bool
    runs: int
    files: int
    problems: tuple[str, ...]
    skipped_other: int
    duplicates: int
    #: Runs dated after `as_of` (given with --as-of), not counted.
    after_as_of: int = 0
    #: The day of the last run counted (None without runs).
    last_run: dt.date | None = None
    #: The last run is more than STALE_DAYS before `as_of`.
    stale: bool = False
    #: Weeks (of 7 days, back from `recent_from`) the history is judged on,
    #: how many have a run, and how many must.
    history_weeks: int = 0
    history_weeks_run: int = 0
    history_weeks_needed: int = 0


def today() -> dt.date:
    """The local date the data is judged as of when no `as_of` is given (a
    function, so that tests of fixed-date data can fix it too)."""
    return dt.date.today()


def local_date(run: Run) -> dt.date:
    return run.start.astimezone().date()


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _change(now: float, before: float, minimum: float) -> float | None:
    if not (before >= minimum and before > 0):
        return None
    change = (now - before) / before
    return change if math.isfinite(change) else None  # a sliver of a base: no change


def _weeks(
    dated: Sequence[tuple[Run, dt.date]], end: dt.date, shown: int, rules: LoadRules
) -> tuple[Week, ...]:
    first_week = monday(end) - dt.timedelta(weeks=shown)  # one more, for the first change
    by_week: dict[dt.date, list[Run]] = {}
    for run, day in dated:
        if first_week <= day:
            by_week.setdefault(monday(day), []).append(run)
    min_m, min_s = rules.min_week_km * 1000, rules.min_week_minutes * 60
    weeks: list[Week] = []
    prev_d = prev_t = 0.0
    for n in range(shown + 1):
        start = first_week + dt.timedelta(weeks=n)
        these = by_week.get(start, [])
        d = sum(r.distance_m for r in these)
        t = sum(r.moving_s for r in these)
        if n:  # the extra first week only serves as the base of the first change
            longest = max((r.distance_m for r in these), default=0.0)
            days = min(7, (end - start).days + 1)
            dc, tc = _change(d, prev_d, min_m), _change(t, prev_t, min_s)
            if days < 7:
                dc = tc = None
            weeks.append(Week(start, d, t, len(these), longest, dc, tc, days))
        prev_d, prev_t = d, t
    return tuple(weeks)


def _spikes(
    dated: Sequence[tuple[Run, dt.date]], recent_from: dt.date, rules: LoadRules
) -> tuple[Spike, ...]:
    """Runs from `recent_from` on, in start order, with their window's longest
    run before them kept in a sliding-window maximum: O(n)."""
    window = dt.timedelta(days=rules.single_run_window_days)
    limit = 1 + rules.single_run_percent / 100
    out = []
    best: deque[Run] = deque()  # started within the window, longest first
    waiting: list[Run] = []  # runs of the current start time, not yet "before"
    for run, day in dated:
        if waiting and waiting[0].start < run.start:
            for r in waiting:
                while best and best[-1].distance_m <= r.distance_m:
                    best.pop()
                best.append(r)
            waiting.clear()
        while best and best[0].start < run.start - window:
            best.popleft()
        waiting.append(run)
        longest = best[0].distance_m if best else 0.0
        if day >= recent_from and longest > 0 and run.distance_m > longest * limit:
            change = run.distance_m / longest - 1
            if math.isfinite(change):  # else a sliver of a base, as in `_change`
                out.append(Spike(day, run.distance_m, longest, change))
    return tuple(out)


def analyse(
    collected: Collected,
    rules: LoadRules,
    weeks_shown: int = 10,
    as_of: dt.date | None = None,
) -> LoadReport:
    everything = sorted(((r, local_date(r)) for r in collected.runs), key=lambda rd: rd[0].start)
    end = as_of or today()
    dated = [(r, day) for r, day in everything if day <= end]  # nothing after as_of counts

    def days_before(n: int) -> dt.date:
        return end - dt.timedelta(days=n - 1)

    first_run = dated[0][1] if dated else end
    recent_from = days_before(rules.recent_days)
    history_days = max(0, (recent_from - first_run).days)
    data_days = (end - first_run).days + 1 if dated else 0
    weeks, weeks_run, needed = _history_weeks(dated, recent_from, rules.min_history_days)
    enough = weeks_run >= needed and data_days >= MIN_DATA_DAYS
    last_run = dated[-1][1] if dated else None
    acute, chronic, acwr, longest = _acute_chronic(dated, end)
    two_weeks = _two_weeks(dated, end, rules, enough)
    spikes = _spikes(dated, recent_from, rules) if enough else ()
    return LoadReport(
        as_of=end,
        rules=rules,
        weeks=_weeks(dated, end, weeks_shown, rules),
        acute_m=acute,
        chronic_week_m=chronic,
        acwr=acwr,
        acwr_caution=acwr is not None and acwr > rules.acwr_caution,
        longest_recent_m=longest,
        longest_share=longest / acute if acute > 0 else None,
        recent_from=recent_from,
        history_days=history_days,
        data_days=data_days,
        min_data_days=MIN_DATA_DAYS,
        enough_history=enough,
        spikes=spikes,
        two_weeks=two_weeks,
        mileage_jump=bool(spikes) or two_weeks.jump,
        runs=len(collected.runs),
        files=len(collected.files),
        problems=collected.problems,
        skipped_other=collected.skipped_other,
        duplicates=collected.duplicates,
        after_as_of=len(everything) - len(dated),
        last_run=last_run,
        stale=last_run is not None and (end - last_run).days > STALE_DAYS,
        history_weeks=weeks,
        history_weeks_run=weeks_run,
        history_weeks_needed=needed,
    )


def _distance(dated: Sequence[tuple[Run, dt.date]], first: dt.date, last: dt.date) -> float:
    return sum(r.distance_m for r, day in dated if first <= day <= last)


def _acute_chronic(
    dated: Sequence[tuple[Run, dt.date]], end: dt.date
) -> tuple[float, float, float | None, float]:
    """The last week's metres, the weekly mean of the last four weeks, their
    ratio (only when the data covers those four weeks) and the longest recent run."""
    acute_from = end - dt.timedelta(days=ACUTE_DAYS - 1)
    chronic_from = end - dt.timedelta(days=CHRONIC_DAYS - 1)
    acute_runs = [r for r, day in dated if day >= acute_from]
    acute = sum(r.distance_m for r in acute_runs)
    chronic = _distance(dated, chronic_from, end) / (CHRONIC_DAYS / ACUTE_DAYS)
    covered = bool(dated) and dated[0][1] <= chronic_from
    acwr = acute / chronic if chronic > 0 and covered else None
    return acute, chronic, acwr, max((r.distance_m for r in acute_runs), default=0.0)


def _two_weeks(
    dated: Sequence[tuple[Run, dt.date]], end: dt.date, rules: LoadRules, enough: bool
) -> TwoWeeks:
    """The last two weeks against the two before them."""

    def days_before(n: int) -> dt.date:
        return end - dt.timedelta(days=n - 1)

    recent_m = _distance(dated, days_before(TWO_WEEKS), end)
    before_m = _distance(dated, days_before(2 * TWO_WEEKS), days_before(TWO_WEEKS + 1))
    change = _change(recent_m, before_m, 2 * rules.min_week_km * 1000)
    return TwoWeeks(
        recent_m,
        before_m,
        change,
        enough and change is not None and change > rules.two_week_percent / 100,
    )


def _history_weeks(
    dated: Sequence[tuple[Run, dt.date]], recent_from: dt.date, history_days: int
) -> tuple[int, int, int]:
    """(weeks, weeks with a run, weeks that must have one) in the
    `history_days` before `recent_from`, in 7-day blocks back from it."""
    weeks = max(1, math.ceil(history_days / 7))
    first = recent_from - dt.timedelta(days=7 * weeks)
    before = [(recent_from - day).days for _, day in dated if first <= day < recent_from]
    run_weeks = {(days - 1) // 7 for days in before}
    return weeks, len(run_weeks), math.ceil(weeks * HISTORY_SHARE)
