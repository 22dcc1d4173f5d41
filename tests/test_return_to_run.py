"""Return to running (issue 13): stages per kind of problem, the pain rule
that moves a runner up, holds or steps back across check-ins, next week's
target from the runner's own runs, and the knowledge-file checks."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from hipcheck.core.assessment import assess
from hipcheck.core.return_to_run import Before, before_from, kind_of, progress
from hipcheck.errors import KnowledgeError
from hipcheck.knowledge import KnowledgeBase, from_dict

from .activity_files import write_runs
from .helpers import Result, run

#: Outer hip pain after runs only, mild, walking and standing on one leg fine:
#: self-care, a tendon problem, starting with continuous easy running.
MILD = [
    "--location", "outer-hip", "--timing", "after-run", "--triggers", "lying-on-side",
    "--duration", "1-to-6-weeks", "--trend", "better", "--severity", "2", "--no-limp",
    "--no-cannot-bear-weight", "--no-deformity", "--no-fever", "--no-saddle-numbness",
    "--no-injury", "--no-weight-loss",
]  # fmt: skip
#: The same, but walking still hurts: the ladder starts at walking and strength.
WALKING = [*MILD[:2], "--timing", "walking", *MILD[4:]]
#: Groin pain on walking after a mileage jump: a possible bone stress injury.
BONE = ["--location", "groin", "--timing", "walking", "--training", "mileage-jump", "--age", "35"]
#: Within the pain rule, and pain-free enough for the walking stage's way on
#: (its `stay_when`: 2/10 or more on the walks holds it there).
MET = ["--run-pain-during", "1", "--next-morning", "settled"]


def hipcheck(*args: str, home: Path, check: bool = True) -> Result:
    """In process, with `home` as the data folder; `check`: it must succeed."""
    env = {"HIPCHECK_HOME": str(home), "NO_COLOR": "1", "COLUMNS": "100"}
    res = run(*args, env=env, cwd=home.parent)
    if check:
        assert res.exit == 0, res.err
    return res


def run_stage_line(stage: str) -> str:
    from hipcheck.knowledge import load

    from .conftest import KB_PATH

    rtr = load(KB_PATH).return_to_run
    assert rtr is not None
    return rtr.stage_by_id[stage].running


def days_pass(home: Path, days: int = 3) -> None:
    """Move every stored check-in `days` back: the next one comes that much
    later (the ladder moves up at most once every few days)."""
    import sqlite3

    from hipcheck.store.history import DB_NAME

    conn = sqlite3.connect(home / DB_NAME)
    with conn:
        for rid, created in conn.execute("SELECT id, created_at FROM checkins").fetchall():
            moved = dt.datetime.fromisoformat(created) - dt.timedelta(days=days)
            conn.execute(
                "UPDATE checkins SET created_at = ? WHERE id = ?", (moved.isoformat(), rid)
            )
    conn.close()


def run_json(*args: str, home: Path) -> dict[str, Any]:
    return hipcheck(*args, "--format", "json", home=home).json  # type: ignore[no-any-return]


def test_a_self_care_case_holds_a_staged_plan(tmp_path: Path) -> None:
    doc = run_json("check", *MILD, home=tmp_path / "home")
    assert doc["triage"]["level"] == "self_care"
    run = doc["advice"]["return_to_running"]
    assert run["status"] == "stages"
    assert run["kind"]["id"] == "tendon"
    ids = [s["id"] for s in run["stages"]]
    assert ids[0] == "walk" and "walk_run_1" in ids and ids[-1] == "build"
    assert "clearance" not in ids  # only bone problems wait for a clinician
    walk_run = run["stages"][ids.index("walk_run_1")]
    assert any("30 minutes" in e for e in walk_run["entry"])  # entry criteria
    assert any("single-leg" in e for e in walk_run["entry"])
    assert all(s["do"] for s in run["stages"])
    # mild, walking and one-leg standing fine: keep running short and easy
    assert run["stage"] == "continuous" and run["decision"] == "start"
    assert [s["current"] for s in run["stages"]].count(True) == 1
    assert "3 out of 10" in run["pain_rule"]
    assert any("longest run of the past month" in v for v in run["volume"])
    assert "Frandsen et al., 2025" in run["sources"]
    assert not any(".txt" in s for s in run["sources"])  # cited by name, never by file id


def test_where_a_first_plan_starts_follows_the_answers(tmp_path: Path) -> None:
    run = run_json("check", *WALKING, home=tmp_path)["advice"]["return_to_running"]
    assert run["stage"] == "walk"
    assert "Walking" in run["reason"]
    unanswered = run_json("check", "--location", "outer-hip", home=tmp_path)
    # nothing said about walking: not sent back to walking by a question
    # never asked; the plan says what is missing instead
    run = unanswered["advice"]["return_to_running"]
    assert run["stage"] != "walk"
    assert {"timing", "triggers", "limp"} <= set(run["missing"])
    assert run["missing_text"].startswith("You did not say ")
    assert unanswered["advice"]["running"] == run_stage_line(run["stage"])


def test_an_urgent_case_offers_no_running_before_clearance(tmp_path: Path) -> None:
    doc = run_json("check", *BONE, home=tmp_path)
    assert doc["triage"]["level"] == "urgent"
    run = doc["advice"]["return_to_running"]
    assert run["status"] == "after_clearance" and run["stages"] == []
    assert "cleared you" in run["text"]
    text = hipcheck("check", *BONE, "--format", "text", home=tmp_path).out
    section = text[text.index("GETTING BACK TO RUNNING") :]
    section = " ".join(section[: section.index("\n\n")].split())
    assert "cleared you" in section
    assert "Stage" not in section and "Walk-run" not in section and "walk-run" not in section


def test_an_emergency_has_no_return_to_running_plan(tmp_path: Path) -> None:
    doc = run_json("check", "--cannot-bear-weight", home=tmp_path)
    assert doc["triage"]["level"] == "emergency"
    assert doc["advice"]["return_to_running"] is None
    text = hipcheck("check", "--cannot-bear-weight", "--format", "text", home=tmp_path).out
    assert "GETTING BACK TO RUNNING" not in text


def test_a_possible_bone_stress_injury_never_moves_past_clearance(kb: KnowledgeBase) -> None:
    """Bone only after a clinician clears it: however well the runs went."""
    a = assess(kb, {"location": ("outer_hip",), "severity": 2, "run_pain_during": 1,
                    "next_morning": "settled"})  # fmt: skip
    assert kb.return_to_run is not None
    bone = kind_of(kb.return_to_run, ["femoral_stress_fracture", "gluteal_tendinopathy"])
    first = progress(kb, "routine", bone, a.answers)
    assert first is not None and first.kind == "bone" and first.stage == "clearance"
    before = Before(dt.datetime.now(dt.UTC), "clearance", "bone")
    again = progress(kb, "routine", bone, a.answers, before)
    assert again is not None
    assert (again.stage, again.decision, again.reason) == ("clearance", "hold", "clearance")
    assert not again.rule_met and again.target is None


def msgspec_replace(obj: Any, **changes: Any) -> Any:
    import msgspec

    return msgspec.structs.replace(obj, **changes)


def stage_of(home: Path, *args: str) -> dict[str, Any]:
    run = run_json("check", *args, "--save", home=home)["advice"]["return_to_running"]
    return {k: run[k] for k in ("stage", "decision", "reason_id")}


def test_plan_moves_up_after_the_pain_rule_and_back_after_it_fails(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert hipcheck("plan", home=home, check=False).exit == 2  # no history yet
    assert stage_of(home, *WALKING) == {"stage": "walk", "decision": "start", "reason_id": "start"}
    days_pass(home)
    held = stage_of(home, *MILD, "--run-pain-during", "2", "--next-morning", "settled")
    assert held == {"stage": "walk", "decision": "hold", "reason_id": "stay.0"}
    assert (
        "Your walks or exercises still hurt (2 out of 10)"
        in run_json("plan", home=home)["return_to_running"]["reason"]
    )
    days_pass(home)
    assert stage_of(home, *MILD, *MET)["stage"] == "walk_run_1"
    plan = run_json("plan", home=home)
    run = plan["return_to_running"]
    assert plan["checkin"] == 3
    assert (run["stage"], run["decision"], run["previous_stage"]) == (
        "walk_run_1",
        "move_up",
        "walk",
    )
    assert "the pain rule was met" in run["reason"]
    days_pass(home)
    assert stage_of(home, *MILD, *MET)["stage"] == "walk_run_2"
    # pain above the rule: back a stage, saying why
    assert stage_of(home, *MILD, "--run-pain-during", "5", "--next-morning", "sore") == {
        "stage": "walk_run_1", "decision": "step_back", "reason_id": "pain_above_rule"}  # fmt: skip
    text = hipcheck("plan", home=home).out
    assert "STAGE 2 OF 7: WALK-RUN: 1 MINUTE RUNNING, 2 MINUTES WALKING" in text
    assert "Step back a stage: Pain during your runs or sessions reached 5 out of 10" in text
    assert ">  2. Walk-run: 1 minute running, 2 minutes walking  (now)" in text
    # not settled by the morning: hold; no report at all: hold
    assert (
        stage_of(home, *MILD, "--run-pain-during", "2", "--next-morning", "sore")["decision"]
        == "hold"
    )
    held = {"stage": "walk_run_1", "decision": "hold", "reason_id": "no_report"}
    assert stage_of(home, *MILD) == held
    # worse the next day: back again, down to the first stage at most
    for _ in range(3):
        last = stage_of(home, *MILD, "--run-pain-during", "1", "--next-morning", "worse")
    assert last == {"stage": "walk", "decision": "step_back", "reason_id": "worse_next_day"}
    md = hipcheck("plan", "--format", "markdown", home=home).out
    assert "## Stage 1 of 7: Walking and strength" in md


def test_an_urgent_check_in_restarts_the_ladder(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert stage_of(home, *MILD)["stage"] == "continuous"
    run = run_json("check", *BONE, "--save", home=home)["advice"]["return_to_running"]
    assert run["status"] == "after_clearance"
    again = stage_of(home, *MILD, *MET)
    assert again == {"stage": "continuous", "decision": "start", "reason_id": "restart"}


def test_plan_from_flags_without_a_history(tmp_path: Path) -> None:
    home = tmp_path / "home"
    text = hipcheck("plan", *MILD, home=home).out
    assert "From the answers given" in text
    assert "STAGE 6 OF 7: CONTINUOUS EASY RUNNING" in text
    assert not (home / "history.sqlite3").exists()  # nothing read or created
    bad = hipcheck("plan", "--next-morning", "fine", home=home, check=False)
    assert bad.exit == 2
    assert "settled" in bad.err and "Traceback" not in bad.err
    bad = hipcheck("plan", "--save", home=home, check=False)
    assert bad.exit == 2 and "not an option of plan" in bad.err


def test_next_weeks_target_from_the_runners_own_runs(tmp_path: Path) -> None:
    runs = tmp_path / "runs"
    runs.mkdir()
    today = dt.date.today()
    days_km = ((40, 14.0), (26, 8.0), (19, 10.0), (12, 9.0), (9, 6.0), (5, 7.0), (2, 8.0))
    write_runs(runs, [(today - dt.timedelta(days=d), km) for d, km in days_km])
    home = tmp_path / "home"
    assert stage_of(home, *MILD)["stage"] == "continuous"
    # at continuous running: no longer than the longest of the past month (not
    # the 14 km of 40 days ago)
    text = hipcheck("plan", "--activities", str(runs), home=home).out
    assert "keep your longest run at or under 10.0 km" in text
    days_pass(home)
    assert stage_of(home, *MILD, *MET)["stage"] == "build"
    doc = run_json("plan", "--activities", str(runs), home=home)
    target = doc["return_to_running"]["target"]
    assert target["longest_run_km"] == pytest.approx(10.0, abs=0.05)  # GPX track length
    assert target["longest_run_max_km"] == pytest.approx(11.0, abs=0.06)
    assert target["growth_percent"] == 10
    text = hipcheck("plan", "--activities", str(runs), home=home).out
    assert "Next week: keep your longest run at or under 11.0 km" in text
    assert "total running time at or under" in text


def test_the_previous_stage_is_read_defensively() -> None:
    when = dt.datetime(2026, 11, 20, tzinfo=dt.UTC)

    class C:
        def __init__(self, days: int, result: Any) -> None:
            self.created_at = when - dt.timedelta(days=days)
            self.result = result

    good = {"advice": {"return_to_running": {"status": "stages", "stage": "walk",
                                             "kind": {"id": "tendon"}}}}  # fmt: skip
    assert before_from([C(3, good)], when, 56) == Before(
        when - dt.timedelta(days=3), "walk", "tendon", dt.timedelta(days=3)
    )
    # at the stage since the first of three check-ins: 5 days
    assert before_from([C(5, good), C(4, good), C(3, good)], when, 56).stage_age == (  # type: ignore[union-attr]
        dt.timedelta(days=5)
    )
    assert before_from([C(90, good)], when, 56) is None  # another episode
    for broken in ({}, {"advice": None}, {"advice": {"return_to_running": {"stage": 3}}}, []):
        found = before_from([C(1, broken)], when, 56)
        assert found is not None and found.stage == ""  # start again, never crash


def test_every_condition_has_a_kind_and_rules_name_real_questions(raw: dict[str, Any]) -> None:
    rtr = raw["return_to_run"]
    rtr["kinds"][-1]["conditions"].remove("snapping_hip")
    with pytest.raises(KnowledgeError, match="condition 'snapping_hip' has no kind"):
        from_dict(raw)
    rtr["kinds"][-1]["conditions"].append("snapping_hip")
    rtr["rules"][0]["reason"] = "Pain reached {run_pain}."
    with pytest.raises(KnowledgeError, match=re.escape("reason: unknown field {run_pain}")):
        from_dict(raw)
    rtr["rules"][0]["reason"] = "Pain reached {run_pain_during.__class__}."
    with pytest.raises(KnowledgeError, match="is not a plain field"):
        from_dict(raw)
    rtr["rules"][0]["reason"] = "ok"
    rtr["stages"][2]["start_when"] = {"walking_time": {"min": 30}}
    with pytest.raises(
        KnowledgeError, match=re.escape("start_when.walking_time: names no question")
    ):
        from_dict(raw)


def test_return_to_running_texts_carry_no_internal_codes(raw: dict[str, Any]) -> None:
    raw["return_to_run"]["volume"][0] = "As seed 004 says, add time."
    with pytest.raises(KnowledgeError, match="internal code 'seed 004'"):
        from_dict(raw)


def test_exports_carry_the_date_and_the_answers_in_words(tmp_path: Path) -> None:
    for name in ("summary.txt", "summary.md"):
        hipcheck("check", *MILD, "--output", name, home=tmp_path / "home")
        text = (tmp_path / name).read_text()
        assert f"{dt.date.today():%d %b %Y}" in text  # made on
        answers = text[text.lower().index("your answers") :]
        assert "Where it hurts: Outer hip (the bony point on the side)" in answers
        assert "Worst pain (0-10): 2 out of 10" in answers
        assert "outer_hip" not in answers and "False" not in answers
        assert "etting back to running" in text.replace(
            "GETTING BACK TO RUNNING", "Getting back to running"
        )


def test_a_runner_who_keeps_running_holds_what_the_data_show(tmp_path: Path) -> None:
    """UX review N2: a runner doing 6 hours a week with mild pain was told
    "20 to 30 minutes every other day" by the stage and "keep next week at
    or under 6 h" by the targets from the same data. The stage now says to
    hold what they have been doing (20 to 30 minutes is for a runner coming
    back from walk-run), as the targets do."""
    today = dt.date.today()
    days = [today - dt.timedelta(days=d) for d in range(27, 0, -2)]
    (tmp_path / "runs").mkdir()
    write_runs(tmp_path / "runs", [(d, 10.0) for d in days])
    doc = run_json("check", *MILD, "--activities", str(tmp_path / "runs"), home=tmp_path / "h")
    advice = doc["advice"]
    stage = advice["return_to_running"]
    assert stage["stage"] == "continuous" and stage["target"] is not None
    assert "no more than you have been doing" in advice["running"]
    assert (
        "20 to 30 minutes every other day if you are coming back from walk-run"
        in (advice["running"])
    )


_GT = {"location": ["outer_hip"], "duration": "1_to_6_weeks", "trend": "same", "severity": 5}
_GT |= {"limp": False, "age": 34, "sex": "female", "onset": "gradual", "side": "right"}
_GT |= {"pain_type": ["dull_ache"], "rest_helps": "yes", "injury": False}


@pytest.mark.parametrize(
    ("change", "stage"),
    [
        # UX re-check: night pain from lying on a sore outer hip stopped running
        ({"timing": ["after_run", "at_night"], "triggers": ["lying_on_side"]}, "walk_run_1"),
        ({"timing": ["after_run"], "triggers": ["lying_on_side"]}, "walk_run_1"),
        # night pain not explained by lying on it, or the trigger not given
        # (walking and strength, or no running at all if a bone cause comes up)
        ({"timing": ["after_run", "at_night"], "triggers": ["stairs_hills"]}, "no running"),
        ({"timing": ["after_run", "at_night"]}, "no running"),
        # standing on that leg hurts too
        ({"timing": ["at_night"], "triggers": ["lying_on_side", "single_leg"]}, "no running"),
    ],
)
def test_night_pain_from_lying_on_the_side_does_not_stop_running(
    kb: KnowledgeBase, change: dict[str, Any], stage: str
) -> None:
    from hipcheck.core.answers import parse_answers

    a = assess(kb, parse_answers(kb, {**_GT, **change}))
    assert a.triage.level in ("self_care", "routine")
    assert a.plan.stage is not None
    assert a.plan.stage.stage in (("walk", "clearance") if stage == "no running" else (stage,))
    text = run("check", "-f", "text", *_flags({**_GT, **change})).out
    told = stage != "no running" and "at_night" in change["timing"]
    assert ("lying on the sore side" in text) is told


def _flags(answers: dict[str, Any]) -> list[str]:
    from .answer_sets import as_flags

    return as_flags(answers)


def test_validate_checks_the_other_ways_to_start(kb: KnowledgeBase) -> None:
    import copy
    import tomllib

    from .conftest import KB_PATH

    raw = tomllib.loads(KB_PATH.read_text(encoding="utf-8"))
    bad = copy.deepcopy(raw)
    stage = next(s for s in bad["return_to_run"]["stages"] if s.get("start_also"))
    stage["start_also"][0]["reason"] = " "
    with pytest.raises(KnowledgeError, match=r"start_also\[0\].reason: say why"):
        from_dict(bad)
    bad = copy.deepcopy(raw)
    walk = next(s for s in bad["return_to_run"]["stages"] if s["id"] == "walk")
    walk["start_also"] = [{"when": {"limp": False}, "reason": "x"}]
    with pytest.raises(KnowledgeError, match="only a stage with start_when"):
        from_dict(bad)
