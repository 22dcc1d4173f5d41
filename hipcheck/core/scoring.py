"""Score every condition of the knowledge file from the answers.

Method (docs/scoring.md): each condition starts from the log of its prior;
every answered value that the condition has a weight for adds the log of that
likelihood ratio; the totals are turned into probabilities with a softmax, so
the scores of all conditions add up to 1. Unanswered questions move nothing.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from operator import attrgetter

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
    table = kb.evidence_table
    conditions = kb.conditions
    rows: list[Sequence[float]] = [kb.log_priors]
    ev_for: list[list[Evidence]] = [[] for _ in conditions]
    ev_against: list[list[Evidence]] = [[] for _ in conditions]
    for key in features(kb, answers):
        entry = table.get(key)
        if entry is None:
            continue
        logs, pro, con = entry
        if origins:
            origin = origins.get(f"{key[0]}.{key[1]}") or origins.get(key[0])
            if origin:
                pro, con = _with_origin(pro, origin), _with_origin(con, origin)
        rows.append(logs)
        for i, e in pro:
            ev_for[i].append(e)
        for i, e in con:
            ev_against[i].append(e)
    # Each logit is summed left to right, as adding one answer after another.
    logits = list(map(sum, zip(*rows, strict=True)))
    top = max(logits)
    exps = [math.exp(v - top) for v in logits]
    total = sum(exps)
    results = []
    for cond, share, pro_i, con_i in zip(
        conditions, [e / total for e in exps], ev_for, ev_against, strict=True
    ):
        if len(pro_i) > 1:
            pro_i.sort(key=RATIO, reverse=True)  # strongest first; ties in answer order
        if len(con_i) > 1:
            con_i.sort(key=RATIO)
        results.append(ConditionScore(cond.id, cond.name, share, tuple(pro_i), tuple(con_i)))
    results.sort(key=SCORE, reverse=True)  # stable: ties keep the knowledge-file order
    return tuple(results)


RATIO = attrgetter("ratio")
SCORE = attrgetter("score")


def _with_origin(
    pairs: tuple[tuple[int, Evidence], ...], origin: str
) -> tuple[tuple[int, Evidence], ...]:
    return tuple((i, Evidence(e.question, e.value, e.phrase, e.ratio, origin)) for i, e in pairs)
