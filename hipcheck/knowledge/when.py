"""Evaluate a knowledge-file `when` table against answers.

Used by triage rules and by `ask_if` in the questionnaire. Keys are question
ids and all of them must hold. Unanswered is not "no": a test on an
unanswered question is false, except `none` and `answered = false`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from hipcheck.kept import Kept
from hipcheck.knowledge.match import Match as Match
from hipcheck.knowledge.match import When as When
from hipcheck.knowledge.match import WhenValue as WhenValue

if TYPE_CHECKING:
    from hipcheck.knowledge.answer_types import AnswerValue


def _selected(answer: AnswerValue) -> set[str]:
    if isinstance(answer, tuple):
        return set(answer)
    if isinstance(answer, str):
        return {answer}
    if isinstance(answer, bool):
        return {"yes" if answer else "no"}
    return set()


def _needs(m: Match) -> bool:
    """Whether a value test (`any`, `all`, `min`, `max`) asks for an answer."""
    return m.any is not None or m.all is not None or m.min is not None or m.max is not None


def _holds_match(m: Match, answer: AnswerValue | None) -> bool:
    answered = answer is not None
    if m.answered is not None and answered != m.answered:
        return False
    if m.none is not None and answered and _selected(answer) & set(m.none):  # type: ignore[arg-type]
        return False
    if _needs(m) and not answered:
        return False
    selected = _selected(answer) if answered else set()  # type: ignore[arg-type]
    if m.any is not None and not selected & set(m.any):
        return False
    if m.all is not None and not set(m.all) <= selected:
        return False
    if m.min is not None or m.max is not None:
        if isinstance(answer, bool) or not isinstance(answer, int | float):
            return False
        if m.min is not None and answer < m.min:
            return False
        if m.max is not None and answer > m.max:
            return False
    return True


def matches(when: When, answers: Mapping[str, AnswerValue]) -> bool:
    """Whether every test of `when` holds (compiled once per `when` table)."""
    return _compiled(when)(answers)


#: A `when` table, or a list of them of which any may hold ("or": pain in
#: the morning, or stiffness ticked).
AnyWhen = When | tuple[When, ...]


def tables(when: AnyWhen) -> tuple[When, ...]:
    """The tables of `when` (one, or the list's)."""
    return when if isinstance(when, tuple) else (when,)


def matches_any(when: AnyWhen, answers: Mapping[str, AnswerValue]) -> bool:
    """Whether any table of `when` holds."""
    return any(matches(t, answers) for t in tables(when))


Predicate = Callable[[Mapping[str, "AnswerValue"]], bool]


def _compile_test(qid: str, test: WhenValue) -> Predicate:
    if isinstance(test, bool):
        return lambda answers: answers.get(qid) is test
    if isinstance(test, str | list):
        wanted = frozenset([test] if isinstance(test, str) else test)

        def any_of(answers: Mapping[str, AnswerValue]) -> bool:
            answer = answers.get(qid)
            if isinstance(answer, tuple):
                return not wanted.isdisjoint(answer)
            return isinstance(answer, str) and answer in wanted

        return any_of
    return _compile_match(qid, test)


def _compile_match(qid: str, m: Match) -> Predicate:
    """`_holds_match` for one question, with its sets built once."""
    any_ = None if m.any is None else frozenset(m.any)
    all_ = None if m.all is None else frozenset(m.all)
    none = None if m.none is None else frozenset(m.none)
    lo, hi, want = m.min, m.max, m.answered
    needs = _needs(m)
    by_value = any_ is not None or all_ is not None or none is not None
    bounded = lo is not None or hi is not None

    def test(answers: Mapping[str, AnswerValue]) -> bool:
        answer = answers.get(qid)
        if answer is None:
            return want is not True and not needs
        if want is False:
            return False
        if by_value:
            selected = answer if isinstance(answer, tuple) else _selected(answer)
            if none is not None and not none.isdisjoint(selected):
                return False
            if any_ is not None and any_.isdisjoint(selected):
                return False
            if all_ is not None and not all_.issubset(selected):
                return False
        if bounded:
            if isinstance(answer, bool) or not isinstance(answer, int | float):
                return False
            if lo is not None and answer < lo:
                return False
            if hi is not None and answer > hi:
                return False
        return True

    return test


def holds_unanswered(test: object) -> bool:
    """Whether a test also holds when its question is unanswered: `none` or
    `answered = false` alone. With `any`, `all`, `min`, `max` or
    `answered = true` beside it, `none` reads an answer given ("the outer
    knee and nowhere else")."""
    if not isinstance(test, Match) or test.answered is True or _needs(test):
        return False
    return test.none is not None or test.answered is False


def required(when: When) -> frozenset[str]:
    """The questions that must be answered for `when` to hold (all but the
    tests that also hold when unanswered)."""
    return frozenset(qid for qid, test in when.items() if not holds_unanswered(test))


def compile_when(when: When) -> Predicate:
    """The `when` table as one predicate over the answers, built once."""
    tests = tuple(_compile_test(qid, test) for qid, test in when.items())
    if len(tests) == 1:
        return tests[0]
    if len(tests) == 2:
        first, second = tests
        return lambda answers: first(answers) and second(answers)

    def every(answers: Mapping[str, AnswerValue]) -> bool:
        for t in tests:  # noqa: SIM110 - a loop is faster than all() over a generator
            if not t(answers):
                return False
        return True

    return every


#: Each `when` table of the knowledge file, compiled once (the tables live
#: as long as the process).
_compiled: Kept[When, Predicate] = Kept(compile_when, 4096)


def named(test: WhenValue) -> frozenset[str]:
    """The values a test names (a "several" answer rests on those ticked of
    them; on all ticked when it names none, as for `none` or a number)."""
    if isinstance(test, str):
        return frozenset([test])
    if isinstance(test, list | tuple):
        return frozenset(test)
    if isinstance(test, Match):
        return frozenset((*(test.any or ()), *(test.all or ())))
    return frozenset()


def rests_within(inner: When, outer: When) -> bool:
    """Whether, on any answers both hold on, every answer `inner` rests on
    (the answers its reason names) is one `outer` rests on too: `outer`
    tests each question `inner` reads an answer of, naming every value
    `inner` names (or naming none: then it rests on all given)."""
    for qid, test in inner.items():
        if isinstance(test, Match) and test.answered is False:
            continue  # holds only unanswered: it rests on no answer
        theirs = outer.get(qid)
        if theirs is None:
            return False
        mine, wide = named(test), named(theirs)
        if wide and not (mine and mine <= wide):
            return False
    return True
