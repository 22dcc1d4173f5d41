"""Many assessments with one knowledge file, for `hipcheck batch`.

`BatchAssessor.settle` gives the triage and the plan `assess` gives for
answers alone (no earlier check-ins, no activity data, no origins), with
the triage rules tested all at once:

- a `when` table holds when the test of each of its questions holds, so
  each question's answer gives one integer of bits, one bit per table (the
  triage rules, with the questions they need answered; their exceptions;
  their lowered levels' exceptions; and whether each safety question is
  answered), set when the table's test on that question holds or it has
  none. That integer is found once per distinct answer; the bits of an
  answer set are those integers ANDed together;
- each rule's reasons (its own, its lowered one) are made once. They do not
  name the answers they rest on (`Reason.answers`, which the text summaries
  show and batch output does not), so one serves every answer set;
- the rest is `triage.decide`, `plan.make_plan` and `assessment.settle`
  themselves.

The answers must be canonical (`core.answers.parse_answers`): then equal
values are equal answers (no 5 beside 5.0, no 1 beside true). Every table
is bounded: memory stays flat however long the batch.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from hipcheck.core.assessment import final_triage, settle
from hipcheck.core.bone_stop import bone_ids
from hipcheck.core.plan import Plan
from hipcheck.core.scoring import ConditionScore
from hipcheck.core.triage import Reason, Triage, decide, net_reason, rule_reason
from hipcheck.knowledge import KnowledgeBase, When
from hipcheck.knowledge.answer_types import AnswerValue
from hipcheck.knowledge.when import Predicate, compile_when, required

#: At most this many distinct answers are kept per question; then its table starts afresh.
LIMIT = 1024

#: A test of one question's answer (None: unanswered).
Test = Callable[[AnswerValue | None], bool]


def _test(qid: str, holds: Predicate, needed: bool) -> Test:
    """`holds` as a test of the answer to `qid` alone."""

    def test(v: AnswerValue | None) -> bool:
        if v is None:
            return not needed and holds({})
        return holds({qid: v})

    return test


def _when_tests(when: When, needed: frozenset[str] = frozenset()) -> list[tuple[str, Test]]:
    """One test per question of `when` (all must hold); a question of `needed`
    must also be answered."""
    return [(q, _test(q, compile_when({q: test}), q in needed)) for q, test in when.items()]


def _answered(v: AnswerValue | None) -> bool:
    return v is not None


class _Tables:
    """`when` tables, each given a bit, and each question's tests of them."""

    def __init__(self) -> None:
        self.count = 0
        self.by_question: dict[str, list[tuple[int, Test]]] = {}

    def add(self, tests: list[tuple[str, Test]]) -> int:
        bit = 1 << self.count
        self.count += 1
        for qid, test in tests:
            self.by_question.setdefault(qid, []).append((bit, test))
        return bit


#: A rule as bits: (its `when`, its exceptions, its lowered level's
#: exceptions, its reason, its lowered reason or None).
RuleBits = tuple[int, int, int, Reason | None, Reason | None]


