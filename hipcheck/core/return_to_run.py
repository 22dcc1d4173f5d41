"""Return to running: the runner's stage and what this check-in does with it.

From the triage level, the kind of problem the plan chose (the most cautious
among the causes it considers), the stage of the previous check-in of this
episode, the runner's report of the last sessions (pain during, the next
morning) and their activity data:

- emergency: no return-to-running plan at all;
- urgent: only "after a clinician clears you", no stages;
- a bone stress injury shown as possible: the first stage (no running until
  a clinician clears it), never moved past by the plan itself;
- otherwise a first check-in (or one after a check-in with no stage, or with
  another kind of problem) starts at the last stage whose `start_when` no
  answer contradicts (an unanswered question is listed as missing, never
  read as "it hurts"); later ones move up, hold or step back by the first
  [[return_to_run.rules]] that holds for the report, and hold without one;
- with activity data, a target for next week at stages with
  `growth_percent`: next week's longest run and running time, from the
  runner's own runs.

Pure: facts and ids only; the words come from the knowledge file and the
renderers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from hipcheck.core.ladder_result import Before as Before
from hipcheck.core.ladder_result import Progress as Progress
from hipcheck.core.ladder_result import Target as Target
from hipcheck.knowledge.answer_types import AnswerValue
from hipcheck.knowledge.return_to_run import (
    NO_HIGHER,
    STAY,
    Decision,
    ReturnToRun,
    RunKind,
    RunStage,
)
from hipcheck.knowledge.when import Predicate, matches

if TYPE_CHECKING:
    from hipcheck.knowledge import KnowledgeBase
    from hipcheck.training.analysis import LoadReport

#: One step on the ladder per decision.
STEP: dict[Decision, int] = {"start": 0, "move_up": 1, "hold": 0, "step_back": -1}
#: A stage is held at least this long before moving up: each stage asks for
#: two or three sessions within the pain rule, every other day, so check-ins
#: minutes apart (a repeated save, a script, someone trying the tool) must
#: not climb the ladder.
MOVE_UP_DAYS = 3


def kind_of(rtr: ReturnToRun, condition_ids: Sequence[str]) -> RunKind:
    """The most cautious kind among these conditions (the last kind without one)."""
    kinds = [rtr.kind_by_condition[cid] for cid in condition_ids if cid in rtr.kind_by_condition]
    if not kinds:
        return rtr.kinds[-1]
    return min(kinds, key=rtr.kinds.index)


def _start(
    rtr: ReturnToRun,
    ladder: tuple[RunStage, ...],
    kind: RunKind,
    answers: Mapping[str, AnswerValue],
) -> tuple[int, tuple[str, ...], str]:
    """The highest stage whose `start_when` no answer contradicts, with the
    questions of that test left unanswered, or one of whose `start_also`
    holds on the answers given (its index as the reason's suffix; "": by
    `start_when`); no higher than a stage one of whose `start_no_higher`
    holds ("no_higher.<index>"), keeping the questions the higher start
    assumed (the page still says what they would change).

    A question the runner was not asked never sends them back to walking:
    an unanswered test counts as met, and the page says what is missing.
    """
    if kind.clearance:
        return 0, (), ""
    best, missing, also = 0, tuple[str, ...](), ""
    for i, s in enumerate(ladder):
        tests = rtr.start_tests.get(s.id)
        if tests is None:
            continue
        if all(test(answers) for q, test in tests if q in answers):
            best, missing, also = i, tuple(q for q, _ in tests if q not in answers), ""
            continue
        held = first_holding(rtr.start_also_tests[s.id], answers)
        if held >= 0:
            best, missing, also = i, (), str(held)
    for i, s in enumerate(ladder[:best]):
        held = first_holding(rtr.start_no_higher_tests[s.id], answers)
        if held >= 0:
            return i, missing, f"{NO_HIGHER}.{held}"
    return best, missing, also


def recent_km(load: LoadReport | None) -> float | None:
    """Kilometres run in the 14 days before the data's date; None without data."""
    if load is None or load.runs == 0:
        return None
    return load.two_weeks.recent_m / 1000


def progress(
    kb: KnowledgeBase,
    level: str,
    kind: RunKind | None,
    answers: Mapping[str, AnswerValue],
    before: Before | None = None,
    load: LoadReport | None = None,
) -> Progress | None:
    """The return-to-running stage and decision; None at emergency.

    `kind`: the most cautious kind of problem among the causes the plan
    considers (bone when it must stop running).
    """
    rtr = kb.return_to_run
    if rtr is None or level == "emergency":
        return None
    info = kb.levels.get(level)  # type: ignore[call-overload]
    if info is None or not info.self_care:  # urgent: nothing before clearance
        return Progress("after_clearance")
    kind = kind or rtr.kinds[-1]
    ladder, left_out = own_ladder(rtr, kind, answers)
    ids = tuple(s.id for s in ladder)
    rule = next((r for r, holds in rtr.rule_tests if holds(answers)), None)
    report = tuple((q, answers[q]) for q in rtr.report_questions if q in answers)
    decision: Decision
    missing: tuple[str, ...] = ()
    if before is None or before.kind != kind.id or before.stage not in ids:
        index, missing, also = _start(rtr, ladder, kind, answers)
        decision = "start"
        reason = "start" if before is None else "restart"
        if also:  # the stage's other way to start, or its cap, with its own reason
            reason = f"{reason}.{also}"
    elif kind.clearance:
        index, decision, reason = 0, "hold", "clearance"
    elif rule is None:
        index, decision, reason = ids.index(before.stage), "hold", "no_report"
    else:
        decision, held = paced(rule.decision, before)
        stay = first_holding(rtr.stay_tests[before.stage], answers) if decision == "move_up" else -1
        if stay >= 0:
            decision, held = "hold", f"{STAY}.{stay}"
        index = ids.index(before.stage) + STEP[decision]
        reason = held or rule.id
    index = max(0, min(len(ladder) - 1, index))
    rule_met = rule is not None and rule.decision == "move_up" and not kind.clearance
    stage = ladder[index]
    return Progress(
        status="stages",
        kind=kind.id,
        ladder=ids,
        stage=stage.id,
        decision=decision,
        reason=reason,
        rule_met=rule_met,
        report=report,
        previous_stage=before.stage if before is not None else "",
        target=target(stage, rule_met, load, rtr.window_days),
        missing=missing,
        recent_km=recent_km(load),
        left_out=left_out,
    )


