"""Score every condition of the knowledge file from the answers.

Method (docs/scoring.md): each condition starts from the log of its prior;
every answered value that the condition has a weight for adds the log of that
likelihood ratio; the totals are turned into probabilities with a softmax, so
the scores of all conditions add up to 1. Unanswered questions move nothing.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping

import msgspec

from .answers import AnswerValue
from .knowledge import KnowledgeBase


class Evidence(msgspec.Struct, frozen=True):
    """One answer that moved one condition, and by how much."""

    question: str
    value: str
    phrase: str
    #: The likelihood ratio: above 1 speaks for the condition, below 1 against.
    ratio: float
    #: Where the answer came from, if not from the user ("your activity data").
    origin: str = ""

    @property
    def text(self) -> str:
        suffix = f", from {self.origin}" if self.origin else ""
        return f"{self.phrase} (x{self.ratio:.2g}{suffix})"


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
    """Every condition, most likely first (ties keep the knowledge-file order)."""
    n = len(kb.conditions)
    logits = [math.log(c.prior) for c in kb.conditions]
    pro: list[list[Evidence]] = [[] for _ in range(n)]
    con: list[list[Evidence]] = [[] for _ in range(n)]
    table = kb.evidence_table
    for qid, value in features(kb, answers):
        entries = table.get((qid, value))
        if not entries:
            continue
        origin = origins.get(qid) if origins else None
        for idx, log_lr, ev in entries:
            logits[idx] += log_lr
            if origin:
                ev = msgspec.structs.replace(ev, origin=origin)
            if log_lr > 0:
                pro[idx].append(ev)
            elif log_lr < 0:
                con[idx].append(ev)
    top = max(logits)
    exps = [math.exp(v - top) for v in logits]
    total = sum(exps)
    results = [
        ConditionScore(
            id=cond.id,
            name=cond.name,
            score=exps[i] / total,
            evidence_for=tuple(sorted(pro[i], key=_strongest_for)) if pro[i] else (),
            evidence_against=tuple(sorted(con[i], key=_ratio)) if con[i] else (),
        )
        for i, cond in enumerate(kb.conditions)
    ]
    results.sort(key=_by_score)  # stable: ties keep the knowledge-file order
    return tuple(results)


def _strongest_for(e: Evidence) -> float:
    return -e.ratio


def _ratio(e: Evidence) -> float:
    return e.ratio


def _by_score(s: ConditionScore) -> float:
    return -s.score
