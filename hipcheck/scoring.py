"""Score every condition of the knowledge file from the answers.

Method (docs/scoring.md): each condition starts from the log of its prior;
every answered value that the condition has a weight for adds the log of that
likelihood ratio; the totals are turned into probabilities with a softmax, so
the scores of all conditions add up to 1. Unanswered questions move nothing.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from .answers import AnswerValue
from .knowledge import KnowledgeBase


@dataclass(frozen=True, slots=True)
class Evidence:
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


@dataclass(frozen=True, slots=True)
class ConditionScore:
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


def _phrase(kb: KnowledgeBase, qid: str, value: str) -> str:
    q = kb.question_by_id[qid]
    for c in q.choices:
        if c.id == value:
            return c.phrase
    for b in q.bands:
        if b.id == value:
            return b.phrase
    return f"{qid}: {value}"


def score(
    kb: KnowledgeBase,
    answers: Mapping[str, AnswerValue],
    origins: Mapping[str, str] | None = None,
) -> tuple[ConditionScore, ...]:
    """Every condition, most likely first (ties keep the knowledge-file order)."""
    origins = origins or {}
    n = len(kb.conditions)
    logits = [math.log(c.prior) for c in kb.conditions]
    moved: list[list[Evidence]] = [[] for _ in range(n)]
    table = kb.log_weights
    for qid, value in features(kb, answers):
        for idx, log_lr in table.get((qid, value), ()):
            logits[idx] += log_lr
            moved[idx].append(
                Evidence(
                    qid, value, _phrase(kb, qid, value), math.exp(log_lr), origins.get(qid, "")
                )
            )
    top = max(logits)
    exps = [math.exp(v - top) for v in logits]
    total = sum(exps)
    results = []
    for i, cond in enumerate(kb.conditions):
        ev = sorted(moved[i], key=lambda e: -abs(math.log(e.ratio)))
        results.append(
            ConditionScore(
                id=cond.id,
                name=cond.name,
                score=exps[i] / total,
                evidence_for=tuple(e for e in ev if e.ratio > 1),
                evidence_against=tuple(e for e in ev if e.ratio < 1),
            )
        )
    order = sorted(range(n), key=lambda i: (-results[i].score, i))
    return tuple(results[i] for i in order)
