"""How a new check-in compares with the earlier ones of the same episode.

Facts: the direction since the last check-in, the severities, the dates,
how many, how long, and which [history] rules of the knowledge file hold;
`reasons` turns those rules into triage reasons with the knowledge file's own
templates. `render.history_render` words the notes of the summary.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from typing import Literal, Protocol

import msgspec

from hipcheck.core.episode import episode_of
from hipcheck.core.triage import Reason
from hipcheck.knowledge import HistoryRules
from hipcheck.knowledge.answer_types import AnswerValue
from hipcheck.knowledge.templates import day, fill, number

Direction = Literal["improving", "worse", "unchanged", "too_soon"]

#: Severities less than this apart are no trend ("too_soon"): the summary
#: and `history` say so alike (a new user's review, stop 41: the summary
#: said "improving" of two check-ins an hour apart where `history` did not).
TREND_MIN = dt.timedelta(days=1)


class Earlier(Protocol):
    """What the trend needs of an earlier check-in (the store's CheckIn)."""

    @property
    def created_at(self) -> dt.datetime: ...
    @property
    def severity(self) -> float | None: ...
    @property
    def triage(self) -> str: ...
    @property
    def top_name(self) -> str: ...


class Trend(msgspec.Struct, frozen=True):
    #: When the last earlier check-in was made, and what it found.
    since: dt.datetime
    last_triage: str
    last_top: str
    #: When the first check-in of the episode was made.
    first: dt.datetime
    #: Earlier check-ins in the episode.
    count: int
    #: Days from the first check-in of the episode to now.
    days: float
    #: Severities of the earlier check-ins of the episode, oldest first.
    severities: tuple[float, ...] = ()
    #: Severity at the first and the last earlier check-in, and now.
    first_severity: float | None = None
    from_severity: float | None = None
    to_severity: float | None = None
    #: From the last check-in to now; None without both severities.
    direction: Direction | None = None
    #: [history] not_improving_days have passed and the severity is not below the first.
    not_improving: bool = False
    #: The severity rose by [history] worsening_by or more since the last check-in.
    worsening: bool = False


def _severity(value: object) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return None


def trend(
    rules: HistoryRules,
    earlier: Sequence[Earlier],
    answers: Mapping[str, AnswerValue],
    when: dt.datetime,
) -> Trend | None:
    """The trend of this episode; None when no earlier check-in is in it."""
    episode = episode_of(earlier, answers, when, rules.episode_days)
    if not episode:
        return None
    first, last = episode[0], episode[-1]
    now = _severity(answers.get("severity"))
    direction: Direction | None = None
    soon = when - last.created_at < TREND_MIN  # no trend is claimed within a day
    if now is not None and last.severity is not None:
        d = now - last.severity
        direction = (
            "too_soon" if soon else "improving" if d < 0 else "worse" if d > 0 else "unchanged"
        )
    days = (when - first.created_at).total_seconds() / 86400
    return Trend(
        since=last.created_at,
        last_triage=last.triage,
        last_top=last.top_name,
        first=first.created_at,
        count=len(episode),
        days=days,
        severities=tuple(c.severity for c in episode if c.severity is not None),
        first_severity=first.severity,
        from_severity=last.severity,
        to_severity=now,
        direction=direction,
        not_improving=(
            now is not None
            and first.severity is not None
            and days >= rules.not_improving_days
            and now >= first.severity
        ),
        worsening=(
            not soon
            and now is not None
            and last.severity is not None
            and now - last.severity >= rules.worsening_by
        ),
    )


def reasons(rules: HistoryRules, t: Trend | None) -> tuple[Reason, ...]:
    """The triage reasons the [history] rules give, from their templates."""
    if t is None:
        return ()
    fields = {
        "severity": number(t.to_severity, "?"),
        "first_severity": number(t.first_severity, "?"),
        "first_date": day(t.first),
        "last_severity": number(t.from_severity, "?"),
        "last_date": day(t.since),
    }
    out = []
    if t.not_improving:
        text = fill(rules.not_improving_reason, **fields)
        out.append(Reason(rules.level, text, "history:not_improving"))
    if t.worsening:
        text = fill(rules.worsening_reason, **fields)
        out.append(Reason(rules.level, text, "history:worsening"))
    return tuple(out)
