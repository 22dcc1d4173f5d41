"""Whether the plan stops running for a bone cause, and what that does to
the level: the bone conditions (`bone_ids`), the ones that stop running for
these answers (`stopping_for_bone`), and the floor of the stop (`stop_floor`:
a plan that stops running until examined sends the runner to be examined).
Decided before the plan is made (`core.plan.make_plan` reads the same), so
a level needs no plan."""

from __future__ import annotations

from collections.abc import Mapping

import msgspec

from hipcheck.core.net_exceptions import nets_excepted
from hipcheck.core.scoring import ConditionScore
from hipcheck.core.triage import Reason, Triage, net_said, rank
from hipcheck.kept import Kept
from hipcheck.knowledge import KnowledgeBase
from hipcheck.knowledge.answer_types import AnswerValue

#: The kind of problem of [return_to_run] whose conditions must not be run on.
BONE_KIND = "bone"

#: `stopping_for_bone`: the bone conditions that stop running, `()` when
#: only a route said so, None when nothing does.
Stopping = tuple[ConditionScore, ...] | None


def bone_ids(kb: KnowledgeBase) -> frozenset[str]:
    """Conditions that must not be run on: the bone kind, or a running line
    (worked out once per knowledge file)."""
    return _bone(kb)


def _bone_ids(kb: KnowledgeBase) -> frozenset[str]:
    ids = {c.id for c in kb.conditions if c.running}
    rtr = kb.return_to_run
    if rtr is not None and BONE_KIND in rtr.kind_by_id:
        ids |= set(rtr.kind_by_id[BONE_KIND].conditions)
    return frozenset(ids)


_bone: Kept[KnowledgeBase, frozenset[str]] = Kept(_bone_ids, 16)


def stopping_for_bone(
    kb: KnowledgeBase,
    triage: Triage,
    conditions: tuple[ConditionScore, ...],
    answers: Mapping[str, AnswerValue],
) -> Stopping:
    """The bone conditions that stop running (considered, unless an
    exception of `bone_shown_unless` holds, or possible at any rank; never
    one whose score nets are all excepted for these answers, `nets_excepted`);
    `()` when only a route said so; None when nothing does."""
    bone = bone_ids(kb) - nets_excepted(kb, answers)
    p = kb.plan
    n = 0 if low_share_excepted(kb, answers) else max(1, p.consider)
    found = tuple(
        c
        for i, c in enumerate(conditions)
        if c.id in bone and ((i < n and c.score >= p.bone_shown_min) or c.score >= p.care_min_score)
    )
    if found:
        return found
    return () if any(r.stop_running for r in triage.reasons) else None


def low_share_excepted(kb: KnowledgeBase, answers: Mapping[str, AnswerValue]) -> bool:
    """Whether a bone cause under `care_min_score` among those considered
    does not stop running for these answers (`[plan] bone_shown_unless`)."""
    return any(holds(answers) for holds in kb.compiled_bone_shown_unless)


def stop_floor(kb: KnowledgeBase, triage: Triage, stopping: Stopping) -> Reason | None:
    """A plan that stops running for a possible bone stress injury sends the
    runner to be examined: up to the bone condition's mildest condition rule
    (routine), that rule's reason is added, so the level and the plan agree
    ("manage at home" never stands beside "stop until examined") and a
    routine page says why running stops (a review: a clicking hip at 3/10
    read "stop running, often an MRI" with reasons only about the click;
    the reason is dropped where a rule on the answers names the cause).
    `stopping`: `stopping_for_bone` for this triage; its first condition is
    the plan's first cause of care (a route's stop, `()`, names none). No
    plan is needed, so batch CSV's level needs none."""
    if not stopping or kb.return_to_run is None or not kb.levels[triage.level].self_care:
        return None
    cid = stopping[0].id
    rules = [r for r in kb.condition_rules if r.condition == cid]
    if not rules:
        return None
    mildest = min(rules, key=lambda r: rank(r.level))
    if rank(triage.level) > rank(mildest.level):
        return None
    return msgspec.structs.replace(net_said(kb, mildest, stopping[0]), rule=f"plan:{cid}")
