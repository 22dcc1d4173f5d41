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
from collections.abc import Iterator, Mapping, Sequence
from operator import attrgetter
from typing import Literal

import msgspec

from hipcheck.core.answers import AnswerValue
from hipcheck.knowledge import KnowledgeBase
from hipcheck.knowledge.evidence import Evidence
from hipcheck.knowledge.ranking_tables import RankingTables

Fit = Literal["good", "weak", "poor"]


class ConditionScore(msgspec.Struct, frozen=True):
    id: str
    name: str
    #: Calibrated probability, 0..1; with the other outcome they sum to 1.
    score: float
    evidence_for: tuple[Evidence, ...]
    evidence_against: tuple[Evidence, ...]
    #: The model's share before calibration: what the condition nets of the
    #: triage read, so that re-fitting the calibration never moves a level.
    share: float = 0.0


class Ranked(msgspec.Struct, frozen=True):
    conditions: tuple[ConditionScore, ...]
    #: The probability of a cause outside the knowledge file.
    other: float
    fit: Fit


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


Collected = tuple[list[float], list[list[Evidence]], list[list[Evidence]]]


def logits(
    kb: KnowledgeBase,
    answers: Mapping[str, AnswerValue],
    origins: Mapping[str, str] | None = None,
) -> Collected:
    """The model: (logit per outcome, evidence for, evidence against per condition)."""
    t: RankingTables = kb.ranking_tables
    rows: list[Sequence[float]] = [t.base]
    cells = _prior_cells(t, answers)
    if cells:
        rows.append(cells)
    ev_for: list[list[Evidence]] = [[] for _ in range(t.n)]
    ev_against: list[list[Evidence]] = [[] for _ in range(t.n)]
    grouped: dict[int, list[Sequence[float]]] = {}
    linked = False
    for key in features(kb, answers):
        linked = linked or key in t.running
        entry = t.evidence.get(key)
        if entry is None:
            continue
        logs, pro, con = entry
        if origins:
            origin = origins.get(f"{key[0]}.{key[1]}") or origins.get(key[0])
            if origin:
                pro, con = _with_origin(pro, origin), _with_origin(con, origin)
        cluster = t.cluster_of.get(key)
        if cluster is None:
            rows.append(logs)
        else:
            grouped.setdefault(cluster, []).append(logs)
        for i, e in pro:
            ev_for[i].append(e)
        for i, e in con:
            ev_against[i].append(e)
    for cluster, members in grouped.items():
        rows.append(_combine(members, *t.clusters[cluster]))
    # summed left to right, as adding one answer after another
    out: list[float] = [float(sum(column)) for column in zip(*rows, strict=True)]
    if t.unticked:
        _unticked(t, answers, out, ev_against)
    if t.unlinked_log and not linked and _answered(answers, t.running_questions):
        out[t.n] += t.unlinked_log  # pain with no link to running: the other outcome
    return out, ev_for, ev_against


def _answered(answers: Mapping[str, AnswerValue], questions: frozenset[str]) -> bool:
    return all(answers.get(q) not in (None, ()) for q in questions)


def calibrate(t: RankingTables, raw: Sequence[float]) -> list[float]:
    """Calibration: softmax(logit / temperature + bias) over the outcomes."""
    return _softmax([v * t.inv_temperature + b for v, b in zip(raw, t.bias, strict=True)])


def _softmax(z: Sequence[float]) -> list[float]:
    top = max(z)
    exps = [math.exp(v - top) for v in z]
    total = sum(exps)
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
    t: RankingTables = kb.ranking_tables
    raw, ev_for, ev_against = logits(kb, answers, origins)
    probs = calibrate(t, raw)
    shares = _softmax(raw)
    results = []
    for i, (cond, pro_i, con_i) in enumerate(zip(kb.conditions, ev_for, ev_against, strict=False)):
        if len(pro_i) > 1:
            pro_i.sort(key=RATIO, reverse=True)  # strongest first; ties in answer order
        if len(con_i) > 1:
            con_i.sort(key=RATIO)
        results.append(
            ConditionScore(cond.id, cond.name, probs[i], tuple(pro_i), tuple(con_i), shares[i])
        )
    results.sort(key=SCORE, reverse=True)  # stable: ties keep the knowledge-file order
    other = probs[t.n] if t.has_other else 0.0
    return Ranked(tuple(results), other, fit_of(kb, shares))


