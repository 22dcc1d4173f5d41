"""One stored row of the history: a check-in, or a row found damaged.

A row is checked as it is read (the JSON, the date and its time zone, the
fields the renderers use), so one damaged row never stops the others from
being read (reliability review F11).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

import msgspec

COLUMNS = ("id", "created_at", "kb_version", "severity", "triage", "top_condition", "answers",
           "result")  # fmt: skip


class CheckIn(msgspec.Struct, frozen=True):
    id: int
    created_at: dt.datetime
    kb_version: str
    severity: float | None
    triage: str
    top_condition: str
    answers: dict[str, Any]
    result: dict[str, Any]

    @property
    def top_name(self) -> str:
        """The most likely cause's name; "" when the answers pointed to no
        cause, where the summary said "Not enough answers to suggest a cause"
        (UX review N6)."""
        conditions = self.result.get("conditions") or [{}]
        if not suggests_a_cause(conditions):
            return ""
        return str(conditions[0].get("name", self.top_condition))


def suggests_a_cause(conditions: list[dict[str, Any]]) -> bool:
    """Whether any answer pointed to a cause, as the plan decides (no
    condition with evidence for it: `Plan.no_cause`). A result stored
    without the evidence lists is taken to suggest one, as it was shown."""
    found = [c["evidence_for"] for c in conditions if "evidence_for" in c]
    return len(found) < len(conditions) or any(found)


class DamagedRow(msgspec.Struct, frozen=True):
    """A stored row that cannot be read as a check-in: what is wrong, and
    its columns as stored (text), for the rescue export."""

    id: int
    problem: str
    stored: dict[str, str | float | None]


class _Damage(ValueError):
    pass


#: A check-in dated this far after now was saved with a clock set ahead (or
#: the row was changed): it is set apart, never taken as the latest.
FUTURE_SLACK = dt.timedelta(minutes=10)


def parse(r: tuple[Any, ...], now: dt.datetime | None = None) -> CheckIn | DamagedRow:
    """The row as a check-in, or as a DamagedRow saying what is wrong. With
    `now`, a row dated after it (beyond FUTURE_SLACK) is flagged too: rows
    are ordered by date, so one such row would otherwise become "the
    latest" for the trend, the plan and the clinician page."""
    try:
        found = _checkin(r)
        if now is not None and found.created_at > now + FUTURE_SLACK:
            when = f"{found.created_at:%Y-%m-%d %H:%M %z}"
            raise _Damage(f"it is dated in the future ({when}): the clock was probably wrong")
        return found
    except _Damage as e:
        stored = {
            name: value if isinstance(value, str | int | float) or value is None else repr(value)
            for name, value in zip(COLUMNS[1:], r[1:], strict=True)
        }
        return DamagedRow(id=int(r[0]), problem=str(e), stored=stored)


def _text(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise _Damage(f"the {what} is not text")
    return value


def _json_object(value: object, what: str) -> dict[str, Any]:
    text = _text(value, what)
    try:
        found = json.loads(text)
    except (ValueError, RecursionError):
        raise _Damage(f"the stored {what} are not valid JSON") from None
    if not isinstance(found, dict):
        raise _Damage(f"the stored {what} are not a JSON object")
    return found


def _checkin(r: tuple[Any, ...]) -> CheckIn:
    try:
        created = dt.datetime.fromisoformat(_text(r[1], "date"))
    except ValueError:
        raise _Damage("the date is not an ISO 8601 date") from None
    if created.tzinfo is None:
        raise _Damage("the date has no time zone")
    severity = r[3]
    if severity is not None and (
        not isinstance(severity, int | float) or not math.isfinite(severity)
    ):
        raise _Damage("the severity is not a number")
    if severity is not None and not 0 <= severity <= 10:
        raise _Damage("the severity is not a number from 0 to 10")
    result = _json_object(r[7], "result")
    triage = result.get("triage")
    if not isinstance(triage, dict) or not isinstance(triage.get("level"), str):
        raise _Damage("the stored result has no triage level")
    if not all(isinstance(x, str) for x in triage.get("reasons", [])):
        raise _Damage("the stored triage reasons are not text")
    conditions = result.get("conditions", [])
    if not isinstance(conditions, list) or not all(
        isinstance(c, dict) and isinstance(c.get("id"), str) and isinstance(c.get("name", ""), str)
        for c in conditions
    ):
        raise _Damage("the stored conditions are not a list of conditions")
    return CheckIn(
        id=int(r[0]),
        created_at=created,
        kb_version=_text(r[2], "knowledge version"),
        severity=severity,
        triage=_text(r[4], "triage level"),
        top_condition=_text(r[5], "top condition"),
        answers=_json_object(r[6], "answers"),
        result=result,
    )
