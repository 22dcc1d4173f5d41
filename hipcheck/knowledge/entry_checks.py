"""Checks of a knowledge file's entries, one kind at a time: questions (and
their screens), the plan's tables, exercises, conditions and triage rules.
`check_when` is knowledge.checks' test of a `when` table, passed in."""

from __future__ import annotations

import math
from collections.abc import Callable

from hipcheck.knowledge.answer_types import NONE_OF_THESE
from hipcheck.knowledge.levels import LEVELS
from hipcheck.knowledge.lines import CareLine, SeeDoctor
from hipcheck.knowledge.model import KnowledgeBase, Question
from hipcheck.knowledge.rules import TriageRule
from hipcheck.knowledge.spans import span_problems
from hipcheck.knowledge.templates import fields, problem
from hipcheck.knowledge.when import AnyWhen, When, holds_unanswered

CheckWhen = Callable[[KnowledgeBase, str, When, "set[str] | None"], list[str]]


def cited(where: str, sources: tuple[str, ...], kb: KnowledgeBase) -> list[str]:
    """An entry's sources: at least one, each declared in [sources]."""
    problems = [] if sources else [f"{where}.sources: at least one source is needed"]
    return problems + [
        f"{where}.sources: '{s}' is not declared in [sources]"
        for s in sources
        if s not in kb.sources
    ]


def question_problems(kb: KnowledgeBase, check_when: CheckWhen) -> list[str]:
    """Each question, its screen (declared, for yes/no and several
    questions, its questions together) and its ask_if (earlier questions)."""
    problems: list[str] = []
    asked: set[str] = set()
    screens = {sc.id for sc in kb.screens}
    seen_screens: list[str] = []
    for i, q in enumerate(kb.questions):
        where = f"questions[{i}] ({q.id})"
        problems += _check_question(q, where)
        if q.screen is not None:
            if q.screen not in screens:
                problems.append(f"{where}.screen: '{q.screen}' is not declared in [[screens]]")
            if q.kind not in ("yes_no", "several"):
                problems.append(f"{where}.screen: only yes/no and several questions share a screen")
            if seen_screens and seen_screens[-1] != q.screen and q.screen in seen_screens:
                problems.append(f"{where}.screen: the questions of a screen must follow each other")
            if not seen_screens or seen_screens[-1] != q.screen:
                seen_screens.append(q.screen)
        elif seen_screens and seen_screens[-1] != "":
            seen_screens.append("")
        if q.ask_if is not None:
            problems += any_when_problems(kb, f"{where}.ask_if", q.ask_if, asked, check_when)
        asked.add(q.id)
    return problems


def any_when_problems(
    kb: KnowledgeBase, where: str, when: AnyWhen, before: set[str] | None, check_when: CheckWhen
) -> list[str]:
    """A `when` table, or each table of a list of them (any may hold), as
    `where`, `where[0]`, `where[1]`..."""
    if not isinstance(when, tuple):
        return check_when(kb, where, when, before)
    if not when:
        return [f"{where}: an empty list; leave it out"]
    return [p for i, w in enumerate(when) for p in check_when(kb, f"{where}[{i}]", w, before)]


def _check_question(q: Question, where: str) -> list[str]:
    problems: list[str] = []
    if q.kind == "number":
        finite = all(math.isfinite(x) for x in (q.min, q.max) if x is not None)
        if q.min is None or q.max is None or not finite or q.min >= q.max:
            problems.append(f"{where}: a number question needs finite min < max")
        if q.choices:
            problems.append(f"{where}.choices: a number question has bands, not choices")
        lo, hi = q.min or 0, q.max or 0
        for b in q.bands:
            if not (lo <= b.min <= b.max <= hi):
                problems.append(f"{where}.bands ({b.id}): must lie within {lo:g}-{hi:g}")
    else:
        if not q.choices:
            problems.append(f"{where}.choices: a {q.kind} question needs choices")
        if q.bands or q.min is not None or q.max is not None:
            problems.append(f"{where}: only a number question has min, max and bands")
        if q.kind == "yes_no" and set(q.values) != {"yes", "no"}:
            problems.append(f"{where}.choices: a yes/no question has exactly 'yes' and 'no'")
        if q.kind == "several" and NONE_OF_THESE in q.values:
            problems.append(
                f"{where}.choices: '{NONE_OF_THESE}' is the tick list's 'none of these'"
            )
    problems += span_problems(q, where)
    ids = [c.id for c in q.choices] + [b.id for b in q.bands]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        problems.append(f"{where}: duplicate value ids: {', '.join(dupes)}")
    return problems


