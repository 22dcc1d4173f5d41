"""One consistent plan for an assessment: what the runner reads as advice.

Every format shows this one plan, so no page can contradict itself:

- running advice comes once, from the triage level (stop / reduce / keep
  going within the pain rule), never from a condition's self-care; a
  condition shown as possible that must not be run on (a bone stress
  injury) replaces it with "stop", shows only its own self-care, and no
  exercises;
- at urgent and emergency, only the level's "until you are seen" steps:
  no condition's self-care, no exercises, no "if not better in two weeks";
- an exercise is offered only if it is safe for every condition shown
  (`unsafe_for` in the knowledge file);
- one pain-relief line, the most cautious named by the conditions shown as
  possible (no anti-inflammatories beside a possible bone stress injury);
- "see a doctor" lines are de-duplicated, and a line about something the
  runner already reported is left out (a triage reason says it instead).

All text comes from the knowledge file; this module only chooses.
"""

from __future__ import annotations

from collections.abc import Mapping

import msgspec

from hipcheck.core.answers import AnswerValue
from hipcheck.core.scoring import ConditionScore
from hipcheck.core.triage import Triage
from hipcheck.knowledge import KnowledgeBase, SeeDoctor
from hipcheck.knowledge.when import matches

#: Self-care is shown for conditions at or above this score (at least one).
CARE_MIN_SCORE = 0.10
CARE_MAX = 2
#: At most this many exercises, de-duplicated across the conditions shown.
EXERCISES_MAX = 4


class Care(msgspec.Struct, frozen=True):
    """One condition's self-care steps."""

    condition: str
    name: str
    steps: tuple[str, ...]


class Plan(msgspec.Struct, frozen=True):
    level: str
    #: The one line about running.
    running: str
    #: The pain-monitoring rule; empty at urgent and emergency.
    pain_rule: str
    #: Until-seen steps (urgent, emergency); empty otherwise.
    until_seen: tuple[str, ...]
    #: Self-care per condition (self_care and routine only).
    care: tuple[Care, ...]
    #: The one pain-relief line (self_care and routine only).
    pain_relief: str
    #: Exercise ids, safe for every condition shown.
    exercises: tuple[str, ...]
    #: Exercise ids left out because they are unsafe beside a condition shown.
    exercises_unsafe: tuple[str, ...]
    see_a_doctor: tuple[str, ...]
    #: Keys of [sources] behind this page (rules fired, conditions, exercises).
    sources: tuple[str, ...]

    @property
    def self_care(self) -> tuple[str, ...]:
        """The self-care steps as one list, as the JSON `advice.self_care`."""
        steps = [*self.until_seen]
        for c in self.care:
            steps += [s for s in c.steps if s not in steps]
        if self.pain_relief:
            steps.append(self.pain_relief)
        return tuple(steps)


def make_plan(
    kb: KnowledgeBase,
    triage: Triage,
    conditions: tuple[ConditionScore, ...],
    answers: Mapping[str, AnswerValue],
    top: int = 3,
) -> Plan:
    info = kb.levels[triage.level]
    shown = conditions[: max(1, top)]
    shown_ids = {c.id for c in shown}
    sources: list[str] = []
    for r in triage.reasons:
        sources += [s for s in r.sources if s not in sources]
    see: list[str] = [f"{info.title}."]
    see += [r.advice for r in triage.reasons if r.advice and r.advice not in see]
    if not info.self_care:
        return Plan(
            triage.level, info.running, "", info.steps, (), "", (), (), tuple(see), tuple(sources)
        )

    possible = [c for c in shown if c.score >= CARE_MIN_SCORE] or list(shown[:1])
    chosen = possible[:CARE_MAX]
    running, pain_rule = info.running, kb.plan.pain_rule
    stopping = [c for c in possible if kb.condition_by_id[c.id].running]
    if stopping and triage.level == "self_care":  # not likely enough to stop for
        chosen = [c for c in possible if c not in stopping][:CARE_MAX] or chosen
        stopping = []
    if stopping:  # a possible bone stress injury: one message, stop and be seen
        chosen = stopping[:CARE_MAX]
        running, pain_rule = kb.condition_by_id[stopping[0].id].running, ""
    care = []
    candidates: list[str] = []
    said: set[str] = set()
    for c in chosen:
        cond = kb.condition_by_id[c.id]
        steps = tuple(step for step in cond.self_care if step not in said)
        said.update(steps)
        if steps:
            care.append(Care(cond.id, cond.name, steps))
        candidates += [e for e in cond.exercises if e not in candidates]
        sources += [s for s in cond.sources if s not in sources]
        for line in cond.see_doctor:
            text = _see_doctor_line(line, answers)
            if text and text not in see:
                see.append(text)
    unsafe = tuple(e for e in candidates if shown_ids & set(kb.exercise_by_id[e].unsafe_for))
    exercises = () if stopping else tuple(e for e in candidates if e not in unsafe)
    exercises = exercises[:EXERCISES_MAX]
    for e in exercises:
        sources += [s for s in kb.exercise_by_id[e].sources if s not in sources]
    named = {kb.condition_by_id[c.id].pain_relief for c in possible}
    relief = next((p.text for p in kb.plan.pain_relief if p.id in named), "")
    return Plan(
        level=triage.level,
        running=running,
        pain_rule=pain_rule,
        until_seen=info.steps,
        care=tuple(care),
        pain_relief=relief,
        exercises=exercises,
        exercises_unsafe=unsafe,
        see_a_doctor=tuple(see),
        sources=tuple(sources),
    )


def _see_doctor_line(line: str | SeeDoctor, answers: Mapping[str, AnswerValue]) -> str:
    """The line, or "" when it is about something the runner already reported."""
    if isinstance(line, str):
        return line
    return "" if matches(line.when, answers) else line.text
