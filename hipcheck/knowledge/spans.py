"""Lengths of time on a "how long" question (`from_days` on its choices).

Each choice of such a question covers a time from its `from_days` up to the
next choice's: 0, 7, 43 reads "under a week", "one to six weeks" (a week up
to six weeks, inclusive), "over six weeks". A length typed where a choice is
expected ("3 weeks", "10d", "2 months") then names the one choice it falls
in, so a mistaken flag gets the right suggestion rather than the closest
spelling.
"""

from __future__ import annotations

import itertools
import re

from hipcheck.knowledge.model import Question

_UNITS = {
    "d": 1, "day": 1, "days": 1,
    "w": 7, "wk": 7, "wks": 7, "week": 7, "weeks": 7,
    "mo": 30, "mth": 30, "mths": 30, "month": 30, "months": 30,
    "y": 365, "yr": 365, "yrs": 365, "year": 365, "years": 365,
}  # fmt: skip
_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_LENGTH = re.compile(r"^\s*(\d+(?:[.,]\d+)?|[a-z]+)[\s_-]*([a-z]+)\s*$")


def length_in_days(text: str) -> float | None:
    """ "3 weeks", "3-weeks", "10d", "a year" -> days; None if not a length."""
    m = _LENGTH.match(text.lower())
    if not m or m.group(2) not in _UNITS:
        return None
    count, unit = m.group(1), _UNITS[m.group(2)]
    number = _WORDS.get(count) if count.isalpha() else float(count.replace(",", "."))
    return None if number is None else number * unit


def choice_for_length(q: Question, text: str) -> str | None:
    """The choice of `q` that a typed length of time falls in, if `q` is a
    "how long" question and `text` a length."""
    starts = [(c.from_days, c.id) for c in q.choices if c.from_days is not None]
    days = length_in_days(text) if starts else None
    if days is None:
        return None
    within = [cid for start, cid in starts if days >= start]
    return within[-1] if within else None


def span_problems(q: Question, where: str) -> list[str]:
    """`from_days` on all of a one-choice question's choices or none,
    starting at 0 and rising."""
    starts = [c.from_days for c in q.choices]
    if all(s is None for s in starts):
        return []
    if q.kind != "one" or any(s is None for s in starts):
        return [f"{where}.choices: from_days goes on every choice of a one-choice question"]
    days = [s for s in starts if s is not None]
    if days[0] != 0 or any(b <= a for a, b in itertools.pairwise(days)):
        return [f"{where}.choices: from_days starts at 0 and rises from choice to choice"]
    return []
