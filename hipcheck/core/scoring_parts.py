"""What one answer adds to the ranking, worked out once per distinct answer.

`scoring.logits` walks the answers one by one; for each it needs the log
ratio rows it adds (apart, or inside a cluster), the evidence it gives for
and against each condition, and whether it ties the pain to running. All of
that depends on the question and the answer alone, so it is looked up here
instead of being found again for every answer set (a batch meets the same
few hundred answers thousands of times). A "tick all that apply" answer is
looked up one ticked value at a time (the same features in the same order):
a few hundred parts to keep, not every combination of ticks. The parts keep
the order `scoring.features` gives, so the sums are made in the same order
and give the same floats.

The table is bounded: memory stays flat however many answer sets are scored.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, NamedTuple

from hipcheck.kept import Kept
from hipcheck.knowledge import KnowledgeBase
from hipcheck.knowledge.answer_types import AnswerValue
from hipcheck.knowledge.evidence import Evidence
from hipcheck.knowledge.ranking_tables import RankingTables

#: At most this many answers are kept per knowledge file; then the table starts afresh.
LIMIT = 8192

Pairs = tuple[tuple[int, Evidence], ...]


class Part(NamedTuple):
    """What one answer adds, in the order of its features."""

    #: The log ratio rows of its features outside any cluster.
    rows: tuple[Sequence[float], ...]
    #: (cluster index, log ratio row) of its features inside a cluster.
    clustered: tuple[tuple[int, Sequence[float]], ...]
    #: (condition index, evidence) for and against.
    pro: Pairs
    con: Pairs
    #: One of its features ties the pain to running.
    linked: bool


class Known:
    """What is known for one knowledge file's tables (each table bounded)."""

    def __init__(self, t: RankingTables) -> None:
        self.t = t  # holding `t` keeps its id, and the ids of its rows, valid
        #: (question, type of answer, answer) -> Part: the type, as True and 1,
        #: or 5 and 5.0, are equal keys
        self.parts: dict[tuple[str, type, Any], Part] = {}
        #: (cluster, ids of its rows) -> the cluster's row
        self.combined: dict[tuple[int, ...], list[float]] = {}
        #: (question, ticked) -> (condition index, evidence) of the strong choices left unticked
        self.unticked: dict[tuple[str, frozenset[str]], Pairs] = {}
        #: prior cells -> the sum begun: 0 + ln prior + cell, per outcome
        self.starts: dict[Sequence[float], tuple[float, ...]] = {}

    def keep(self, table: dict[Any, Any], key: Any, value: Any) -> Any:
        if len(table) >= LIMIT:
            table.clear()
        table[key] = value
        return value


#: What is known, per ranking tables (one set per knowledge file).
_known: Kept[RankingTables, Known] = Kept(Known, 16)


def known(t: RankingTables) -> Known:
    """What is known for these tables."""
    return _known(t)


def parts_of(t: RankingTables) -> dict[tuple[str, type, Any], Part]:
    """The parts known for these tables."""
    return known(t).parts


def part(kb: KnowledgeBase, t: RankingTables, qid: str, answer: Any) -> Part:
    """What the answer `answer` to question `qid` adds (without origins),
    kept in `parts_of(t)` when it can be."""
    table = parts_of(t)
    key = (qid, type(answer), answer)
    try:
        found = table.get(key)
    except TypeError:  # an unhashable value: not an answer the checks let through
        return make(kb, t, qid, answer)
    if found is None:
        if len(table) >= LIMIT:
            table.clear()
        found = table[key] = make(kb, t, qid, answer)
    return found


def features(kb: KnowledgeBase, answers: Mapping[str, AnswerValue]) -> Iterator[tuple[str, str]]:
    """The (question, value) pairs that weights can refer to."""
    for qid, answer in answers.items():
        q = kb.question_by_id.get(qid)
        if q is None:
            continue
        if isinstance(answer, bool):
            yield qid, "yes" if answer else "no"
        elif isinstance(answer, tuple):
            for v in answer:
                yield qid, v
        elif isinstance(answer, str):
            yield qid, answer
        else:
            band = q.band_of(answer)
            if band is not None:
                yield qid, band.id


def make(kb: KnowledgeBase, t: RankingTables, qid: str, answer: Any) -> Part:
    rows: list[Sequence[float]] = []
    clustered: list[tuple[int, Sequence[float]]] = []
    pro: list[tuple[int, Evidence]] = []
    con: list[tuple[int, Evidence]] = []
    linked = False
    for key in features(kb, {qid: answer}):
        linked = linked or key in t.running
        entry = t.evidence.get(key)
        if entry is None:
            continue
        logs, for_, against = entry
        cluster = t.cluster_of.get(key)
        if cluster is None:
            rows.append(logs)
        else:
            clustered.append((cluster, logs))
        pro += for_
        con += against
    return Part(tuple(rows), tuple(clustered), tuple(pro), tuple(con), linked)
