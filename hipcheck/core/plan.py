"""One consistent plan for an assessment: decided once, here.

Every format words this one plan, so no page can contradict itself, and no
display option changes it (`--top` only limits how many causes are printed;
the plan considers the `[plan] consider` most likely causes):

- emergency and urgent: the level's running line and its "until you are
  seen" steps, no condition's self-care, no exercises; urgent has only
  "after clearance" for return to running, emergency nothing;
- bone safety from the evidence, not only the level: when a bone stress
  injury is among the causes considered or likely enough to be called
  possible, or a route that says so fired (`stop_running`), the running line
  is "stop until cleared", the ladder stays at its first stage, and no
  loading exercise is offered, at every level;
- otherwise the running line is the return-to-running stage's own line, so
  the two never disagree; the stage comes from what the runner can do now
  (answers, earlier check-ins, activity data);
- an exercise is offered only if it is safe for every condition considered
  (`unsafe_for`), and none when no answer points to any cause;
- one pain-relief line, the most cautious named by the conditions considered
  possible (no anti-inflammatories beside a possible bone stress injury);
- "see a doctor" lines are de-duplicated, and a line about something the
  runner already reported is left out (a triage reason says it instead).

All text comes from the knowledge file; this module only chooses.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from types import EllipsisType
from typing import TYPE_CHECKING

from hipcheck.core.bone_stop import BONE_KIND, Stopping, bone_ids, stopping_for_bone
from hipcheck.core.net_exceptions import nets_excepted
from hipcheck.core.plan_lines import Page, care_line, left_out, see_doctor_line
from hipcheck.core.plan_result import Care as Care
from hipcheck.core.plan_result import Plan as Plan
from hipcheck.core.plan_result import RunningBasis as RunningBasis
from hipcheck.core.return_to_run import Before, Progress, kind_of, progress
from hipcheck.core.scoring import ConditionScore
from hipcheck.core.triage import Triage, level_title, page_advice, shown_reasons
from hipcheck.knowledge import Condition, KnowledgeBase, SeeDoctor
from hipcheck.knowledge.answer_types import AnswerValue
from hipcheck.knowledge.model import GENERAL_RELIEF
from hipcheck.knowledge.return_to_run import RunKind
from hipcheck.knowledge.when import matches

if TYPE_CHECKING:
    from hipcheck.training.analysis import LoadReport

CARE_MAX = 2
#: At most this many exercises, de-duplicated across the conditions considered.
EXERCISES_MAX = 4


def make_plan(
    kb: KnowledgeBase,
    triage: Triage,
    conditions: tuple[ConditionScore, ...],
    answers: Mapping[str, AnswerValue],
    before: Before | None = None,
    load: LoadReport | None = None,
    no_cause: bool | None = None,
    fits: bool = True,
    stopping: Stopping | EllipsisType = ...,
) -> Plan:
    """The plan. `no_cause`: no answer points to any cause, when the caller
    knows (batch passes only the conditions the plan reads: the considered
    ones and the bone ones possible at any rank). `fits`: the fit is not
    "poor"; else the plan acts on none of the causes (`_page`). `stopping`:
    `stopping_for_bone` for this triage, if known (`...`: work it out)."""
    info = kb.levels[triage.level]
    considered = conditions[: max(1, kb.plan.consider)]
    # The sources of the reasons the page shows: an emergency page cited the
    # lower routes' too (a shoe maker's blog under cauda equina; stop 41).
    sources = list(dict.fromkeys(s for r in shown_reasons(triage) for s in r.sources))
    see = _level_lines(triage, info.title)
    no_cause = not any(c.evidence_for for c in conditions) if no_cause is None else no_cause
    ids = tuple(c.id for c in considered)
    if stopping is ...:
        stopping = stopping_for_bone(kb, triage, conditions, answers)
    if not info.self_care:  # urgent, emergency: only what to do until seen
        stage = progress(kb, triage.level, None, answers, before, load)
        steps = (*info.steps, *_until_seen_relief(kb, triage, answers, stopping is not None))
        return Plan(triage.level, info.running, "level", "", steps, (), "", (), (), tuple(see),
                    tuple(sources), ids, no_cause, stage, nothing_fits=not fits)  # fmt: skip

    possible, chosen = _chosen(kb, considered, no_cause, stopping, nets_excepted(kb, answers))
    page = _page(triage, stopping, fits)
    care, candidates = _care(kb, chosen, answers, see, sources, page)
    shown_ids = set(ids) | {c.id for c in chosen}
    allowed = stopping is None and not no_cause and fits
    unsafe, exercises = _exercises(kb, candidates, shown_ids, answers, allowed)
    bone_stop = _bone_condition(kb, triage, stopping) if stopping is not None else None
    see += _bone_and_level_lines(see, bone_stop, info.see_doctor, answers, page)
    acted_on = [*possible, *chosen] if fits else []  # none fits: no cause's relief line
    relief = _relief(kb, acted_on, bone_stop[0] if bone_stop else None, answers)
    # none fits: the ladder follows no cause either (a share standing for a
    # cause outside the file had set the bone ladder's "stop running")
    kind = _kind(kb, stopping, [c.condition for c in care] or [c.id for c in possible[:1] if fits])
    stage = progress(kb, triage.level, kind, answers, before, load)
    exercises = _for_stage(kb, exercises, stage)
    sources += _new(sources, (s for e in exercises for s in kb.exercise_by_id[e].sources))
    running, basis = _running(kb, bone_stop, stage, info.running)
    stops_for_bone = bone_stop is not None and bone_stop[1]
    return Plan(
        level=triage.level,
        running=running,
        running_basis=basis,
        pain_rule="" if stopping is not None else kb.plan.pain_rule,
        until_seen=info.steps,
        care=care,
        pain_relief=relief,
        exercises=exercises,
        exercises_unsafe=unsafe,
        see_a_doctor=tuple(see),
        sources=tuple(sources),
        considered=ids,
        no_cause=no_cause,
        stage=stage,
        stop_for_bone=stops_for_bone,
        stopped_for=tuple(c.id for c in stopping) if stops_for_bone and stopping else (),
        nothing_fits=not fits,
    )


def _chosen(
    kb: KnowledgeBase,
    considered: tuple[ConditionScore, ...],
    no_cause: bool,
    stopping: Stopping,
    excepted: frozenset[str],
) -> tuple[list[ConditionScore], list[ConditionScore]]:
    """(the causes considered that are possible, the ones given care: the
    bone stop's, else the first possible ones, none without a cause). A
    cause whose score nets are all excepted (`nets_excepted`) is not acted
    on: its share stands for a cause the file does not list."""
    acted = [c for c in considered if c.id not in excepted]
    possible = [c for c in acted if c.score >= kb.plan.care_min_score] or acted[:1]
    if stopping:
        return possible, list(stopping[:CARE_MAX])
    return possible, [] if no_cause else possible[:CARE_MAX]


def _bone_and_level_lines(
    see: list[str],
    bone_stop: tuple[Condition, bool] | None,
    level_lines: Sequence[SeeDoctor],
    answers: Mapping[str, AnswerValue],
    page: Page,
) -> list[str]:
    """The see-a-doctor lines after the causes': the bone stop's safety net
    (care given or not), else the level's own (the bone warning: a page
    that stops running for a bone injury says when to be seen sooner in the
    bone cause's words, and said it twice with the routine level's; stop
    41), each once."""
    if bone_stop is not None and bone_stop[1]:
        return _doctor_lines(see, bone_stop[0], answers, page)
    return _new(see, (see_doctor_line(x, answers, page) for x in level_lines))


def _page(triage: Triage, stopping: Stopping, fits: bool) -> Page:
    """What a self-care or routine page offers. A route that stops running
    with no bone cause shown offers no care (which runs), nor does a page
    none of whose causes fits, but for a bone stop (its care is the stop,
    whatever the fit): the causes' warnings stay in `see`, not their
    follow-ups of care."""
    acts = fits or bool(stopping)
    return Page(with_care=stopping != () and acts, self_care=triage.level == "self_care")


def _until_seen_relief(
    kb: KnowledgeBase, triage: Triage, answers: Mapping[str, AnswerValue], bone: bool
) -> tuple[str, ...]:
    """The level's bone or other lines until seen, their first (the pain
    line) replaced by the answers' own (pregnancy; none at emergency): an
    urgent page for a pregnant runner kept no "gentle movement" line."""
    info = kb.levels[triage.level]
    lines = info.bone_steps if bone else info.other_steps
    steps = tuple(t for t in (care_line(line, answers) for line in lines) if t)
    own = _answers_relief(kb, answers) if triage.level != "emergency" else ""
    return (own, *steps[1:]) if own else steps


def _level_lines(triage: Triage, title: str) -> list[str]:
    """The see-a-doctor list's first lines: the page's heading, then the
    advice the page gives (`triage.page_advice`), each once."""
    see = [f"{level_title(triage, title)}."]
    return see + _new(see, page_advice(triage))


def _exercises(
    kb: KnowledgeBase,
    candidates: Sequence[str],
    shown_ids: set[str],
    answers: Mapping[str, AnswerValue],
    allowed: bool,
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(the candidates unsafe for a cause shown or that provoke the pain
    described, the exercises offered: none when not `allowed`)."""
    unsafe = tuple(
        e
        for e in candidates
        if shown_ids & set(kb.exercise_by_id[e].unsafe_for) or left_out(kb, e, answers)
    )
    if not allowed:
        return unsafe, ()
    return unsafe, tuple(e for e in candidates if e not in unsafe)[:EXERCISES_MAX]


