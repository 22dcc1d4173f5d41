"""Inline SVG charts for the clinician page, written from the data.

No charting library: two small charts (a severity line and weekly bars) are
a few dozen lines of SVG, print sharply at any size, need nothing at run
time and fetch nothing. Every text is escaped; the SVG has no `xmlns` URL
(inline SVG in HTML needs none) and no links.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from html import escape

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 14, 40
#: Marker colours by triage level (also told in words beside the chart).
LEVEL_COLOUR = {
    "self_care": "#2e7d32",
    "routine": "#b26a00",
    "urgent": "#c62828",
    "emergency": "#7b1fa2",
}


def _text(x: float, y: float, text: str, anchor: str = "middle", size: int = 11) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" '
        f'fill="#333">{escape(text)}</text>'
    )


def _frame(title: str, body: list[str]) -> str:
    return (
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(title)}" '
        f'preserveAspectRatio="xMidYMid meet"><title>{escape(title)}</title>'
        + "".join(body)
        + "</svg>"
    )


def _day(d: dt.date) -> str:
    return f"{d.day} {d:%b}"


def severity_chart(points: Sequence[tuple[dt.datetime, float | None, str]]) -> str:
    """Worst pain (0-10) over the check-ins: a line with one marker per
    check-in, coloured by its triage level. Check-ins without a severity are
    left out of the line."""
    known = [(when, float(sev), level) for when, sev, level in points if sev is not None]
    title = "Worst pain (0 to 10) at each check-in"
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    body: list[str] = []
    for tick in (0, 2, 4, 6, 8, 10):
        y = TOP + plot_h * (1 - tick / 10)
        body.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
            f'stroke="#ddd" stroke-width="1"/>'
        )
        body.append(_text(LEFT - 8, y + 4, str(tick), "end"))
    if not known:
        body.append(_text(WIDTH / 2, HEIGHT / 2, "No severities recorded"))
        return _frame(title, body)
    first = known[0][0]
    span = (known[-1][0] - first).total_seconds()

    def x_of(i: int, when: dt.datetime) -> float:
        if len(known) == 1:
            return LEFT + plot_w / 2
        if span < 86400:  # all within a day: evenly spaced, in order
            return LEFT + plot_w * i / (len(known) - 1)
        return LEFT + plot_w * (when - first).total_seconds() / span

    xy = [(x_of(i, when), TOP + plot_h * (1 - sev / 10)) for i, (when, sev, _) in enumerate(known)]
    if len(xy) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in xy)
        body.append(f'<polyline points="{path}" fill="none" stroke="#1f4e79" stroke-width="2"/>')
    last_label, last_text = -1e9, ""
    one_day = {_day(when.astimezone()) for when, _, _ in known}
    for (x, y), (when, sev, level) in zip(xy, known, strict=True):
        colour = LEVEL_COLOUR.get(level, "#333")
        local = when.astimezone()
        body.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{colour}" stroke="#fff" '
            f'stroke-width="1.5"><title>{escape(_day(local))} {local:%H:%M}: {sev:g} of 10'
            f"</title></circle>"
        )
        body.append(_text(x, y - 9, f"{sev:g}", size=10))
        # check-ins of one day apart by their time ("5 Dec" under each told
        # nothing apart: stop 41)
        label = f"{local:%H:%M}" if len(one_day) == 1 and len(known) > 1 else _day(local)
        if x - last_label >= 56 and label != last_text:  # dates that neither overlap nor repeat
            anchor = "end" if x > WIDTH - RIGHT - 24 else "start" if x < LEFT + 24 else "middle"
            body.append(_text(x, HEIGHT - BOTTOM + 18, label, anchor))
            last_label, last_text = x, label
    return _frame(title, body)


def _nice_max(value: float, ticks: int = 4) -> float:
    """The top of the axis: `ticks` steps of 1, 2 or 5 times a power of ten."""
    if value <= 0:
        return 10.0
    raw = value / ticks
    magnitude = 10.0 ** math.floor(math.log10(raw))
    step = next(s * magnitude for s in (1, 2, 5, 10) if raw <= s * magnitude)
    return step * ticks


def weekly_chart(weeks: Sequence[tuple[dt.date, float]], unit: str = "km") -> str:
    """Weekly running distance as bars, one per week (Monday to Sunday)."""
    title = f"Running distance per week ({unit})"
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    top = _nice_max(max((v for _, v in weeks), default=0.0))
    body: list[str] = []
    for i in range(5):
        tick = top * i / 4
        y = TOP + plot_h * (1 - i / 4)
        body.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
            f'stroke="#ddd" stroke-width="1"/>'
        )
        body.append(_text(LEFT - 8, y + 4, f"{tick:g}", "end"))
    if not weeks:
        body.append(_text(WIDTH / 2, HEIGHT / 2, "No runs"))
        return _frame(title, body)
    slot = plot_w / len(weeks)
    bar = min(48.0, slot * 0.7)
    every = max(1, math.ceil(len(weeks) / 10))
    for i, (start, value) in enumerate(weeks):
        h = plot_h * value / top
        x = LEFT + slot * i + (slot - bar) / 2
        body.append(
            f'<rect x="{x:.1f}" y="{TOP + plot_h - h:.1f}" width="{bar:.1f}" height="{h:.1f}" '
            f'fill="#4f81bd"><title>Week of {escape(_day(start))}: {value:.1f} {escape(unit)}'
            f"</title></rect>"
        )
        if value > 0:
            body.append(_text(x + bar / 2, TOP + plot_h - h - 4, f"{value:.0f}", size=10))
        if i % every == 0:
            body.append(_text(x + bar / 2, HEIGHT - BOTTOM + 18, _day(start)))
    return _frame(title, body)
