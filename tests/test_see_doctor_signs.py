"""A see-a-doctor line that waits for several signs says them in one line
(`signs`), each left out once the runner reports it. Read on a routine page
for groin pain on runs (noticed in stop 29): four lines in a row, "within a
day or two if it hurts when walking / at rest / at night / it makes you
limp", read as four appointments."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest

from hipcheck.errors import KnowledgeError
from hipcheck.knowledge import KnowledgeBase, from_dict
from tests.helpers import assessed, refuses_edit

GROIN = {"age": 35, "sex": "male", "location": ["groin"], "timing": ["during_run"],
         "duration": "1_to_6_weeks", "trend": "same", "severity": 4}  # fmt: skip


def _waits(kb: KnowledgeBase, answers: dict[str, Any]) -> list[str]:
    a = assessed(kb, answers)
    assert a.plan.stop_for_bone, a.triage.level
    return [line for line in a.plan.see_a_doctor if line.startswith("Within a day or two if")]


def test_the_signs_are_one_line(kb: KnowledgeBase) -> None:
    assert _waits(kb, GROIN) == [
        "Within a day or two if it hurts when walking, it hurts at rest, it hurts at night "
        "or it makes you limp."
    ]


def test_a_sign_reported_is_left_out_and_the_rest_stay(kb: KnowledgeBase) -> None:
    night = {**GROIN, "timing": ["during_run", "at_night"], "age": 63, "sex": "female",
             "limp": False, "injury": False}  # fmt: skip
    assert _waits(kb, night) == [
        "Within a day or two if it hurts when walking, it hurts at rest or it makes you limp."
    ]


def test_no_line_once_every_sign_is_reported(kb: KnowledgeBase) -> None:
    answers = {**GROIN, "timing": ["during_run", "walking", "at_rest", "at_night"], "limp": True}
    a = assessed(kb, answers)
    assert not any("Within a day or two if" in line for line in a.plan.see_a_doctor)


def _line(raw: dict[str, Any]) -> dict[str, Any]:
    c = next(c for c in raw["conditions"] if c["id"] == "femoral_stress_fracture")
    return next(x for x in c["see_doctor"] if isinstance(x, dict) and "signs" in x)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"text": "Within a day or two."}, "say the signs with {signs}"),
        ({"text": "Within a day or two if {sign}."}, "unknown field {sign}"),
        ({"signs": [{"text": "it hurts", "when": {"timing": {"none": ["walking"]}}}]},
         "must test an answer given"),
        ({"signs": [{"text": "it hurts", "when": {"limp": {"answered": False}}}]},
         "must test an answer given"),
        ({"signs": [{"text": "it hurts", "when": {"limpp": True}}]}, "names no question"),
    ],
)  # fmt: skip
def test_a_line_with_signs_is_checked(
    raw: dict[str, Any], change: dict[str, Any], message: str
) -> None:
    refuses_edit(raw, _line, change, message)


def test_a_line_without_signs_names_no_field(raw: dict[str, Any]) -> None:
    bad = copy.deepcopy(raw)
    line = _line(bad)
    del line["signs"]
    with pytest.raises(KnowledgeError, match=re.escape("unknown field {signs}")):
        from_dict(bad)
