"""A clinician's review (stop 39): a newly swollen calf or thigh (the safety
screen's "leg swelling") read "URGENT - Stop running and see a doctor within
a day or two" in the heading and "What to do now", and "See a doctor
today ... for a scan of the leg veins" below it. A suspected clot is scanned
the same day (NICE NG158): a route whose advice says "today" gives the page
its heading, so the runner never reads two deadlines."""

from __future__ import annotations

import re
from typing import Any

import pytest

from hipcheck.core.triage import level_title
from hipcheck.knowledge import KnowledgeBase

from .helpers import assessed


@pytest.mark.parametrize(
    "answers",
    [
        {"elsewhere": ["leg_swelling"], "location": ["back_of_thigh"]},
        {"elsewhere": ["leg_swelling"], "history": ["pregnant_now"], "age": 30, "sex": "female",
         "location": ["back_of_thigh"]},
    ],
)  # fmt: skip
def test_a_swollen_leg_is_today_in_the_heading_too(
    kb: KnowledgeBase, answers: dict[str, Any]
) -> None:
    a = assessed(kb, answers)
    assert a.triage.level == "urgent"
    title = level_title(a.triage, kb.levels["urgent"].title)
    assert "today" in title and "a day or two" not in title, title


def test_every_route_whose_advice_says_today_has_a_title_saying_it(kb: KnowledgeBase) -> None:
    """The same for every urgent route whose advice opens with "today": it and the level's
    "within a day or two" heading never stand together."""
    for rule in kb.triage_rules:
        first = re.split(r"[,:.;]", rule.advice)[0] if rule.advice else ""
        if rule.level == "urgent" and "today" in first:
            assert rule.title and "today" in rule.title, rule.id
