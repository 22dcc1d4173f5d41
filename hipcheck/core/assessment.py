"""The assessment: everything a page states, decided once, as facts.

`assess` scores the causes, triages (with the history's reasons), decides the
one plan (running line, self-care, exercises, pain relief, see-a-doctor,
the return-to-running stage) and compares with earlier check-ins. Every
output (text, Markdown, Rich, JSON, HTML, history, plan, report, batch) only
words this object; no display option changes it. The core never prints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from functools import partial
from types import MappingProxyType
from typing import TYPE_CHECKING

from hipcheck.core.activity import Context
from hipcheck.core.assessment_result import Assessment as Assessment
from hipcheck.core.bone_stop import Stopping, stop_floor, stopping_for_bone
from hipcheck.core.plan import Plan, make_plan
from hipcheck.core.return_to_run import Before, before_from
from hipcheck.core.scoring import ConditionScore, rank
from hipcheck.core.trend import reasons, trend
from hipcheck.core.triage import Reason, Triage, triage
from hipcheck.knowledge import KnowledgeBase
from hipcheck.knowledge.answer_types import AnswerValue

if TYPE_CHECKING:
    from hipcheck.training.analysis import LoadReport

JSON_SCHEMA_VERSION = 1


def settle(
    kb: KnowledgeBase,
    answers: Mapping[str, AnswerValue],
    scores: tuple[ConditionScore, ...],
    extra: tuple[Reason, ...] = (),
    before: Before | None = None,
    load: LoadReport | None = None,
    judge: Callable[[tuple[Reason, ...]], Triage] | None = None,
    no_cause: bool | None = None,
    fits: bool = True,
) -> tuple[Triage, Plan]:
    """The triage and the one plan for a ranking. A plan that stops running
    until examined adds its reason (bone_stop.stop_floor): then be examined.
    `judge`: the triage of these answers with some reasons added, when the
    caller has a faster one than `triage` (batch); `no_cause`, `fits`: see make_plan."""
    if judge is None:
        judge = partial(triage, kb, answers, scores)
    t, stopping = _final(kb, answers, scores, judge, extra)
    return t, make_plan(kb, t, scores, answers, before, load, no_cause, fits, stopping)


def final_triage(
    kb: KnowledgeBase,
    answers: Mapping[str, AnswerValue],
    scores: tuple[ConditionScore, ...],
    judge: Callable[[tuple[Reason, ...]], Triage],
    extra: tuple[Reason, ...] = (),
) -> Triage:
    """The triage of `settle`, without making the plan: the rules' (with
    `extra`), and the bone stop's floor when the plan will stop running."""
    return _final(kb, answers, scores, judge, extra)[0]


def _final(
    kb: KnowledgeBase,
    answers: Mapping[str, AnswerValue],
    scores: tuple[ConditionScore, ...],
    judge: Callable[[tuple[Reason, ...]], Triage],
    extra: tuple[Reason, ...],
) -> tuple[Triage, Stopping]:
    """`final_triage`, and the plan's bone stop for it: the same for the
    triage with the floor added, since a floor is added only when bone
    conditions stop running, which the triage does not change."""
    t = judge(extra)
    stopping = stopping_for_bone(kb, t, scores, answers)
    floor = stop_floor(kb, t, stopping)
    return (t if floor is None else judge((*extra, floor))), stopping


def assess(
    kb: KnowledgeBase,
    answers: Mapping[str, AnswerValue],
    context: Context | None = None,
) -> Assessment:
    """The whole assessment of `answers`, knowing what `context` adds
    (where answers came from, activity data, earlier check-ins, the time)."""
    ctx = context or Context()
    created = ctx.now or dt.datetime.now(dt.UTC).astimezone()
    ranked = rank(kb, answers, ctx.origins)
    scores = ranked.conditions
    found = before = None
    if ctx.earlier:
        found = trend(kb.history, ctx.earlier, answers, created)
        before = before_from(ctx.earlier, created, kb.history.episode_days)
    t, plan = settle(
        kb, answers, scores, reasons(kb.history, found), before, ctx.load, fits=ranked.fit != "poor"
    )
    return Assessment(
        triage=t,
        conditions=scores,
        answers=MappingProxyType(dict(answers)),
        disclaimer=kb.disclaimer,
        kb_version=kb.version,
        origins=MappingProxyType(dict(ctx.origins)),
        plan=plan,
        trend=found,
        load=ctx.load,
        created=created,
        fit=ranked.fit,
        other=ranked.other,
    )
