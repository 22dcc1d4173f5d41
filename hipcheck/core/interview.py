"""The adaptive interview: which question to ask next, and when to stop.

Order (docs/interview.md; every parameter is in the knowledge file's
[interview] table):

1. the `first` questions (the safety screen), whatever the answers; an
   emergency answer ends the interview at once;
2. the `always` questions;
3. any question that could still change the triage level: one that a triage
   rule above the current level still needs (its other tests hold or are
   still open), or one whose answer could end or lower (by an exception)
   every rule setting the level;
   the one most likely to settle the most of those rules first. Also one
   that could make a condition rule from `net_level` up fire;
4. then, up to `max_questions` steps: a question one answer to which could
   move a condition across a condition rule's threshold (and so the level),
   else one that could still change the first `settled_top` causes (and
   their order, with `settled_order`), the one with the largest expected
   information gain first; stop when there is none, or when the best gain
   is under `min_gain`.

A skipped question counts as asked, with no answer. `full=True` asks every
applicable question in file order, as the classic questionnaire does, and
there a question deciding a step's choices (`offer_if`) is asked just
before that step; the short interview does not add it (docs/interview.md).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Mapping

from hipcheck.core.answers import AnswerValue
from hipcheck.core.asking import applicable, steps_left
from hipcheck.core.bone_stop import bone_ids, low_share_excepted
from hipcheck.core.interview_gain import (
    Tables,
    chance_holds,
    crossing,
    information_gains,
    posterior,
    ranking_logits,
    shown,
    tables,
)
from hipcheck.core.interview_steps import Step, Why, deciders_first, make_step, steps_taken
from hipcheck.core.rule_tables import RuleTable, excepted
from hipcheck.core.triage import is_emergency
from hipcheck.knowledge import LEVELS, KnowledgeBase, Question


def next_step(
    kb: KnowledgeBase,
    answers: Mapping[str, AnswerValue],
    asked: Collection[str],
    full: bool = False,
) -> Step | None:
    """The next step of the interview, or None when it is over.

    `answers`: what is known (from the user, flags or a file); `asked`: the
    ids of the questions already put to the user, skipped ones included.
    """
    if is_emergency(kb, answers):
        return None
    if full:
        units = steps_left(kb, answers, set(asked))
        if not units:
            return None
        first = make_step(kb, units[0], "full", len(units) - 1)
        return deciders_first(kb, first, answers, asked, counted=True)
    return _Planner(kb, answers, asked).next()


class _Planner:
    """One decision: the state the rules and the ranking are in now."""

    def __init__(
        self, kb: KnowledgeBase, answers: Mapping[str, AnswerValue], asked: Collection[str]
    ) -> None:
        self.kb = kb
        self.t: Tables = tables(kb)
        self.answers = answers
        self.asked = set(asked)
        self.open = [
            q.id
            for q in kb.questions
            if q.id not in answers and q.id not in self.asked and applicable(q, answers)
        ]
        open_set = set(self.open)
        self.logits, self.p, self.other = posterior(kb, self.t, answers)
        #: The calibrated ranking's order, for whether the first causes are settled.
        self.shown = ranking_logits(kb, self.logits)
        self.p_shown = shown(kb, self.logits)
        self.level, self.pending = self._triage_state(open_set)
        self.taken = steps_taken(kb, self.asked)

    # -- triage ---------------------------------------------------------------

    def _triage_state(self, open_set: set[str]) -> tuple[int, list[str]]:
        """The current level (as a rank) and the open questions that could
        still change it, in knowledge-file order. Sets `self.settles`: for
        each, the expected number of rules above the level that its answer
        would end (a "no" or "not sure" ends every rule waiting on it)."""
        # (level, open questions an answer to which could end or lower the rule:
        # its tests that hold unanswered, and those its exceptions wait on)
        firing: list[tuple[int, list[str]]] = []
        live: list[tuple[RuleTable, list[str]]] = []  # (rule, open tests that need an answer)
        for rule in self.t.rules:
            found = rule.waiting(self.answers, open_set)
            if found is not None:
                needs, fragile = found
                if needs:
                    live.append((rule, needs))
                else:
                    level_now, could = rule.excepted(self.answers, open_set)
                    if level_now >= 0:
                        firing.append((level_now, fragile + could))
        by_score, net_could = self._nets_on(open_set)
        self.rules_level = max([lv for lv, _ in firing] + [0])
        level = max([self.rules_level, *by_score])
        self.settles: dict[str, float] = defaultdict(float)
        #: The open questions each rule that could still change the level waits on.
        self.waiting = [set(needs) for rule, needs in live if rule.level > level]
        for rule, needs in live:
            if rule.level > level:
                for qid, _, _, holding in rule.tests:
                    if qid in needs:
                        self.settles[qid] += 1 - chance_holds(self.t, qid, holding, self.p)
        pending = set(self.settles)
        for lv, could in net_could:
            if lv == level:  # a net setting the level ends if its exception comes to hold
                pending.update(could)
                self.waiting.append(set(could))
        at_level = [fragile for lv, fragile in firing if lv == level]
        if at_level and all(at_level) and (level not in by_score or self._net_drops(level)):
            # every rule setting the level ends if a question it tests as
            # "not this" is answered so: the level could still drop (also
            # when an urgent score net sets it too and one answer can take
            # it below: inflammatory back pain, NF-16 and WI32, ended urgent
            # on the stress-fracture net where the full form says routine)
            pending.update(qid for fragile in at_level for qid in fragile)
            self.waiting += [set(fragile) for fragile in at_level]
        return level, [qid for qid in self.open if qid in pending]

    def _nets_on(self, open_set: Collection[str]) -> tuple[list[int], list[tuple[int, list[str]]]]:
        """The levels of the score nets that fire now (a net whose exception
        holds only once an open question is answered still fires), and for
        those, the open questions their exceptions wait on."""
        on: list[int] = []
        could_end: list[tuple[int, list[str]]] = []
        for cr in self.t.condition_rules:
            if self.p[cr.index] >= cr.min_score:
                held, could = excepted(cr.exceptions, self.answers, open_set)
                if not held:
                    on.append(cr.level)
                    if could:
                        could_end.append((cr.level, could))
        return on, could_end

    def _net_drops(self, level: int) -> bool:
        """Whether one open answer can take a score net at `level` (urgent
        or above: below, a question more costs more than it saves) below its
        threshold."""
        if level < LEVELS.index("urgent"):
            return False
        nets = [cr for cr in self.t.condition_rules if cr.level == level]
        down = [(cr.index, cr.min_score, True) for cr in nets if self.p[cr.index] >= cr.min_score]
        return bool(crossing(self.kb, self.t, self.answers, self.logits, self.open, down))

    # -- choosing ---------------------------------------------------------------

    def next(self) -> Step | None:
        kb = self.kb
        fixed: tuple[tuple[Why, tuple[str, ...]], ...] = (
            ("first", kb.interview.first),
            ("always", kb.interview.always),
        )
        for why, ids in fixed:
            todo = [qid for qid in ids if qid in self.open]
            if todo:
                unit = self._unit(todo[0], ids)
                return make_step(kb, unit, why, self._estimate(unit))
        if self.level == len(LEVELS) - 1:
            return None
        gains = information_gains(self.t, self.open, self.p)
        if self.pending:
            # the question most rules above the level still wait on: one
            # "no" or "not sure" settles them all (then the most informative)
            best = max(
                self.pending,
                key=lambda qid: (self.settles[qid], gains[qid], -self.open.index(qid)),
            )
            unit = self._unit(best, tuple(self.pending))
            return make_step(kb, unit, "triage", self._estimate(unit, gains))
        # a question that could make a condition rule from `net_level` up
        # fire (or one from `near_net_level` up whose condition is close to
        # it), or bring a bone stress injury among the causes the plan
        # considers, counts like a triage question: asked beyond max_questions
        iv = kb.interview
        near_level = LEVELS.index(iv.near_net_level)
        net = self._crossing(LEVELS.index(iv.net_level), down=False)
        if not net:
            net = self._crossing(near_level, down=False, near=iv.near_net)
        if not net:  # two answers together, else three
            net = self._pairs(near_level, iv.pair_net) or self._pairs(
                near_level, iv.triple_net, size=3
            )
        if not net:
            net = self._bone_stop()
        if not net and kb.interview.lower_net < 1:
            net = self._crossing(self.level + 1, down=False, near=kb.interview.lower_net)
        if net:
            best = max(net, key=lambda qid: (gains[qid], -self.open.index(qid)))
            unit = self._unit(best, tuple(net))
            return make_step(kb, unit, "triage", self._estimate(unit, gains))
        if self.taken >= kb.interview.max_questions:
            return self._net_down(gains)
        # first any question one answer to which could move a condition
        # across a condition rule's threshold (the level's second net), then
        # any that could still reorder the first causes
        crossing = self._crossing(0, down=True)
        useful = crossing or self._useful()
        if not useful:
            return None
        best = max(useful, key=lambda qid: (gains[qid], -self.open.index(qid)))
        if not crossing and gains[best] < kb.interview.min_gain:
            return None
        unit = self._unit(best, tuple(useful))
        return make_step(kb, unit, "gain", self._estimate(unit, gains, useful))

    def _net_down(self, gains: Mapping[str, float]) -> Step | None:
        """Past `max_questions`: a question that could take the condition of
        a score net from `near_net_level` up that alone sets the level back
        under its threshold (written RT03: the kicking trigger)."""
        if self.level < LEVELS.index(self.kb.interview.near_net_level):
            return None
        down = self._crossing(self.level, down=True)
        if not down:
            return None
        best = max(down, key=lambda qid: (gains[qid], -self.open.index(qid)))
        unit = self._unit(best, tuple(down))
        return make_step(self.kb, unit, "triage", self._estimate(unit, gains))

    def _unit(self, qid: str, among: tuple[str, ...] | list[str]) -> list[Question]:
        """The question, with the other open questions of its screen."""
        q = self.kb.question_by_id[qid]
        if q.screen is None:
            return [q]
        return [
            self.kb.question_by_id[o]
            for o in self.open
            if self.kb.question_by_id[o].screen == q.screen and (o in among or o == qid)
        ]

    def _crossing(self, min_level: int, down: bool, near: float = 0.0) -> list[str]:
        """Open questions one answer to which could move a condition across a
        condition rule's threshold (of a rule from `min_level` up) and so
        change the level: up past it, or (`down`) below it when that rule
        alone sets it."""
        p = self.p
        firing = [cr for cr in self.t.condition_rules if p[cr.index] >= cr.min_score]
        rules = [
            (cr.index, cr.min_score, False)
            for cr in self.t.condition_rules
            if cr.level > self.level
            and near * cr.min_score <= p[cr.index] < cr.min_score
            and cr.level >= min_level
        ]
        at_level = [cr for cr in firing if cr.level == self.level]
        if self.rules_level < self.level and len(at_level) == 1 and down:
            rules.append((at_level[0].index, at_level[0].min_score, True))
        if not rules:
            return []
        return crossing(self.kb, self.t, self.answers, self.logits, self.open, rules)

    def _pairs(self, min_level: int, near: float, size: int = 2) -> list[str]:
        """Open questions that with one other (`size` 3: two others) could
        make a condition rule from `min_level` up fire, for a condition that
        already has `near` of the rule's threshold (no single answer can:
        two answers each moving it part of the way, sex and a training
        change, say)."""
        rules = [
            (cr.index, cr.min_score)
            for cr in self.t.condition_rules
            if cr.level > self.level
            and cr.level >= min_level
            and near * cr.min_score <= self.p[cr.index] < cr.min_score
        ]
        return self.t.together(self.open, self.logits, rules, size) if rules else []

    def _bone_stop(self) -> list[str]:
        """At self-care: open questions one answer to which could bring a
        bone stress injury among the causes the plan considers. The plan then
        stops running and raises the level to routine (core.bone_stop.stop_floor),
        so these count like triage questions: the interview must not end
        below the full form's level."""
        if self.level != 0:
            return []
        bone = bone_ids(self.kb)
        ids = [i for i, c in enumerate(self.kb.conditions) if c.id in bone]
        top = max(1, self.kb.plan.consider)
        order = sorted(range(len(self.shown)), key=lambda i: (-self.shown[i], i))
        inside = order[:top]
        excepted = low_share_excepted(self.kb, self.answers)  # a low share stops nothing
        shown_min = self.kb.plan.bone_shown_min
        if not excepted and any(i in inside and self.p_shown[i] >= shown_min for i in ids):
            return []
        pairs = [] if excepted else [(inside[-1], j) for j in ids if j not in inside]
        rt, least = self.kb.ranking_tables, self.kb.plan.care_min_score
        scale = (rt.inv_temperature, rt.bias, self.other)
        up = [(j, least, False) for j in ids]  # to `care_min_score`: a stop at any rank
        if not excepted:  # one considered but under `bone_shown_min` that could reach it
            up += [(j, shown_min, False) for j in ids if j in inside]
        return [
            qid
            for qid in self.open
            if (pairs and self.t.can_overtake(qid, self.shown, pairs))
            or self.t.can_cross(qid, self.logits, up, scale)
        ]

    def _useful(self) -> list[str]:
        """Open questions whose answer could still change the first causes
        (in order, with `settled_order`): the rest cannot change the page."""
        top = min(self.kb.interview.settled_top, len(self.shown))
        order = sorted(range(len(self.shown)), key=lambda i: (-self.shown[i], i))
        inside, outside = order[:top], order[top:]
        pairs = [(i, o) for i in inside for o in outside]
        if self.kb.interview.settled_order:
            pairs += [(inside[a], inside[b]) for a in range(top) for b in range(a + 1, top)]
        return [qid for qid in self.open if self.t.can_overtake(qid, self.shown, pairs)]

    def _estimate(
        self,
        unit: list[Question],
        gains: Mapping[str, float] | None = None,
        useful: list[str] | None = None,
    ) -> int:
        """About how many steps follow this one: the other first and always
        questions; the fewest questions that settle every rule that could
        still change the level, if each answer ends the rules waiting on it;
        and the informative questions the step budget still allows."""
        chosen = {q.id for q in unit}
        left = [qid for qid in self.open if qid not in chosen]
        interview = self.kb.interview
        fixed = [qid for qid in left if qid in interview.first or qid in interview.always]
        fixed_steps = steps_taken(self.kb, fixed)
        if self.level == len(LEVELS) - 1:
            return fixed_steps
        waiting = [w for w in self.waiting if not w & chosen and not w <= set(fixed)]
        triage = 0
        while waiting:  # greedy: the question most of them wait on, first
            counts = Counter(qid for w in waiting for qid in w)
            # a tie goes to the first id in order, not to whichever a set
            # gave first (that changes with the hash seed)
            best = max(sorted(counts), key=counts.__getitem__)
            waiting = [w for w in waiting if best not in w]
            triage += 1
        if gains is None:
            gains = information_gains(self.t, left, self.p)
        informative = [
            qid
            for qid in (useful if useful is not None else left)
            if qid not in chosen and gains.get(qid, 0) >= interview.min_gain
        ]
        budget = interview.max_questions - self.taken - 1 - fixed_steps - triage
        return fixed_steps + triage + max(0, min(len(informative) - triage, budget))
