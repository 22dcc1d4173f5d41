"""The safety floor (reliability review F4): a knowledge file whose red flags no
longer lead to emergency, or whose rules fire on everything, is refused by
`validate` and by every command that loads it, with one line."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import rtoml

from hipcheck import knowledge
from hipcheck.core import safety_floor
from hipcheck.core.safety_floor import SafetyCase
from hipcheck.errors import KnowledgeError

from .conftest import KB_PATH
from .helpers import run

RED_FLAGS = ("cannot_bear_weight", "deformity", "fever", "saddle_numbness")


def _rule(raw: dict[str, Any], rid: str) -> dict[str, Any]:
    return next(r for r in raw["triage_rules"] if r["id"] == rid)


def _problem(raw: dict[str, Any]) -> str | None:
    """The first problem: of the file's shape (the red flags by construction)
    or, for a well-formed file, of the floor's cases."""
    try:
        kb = knowledge.from_dict(raw, "edited.toml")
    except KnowledgeError as e:
        return str(e).removeprefix("edited.toml: ").split(" (and ")[0]
    return safety_floor.problem(kb)


def _floor(raw: dict[str, Any]) -> str | None:
    """The floor's cases alone, on a file the shape checks are not run on:
    the cases are a second net under the red-flag checks."""
    import msgspec

    from hipcheck.knowledge.exception_sets import expand

    return safety_floor.problem(msgspec.convert(expand(raw)[0], knowledge.KnowledgeBase))


# -- the shipped file and the cases ---------------------------------------------


def test_the_shipped_file_passes_the_floor(kb: knowledge.KnowledgeBase) -> None:
    assert safety_floor.problem(kb) is None
    assert safety_floor.load().version == kb.version


def test_the_builtin_cases_cover_every_red_flag_alone_and_in_an_ordinary_case() -> None:
    cases = {c.name: c for c in safety_floor.builtin_cases()}
    for flag in RED_FLAGS:
        alone = [c for c in cases.values() if c.answers == {flag: True}]
        assert alone and alone[0].must_be == "emergency", flag
        ordinary = [c for c in cases.values() if c.answers.get(flag) is True and len(c.answers) > 5]
        assert ordinary and ordinary[0].must_be == "emergency", flag
    assert cases["no answers"].answers == {} and cases["no answers"].must_not_be == "emergency"
    mild = cases["ordinary mild case"].answers
    assert mild["location"] == ["outer_hip"] and mild["severity"] == 3
    assert mild["duration"] == "1_to_6_weeks" and mild["fever"] is False


def test_red_flag_questions_of_the_file_become_cases(kb: knowledge.KnowledgeBase) -> None:
    names = [c.name for c in safety_floor.cases_for(kb)]
    for q in kb.questions:
        if q.red_flag and q.kind == "yes_no":
            assert f"red flag '{q.id}' alone" in names
        elif q.red_flag:  # a tick list: one case per emergency choice
            for c in q.choices:
                assert (f"red flag '{q.id} = {c.id}' alone" in names) is c.red_flag


def test_a_malformed_cases_file_is_refused() -> None:
    with pytest.raises(ValueError, match="bad keys or no level"):
        safety_floor.parse_cases({"cases": [{"name": "x", "answers": {}}]})
    with pytest.raises(ValueError, match="unknown level"):
        safety_floor.parse_cases({"cases": [{"name": "x", "answers": {}, "must_be": "panic"}]})


# -- what the floor catches ------------------------------------------------------


def test_all_emergency_rules_removed(raw: dict[str, Any]) -> None:
    raw["triage_rules"] = [r for r in raw["triage_rules"] if r["level"] != "emergency"]
    assert _floor(raw) == (
        "safety case 'cannot bear weight alone' gave self_care; it must be emergency"
    )


@pytest.mark.parametrize("flag", RED_FLAGS)
def test_each_red_flag_rule_lowered(raw: dict[str, Any], flag: str) -> None:
    rule = next(r for r in raw["triage_rules"] if r["when"] == {flag: True})
    rule["level"] = "urgent"
    name = flag.replace("_", " ")
    assert _floor(raw) == f"safety case '{name} alone' gave urgent; it must be emergency"


