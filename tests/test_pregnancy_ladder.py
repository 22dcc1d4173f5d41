"""A pregnant runner's ladder stops at easy running (`not_for` on a stage).

Read on a pregnant runner's page (noticed and left in stop 29): a self-care
picture at 24 weeks read "keep running, but easy ... then build back", "To
move on to stage 7 (Building back up)" and, in `hipcheck plan`, "after the
last stage, up to about 10% more running time a week". Pregnancy is not the
time to build up running (ACOG Committee Opinion 804, 2020); a return after
the birth is planned afresh (Goom 2019)."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from hipcheck.core.answers import parse_answers
from hipcheck.core.return_to_run import Before, progress
from hipcheck.errors import KnowledgeError
from hipcheck.knowledge import KnowledgeBase, from_dict
from tests.helpers import assessed, refuses_edit, run

#: Mild outer hip pain, walking and one leg fine, easing: continuous easy running.
MILD = {
    "location": ["outer_hip"], "timing": ["after_run"], "triggers": ["lying_on_side"],
    "duration": "1_to_6_weeks", "trend": "better", "severity": 2, "limp": False,
    "injury": False, "age": 31, "sex": "female",
}  # fmt: skip
MILD_FLAGS = [
    "--location", "outer-hip", "--timing", "after-run", "--triggers", "lying-on-side",
    "--duration", "1-to-6-weeks", "--trend", "better", "--severity", "2", "--no-limp",
    "--no-injury", "--age", "31", "--sex", "female",
]  # fmt: skip


@pytest.mark.parametrize(
    "history", [["pregnant_now"], ["recent_pregnancy"], ["gave_birth_last_year"]]
)
def test_a_pregnant_runner_stops_at_easy_running(kb: KnowledgeBase, history: list[str]) -> None:
    p = assessed(kb, {**MILD, "history": history}).plan.stage
    assert p is not None and p.status == "stages"
    assert p.stage == "continuous" and p.ladder[-1] == "continuous"
    assert "build" not in p.ladder and p.left_out == ("build",)


def test_the_same_runner_not_pregnant_builds_back(kb: KnowledgeBase) -> None:
    for history in ([], ["prior_hip_injury"]):
        p = assessed(kb, {**MILD, "history": history}).plan.stage
        assert p is not None and p.ladder[-1] == "build" and p.left_out == (), history


def test_meeting_the_pain_rule_in_pregnancy_does_not_climb(kb: KnowledgeBase) -> None:
    """At the last stage left, a met pain rule holds there (not "keep building")."""
    raw = {**MILD, "history": ["pregnant_now"], "run_pain_during": 1, "next_morning": "settled"}
    answers = parse_answers(kb, raw)
    before = Before(
        dt.datetime(2026, 12, 1, tzinfo=dt.UTC), "continuous", "tendon", dt.timedelta(days=5)
    )
    rtr = kb.return_to_run
    assert rtr is not None
    p = progress(kb, "self_care", rtr.kind_by_id["tendon"], answers, before)
    assert p is not None and p.stage == "continuous" and p.decision == "move_up"
    from hipcheck.render.return_to_run_render import decision_text, to_dict

    assert decision_text(p) == "Stay at this stage"
    d = to_dict(kb, p)
    assert d is not None and d["stage_count"] == 6 and d["volume"] == []
    assert [x["id"] for x in d["left_out"]] == ["build"]
    assert "pregnancy is not the time to build up" in d["left_out"][0]["reason"]
    assert "year after a birth" in d["left_out"][0]["reason"]
    assert any("ACOG" in s for s in d["sources"])


def test_every_page_says_so_and_none_says_build_back(tmp_path: Path) -> None:
    env = {"HIPCHECK_HOME": str(tmp_path), "NO_COLOR": "1", "COLUMNS": "100"}
    flags = [*MILD_FLAGS, "--history", "pregnant-now"]
    summary = run("check", *flags, env=env)
    assert summary.exit == 0, summary.err
    flat = " ".join(summary.out.split())
    assert "Stage 6 of 6: Continuous easy running" in flat
    assert "pregnancy is not the time to build up" in flat
    assert "build back" not in flat and "Building back up" not in flat
    assert "All the stages: hipcheck plan." in flat and "add volume afterwards" not in flat
    plan = run("plan", *flags, env=env)
    assert plan.exit == 0, plan.err
    text = " ".join(plan.out.split())
    after = text.split("AFTER THE LAST STAGE", 1)[1]
    assert after.lstrip(" -").startswith("In pregnancy and in the year after a birth")
    assert "10% more running time" not in text and "Building back up" not in text
    assert run("check", *flags, "--save", env=env).exit == 0
    report = run("report", "--format", "markdown", "-o", "-", env=env)
    assert report.exit == 0, report.err
    assert "pregnancy is not the time to build up" in " ".join(report.out.split())
    assert "After the last stage" not in report.out


def _build(raw: dict[str, Any]) -> dict[str, Any]:
    return next(s for s in raw["return_to_run"]["stages"] if s["id"] == "build")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"not_for": {"history": {"none": ["pregnant_now"]}}}, "must test answers given"),
        ({"not_for": {"limp": {"answered": False}}}, "must test answers given"),
        ({"not_for_reason": ""}, "not_for_reason: say why"),
        ({"not_for_sources": ["Nobody 2099"]}, "'Nobody 2099' is not declared"),
        ({"not_for": {"histroy": ["pregnant_now"]}}, "names no question"),
    ],
)
def test_a_stage_left_out_is_checked(
    raw: dict[str, Any], change: dict[str, Any], message: str
) -> None:
    refuses_edit(raw, _build, change, message)


def test_a_first_stage_and_a_reason_without_a_test_are_refused(raw: dict[str, Any]) -> None:
    bad = copy.deepcopy(raw)
    bad["return_to_run"]["stages"][0]["not_for"] = {"history": ["pregnant_now"]}
    bad["return_to_run"]["stages"][0]["not_for_reason"] = "Not in pregnancy."
    with pytest.raises(KnowledgeError, match="a ladder's first stage is for every runner"):
        from_dict(bad)
    bad = copy.deepcopy(raw)
    del _build(bad)["not_for"]
    with pytest.raises(KnowledgeError, match="not_for_reason: only with not_for"):
        from_dict(bad)


def test_a_stage_without_running_does_not_say_stay_at_easy_running(tmp_path: Path) -> None:
    """A clinician's reading of a pregnant runner's page that stops running
    for a possible pelvic stress fracture: "Stage 1 of 7: No running until a
    clinician clears you", then "stay at easy running of no more than you
    have been doing". The reason is said where the ladder ends."""
    env = {"HIPCHECK_HOME": str(tmp_path), "NO_COLOR": "1", "COLUMNS": "100"}
    # written_v3_s's WS46, 29 weeks pregnant, pubic pain on one leg and stairs
    flags = ["--age", "35", "--sex", "female", "--history", "pregnant-now", "--location",
             "pubic-bone", "--pain-type", "sharp", "--triggers", "single-leg", "--triggers",
             "stairs-hills", "--duration", "1-to-6-weeks", "--trend", "worse", "--timing",
             "walking"]  # fmt: skip
    res = run("check", *flags, env=env)
    assert res.exit == 0, res.err
    flat = " ".join(res.out.split())
    assert "Stage 1 of 7: No running until a clinician clears you" in flat
    assert "stay at easy running" not in flat
