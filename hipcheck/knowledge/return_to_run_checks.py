"""Consistency checks of `[return_to_run]` and `[report]` in a knowledge file.

Called from `checks.check`, which hands over its `when` checker and its
internal-code pattern (this module does not import `checks`: no cycle).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from hipcheck.knowledge.entry_checks import any_when_problems, exception_problems
from hipcheck.knowledge.levels import LEVELS
from hipcheck.knowledge.problems import duplicate_ids
from hipcheck.knowledge.return_to_run import (
    FIXED_REASONS,
    ReportInfo,
    ReturnToRun,
    RunStage,
    StageWhen,
)
from hipcheck.knowledge.templates import TemplateError, fields, problem
from hipcheck.knowledge.when import When, tables

if TYPE_CHECKING:
    from hipcheck.knowledge.model import KnowledgeBase

WhenChecker = Callable[["KnowledgeBase", str, When, "set[str] | None"], list[str]]


def _sources(kb: KnowledgeBase, where: str, keys: tuple[str, ...]) -> list[str]:
    return [
        f"{where}.sources: '{k}' is not declared in [sources]" for k in keys if k not in kb.sources
    ]


def check_return_to_run(
    kb: KnowledgeBase, check_when: WhenChecker, codes: re.Pattern[str]
) -> list[str]:
    """The problems of `[return_to_run]` and `[report]`; [] when absent or fine."""
    problems: list[str] = []
    texts: list[tuple[str, str]] = []
    rtr = kb.return_to_run
    if rtr is not None:
        problems += _head(kb, rtr)
        problems += _kinds(kb, rtr)
        problems += _stages(kb, rtr, check_when)
        problems += _rules(kb, rtr, check_when)
        texts += rtr.texts()
    if kb.report is not None:
        problems += _report(kb, kb.report)
        texts += kb.report.texts()
    problems += [
        f"{w}: internal code '{m.group(0)}' in text users read; cite sources by name"
        for w, t in texts
        if (m := codes.search(t))
    ]
    return problems


_WHERE = "return_to_run"


def _head(kb: KnowledgeBase, rtr: ReturnToRun) -> list[str]:
    """The table's own keys and its lists' ids."""
    where = _WHERE
    problems = [
        f"{where}.ask_at_checkin: '{qid}' is not a question"
        for qid in rtr.ask_at_checkin
        if qid not in kb.question_by_id
    ]
    if not rtr.kinds or not rtr.stages:
        problems.append(f"{where}: needs at least one kind and one stage")
    if not 1 <= rtr.window_days <= 3660:
        problems.append(f"{where}.window_days: a whole number of days from 1 to 3660")
    if not rtr.sources:
        problems.append(f"{where}.sources: at least one source is needed")
    problems += _sources(kb, where, rtr.sources)
    problems += duplicate_ids(f"{where}.kinds", [k.id for k in rtr.kinds])
    problems += duplicate_ids(f"{where}.stages", [s.id for s in rtr.stages])
    problems += duplicate_ids(f"{where}.rules", [r.id for r in rtr.rules])
    for name, template, allowed in (
        ("missing", rtr.reasons.missing, ("questions", "first_stage")),
        ("missing_held", rtr.reasons.missing_held, ("questions",)),
    ):
        wrong = problem(template, allowed)
        if wrong is not None:
            problems.append(f"{where}.reasons.{name}: {wrong}")
    return problems


def _kinds(kb: KnowledgeBase, rtr: ReturnToRun) -> list[str]:
    """Each condition of exactly one kind; each kind with a ladder."""
    problems: list[str] = []
    owner: dict[str, str] = {}
    for k in rtr.kinds:
        kw = f"{_WHERE}.kinds ({k.id})"
        problems += _sources(kb, kw, k.sources)
        for cid in k.conditions:
            if cid not in kb.condition_by_id:
                problems.append(f"{kw}.conditions: '{cid}' is not a condition")
            elif cid in owner:
                problems.append(f"{kw}.conditions: '{cid}' is already of kind '{owner[cid]}'")
            owner.setdefault(cid, k.id)
        if not rtr.ladder(k.id):
            problems.append(f"{kw}: no stage is on this kind's ladder")
    return problems + [
        f"{_WHERE}.kinds: condition '{c.id}' has no kind; add it to one"
        for c in kb.conditions
        if c.id not in owner
    ]


def _stage_when(kb: KnowledgeBase, at: str, entry: StageWhen, check_when: WhenChecker) -> list[str]:
    """A `start_also`, `start_no_higher` or `stay_when` entry: tests of
    answers given (a table, or a list of them) and a reason."""
    problems = any_when_problems(kb, f"{at}.when", entry.when, None, check_when)
    if any(not w for w in tables(entry.when)):
        problems.append(f"{at}.when: must test at least one answer")
    if not entry.reason.strip():
        problems.append(f"{at}.reason: say why (the page shows it)")
    return problems


def _report_fields(at: str, template: str, rtr: ReturnToRun) -> list[str]:
    """A reason filled from the runner's report: a template whose braces
    pair (`templates.problem` says why not) naming only its questions."""
    try:
        used = fields(template)
    except TemplateError:
        return [f"{at}: {problem(template, rtr.report_questions)}"]
    unknown = [name for name in used if name not in rtr.report_questions]
    return [f"{at}: {{{unknown[0]}}} is not a question of the report"] if unknown else []


def _stages(kb: KnowledgeBase, rtr: ReturnToRun, check_when: WhenChecker) -> list[str]:
    """Each stage's kinds, start test and numbers; each ladder's first stage."""
    problems: list[str] = []
    kinds = {k.id for k in rtr.kinds}
    for s in rtr.stages:
        sw = f"{_WHERE}.stages ({s.id})"
        for kid in (*s.kinds, *s.extra_entry):
            if kid not in kinds:
                problems.append(f"{sw}: '{kid}' is not a kind of [[return_to_run.kinds]]")
        if s.start_when is not None:
            problems += check_when(kb, f"{sw}.start_when", s.start_when, None)
            if not s.start_reason:
                problems.append(f"{sw}.start_reason: a stage one can start at needs one")
        for j, also in enumerate(s.start_also):
            at = f"{sw}.start_also[{j}]"
            if s.start_when is None:
                problems.append(f"{at}: only a stage with start_when has other ways to start")
            problems += _stage_when(kb, at, also, check_when)
        for j, cap in enumerate(s.start_no_higher):
            problems += _stage_when(kb, f"{sw}.start_no_higher[{j}]", cap, check_when)
        for j, stay in enumerate(s.stay_when):
            problems += _stage_when(kb, f"{sw}.stay_when[{j}]", stay, check_when)
            problems += _report_fields(f"{sw}.stay_when[{j}].reason", stay.reason, rtr)
        if s.growth_percent is not None and not (
            math.isfinite(s.growth_percent) and 0 <= s.growth_percent <= 100
        ):
            problems.append(f"{sw}.growth_percent: a number from 0 to 100")
        if not s.do:
            problems.append(f"{sw}.do: say what to do at this stage")
        problems += _not_for(kb, s, sw, check_when)
    for k in rtr.kinds:
        first = rtr.ladder(k.id)[:1]
        if first and not first[0].start_reason:
            problems.append(
                f"{_WHERE}.stages ({first[0].id}).start_reason: a first stage needs one"
            )
        if first and first[0].not_for is not None:
            where = f"{_WHERE}.stages ({first[0].id}).not_for"
            problems.append(f"{where}: a ladder's first stage is for every runner")
    return problems


def _not_for(kb: KnowledgeBase, s: RunStage, sw: str, check_when: WhenChecker) -> list[str]:
    """A stage left out for some runners says for whom (on answers given) and why."""
    if s.not_for is None:
        return [f"{sw}.{f}: only with not_for" for f in ("not_for_reason", "not_for_sources")
                if getattr(s, f)]  # fmt: skip
    problems = exception_problems(
        kb,
        f"{sw}.not_for",
        s.not_for,
        check_when,
        "must test answers given (not one left unanswered)",
    )
    if not s.not_for_reason.strip():
        problems.append(f"{sw}.not_for_reason: say why these runners stop before this stage")
    return problems + _sources(kb, f"{sw}.not_for", s.not_for_sources)


def _rules(kb: KnowledgeBase, rtr: ReturnToRun, check_when: WhenChecker) -> list[str]:
    problems: list[str] = []
    for r in rtr.rules:
        rw = f"{_WHERE}.rules ({r.id})"
        if r.id in FIXED_REASONS:
            problems.append(f"{rw}: the id '{r.id}' is reserved")
        if not r.when:
            problems.append(f"{rw}.when: must test at least one answer")
        problems += check_when(kb, f"{rw}.when", r.when, None)
        wrong = problem(r.reason, kb.question_by_id)
        if wrong is not None:
            problems.append(f"{rw}.reason: {wrong[:200]}")
    return problems


def _report(kb: KnowledgeBase, report: ReportInfo) -> list[str]:
    """[report]: its questions' conditions and levels, the glossary."""
    problems: list[str] = []
    for i, q in enumerate(report.questions):
        for cid in q.conditions:
            if cid not in kb.condition_by_id:
                problems.append(f"report.questions[{i}].conditions: '{cid}' is not a condition")
        for lv in q.levels:
            if lv not in LEVELS:
                problems.append(
                    f"report.questions[{i}].levels: '{lv}' is not a level; "
                    f"allowed: {', '.join(LEVELS)}"
                )
    for g in report.glossary:
        if not g.term.strip() or not g.meaning.strip():
            problems.append("report.glossary: every entry needs a term and a meaning")
    return problems
