"""How a check-in compares with the earlier ones, in words: the "Since your
last check-in" lines of a summary (the facts are `core.trend.Trend`)."""

from __future__ import annotations

from hipcheck.core.trend import Trend
from hipcheck.knowledge.templates import day
from hipcheck.knowledge.templates import number as _num
from hipcheck.render.level_words import LEVEL_WORDS

#: Check-ins less than a day apart (core.trend.TREND_MIN), here and in `history`.
TOO_SOON = "within one day: too soon to call it a trend"
_DIRECTION = {
    "improving": "improving",
    "worse": "getting worse",
    "unchanged": "unchanged",
    "too_soon": TOO_SOON,
}


def notes(t: Trend | None) -> tuple[str, ...]:
    """The "since your last check-in" lines of a summary."""
    if t is None:
        return ()
    out = []
    if t.direction is not None:
        out.append(
            f"Severity {_num(t.from_severity)} -> {_num(t.to_severity)} since {day(t.since)}, "
            f"{_DIRECTION[t.direction]}."
        )
    else:
        # the first cause that page listed, never said as a finding
        cause = f"; first possible cause listed: {t.last_top}" if t.last_top else ""
        level = LEVEL_WORDS.get(t.last_triage, t.last_triage)
        out.append(f"Last check-in {day(t.since)}: {level}{cause}.")
    if t.count > 1:
        trail = " -> ".join(_num(s) for s in t.severities)
        out.append(
            f"{t.count} earlier check-ins since {day(t.first)}"
            + (f" (severity {trail})." if trail else ".")
        )
    return tuple(out)
