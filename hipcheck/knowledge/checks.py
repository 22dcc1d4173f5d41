"""Consistency checks of a knowledge file beyond types: every name refers to
something declared, numbers make sense, and no text users read carries an
internal code."""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

from hipcheck.knowledge import templates
from hipcheck.knowledge.choices import choice_problems
from hipcheck.knowledge.entry_checks import (
    cited,
    condition_problems,
    exception_problems,
    exercise_problems,
    plan_problems,
    question_problems,
    rule_problems,
)
from hipcheck.knowledge.levels import LEVELS
from hipcheck.knowledge.lines import CareLine
from hipcheck.knowledge.model import (
    HISTORY_FIELDS,
    SCHEMA_VERSION,
    KnowledgeBase,
    Question,
)
from hipcheck.knowledge.nets import net_problems
from hipcheck.knowledge.problems import duplicate_ids
from hipcheck.knowledge.ranking import check_ranking
from hipcheck.knowledge.reason_text import outranked_problems
from hipcheck.knowledge.red_flags import red_flag_problems
from hipcheck.knowledge.return_to_run_checks import check_return_to_run
from hipcheck.knowledge.rules import TriageRule
from hipcheck.knowledge.sources import source_problems
from hipcheck.knowledge.when import Match, When, WhenValue, compile_when, holds_unanswered, required

if TYPE_CHECKING:
    from hipcheck.knowledge.answer_types import AnswerValue

#: Bounds of the [history] numbers: an episode of up to ten years.
MAX_DAYS = 3650


def _check_when(kb: KnowledgeBase, where: str, when: When, before: set[str] | None) -> list[str]:
    problems: list[str] = []
    for qid, test in when.items():
        q = kb.question_by_id.get(qid)
        if q is None:
            problems.append(f"{where}.{qid}: names no question")
            continue
        if before is not None and qid not in before:
            problems.append(f"{where}.{qid}: must refer to a question asked earlier")
        if isinstance(test, bool):
            if q.kind != "yes_no":
                problems.append(f"{where}.{qid}: true/false only fits a yes/no question")
            continue
        if isinstance(test, Match):
            values = [*(test.any or ()), *(test.all or ()), *(test.none or ())]
            if (test.min is not None or test.max is not None) and q.kind != "number":
                problems.append(f"{where}.{qid}: min/max only fit a number question")
        else:
            values = [test] if isinstance(test, str) else list(test)
            if q.kind == "number":
                problems.append(f"{where}.{qid}: use {{ min = .., max = .. }} for a number")
                continue
        bad = [v for v in values if v not in q.values]
        for v in bad:
            problems.append(
                f"{where}.{qid}: '{v}' is not a value of {qid}; allowed: {', '.join(q.values)}"
            )
        if isinstance(test, Match) and not all(
            math.isfinite(x) for x in (test.min, test.max) if x is not None
        ):
            problems.append(f"{where}.{qid}: min and max must be finite numbers")
        elif not bad:
            problems += _reach(q, f"{where}.{qid}", test)
    return problems


def _samples(q: Question, test: WhenValue) -> list[AnswerValue]:
    """Answers that together show whether a test holds always or never.

    For a number the test is an interval, so the question's ends and the
    test's own bounds (clamped into range) are enough.
    """
    if q.kind == "yes_no":
        return [True, False]
    if q.kind == "one":
        return list(q.values)
    if q.kind == "several":
        return [(), *((v,) for v in q.values), q.values]
    lo, hi = q.min or 0.0, q.max or 0.0
    points = [lo, hi]
    if isinstance(test, Match):
        points += [min(max(x, lo), hi) for x in (test.min, test.max) if x is not None]
    return list(points)


_ONLY_ANSWERED = Match(answered=True)


def _reach(q: Question, where: str, test: WhenValue) -> list[str]:
    """A test that accepts every answer tests nothing ({} or none = []): in a
    triage rule it would fire on every check. One that accepts none (any =
    []) silently switches its rule off. Both are refused."""
    if isinstance(test, bool):
        return []
    every = f"{where}: matches every answer, so it tests nothing"
    never = f"{where}: can never hold, so its rule never applies"
    if not isinstance(test, Match):  # any of these values: decided without running it
        if q.kind == "yes_no":
            return [f"{where}: write true or false for a yes/no question"]
        wanted = {test} if isinstance(test, str) else set(test)
        if not wanted:
            return [never]
        return [every] if q.kind == "one" and wanted >= q.value_set else []
    if q.kind == "number" and not (
        q.min is not None and q.max is not None and math.isfinite(q.min) and math.isfinite(q.max)
    ):
        return []  # reported as a bad question
    when: When = {q.id: test}
    holds = compile_when(when)
    answered = [holds({q.id: a}) for a in _samples(q, test)]
    unanswered = q.id not in required(when) and holds({})
    if all(answered) and test != _ONLY_ANSWERED:
        also = " and unanswered" if unanswered else ""
        return [f"{where}: matches every answer{also}, so it tests nothing"]
    return [never] if not any(answered) and not unanswered else []


