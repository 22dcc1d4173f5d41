"""`ask_if` as a list of `when` tables: asked when any of them holds.

Stop 31 noticed: how long the stiffness lasts (`stiffness_minutes`) was
asked only of runners who said it hurts in the morning, never of one who
ticked stiffness among their symptoms; an hour's stiffness at 53 then never
reached the routine rule for it (long_stiffness, NICE NG226; EULAR/ACR
polymyalgia criteria). A table could say only "and"; a list says "or".
"""

from __future__ import annotations

import copy
from typing import Any

from hipcheck.core.asking import applicable
from hipcheck.core.questionnaire import collect
from hipcheck.knowledge import KnowledgeBase
from hipcheck.knowledge.loader import KnowledgeError, from_dict
from hipcheck.render.catalog import questions_dict

from .test_questionnaire import Scripted


def _q(kb: KnowledgeBase, qid: str) -> Any:
    return kb.question_by_id[qid]


def test_stiffness_minutes_is_asked_after_stiffness_or_morning_pain(kb: KnowledgeBase) -> None:
    q = _q(kb, "stiffness_minutes")
    assert applicable(q, {"symptoms": ("stiffness",)})
    assert applicable(q, {"timing": ("morning",)})
    assert applicable(q, {"timing": ("morning",), "symptoms": ("clicking",)})
    assert not applicable(q, {"timing": ("during_run",), "symptoms": ("clicking",)})
    assert not applicable(q, {})


def test_the_questionnaire_asks_it_after_the_symptom(kb: KnowledgeBase) -> None:
    """A 53-year-old with stiffness, no morning timing: asked, and an hour
    of it reaches the routine rule."""
    answers = {
        "location": ("groin",),
        "timing": ("walking",),
        "symptoms": ("stiffness",),
        "stiffness_minutes": "30_to_60",
        "age": 53,
        "sex": "female",
    }
    p = Scripted(answers)
    collect(kb, {}, p, full=True)
    assert "stiffness_minutes" in p.asked


def _raw_with(raw: dict[str, Any], ask_if: Any) -> dict[str, Any]:
    out = copy.deepcopy(raw)
    for q in out["questions"]:
        if q["id"] == "stiffness_minutes":
            q["ask_if"] = ask_if
    return out


def _problems(raw: dict[str, Any]) -> str:
    try:
        from_dict(raw, "broken.toml")
    except KnowledgeError as err:
        return str(err)
    return ""


def test_each_table_of_the_list_is_checked(raw: dict[str, Any]) -> None:
    later = _problems(_raw_with(raw, [{"timing": ["morning"]}, {"history": ["steroid_use"]}]))
    assert "ask_if[1].history" in later and "asked earlier" in later, later
    always = _problems(_raw_with(raw, [{"timing": ["morning"]}, {"symptoms": {"none": []}}]))
    assert "ask_if[1].symptoms" in always and "matches every answer" in always, always
    assert _problems(_raw_with(raw, [{"timing": ["morning"]}, {"symptoms": ["stiffness"]}])) == ""


def test_the_catalog_shows_the_list(kb: KnowledgeBase) -> None:
    item = next(q for q in questions_dict(kb)["questions"] if q["id"] == "stiffness_minutes")
    assert item["ask_if"] == [{"timing": ["morning"]}, {"symptoms": ["stiffness"]}]
    one = next(q for q in questions_dict(kb)["questions"] if q["id"] == "rest_helps")
    assert isinstance(one["ask_if"], dict)
