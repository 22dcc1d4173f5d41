"""The safety floor: built-in cases every knowledge file must triage right.

The knowledge file holds every triage rule, so an edit can drop a red flag
(a deleted rule, a lowered level, a `when` pointed at another question) or
make a rule fire on every check, and still be a well-formed file.
`knowledge.red_flags` makes every red-flag answer an emergency in every
combination by the file's shape; this runs the rest: the cases in
`knowledge/safety_cases.toml` (every must-not-miss route: falls, bone
stress, limp, injury, children and teenagers ...), plus every red-flag
answer on its own, go through the real scoring and triage, and the file is
refused at the first case that comes out wrong. A case can also hold the
plan to its bone safeguards (`plan = "stop_until_cleared"`: stop running,
no running stage before a clinician's clearance), and with `interview` the
adaptive interview is run on each case too: it must ask what the case needs
and reach the same floor.

`load` is the one entry point the CLI uses for every command, `--kb` and
`validate`. It lives in core because it needs the triage; the knowledge
layer may not import core.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import rtoml

from hipcheck.core import reviewed_exceptions
from hipcheck.core.answers import AnswerValue, parse_answers
from hipcheck.core.plan import make_plan
from hipcheck.core.scoring import ConditionScore, score
from hipcheck.core.triage import Triage, rank, triage
from hipcheck.errors import AnswerError, KnowledgeError
from hipcheck.knowledge import LEVELS, KnowledgeBase, Level
from hipcheck.knowledge import load as load_file
from hipcheck.knowledge.exception_sets import located
from hipcheck.knowledge.red_flags import red_flag_answers

if TYPE_CHECKING:
    from hipcheck.core.replay import Replays

CASES_PATH = Path(__file__).resolve().parents[1] / "knowledge" / "safety_cases.toml"


#: What a case may hold the plan to.
PLAN_CHECKS = ("stop_until_cleared",)
_KEYS = {"name", "answers", "ordinary", "must_be", "must_not_be", "at_least", "plan", "screened"}


class SafetyCase(NamedTuple):
    name: str
    answers: Mapping[str, object]
    must_be: Level | None = None
    must_not_be: Level | None = None
    #: The level or a more serious one (a must-not-miss route).
    at_least: Level | None = None
    #: One of PLAN_CHECKS, or "".
    plan: str = ""
    #: Also run with the safety screen answered "no" where the case leaves
    #: it unanswered (`screened_variant`); false for a case whose route a
    #: "no" there rightly lowers.
    screened: bool = True


def parse_cases(raw: Mapping[str, Any]) -> tuple[SafetyCase, ...]:
    """The cases of a cases file's data, [ordinary] merged in where asked.

    Checked by hand, not with msgspec: building msgspec's type information
    for it would cost more than running all the cases (start-up budget).
    """
    ordinary = raw.get("ordinary", {})
    out = []
    for case in raw["cases"]:
        unknown = set(case) - _KEYS
        levels = [case.get("must_be"), case.get("must_not_be"), case.get("at_least")]
        if unknown or sum(lv is not None for lv in levels) != 1:
            raise ValueError(f"safety case {case.get('name')!r}: bad keys or no level")
        if not all(lv is None or lv in LEVELS for lv in levels):
            raise ValueError(f"safety case {case['name']!r}: unknown level")
        plan = str(case.get("plan", ""))
        if plan and plan not in PLAN_CHECKS:
            raise ValueError(f"safety case {case['name']!r}: unknown plan check {plan!r}")
        answers = dict(case["answers"])
        if case.get("ordinary", False):
            answers = {**ordinary, **answers}
        must_be, must_not_be, at_least = levels
        screened = bool(case.get("screened", True))
        out.append(
            SafetyCase(str(case["name"]), answers, must_be, must_not_be, at_least, plan, screened)
        )
    return tuple(out)


@cache
def builtin_cases() -> tuple[SafetyCase, ...]:
    """The packaged cases (read once; a broken file is a bug the tests catch)."""
    return parse_cases(rtoml.loads(CASES_PATH.read_text(encoding="utf-8")))


def cases_for(
    kb: KnowledgeBase, cases: tuple[SafetyCase, ...] | None = None
) -> Iterator[SafetyCase]:
    """The built-in cases, each also with the safety screen answered "no"
    (`screened_variant`), then one per red-flag answer of this file."""
    for case in cases if cases is not None else builtin_cases():
        yield case
        variant = screened_variant(kb, case)
        if variant is not None:
            yield variant
    for qid, answer in red_flag_answers(kb):
        value: object
        if isinstance(answer, tuple):  # a choice of a "tick all that apply" question
            name, value = f"{qid} = {answer[0]}", list(answer)
        else:
            name, value = (qid if answer is True else f"{qid} = {answer}"), answer
        yield SafetyCase(f"red flag '{name}' alone", {qid: value}, must_be="emergency")


def screened_variant(kb: KnowledgeBase, case: SafetyCase) -> SafetyCase | None:
    """The case with the safety screen's questions it leaves unanswered
    answered "no" (none ticked), as nearly every runner answers them: a
    must-not-miss picture is the same picture then. An exception that holds
    on those answers alone ("I can bear weight", "no limp") would lower the
    route for almost everyone (an adversary's review, round 4). None when
    the case answers them all, guards no route (`must_not_be`), or says so."""
    if not case.screened or case.must_not_be is not None:
        return None
    added: dict[str, object] = {}
    for qid in kb.safety_questions:
        q = kb.question_by_id.get(qid)
        if q is None or qid in case.answers:
            continue
        if q.kind == "yes_no":
            added[qid] = False
        elif q.kind == "several":
            added[qid] = []
    if not added:
        return None
    return case._replace(
        name=f"{case.name}, with the safety screen answered no", answers={**case.answers, **added}
    )


def _verdict(kb: KnowledgeBase, case: SafetyCase) -> str | None:
    missing = [qid for qid in case.answers if qid not in kb.question_by_id]
    if missing:
        return (
            f"safety case '{case.name}' needs the question '{missing[0]}', "
            "which this file does not have"
        )
    try:
        answers = parse_answers(kb, case.answers)
    except AnswerError as e:
        return f"safety case '{case.name}' cannot be answered: {e}"
    scores = score(kb, answers)
    t = triage(kb, answers, scores)
    why = _level_verdict(case, t.level, "")
    if why is None and case.plan:
        why = plan_problem(kb, t, scores, answers)
        why = None if why is None else f"safety case '{case.name}': {why}"
    return why


def _level_verdict(case: SafetyCase, level: Level, how: str) -> str | None:
    """Whether `level` meets the case; `how` says what produced it."""
    gave = f"safety case '{case.name}'{how} gave {level}"
    if case.must_be is not None and level != case.must_be:
        return f"{gave}; it must be {case.must_be}"
    if case.must_not_be is not None and level == case.must_not_be:
        return f"{gave}; it must not be {case.must_not_be}"
    if case.at_least is not None and rank(level) < rank(case.at_least):
        return f"{gave}; it must be {case.at_least} or more serious"
    return None


def plan_problem(
    kb: KnowledgeBase,
    t: Triage,
    scores: tuple[ConditionScore, ...],
    answers: Mapping[str, AnswerValue],
) -> str | None:
    """The bone safeguards of the plan: the running line says stop (the
    level's, at urgent and emergency; else a shown condition's own), no
    exercises, and no running stage before a clinician's clearance."""
    plan = make_plan(kb, t, scores, answers)
    if kb.levels[t.level].self_care and plan.running_basis != "bone":
        return "the plan does not say to stop running (a possible bone stress injury)"
    if plan.exercises:
        return "the plan offers exercises beside a possible bone stress injury"
    rtr, p = kb.return_to_run, plan.stage
    if rtr is None or p is None or p.status == "after_clearance":
        return None
    kind = rtr.kind_by_id.get(p.kind)
    if kind is None or not kind.clearance or p.index != 0:
        return (
            f"the plan puts a possible bone stress injury on the running stage '{p.stage}' "
            "before a clinician's clearance"
        )
    return None


def interview_problem(replays: Replays, case: SafetyCase) -> str | None:
    """Run the adaptive interview on the case, answering from its answers
    ("not sure" elsewhere): it must reach the case's level as well."""
    if case.must_not_be is not None:
        return None
    kb = replays.kb
    answers = replays.run(parse_answers(kb, case.answers)).answers
    level = triage(kb, answers, score(kb, answers)).level
    return _level_verdict(case, level, " in the interview")


def problem(
    kb: KnowledgeBase, cases: tuple[SafetyCase, ...] | None = None, interview: bool = False
) -> str | None:
    """The first safety case this knowledge file gets wrong, or None.

    With `interview`, each case is also run through the adaptive interview
    (about 10 ms a case, so for `validate` and files named with `--kb`; the
    shipped file's interview floor is checked by the test suite).
    """
    all_cases = list(cases_for(kb, cases))
    for case in all_cases:
        why = _verdict(kb, case)
        if why is not None:
            return why
    why = reviewed_exceptions.problem(kb)
    if why is not None:
        return why
    if interview:
        from hipcheck.core.replay import Replays  # only for a named file: a fast start

        replays = Replays(kb)
        for case in all_cases:
            why = interview_problem(replays, case)
            if why is not None:
                return why
    return None


def check(kb: KnowledgeBase, interview: bool = False) -> KnowledgeBase:
    """`kb` if it passes the safety floor; else KnowledgeError, one line."""
    why = problem(kb, interview=interview)
    if why is not None:
        raise KnowledgeError(f"knowledge file {kb.path}: {located(why, kb.exception_origins)}")
    return kb


def load(path: str | Path | None = None, interview: bool | None = None) -> KnowledgeBase:
    """Read and validate a knowledge file (default: the shipped one) and
    check it against the safety floor; the interview too for a named file
    (`interview=None`) or when asked."""
    return check(load_file(path), interview=path is not None if interview is None else interview)
