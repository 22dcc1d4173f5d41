"""A run, the bounds of what one run can be, and counting each run once.

Every reader hands its runs to `RunList.add`, the one place where values are
checked: a run whose distance or time is not a finite number, is negative or
is more than one run can be, or that starts in the future or before 1970, is
left out and reported, one notice per kind of fault and file, so that it can
neither hide nor fake a change in training (reliability review F1, F2, F13).
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections.abc import Iterable

import msgspec

#: More than three times the 24-hour world record (319.6 km, Sorokin 2022):
#: no single recorded run comes near; a value over it is a data error.
MAX_DISTANCE_M = 1_000_000.0
#: A week of running time in one activity is a data error too.
MAX_MOVING_S = 7 * 24 * 3600.0
#: Faster on average than the 800 m world record (about 7.9 m/s): no run of
#: any length reaches it; a ride or a drive recorded as a run does.
MAX_SPEED_MS = 8.0
#: No activity file holds a run from before 1970 (GPS watches came in the
#: 1990s). Earlier dates are errors, such as year 1 from an empty field, and
#: would take date arithmetic out of range.
EARLIEST = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
#: At most this many places are named per notice; the rest are counted.
MAX_NAMED = 5

#: Sources in order of preference when the same run appears twice.
PRIORITY = {"fit": 0, "gpx": 1, "csv": 2}
#: Two records are the same run if they start this close together...
SAME_START = dt.timedelta(minutes=5)
#: ... and their distances differ by at most this share (or 200 m).
SAME_DISTANCE = 0.05
SAME_METRES = 200.0


class Run(msgspec.Struct, frozen=True):
    start: dt.datetime  # aware, UTC
    distance_m: float
    moving_s: float
    source: str  # "fit", "gpx" or "csv"
    file: str


def utc(value: dt.datetime) -> dt.datetime:
    """`value` in UTC (naive means UTC); a date beyond year 1 or 9999 in UTC
    becomes the earliest or latest one, which the bounds then refuse."""
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    try:
        return value.astimezone(dt.UTC)
    except OverflowError:
        far = dt.datetime.min if value.year < 5000 else dt.datetime.max
        return far.replace(tzinfo=dt.UTC)


def faults(start: dt.datetime, distance_m: float, moving_s: float, now: dt.datetime) -> list[str]:
    """Why a run's values cannot be used ([] when they can)."""
    why = []
    for name, value, most, most_text in (
        ("distance", distance_m, MAX_DISTANCE_M, f"{MAX_DISTANCE_M / 1000:g} km"),
        ("running time", moving_s, MAX_MOVING_S, f"{MAX_MOVING_S / 86400:g} days"),
    ):
        if not math.isfinite(value):
            why.append(f"{name} is not a finite number")
        elif value < 0:
            why.append(f"negative {name}")
        elif value > most:
            why.append(f"{name} over {most_text}")
    if not why and moving_s > 0 and distance_m / moving_s > MAX_SPEED_MS:
        why.append(f"faster than any runner (over {MAX_SPEED_MS * 3.6:g} km/h on average)")
    if start > now:
        why.append("starts in the future")
    elif start < EARLIEST:
        why.append(f"starts before {EARLIEST.year}")
    return why


class RunList:
    """Runs read from one file, with the bad ones left out and noted."""

    def __init__(self, source: str, file: str, now: dt.datetime) -> None:
        self.source, self.file, self.now = source, file, now
        self.runs: list[Run] = []
        #: Places ("row 3 (activity 12)", "track 2") by fault, in order.
        self.bad: dict[str, list[str]] = {}

    def add(
        self, where: str, start: dt.datetime, distance_m: float, moving_s: float, file: str = ""
    ) -> None:
        why = faults(start, distance_m, moving_s, self.now)
        if why:  # each run is noted once, under its first fault
            self.left_out(where, why[0])
        else:
            self.runs.append(Run(start, distance_m, moving_s, self.source, file or self.file))

    def left_out(self, where: str, fault: str) -> None:
        self.bad.setdefault(fault, []).append(where)

    def notices(self) -> tuple[str, ...]:
        """One line per fault: "3 runs left out, negative distance: row 4, row 9, row 12"."""
        out = []
        for fault, places in self.bad.items():
            n = len(places)
            named = ", ".join(places[:MAX_NAMED])
            more = f" and {n - MAX_NAMED} more" if n > MAX_NAMED else ""
            out.append(f"{n} run{'s' if n > 1 else ''} left out, {fault}: {named}{more}")
        return tuple(out)


# -- counting each run once ---------------------------------------------------------


def same(a: Run, b: Run) -> bool:
    if abs(a.start - b.start) > SAME_START:
        return False
    return abs(a.distance_m - b.distance_m) <= max(
        SAME_METRES, SAME_DISTANCE * max(a.distance_m, b.distance_m)
    )


def _near(distance: float) -> tuple[float, float]:
    """The distances `same` can match with `distance` (a little wider)."""
    low = min(distance - SAME_METRES, distance * (1 - SAME_DISTANCE))
    high = max(distance + SAME_METRES, distance / (1 - SAME_DISTANCE))
    return low - 1, high + 1


def _distance(entry: tuple[float, int]) -> float:
    return entry[0]


def dedupe(runs: Iterable[Run]) -> tuple[list[Run], int]:
    """Keep each run once, preferring FIT, then GPX, then the CSV row.

    Runs are taken in order of preference and kept unless they are the same as
    a run already kept. Kept runs are filed by five-minute slot of their start
    and, within a slot, by distance, so each run is compared only with the few
    kept runs of its own and the two neighbouring slots whose distance is
    close: O(n log n) in all (reliability review F17; it was O(n²)).
    """
    width = SAME_START.total_seconds()
    slots: dict[int, list[tuple[float, int]]] = {}
    kept: list[Run] = []
    dropped = 0
    for run in sorted(runs, key=_preference):
        slot = math.floor(run.start.timestamp() / width)
        low, high = _near(run.distance_m)
        if any(
            same(run, kept[i])
            for s in (slot - 1, slot, slot + 1)
            for _, i in _between(slots.get(s, []), low, high)
        ):
            dropped += 1
            continue
        bisect.insort(slots.setdefault(slot, []), (run.distance_m, len(kept)), key=_distance)
        kept.append(run)
    kept.sort(key=_start)
    return kept, dropped


def _between(entries: list[tuple[float, int]], low: float, high: float) -> list[tuple[float, int]]:
    first = bisect.bisect_left(entries, low, key=_distance)
    return entries[first : bisect.bisect_right(entries, high, key=_distance)]


def _preference(r: Run) -> tuple[int, dt.datetime]:
    return PRIORITY[r.source], r.start


def _start(r: Run) -> dt.datetime:
    return r.start
