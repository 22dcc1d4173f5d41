"""Which triage rules' reasons another rule's reason already says.

A page gives each thing once (core/triage.py `_distinct`): a rule's reason
is left out when a rule that covers it fired (`covered_by`, written in the
file), or when a reason kept before it rests on every answer it rests on
(`within`, worked out from the rules' `when` tables): a femoral stress
fracture page gave "A limp ... be seen within a day or two" under a reason
that named the limp and said the same (a clinician's review, stop 41).
"""

from __future__ import annotations

from collections.abc import Sequence

from hipcheck.knowledge.rules import TriageRule
from hipcheck.knowledge.when import rests_within


class Saying:
    """The rules of one knowledge file: `covered` (rule id -> its
    `covered_by`), and `within`, worked out on first use of each rule."""

    def __init__(self, rules: Sequence[TriageRule]) -> None:
        self._rules = tuple(rules)
        self._by_id = {r.id: r for r in rules}
        self._within: dict[str, frozenset[str]] = {}
        self.covered = {r.id: frozenset(r.covered_by) for r in rules if r.covered_by}

    def within(self, rule_id: str) -> frozenset[str]:
        """The rules whose reason, when both fire, names every answer that
        `rule_id`'s rests on (knowledge.when.rests_within); none for a rule
        with advice, a heading or a cause outside the file of its own (at
        its level or lowered), which only its reason gives."""
        got = self._within.get(rule_id)
        if got is None:
            r = self._by_id.get(rule_id)
            got = frozenset()
            if r is not None and _plain(r):
                got = frozenset(
                    k.id for k in self._rules if k is not r and rests_within(r.when, k.when)
                )
            self._within[rule_id] = got
        return got


def _plain(r: TriageRule) -> bool:
    """A rule whose reason is all it gives."""
    low = r.lowered
    return not (r.advice or r.title or r.possibility) and (
        low is None or not (low.advice or low.title)
    )
