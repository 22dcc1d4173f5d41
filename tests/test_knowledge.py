"""The knowledge file loads, is complete, and broken files are reported well."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from hipcheck import knowledge
from hipcheck.errors import KnowledgeError
from hipcheck.knowledge import from_dict

from .conftest import KB_PATH
from .contract import (
    CONDITION_IDS,
    CONDITION_IDS_V2,
    QUESTIONS,
    QUESTIONS_V2,
    QUESTIONS_V3,
    SAFETY_SCREEN_V3,
    VALUES_V2,
    VALUES_V3,
)

V1_CONDITIONS = set(CONDITION_IDS)

SEEDS = {
    "000_81c007a6d7a76203.txt",
    "001_2a985ed4aaa0401a.txt",
    "002_ce3c0a190a02efa1.txt",
    "003_639c57be144cb2eb.txt",
    "004_a859b7bf0eb14633.txt",
}


def test_default_file_loads(kb: knowledge.KnowledgeBase) -> None:
    assert kb.path.endswith("conditions.toml")
    assert kb.schema_version == 1


def test_contract_questions_and_values_exist(kb: knowledge.KnowledgeBase) -> None:
    for qid, (kind, values) in QUESTIONS.items():
        q = kb.question_by_id[qid]
        assert q.kind == kind, qid
        assert set(values) <= set(q.values), qid


def test_contract_conditions_exist(kb: knowledge.KnowledgeBase) -> None:
    assert set(CONDITION_IDS) <= set(kb.condition_by_id)


def test_contract_v2_questions_values_and_conditions_exist(kb: knowledge.KnowledgeBase) -> None:
    for qid, (kind, _) in QUESTIONS_V2.items():
        assert kb.question_by_id[qid].kind == kind, qid
    for qid, values in VALUES_V2.items():
        assert set(values) <= set(kb.question_by_id[qid].values), qid
    assert set(CONDITION_IDS_V2) <= set(kb.condition_by_id)
    screen = [q.id for q in kb.questions if q.screen == "safety"]
    assert "saddle_numbness" in screen and kb.question_by_id["saddle_numbness"].red_flag


def test_contract_v3_questions_and_values_exist(kb: knowledge.KnowledgeBase) -> None:
    for qid, (kind, values) in QUESTIONS_V3.items():
        q = kb.question_by_id[qid]
        # the contract's values first, in its order; values added after them
        assert q.kind == kind and q.values[: len(values)] == values, qid
    for qid, values in VALUES_V3.items():
        assert set(values) <= set(kb.question_by_id[qid].values), qid
    assert set(SAFETY_SCREEN_V3) <= set(kb.safety_questions)
    # the older value stays valid but is not offered beside the two finer ones
    history = kb.question_by_id["history"]
    assert "recent_pregnancy" in history.values and not history.choice("recent_pregnancy").offer


def test_reader_texts_carry_no_internal_codes(kb: knowledge.KnowledgeBase) -> None:
    import re

    codes = re.compile(r"\bseeds? \d{3}\b|\(x\d", re.IGNORECASE)
    texts = knowledge.reader_texts(kb)
    assert len(texts) > 300
    assert [where for where, text in texts if codes.search(text)] == []


def test_a_seed_code_in_reader_text_is_refused() -> None:
    raw = tomllib.loads(KB_PATH.read_text(encoding="utf-8"))
    raw["triage_rules"][0]["reason"] += " (seed 003)"
    with pytest.raises(KnowledgeError, match=r"triage_rules \(cannot_bear_weight\).*seed 003"):
        knowledge.from_dict(raw, "edited.toml")


def test_red_flag_questions_come_first(kb: knowledge.KnowledgeBase) -> None:
    ids = [q.id for q in kb.questions]
    assert ids[:3] == ["cannot_bear_weight", "deformity", "fever"]
    assert all(kb.question_by_id[i].red_flag for i in ids[:3])


def test_hopping_is_never_an_invitation_to_test(kb: knowledge.KnowledgeBase) -> None:
    q = kb.question_by_id["triggers"]
    assert "already noticed" in q.choice("hopping").label
    assert "do not test" in q.prompt


def test_every_condition_is_complete_and_sourced(kb: knowledge.KnowledgeBase) -> None:
    for c in kb.conditions:
        assert c.summary and c.feels_like and c.self_care and c.see_doctor and c.prevention, c.id
        assert c.sources, c.id
        # The seeds cover the version 1 causes; newer ones rest on clinical
        # references (athletic pubalgia and osteitis pubis are not in the seeds).
        if c.id in V1_CONDITIONS:
            assert any(s in SEEDS for s in c.sources), f"{c.id} cites no seed"
        assert c.weights, c.id


def test_seed_exercises_are_present_with_steps(kb: knowledge.KnowledgeBase) -> None:
    for ex in (
        "kneeling_hip_flexor_stretch",
        "clamshell",
        "side_lying_leg_lift",
        "monster_walk",
        "bridge",
        "figure_four_stretch",
    ):
        assert len(kb.exercise_by_id[ex].steps) >= 3, ex


def test_no_text_tells_the_user_they_have_a_condition(kb: knowledge.KnowledgeBase) -> None:
    import re

    texts = [text for _, text in knowledge.reader_texts(kb)]
    names = "|".join(re.escape(c.name.split()[0].lower()) for c in kb.conditions)
    pattern = re.compile(rf"\byou (?:probably |likely )?have (?:an? )?(?:{names})")
    assert not [t for t in texts if pattern.search(t.lower())]
    assert "possible causes to discuss with a clinician" in kb.disclaimer


def _load(raw: dict[str, Any], name: str = "broken.toml") -> knowledge.KnowledgeBase:
    return knowledge.from_dict(raw, name)


def _cond(raw: dict[str, Any], cid: str) -> dict[str, Any]:
    return next(c for c in raw["conditions"] if c["id"] == cid)


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda r: _cond(r, "itbs").pop("name"), ["broken.toml", "conditions[", "(itbs)", "name"]),
        (
            lambda r: _cond(r, "itbs").__setitem__("prior", "high"),
            ["(itbs).prior", "expected a number, not a text"],
        ),
        (
            lambda r: _cond(r, "itbs")["weights"].__setitem__("locaton.outer_knee", 2.0),
            ["(itbs).weights.'locaton.outer_knee'", "names no question"],
        ),
        (
            lambda r: _cond(r, "itbs")["weights"].__setitem__("location.knee", 2.0),
            ["(itbs).weights.'location.knee'", "'knee' is not a value of location", "outer_knee"],
        ),
        (
            lambda r: _cond(r, "itbs")["weights"].__setitem__("location.outer_knee", 0),
            ["(itbs).weights.'location.outer_knee'", "likelihood ratio must be > 0"],
        ),
        (
            lambda r: r["conditions"].append(dict(_cond(r, "itbs"))),
            ["conditions: duplicate id 'itbs'"],
        ),
        (
            lambda r: _cond(r, "itbs")["exercises"].append("moonwalk"),
            ["(itbs).exercises", "'moonwalk' is not an exercise id"],
        ),
        (
            lambda r: _cond(r, "itbs")["sources"].append("Wikipedia"),
            ["(itbs).sources", "'Wikipedia' is not declared"],
        ),
        (
            lambda r: r["triage_rules"][0].__setitem__("when", {"cannot_walk": True}),
            ["triage_rules[0] (cannot_bear_weight).when.cannot_walk", "names no question"],
        ),
        (
            lambda r: r["triage_rules"][0].__setitem__("level", "panic"),
            ["triage_rules[0]", "level", "Invalid enum value 'panic'"],
        ),
        (lambda r: r["questions"][8].__setitem__("kind", "many"), ["questions[8] (location).kind"]),
        (
            lambda r: r["questions"][8].__setitem__("colour", "red"),
            ["questions[8] (location)", "colour"],
        ),
        (lambda r: r.pop("disclaimer"), ["broken.toml", "disclaimer"]),
        (lambda r: r["levels"].pop("urgent"), ["levels: missing level 'urgent'"]),
        (
            lambda r: r["questions"][19].__setitem__("ask_if", {"age": {"min": 18}}),
            ["questions[19] (rest_helps).ask_if.age", "asked earlier"],
        ),
    ],
)
def test_broken_knowledge_is_reported_with_table_and_key(
    raw: dict[str, Any], mutate: Any, expected: list[str]
) -> None:
    mutate(raw)
    with pytest.raises(KnowledgeError) as err:
        _load(raw)
    message = str(err.value)
    assert "\n" not in message
    for part in expected:
        assert part in message


def test_malformed_toml_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("schema_version = = 1\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"bad\.toml: not valid TOML"):
        knowledge.load(bad)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match=r"knowledge file '.*nope\.toml': file not found"):
        knowledge.load(tmp_path / "nope.toml")


def test_validate_command_ok(run: Any) -> None:
    ok = run("validate", str(KB_PATH))
    assert ok.exit == 0, ok.err
    assert "OK" in ok.out and "19 conditions" in ok.out


def test_validate_command_broken_file(run: Any, tmp_path: Path) -> None:
    text = KB_PATH.read_text(encoding="utf-8")
    broken = tmp_path / "edited.toml"
    broken.write_text(text.replace('"location.outer_knee" = 5.0', '"location.knee" = 5.0', 1))
    res = run("validate", str(broken))
    assert res.exit == 2
    assert res.out == ""
    assert res.err.count("\n") == 1 and "Traceback" not in res.err
    assert "edited.toml" in res.err and "(itbs).weights.'location.knee'" in res.err


def test_kb_option_uses_another_file(run: Any, tmp_path: Path) -> None:
    text = KB_PATH.read_text(encoding="utf-8")
    other = tmp_path / "other.toml"
    version = re.search(r'^version = "[^"]*"', text, re.MULTILINE)
    assert version is not None
    other.write_text(text.replace(version.group(0), 'version = "test-9"'), encoding="utf-8")
    res = run("--kb", str(other), "check", "--location", "outer-hip", "--format", "json")
    assert res.exit == 0, res.err
    assert '"knowledge_version": "test-9"' in res.out
    broken = tmp_path / "broken.toml"
    broken.write_text("[[conditions]\n", encoding="utf-8")
    res = run("--kb", str(broken), "check", "--location", "outer-hip")
    assert res.exit == 2 and "broken.toml: not valid TOML" in res.err


def test_shipped_file_parses_as_plain_toml() -> None:
    assert tomllib.loads(KB_PATH.read_text(encoding="utf-8"))["schema_version"] == 1


# -- reliability review F4 / F14: checks beyond types --------------------------


def _q(raw: dict[str, Any], qid: str) -> dict[str, Any]:
    return next(q for q in raw["questions"] if q["id"] == qid)


def _rule(raw: dict[str, Any], rid: str) -> dict[str, Any]:
    return next(r for r in raw["triage_rules"] if r["id"] == rid)


def _refused(raw: dict[str, Any], *parts: str) -> str:
    with pytest.raises(KnowledgeError) as err:
        _load(raw)
    message = str(err.value)
    assert message.startswith("broken.toml: ") and "\n" not in message
    for part in parts:
        assert part in message, message
    return message


@pytest.mark.parametrize(
    ("test", "expected"),
    [
        ({"fever": {}}, "(fever).when.fever: matches every answer, so it tests nothing"),
        ({"location": {"none": []}}, "when.location: matches every answer and unanswered"),
        ({"location": {"all": []}}, "when.location: matches every answer"),
        ({"fever": {"any": ["yes", "no"]}}, "when.fever: matches every answer"),
        ({"fever": {"none": []}, "deformity": True}, "when.fever: matches every answer"),
        ({"severity": {"min": 0}}, "when.severity: matches every answer"),
        ({"severity": {"min": -5, "max": 99}}, "when.severity: matches every answer"),
        ({"location": {"any": []}}, "when.location: can never hold"),
        ({"location": []}, "when.location: can never hold"),
        ({"side": ["left", "right", "both"]}, "when.side: matches every answer"),
        ({"fever": "yes"}, "when.fever: write true or false for a yes/no question"),
        ({"severity": {"min": 11}}, "when.severity: can never hold"),
        ({"severity": {"min": 6, "max": 4}}, "when.severity: can never hold"),
        ({"fever": {"answered": True, "any": ["yes"], "none": ["yes"]}}, "can never hold"),
        ({"severity": {"min": float("nan")}}, "when.severity: min and max must be finite"),
        ({"severity": {"max": float("inf")}}, "when.severity: min and max must be finite"),
    ],
)
def test_a_when_test_that_matches_everything_or_nothing_is_refused(
    raw: dict[str, Any], test: dict[str, Any], expected: str
) -> None:
    _rule(raw, "fever")["when"] = test
    _refused(raw, "triage_rules[", expected)


@pytest.mark.parametrize(
    "test",
    [
        {"fever": {"answered": True}},
        {"location": {"none": ["outer_hip"]}},
        {"severity": {"min": 4.5, "max": 4.7}},
        {"severity": {"max": 0}},
        {"location": ["outer_hip", "groin"]},
    ],
)
def test_a_when_test_with_a_real_condition_is_accepted(
    raw: dict[str, Any], test: dict[str, Any]
) -> None:
    # an urgent rule; broad (unless it tests a red flag), since a test that
    # holds unanswered may end it
    rule = _rule(raw, "weakness")
    rule.update(when=test, broad="fever" not in test)
    if "fever" in test:  # a red-flag test: no exceptions
        rule.pop("unless", None)
        rule.pop("lowered", None)
    _load(raw)


def test_an_empty_when_is_refused_everywhere(raw: dict[str, Any]) -> None:
    _rule(raw, "fever")["when"] = {}
    _refused(raw, "(fever).when: must test at least one answer")


def test_an_ask_if_that_always_holds_is_refused(raw: dict[str, Any]) -> None:
    _q(raw, "onset")["ask_if"] = {"injury": {"none": []}}
    _refused(raw, "(onset).ask_if.injury: matches every answer")


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_an_empty_disclaimer_is_refused(raw: dict[str, Any], text: str) -> None:
    raw["disclaimer"] = text
    _refused(raw, "disclaimer: must not be empty")


def test_an_empty_rule_reason_is_refused(raw: dict[str, Any]) -> None:
    _rule(raw, "fever")["reason"] = " "
    _refused(raw, "triage_rules (fever).reason: must not be empty")


def test_duplicate_screen_and_pain_relief_ids_are_refused(raw: dict[str, Any]) -> None:
    raw["screens"].append(dict(raw["screens"][0]))
    _refused(raw, "screens: duplicate id 'safety'")
    raw["screens"].pop()
    bone = next(p for p in raw["plan"]["pain_relief"] if p["id"] == "bone")
    raw["plan"]["pain_relief"].append(dict(bone))
    _refused(raw, "plan.pain_relief: duplicate id 'bone'")


def test_a_pain_relief_line_for_some_runners_tests_answers_given(raw: dict[str, Any]) -> None:
    line = next(p for p in raw["plan"]["pain_relief"] if p["id"] == "pregnancy")
    line["when"] = {"history": {"none": ["pregnant_now"]}}
    _refused(raw, "plan.pain_relief (pregnancy).when.history: an exception tests answers given")


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda r: _cond(r, "itbs").__setitem__("prior", float("inf")), "(itbs).prior: must be"),
        (lambda r: _cond(r, "itbs").__setitem__("prior", float("nan")), "(itbs).prior: must be"),
        (lambda r: _cond(r, "itbs").__setitem__("prior", 0), "(itbs).prior: must be a share"),
        (lambda r: _cond(r, "itbs").__setitem__("prior", 1.5), "(itbs).prior: must be a share"),
        (
            lambda r: _cond(r, "itbs")["weights"].__setitem__("location.outer_knee", float("inf")),
            "likelihood ratio must be > 0",
        ),
        (
            lambda r: _cond(r, "itbs")["weights"].__setitem__("location.outer_knee", float("nan")),
            "likelihood ratio must be > 0",
        ),
        (lambda r: r["history"].__setitem__("episode_days", 10**8), "history.episode_days"),
        (lambda r: r["history"].__setitem__("episode_days", 10**12), "history.episode_days"),
        (lambda r: r["history"].__setitem__("episode_days", 0), "history.episode_days"),
        (lambda r: r["history"].__setitem__("not_improving_days", -1), "not_improving_days"),
        (lambda r: r["history"].__setitem__("worsening_by", float("nan")), "worsening_by"),
        (lambda r: r["history"].__setitem__("worsening_by", 0), "worsening_by"),
        (
            lambda r: r["plan"]["likelihood"][0].__setitem__("min_score", float("nan")),
            "plan.likelihood (more likely).min_score",
        ),
        (lambda r: _q(r, "severity").__setitem__("max", float("inf")), "needs finite min < max"),
        (lambda r: _q(r, "severity").__setitem__("min", float("nan")), "needs finite min < max"),
        (
            lambda r: r["condition_rules"][0].__setitem__("min_score", float("nan")),
            "condition_rules[0].min_score",
        ),
        (lambda r: r["load"].__setitem__("min_week_km", float("inf")), "load: min_week_km"),
        (lambda r: r["load"].__setitem__("acwr_caution", float("nan")), "load: acwr_caution"),
        (lambda r: r["load"].__setitem__("recent_days", 0), "load: recent_days"),
        (lambda r: r["load"].__setitem__("recent_days", -100), "load: recent_days"),
    ],
)
def test_numbers_out_of_range_or_not_finite_are_refused(
    raw: dict[str, Any], mutate: Any, expected: str
) -> None:
    mutate(raw)
    _refused(raw, expected)


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("{severity.real}", "'{severity.real}' is not a plain field"),
        ("x {severity.__class__.__mro__} {first_date.__class__.__init__}", "not a plain field"),
        ("{severity[0]}", "not a plain field"),
        ("{severity:>300000000}", "has a format"),
        ("{severity!r}", "has a format"),
        ("worse {}", "not a plain field"),
        ("{0}", "not a plain field"),
        ("{colour}", "unknown field {colour}; use {severity}, {first_severity}"),
        ("worse {severity", "braces do not match"),
        ("worse }", "braces do not match"),
    ],
)
def test_history_templates_take_plain_fields_only(
    raw: dict[str, Any], template: str, expected: str
) -> None:
    raw["history"]["worsening_reason"] = template
    _refused(raw, "history.worsening_reason: ", expected)


def test_the_unanswered_template_takes_questions_only(raw: dict[str, Any]) -> None:
    raw["default_reason_unanswered"] = "Skipped: {questions[0]}"
    _refused(raw, "default_reason_unanswered: ", "not a plain field")
    raw["default_reason_unanswered"] = "Skipped: {severity}"
    _refused(raw, "default_reason_unanswered: unknown field {severity}; use {questions}")


def test_fill_puts_in_plain_fields_and_nothing_else() -> None:
    from hipcheck.knowledge.templates import TemplateError, fill, problem

    assert fill("{a} and {b}, {{a}}", a=1, b="two") == "1 and two, {a}"
    assert fill("no fields") == "no fields"
    assert problem("{a}", ["a"]) is None
    for bad in ("{a.b}", "{a:>9}", "{a!s}", "{a[0]}", "{", "{0}"):
        with pytest.raises(TemplateError):
            fill(bad, a="x")
    with pytest.raises(TemplateError, match="unknown field"):
        fill("{b}", a="x")


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda r: _cond(r, "itbs").__setitem__("name", "IT band\x1b[2J"), "(itbs).name"),
        (lambda r: r.__setitem__("version", "1\x1b]0;PWNED\x07"), "version: contains"),
        (lambda r: _rule(r, "fever").__setitem__("reason", "x\x9b31m"), "(fever).reason"),
        (lambda r: _rule(r, "fever").__setitem__("advice", "x\u202ey"), "(fever).advice"),
        (lambda r: _q(r, "fever").__setitem__("prompt", "tab\there"), "(fever).prompt"),
        (lambda r: r["sources"].__setitem__("x\x1b", r["sources"]["NICE NG59"]), "the key"),
        (lambda r: r["levels"]["urgent"].__setitem__("title", "\x00"), "levels.urgent.title"),
    ],
)
def test_control_characters_in_knowledge_text_are_refused(
    raw: dict[str, Any], mutate: Any, expected: str
) -> None:
    mutate(raw)
    message = _refused(raw, expected, "control character")
    assert message.isprintable()


def test_a_line_break_inside_a_text_is_allowed(raw: dict[str, Any]) -> None:
    _cond(raw, "itbs")["summary"] += "\nSecond line."
    _load(raw)


# -- bounded reading (review F8) ------------------------------------------------


def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "kb.toml"
    os.mkfifo(fifo)
    with pytest.raises(KnowledgeError, match="not a regular file"):
        knowledge.load(fifo)


def test_a_device_and_a_folder_are_refused(tmp_path: Path) -> None:
    zero = tmp_path / "zero.toml"
    zero.symlink_to("/dev/zero")
    with pytest.raises(KnowledgeError, match="not a regular file"):
        knowledge.load(zero)
    with pytest.raises(KnowledgeError, match="is a folder"):
        knowledge.load(tmp_path)


def test_a_huge_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    big = tmp_path / "big.toml"
    with big.open("wb") as f:
        f.truncate(200 * 1024 * 1024)  # sparse: 200 MB of NULs
    with pytest.raises(KnowledgeError, match="larger than the limit of 4 MB"):
        knowledge.load(big)


@pytest.mark.parametrize(
    "text",
    [
        "x = " + "[" * 50_000 + "]" * 50_000,
        "x = " + "{a = " * 3_000 + "1" + "}" * 3_000,
        "a" + ".a" * 40_000 + " = 1",
    ],
    ids=["deep-array", "deep-inline-table", "dotted-key-bomb"],
)
def test_deep_nesting_is_one_line(tmp_path: Path, text: str) -> None:
    deep = tmp_path / "deep.toml"
    deep.write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeError) as err:
        knowledge.load(deep)
    assert "deep.toml: not valid TOML" in str(err.value) and "\n" not in str(err.value)


def test_a_path_with_escapes_is_quoted(tmp_path: Path) -> None:
    bad = tmp_path / "x\x1b]0;PWNED\x07.toml"
    bad.write_text("schema_version = = 1\n", encoding="utf-8")
    with pytest.raises(KnowledgeError) as err:
        knowledge.load(bad)
    assert "\x1b" not in str(err.value) and "\\x1b" in str(err.value)


def test_every_control_character_is_found_wherever_it_is() -> None:
    from hipcheck.knowledge.loader import _plain_text

    controls = [chr(c) for c in [*range(32), *range(127, 160)] if chr(c) != "\n"]
    controls += ["\u061c", "\u200e", "\u200f", *map(chr, range(0x202A, 0x202F)), "\u2066"]
    for ch in controls:
        for raw in ({"a": [{"b": f"x{ch}y"}]}, {"a": {f"k{ch}": 1}}, {"a": f"\\{ch}"}):
            assert _plain_text(raw) is not None, (repr(ch), raw)
    assert _plain_text({"a": ["line\nbreak", "back\\slash", "café ✓"]}) is None


# -- exceptions (`unless`) only on broad rules ------------------------------------

_EXCEPTION = [{"severity": {"max": 3}}]
_LOWERED = {"level": "self_care", "reason": "Lowered."}
_LOWERED_R = {"level": "routine", "reason": "Lowered."}


@pytest.mark.parametrize(
    ("rid", "change", "expected"),
    [
        ("locking", {"unless": _EXCEPTION}, "only a rule marked broad = true"),
        ("fever", {"broad": True}, "(fever).broad: an emergency or red-flag rule cannot be broad"),
        (
            "injury",
            {"unless": [{"limp": {"none": ["yes"]}}]},
            "an exception tests answers given (none only beside a test that does)",
        ),
        ("injury", {"lowered": {"level": "emergency", "reason": "x"}}, "must be below"),
        ("injury", {"unless": [{}]}, "unless[0]: must test at least one answer"),
        ("night_pain", {"lowered": _LOWERED}, "only a rule with exceptions (unless) is lowered"),
        (
            "locking",
            {"when": {"fever": {"answered": False}}},
            "(locking).when.fever: an urgent rule that holds while a question is unanswered",
        ),
        (
            "hopping",
            {"when": {"triggers": ["hopping"], "age": {"answered": False}}},
            "(hopping).when.age: an urgent rule that holds while a question is unanswered",
        ),
        (
            "injury",
            {"lowered": {**_LOWERED_R, "unless": [{"limp": {"none": ["yes"]}}]}},
            "lowered.unless[0].limp: an exception tests answers given (none only",
        ),
        (
            "injury",
            {"lowered": {**_LOWERED_R, "unless": [{}]}},
            "lowered.unless[0]: must test at least one answer",
        ),
        (  # "None of these" (an empty list) is an answer: the rule would miss it
            "adolescent_sudden_location_unknown",
            {"when": {"age": {"max": 17}, "onset": "sudden", "location": {"answered": False}}},
            "when.location: 'answered = false' on a tick list holds only while it is skipped",
        ),
    ],
)
def test_exceptions_only_on_broad_rules_and_positive_answers(
    raw: dict[str, Any], rid: str, change: dict[str, Any], expected: str
) -> None:
    _rule(raw, rid).update(change)
    _refused(raw, expected)


def test_a_broad_rule_with_exceptions_loads(raw: dict[str, Any]) -> None:
    _rule(raw, "night_pain").update({"unless": _EXCEPTION, "lowered": _LOWERED})
    rule = next(r for r in _load(raw).triage_rules if r.id == "night_pain")
    assert rule.broad and rule.lowered is not None and rule.lowered.level == "self_care"


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda r: r["regions"].update(lateral=["elbow"]), "'elbow' is not a location value"),
        (lambda r: r["priors"][0].update(region="nowhere"), "'nowhere' is not in ranking.regions"),
        (lambda r: r["priors"][0].update(sources=[]), "each cell needs a published case mix"),
        (lambda r: r["priors"][0]["factors"].update(knee=2.0), "'knee' is not a condition"),
        (lambda r: r["clusters"][0].update(answers=["triggers.hop"]), "is not question.value"),
        (lambda r: r["clusters"][1].update(answers=r["clusters"][0]["answers"]), "already in"),
        (lambda r: r["clusters"][0].update(cap=0.5), "cap: must be a number of at least 1"),
        (lambda r: r["unticked"].update(ratio=1.5), "ratio must be within (0, 1]"),
        (
            lambda r: r["unticked"]["expected"].update(knee=["location.groin"]),
            "'knee' is not a condition",
        ),
        (
            lambda r: r["unticked"]["expected"].update(itbs=["location.elbow"]),
            "'location.elbow' is not question.value",
        ),
        (lambda r: r["other"]["weights"].update({"fever.maybe": 2.0}), "is not question.value"),
        (lambda r: r["calibration"].update(temperature=0), "temperature: must be within"),
        (lambda r: r["calibration"].update(bias={"knee": 1.0}), "'knee' is not a condition"),
        (lambda r: r["fit"].update(weak=0.9, poor=0.5), "weak <= poor"),
    ],
)
def test_ranking_tables_are_checked(raw: dict[str, Any], edit: Any, message: str) -> None:
    """[ranking] names only declared locations, conditions, answers and
    sources, and its numbers make sense: one clear problem, not a crash."""
    edit(raw["ranking"])
    with pytest.raises(KnowledgeError, match=re.escape(message)):
        from_dict(raw)


def test_a_wrong_type_in_a_table_of_tests_names_the_question(raw: dict[str, Any]) -> None:
    """Round 4: msgspec leaves a table's key out of its path (`[...]`), and
    the message read "ranking.fit.poor_when[0]....[0]"."""
    raw["ranking"]["fit"]["poor_when"] = [{"age": [60]}]
    with pytest.raises(KnowledgeError, match=re.escape("ranking.fit.poor_when[0].age[0]: ")):
        knowledge.from_dict(raw, "edited.toml")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("", "the field 'schema_version' is missing"),
        ('schema_version = "one"', "schema_version: expected a whole number, not a text"),
    ],
)
def test_the_parsers_messages_are_in_plain_words(
    tmp_path: Path, content: str, expected: str
) -> None:
    """`validate` said "Object missing required field `schema_version`" and
    "Expected `str`, got `int`" (a new user's review, stop 41)."""
    path = tmp_path / "kb.toml"
    path.write_text(content)
    with pytest.raises(KnowledgeError) as e:
        knowledge.load(path)
    assert str(e.value).endswith(expected), str(e.value)
    assert "`" not in str(e.value)