def score(
    kb: KnowledgeBase,
    answers: Mapping[str, AnswerValue],
    origins: Mapping[str, str] | None = None,
) -> tuple[ConditionScore, ...]:
    """The conditions of `rank`, most likely first."""
    return rank(kb, answers, origins).conditions


def likelihood(kb: KnowledgeBase, conditions: Sequence[ConditionScore], i: int, fit: Fit) -> str:
    """The likelihood word for the i-th condition of a ranking.

    The first band ("more likely") must be earned: only the first cause, only
    when the causes fit, and only when it leads the second by at least
    `ranking.more_likely_gap`; otherwise it reads as the next band.
    """
    bands = kb.plan.likelihood
    s = conditions[i].score
    label = kb.likelihood(s)
    if len(bands) > 1 and label == bands[0].label:
        second = conditions[1].score if len(conditions) > 1 else 0.0
        earned = i == 0 and fit != "poor" and s - second >= kb.ranking.more_likely_gap
        if not earned:
            return bands[1].label
    return label


RATIO = attrgetter("ratio")
SCORE = attrgetter("score")


def _add(into: list[float], logs: Sequence[float]) -> None:
    for j, x in enumerate(logs):
        if x:
            into[j] += x


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


_CELL_CACHE: dict[tuple[object, ...], tuple[float, ...]] = {}


def _prior_cells(t: RankingTables, answers: Mapping[str, AnswerValue]) -> Sequence[float]:
    """The prior cells for the runner's regions, age and sex: cells of region
    "any" add up; the regions touched are averaged (pain in two regions
    takes the mean of both mixes)."""
    if not t.cells:
        return ()
    loc = answers.get("location")
    regions = (
        frozenset(t.region_of[v] for v in loc if v in t.region_of)
        if isinstance(loc, tuple)
        else frozenset()
    )
    age = answers.get("age")
    sex = answers.get("sex")
    key = (
        id(t),
        regions,
        age if isinstance(age, int | float) and not isinstance(age, bool) else None,
        sex,
    )
    hit = _CELL_CACHE.get(key)
    if hit is not None:
        return hit
    width = t.width
    total = [0.0] * width
    per_region: dict[str, list[float]] = {}
    for cell in t.cells:
        if cell.sex != "any" and cell.sex != sex:
            continue
        if key[2] is None:
            if cell.min_age > 0 or cell.max_age < 200:
                continue
        elif not cell.min_age <= key[2] <= cell.max_age:
            continue
        if cell.region == "any":
            _add(total, cell.logs)
        elif cell.region in regions:
            _add(per_region.setdefault(cell.region, [0.0] * width), cell.logs)
    if per_region:
        share = 1 / len(regions)
        for logs in per_region.values():
            _add(total, [x * share for x in logs])
    result = tuple(total)
    if len(_CELL_CACHE) > 4096:
        _CELL_CACHE.clear()
    _CELL_CACHE[key] = result
    return result


def _unticked(
    t: RankingTables,
    answers: Mapping[str, AnswerValue],
    out: list[float],
    ev_against: list[list[Evidence]],
) -> None:
    for qid, rows in t.unticked.items():
        ticked = answers.get(qid)
        if not isinstance(ticked, tuple) or not ticked:
            continue
        for row in rows:
            if row.strong.isdisjoint(ticked):
                out[row.index] += t.unticked_log
                ev_against[row.index].append(row.evidence[0][1])


def _with_origin(
    pairs: tuple[tuple[int, Evidence], ...], origin: str
) -> tuple[tuple[int, Evidence], ...]:
    return tuple((i, Evidence(e.question, e.value, e.phrase, e.ratio, origin)) for i, e in pairs)
