"""A runner's review (stop 39): a man's urgent bone page (and a teenage
boy's) read "(and, for women, about lighter or missed periods or
breastfeeding)". The level's until-seen lines take a `when`, as a
condition's care lines do: the periods line is for anyone who has not
answered "male"; fuelling is for everyone."""

from __future__ import annotations

from hipcheck.knowledge import KnowledgeBase

from .helpers import assessed

BONE = {"location": ["groin"], "training": ["mileage_jump"], "timing": ["during_run", "walking"],
        "age": 24}  # fmt: skip


def _steps(kb: KnowledgeBase, **more: object) -> str:
    a = assessed(kb, {**BONE, **more})
    assert a.triage.level == "urgent"
    return " ".join(a.plan.until_seen)


def test_a_mans_bone_page_has_no_periods_line(kb: KnowledgeBase) -> None:
    steps = _steps(kb, sex="male")
    assert "periods" not in steps and "eat less than your training needs" in steps, steps


def test_a_womans_and_an_unknown_sexs_bone_page_keep_it(kb: KnowledgeBase) -> None:
    for steps in (_steps(kb, sex="female"), _steps(kb)):
        assert "missed periods" in steps and "eat less than your training needs" in steps, steps
