"""Score every condition of the knowledge file from the answers.

Three steps, kept apart (docs/scoring.md):

1. The model (`logits`): each outcome (every condition, and "a cause outside
   the file" when the file has it) starts from the log of its prior, moved
   by the prior cells of the runner's region x age x sex; every answered
   value adds the log of its likelihood ratio, except that answers of one
   cluster count once, with a cap; an answered "several" question whose
   strong choices for a condition were all left unticked counts modestly
   against it. Unanswered questions move nothing.
2. Calibration (`calibrate`): p = softmax(logit / temperature + bias),
   fitted on labelled cases (bench/fit_calibration.py).
3. Fit (`fit_of`): how well the conditions explain the answers (good, weak,
   poor), read on the other outcome's share before calibration.

Answers are checked before they get here (core.answers).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from operator import attrgetter
from typing import NamedTuple

from hipcheck.core.answers import AnswerValue
from hipcheck.core.net_exceptions import holds, nets_excepted
from hipcheck.core.prior_cells import prior_cells as _prior_cells
from hipcheck.core.scores import ConditionScore as ConditionScore
from hipcheck.core.scores import Fit as Fit
from hipcheck.core.scores import Ranked as Ranked
from hipcheck.core.scoring_parts import Known, Pairs, known, part
from hipcheck.core.scoring_parts import features as features
from hipcheck.knowledge import KnowledgeBase
from hipcheck.knowledge.evidence import Evidence
from hipcheck.knowledge.ranking_tables import RankingTables

Collected = tuple[list[float], list[list[Evidence]], list[list[Evidence]]]


def logits(
    kb: KnowledgeBase,
    answers: Mapping[str, AnswerValue],
    origins: Mapping[str, str] | None = None,
) -> Collected:
    """The model: (logit per outcome, evidence for, evidence against per condition)."""
    t: RankingTables = kb.ranking_tables
    memo = known(t)
    rows: list[Sequence[float]] = []
    ev_for: list[list[Evidence]] = [[] for _ in range(t.n)]
    ev_against: list[list[Evidence]] = [[] for _ in range(t.n)]
    grouped: dict[int, list[Sequence[float]]] = {}
    linked = False
    get = memo.parts.get
    for qid, answer in answers.items():  # what each answer adds, in answer order
        # each ticked value on its own (the same features in the same order):
        # a few hundred answers to keep, not every combination of ticks
        for one in answer if type(answer) is tuple else (answer,):
            try:
                found = get((qid, type(one), one))
            except TypeError:  # not hashable: made afresh
                found = None
            own, clustered, pro, con, link = found or part(kb, t, qid, one)
            linked = linked or link
            if own:
                rows += own
            for cluster, logs in clustered:
                grouped.setdefault(cluster, []).append(logs)
            if origins:
                pro, con = _with_origins(pro, origins), _with_origins(con, origins)
            for i, e in pro:
                ev_for[i].append(e)
            for i, e in con:
                ev_against[i].append(e)
    out = summed(memo, t, answers, rows, grouped)
    if t.unticked:
        _unticked(memo, t, answers, out, ev_against)
    if t.unlinked_log and not linked and all_answered(answers, t.running_questions):
        out[t.n] += t.unlinked_log  # pain with no link to running: the other outcome
    return out, ev_for, ev_against


def summed(
    memo: Known,
    t: RankingTables,
    answers: Mapping[str, AnswerValue],
    rows: list[Sequence[float]],
    grouped: dict[int, list[Sequence[float]]],
) -> list[float]:
    """Every outcome's logit from the answers' rows (in answer order) and
    each cluster's rows (combined, after them; `rows` grows by them)."""
    for cluster, members in grouped.items():
        key = (cluster, *map(id, members))  # rows of the tables, which `memo` holds
        rows.append(
            memo.combined.get(key)
            or memo.keep(memo.combined, key, _combine(members, *t.clusters[cluster]))
        )
    # summed left to right, as adding one answer after another: as
    # sum(column) for each outcome, from 0, ln prior, the prior cell
    out = list(_start(memo, t, answers))
    n = len(out)
    for row in rows:
        for j in range(n):  # a plain loop: compiled (hatch_build.py), no call per number
            out[j] = out[j] + row[j]
    return out


def _start(memo: Known, t: RankingTables, answers: Mapping[str, AnswerValue]) -> tuple[float, ...]:
    """The sum of every outcome's logit begun: 0 + ln prior (+ the prior cell)."""
    cells = _prior_cells(t, answers)
    found = memo.starts.get(cells)
    if found is None:
        begun = [0 + b for b in t.base]
        if cells:
            begun = [x + c for x, c in zip(begun, cells, strict=True)]
        found = memo.keep(memo.starts, cells, tuple(begun))
    return found


