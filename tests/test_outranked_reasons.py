"""A routine reason on a page a more urgent reason has raised does not name
its own, slower time to be seen. Before: a runner with groin and sit-bone
pain on runs (published, E019) read "URGENT - see a doctor within a day or
two" above "stop running and have it examined within a week"; twenty such
pages among the case files. The knowledge file marks the words a more
urgent page leaves out in square brackets (knowledge/reason_text.py), and
`validate` refuses a routine reason that would still name a slower time."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given

from hipcheck.core.assessment import assess
from hipcheck.core.triage import reason_texts
from hipcheck.knowledge import KnowledgeBase
from hipcheck.knowledge.reason_text import SLOWER, markup_problem, outranked, own
from hipcheck.render.json_render import to_dict
from tests.helpers import assessed, refuses_edit
from tests.strategies import KB, answers

E019 = {"sex": "female", "location": ["groin", "sit_bone"], "triggers": ["single_leg"],
        "timing": ["during_run"]}  # fmt: skip
#: The same groin on its own: routine, its reason names its own time.
GROIN = {"sex": "female", "location": ["groin"], "timing": ["during_run"], "age": 30,
         "trend": "same"}  # fmt: skip


def test_an_urgent_page_does_not_say_within_a_week(kb: KnowledgeBase) -> None:
    a = assessed(kb, E019)
    assert a.triage.level == "urgent"
    rules = [r.rule for r in a.triage.reasons]
    assert "groin_course_unknown" in rules  # still said: a stress fracture is possible
    texts = reason_texts(a.triage)
    assert not [t for t in texts if SLOWER.search(t)], texts
    groin = next(r for r in a.triage.reasons if r.rule == "groin_course_unknown")
    assert groin.text.endswith("stop running and have it examined.")
    assert to_dict(a, kb)["triage"]["reasons"] == list(texts)  # JSON says the same


def test_a_routine_page_keeps_its_own_time(kb: KnowledgeBase) -> None:
    a = assessed(kb, GROIN)
    assert a.triage.level == "routine"
    groin = next(r for r in a.triage.reasons if r.rule == "groin_course_unknown")
    assert groin.text.endswith("stop running and have it examined within a week.")
    assert "[" not in groin.text and "]" not in groin.text


@given(answers())
def test_no_page_above_routine_names_a_slower_time(given_answers: dict[str, Any]) -> None:
    t = assess(KB, given_answers).triage  # answers already canonical
    for text in reason_texts(t):
        assert "[" not in text and "]" not in text, text
        if t.level in ("urgent", "emergency"):
            assert not SLOWER.search(text), (t.level, text)


def test_the_markup() -> None:
    marked = "Stop running and have it examined[ within a week; sooner if it hurts]."
    assert own(marked) == "Stop running and have it examined within a week; sooner if it hurts."
    assert outranked(marked) == "Stop running and have it examined."
    assert outranked("Have it examined.") == ""  # reads the same
    assert markup_problem("a [b [c] d]") and markup_problem("a ]b[") and markup_problem("a [b")
    assert not markup_problem(marked)


def _groin(raw: dict[str, Any]) -> dict[str, Any]:
    return next(r for r in raw["triage_rules"] if r["id"] == "groin_course_unknown")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"reason": "Groin pain can be a stress fracture: have it examined within a week."},
            "'within a week' would contradict a more urgent page",
        ),
        ({"reason": "Groin pain[ within a week: have it examined."}, "square brackets must pair"),
    ],
)
def test_validate_refuses_a_slower_time_left_unmarked(
    raw: dict[str, Any], change: dict[str, Any], message: str
) -> None:
    refuses_edit(raw, _groin, change, message)


def test_a_lowered_reason_is_checked_too(raw: dict[str, Any]) -> None:
    def injury_lowered(bad: dict[str, Any]) -> dict[str, Any]:
        rule = next(r for r in bad["triage_rules"] if r["id"] == "injury")
        return rule["lowered"]  # type: ignore[no-any-return]

    text = copy.deepcopy(injury_lowered(raw))["reason"].replace("[", "").replace("]", "")
    refuses_edit(raw, injury_lowered, {"reason": text}, "would contradict a more urgent page")
