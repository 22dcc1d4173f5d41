"""Hypothesis strategies generated from the knowledge file."""

from __future__ import annotations

import random
import tomllib
from typing import Any

from hypothesis import strategies as st

from hipcheck.knowledge import KnowledgeBase, Question, from_dict, load
from hipcheck.knowledge.saying import Saying

from . import answer_sets
from .conftest import KB_PATH

KB: KnowledgeBase = load(KB_PATH)


class _SaysEverything(Saying):
    """No reason rests within another's: every one that fired is shown."""

    def within(self, rule_id: str) -> frozenset[str]:
        return frozenset()


def _without_covered_by() -> KnowledgeBase:
    """The shipped file with every `covered_by` taken out, and no reason
    left out for resting within another's: the same rules fire at the same
    levels, and every reason that fired is shown."""
    raw = tomllib.loads(KB_PATH.read_text("utf-8"))
    for rule in raw["triage_rules"]:
        rule.pop("covered_by", None)
    kb = from_dict(raw)
    kb.__dict__["saying"] = _SaysEverything(kb.triage_rules)  # the cached property's slot
    return kb


#: `KB` without `covered_by` or `within` (tests of what fires, not of what
#: is shown).
UNCOVERED: KnowledgeBase = _without_covered_by()


def value_of(q: Question) -> st.SearchStrategy[Any]:
    if q.kind == "yes_no":
        return st.booleans()
    if q.kind == "one":
        return st.sampled_from(q.values)
    if q.kind == "several":
        return st.lists(st.sampled_from(q.values), unique=True).map(tuple)
    assert q.min is not None and q.max is not None
    return st.one_of(
        st.integers(int(q.min), int(q.max)),
        st.floats(q.min, q.max, allow_nan=False, allow_infinity=False),
    )


@st.composite
def answers(draw: st.DrawFn, kb: KnowledgeBase = KB) -> dict[str, Any]:
    """Any valid set of answers: any subset of questions, any allowed values."""
    chosen = draw(st.lists(st.sampled_from([q.id for q in kb.questions]), unique=True))
    return {qid: draw(value_of(kb.question_by_id[qid])) for qid in chosen}


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats()
    | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5)
    ),
    max_leaves=20,
)


def random_answers(rnd: random.Random) -> dict[str, Any]:
    """`answer_sets.random_answers` on the shipped knowledge file."""
    return answer_sets.random_answers(KB, rnd)