def test_a_red_flag_rule_pointed_at_another_question(raw: dict[str, Any]) -> None:
    _rule(raw, "fever")["when"] = {"deformity": True}
    assert _floor(raw) == "safety case 'fever alone' gave self_care; it must be emergency"


def test_a_red_flag_rule_turned_round(raw: dict[str, Any]) -> None:
    """`fever = false` misses fever and makes every ordinary case an emergency."""
    _rule(raw, "fever")["when"] = {"fever": False}
    assert _floor(raw) == (
        "safety case 'ordinary mild case' gave emergency; it must not be emergency"
    )


def test_a_red_flag_that_only_fires_alone(raw: dict[str, Any]) -> None:
    _rule(raw, "fever")["when"] = {"fever": True, "location": {"answered": False}}
    problem = str(_floor(raw))
    assert problem.startswith("safety case 'fever in an ordinary case' gave ")
    assert problem.endswith("; it must be emergency")


def test_a_rule_that_makes_an_ordinary_case_an_emergency(raw: dict[str, Any]) -> None:
    _rule(raw, "fever")["when"] = {"rest_helps": ["yes", "unsure"]}
    assert _floor(raw) == (
        "safety case 'ordinary mild case' gave emergency; it must not be emergency"
    )


def test_a_condition_rule_that_makes_no_answers_an_emergency(raw: dict[str, Any]) -> None:
    raw["condition_rules"][0]["min_score"] = 0.0001
    raw["condition_rules"][0]["level"] = "emergency"
    assert _problem(raw) == "safety case 'no answers' gave emergency; it must not be emergency"


def test_a_red_flag_question_that_is_not_an_emergency(raw: dict[str, Any]) -> None:
    next(q for q in raw["questions"] if q["id"] == "limp")["red_flag"] = True
    assert _floor(raw) == "safety case 'red flag 'limp' alone' gave urgent; it must be emergency"
    assert _problem(raw) == (
        "red flag limp = yes: needs an emergency rule whose only test is that answer "
        "(when = { limp = ... }), so that no other answer can keep it from emergency"
    )


def test_a_case_naming_a_missing_question(kb: knowledge.KnowledgeBase) -> None:
    cases = (SafetyCase("gone", {"nausea": True}, must_be="emergency"),)
    assert safety_floor.problem(kb, cases) == (
        "safety case 'gone' needs the question 'nausea', which this file does not have"
    )


def test_check_raises_one_line_naming_the_file(raw: dict[str, Any]) -> None:
    _rule(raw, "fall_older")["level"] = "self_care"
    with pytest.raises(KnowledgeError) as err:
        safety_floor.check(knowledge.from_dict(raw, "x.toml"))
    assert str(err.value) == (
        "knowledge file x.toml: safety case 'a fall at 60' gave urgent; it must be emergency"
    )


# -- the command line: every reproduction of F4 and F14 ---------------------------


def _write(tmp_path: Path, raw: dict[str, Any], name: str = "edited.toml") -> Path:
    path = tmp_path / name
    path.write_text(rtoml.dumps(raw), encoding="utf-8")
    return path


def _drop_emergency(r: dict[str, Any]) -> None:
    r["triage_rules"] = [x for x in r["triage_rules"] if x["level"] != "emergency"]


def _set(table: str, key: str, value: object) -> Any:
    return lambda r: r[table].__setitem__(key, value)


