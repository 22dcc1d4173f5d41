"""A page's heading says who to see as its advice does. A teenager's page
had "Book an appointment with a doctor or physiotherapist" above "See a
doctor (not only a physiotherapist)", and a pregnant runner's "a doctor or
physiotherapist" above "your midwife, doctor or a pelvic health
physiotherapist": two answers on one page. A rule (or its lowered level)
may carry its own `title`, as it carries its own `advice`; every format
shows the one heading the core chose (`triage.level_title`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hipcheck import knowledge
from hipcheck.core.triage import level_advice, level_title
from hipcheck.errors import KnowledgeError
from hipcheck.knowledge import KnowledgeBase
from tests.helpers import assessed, run

CASES = Path(__file__).parent / "cases"

#: At 15, an ache built up on runs, no limp: the persistent rule lowered to routine.
TEEN = [
    "--age", "15", "--sex", "male", "--location", "outer_thigh", "--timing", "during_run",
    "--no-limp", "--onset", "gradual", "--duration", "1_to_6_weeks", "--no-fever",
    "--no-weight-loss",
]  # fmt: skip
PREGNANT = [
    "--age", "31", "--sex", "female", "--history", "pregnant_now", "--location", "outer_hip",
    "--triggers", "lying_on_side", "--no-fever", "--no-weight-loss",
]  # fmt: skip


def _json(argv: list[str]) -> dict[str, Any]:
    r = run("check", *argv, "--format", "json")
    assert r.exit == 0, r.err
    out: dict[str, Any] = json.loads(r.out)
    return out


def _head(page: str) -> str:
    """The page down to its causes: the heading, reasons and advice (the
    disclaimer at the foot says "a doctor or physiotherapist" in general)."""
    return page.lower().split("possible causes")[0]


def test_a_teenagers_routine_heading_says_a_doctor_not_only_a_physiotherapist() -> None:
    t = _json(TEEN)["triage"]
    assert t["level"] == "routine"
    assert "not only a physiotherapist" in t["advice"]
    assert "not only a physiotherapist" in t["title"]
    text = run("check", *TEEN, "--format", "text").out
    assert "doctor or physiotherapist" not in _head(text)
    assert "TRIAGE: ROUTINE - Book an appointment with a doctor (not only a" in text


def test_a_pregnant_runners_heading_names_the_midwife() -> None:
    t = _json(PREGNANT)["triage"]
    assert t["level"] == "routine"
    assert "midwife" in t["title"] and "midwife" in t["advice"]
    for fmt in ("text", "markdown"):
        page = run("check", *PREGNANT, "--format", fmt).out
        assert "doctor or physiotherapist" not in _head(page), fmt


def test_the_plan_command_and_the_when_to_see_a_doctor_list_use_the_same_heading(
    kb: KnowledgeBase,
) -> None:
    a = assessed(kb, {"age": 15, "sex": "male", "location": ["outer_thigh"],
                      "timing": ["during_run"], "limp": False, "onset": "gradual",
                      "duration": "1_to_6_weeks"})  # fmt: skip
    title = level_title(a.triage, kb.levels[a.triage.level].title)
    assert title != kb.levels["routine"].title
    assert a.plan.see_a_doctor[0] == f"{title}."


def test_a_page_without_an_own_title_keeps_the_levels(kb: KnowledgeBase) -> None:
    a = assessed(kb, {"age": 40, "location": ["outer_hip"], "duration": "1_to_6_weeks",
                      "trend": "same"})  # fmt: skip
    assert a.triage.level == "routine"
    assert level_title(a.triage, kb.levels["routine"].title) == kb.levels["routine"].title


@pytest.mark.parametrize("path", sorted(CASES.glob("*.json")), ids=lambda p: p.stem)
def test_no_heading_says_less_than_its_advice(kb: KnowledgeBase, path: Path) -> None:
    """On every case of every case file: advice that asks for a doctor, not
    only a physiotherapist, or names the midwife, stands under a heading
    that says the same."""
    for case in json.loads(path.read_text(encoding="utf-8")):
        a = assessed(kb, case["answers"])
        info = kb.levels[a.triage.level]
        title, advice = level_title(a.triage, info.title), level_advice(a.triage, info.advice)
        for words in ("not only a physiotherapist", "midwife"):
            if words in advice:
                assert words in title, (case["id"], title, advice)


def test_a_lowered_title_is_read_by_the_file_checks(raw: dict[str, Any]) -> None:
    """A lowered level's title and advice are text users read: the checks
    on such text (no internal codes) cover them."""
    rule = next(r for r in raw["triage_rules"] if r["id"] == "adolescent_persistent")
    rule["lowered"]["title"] = "Book an appointment (x6)"
    with pytest.raises(KnowledgeError, match=r"adolescent_persistent\)\.lowered: internal code"):
        knowledge.from_dict(raw, "edited.toml")
