"""Exceptions on must-not-miss routes are part of the safety floor
(core/reviewed_exceptions.py): an edit that adds or loosens one is refused by
`validate` and `--kb` until it is reviewed and listed. An adversary's review
(round 4) made 51 one-line edits to exceptions of bone, limp, injury,
teenage and older-adult routes; the floor's cases refused 9. These are a
sample of each kind; the rest of the 51 were checked by hand."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import rtoml

from hipcheck import knowledge
from hipcheck.core import reviewed_exceptions, safety_floor

from .helpers import run

REFUSED = "on a must-not-miss route that no clinician has reviewed"


def _rule(raw: dict[str, Any], rid: str) -> dict[str, Any]:
    return next(r for r in raw["triage_rules"] if r["id"] == rid)


def _widen_age(raw: dict[str, Any]) -> None:  # m29: the osteoarthritic limp from 50
    table = _rule(raw, "limp")["unless"][1]
    table["age"]["min"] = 50


def _shorten_none(raw: dict[str, Any]) -> None:  # m12: a squeeze at the deep hip too
    for w in raw["exception_sets"]["groin_elsewhere"]:
        if "triggers" in w and w["triggers"] == ["squeezing_knees"] and "severity" not in w:
            w["location"]["none"] = ["pubic_bone"]
            return
    raise AssertionError("the squeeze table is not in groin_elsewhere")


def _drop_clause(raw: dict[str, Any]) -> None:  # m41: a teenager's ache on one side
    del _rule(raw, "adolescent_any")["unless"][0]["side"]


def _reuse_set(raw: dict[str, Any]) -> None:  # m16: the groin set on the walking route
    rule = _rule(raw, "bone_stress_walking")
    rule["unless_sets"] = [*rule.get("unless_sets", []), "groin_elsewhere"]


def _add_neutral(raw: dict[str, Any]) -> None:  # m09: "no morning stiffness" alone
    raw["exception_sets"]["groin_elsewhere"].append({"stiffness_minutes": "none"})


def _made_broad(raw: dict[str, Any]) -> None:  # m24: pain on hopping, mild
    rule = _rule(raw, "hopping")
    rule["broad"], rule["unless"] = True, [{"severity": {"max": 2}}]
    rule["lowered"] = {"level": "routine", "reason": "Mild pain on hopping."}


def _lowered_lower(raw: dict[str, Any]) -> None:  # an injury lowered to self-care
    _rule(raw, "injury")["lowered"]["level"] = "self_care"


def _net_loosened(raw: dict[str, Any]) -> None:  # m45: the stable-pain set, trend skipped
    del raw["exception_sets"]["long_stable_nets"][0]["trend"]["answered"]


def _plan_loosened(raw: dict[str, Any]) -> None:  # m46: the bone stop off when easing
    for w in raw["plan"]["bone_shown_unless"]:
        if w.get("duration") == "under_1_week" and w.get("trend") == "better":
            del w["duration"]
            return
    raise AssertionError("the easing table is not in plan.bone_shown_unless")


def _stop_taken_then_excepted(raw: dict[str, Any]) -> None:  # unguarded first, then lowered
    rule = _rule(raw, "groin_running_weeks")
    rule["stop_running"] = False
    rule["unless"].append({"trend": "same"})


MUTATIONS: dict[str, Callable[[dict[str, Any]], None]] = {
    "an age bound widened": _widen_age,
    "a none list shortened": _shorten_none,
    "a clause removed": _drop_clause,
    "an exception set reused on another route": _reuse_set,
    "a table on a neutral answer added": _add_neutral,
    "a route made broad": _made_broad,
    "a lowered level lowered": _lowered_lower,
    "a net's exception loosened": _net_loosened,
    "the plan's bone-stop exception loosened": _plan_loosened,
}


def _written(tmp_path: Path, raw: dict[str, Any]) -> Path:
    path = tmp_path / "edited.toml"
    path.write_text(rtoml.dumps(raw), encoding="utf-8")
    return path


@pytest.mark.parametrize("name", list(MUTATIONS))
def test_an_unreviewed_exception_is_refused(raw: dict[str, Any], tmp_path: Path, name: str) -> None:
    MUTATIONS[name](raw)
    path = _written(tmp_path, raw)
    knowledge.load(path)  # well-formed: only the floor refuses it
    res = run("validate", str(path))
    assert res.exit == 2 and res.out == "", (res.out, res.err)
    assert res.err.count("\n") == 1 and REFUSED in res.err, res.err


def test_kb_refuses_it_before_any_assessment(raw: dict[str, Any], tmp_path: Path) -> None:
    _add_neutral(raw)
    path = _written(tmp_path, raw)
    res = run("--kb", str(path), "check", "--location", "groin", "--format", "json")
    assert res.exit == 2 and res.out == "" and REFUSED in res.err


def test_a_listed_route_stays_guarded_when_its_stop_is_taken_away(raw: dict[str, Any]) -> None:
    """A floor case refuses the lost stop itself; the list refuses the
    exception too, whatever the rule's level or stop now says."""
    _stop_taken_then_excepted(raw)
    found = reviewed_exceptions.problem(knowledge.from_dict(raw, "edited.toml"))
    assert found is not None and "groin_running_weeks" in found and REFUSED in found


def test_narrowing_or_editing_other_rules_is_free(raw: dict[str, Any], tmp_path: Path) -> None:
    """Taking an exception away only raises a level; a routine rule that
    does not stop running is the editor's to change."""
    del _rule(raw, "limp")["unless"][0]
    not_improving = _rule(raw, "not_improving")
    not_improving["unless"] = [*not_improving["unless"], {"severity": {"max": 4}}]
    path = _written(tmp_path, raw)
    assert safety_floor.problem(knowledge.load(path)) is None


def test_the_list_is_the_shipped_files_own(kb: knowledge.KnowledgeBase) -> None:
    """Every listed entry is one the shipped file holds (none stale), and
    every one it holds is listed: a change to the shipped exceptions comes
    with its review and a new list (`--write`)."""
    held = {entry for _, entry in reviewed_exceptions.entries(kb)}
    listed = json.loads(reviewed_exceptions.MANIFEST_PATH.read_text(encoding="utf-8"))["reviewed"]
    assert listed == sorted(listed) and set(listed) == held


def test_a_message_names_the_set_an_exception_came_from(
    raw: dict[str, Any], tmp_path: Path
) -> None:
    """Round 4: a table added to a set was named at its expanded place
    ("triage_rules[40] (groin_course_unknown).unless[1]"), which the editor
    never wrote; the set's own place is named beside it."""
    _add_neutral(raw)
    n = len(raw["exception_sets"]["groin_elsewhere"]) - 1
    res = run("validate", str(_written(tmp_path, raw)))
    assert f"(exception_sets.groin_elsewhere[{n}])" in res.err, res.err
    raw["exception_sets"]["groin_elsewhere"][n] = {"no_such_question": "x"}
    res = run("validate", str(_written(tmp_path, raw)))
    assert res.exit == 2 and f"(exception_sets.groin_elsewhere[{n}])" in res.err, res.err