def all_answered(answers: Mapping[str, AnswerValue], questions: frozenset[str]) -> bool:
    return all(answers.get(q) not in (None, ()) for q in questions)


def calibrate(t: RankingTables, raw: Sequence[float]) -> list[float]:
    """Calibration: softmax(logit / temperature + bias) over the outcomes."""
    inv: float = t.inv_temperature
    bias = t.bias
    return softmax([raw[j] * inv + bias[j] for j in range(len(raw))])


def softmax(z: Sequence[float]) -> list[float]:
    """exp(z - max z), normalised; summed left to right from 0 (as `sum`
    of floats before Python 3.12), in loops mypyc compiles to plain C."""
    top = z[0]
    for x in z:
        if x > top:  # as `max`: the first of the largest
            top = x
    exps = [math.exp(x - top) for x in z]
    total = 0.0
    for e in exps:
        total += e
    return [e / total for e in exps]


def fit_of(kb: KnowledgeBase, shares: Sequence[float]) -> Fit:
    """How well the causes in the file fit, from the model's shares before
    calibration (the conditions', then the other outcome's): re-fitting the
    temperature or the biases never moves it. Poor when the other outcome
    reaches `[ranking.fit].poor` or beats every condition; weak when it
    reaches `weak` or no condition reaches `weak_top`."""
    t: RankingTables = kb.ranking_tables
    if not t.has_other:
        return "good"
    rules = kb.ranking.fit
    other, top = shares[t.n], max(shares[: t.n])
    if other >= rules.poor or other > top:
        return "poor"
    if other >= rules.weak or top < rules.weak_top:
        return "weak"
    return "good"


class Numbers(NamedTuple):
    """The ranking as numbers, before any object is made for a condition."""

    #: Calibrated probability per outcome (the conditions in file order, then other).
    probs: list[float]
    #: The model's shares before calibration, per outcome.
    shares: list[float]
    #: Evidence for (strongest first) and against (strongest first) per condition.
    ev_for: list[list[Evidence]]
    ev_against: list[list[Evidence]]
    #: Condition indices, most likely first (ties keep the knowledge-file order).
    order: list[int]
    fit: Fit
    #: The probability of a cause outside the knowledge file.
    other: float


def numbers(
    kb: KnowledgeBase,
    answers: Mapping[str, AnswerValue],
    origins: Mapping[str, str] | None = None,
) -> Numbers:
    """The numbers of `rank` (batch words them without making the objects)."""
    raw, ev_for, ev_against = logits(kb, answers, origins)
    for pro in ev_for:
        if len(pro) > 1:
            pro.sort(key=RATIO, reverse=True)  # strongest first; ties in answer order
    for con in ev_against:
        if len(con) > 1:
            con.sort(key=RATIO)
    probs, shares, order, fit, other = outcomes(kb, raw, answers)
    return Numbers(probs, shares, ev_for, ev_against, order, fit, other)


def outcomes(
    kb: KnowledgeBase, raw: Sequence[float], answers: Mapping[str, AnswerValue]
) -> tuple[list[float], list[float], list[int], Fit, float]:
    """From the logits: the calibrated probabilities, the shares before
    calibration, the conditions most likely first (ties keep the file's
    order), the fit, and the other outcome's probability. A ranking led by
    a condition whose score nets are all excepted for these answers fits
    poorly (`net_exceptions`): its share stands for a cause the file does
    not list; so does a picture of `[ranking.fit] poor_when`."""
    t: RankingTables = kb.ranking_tables
    probs = calibrate(t, raw)
    shares = softmax(raw)
    order = sorted(range(t.n), key=probs.__getitem__, reverse=True)  # stable
    other = probs[t.n] if t.has_other else 0.0
    fit = fit_of(kb, shares)
    if fit != "poor" and order and kb.conditions[order[0]].id in nets_excepted(kb, answers):
        fit = "poor"
    if fit != "poor" and holds(kb.compiled_poor_fit, answers, answers.keys()):
        fit = "poor"
    return probs, shares, order, fit, other