def exception_problems(
    kb: KnowledgeBase,
    at: str,
    w: When,
    check_when: CheckWhen,
    given: str = "an exception tests answers given (none only beside a test that does)",
) -> list[str]:
    """An exception (a rule's `unless`, a lowered level's, the plan's bone
    share's), or any `when` that must hold on what was reported (a stage
    left out, a sign already reported): a table of answers given, never of
    an absence alone; `given` says so where one is not. A test that holds
    while its question is unanswered (`none`) may stand beside one that
    needs an answer: it only narrows the table, so answering more can then
    only undo it (the inflammatory back pain of `bone_shown_unless`, but
    not with long-term steroids)."""
    problems = [] if w else [f"{at}: must test at least one answer"]
    problems += check_when(kb, at, w, None)
    if all(holds_unanswered(test) for test in w.values()):
        return problems + [f"{at}.{qid}: {given}" for qid in w]
    return problems + [
        f"{at}.{qid}: {NARROWING}" for qid, test in w.items() if _widens(kb, qid, test)
    ]


#: What a test that holds unanswered may be beside a test of an answer given.
NARROWING = (
    "beside a test of an answer given, only 'none' narrows an exception, and not on a "
    "safety question ('answered = false' would hold because it was skipped)"
)


def _widens(kb: KnowledgeBase, qid: str, test: object) -> bool:
    """A test that holds while its question is unanswered and is not a plain
    narrowing `none`: `answered = false`, or any such test of a safety-screen
    or red-flag question (a review: an exception that held when the limp
    and weight-bearing questions were skipped lowered a knock at 55)."""
    if not holds_unanswered(test):
        return False
    q = kb.question_by_id.get(qid)
    safety = q is not None and (q.red_flag or qid in kb.safety_questions)
    return safety or getattr(test, "answered", None) is False


def plan_problems(kb: KnowledgeBase, check_when: CheckWhen) -> list[str]:
    """[plan]: pain relief and the likelihood bands, highest first; the
    exceptions to a low bone share's stop test answers given; the levels'
    own see-a-doctor lines."""
    problems: list[str] = []
    for j, w in enumerate(kb.plan.bone_shown_unless):
        problems += exception_problems(kb, f"plan.bone_shown_unless[{j}]", w, check_when)
    for lv, info in kb.levels.items():
        for j, line in enumerate(info.see_doctor):
            problems += _see_doctor(kb, f"levels.{lv}.see_doctor[{j}]", line, check_when)
        for name in ("bone_steps", "other_steps"):
            for j, step in enumerate(getattr(info, name)):
                if isinstance(step, CareLine):
                    at = f"levels.{lv}.{name}[{j}].when"
                    problems += any_when_problems(kb, at, step.when, None, check_when)
    if not kb.plan.pain_relief:
        problems.append("plan.pain_relief: at least one entry is needed")
    for p in kb.plan.pain_relief:
        if p.when is not None:
            at = f"plan.pain_relief ({p.id}).when"
            problems += exception_problems(kb, at, p.when, check_when)
    if not kb.plan.likelihood:
        problems.append("plan.likelihood: at least one band is needed")
    for band in kb.plan.likelihood:
        if not (0 <= band.min_score <= 1):
            problems.append(f"plan.likelihood ({band.label}).min_score: must be within [0, 1]")
    if list(kb.plan.likelihood) != sorted(kb.plan.likelihood, key=lambda b: -b.min_score):
        problems.append("plan.likelihood: list the bands from the highest min_score down")
    for name in ("care_min_score", "bone_shown_min"):
        if not (0 <= getattr(kb.plan, name) <= 1):
            problems.append(f"plan.{name}: must be within [0, 1]")
    return problems


def exercise_problems(kb: KnowledgeBase, check_when: CheckWhen) -> list[str]:
    problems: list[str] = []
    for i, e in enumerate(kb.exercises):
        problems += cited(f"exercises[{i}] ({e.id})", e.sources, kb)
        for cid in e.unsafe_for:
            if cid not in kb.condition_by_id:
                problems.append(f"exercises[{i}] ({e.id}).unsafe_for: '{cid}' is not a condition")
        for field, when in (("avoid_when", e.avoid_when), ("not_for", e.not_for)):
            if when is not None:
                problems += check_when(kb, f"exercises[{i}] ({e.id}).{field}", when, None)
    return problems


