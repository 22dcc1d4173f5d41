"""The conditions whose score nets are all excepted for some answers
(`condition_rules` `unless`): the triage does not act on their share, nor
does the plan (its bone stop, its care), and a ranking led by one fits
poorly. An exception says the answers point to a cause the file does not
list (pelvic girdle pain in pregnancy), whose share went to the condition.
"""

from __future__ import annotations

from collections.abc import Mapping, Set

from hipcheck.knowledge import KnowledgeBase
from hipcheck.knowledge.answer_types import AnswerValue
from hipcheck.knowledge.model import NetExceptions

_NONE: frozenset[str] = frozenset()


def holds(unless: NetExceptions, answers: Mapping[str, AnswerValue], answered: Set[str]) -> bool:
    """Whether one of a net's exceptions holds (each tested only once the
    questions it needs are answered)."""
    return any(needed <= answered and test(answers) for needed, test in unless)


def nets_excepted(kb: KnowledgeBase, answers: Mapping[str, AnswerValue]) -> frozenset[str]:
    """The conditions with score nets every one of which has an exception
    holding for these answers."""
    answered = answers.keys()
    if not kb.net_exceptions_need <= answered:  # most answer sets: none can hold
        return _NONE
    return frozenset(
        cid
        for cid, nets in kb.net_exceptions_by_condition
        if all(holds(net, answers, answered) for net in nets)
    )
