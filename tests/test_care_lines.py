"""A self-care line may be for some runners only (`{ text, when }`): a
boy's page with a possible stress fracture read "lighter or missed periods
are a warning sign of under-fuelling". The periods line now shows for
anyone who has not answered "male" (an unknown sex sees it); `explain`
lists every line."""

from __future__ import annotations

from typing import Any

import pytest

from hipcheck import knowledge
from hipcheck.errors import KnowledgeError
from hipcheck.knowledge import KnowledgeBase
from tests.helpers import assessed, run

#: A possible femoral stress fracture: the bone plan, its self-care shown.
BONE = {
    "age": 15,
    "location": ["outer_thigh"],
    "timing": ["during_run"],
    "limp": False,
    "onset": "gradual",
    "duration": "1_to_6_weeks",
    "training": ["mileage_jump"],
}


def _care(kb: KnowledgeBase, **extra: Any) -> str:
    a = assessed(kb, {**BONE, **extra})
    assert a.plan.stop_for_bone
    return " ".join(step for c in a.plan.care for step in c.steps)


def test_a_male_runners_page_does_not_mention_periods(kb: KnowledgeBase) -> None:
    care = _care(kb, sex="male")
    assert "Eat enough for your training" in care
    assert "periods" not in care


@pytest.mark.parametrize("sex", ["female", "other", None])
def test_anyone_else_is_told_about_periods(kb: KnowledgeBase, sex: str | None) -> None:
    care = _care(kb, **({"sex": sex} if sex else {}))
    # At 15, periods alone (breastfeeding from 18: stop 41's review).
    assert "Lighter or missed periods lower bone strength" in care
    assert "breastfeeding" not in care


def test_every_format_leaves_it_out_for_a_man() -> None:
    flags = ["--sex", "male", "--age", "15", "--location", "outer_thigh", "--timing",
             "during_run", "--no-limp", "--onset", "gradual", "--duration", "1_to_6_weeks",
             "--training", "mileage_jump"]  # fmt: skip
    for fmt in ("text", "markdown", "json", "html"):
        r = run("check", *flags, "--format", fmt)
        assert r.exit == 0 and "Eat enough" in r.out, fmt
        assert "periods" not in r.out.replace("missed periods)", ""), fmt


def test_explain_lists_every_line() -> None:
    r = run("explain", "femoral_stress_fracture")
    assert r.exit == 0
    assert "Lighter or missed periods" in r.out and "Eat enough" in r.out


def test_a_care_line_naming_no_question_is_refused(raw: dict[str, Any]) -> None:
    cond = next(c for c in raw["conditions"] if c["id"] == "femoral_stress_fracture")
    cond["self_care"].append({"text": "Rest.", "when": {"gender": ["male"]}})
    with pytest.raises(KnowledgeError, match=r"self_care\[\d+\]\.when\.gender"):
        knowledge.from_dict(raw, "edited.toml")


@pytest.mark.parametrize(("age", "shown"), [(25, True), (55, True), (63, False), (None, True)])
def test_the_periods_line_is_for_an_age_with_periods(
    kb: KnowledgeBase, age: int | None, shown: bool
) -> None:
    """A 63-year-old read it (a review); an age not given still sees it."""
    answers: dict[str, Any] = {**BONE, "sex": "female", "age": age}
    if age is None:
        del answers["age"]
    a = assessed(kb, answers)
    care = [s for c in a.plan.care for s in c.steps]
    assert len([s for s in care if "periods" in s]) == (1 if shown else 0), (age, care)
