"""Which earlier check-ins belong to the same problem as this one.

An episode is the check-ins within `[history] episode_days` before this
one that are about the same problem: not one whose painful places share
none with this one's, or that is on the other side (a runner with two
problems has two episodes, interleaved). A place or side not given counts
as the same (a thin check-in never splits an episode). The trend and the
clinician page read it (UX re-check: a hamstring check-in was compared with
an outer-hip one, and "getting worse" fired across the two problems); the
return-to-running ladder is the runner's and reads every problem's
check-ins, so an urgent one for another problem restarts it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

C = TypeVar("C")

_SIDES = ("left", "right")


def same_problem(now: Mapping[str, Any], then: Mapping[str, Any]) -> bool:
    """Whether two check-ins' answers can be about the same problem."""
    here, there = _places(now.get("location")), _places(then.get("location"))
    if here and there and not here & there:
        return False
    side, other = now.get("side"), then.get("side")
    return not (side in _SIDES and other in _SIDES and side != other)


def episode_of(
    earlier: Sequence[C], answers: Mapping[str, Any], when: dt.datetime, days: int
) -> list[C]:
    """The earlier check-ins (oldest first, each with `created_at` and
    `answers`) in the episode of a check-in made `when` with `answers`."""
    try:
        start = when - dt.timedelta(days=days)
    except OverflowError:  # an episode longer than the calendar: everything is in it
        start = dt.datetime.min.replace(tzinfo=dt.UTC)
    return [
        c
        for c in earlier
        if start <= c.created_at <= when  # type: ignore[attr-defined]
        and same_problem(answers, getattr(c, "answers", None) or {})
    ]


def _places(value: object) -> frozenset[str]:
    if isinstance(value, list | tuple):
        return frozenset(v for v in value if isinstance(v, str))
    return frozenset()
