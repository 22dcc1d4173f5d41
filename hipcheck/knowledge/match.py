"""A `when` table's types: a test of one answer (Match), and the table.

Kept apart so that knowledge/when.py, which evaluates them, can be compiled
(hatch_build.py) while these stay plain classes: a compiled module drops a
class's keywords, and with them `frozen`.
"""

from __future__ import annotations

from msgspec import Struct


class Match(Struct, frozen=True, forbid_unknown_fields=True):
    """A test of one answer, used by triage rules and by `ask_if`.

    any: one of these selected; all: every one selected; none: none of these
    selected (true when unanswered); min / max: a number within bounds;
    answered: whether the question was answered at all.
    """

    any: tuple[str, ...] | None = None
    all: tuple[str, ...] | None = None
    none: tuple[str, ...] | None = None
    min: float | None = None
    max: float | None = None
    answered: bool | None = None


#: In a `when` table a key is a question id; the value is `true`/`false` for
#: yes/no, a value or list of values (any of them), or a Match table.
WhenValue = bool | str | list[str] | Match
When = dict[str, WhenValue]