class BatchAssessor:
    """`settle` for many answer sets of one knowledge file."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        tables = _Tables()
        rules: list[RuleBits] = []
        for r in kb.triage_rules:
            when = tables.add(_when_tests(r.when, required(r.when)))
            unless = sum(tables.add(_when_tests(w)) for w in r.unless)
            lowered = sum(tables.add(_when_tests(w)) for w in r.lowered.unless) if r.lowered else 0
            rules.append(
                (
                    when,
                    unless,
                    lowered,
                    rule_reason(r, False, False, ()),
                    rule_reason(r, True, False, ()),
                )
            )
        #: each rule by the bit of its `when`
        self._rules = {r[0]: r for r in rules}
        self._rule_bits = sum(r[0] for r in rules)
        index = {c.id: i for i, c in enumerate(kb.conditions)}
        #: (condition index or -1 when not in the file, least share, its
        #: exceptions' bits, reason) per score net
        self._nets = tuple(
            (
                index.get(r.condition, -1),
                r.min_score,
                sum(tables.add(_when_tests(w)) for w in r.unless),
                net_reason(r),
            )
            for r in kb.condition_rules
        )
        self._safety = [(q, tables.add([(q, _answered)])) for q in kb.safety_questions]
        self.all = (1 << tables.count) - 1
        #: question -> (its tests as (bit, test), the bits it does not test, its known answers)
        self._questions: dict[str, tuple[list[tuple[int, Test]], int, dict[Any, int]]] = {
            qid: (pairs, self.all & ~sum({b for b, _ in pairs}), {})
            for qid, pairs in tables.by_question.items()
        }
        #: each question's bits when it is unanswered
        self._unanswered = {
            qid: rest + sum(b for b, test in pairs if test(None))
            for qid, (pairs, rest, _) in self._questions.items()
        }
        self._consider = max(1, kb.plan.consider)
        self._care_min = kb.plan.care_min_score
        bone = bone_ids(kb)
        self._bone = [i for i, c in enumerate(kb.conditions) if c.id in bone]

    def bits(self, answers: Mapping[str, AnswerValue]) -> int:
        """Which `when` tables hold, as bits: each unanswered question's
        bits, then each answer's, found once per answer."""
        found: int = self.all
        for qid, unanswered in self._unanswered.items():
            if qid not in answers:
                found &= unanswered
        questions = self._questions
        for qid, v in answers.items():
            entry = questions.get(qid)
            if entry is None:  # no table tests it
                continue
            pairs, rest, known = entry
            # the tests read ticked values as a set: one entry for every order
            key = frozenset(v) if type(v) is tuple else v
            bits = known.get(key)
            if bits is None:
                bits = rest + sum(b for b, test in pairs if test(v))
                if len(known) >= LIMIT:
                    known.clear()
                known[key] = bits
            found &= bits
        return found

    def triage(self, bits: int, shares: list[float], extra: tuple[Reason, ...]) -> Triage:
        """`triage.triage` for answers with these bits and this ranking."""
        fired: list[Reason] = []
        held = bits & self._rule_bits
        while held:
            bit = held & -held
            held ^= bit
            _, unless, lowered, own, low = self._rules[bit]
            reason = own if not bits & unless else None if bits & lowered else low
            if reason is not None:
                fired.append(reason)
        fired += [
            reason
            for i, least, unless, reason in self._nets
            if (shares[i] if i >= 0 else 0.0) >= least and not bits & unless
        ]
        fired += extra
        unanswered = tuple(q for q, bit in self._safety if not bits & bit)
        return decide(self.kb, fired, unanswered)

    def settle(
        self,
        answers: Mapping[str, AnswerValue],
        probs: list[float],
        shares: list[float],
        order: list[int],
        no_cause: bool,
        fits: bool = True,
    ) -> tuple[Triage, Plan]:
        """The triage and the plan `assess` gives for these answers alone,
        from their ranking (`core.batch_rank.Found`; `no_cause`: no piece
        of evidence for any condition; `fits`: its fit is not "poor")."""
        judge, scores = self._judged(answers, probs, shares, order)
        return settle(self.kb, answers, scores, judge=judge, no_cause=no_cause, fits=fits)

    def level(
        self,
        answers: Mapping[str, AnswerValue],
        probs: list[float],
        shares: list[float],
        order: list[int],
    ) -> Triage:
        """The triage of `settle`, without the plan (CSV: the level)."""
        judge, scores = self._judged(answers, probs, shares, order)
        return final_triage(self.kb, answers, scores, judge)

    def _judged(
        self,
        answers: Mapping[str, AnswerValue],
        probs: list[float],
        shares: list[float],
        order: list[int],
    ) -> tuple[Callable[[tuple[Reason, ...]], Triage], tuple[ConditionScore, ...]]:
        """The triage of these answers with some reasons added, and the
        conditions the plan reads."""
        bits = self.bits(answers)

        def judge(extra: tuple[Reason, ...]) -> Triage:
            return self.triage(bits, shares, extra)

        return judge, self.plan_scores(probs, shares, order)

    def plan_scores(
        self, probs: list[float], shares: list[float], order: list[int]
    ) -> tuple[ConditionScore, ...]:
        """The conditions `plan.make_plan` reads, most likely first: the
        considered ones, then the bone ones likely enough at any rank
        (`bone_stop.stopping_for_bone`). Without evidence: given apart, as
        `no_cause`."""
        top = order[: self._consider]
        late = [i for i in self._bone if probs[i] >= self._care_min and i not in top]
        if late:
            late.sort(key=order.index)
        conds = self.kb.conditions
        return tuple(
            ConditionScore(conds[i].id, conds[i].name, probs[i], (), (), shares[i])
            for i in (*top, *late)
        )
