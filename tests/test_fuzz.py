"""Any input either gives a result or exits 2 with one clear line: never a traceback."""

from __future__ import annotations

import copy
import json
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import strategies as st

from hipcheck import knowledge
from hipcheck.errors import KnowledgeError

from .helpers import examples, run
from .strategies import KB, json_values

#: Thousands of generated examples: in CI, not in the inner loop.
pytestmark = pytest.mark.slow

QIDS = [q.id for q in KB.questions]
SETTINGS = examples(150, suppress_health_check=[HealthCheck.too_slow])


def call(*argv: str) -> tuple[int, str, str]:
    res = run(*argv)
    return res.exit, res.out, res.err


def assert_clean(code: int, out: str, err: str) -> None:
    assert code in (0, 2), (code, err)
    if code == 0:
        json.loads(out)
    else:
        assert err.startswith("hipcheck: ") and err.count("\n") == 1, err
        assert "Traceback" not in err and out == ""


def check_file(suffix: str, content: str | bytes) -> None:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / f"answers{suffix}"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", errors="surrogatepass")
        assert_clean(*call("check", "--answers", str(path), "--format", "json"))


@SETTINGS
@given(st.dictionaries(st.sampled_from(QIDS) | st.text(max_size=12), json_values, max_size=6))
def test_random_json_answers_files(doc: dict[str, Any]) -> None:
    check_file(".json", json.dumps(doc))


@SETTINGS
@given(json_values)
def test_random_json_documents(doc: Any) -> None:
    check_file(".json", json.dumps(doc))


@SETTINGS
@given(st.text(max_size=200))
def test_random_text_as_json_and_toml(text: str) -> None:
    check_file(".json", text.encode("utf-8", "surrogatepass"))
    check_file(".toml", text.encode("utf-8", "surrogatepass"))


@SETTINGS
@given(
    st.sampled_from(QIDS),
    st.one_of(st.text(max_size=20), st.integers(-(10**30), 10**30).map(str), st.floats().map(str)),
)
def test_random_toml_values(qid: str, value: str) -> None:
    check_file(".toml", f"{qid} = {json.dumps(value)}\n")
    check_file(".toml", f"{qid} = [{json.dumps(value)}]\n")


@pytest.mark.parametrize(
    "content",
    [
        '{"severity": ' + "9" * 5000 + "}",  # more digits than Python will parse
        '{"severity": 1e999}',
        '{"severity": NaN}',
        '{"location": ' + "[" * 5000 + "]" * 5000 + "}",
        '{"location": ["\\ud800"]}',
        '{"side": "l\u00e9ft"}',
        '{"age": {"years": 40}}',
    ],
)
def test_nasty_json(content: str) -> None:
    check_file(".json", content)


FLAGS = ["--location", "--side", "--onset", "--duration", "--severity", "--age", "--triggers", "-d"]


@SETTINGS
@given(st.sampled_from(FLAGS), st.text(max_size=30))
def test_random_flag_strings(flag: str, value: str) -> None:
    if "\x00" in value:
        value = value.replace("\x00", "")
    assert_clean(*call("check", flag, value, "--format", "json"))


# -- knowledge-file mutations -------------------------------------------------

RAW = tomllib.loads(Path(KB.path).read_text(encoding="utf-8"))
TABLES = ["questions", "conditions", "exercises", "triage_rules"]
REQUIRED = {
    "questions": ["id", "kind", "prompt", "help", "section", "short"],
    "conditions": ["id", "name", "summary", "feels_like", "prior", "weights", "self_care",
                   "prevention", "see_doctor", "sources"],
    "exercises": ["id", "name", "purpose", "steps", "dose", "sources"],
    "triage_rules": ["id", "level", "when", "reason"],
}  # fmt: skip


def broken(mutate: Any) -> str:
    raw = copy.deepcopy(RAW)
    where = mutate(raw)
    with pytest.raises(KnowledgeError) as err:
        knowledge.from_dict(raw, "mutated.toml")
    message = str(err.value)
    assert message.startswith("mutated.toml: ") and "\n" not in message
    return message if where is None else message + "|" + where


@examples(120)
@given(st.sampled_from(TABLES), st.data())
def test_removed_field_is_named(table: str, data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(RAW[table]) - 1))
    key = data.draw(st.sampled_from(REQUIRED[table]))
    message = broken(lambda raw: raw[table][i].pop(key) and None)
    assert f"{table}[{i}]" in message and key in message


@examples(120)
@given(st.sampled_from(TABLES), st.data())
def test_wrong_type_is_named(table: str, data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(RAW[table]) - 1))
    key = data.draw(st.sampled_from(REQUIRED[table]))
    message = broken(lambda raw: raw[table][i].__setitem__(key, {"oops": [1]}))
    assert f"{table}[{i}]" in message and key in message


@examples(60)
@given(st.integers(0, len(RAW["conditions"]) - 1), st.text("abcdefgh_", min_size=3, max_size=10))
def test_unknown_question_in_weights_is_named(i: int, qid: str) -> None:
    if qid in KB.question_by_id:
        return
    message = broken(lambda raw: raw["conditions"][i]["weights"].__setitem__(f"{qid}.x", 2.0))
    cid = RAW["conditions"][i]["id"]
    assert f"conditions[{i}] ({cid}).weights.'{qid}.x'" in message


@examples(30)
@given(st.integers(0, len(RAW["conditions"]) - 1))
def test_duplicate_condition_id_is_named(i: int) -> None:
    message = broken(lambda raw: raw["conditions"].append(copy.deepcopy(raw["conditions"][i])))
    assert f"conditions: duplicate id '{RAW['conditions'][i]['id']}'" in message
