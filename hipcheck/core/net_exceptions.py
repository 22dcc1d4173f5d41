"""The conditions whose score nets are all excepted for some answers
(`condition_rules` `unless`): the triage does not act on their share, nor
does the plan (its bone stop, its care), and a ranking led by one fits
poorly. An exception says the answers point to a cause the file does not
list (pelvic girdle pain in pregnancy), whose share went to the condition.
"""

from __future__ import annotations

from collections.abc import Mapping

from hipcheck.knowledge import KnowledgeBase
from hipcheck.knowledge.answer_types import AnswerValue

_NONE: frozenset[str] = frozenset()


def nets_excepted(kb: KnowledgeBase, answers: Mapping[str, AnswerValue]) -> frozenset[str]:
    """The conditions with score nets every one of which has an exception
    holding for these answers."""
    answered = answers.keys()
    if not kb.net_exceptions_need <= answered:  # most answer sets: none can hold
        return _NONE
    return frozenset(
        cid
        for cid, nets in kb.net_exceptions_by_condition
        if all(any(needed <= answered and h(answers) for needed, h in net) for net in nets)
    )