def _check_exceptions(kb: KnowledgeBase, where: str, r: TriageRule) -> list[str]:
    """Exceptions (`unless`) only on broad rules, never on a red flag, and
    only on positive answers: then answering more can lower a broad rule
    and nothing else, and a thin history keeps the rule."""
    problems: list[str] = []
    red = [qid for qid in r.when if (q := kb.question_by_id.get(qid)) is not None and q.red_flag]
    if r.broad and (r.level == "emergency" or red):
        problems.append(f"{where}.broad: an emergency or red-flag rule cannot be broad")
    if r.unless and not r.broad:
        problems.append(f"{where}.unless: only a rule marked broad = true may have exceptions")
    absent = [qid for qid, test in r.when.items() if holds_unanswered(test)]
    if absent and not r.broad and LEVELS.index(r.level) >= LEVELS.index("urgent"):
        problems.append(
            f"{where}.when.{absent[0]}: an urgent rule that holds while a question is"
            " unanswered must be marked broad = true (answering it may end the rule)"
        )
    problems += [
        f"{where}.when.{qid}: 'answered = false' on a tick list holds only while it is"
        " skipped, not on 'None of these'; test none = [every choice] to hold on both"
        for qid, test in r.when.items()
        if isinstance(test, Match)
        and test.answered is False
        and (q := kb.question_by_id.get(qid)) is not None
        and q.kind == "several"
    ]
    if r.lowered is not None and not r.unless:
        problems.append(f"{where}.lowered: only a rule with exceptions (unless) is lowered")
    if r.lowered is not None and LEVELS.index(r.lowered.level) >= LEVELS.index(r.level):
        problems.append(f"{where}.lowered.level: must be below the rule's level ({r.level})")
    if r.lowered is not None and not r.lowered.reason.strip():
        problems.append(f"{where}.lowered.reason: must not be empty")
    named = [(f"{where}.unless[{j}]", w) for j, w in enumerate(r.unless)]
    if r.lowered is not None:
        named += [(f"{where}.lowered.unless[{j}]", w) for j, w in enumerate(r.lowered.unless)]
    for at, w in named:
        problems += exception_problems(kb, at, w, _check_when)
    return problems


#: Internal codes that must never reach a reader: seed file ids and ratios.
_CODES = re.compile(r"\bseeds? \d{3}\b|\(x\d", re.IGNORECASE)


def _texts(lines: tuple[str | CareLine, ...]) -> list[str]:
    return [x if isinstance(x, str) else x.text for x in lines]


