"""The triage rules as the interview and the page read them: each test on
its own, with whether it needs an answer to hold and the single values that
make it hold. Built once per knowledge file, without the interview's
arithmetic (a `check` page reads them to name the unanswered questions that
could raise its level: core/open_routes.py).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from hipcheck.kept import Kept
from hipcheck.knowledge import LEVELS, KnowledgeBase
from hipcheck.knowledge.answer_types import AnswerValue
from hipcheck.knowledge.when import Predicate, When, compile_when, holds_unanswered

#: A `when` table as the interview reads it: each test on its own, as (question,
#: needs an answer to hold, the test alone, the values that alone make it
#: hold: indices into the question's table).
Tests = tuple[tuple[str, bool, Predicate, tuple[int, ...]], ...]


@dataclass(frozen=True, slots=True)
class RuleTable:
    level: int
    tests: Tests
    #: The rule's exceptions (`unless`), each as its tests, and the level
    #: (rank) it is lowered to when one holds (-1: it gives nothing).
    exceptions: tuple[Tests, ...] = ()
    lowered: int = -1

    def waiting(
        self, answers: Mapping[str, AnswerValue], open_set: Collection[str]
    ) -> tuple[list[str], list[str]] | None:
        """For a rule whose tests on the questions not open all hold: the
        open questions its tests need answered, and those it tests as
        unanswered (which an answer could end); None when a test on a
        question not open fails."""
        needs: list[str] = []
        fragile: list[str] = []
        for qid, needs_answer, holds, _ in self.tests:
            if qid in open_set:
                (needs if needs_answer else fragile).append(qid)
            elif not holds(answers):
                return None
        return needs, fragile

    def excepted(
        self, answers: Mapping[str, AnswerValue], open_set: Collection[str]
    ) -> tuple[int, list[str]]:
        """For a rule that holds: its level now (lowered when one of its
        exceptions holds already) and the open questions an answer to which
        could make an exception hold (every other test of it holds)."""
        held, could = excepted(self.exceptions, answers, open_set)
        return (self.lowered, []) if held else (self.level, could)


def excepted(
    exceptions: tuple[Tests, ...], answers: Mapping[str, AnswerValue], open_set: Collection[str]
) -> tuple[bool, list[str]]:
    """Whether one of these exceptions holds already (every question it
    tests answered or closed), else the open questions an answer to which
    could make one hold (every other test of it holds)."""
    could: list[str] = []
    for tests in exceptions:
        waiting = [qid for qid, _, _, _ in tests if qid in open_set]
        if all(holds(answers) for qid, _, holds, _ in tests if qid not in open_set):
            if not waiting:
                return True, []
            could += waiting
    return False, could


def exception_tables(kb: KnowledgeBase, unless: tuple[When, ...]) -> tuple[Tests, ...]:
    """Exceptions as the interview reads them (`RuleTable.exceptions`)."""
    return tuple(tuple(_test(kb, qid, test) for qid, test in w.items()) for w in unless)


def rule_tables(kb: KnowledgeBase) -> tuple[RuleTable, ...]:
    """The triage rules of this knowledge file, in file order (built on
    first use, then kept)."""
    return _rules(kb)


def _build(kb: KnowledgeBase) -> tuple[RuleTable, ...]:
    return tuple(
        RuleTable(
            LEVELS.index(r.level),
            tuple(_test(kb, qid, test) for qid, test in r.when.items()),
            exception_tables(kb, r.unless),
            LEVELS.index(r.lowered.level) if r.lowered is not None else -1,
        )
        for r in kb.triage_rules
    )


def _test(
    kb: KnowledgeBase, qid: str, test: object
) -> tuple[str, bool, Predicate, tuple[int, ...]]:
    holds = compile_when({qid: test})  # type: ignore[dict-item]
    q = kb.question_by_id[qid]
    singles: list[AnswerValue] = []
    if q.kind == "yes_no":
        singles = [c.id == "yes" for c in q.choices]
    elif q.kind == "number":
        singles = [(b.min + b.max) / 2 for b in q.bands]
    elif q.kind == "one":
        singles = [c.id for c in q.choices]
    else:
        singles = [(c.id,) for c in q.choices]
    holding = tuple(i for i, v in enumerate(singles) if holds({qid: v}))
    return qid, not holds_unanswered(test), holds, holding


_rules: Kept[KnowledgeBase, tuple[RuleTable, ...]] = Kept(_build, 4)
