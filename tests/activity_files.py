"""Build real activity files for the tests: GPX (gpxpy), FIT (fit-tool), Strava CSV."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import gpxpy
import gpxpy.gpx

METRES_PER_DEGREE_LAT = 111_195.0


def write_gpx(
    path: Path, start: dt.datetime, km: float, minutes: float, kind: str = "running"
) -> Path:
    gpx = gpxpy.gpx.GPX()
    track = gpxpy.gpx.GPXTrack()
    track.type = kind
    segment = gpxpy.gpx.GPXTrackSegment()
    n = 40  # a point every minute or two: enough for distance and moving time
    for i in range(n + 1):
        segment.points.append(
            gpxpy.gpx.GPXTrackPoint(
                latitude=51.0 + (km * 1000 / METRES_PER_DEGREE_LAT) * i / n,
                longitude=-0.1,
                elevation=20.0,
                time=start + dt.timedelta(minutes=minutes * i / n),
            )
        )
    track.segments.append(segment)
    gpx.tracks.append(track)
    path.write_text(gpx.to_xml())
    return path


def write_fit(
    path: Path, start: dt.datetime, km: float, minutes: float, sport: str = "running"
) -> Path:
    from fit_tool.fit_file_builder import FitFileBuilder
    from fit_tool.profile.messages.file_id_message import FileIdMessage
    from fit_tool.profile.messages.session_message import SessionMessage
    from fit_tool.profile.profile_type import FileType, Manufacturer, Sport

    ms = int(start.timestamp() * 1000)
    builder = FitFileBuilder(auto_define=True, min_string_size=50)
    file_id = FileIdMessage()
    file_id.type = FileType.ACTIVITY
    file_id.manufacturer = Manufacturer.GARMIN.value
    file_id.product = 0
    file_id.time_created = ms
    file_id.serial_number = 1234
    builder.add(file_id)
    session = SessionMessage()
    session.start_time = ms
    session.timestamp = ms + int(minutes * 60_000)
    session.sport = Sport.RUNNING if sport == "running" else Sport.CYCLING
    session.total_distance = km * 1000
    session.total_timer_time = minutes * 60
    session.total_elapsed_time = minutes * 60 + 30
    builder.add(session)
    builder.build().to_file(str(path))
    return path


STRAVA_HEADER = [
    "Activity ID", "Activity Date", "Activity Name", "Activity Type", "Activity Description",
    "Elapsed Time", "Distance", "Max Heart Rate", "Relative Effort", "Commute",
    "Activity Private Note", "Activity Gear", "Filename", "Athlete Weight", "Bike Weight",
    "Elapsed Time", "Moving Time", "Distance", "Max Speed",
]  # fmt: skip


def write_strava_csv(path: Path, rows: list[tuple[dt.datetime, str, float, float]]) -> Path:
    """rows: (start UTC, Strava activity type, km, moving minutes)."""
    with path.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(STRAVA_HEADER)
        for i, (start, kind, km, minutes) in enumerate(rows, 1):
            date = start.strftime("%b %d, %Y, %I:%M:%S %p").replace(" 0", " ")
            w.writerow([
                1000 + i, date, f"{kind} {i}", kind, "", int(minutes * 60 + 30), f"{km:.2f}", "",
                "", "false", "", "", f"activities/{1000 + i}.fit.gz", "", "",
                minutes * 60 + 30, minutes * 60, km * 1000, "",
            ])  # fmt: skip
    return path


def weekly_history(folder: Path, weekly_km: list[float], last_monday: dt.date) -> list[Path]:
    """Three runs a week (Tue, Thu, Sun 07:00 UTC) adding up to each week's km,
    as GPX files; the last week starts on `last_monday`."""
    files = []
    first = last_monday - dt.timedelta(weeks=len(weekly_km) - 1)
    for w, km in enumerate(weekly_km):
        monday = first + dt.timedelta(weeks=w)
        for d, share in ((1, 0.3), (3, 0.3), (6, 0.4)):
            day = monday + dt.timedelta(days=d)
            start = dt.datetime(day.year, day.month, day.day, 7, 0, tzinfo=dt.UTC)
            files.append(write_gpx(folder / f"run-{day}.gpx", start, km * share, km * share * 6))
    return files


def write_runs(folder: Path, runs: list[tuple[dt.date, float]], hour: int = 7) -> list[Path]:
    """One GPX run per (day, km), starting at `hour`:00 UTC, at 6 minutes a km."""
    files = []
    for i, (day, km) in enumerate(runs):
        start = dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=dt.UTC)
        files.append(write_gpx(folder / f"run-{day}-{hour:02d}-{i}.gpx", start, km, km * 6))
    return files
