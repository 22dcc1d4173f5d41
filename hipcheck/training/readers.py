"""Read runs from GPX (gpxpy), FIT (Garmin's FIT SDK) and a Strava bulk
export's activities.csv; find them in folders; count duplicates once.

Each reader returns runs and the number of other activities it skipped; a
file that cannot be read raises FileProblem with the reason, so the caller
reports it by name and goes on with the other files. A run whose values
cannot be right (a distance or time that is not a number, infinite or
negative, or a start after now) is left out and reported with its place in
the file (track, session or row), so it can neither hide nor fake a change
in training.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import math
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import msgspec

#: Sources in order of preference when the same run appears twice.
PRIORITY = {"fit": 0, "gpx": 1, "csv": 2}
#: Two records are the same run if they start this close together...
SAME_START = dt.timedelta(minutes=5)
#: ... and their distances differ by at most this share (or 200 m).
SAME_DISTANCE = 0.05
#: At most this many bad runs are named per file; the rest are counted.
MAX_NAMED = 10


class Run(msgspec.Struct, frozen=True):
    start: dt.datetime  # aware, UTC
    distance_m: float
    moving_s: float
    source: str  # "fit", "gpx" or "csv"
    file: str


class FileProblem(Exception):
    pass


class Found(msgspec.Struct, frozen=True):
    runs: list[Run]
    skipped_other: int = 0
    #: Runs left out, each "where: why" (e.g. "row 3 (activity 12): negative distance").
    problems: tuple[str, ...] = ()


class Collected(msgspec.Struct, frozen=True):
    runs: tuple[Run, ...]
    files: tuple[str, ...]
    problems: tuple[str, ...]
    skipped_other: int
    duplicates: int


def _read_bytes(path: Path) -> bytes:
    try:
        data = path.read_bytes()
        return gzip.decompress(data) if path.name.lower().endswith(".gz") else data
    except (OSError, EOFError, gzip.BadGzipFile) as e:
        raise FileProblem(f"cannot read: {getattr(e, 'strerror', None) or e}") from None


def _utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _now(now: dt.datetime | None) -> dt.datetime:
    return now if now is not None else dt.datetime.now(dt.UTC)


def invalid(start: dt.datetime, distance_m: float, moving_s: float, now: dt.datetime) -> str:
    """Why a run's values cannot be used, or "" when they can."""
    why = []
    for name, value in (("distance", distance_m), ("running time", moving_s)):
        if not math.isfinite(value):
            why.append(f"{name} is not a number ({value})")
        elif value < 0:
            why.append(f"negative {name} ({value:g})")
    if start > now:
        why.append(f"starts in the future ({start:%Y-%m-%d %H:%M} UTC)")
    return ", ".join(why)


class _Runs:
    """Runs read from one file, with the bad ones left out and named."""

    def __init__(self, source: str, path: Path, now: dt.datetime | None) -> None:
        self.source, self.path, self.now = source, path, _now(now)
        self.runs: list[Run] = []
        self.problems: list[str] = []

    def add(
        self, where: str, start: dt.datetime, distance_m: float, moving_s: float, file: str = ""
    ) -> None:
        why = invalid(start, distance_m, moving_s, self.now)
        if why:
            self.bad(where, why)
        else:
            self.runs.append(Run(start, distance_m, moving_s, self.source, file or str(self.path)))

    def bad(self, where: str, why: str) -> None:
        self.problems.append(f"{where}: {why}; left out")

    def found(self, skipped: int) -> Found:
        named = self.problems[:MAX_NAMED]
        if len(self.problems) > MAX_NAMED:
            named.append(f"{len(self.problems) - MAX_NAMED} more runs left out for bad values")
        return Found(self.runs, skipped, tuple(named))


# -- GPX -------------------------------------------------------------------------


def read_gpx(path: Path, now: dt.datetime | None = None) -> Found:
    import gpxpy
    import gpxpy.gpx

    try:
        gpx = gpxpy.parse(_read_bytes(path).decode("utf-8", errors="replace"))
    except (gpxpy.gpx.GPXException, ValueError) as e:
        raise FileProblem(f"not a valid GPX file: {str(e).splitlines()[0][:120]}") from None
    runs, skipped = _Runs("gpx", path, now), 0
    for n, track in enumerate(gpx.tracks, 1):
        kind = (track.type or "running").lower()
        if "run" not in kind and kind not in ("9", "1"):  # Garmin/Strava codes for running
            skipped += 1
            continue
        start, _ = track.get_time_bounds()
        if start is None:
            raise FileProblem("the track has no times")
        moving = track.get_moving_data()
        distance = track.length_3d() or track.length_2d() or 0.0
        runs.add(f"track {n}", _utc(start), float(distance), float(moving.moving_time))
    if not runs.runs and not runs.problems and not skipped:
        raise FileProblem("no tracks in the file")
    return runs.found(skipped)


# -- FIT -------------------------------------------------------------------------


def read_fit(path: Path, now: dt.datetime | None = None) -> Found:
    from garmin_fit_sdk import Decoder, Stream

    stream = Stream.from_byte_array(bytearray(_read_bytes(path)))
    decoder = Decoder(stream)
    if not decoder.is_fit():
        raise FileProblem("not a FIT file")
    messages, errors = decoder.read()
    sessions = messages.get("session_mesgs") or []
    if errors and not sessions:
        raise FileProblem("damaged or truncated FIT file (no complete activity in it)")
    if not sessions:
        raise FileProblem("no activity sessions in the FIT file")
    runs, skipped = _Runs("fit", path, now), 0
    for n, s in enumerate(sessions, 1):
        if str(s.get("sport", "")).lower() != "running":
            skipped += 1
            continue
        start = s.get("start_time") or s.get("timestamp")
        if not isinstance(start, dt.datetime):
            raise FileProblem("a session has no start time")
        distance = float(s.get("total_distance") or 0.0)
        moving = float(s.get("total_timer_time") or s.get("total_elapsed_time") or 0.0)
        runs.add(f"session {n}", _utc(start), distance, moving)
    return runs.found(skipped)


