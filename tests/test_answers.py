"""One parse-and-validate path for flags, files and prompts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hipcheck.core.answers import merge, parse_answer, parse_answers, read_answers_file
from hipcheck.errors import AnswerError
from hipcheck.knowledge import KnowledgeBase

from .contract import NUMBER_RANGES, QUESTIONS
from .helpers import run


@pytest.mark.parametrize("qid", list(QUESTIONS))
def test_every_contract_value_is_accepted_in_both_spellings(kb: KnowledgeBase, qid: str) -> None:
    q = kb.question_by_id[qid]
    kind, values = QUESTIONS[qid]
    if kind == "yes_no":
        assert parse_answer(q, True) is True
        assert parse_answer(q, "no") is False
    elif kind == "number":
        lo, hi = NUMBER_RANGES[qid]
        assert parse_answer(q, lo) == lo and parse_answer(q, hi) == hi
        assert parse_answer(q, str(hi)) == hi
    elif kind == "one":
        for v in values:
            assert parse_answer(q, v) == v
            assert parse_answer(q, v.replace("_", "-")) == v
    else:
        assert parse_answer(q, list(values)) == values
        assert parse_answer(q, ",".join(v.replace("_", "-") for v in values)) == values


def test_several_deduplicates_and_accepts_empty(kb: KnowledgeBase) -> None:
    q = kb.question_by_id["location"]
    assert parse_answer(q, ["groin", "groin", "outer-hip,buttock"]) == (
        "groin",
        "outer_hip",
        "buttock",
    )
    assert parse_answer(q, []) == ()


@pytest.mark.parametrize(
    ("qid", "raw", "expected"),
    [
        (
            "location",
            "knee",
            "location: 'knee' is not allowed (did you mean outer_knee or inner_knee?); "
            "allowed: outer_hip, front_hip",
        ),
        ("location", 3, "location: 3 is not a list of values"),
        ("location", [3], "location: 3 is not a text value"),
        ("side", ["left"], "side: ['left'] is not a text value"),
        ("severity", 11, "severity: 11 is out of range; allowed: a number from 0 to 10"),
        ("severity", -1, "is out of range"),
        ("severity", True, "severity: true is not a number"),
        ("severity", "six", "severity: 'six' is not a number"),
        ("severity", float("nan"), "is out of range"),
        ("severity", 1e308, "is out of range"),
        ("age", 9, "age: 9 is out of range; allowed: a number from 10 to 100"),
        ("injury", "maybe", "injury: 'maybe' is not allowed; allowed: yes or no"),
        ("injury", 1, "injury: 1 is not allowed"),
        ("sex", None, "sex: null is not a text value"),
    ],
)
def test_bad_values_name_question_value_and_allowed(
    kb: KnowledgeBase, qid: str, raw: object, expected: str
) -> None:
    with pytest.raises(AnswerError) as err:
        parse_answer(kb.question_by_id[qid], raw)
    assert expected in str(err.value)
    assert "\n" not in str(err.value)


def test_unknown_key_suggests(kb: KnowledgeBase) -> None:
    with pytest.raises(
        AnswerError, match=r"unknown question 'locaton' \(did you mean 'location'\?\)"
    ):
        parse_answers(kb, {"locaton": ["groin"]})


def test_json_and_toml_files(kb: KnowledgeBase, tmp_path: Path) -> None:
    j = tmp_path / "a.json"
    j.write_text(json.dumps({"location": ["outer_hip"], "severity": 4, "injury": False}))
    t = tmp_path / "a.toml"
    t.write_text('location = ["outer-hip"]\nseverity = 4\ninjury = false\n')
    expected = {"location": ("outer_hip",), "severity": 4, "injury": False}
    assert read_answers_file(kb, j) == expected
    assert read_answers_file(kb, t) == expected


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("a.json", "{not json", "answers file {p}: not valid JSON: Expecting property name"),
        ("a.json", "[1, 2]", "must hold an object"),
        ("a.toml", "location = [", "answers file {p}: not valid TOML"),
        ("a.yaml", "location: groin", "unsupported extension '.yaml'; use .json or .toml"),
        ("a.json", '{"severity": "high"}', "answers file {p}: severity: 'high' is not a number"),
        ("a.json", '{"colour": "red"}', "answers file {p}: unknown question 'colour'"),
        ("a.json", "[" * 100000 + "]" * 100000, "answers file {p}: nested too deeply"),
    ],
)
def test_bad_files(
    kb: KnowledgeBase, tmp_path: Path, name: str, content: str, expected: str
) -> None:
    p = tmp_path / name
    p.write_text(content)
    with pytest.raises(AnswerError) as err:
        read_answers_file(kb, p)
    assert expected.format(p=p) in str(err.value)


def test_unreadable_files(kb: KnowledgeBase, tmp_path: Path) -> None:
    with pytest.raises(AnswerError, match="file not found"):
        read_answers_file(kb, tmp_path / "missing.json")
    binary = tmp_path / "b.json"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(AnswerError, match="not UTF-8"):
        read_answers_file(kb, binary)
    folder = tmp_path / "dir.json"
    folder.mkdir()
    with pytest.raises(AnswerError, match="is a folder"):
        read_answers_file(kb, folder)


def test_merge_later_layers_win() -> None:
    assert merge([{"severity": 3, "side": "left"}, {"severity": 7}]) == {
        "severity": 7,
        "side": "left",
    }


# --- reliability review F3 and F19 -------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("d.json", '{"fever": true, "fever": false}', "'fever' is given twice"),
        ("d.json", '{"severity": 4, "severity": 9}', "'severity' is given twice"),
        ("d.toml", "fever = true\nfever = false\n", "once (at line 2 column 1)"),
        ("d.toml", 'fever = true\n"fever" = false\n', "'fever' is given twice"),
        ("d.toml", "severity = 4\n  severity=9 # again\n", "'severity' is given twice"),
    ],
)
def test_a_key_given_twice_is_refused_naming_it(
    kb: KnowledgeBase, tmp_path: Path, name: str, content: str, expected: str
) -> None:
    """The last value used to win silently, so a red flag could be dropped."""
    p = tmp_path / name
    p.write_text(content)
    with pytest.raises(AnswerError) as err:
        read_answers_file(kb, p)
    assert str(err.value).startswith(f"answers file {p}: ")
    assert expected in str(err.value)


def test_json_null_means_unanswered(kb: KnowledgeBase, tmp_path: Path) -> None:
    p = tmp_path / "n.json"
    p.write_text('{"fever": null, "location": null, "severity": 4}')
    assert read_answers_file(kb, p) == {"severity": 4}
    assert parse_answers(kb, {"fever": None}) == {}
    with pytest.raises(AnswerError, match="unknown question 'colour'"):
        parse_answers(kb, {"colour": None})  # a null does not hide a bad key


@pytest.mark.parametrize("raw", [4.5, "4.5", ".5", 0.1])
def test_decimals_are_refused_where_a_whole_number_is_asked(kb: KnowledgeBase, raw: object) -> None:
    with pytest.raises(AnswerError, match="is not a whole number; allowed: a number from 0 to 10"):
        parse_answer(kb.question_by_id["severity"], raw)


def test_whole_numbers_written_as_decimals_are_accepted(kb: KnowledgeBase) -> None:
    severity, age = kb.question_by_id["severity"], kb.question_by_id["age"]
    assert parse_answer(severity, 4.0) == 4 and parse_answer(severity, "4.0") == 4
    assert parse_answer(age, " 44 ") == 44 and parse_answer(age, "+44") == 44


def test_every_accepted_number_counts_as_evidence(kb: KnowledgeBase) -> None:
    """A number that falls in no band would silently count for nothing (3.5
    between "mild" 0-3 and "moderate" 4-6): it must be refused instead."""
    for q in kb.questions:
        if q.kind != "number" or not q.bands:
            continue
        assert q.min is not None and q.max is not None
        steps = int((q.max - q.min) * 4)
        for i in range(steps + 1):
            value = q.min + i / 4
            try:
                parsed = parse_answer(q, value)
            except AnswerError:
                continue
            assert isinstance(parsed, int | float) and q.band_of(parsed) is not None, (q.id, value)


@pytest.mark.parametrize("raw", ["1_0", "1e1", "\u0663", "\uff15", "0x5", "nan", "inf", "", "--4"])
def test_number_text_is_plain_digits(kb: KnowledgeBase, raw: str) -> None:
    """float() accepts `1_0`, exponents and non-ASCII digits; answers do not."""
    with pytest.raises(AnswerError, match="is not a number"):
        parse_answer(kb.question_by_id["severity"], raw)


def test_severity_flag_1_0_is_refused(run: Any) -> None:
    res = run("check", "--severity", "1_0", "--format", "json")
    assert res.exit == 2 and "--severity: '1_0' is not a number" in res.err


def test_answers_files_with_a_bom_are_read(kb: KnowledgeBase, tmp_path: Path) -> None:
    j = tmp_path / "a.json"
    j.write_text('{"fever": true}', encoding="utf-8-sig")
    t = tmp_path / "a.toml"
    t.write_text("fever = true\n", encoding="utf-8-sig")
    assert read_answers_file(kb, j) == read_answers_file(kb, t) == {"fever": True}


def test_duplicate_key_through_the_cli_is_one_line(tmp_path: Path) -> None:
    p = tmp_path / "dup.json"
    p.write_text('{"fever": true, "fever": false}')
    res = run("check", "--answers", str(p), "--format", "json")
    assert res.exit == 2 and res.out == ""
    assert (
        res.err == f"hipcheck: answers file {p}: 'fever' is given twice; give each question once\n"
    )


def test_paths_with_control_characters_are_escaped(kb: KnowledgeBase, tmp_path: Path) -> None:
    p = tmp_path / "\x1b]0;PWNED\x07.json"
    with pytest.raises(AnswerError) as err:
        read_answers_file(kb, p)
    assert "\x1b" not in str(err.value) and "\\x1b]0;PWNED" in str(err.value)