def _for_stage(
    kb: KnowledgeBase, exercises: tuple[str, ...], stage: Progress | None
) -> tuple[str, ...]:
    """The exercises a page at this stage offers: none done before runs
    (a warm-up) where the stage has no running (a review: "5 minutes before
    every run" beside "No running for now")."""
    rtr = kb.return_to_run
    if stage is None or rtr is None or stage.status != "stages":
        return exercises
    if rtr.stage_by_id[stage.stage].runs:
        return exercises
    return tuple(e for e in exercises if not kb.exercise_by_id[e].before_runs)


def _relief(
    kb: KnowledgeBase,
    causes: Sequence[ConditionScore],
    bone: Condition | None,
    answers: Mapping[str, AnswerValue],
) -> str:
    """The one pain-relief line: the first of the file's list whose `when`
    holds for the answers (pregnancy), else the first named by the bone
    condition stopping running or a cause the plan offers care for, else
    (none fits) the file's `general` line: a tendon's "the loading
    exercises do" stood above "Exercises are left out"."""
    own = _answers_relief(kb, answers)
    if own:
        return own
    named = {kb.condition_by_id[c.id].pain_relief for c in causes}
    if bone is not None:
        named.add(bone.pain_relief)
    named = named or {GENERAL_RELIEF}
    return next((p.text for p in kb.plan.pain_relief if p.when is None and p.id in named), "")