def conditions(kb: KnowledgeBase, found: Numbers) -> tuple[ConditionScore, ...]:
    """The conditions of a ranking, most likely first."""
    conds = kb.conditions
    probs, shares, ev_for, ev_against = found.probs, found.shares, found.ev_for, found.ev_against
    return tuple(
        ConditionScore(
            conds[i].id, conds[i].name, probs[i], tuple(ev_for[i]), tuple(ev_against[i]), shares[i]
        )
        for i in found.order
    )


def rank(
    kb: KnowledgeBase,
    answers: Mapping[str, AnswerValue],
    origins: Mapping[str, str] | None = None,
) -> Ranked:
    """Every condition, most likely first (ties keep the knowledge-file order),
    the chance of a cause outside the file, and how well the causes fit.

    `origins` says where answers came from when not from the user, keyed by
    "question.value" or by "question" ("training.mileage_jump": "your activity data").
    """
    found = numbers(kb, answers, origins)
    return Ranked(conditions(kb, found), found.other, found.fit)


def score(
    kb: KnowledgeBase,
    answers: Mapping[str, AnswerValue],
    origins: Mapping[str, str] | None = None,
) -> tuple[ConditionScore, ...]:
    """The conditions of `rank`, most likely first."""
    return rank(kb, answers, origins).conditions


def likelihood(
    kb: KnowledgeBase,
    conditions: Sequence[ConditionScore],
    i: int,
    fit: Fit,
    outside: bool = False,
) -> str:
    """The likelihood word for the i-th condition of a ranking (`likelihoods`)."""
    return likelihoods(kb, [c.score for c in conditions[: max(2, i + 1)]], fit, outside)[i]


def likelihoods(
    kb: KnowledgeBase, scores: Sequence[float], fit: Fit, outside: bool = False
) -> list[str]:
    """The likelihood word of each score of a ranking (most likely first).

    The first band ("more likely") must be earned: only the first cause, only
    when the causes fit, only when no route of the triage names a cause
    outside the file (`outside`: the scores share out the file's causes
    alone, so beside "a slipped growth plate: to rule out" none is more
    likely; a clinician's review, stop 41), and only when it leads the
    second by at least `ranking.more_likely_gap`; otherwise it reads as the
    next band.
    """
    bands = kb.plan.likelihood
    words = list(map(kb.likelihood, scores))
    if len(bands) > 1 and bands[0].label in words:
        second = scores[1] if len(scores) > 1 else 0.0
        gap = kb.ranking.more_likely_gap
        for i, word in enumerate(words):
            if word == bands[0].label and not (
                i == 0 and fit != "poor" and not outside and scores[0] - second >= gap
            ):
                words[i] = bands[1].label
    return words


RATIO = attrgetter("ratio")
SCORE = attrgetter("score")


def _combine(rows: list[Sequence[float]], cap: float, rest: float) -> list[float]:
    """A cluster's answers for every outcome: the strongest for and the
    strongest against in full, the others by `rest`, capped at +-ln(cap)."""
    if len(rows) == 1:
        return [min(cap, max(-cap, x)) for x in rows[0]]
    out = []
    for column in zip(*rows, strict=True):
        hi = lo = pos = neg = 0.0
        for x in column:
            if x > 0:
                pos += x
                hi = max(hi, x)
            elif x < 0:
                neg += x
                lo = min(lo, x)
        total = hi + rest * (pos - hi) + lo + rest * (neg - lo)
        out.append(min(cap, max(-cap, total)))
    return out


def _unticked(
    memo: Known,
    t: RankingTables,
    answers: Mapping[str, AnswerValue],
    out: list[float],
    ev_against: list[list[Evidence]],
) -> None:
    """Strong choices for a condition all left unticked count against it."""
    for qid in t.unticked:
        ticked = answers.get(qid)
        if not isinstance(ticked, tuple) or not ticked:
            continue
        key = (qid, frozenset(ticked))  # read as a set
        pairs = memo.unticked.get(key)
        if pairs is None:
            pairs = tuple(
                (row.index, row.evidence[0][1])
                for row in t.unticked[qid]
                if row.strong.isdisjoint(ticked)
            )
            memo.keep(memo.unticked, key, pairs)
        for i, e in pairs:
            out[i] += t.unticked_log
            ev_against[i].append(e)


def _with_origins(pairs: Pairs, origins: Mapping[str, str]) -> Pairs:
    """The evidence with where each answer came from, when not from the user."""
    out = []
    for i, e in pairs:
        origin = origins.get(f"{e.question}.{e.value}") or origins.get(e.question)
        if origin:
            e = Evidence(e.question, e.value, e.phrase, e.ratio, origin)
        out.append((i, e))
    return tuple(out)
