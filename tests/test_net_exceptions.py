"""Exceptions to the score nets (`condition_rules` `unless`, `unless_sets`):
checked as a broad rule's, read alike by the triage, batch, the interview,
the bone stop and the plan's care (stop 35: pelvic girdle pain in pregnancy
went to the stress fractures' share, a cause the file does not list).
"""

from __future__ import annotations

import copy
import json
import tomllib
from pathlib import Path
from typing import Any

import pytest

from hipcheck.core.answers import parse_answers
from hipcheck.core.assessment import assess
from hipcheck.core.net_exceptions import nets_excepted
from hipcheck.core.replay import replay
from hipcheck.errors import KnowledgeError
from hipcheck.knowledge import load
from hipcheck.knowledge.loader import default_path, from_dict

from .helpers import run
from .test_review_35 import PGP, SAFE

KB = load()


def _raw() -> dict[str, Any]:
    return tomllib.loads(default_path().read_text(encoding="utf-8"))


def _first_net(raw: dict[str, Any]) -> dict[str, Any]:
    return next(r for r in raw["condition_rules"] if r["condition"] == "pelvic_stress_fracture")


@pytest.mark.parametrize(
    ("exception", "message"),
    [
        ({"location": {"none": ["groin"]}}, "an exception tests answers given"),
        ({"history": ["pregnant_now"], "limp": {"answered": False}}, "only 'none' narrows"),
        ({"history": ["pregnant_now"], "fever": {"none": ["yes"]}}, "only 'none' narrows"),
        ({}, "must test at least one answer"),
    ],
    ids=repr,
)
def test_a_net_exception_that_holds_on_a_skipped_question_is_refused(
    exception: dict[str, Any], message: str
) -> None:
    raw = _raw()
    net = _first_net(raw)
    net.pop("unless_sets", None)
    net["unless"] = [exception]
    with pytest.raises(KnowledgeError, match=message):
        from_dict(raw, "edited.toml")


def test_an_unknown_set_on_a_net_or_a_lowered_level_is_refused() -> None:
    raw = _raw()
    _first_net(raw)["unless_sets"] = ["no_such_set"]
    with pytest.raises(KnowledgeError, match="'no_such_set' is not in"):
        from_dict(raw, "edited.toml")
    raw = _raw()
    rule = next(r for r in raw["triage_rules"] if r["id"] == "bone_stress_training")
    rule["lowered"]["unless_sets"] = ["no_such_set"]
    with pytest.raises(KnowledgeError, match=r"lowered\.unless_sets: 'no_such_set'"):
        from_dict(raw, "edited.toml")


def test_sets_are_written_out_where_they_are_named() -> None:
    raw = _raw()
    girdle = raw["exception_sets"]["pelvic_girdle"]
    soreness = [
        *raw["exception_sets"]["first_week_soreness_nets"],  # 2026.12.81
        *raw["exception_sets"]["long_stable_nets"],  # 2026.12.82
    ]
    kb = from_dict(copy.deepcopy(raw), "same.toml")
    nets = [r for r in kb.condition_rules if r.condition.endswith("stress_fracture")]
    # the urgent nets give way to first-week soreness and to months of
    # pain that is not getting worse too; the routine nets
    # (and so the bone stop) do not
    assert nets and all(
        len(r.unless) == len(girdle) + (len(soreness) if r.level == "urgent" else 0) for r in nets
    )
    rule = next(r for r in kb.triage_rules if r.id == "bone_stress_training")
    assert rule.lowered is not None and len(rule.lowered.unless) == 1 + len(girdle)


def test_a_net_without_its_exception_acts_again() -> None:
    """The same page with the nets' exceptions taken out: the stress
    fractures' share sets the level and stops running (what the exception
    changes, and nothing else)."""
    raw = _raw()
    for net in raw["condition_rules"]:
        net.pop("unless_sets", None)
    plain = from_dict(raw, "no-net-exceptions.toml")
    answers = {**SAFE, **PGP}
    before = assess(plain, parse_answers(plain, answers))
    after = assess(KB, parse_answers(KB, answers))
    assert before.triage.level == "urgent" and before.plan.running.startswith("Stop running")
    assert after.triage.level == "routine" and not after.plan.stop_for_bone
    assert not any(r.rule.startswith("condition:") for r in after.triage.reasons)
    # its share stands for a cause the file does not list: the page says none fits
    assert before.fit == "good" and after.fit == "poor" and after.plan.nothing_fits
    assert all("stress_fracture" not in c.condition for c in after.plan.care)
    assert after.plan.stage is not None and after.plan.stage.kind != "bone"
    assert nets_excepted(KB, parse_answers(KB, answers)) == {
        "pelvic_stress_fracture",
        "femoral_stress_fracture",
    }


@pytest.mark.parametrize(
    "change",
    [{}, {"timing": ["walking", "at_rest"]}, {"limp": True}, {"trend": "worse"}],
    ids=repr,
)
def test_batch_gives_the_checks_triage(tmp_path: Path, change: dict[str, Any]) -> None:
    answers = {**SAFE, **PGP, **change}
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "r1", **answers}) + "\n")
    line = json.loads(run("batch", str(src)).out)
    answers_file = tmp_path / "answers.json"
    answers_file.write_text(json.dumps(answers))
    page = run("check", "--answers", str(answers_file), "--format", "json").json
    assert line["triage"] == page["triage"]
    assert line["advice"] == page["advice"]


@pytest.mark.parametrize(
    "drop",
    [(), ("trend",), ("limp",), ("timing",), ("history",)],
    ids=repr,
)
def test_the_interview_ends_at_the_full_forms_level(drop: tuple[str, ...]) -> None:
    """A net whose exception waits on an unanswered question still counts
    in the interview, which asks that question: never below the full form
    (nor above it for want of the exception's answers)."""
    full = {k: v for k, v in {**SAFE, **PGP}.items() if k not in drop}
    parsed = parse_answers(KB, full)
    asked = replay(KB, parsed).answers
    assert assess(KB, asked).triage.level == assess(KB, parsed).triage.level
