"""Compare a new check-in with earlier ones: notes for the summary, and
reasons that can raise the triage level (rules from [history] in the
knowledge file)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import msgspec

from hipcheck.core.answers import AnswerValue
from hipcheck.core.triage import Reason
from hipcheck.knowledge import HistoryRules
from hipcheck.store.history import CheckIn


class Comparison(msgspec.Struct, frozen=True):
    notes: tuple[str, ...] = ()
    reasons: tuple[Reason, ...] = ()


def _day(when: dt.datetime) -> str:
    return f"{when.astimezone().day} {when.astimezone():%b}"


def _num(value: float) -> str:
    return f"{value:g}"


def compare(
    rules: HistoryRules,
    earlier: Sequence[CheckIn],
    answers: Mapping[str, AnswerValue],
    when: dt.datetime,
) -> Comparison:
    start = when - dt.timedelta(days=rules.episode_days)
    episode = [c for c in earlier if start <= c.created_at <= when]
    if not episode:
        return Comparison()
    first, last = episode[0], episode[-1]
    raw = answers.get("severity")
    severity = raw if isinstance(raw, int | float) and not isinstance(raw, bool) else None
    notes = []
    if severity is not None and last.severity is not None:
        if severity < last.severity:
            direction = "improving"
        elif severity > last.severity:
            direction = "getting worse"
        else:
            direction = "unchanged"
        notes.append(
            f"Severity {_num(last.severity)} -> {_num(severity)} since {_day(last.created_at)}, "
            f"{direction}."
        )
    else:
        notes.append(f"Last check-in {_day(last.created_at)}: {last.triage}, {last.top_name}.")
    if len(episode) > 1:
        trail = " -> ".join(_num(c.severity) for c in episode if c.severity is not None)
        notes.append(
            f"{len(episode)} earlier check-ins since {_day(first.created_at)}"
            + (f" (severity {trail})." if trail else ".")
        )
    fields = {
        "severity": _num(severity) if severity is not None else "?",
        "first_severity": _num(first.severity) if first.severity is not None else "?",
        "first_date": _day(first.created_at),
        "last_severity": _num(last.severity) if last.severity is not None else "?",
        "last_date": _day(last.created_at),
    }
    reasons = []
    days = (when - first.created_at).total_seconds() / 86400
    if (
        severity is not None
        and first.severity is not None
        and days >= rules.not_improving_days
        and severity >= first.severity
    ):
        reasons.append(
            Reason(
                rules.level, rules.not_improving_reason.format(**fields), "history:not_improving"
            )
        )
    if (
        severity is not None
        and last.severity is not None
        and severity - last.severity >= rules.worsening_by
    ):
        reasons.append(
            Reason(rules.level, rules.worsening_reason.format(**fields), "history:worsening")
        )
    return Comparison(tuple(notes), tuple(reasons))
