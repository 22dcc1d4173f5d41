"""`[exception_sets]`: exceptions several triage rules share, written once
and added to each rule's `unless` when the file is read
(hipcheck/knowledge/exception_sets.py). The four groin routes of stop 29
wrote the same eleven exceptions out by hand."""

from __future__ import annotations

from typing import Any

import pytest

from hipcheck.errors import KnowledgeError
from hipcheck.knowledge import KnowledgeBase, from_dict

GROIN_ROUTES = (
    "groin_course_unknown",
    "groin_course_unknown_older",
    "groin_running_weeks",
    "bone_stress_progressing_trend_unknown",
    "bone_stress_progressing_duration_unknown",  # 2026.12.81
)


def test_every_groin_route_holds_the_whole_shared_set(
    kb: KnowledgeBase, kb_raw: dict[str, Any]
) -> None:
    sets = kb_raw["exception_sets"]
    rules = {r.id: r for r in kb.triage_rules}
    for rid in GROIN_ROUTES:
        raw_rule = next(r for r in kb_raw["triage_rules"] if r["id"] == rid)
        assert "groin_elsewhere" in raw_rule["unless_sets"]
        shared = sum(len(sets[name]) for name in raw_rule["unless_sets"])
        assert len(rules[rid].unless) == len(raw_rule.get("unless", [])) + shared


def test_an_edit_to_the_set_reaches_every_route(raw: dict[str, Any]) -> None:
    before = from_dict(raw)
    raw["exception_sets"]["groin_elsewhere"].append({"triggers": ["kicking"]})
    after = {r.id: r for r in from_dict(raw).triage_rules}
    for rule in before.triage_rules:
        grew = len(after[rule.id].unless) - len(rule.unless)
        assert grew == (1 if rule.id in GROIN_ROUTES else 0), rule.id


def test_a_set_name_not_in_the_file_is_refused(raw: dict[str, Any]) -> None:
    rule = next(r for r in raw["triage_rules"] if r["id"] == "groin_running_weeks")
    rule["unless_sets"] = ["groin_elsewere"]
    with pytest.raises(
        KnowledgeError, match=r"groin_running_weeks\)\.unless_sets: 'groin_elsewere'"
    ):
        from_dict(raw, "edited.toml")


def test_a_set_that_is_not_a_list_of_tables_is_refused(raw: dict[str, Any]) -> None:
    raw["exception_sets"]["groin_elsewhere"] = "squeezing_knees"
    with pytest.raises(KnowledgeError, match="exception_sets: each set is a list"):
        from_dict(raw, "edited.toml")


def test_a_shared_exception_is_checked_like_a_written_one(raw: dict[str, Any]) -> None:
    """A set's exception is validated as the rule's own: `none` alone, an
    answer not given, is refused."""
    raw["exception_sets"]["groin_elsewhere"].append({"limp": {"none": ["yes"]}})
    with pytest.raises(KnowledgeError, match="unless"):
        from_dict(raw, "edited.toml")
