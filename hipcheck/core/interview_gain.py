"""The interview's arithmetic: the ranking as a distribution, the expected
information gain of a question, and whether one answer could still move a
cause past another or a condition past its rule's threshold.

Answers are predicted from the likelihood ratios (docs/interview.md): for a
question with one answer, a runner with condition c gives value v with
probability b(v)·LR(c, v), normalised over the values, where b is an equal
share for each value ("one" questions, number bands) or `yes_rate` for
"yes"; each choice of a "several" question is ticked with probability
`choice_rate`·LR(c, v) (at most 0.95). After an answer the ranking moves
exactly as scoring moves it: by the ratios of the values given, nothing for
a choice left unticked.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations, repeat
from operator import mul, truediv

from hipcheck.core.answers import AnswerValue
from hipcheck.core.prior_cells import CELL_KEYS
from hipcheck.core.rule_tables import RuleTable, Tests, exception_tables, rule_tables
from hipcheck.core.scoring import logits
from hipcheck.kept import Kept
from hipcheck.knowledge import LEVELS, KnowledgeBase

#: A tick is never predicted as certain, so no answer is ruled out.
MAX_TICK = 0.95

#: The calibrated scale: (1 / temperature, bias per outcome, the other
#: outcome's logit or None).
Scale = tuple[float, Sequence[float], float | None]


@dataclass(frozen=True, slots=True)
class QuestionTable:
    several: bool
    #: Per value: the likelihood ratio of each condition (1 where none).
    ratios: tuple[tuple[float, ...], ...]
    #: Per value: ln of those ratios.
    logs: tuple[tuple[float, ...], ...]
    #: Per value: the chance each condition gives it (ticks it, for "several").
    predict: tuple[tuple[float, ...], ...]


@dataclass(frozen=True, slots=True)
class ConditionRuleTable:
    index: int
    min_score: float
    level: int
    #: Its exceptions (`unless`), each as its tests (`rule_tables.excepted`).
    exceptions: tuple[Tests, ...] = ()


@dataclass(frozen=True, slots=True)
class Tables:
    """What the interview needs from a knowledge file, built once per file."""

    n: int
    log_priors: tuple[float, ...]
    evidence: Mapping[tuple[str, str], tuple[float, ...]]
    #: Every question (one no weight refers to carries no information).
    questions: Mapping[str, QuestionTable]
    rules: tuple[RuleTable, ...]
    condition_rules: tuple[ConditionRuleTable, ...]

    #: Per question, built on first use: for conditions i and o, the most
    #: and the least that one answer can add to o's logit over i's
    #: ("several": any set of ticks; else: any one value).
    spreads: dict[str, tuple[list[list[float]], list[list[float]]]] = field(default_factory=dict)
    #: Per (question, values), built on first use: each condition's chance
    #: of an answer that one of those values passes (`chance_holds`).
    passes: dict[tuple[str, tuple[int, ...]], list[float]] = field(default_factory=dict)

    def spread(self, qid: str) -> tuple[list[list[float]], list[list[float]]]:
        hit = self.spreads.get(qid)
        if hit is not None:
            return hit
        qt, n = self.questions[qid], self.n
        most = [[0.0] * n for _ in range(n)]
        least = [[0.0] * n for _ in range(n)]
        for i in range(n):
            for o in range(n):
                diffs = [d[o] - d[i] for d in qt.logs]
                if qt.several:
                    most[i][o] = sum(x for x in diffs if x > 0)
                    least[i][o] = sum(x for x in diffs if x < 0)
                elif diffs:
                    most[i][o], least[i][o] = max(diffs), min(diffs)
        self.spreads[qid] = most, least
        return most, least

    def can_overtake(
        self, qid: str, logits: Sequence[float], pairs: Sequence[tuple[int, int]]
    ) -> bool:
        """Whether some answer to `qid` lifts `o` above `i` for a pair (i, o)."""
        most = self.spread(qid)[0]
        return any(most[i][o] > logits[i] - logits[o] for i, o in pairs)

    def can_cross(
        self,
        qid: str,
        logits: Sequence[float],
        rules: Sequence[tuple[int, float, bool]],
        scale: Scale | None = None,
    ) -> bool:
        """Whether some answer to `qid` moves a condition across its rule's
        threshold: up for (k, min_score, False), down for (k, min_score, True).
        The share is among the conditions before calibration, or on `scale`
        the calibrated one over every outcome (the other outcome's logit as
        the answer leaves it). For "several" questions a bound: it may say
        yes when no tick set can."""
        qt = self.questions[qid]
        if not qt.logs:
            return False
        most, least = self.spread(qid)
        for k, threshold, above in rules:
            if qt.several:
                # the best case for k (worst, going down) against each other
                # condition separately: a bound on what one set of ticks can do
                own = [d[k] for d in qt.logs]
                to_k = sum(x for x in own if (x < 0 if above else x > 0))
                shares = [_scaled(logits, k, most[k] if above else least[k], -to_k, scale)]
            elif scale is None:
                shares = [_share(logits, d, k) for d in qt.logs]
            else:
                shares = [_scaled(logits, k, [x - d[k] for x in d], -d[k], scale) for d in qt.logs]
            if any((sh < threshold) if above else (sh >= threshold) for sh in shares):
                return True
        return False

    def together(
        self,
        qids: Sequence[str],
        logits: Sequence[float],
        rules: Sequence[tuple[int, float]],
        size: int = 2,
    ) -> list[str]:
        """Open questions `size` of which (two or three), together, could
        lift a condition over its rule's threshold (k, min_score) when fewer
        cannot: a bound (the best answer for k to each, summed against each
        other condition separately). Returns the questions of such sets, or []."""
        found: set[str] = set()
        for k, threshold in rules:
            parts = []
            for qid in qids:
                if self.questions[qid].logs:
                    least = [min(0.0, x) for x in self.spread(qid)[1][k]]
                    if any(least):
                        parts.append((qid, least))
            base = [math.exp(logits[j] - logits[k]) if j != k else 0.0 for j in range(self.n)]
            for combo in combinations(parts, size):
                shift = [sum(part[1][j] for part in combo) for j in range(self.n)]
                rest = sum(base[j] * math.exp(shift[j]) for j in range(self.n))
                if 1 / (1 + rest) >= threshold:
                    found.update(qid for qid, _ in combo)
        return [qid for qid in qids if qid in found]


def _scaled(
    logits: Sequence[float],
    k: int,
    shift: Sequence[float],
    other_shift: float,
    scale: Scale | None,
) -> float:
    """Condition k's share once each condition j's logit moves by `shift[j]`
    against k's (and the other outcome's by `other_shift`): among the
    conditions, or on `scale` calibrated over every outcome."""
    if scale is None:
        rest = sum(math.exp(logits[j] - logits[k] + shift[j]) for j in range(len(logits)) if j != k)
        return 1 / (1 + rest)
    inv_t, bias, other = scale
    rest = sum(
        math.exp((logits[j] - logits[k] + shift[j]) * inv_t + bias[j] - bias[k])
        for j in range(len(logits))
        if j != k
    )
    if other is not None:
        rest += math.exp((other - logits[k] + other_shift) * inv_t + bias[len(logits)] - bias[k])
    return 1 / (1 + rest)


def _share(logits: Sequence[float], d: Sequence[float], k: int) -> float:
    top = logits[k] + d[k]
    return 1 / sum(math.exp(logits[j] + d[j] - top) for j in range(len(logits)))


def tables(kb: KnowledgeBase) -> Tables:
    """The tables of this knowledge file (built on first use, then kept)."""
    return _tables(kb)


def _build(kb: KnowledgeBase) -> Tables:
    n = len(kb.conditions)
    evidence = {key: logs[:n] for key, (logs, _, _) in kb.ranking_tables.evidence.items()}
    iv = kb.interview
    questions: dict[str, QuestionTable] = {}
    for q in kb.questions:
        values = [c.id for c in q.choices] + [b.id for b in q.bands]
        logs = tuple(evidence.get((q.id, v), (0.0,) * n) for v in values)
        ratios = tuple(tuple(math.exp(x) for x in row) for row in logs)
        if q.kind == "several":
            predict = tuple(tuple(min(MAX_TICK, iv.choice_rate * r) for r in row) for row in ratios)
        else:
            base = [
                (iv.yes_rate if v == "yes" else 1 - iv.yes_rate)
                if q.kind == "yes_no"
                else 1 / len(values)
                for v in values
            ]
            totals = [
                sum(b * row[c] for b, row in zip(base, ratios, strict=True)) for c in range(n)
            ]
            predict = tuple(
                tuple(b * row[c] / totals[c] for c in range(n))
                for b, row in zip(base, ratios, strict=True)
            )
        questions[q.id] = QuestionTable(q.kind == "several", ratios, logs, predict)
    rules = rule_tables(kb)
    index = {c.id: i for i, c in enumerate(kb.conditions)}
    condition_rules = tuple(
        ConditionRuleTable(
            index[cr.condition],
            cr.min_score,
            LEVELS.index(cr.level),
            exception_tables(kb, cr.unless),
        )
        for cr in kb.condition_rules
    )
    return Tables(n, tuple(kb.log_priors), evidence, questions, rules, condition_rules)


def posterior(
    kb: KnowledgeBase, t: Tables, answers: Mapping[str, AnswerValue]
) -> tuple[list[float], list[float], float | None]:
    """(logits, shares) of the conditions, exactly as scoring computes them
    before calibration: the scale the condition nets of the triage read
    (the shares leave out the other outcome's part); and the other
    outcome's logit (None without one)."""
    raw = logits(kb, answers)[0]
    top = max(raw)
    exps = [math.exp(v - top) for v in raw]
    total = sum(exps)
    other = raw[t.n] if len(raw) > t.n else None
    return raw[: t.n], [e / total for e in exps[: t.n]], other


def shown(kb: KnowledgeBase, raw: Sequence[float]) -> list[float]:
    """The calibrated ranking of the conditions (normalised among them)."""
    rt = kb.ranking_tables
    z = [v * rt.inv_temperature + b for v, b in zip(raw, rt.bias, strict=False)]
    top = max(z)
    exps = [math.exp(v - top) for v in z]
    total = sum(exps)
    return [e / total for e in exps]


def ranking_logits(kb: KnowledgeBase, raw: Sequence[float]) -> list[float]:
    """Logits in the order the calibrated ranking shows the conditions, on
    the scale the answers move them: raw + temperature x bias (calibration
    divides by the temperature and adds the bias, which keeps the order)."""
    rt = kb.ranking_tables
    t = 1 / rt.inv_temperature
    return [v + t * b for v, b in zip(raw, rt.bias, strict=False)]


def chance_holds(t: Tables, qid: str, holding: tuple[int, ...], p: Sequence[float]) -> float:
    """The predicted chance that the answer to `qid` passes a test that
    these single values pass (ticks taken as independent)."""
    passes = t.passes.get((qid, holding))
    if passes is None:
        passes = t.passes[qid, holding] = _passes(t.questions[qid], holding)
    total: float = sum(map(mul, p, passes))
    return total


def _passes(qt: QuestionTable, holding: tuple[int, ...]) -> list[float]:
    """Per condition, the chance of an answer one of the `holding` values
    passes: their sum for one value, 1 - the chance of no tick among them."""
    columns = zip(*(qt.predict[i] for i in holding), strict=True)
    if not qt.several:
        return [sum(column) for column in columns]
    passes = []
    for column in columns:
        miss = 1.0
        for v in column:
            miss *= 1 - v
        passes.append(1 - miss)
    return passes


def entropy(p: Sequence[float]) -> float:
    """Shannon entropy in bits (the products summed in order, at C level
    when no chance is zero)."""
    if min(p, default=1.0) > 0:
        total: float = -sum(map(mul, p, map(math.log2, p)))
        return total
    return -sum(x * math.log2(x) for x in p if x > 0)


def information_gains(t: Tables, qids: Iterable[str], p: Sequence[float]) -> dict[str, float]:
    """Expected drop in the ranking's entropy (bits) from asking each of
    `qids`; `p` is the ranking before calibration (`posterior`'s shares),
    which an answer moves by its likelihood ratios."""
    before = entropy(p)
    return {qid: _gain(t.questions.get(qid), p, before) for qid in qids}


def _gain(qt: QuestionTable | None, p: Sequence[float], before: float) -> float:
    if qt is None:
        return 0.0
    gain = 0.0
    for ratio, predict in zip(qt.ratios, qt.predict, strict=True):
        chance: float = sum(map(mul, p, predict))
        if chance <= 0:
            continue
        moved = list(map(mul, p, ratio))
        total = sum(moved)
        after = entropy(list(map(truediv, moved, repeat(total, len(moved)))))
        gain += chance * (before - after)
    return gain


_tables: Kept[KnowledgeBase, Tables] = Kept(_build, 4)


def prior_keyed(kb: KnowledgeBase) -> tuple[str, ...]:
    """The "one" questions the prior cells read (sex): an answer moves the
    ranking by its ratios and by a change of prior cell, which the
    question's table (its ratios alone) does not hold."""
    if not kb.ranking_tables.cells:
        return ()
    return tuple(q.id for q in kb.questions if q.id in CELL_KEYS and q.kind == "one")


def crosses_exactly(
    kb: KnowledgeBase,
    t: Tables,
    answers: Mapping[str, AnswerValue],
    qid: str,
    rules: Sequence[tuple[int, float, bool]],
) -> bool:
    """Whether some value of the "one" question `qid`, scored in full (its
    ratios and its prior cell), moves a condition across its rule's
    threshold: up for (k, min_score, False), down for (k, min_score, True).
    H022: a woman's pubic pain reached the urgent bone net only with "female",
    whose prior cell the ratios alone left out."""
    for value in kb.question_by_id[qid].values:
        shares = posterior(kb, t, {**answers, qid: value})[1]
        if any((shares[k] < th) if above else (shares[k] >= th) for k, th, above in rules):
            return True
    return False


def crossing(
    kb: KnowledgeBase,
    t: Tables,
    answers: Mapping[str, AnswerValue],
    logits: Sequence[float],
    open_ids: Sequence[str],
    rules: Sequence[tuple[int, float, bool]],
) -> list[str]:
    """The open questions one answer to which moves a condition across its
    rule's threshold (`Tables.can_cross`; a prior-keyed one scored in full)."""
    keyed = prior_keyed(kb)
    return [
        qid
        for qid in open_ids
        if t.can_cross(qid, logits, rules)
        or (qid in keyed and crosses_exactly(kb, t, answers, qid, rules))
    ]
