"""The ranking of many answer sets (`hipcheck batch`), with fewer steps per set.

`scoring.numbers` puts each piece of evidence in its condition's list one
at a time and sorts each list; for a batch that is most of the ranking's
cost. Here each answer's part (`scoring_parts.part`, the same rows in the
same order) carries its evidence as flat tuples of (key, condition,
label), where the key orders by condition, then by ratio (strongest first
for, weakest first against): an answer set's evidence is the parts' tuples
joined in answer order and sorted once by key. Python's sort is stable, so
pieces of equal ratio keep the answer order `numbers` keeps. `label` is
what the caller shows for a piece (batch: its encoded JSON text).

The sums are `scoring.logits`'s own, in its order (`scoring.summed`), so
the floats are the same; the probabilities, shares, order and fit are
`numbers`'s own (`scoring.outcomes`).

Every table is bounded: memory stays flat however long the batch.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from operator import itemgetter
from typing import Any, Generic, NamedTuple, TypeVar

from hipcheck.core.scoring import Fit, all_answered, outcomes, summed
from hipcheck.core.scoring_parts import Part, known, part
from hipcheck.knowledge import KnowledgeBase
from hipcheck.knowledge.answer_types import AnswerValue
from hipcheck.knowledge.evidence import Evidence

L = TypeVar("L")

#: At most this many answers (and ticked sets) are kept; then a table starts afresh.
LIMIT = 8192

#: (sort key, condition index, label) of one piece of evidence.
Keyed = tuple[int, int, L]
_KEY = itemgetter(0)


class Flat(NamedTuple, Generic[L]):
    """One answer's part, with its evidence keyed."""

    part: Part
    pro: tuple[Keyed[L], ...]
    con: tuple[Keyed[L], ...]


class Found(NamedTuple, Generic[L]):
    """The ranking of one answer set, as numbers."""

    #: Calibrated probability per outcome (conditions in file order, then other).
    probs: list[float]
    #: The model's shares before calibration, per outcome.
    shares: list[float]
    #: Condition indices, most likely first (ties keep the knowledge-file order).
    order: list[int]
    fit: Fit
    other: float
    #: Evidence for and against, sorted: by condition, then as `numbers` orders it.
    pro: list[Keyed[L]]
    con: list[Keyed[L]]


class BatchRanker(Generic[L]):
    """`scoring.numbers` for many answer sets of one knowledge file."""

    def __init__(self, kb: KnowledgeBase, label: Callable[[Evidence], L]) -> None:
        self.kb = kb
        self.t = t = kb.ranking_tables
        self.memo = known(t)
        self.label = label
        ratios = {e.ratio for _, pro, con in t.evidence.values() for _, e in (*pro, *con)}
        ratios |= {e.ratio for rows in t.unticked.values() for r in rows for _, e in r.evidence}
        self._rank = {r: k for k, r in enumerate(sorted(ratios))}
        self._width = len(ratios)
        self._flat: dict[tuple[str, type, Any], Flat[L]] = {}
        self._unticked: dict[
            tuple[str, frozenset[str]], tuple[tuple[int, ...], tuple[Keyed[L], ...]]
        ]
        self._unticked = {}

    def _key(self, i: int, e: Evidence, strongest_first: bool) -> Keyed[L]:
        k = self._rank[e.ratio]
        return (i * self._width + (self._width - 1 - k if strongest_first else k), i, self.label(e))

    def _made(self, key: tuple[str, type, Any]) -> Flat[L]:
        p = part(self.kb, self.t, key[0], key[2])
        found = Flat(
            p,
            tuple(self._key(i, e, True) for i, e in p.pro),
            tuple(self._key(i, e, False) for i, e in p.con),
        )
        if len(self._flat) >= LIMIT:
            self._flat.clear()
        self._flat[key] = found
        return found

    def rank(self, answers: Mapping[str, AnswerValue], evidence: bool = True) -> Found[L]:
        """The ranking of canonical answers (`core.answers.parse_answers`);
        without `evidence`, the pieces are left unsorted (only whether
        there are any is read)."""
        t = self.t
        rows: list[Sequence[float]] = []
        grouped: dict[int, list[Sequence[float]]] = {}
        pro: list[Keyed[L]] = []
        con: list[Keyed[L]] = []
        linked = False
        flat = self._flat
        for qid, answer in answers.items():  # in answer order, as `logits`
            for one in answer if type(answer) is tuple else (answer,):
                key = (qid, type(one), one)
                p, for_, against = flat.get(key) or self._made(key)
                own, clustered, _, _, link = p
                linked = linked or link
                if own:
                    rows += own
                for cluster, logs in clustered:
                    grouped.setdefault(cluster, []).append(logs)
                pro += for_
                con += against
        out = summed(self.memo, t, answers, rows, grouped)
        for qid in t.unticked:
            ticked = answers.get(qid)
            if type(ticked) is tuple and ticked:
                indices, keyed = self._untick(qid, ticked)
                for i in indices:
                    out[i] += t.unticked_log
                con += keyed
        if t.unlinked_log and not linked and all_answered(answers, t.running_questions):
            out[t.n] += t.unlinked_log
        if evidence:
            pro.sort(key=_KEY)
            con.sort(key=_KEY)
        probs, shares, order, fit, other = outcomes(self.kb, out, answers)
        return Found(probs, shares, order, fit, other, pro, con)

    def _untick(
        self, qid: str, ticked: tuple[str, ...]
    ) -> tuple[tuple[int, ...], tuple[Keyed[L], ...]]:
        """`scoring._unticked` for one question: the conditions whose strong
        choices were all left unticked, and their evidence against, keyed."""
        key = (qid, frozenset(ticked))
        found = self._unticked.get(key)
        if found is None:
            rows = [r for r in self.t.unticked[qid] if r.strong.isdisjoint(ticked)]
            found = (
                tuple(r.index for r in rows),
                tuple(self._key(r.index, r.evidence[0][1], False) for r in rows),
            )
            if len(self._unticked) >= LIMIT:
                self._unticked.clear()
            self._unticked[key] = found
        return found