def first_holding(tests: Sequence[Predicate], answers: Mapping[str, AnswerValue]) -> int:
    """The index of the first of a stage's tests (`start_also`,
    `start_no_higher`, `stay_when`) that holds for the answers, or -1."""
    return next((j for j, t in enumerate(tests) if t(answers)), -1)


def own_ladder(
    rtr: ReturnToRun, kind: RunKind, answers: Mapping[str, AnswerValue]
) -> tuple[tuple[RunStage, ...], tuple[str, ...]]:
    """This runner's ladder of `kind`: its stages but those `not_for` them
    (pregnancy: no building up), and the ids left out."""
    kept: list[RunStage] = []
    left_out: list[str] = []
    for s in rtr.ladder(kind.id):
        if s.not_for is not None and matches(s.not_for, answers):
            left_out.append(s.id)
        else:
            kept.append(s)
    return tuple(kept), tuple(left_out)


def paced(decision: Decision, before: Before) -> tuple[Decision, str]:
    """At most one step up per MOVE_UP_DAYS days at a stage: a move up
    sooner holds, with the reason "too_soon". Holding and stepping back are
    never delayed."""
    young = before.stage_age is not None and before.stage_age < dt.timedelta(days=MOVE_UP_DAYS)
    if decision == "move_up" and young:
        return "hold", "too_soon"
    return decision, ""


def target(
    stage: RunStage, rule_met: bool, load: LoadReport | None, window_days: int
) -> Target | None:
    """Next week's longest run and running time from the runner's own weeks.

    The longest run comes from the weeks that start within the last
    `window_days` days (the past month, counted in whole weeks: never more
    than that month); the time from the last complete week.
    """
    if load is None or stage.growth_percent is None or not load.weeks:
        return None
    first = load.as_of - dt.timedelta(days=window_days - 1)
    weeks = [w for w in load.weeks if w.start >= first]
    longest = max((w.longest_m for w in weeks), default=0.0)
    if longest <= 0:
        return None
    growth = stage.growth_percent if rule_met else 0.0
    factor = 1 + growth / 100
    complete = [w for w in load.weeks if w.start + dt.timedelta(days=6) <= load.as_of]
    week_s = complete[-1].moving_s if complete and complete[-1].moving_s > 0 else None
    return Target(
        as_of=load.as_of,
        weeks=len(weeks),
        longest_m=longest,
        longest_max_m=longest * factor,
        week_s=week_s,
        week_max_s=week_s * factor if week_s is not None else None,
        growth_percent=growth,
    )


def before_from(earlier: Iterable[Any], when: dt.datetime, episode_days: int) -> Before | None:
    """The previous check-in of this episode (within `episode_days` before
    `when`) as a Before; None when there is none. Every problem's check-ins
    count here (core/episode.py keeps one problem's for the trend and the
    clinician page): the ladder is the runner's, and an urgent check-in for
    another problem restarts it.

    `earlier`: check-ins with `created_at` and the stored `result` (the JSON
    of the assessment), oldest first.
    """
    start = when - dt.timedelta(days=episode_days)
    episode = [c for c in earlier if start <= c.created_at <= when]
    if not episode:
        return None
    last = episode[-1]
    found = _stage_of(last)
    if found is None:
        return Before(last.created_at)
    since = last.created_at
    # back to the first check-in at this stage (a slice, not reversed(): mypyc
    # 2.4 fails on reversed() of a list of Any)
    for c in episode[-2::-1]:
        if _stage_of(c) != found:
            break
        since = c.created_at
    return Before(last.created_at, found[0], found[1], when - since)


def _stage_of(checkin: Any) -> tuple[str, str] | None:
    """(stage, kind) of a stored check-in's ladder, or None."""
    result = checkin.result
    advice = result.get("advice") if isinstance(result, dict) else None
    run = advice.get("return_to_running") if isinstance(advice, dict) else None
    if not isinstance(run, dict) or run.get("status") != "stages":
        return None
    kind = run.get("kind")
    kind_id = kind.get("id") if isinstance(kind, dict) else None
    stage = run.get("stage")
    if not isinstance(stage, str) or not isinstance(kind_id, str):
        return None
    return stage, kind_id
