"""Read runs from GPX (gpxpy), FIT (Garmin's FIT SDK) and a Strava bulk
export's activities.csv; find them in folders; count duplicates once.

Each reader returns runs and the number of other activities it skipped; a
file that cannot be read raises FileProblem with the reason, so the caller
reports it by name and goes on with the other files. Files are read through
`safe_read`: regular files only, with a size cap, and `.gz` decompressed
with a cap on its output. A run whose values cannot be right is left out and
reported with its places in the file (track, session or row), one line per
kind of fault: see `runs.faults`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import stat
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import msgspec

from hipcheck import safe_read
from hipcheck.errors import AnswerError, show
from hipcheck.training.runs import Run, RunList, dedupe, utc

#: Largest activity file read (and largest a `.gz` may decompress to).
ACTIVITY_LIMIT = safe_read.ACTIVITY_LIMIT
_LABEL = "activity file"


#: A track without an activity type counts as a run only up to this average
#: speed (16 km/h, 3:45 a km over the whole track, a 2:38 marathon: beyond
#: nearly every recreational runner, while an easy ride goes at 15-25 km/h).
#: Faster, it is most likely a ride, and counting it as a run would make a
#: mileage jump (reliability re-check: an untyped ride at 18.5 km/h did).
UNTYPED_MAX_SPEED_MS = 16 / 3.6
UNTYPED_TOO_FAST = "no activity type and faster than running (over 16 km/h): not counted"


class FileProblem(Exception):
    pass


class Found(msgspec.Struct, frozen=True):
    runs: list[Run]
    skipped_other: int = 0
    #: Runs left out, one line per kind of fault ("2 runs left out, negative
    #: distance: row 3 (activity 12), row 9 (activity 18)").
    problems: tuple[str, ...] = ()


class Collected(msgspec.Struct, frozen=True):
    runs: tuple[Run, ...]
    files: tuple[str, ...]
    problems: tuple[str, ...]
    skipped_other: int
    duplicates: int


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, decompressed if `.gz`: regular files only, both capped."""
    prefix = f"{_LABEL} {show(str(path))}: "
    try:
        data = safe_read.read_file(path, _LABEL, ACTIVITY_LIMIT)
        if path.name.lower().endswith(".gz"):
            data = safe_read.gunzip(data, ACTIVITY_LIMIT, prefix.removesuffix(": "))
    except AnswerError as e:
        raise FileProblem(str(e).removeprefix(prefix)) from None
    return data


def _now(now: dt.datetime | None) -> dt.datetime:
    return now if now is not None else dt.datetime.now(dt.UTC)


def _found(runs: RunList, skipped: int) -> Found:
    return Found(runs.runs, skipped, runs.notices())


# -- GPX -------------------------------------------------------------------------


def _gpx_words(e: Exception) -> str:
    """gpxpy's complaint in the tool's words: it quotes Python's ("Invalid
    value for <None>... x (could not convert string to float: 'x')")."""
    first = str(e).splitlines()[0] if str(e) else type(e).__name__
    if "could not convert" in first or first.startswith("Invalid value"):
        return "a value in it is not a number"
    if "no element found" in first:  # expat, at the end of the text
        return "it is empty or cut short"
    return first[:120]


def read_gpx(path: Path, now: dt.datetime | None = None) -> Found:
    import gpxpy
    import gpxpy.gpx

    try:
        gpx = gpxpy.parse(_read_bytes(path).decode("utf-8", errors="replace"))
    except (gpxpy.gpx.GPXException, ValueError) as e:
        raise FileProblem(f"not a valid GPX file: {_gpx_words(e)}") from None
    runs, skipped = RunList("gpx", str(path), _now(now)), 0
    for n, track in enumerate(gpx.tracks, 1):
        kind = (track.type or "").lower()
        if kind and "run" not in kind and kind not in ("9", "1"):  # Garmin/Strava run codes
            skipped += 1
            continue
        start, _ = track.get_time_bounds()
        if start is None:
            raise FileProblem("the track has no times")
        moving = float(track.get_moving_data().moving_time)
        distance = float(track.length_3d() or track.length_2d() or 0.0)
        if not kind and moving > 0 and distance / moving > UNTYPED_MAX_SPEED_MS:
            # No type (route planners, bike computers): a run only at a running pace.
            runs.left_out(f"track {n}", UNTYPED_TOO_FAST)
            continue
        runs.add(f"track {n}", utc(start), distance, moving)
    if not runs.runs and not runs.bad and not skipped:
        raise FileProblem("no tracks in the file")
    return _found(runs, skipped)


# -- FIT -------------------------------------------------------------------------


