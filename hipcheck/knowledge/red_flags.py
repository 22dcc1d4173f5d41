"""The red flags by construction: checks of the file's shape that make sure
no combination of other answers can keep a red-flag answer below emergency.

Triage takes the most serious level of every rule that fires, so nothing can
lower a level once a rule gives it. A red-flag answer is therefore safe in
every combination exactly when

- an emergency rule tests that answer and nothing else (a second test, even
  one that holds when its question is unanswered, such as `none = [...]` or
  `answered = false`, would switch the emergency off for some runners);
- the question is always asked, and asked first: on the safety screen, in
  the interview's `first` questions, with no `ask_if`.

A red-flag answer is "yes" to a yes/no question marked `red_flag = true`, or
a choice marked `red_flag = true` of a question marked `red_flag = true` (a
"tick all that apply" safety question, where some choices are emergencies).

Besides, an emergency rule may only test what was reported: a test that
holds when its question is unanswered has no place at that level.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hipcheck.knowledge.when import Match, WhenValue, required

if TYPE_CHECKING:
    from hipcheck.knowledge.answer_types import AnswerValue
    from hipcheck.knowledge.model import KnowledgeBase, Question
    from hipcheck.knowledge.rules import TriageRule

#: The screen every red-flag question must be on (asked first, as one step).
SAFETY_SCREEN = "safety"


def red_flag_answers(kb: KnowledgeBase) -> list[tuple[str, AnswerValue]]:
    """Every red-flag answer of the file as (question id, answer)."""
    out: list[tuple[str, AnswerValue]] = []
    for q in kb.questions:
        if not q.red_flag:
            continue
        if q.kind == "yes_no":
            out.append((q.id, True))
            continue
        for c in q.choices:
            if c.red_flag:
                out.append((q.id, (c.id,) if q.kind == "several" else c.id))
    return out


def _value(answer: AnswerValue) -> str | None:
    if isinstance(answer, tuple):
        return str(answer[0])
    return answer if isinstance(answer, str) else None


def only_tests(rule: TriageRule, qid: str, answer: AnswerValue) -> bool:
    """Whether `rule` is an emergency rule that fires on this answer alone,
    whatever else was answered (a single test, holding for every answer
    that includes it)."""
    if rule.level != "emergency" or set(rule.when) != {qid}:
        return False
    test: WhenValue = rule.when[qid]
    if isinstance(answer, bool):
        return test is True
    value = _value(answer)
    if isinstance(test, str):
        return test == value
    if isinstance(test, list):
        return value in test
    if isinstance(test, Match):
        others = (test.all, test.none, test.min, test.max, test.answered)
        return all(x is None for x in others) and value in (test.any or ())
    return False


def _placement(kb: KnowledgeBase, q: Question, where: str) -> list[str]:
    problems = []
    if q.screen != SAFETY_SCREEN:
        problems.append(
            f"{where}: a red-flag question must be on the '{SAFETY_SCREEN}' screen "
            "(asked first, of everyone)"
        )
    if q.ask_if:
        problems.append(f"{where}.ask_if: a red-flag question is asked of everyone; remove ask_if")
    if q.id not in kb.interview.first:
        problems.append(f"{where}: a red-flag question must be in interview.first (asked first)")
    if q.kind != "yes_no" and not any(c.red_flag for c in q.choices):
        problems.append(f"{where}: mark its emergency choices red_flag = true")
    return problems


def _describe(answer: AnswerValue) -> str:
    return "yes" if answer is True else str(_value(answer))


def red_flag_problems(kb: KnowledgeBase) -> list[str]:
    """What keeps a red-flag answer from being an emergency in every case."""
    problems: list[str] = []
    for i, q in enumerate(kb.questions):
        where = f"questions[{i}] ({q.id})"
        if q.red_flag:
            problems += _placement(kb, q, where)
        elif any(c.red_flag for c in q.choices):
            problems.append(f"{where}: a red_flag choice needs red_flag = true on its question")
    for qid, answer in red_flag_answers(kb):
        if not any(only_tests(r, qid, answer) for r in kb.triage_rules):
            problems.append(
                f"red flag {qid} = {_describe(answer)}: needs an emergency rule whose only "
                f"test is that answer (when = {{ {qid} = ... }}), so that no other answer "
                "can keep it from emergency"
            )
    for i, r in enumerate(kb.triage_rules):
        if r.level != "emergency":
            continue
        loose = sorted(set(r.when) - required(r.when))
        if loose:
            problems.append(
                f"triage_rules[{i}] ({r.id}).when.{loose[0]}: an emergency rule may only test "
                "what was reported, not a test that holds when unanswered (none, answered = false)"
            )
    return problems