# -- Strava activities.csv ---------------------------------------------------------

DATE_FORMATS = (
    "%b %d, %Y, %I:%M:%S %p",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%SZ",
    "%d %b %Y, %H:%M:%S",
)


def _parse_date(text: str) -> dt.datetime | None:
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text.strip(), fmt).replace(tzinfo=dt.UTC)
        except ValueError:
            continue
    return None


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", "").strip())
    except ValueError:
        return None


def read_strava_csv(path: Path, now: dt.datetime | None = None) -> Found:
    text = _read_bytes(path).decode("utf-8-sig", errors="replace")
    rows = csv.reader(io.StringIO(text))
    header = next(rows, None)
    if not header:
        raise FileProblem("empty file")
    names = [h.strip() for h in header]

    def first(name: str) -> int | None:
        return names.index(name) if name in names else None

    def last(name: str) -> int | None:
        idx = [i for i, n in enumerate(names) if n == name]
        return idx[-1] if idx else None

    i_date, i_type = first("Activity Date"), first("Activity Type")
    i_km, i_m = first("Distance"), last("Distance")
    i_moving = first("Moving Time") if first("Moving Time") is not None else first("Elapsed Time")
    if i_date is None or i_type is None or i_km is None or i_moving is None:
        raise FileProblem(
            "not a Strava activities.csv (needs Activity Date, Activity Type, Distance and "
            "Moving Time or Elapsed Time columns)"
        )
    i_file, i_id = first("Filename"), first("Activity ID")
    runs, skipped = _Runs("csv", path, now), 0
    for n, row in enumerate(rows, 2):  # row 1 is the header, as in a spreadsheet
        if not row or len(row) <= max(i_date, i_type, i_km, i_moving):
            continue
        if "run" not in row[i_type].lower():
            skipped += 1
            continue
        ident = row[i_id].strip() if i_id is not None and i_id < len(row) else ""
        where = f"row {n}" + (f" (activity {ident[:20]})" if ident else "")
        start = _parse_date(row[i_date])
        metres = _number(row[i_m]) if i_m is not None and i_m != i_km else None
        if metres is None:
            km = _number(row[i_km])
            metres = None if km is None else km * 1000
        moving = _number(row[i_moving])
        if start is None or metres is None or moving is None:
            missing = [
                name
                for name, value in (("date", start), ("distance", metres), ("time", moving))
                if value is None
            ]
            runs.bad(where, f"could not read the {' or '.join(missing)}")
            continue
        ref = row[i_file].strip() if i_file is not None and i_file < len(row) else ""
        runs.add(where, start, metres, moving, ref)
    return runs.found(skipped)


# -- finding and collecting --------------------------------------------------------


def kind_of(path: Path) -> str | None:
    name = path.name.lower().removesuffix(".gz")
    if name.endswith(".gpx"):
        return "gpx"
    if name.endswith(".fit"):
        return "fit"
    if name.endswith(".csv"):
        return "csv"
    return None


def find(paths: Sequence[Path]) -> tuple[list[Path], list[str]]:
    """Files to read: files as given; folders searched for GPX, FIT and activities.csv."""
    files, problems = [], []
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and (
                    kind_of(f) in ("gpx", "fit") or f.name.lower() == "activities.csv"
                ):
                    files.append(f)
        elif p.is_file():
            files.append(p)
        else:
            problems.append(f"{p}: not found")
    return files, problems


READERS: dict[str, Callable[[Path, dt.datetime | None], Found]] = {
    "gpx": read_gpx,
    "fit": read_fit,
    "csv": read_strava_csv,
}


def _same(a: Run, b: Run) -> bool:
    if abs(a.start - b.start) > SAME_START:
        return False
    return abs(a.distance_m - b.distance_m) <= max(
        200.0, SAME_DISTANCE * max(a.distance_m, b.distance_m)
    )


def _preference(r: Run) -> tuple[int, dt.datetime]:
    return PRIORITY[r.source], r.start


def dedupe(runs: Iterable[Run]) -> tuple[list[Run], int]:
    """Keep each run once, preferring FIT, then GPX, then the CSV row."""
    kept: list[Run] = []
    dropped = 0
    for run in sorted(runs, key=_preference):
        if any(_same(run, k) for k in kept):
            dropped += 1
        else:
            kept.append(run)
    kept.sort(key=_start)
    return kept, dropped


def _start(r: Run) -> dt.datetime:
    return r.start


def collect(paths: Sequence[Path], now: dt.datetime | None = None) -> Collected:
    """Every run in the files, once; `now` (default: the clock) bounds the start times."""
    now = _now(now)
    files, problems = find(paths)
    runs: list[Run] = []
    skipped = 0
    read: list[str] = []
    for f in files:
        kind = kind_of(f)
        if kind is None:
            problems.append(f"{f}: not a GPX, FIT or activities.csv file")
            continue
        try:
            found = READERS[kind](f, now)
        except FileProblem as e:
            problems.append(f"{f}: {e}")
            continue
        except Exception as e:  # a library's own error on a damaged file: report, go on
            problems.append(f"{f}: could not be read ({type(e).__name__}: {str(e)[:100]})")
            continue
        read.append(str(f))
        runs += found.runs
        skipped += found.skipped_other
        problems += [f"{f}: {p}" for p in found.problems]
    kept, duplicates = dedupe(runs)
    return Collected(tuple(kept), tuple(read), tuple(problems), skipped, duplicates)