def _answers_relief(kb: KnowledgeBase, answers: Mapping[str, AnswerValue]) -> str:
    """The pain-relief line whose `when` holds for these answers (pregnancy),
    on every page and at every level, whatever the causes; else ""."""
    return next((p.text for p in kb.plan.pain_relief if p.when and matches(p.when, answers)), "")


def _kind(kb: KnowledgeBase, stopping: Stopping, care_ids: list[str]) -> RunKind | None:
    """The kind of problem the ladder follows: bone when the plan stops for
    one, else the most cautious kind among the conditions cared for."""
    rtr = kb.return_to_run
    if rtr is None:
        return None
    if stopping is not None and BONE_KIND in rtr.kind_by_id:
        return rtr.kind_by_id[BONE_KIND]
    return kind_of(rtr, care_ids)


def _care(
    kb: KnowledgeBase,
    chosen: list[ConditionScore],
    answers: Mapping[str, AnswerValue],
    see: list[str],
    sources: list[str],
    page: Page,
) -> tuple[tuple[Care, ...], list[str]]:
    """Each chosen condition's self-care (each step once; none when the page
    offers none, `Page`) and its exercises; adds its see-a-doctor lines
    (without the follow-ups of self-care the page does not offer) and
    sources to `see` and `sources`."""
    care = []
    candidates: list[str] = []
    said: list[str] = []
    for c in chosen:
        cond = kb.condition_by_id[c.id]
        steps = _new(said, (care_line(step, answers) for step in cond.self_care))
        said += steps
        if steps:
            care.append(Care(cond.id, cond.name, tuple(steps)))
        candidates += [e for e in cond.exercises if e not in candidates]
        sources += [s for s in cond.sources if s not in sources]
        see += _doctor_lines(see, cond, answers, page)
    return (tuple(care) if page.with_care else ()), candidates


def _bone_condition(
    kb: KnowledgeBase, triage: Triage, stopping: tuple[ConditionScore, ...]
) -> tuple[Condition, bool]:
    """The bone condition whose running line and pain relief apply, and
    whether the stop is for it (False: a route stops running for a cause
    outside the file, a slipped growth plate, and the first bone condition
    only lends its pain relief)."""
    if stopping:
        return kb.condition_by_id[stopping[0].id], True
    named = [cid for r in triage.reasons if r.stop_running for cid in r.conditions]
    bone = bone_ids(kb)
    cid = next((c for c in named if c in bone), None)
    if cid is None:
        return kb.condition_by_id[next(c.id for c in kb.conditions if c.id in bone)], False
    return kb.condition_by_id[cid], True


def _running(
    kb: KnowledgeBase,
    bone_stop: tuple[Condition, bool] | None,
    stage: Progress | None,
    level_line: str,
) -> tuple[str, RunningBasis]:
    """The one running line: the bone stop's (the bone condition's own, or
    for a route about a cause outside the file the urgent level's plain
    stop), else the stage's own line."""
    rtr = kb.return_to_run
    if stage is not None and stage.status == "stages" and rtr is not None:
        line = rtr.stage_by_id[stage.stage].running
        if line:
            return line, "bone" if bone_stop is not None else "stage"
    if bone_stop is not None:
        condition, for_it = bone_stop
        return condition.running if for_it else kb.levels["urgent"].running, "bone"
    return level_line, "level"


def _doctor_lines(
    see: list[str], cond: Condition, answers: Mapping[str, AnswerValue], page: Page
) -> list[str]:
    """A condition's see-a-doctor lines this page says (`see_doctor_line`)
    that `see` does not hold yet."""
    return _new(see, (see_doctor_line(x, answers, page) for x in cond.see_doctor))


def _new(said: list[str], lines: Iterable[str]) -> list[str]:
    """The lines not yet in `said` (nor empty), each once, in order."""
    out: list[str] = []
    for text in lines:
        if text and text not in said and text not in out:
            out.append(text)
    return out
