"""Questions left unanswered that could still raise the triage level.

A triage rule above the level reached waits on one unanswered question
when every test it makes of the answers given holds and its only test that
needs an answer is on that question. The page names such questions (the
reliability review's finding 15: with the age skipped, the fall-at-60 and
child routes were dropped without a word). The safety screen's questions
are left out: the page lists those already. Condition nets (a cause's
share) are not counted: they move with every answer.
"""

from __future__ import annotations

from collections.abc import Mapping

from hipcheck.core.asking import applicable
from hipcheck.core.rule_tables import rule_tables
from hipcheck.knowledge import LEVELS, KnowledgeBase, Level
from hipcheck.knowledge.answer_types import AnswerValue


def open_routes(
    kb: KnowledgeBase, answers: Mapping[str, AnswerValue], level: Level
) -> tuple[tuple[str, Level], ...]:
    """(question id, the highest level a rule waiting on it alone gives)
    for the unanswered questions that could take the triage above `level`,
    the most consequential first: the highest level, then the most rules
    waiting on it, then the knowledge file's question order."""
    screen = set(kb.interview.first)
    # unanswered and asked of this runner (ask_if: "rest helps" only after a week)
    unanswered = {q.id for q in kb.questions if q.id not in answers and applicable(q, answers)}
    reached = LEVELS.index(level)
    best: dict[str, int] = {}
    waiting_on: dict[str, int] = {}
    for rule in rule_tables(kb):
        found = rule.waiting(answers, unanswered) if rule.level > reached else None
        needs = set(found[0]) if found is not None else set()
        if len(needs) != 1 or needs & screen:
            continue
        (qid,) = needs
        gives, _ = rule.excepted(answers, needs)  # an exception holding already lowers it
        if gives > reached:
            best[qid] = max(best.get(qid, -1), gives)
            waiting_on[qid] = waiting_on.get(qid, 0) + 1
    order = {q.id: i for i, q in enumerate(kb.questions)}
    ranked = sorted(best, key=lambda q: (-best[q], -waiting_on[q], order[q]))
    return tuple((q, LEVELS[best[q]]) for q in ranked)