def read_fit(path: Path, now: dt.datetime | None = None) -> Found:
    from garmin_fit_sdk import Decoder, Stream

    stream = Stream.from_byte_array(bytearray(_read_bytes(path)))
    decoder = Decoder(stream)
    if not decoder.is_fit():
        raise FileProblem("not a FIT file")
    messages, errors = decoder.read()
    sessions = messages.get("session_mesgs") or []
    if any("crc" in str(e).lower() for e in errors):
        # The SDK still returns what it decoded, with values that may be
        # wrong (a distance read as missing): none of it is used.
        raise FileProblem("damaged: the CRC check failed; its runs are left out")
    if errors:
        raise FileProblem("damaged or truncated FIT file (no complete activity in it)")
    if not sessions:
        raise FileProblem("no activity sessions in the FIT file")
    runs, skipped = RunList("fit", str(path), _now(now)), 0
    for n, s in enumerate(sessions, 1):
        if str(s.get("sport", "")).lower() != "running":
            skipped += 1
            continue
        start = s.get("start_time") or s.get("timestamp")
        if not isinstance(start, dt.datetime):
            raise FileProblem("a session has no start time")
        raw_distance = s.get("total_distance")
        if not isinstance(raw_distance, int | float) or isinstance(raw_distance, bool):
            runs.left_out(f"session {n}", "could not read the distance")
            continue
        moving = float(s.get("total_timer_time") or s.get("total_elapsed_time") or 0.0)
        runs.add(f"session {n}", utc(start), float(raw_distance), moving)
    return _found(runs, skipped)


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


#: "5,2" or "12,75": a decimal comma (a spreadsheet in a comma-decimal
#: locale); a thousands separator has exactly three digits after it.
_DECIMAL_COMMA = re.compile(r"-?\d+,\d{1,2}")
_THOUSANDS = re.compile(r"-?\d{1,3}(,\d{3})+(\.\d*)?")


def _number(text: str) -> float | None:
    """A number as Strava or a spreadsheet writes it; None when it cannot be
    read for sure (a comma that is neither a decimal comma nor thousands)."""
    text = text.strip()
    if "," in text:
        if _DECIMAL_COMMA.fullmatch(text):
            text = text.replace(",", ".")
        elif _THOUSANDS.fullmatch(text):
            text = text.replace(",", "")
        else:
            return None
    try:
        return float(text)
    except ValueError:
        return None


def read_strava_csv(path: Path, now: dt.datetime | None = None) -> Found:
    text = _read_bytes(path).decode("utf-8-sig", errors="replace")
    # newline=None: CR-only line ends (old spreadsheets) read as CRLF and LF do.
    rows = _rows(csv.reader(io.StringIO(text, newline=None)))
    header = next(rows, (1, None, ""))[1]
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
    runs, skipped = RunList("csv", str(path), _now(now)), 0
    for n, row, problem in rows:  # row 1 is the header, as in a spreadsheet
        if row is None:
            runs.left_out(f"row {n}", problem)
            continue
        if not row:
            continue
        if len(row) <= max(i_date, i_type, i_km, i_moving):  # a cut-off export
            runs.left_out(f"row {n}", "too few columns")
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
            runs.left_out(where, f"could not read the {' or '.join(missing)}")
            continue
        ref = row[i_file].strip() if i_file is not None and i_file < len(row) else ""
        runs.add(where, start, metres, moving, ref)
    return _found(runs, skipped)


def _rows(reader: Any) -> Iterator[tuple[int, list[str] | None, str]]:
    """(row number, row or None, why not) from a `csv.reader`: a row the csv
    module cannot read (a field over its limit, a stray quote) is reported
    by number and the rows after it are still read. A row that took in
    several lines and has not the header's number of cells is a quote left
    open, which ran into the lines after it: named, never read as a row (a
    description that spans lines keeps the number of cells)."""
    n, width, line = 0, -1, 0
    while True:
        n += 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            yield n, None, f"could not be read ({str(e)[:80]})"
            line = reader.line_num
            continue
        first, line = line + 1, reader.line_num
        width = len(row) if width < 0 else width
        if line > first and len(row) != width:
            yield n, None, f"a quote is not closed (lines {first} to {line})"
            continue
        yield n, row, ""


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


def classify(path: Path) -> tuple[str, str]:
    """What a path is: ("folder" | "file", "") or ("problem", why it cannot be read).

    Only `stat`, never `open`: a FIFO or a device is named, not waited on.
    """
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "problem", "not found"
    except OSError as e:
        return "problem", f"cannot read: {e.strerror or e}"
    if stat.S_ISDIR(mode):
        return "folder", ""
    if stat.S_ISREG(mode):
        return "file", ""
    return "problem", "not a regular file or a folder (a pipe, device or socket)"


def _wanted(f: Path) -> bool:
    """A regular file in a folder that looks like a run: GPX, FIT or activities.csv."""
    if not (kind_of(f) in ("gpx", "fit") or f.name.lower() == "activities.csv"):
        return False
    try:
        return stat.S_ISREG(os.stat(f).st_mode)
    except OSError:
        return False


def find(paths: Sequence[Path]) -> tuple[list[Path], list[str]]:
    """Files to read: files as given; folders searched for GPX, FIT and activities.csv
    (anything but a regular file in a folder, such as a FIFO, is passed over)."""
    files, problems = [], []
    for p in paths:
        kind, why = classify(p)
        if kind == "folder":
            files += [f for f in sorted(p.rglob("*")) if _wanted(f)]
        elif kind == "file":
            files.append(p)
        else:
            problems.append(f"{p}: {why}")
    return files, problems


READERS: dict[str, Callable[[Path, dt.datetime | None], Found]] = {
    "gpx": read_gpx,
    "fit": read_fit,
    "csv": read_strava_csv,
}


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