REPRODUCTIONS = {
    # F4
    "no_emergency_rules": (_drop_emergency, "red flag cannot_bear_weight = yes: needs an"),
    "fever_rule_self_care": (
        lambda r: _rule(r, "fever").__setitem__("level", "self_care"),
        "red flag fever = yes: needs an emergency rule whose only test is that answer",
    ),
    "fever_rule_wrong_question": (
        lambda r: _rule(r, "fever").__setitem__("when", {"deformity": True}),
        "red flag fever = yes: needs an emergency rule whose only test is that answer",
    ),
    "fever_rule_when_false": (
        lambda r: _rule(r, "fever").__setitem__("when", {"fever": False}),
        "red flag fever = yes: needs an emergency rule whose only test is that answer",
    ),
    "empty_match_always": (
        lambda r: _rule(r, "fever").__setitem__("when", {"fever": {}}),
        "when.fever: matches every answer, so it tests nothing",
    ),
    "none_empty_always": (
        lambda r: _rule(r, "fever").__setitem__("when", {"location": {"none": []}}),
        "when.location: matches every answer and unanswered",
    ),
    "empty_disclaimer": (
        lambda r: r.__setitem__("disclaimer", ""),
        "disclaimer: must not be empty",
    ),
    # F14
    "prior_inf": (
        lambda r: r["conditions"][0].__setitem__("prior", float("inf")),
        ".prior: must be a share within (0, 1]",
    ),
    "template_attribute": (
        _set("history", "worsening_reason", "{severity.real}"),
        "history.worsening_reason: '{severity.real}' is not a plain field",
    ),
    "template_padding": (
        _set("history", "worsening_reason", "{severity:>300000000}"),
        "history.worsening_reason: '{severity:>300000000}' has a format",
    ),
    "template_walk": (
        _set("history", "worsening_reason", "x {severity.__class__.__mro__}"),
        "is not a plain field",
    ),
    "episode_days_huge": (_set("history", "episode_days", 10**12), "history.episode_days"),
    "min_week_km_inf": (_set("load", "min_week_km", float("inf")), "load: min_week_km"),
    "acwr_caution_nan": (_set("load", "acwr_caution", float("nan")), "load: acwr_caution"),
    "recent_days_zero": (_set("load", "recent_days", 0), "load: recent_days"),
    "duplicate_screen": (
        lambda r: r["screens"].append(dict(r["screens"][0])),
        "screens: duplicate id 'safety'",
    ),
    # F10 (knowledge text)
    "escape_in_name": (
        lambda r: r["conditions"][0].__setitem__("name", "x\x1b]0;PWNED\x07\x1b[2J"),
        ".name: contains a control character (U+001B); plain text only",
    ),
    "escape_in_version": (
        lambda r: r.__setitem__("version", "1\x1b[31m"),
        "version: contains a control character",
    ),
}


@pytest.mark.parametrize("name", list(REPRODUCTIONS))
def test_validate_refuses_each_reproduction(
    kb_raw: dict[str, Any], tmp_path: Path, name: str
) -> None:
    import copy

    mutate, expected = REPRODUCTIONS[name]
    raw = copy.deepcopy(kb_raw)
    mutate(raw)
    path = _write(tmp_path, raw)
    res = run("validate", str(path))
    assert res.exit == 2, res.out
    assert res.out == ""
    assert res.err.count("\n") == 1 and "Traceback" not in res.err
    assert res.err.startswith("hipcheck: ") and "edited.toml" in res.err
    assert expected in res.err
    assert "\x1b" not in res.err


def test_every_command_refuses_a_file_below_the_floor(
    kb_raw: dict[str, Any], tmp_path: Path
) -> None:
    import copy

    raw = copy.deepcopy(kb_raw)
    raw["triage_rules"] = [x for x in raw["triage_rules"] if x["id"] != "fall_older"]
    path = _write(tmp_path, raw)
    for args in (
        ["check", "--fever", "--format", "json"],
        ["conditions"],
        ["questions"],
        ["validate"],
    ):
        res = run("--kb", str(path), *args)
        assert res.exit == 2, (args, res.out)
        assert res.out == "" and res.err.count("\n") == 1
        assert f"knowledge file {path}: safety case" in res.err, res.err


def test_the_shipped_file_still_validates() -> None:
    res = run("validate")  # the shipped file, checked in full (the interview too)
    assert res.exit == 0, res.err
    assert f"{KB_PATH}: OK" in res.out


def test_a_fifo_kb_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    res = run("--kb", str(fifo), "validate", timeout=5)  # a blocked open fails here
    assert res.exit == 2 and res.err.count("\n") == 1
    assert "not a regular file" in res.err


def test_a_deep_kb_is_one_line(tmp_path: Path) -> None:
    deep = tmp_path / "deep.toml"
    deep.write_text("x = " + "[" * 50_000 + "]" * 50_000, encoding="utf-8")
    res = run("validate", str(deep))
    assert res.exit == 2 and res.err.count("\n") == 1
    assert "deep.toml: not valid TOML" in res.err and "Traceback" not in res.err
