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
    """One answer that moved one condition, and by how much.

    Build it with `evidence()`, which also writes its display text.
    """

    question: str
    value: str
    phrase: str
    #: The likelihood ratio: above 1 speaks for the condition, below 1 against.
    ratio: float
    #: Where the answer came from, if not from the user ("your activity data").
    origin: str
    #: How it reads: "pain on the outer hip (x6)".
    text: str


def evidence(question: str, value: str, phrase: str, ratio: float, origin: str = "") -> Evidence:
    suffix = f", from {origin}" if origin else ""
    return Evidence(question, value, phrase, ratio, origin, f"{phrase} (x{ratio:.2g}{suffix})")


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
    moved: list[list[Evidence]] = [[] for _ in range(n)]
    table = kb.evidence_table
    for qid, value in features(kb, answers):
        entries = table.get((qid, value))
        if not entries:
            continue
        origin = origins.get(qid) if origins else None
        for idx, log_lr, ev in entries:
            logits[idx] += log_lr
            if origin:
                ev = evidence(ev.question, ev.value, ev.phrase, ev.ratio, origin)
            moved[idx].append(ev)
    top = max(logits)
    exps = [math.exp(v - top) for v in logits]
    total = sum(exps)
    results = []
    for i, cond in enumerate(kb.conditions):
        ev_for: tuple[Evidence, ...] = ()
        ev_against: tuple[Evidence, ...] = ()
        items = moved[i]
        if items:
            # one sort, strongest "for" first; "against" is the tail, reversed
            items.sort(key=_strongest_for)
            cut = next((k for k, e in enumerate(items) if e.ratio <= 1), len(items))
            ev_for = tuple(items[:cut])
            ev_against = tuple(e for e in reversed(items[cut:]) if e.ratio < 1)
        results.append(ConditionScore(cond.id, cond.name, exps[i] / total, ev_for, ev_against))
    results.sort(key=_by_score)  # stable: ties keep the knowledge-file order
    return tuple(results)


def _strongest_for(e: Evidence) -> float:
    return -e.ratio


def _by_score(s: ConditionScore) -> float:
    return -s.score
