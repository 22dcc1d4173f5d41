"""The knowledge file loads, is complete, and broken files are reported well."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from hipcheck import knowledge
from hipcheck.errors import KnowledgeError

from .conftest import KB_PATH
from .contract import CONDITION_IDS, CONDITION_IDS_V2, QUESTIONS, QUESTIONS_V2, VALUES_V2

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
            ["(itbs).prior", "Expected `float`"],
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
        (lambda r: r["questions"][7].__setitem__("kind", "many"), ["questions[7] (location).kind"]),
        (
            lambda r: r["questions"][7].__setitem__("colour", "red"),
            ["questions[7] (location)", "colour"],
        ),
        (lambda r: r.pop("disclaimer"), ["broken.toml", "disclaimer"]),
        (lambda r: r["levels"].pop("urgent"), ["levels: missing level 'urgent'"]),
        (
            lambda r: r["questions"][17].__setitem__("ask_if", {"age": {"min": 18}}),
            ["questions[17] (rest_helps).ask_if.age", "asked earlier"],
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
    with pytest.raises(KnowledgeError, match="knowledge file not found"):
        knowledge.load(tmp_path / "nope.toml")


def test_validate_command_ok(run: Any) -> None:
    ok = run("validate", str(KB_PATH))
    assert ok.code == 0, ok.err
    assert "OK" in ok.out and "19 conditions" in ok.out


def test_validate_command_broken_file(run: Any, tmp_path: Path) -> None:
    text = KB_PATH.read_text(encoding="utf-8")
    broken = tmp_path / "edited.toml"
    broken.write_text(text.replace('"location.outer_knee" = 5.0', '"location.knee" = 5.0', 1))
    res = run("validate", str(broken))
    assert res.code == 2
    assert res.out == ""
    assert res.err.count("\n") == 1 and "Traceback" not in res.err
    assert "edited.toml" in res.err and "(itbs).weights.'location.knee'" in res.err


def test_kb_option_uses_another_file(run: Any, tmp_path: Path) -> None:
    text = KB_PATH.read_text(encoding="utf-8")
    other = tmp_path / "other.toml"
    other.write_text(text.replace('version = "2026.11.2"', 'version = "test-9"'), encoding="utf-8")
    res = run("--kb", str(other), "check", "--location", "outer-hip", "--format", "json")
    assert res.code == 0, res.err
    assert '"knowledge_version": "test-9"' in res.out
    broken = tmp_path / "broken.toml"
    broken.write_text("[[conditions]\n", encoding="utf-8")
    res = run("--kb", str(broken), "check", "--location", "outer-hip")
    assert res.code == 2 and "broken.toml: not valid TOML" in res.err


def test_shipped_file_parses_as_plain_toml() -> None:
    assert tomllib.loads(KB_PATH.read_text(encoding="utf-8"))["schema_version"] == 1