def reader_texts(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """Every text of the file that users read, with where it is."""
    texts: list[tuple[str, str]] = [
        ("disclaimer", kb.disclaimer),
        ("default_reason", kb.default_reason),
        ("default_reason_unanswered", kb.default_reason_unanswered),
        ("plan.pain_rule", kb.plan.pain_rule),
    ]
    texts += [(f"plan.pain_relief ({p.id})", p.text) for p in kb.plan.pain_relief]
    for k, v in kb.levels.items():
        texts += [
            (f"levels.{k}", t)
            for t in (
                v.title,
                v.advice,
                v.running,
                *v.steps,
                *_texts(v.bone_steps),
                *_texts(v.other_steps),
            )
        ]
        texts += [(f"levels.{k}.see_doctor", x.text) for x in v.see_doctor]
        texts += [(f"levels.{k}.see_doctor", g.text) for x in v.see_doctor for g in x.signs]
    texts += [
        (f"triage_rules ({r.id})", t)
        for r in kb.triage_rules
        for t in (r.reason, r.advice, r.title, r.possibility)
    ]
    texts += [
        (f"triage_rules ({r.id}).lowered", t)
        for r in kb.triage_rules
        if r.lowered
        for t in (r.lowered.reason, r.lowered.advice, r.lowered.title)
    ]
    texts += [(f"condition_rules ({r.condition})", r.reason) for r in kb.condition_rules]
    texts += [(f"sources.'{k}'.cite", s.cite) for k, s in kb.sources.items()]
    for c in kb.conditions:
        lines = [c.name, c.summary, c.feels_like, c.running, *c.prevention]
        lines += [x if isinstance(x, str) else x.text for x in (*c.self_care, *c.see_doctor)]
        lines += [s.text for x in c.see_doctor if not isinstance(x, str) for s in x.signs]
        texts += [(f"conditions ({c.id})", line) for line in lines]
    for e in kb.exercises:
        lines = [e.name, e.purpose, e.dose, e.caution, *e.steps]
        texts += [(f"exercises ({e.id})", line) for line in lines]
    return [(where, text) for where, text in texts if text]


def _internal_codes(kb: KnowledgeBase) -> list[str]:
    """User-facing text that still carries "seed 003" or "(x6)"."""
    return [
        f"{where}: internal code '{m.group(0)}' in text users read; cite sources by name"
        for where, text in reader_texts(kb)
        if (m := _CODES.search(text))
    ]


def _empty_texts(kb: KnowledgeBase) -> list[str]:
    """Texts that every output or every fired rule shows may not be blank: an
    empty disclaimer would leave outputs without one."""
    texts = [
        ("disclaimer", kb.disclaimer),
        ("default_reason", kb.default_reason),
        ("default_reason_unanswered", kb.default_reason_unanswered),
        ("history.not_improving_reason", kb.history.not_improving_reason),
        ("history.worsening_reason", kb.history.worsening_reason),
    ]
    texts += [(f"levels.{k}.title", v.title) for k, v in kb.levels.items()]
    texts += [(f"triage_rules ({r.id}).reason", r.reason) for r in kb.triage_rules]
    texts += [(f"condition_rules ({r.condition}).reason", r.reason) for r in kb.condition_rules]
    texts += [(f"conditions ({c.id}).name", c.name) for c in kb.conditions]
    texts += [(f"questions ({q.id}).prompt", q.prompt) for q in kb.questions]
    # Invisible characters (a zero-width space) or punctuation alone say nothing.
    return [f"{where}: must not be empty" for where, text in texts if not _says_something(text)]


def _says_something(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _check_history(kb: KnowledgeBase) -> list[str]:
    """[history] numbers in range, and its templates plain `{name}` fields."""
    h = kb.history
    problems = []
    if not 1 <= h.episode_days <= MAX_DAYS:
        problems.append(f"history.episode_days: must be a whole number from 1 to {MAX_DAYS}")
    if not 0 <= h.not_improving_days <= MAX_DAYS:
        problems.append(f"history.not_improving_days: must be a whole number from 0 to {MAX_DAYS}")
    if not (math.isfinite(h.worsening_by) and h.worsening_by > 0):
        problems.append("history.worsening_by: must be a finite number greater than 0")
    for name, template, allowed in (
        ("history.not_improving_reason", h.not_improving_reason, HISTORY_FIELDS),
        ("history.worsening_reason", h.worsening_reason, HISTORY_FIELDS),
        ("default_reason_unanswered", kb.default_reason_unanswered, ("questions",)),
    ):
        why = templates.problem(template, allowed)
        if why is not None:
            problems.append(f"{name}: {why}")
    return problems


def check(kb: KnowledgeBase) -> list[str]:
    """Consistency checks beyond types; returns the problems found."""
    problems: list[str] = []
    if kb.schema_version != SCHEMA_VERSION:
        problems.append(f"schema_version: {kb.schema_version} is not supported (want 1)")
    for lv in LEVELS:
        if lv not in kb.levels:
            problems.append(f"levels: missing level '{lv}'")
    problems += duplicate_ids("questions", [q.id for q in kb.questions])
    problems += duplicate_ids("conditions", [c.id for c in kb.conditions])
    problems += duplicate_ids("exercises", [e.id for e in kb.exercises])
    problems += duplicate_ids("triage_rules", [r.id for r in kb.triage_rules])
    problems += duplicate_ids("screens", [sc.id for sc in kb.screens])
    problems += duplicate_ids("plan.pain_relief", [p.id for p in kb.plan.pain_relief])
    problems += _empty_texts(kb)
    if not kb.conditions:
        problems.append("conditions: at least one condition is needed")
    problems += question_problems(kb, _check_when)
    problems += source_problems(kb)
    problems += choice_problems(kb, _check_when)
    problems += plan_problems(kb, _check_when)
    problems += exercise_problems(kb, _check_when)
    problems += condition_problems(kb, _check_when)
    problems += rule_problems(kb, _check_when)
    problems += cited("load", kb.load.sources, kb)
    problems += _check_history(kb)
    problems += _internal_codes(kb)
    problems += outranked_problems(kb)
    problems += check_return_to_run(kb, _check_when, _CODES)
    for i, cr in enumerate(kb.condition_rules):
        if cr.condition not in kb.condition_by_id:
            problems.append(f"condition_rules[{i}].condition: '{cr.condition}' is not a condition")
        if not (0 < cr.min_score <= 1):
            problems.append(f"condition_rules[{i}].min_score: must be within (0, 1]")
        for j, w in enumerate(cr.unless):
            at = f"condition_rules[{i}] ({cr.condition}).unless[{j}]"
            problems += exception_problems(kb, at, w, _check_when)
    for i, w in enumerate(kb.ranking.fit.poor_when):
        problems += exception_problems(kb, f"ranking.fit.poor_when[{i}]", w, _check_when)
    problems += kb.interview.problems(set(kb.question_by_id))
    problems += red_flag_problems(kb)
    problems += net_problems(kb)
    for i, r in enumerate(kb.triage_rules):  # after the red-flag checks: they say why first
        problems += _check_exceptions(kb, f"triage_rules[{i}] ({r.id})", r)
    problems += check_ranking(
        kb.ranking,
        set(kb.condition_by_id),
        {f"{q}.{v}" for q, v in kb.phrases},
        set(kb.question_by_id["location"].values) if "location" in kb.question_by_id else set(),
        set(kb.sources),
        frozenset(f"{q.id}.{c.id}" for q in kb.questions for c in q.choices if c.noticed_only),
    )
    return problems
