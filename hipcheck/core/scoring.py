"""Score every condition of the knowledge file from the answers.

Method (docs/scoring.md): each condition starts from the log of its prior;
every answered value that the condition has a weight for adds the log of that
likelihood ratio; the totals are turned into probabilities with a softmax, so
the scores of all conditions add up to 1. Unanswered questions move nothing.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from operator import add, attrgetter

import msgspec

from hipcheck.core.answers import AnswerValue
from hipcheck.knowledge import KnowledgeBase
from hipcheck.knowledge.evidence import Evidence


class ConditionScore(msgspec.Struct, frozen=True):
    id: str
    name: str
    #: Probability-like share, 0..1; all conditions sum to 1.
    score: float
    evidence_for: tuple[Evidence, ...]
    evidence_against: tuple[Evidence, ...]


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


def score(
    kb: KnowledgeBase,
    answers: Mapping[str, AnswerValue],
    origins: Mapping[str, str] | None = None,
) -> tuple[ConditionScore, ...]:
    """Every condition, most likely first (ties keep the knowledge-file order).

    `origins` says where answers came from when not from the user, keyed by
    "question.value" or by "question" ("training.mileage_jump": "your activity data").
    """
    logits = kb.log_priors
    pro_rows = []
    con_rows = []
    table = kb.evidence_table
    for key in features(kb, answers):
        entry = table.get(key)
        if entry is None:
            continue
        logs, pro, con = entry
        logits = list(map(add, logits, logs))
        if origins:
            origin = origins.get(f"{key[0]}.{key[1]}") or origins.get(key[0])
            if origin:
                pro, con = _with_origin(pro, origin), _with_origin(con, origin)
        pro_rows.append(pro)
        con_rows.append(con)
    top = max(logits)
    exps = [math.exp(v - top) for v in logits]
    total = sum(exps)
    n = len(kb.conditions)
    # one column per condition: the evidence each answer gave it
    pro_cols = list(zip(*pro_rows, strict=True)) if pro_rows else [()] * n
    con_cols = list(zip(*con_rows, strict=True)) if con_rows else [()] * n
    results = []
    for i, cond in enumerate(kb.conditions):
        ev_for = [e for e in pro_cols[i] if e is not None]
        if len(ev_for) > 1:
            ev_for.sort(key=RATIO, reverse=True)
        ev_against = [e for e in con_cols[i] if e is not None]
        if len(ev_against) > 1:
            ev_against.sort(key=RATIO)
        results.append(
            ConditionScore(cond.id, cond.name, exps[i] / total, tuple(ev_for), tuple(ev_against))
        )
    results.sort(key=_by_score)  # stable: ties keep the knowledge-file order
    return tuple(results)


RATIO = attrgetter("ratio")


def _with_origin(row: tuple[Evidence | None, ...], origin: str) -> tuple[Evidence | None, ...]:
    return tuple(
        None if e is None else Evidence(e.question, e.value, e.phrase, e.ratio, origin) for e in row
    )


def _by_score(s: ConditionScore) -> float:
    return -s.score
