"""An episode is one problem: a check-in about another place or the other
side starts a new one (UX re-check: a hamstring check-in was compared with
an outer-hip one, and "getting worse" fired across the two problems)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from hipcheck.core.answers import to_jsonable
from hipcheck.core.assessment import assess
from hipcheck.core.episode import episode_of, same_problem
from hipcheck.knowledge import KnowledgeBase
from hipcheck.render.json_render import to_dict
from hipcheck.store.history import History

from .answer_sets import GLUTEAL
from .helpers import run

NOW = dt.datetime.now(dt.UTC)


@pytest.mark.parametrize(
    ("then", "same"),
    [
        ({"location": ["outer_hip"]}, True),
        ({"location": ["outer_hip", "buttock"]}, True),
        ({"location": ["back_of_thigh"]}, False),
        ({}, True),  # not given: never splits an episode
        ({"location": ["outer_hip"], "side": "left"}, False),
        ({"location": ["outer_hip"], "side": "both"}, True),
    ],
)
def test_same_problem(then: dict[str, Any], same: bool) -> None:
    assert same_problem({"location": ["outer_hip"], "side": "right"}, then) is same


class _C:
    def __init__(self, days: float, location: str) -> None:
        self.created_at = NOW - dt.timedelta(days=days)
        self.answers = {"location": [location]}


def test_the_episode_keeps_one_problem_of_two_interleaved() -> None:
    earlier = [
        _C(70, "outer_hip"),
        _C(20, "outer_hip"),
        _C(10, "back_of_thigh"),
        _C(2, "outer_hip"),
    ]
    got = episode_of(earlier, {"location": ["outer_hip"]}, NOW, 56)
    assert got == [earlier[1], earlier[3]]


def test_a_new_place_is_not_compared_with_the_last_problem(
    tmp_path: Path, kb: KnowledgeBase
) -> None:
    home = tmp_path / "home"
    with History.open(home) as h:
        a = assess(kb, {**GLUTEAL, "severity": 6})
        h.save(to_jsonable(a.answers), to_dict(a, kb), kb.version, NOW - dt.timedelta(days=7))
    thigh = ["--location", "front-thigh", "--severity", "8", "--timing", "after-run"]
    thigh += ["--duration", "under-1-week", "--trend", "better", "--age", "30", "--save"]
    res = run("--data-dir", str(home), "check", *thigh, "-f", "text")
    assert res.exit == 0, res.err
    assert "getting worse: severity 6" not in res.out and "SINCE YOUR LAST CHECK-IN" not in res.out
    hip = ["--location", "outer-hip", "--severity", "8", "--triggers", "lying-on-side"]
    res = run("--data-dir", str(home), "check", *hip, "--save", "-f", "text")
    assert "SINCE YOUR LAST CHECK-IN" in res.out  # the hip check-in of a week ago


def test_check_ins_on_one_day_read_as_one_day(tmp_path: Path) -> None:
    # UX re-check: "3 check-ins from 3 Dec to 3 Dec (0 days)"
    home = ["--data-dir", str(tmp_path / "home")]
    for severity in ("4", "3"):
        run(*home, "check", "--location", "outer-hip", "--severity", severity, "--save")
    page = " ".join(run(*home, "report", "--format", "markdown").out.split())
    assert "2 check-ins on " in page and "(0 days)" not in page


def test_an_empty_history_names_the_folder_it_looked_in(tmp_path: Path) -> None:
    # UX re-check: a mistyped --data-dir said only "No check-ins yet"
    res = run("--data-dir", str(tmp_path / "typo"), "history")
    assert "No check-ins yet" in res.out and f"looked in {tmp_path / 'typo'}" in res.err


def test_the_markdown_page_reads_answered_no_with_a_colon(tmp_path: Path) -> None:
    # UX re-check: "- Answered no **Fever or unwell; ...**"
    home = ["--data-dir", str(tmp_path / "home")]
    run(*home, "check", "--no-fever", "--no-limp", "--location", "outer-hip", "--save")
    page = run(*home, "report", "--format", "markdown").out
    assert "- Answered no: **" in page and "- Where is the pain? **" in page