def condition_problems(kb: KnowledgeBase, check_when: CheckWhen) -> list[str]:
    """Each condition: prior, weights (question.value, a ratio > 0),
    exercises (declared, safe for it), pain relief, see-doctor lines, sources."""
    problems: list[str] = []
    relief = {p.id for p in kb.plan.pain_relief}
    for i, c in enumerate(kb.conditions):
        where = f"conditions[{i}] ({c.id})"
        if not (0 < c.prior <= 1):
            problems.append(f"{where}.prior: must be a share within (0, 1]")
        for key, lr in c.weights.items():
            problems += _weight(kb, f"{where}.weights.'{key}'", key, lr)
        for ex in c.exercises:
            if ex not in kb.exercise_by_id:
                problems.append(f"{where}.exercises: '{ex}' is not an exercise id")
            elif c.id in kb.exercise_by_id[ex].unsafe_for:
                problems.append(f"{where}.exercises: '{ex}' is marked unsafe for this condition")
        if c.pain_relief not in relief:
            problems.append(f"{where}.pain_relief: '{c.pain_relief}' is not in plan.pain_relief")
        for j, line in enumerate(c.see_doctor):
            if isinstance(line, SeeDoctor):
                problems += _see_doctor(kb, f"{where}.see_doctor[{j}]", line, check_when)
        for j, step in enumerate(c.self_care):
            if isinstance(step, CareLine):
                problems += any_when_problems(
                    kb, f"{where}.self_care[{j}].when", step.when, None, check_when
                )
        problems += cited(where, c.sources, kb)
    return problems


def _weight(kb: KnowledgeBase, where: str, key: str, lr: float) -> list[str]:
    qid, dot, value = key.partition(".")
    wq = kb.question_by_id.get(qid)
    if not dot or wq is None:
        return [f"{where}: names no question (want question.value)"]
    problems: list[str] = []
    allowed = wq.values + tuple(b.id for b in wq.bands)
    if value not in allowed:
        problems.append(
            f"{where}: '{value}' is not a value of {qid}; allowed: {', '.join(allowed)}"
        )
    if not (math.isfinite(lr) and lr > 0):
        problems.append(f"{where}: a likelihood ratio must be > 0")
    return problems


def rule_problems(kb: KnowledgeBase, check_when: CheckWhen) -> list[str]:
    problems: list[str] = []
    for i, r in enumerate(kb.triage_rules):
        problems += check_when(kb, f"triage_rules[{i}] ({r.id}).when", r.when, None)
        if not r.when:
            problems.append(f"triage_rules[{i}] ({r.id}).when: must test at least one answer")
        for key in r.sources:
            if key not in kb.sources:
                problems.append(f"triage_rules[{i}] ({r.id}).sources: '{key}' is not declared")
        problems += _covered_by(kb, f"triage_rules[{i}] ({r.id}).covered_by", r)
    return problems + _covering_cycles(kb)


def _covering_cycles(kb: KnowledgeBase) -> list[str]:
    """Rules that cover each other, directly or through others: each would
    hide the other's reason, and a page could be left with none."""
    covers = {r.id: r.covered_by for r in kb.triage_rules}
    found: list[str] = []
    done: set[str] = set()
    for start in covers:
        path = _cycle_from(start, covers, [start])
        if path is not None and not done & set(path):
            done.update(path)
            found.append(
                f"triage_rules ({start}).covered_by: {', '.join(map(repr, path[:-1]))} "
                f"cover each other ({' -> '.join(path)}): each would hide the other's reason"
            )
    return found


def _cycle_from(rid: str, covers: dict[str, tuple[str, ...]], path: list[str]) -> list[str] | None:
    """A path of covering rules from `path`'s start back to it, if any."""
    for other in covers.get(rid, ()):
        if other == path[0]:
            return [*path, other]
        if other not in path and other in covers:
            found = _cycle_from(other, covers, [*path, other])
            if found is not None:
                return found
    return None


def _covered_by(kb: KnowledgeBase, where: str, r: TriageRule) -> list[str]:
    """Each covering rule exists, is another rule, is at this rule's level
    or above and stops running if this one does (hiding the reason must
    never hide why the level or the plan is what it is)."""
    rules = {other.id: other for other in kb.triage_rules}
    problems: list[str] = []
    for rid in r.covered_by:
        other = rules.get(rid)
        if other is None or rid == r.id:
            problems.append(f"{where}: '{rid}' is not another triage rule")
        elif LEVELS.index(other.level) < LEVELS.index(r.level):
            problems.append(f"{where}: '{rid}' is {other.level}, below this rule's {r.level}")
        elif r.stop_running and not other.stop_running:
            problems.append(f"{where}: '{rid}' does not stop running, as this rule does")
    return problems


def _see_doctor(kb: KnowledgeBase, where: str, line: SeeDoctor, check_when: CheckWhen) -> list[str]:
    """A line's test, and its signs: each left out on an answer given, all
    said in the text's one `{signs}`."""
    problems = [] if line.when is None else check_when(kb, f"{where}.when", line.when, None)
    allowed = ("signs",) if line.signs else ()
    why = problem(line.text, allowed)
    if why is not None:
        problems.append(f"{where}.text: {why}")
    elif line.signs and "signs" not in fields(line.text):
        problems.append(f"{where}.text: say the signs with {{signs}}")
    for k, sign in enumerate(line.signs):
        at = f"{where}.signs[{k}].when"
        problems += exception_problems(
            kb, at, sign.when, check_when, "must test an answer given (the sign reported)"
        )
    return problems
