"""Bounded input (reliability review F8, F15, F19): answers files, batch input
and cases files are regular files of bounded size and nesting; anything else
is refused at once with one line and exit status 2, never a hang, a
traceback or unbounded memory."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import pytest

from hipcheck.core.evaluate import check_gates
from hipcheck.errors import AnswerError

from .helpers import BIN, Result, run

#: Every refusal must come well within this (a FIFO with no writer would hang).
QUICK = 10


def hipcheck(*args: str, stdin: str = "") -> Result:
    """In process, with a time limit: a read that blocks fails the test."""
    return run(*args, stdin=stdin, timeout=QUICK)


def assert_refused(res: Result, *expected: str) -> None:
    assert res.exit == 2, (res.exit, res.err[-500:])
    assert res.err.startswith("hipcheck: ") and res.err.count("\n") == 1, res.err
    assert "Traceback" not in res.err and res.out == ""
    for text in expected:
        assert text in res.err, res.err


def special_files(tmp_path: Path, suffix: str) -> dict[str, Path]:
    """A FIFO with no writer, a link to /dev/zero and a folder, named `*suffix`."""
    fifo = tmp_path / f"fifo{suffix}"
    os.mkfifo(fifo)
    zero = tmp_path / f"zero{suffix}"
    zero.symlink_to("/dev/zero")
    folder = tmp_path / f"folder{suffix}"
    folder.mkdir()
    return {"fifo": fifo, "zero": zero, "folder": folder}


SPECIAL = {
    "fifo": "is not a regular file",
    "zero": "is not a regular file",
    "folder": "is a folder",
}


@pytest.mark.parametrize("kind", list(SPECIAL))
@pytest.mark.parametrize(
    ("suffix", "argv"),
    [
        (".json", ["check", "--answers", "{}"]),
        (".toml", ["check", "--answers", "{}"]),
        (".jsonl", ["batch", "{}"]),
        (".csv", ["batch", "{}"]),
        (".json", ["evaluate", "{}"]),
    ],
)
def test_special_files_are_refused_at_once(
    tmp_path: Path, kind: str, suffix: str, argv: list[str]
) -> None:
    path = special_files(tmp_path, suffix)[kind]
    res = hipcheck(*(a.format(path) for a in argv))
    assert_refused(res, str(path), SPECIAL[kind])


@pytest.mark.parametrize(
    ("argv", "name", "limit"),
    [
        (["check", "--answers", "{}"], "big.json", "1 MB"),
        (["evaluate", "{}"], "big.json", "8 MB"),
    ],
)
def test_size_caps(tmp_path: Path, argv: list[str], name: str, limit: str) -> None:
    path = tmp_path / name
    cap = {"1 MB": 1, "8 MB": 8}[limit] * 1024 * 1024
    path.write_text('{"x": "' + "a" * cap + '"}')
    assert_refused(hipcheck(*(a.format(path) for a in argv)), f"larger than the limit of {limit}")


def test_toml_dotted_key_bomb_is_refused_quickly(tmp_path: Path) -> None:
    # 80 KB, well under the size cap: tomllib took 43 s and 6.3 GB on it
    bomb = tmp_path / "k.toml"
    bomb.write_text("a" + ".a" * 40000 + " = 1\n")
    start = time.monotonic()
    res = hipcheck("check", "--answers", str(bomb))
    assert time.monotonic() - start < 3
    assert_refused(res, "nested too deeply")


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("deep.json", "[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ("deep.toml", "a = " + "[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ("inline.toml", "a = " + "{b = " * 3000 + "1" + "}" * 3000, "nested too deeply"),
        # F19: a TOML file was reported as "not valid JSON"
        ("huge.toml", "severity = " + "9" * 5000, "not valid TOML"),
        ("huge.json", '{"severity": ' + "9" * 5000 + "}", "not valid JSON: a number of over"),
        ("empty.json", "  \n", "empty.json: the file is empty"),
        # a new user's review (stop 41): an empty TOML file gave a full summary
        ("empty.toml", "  \n", "empty.toml: the file is empty"),
        # and "True is not a number": Python's spelling of JSON's true
        ("bool.json", '{"severity": true}', "severity: true is not a number"),
        # a TOML date is quoted as written, not as Python's datetime.date(...)
        ("date.toml", "severity = 1979-05-27", "severity: the date or time 1979-05-27 is not"),
    ],
)
def test_answers_files_nesting_and_huge_numbers(
    tmp_path: Path, name: str, content: str, expected: str
) -> None:
    path = tmp_path / name
    path.write_text(content)
    assert_refused(hipcheck("check", "--answers", str(path)), expected)


CASE = {
    "id": "c1",
    "answers": {"fever": True},
    "expect": {"conditions_any": ["itbs"], "triage_any": ["emergency"]},
}


def _case(**expect: object) -> list[dict[str, object]]:
    return [{**CASE, "expect": {**CASE["expect"], **expect}}]  # type: ignore[dict-item]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('[{"id": ' + "9" * 5000 + "}]", "a number of over"),
        (json.dumps(_case(conditions_any=5)), "case c1: expect.conditions_any must list"),
        (json.dumps(_case(conditions_any=[["itbs"]])), "expect.conditions_any must list"),
        (json.dumps(_case(triage_any=[["emergency"]])), "expect.triage_any must list"),
        (json.dumps([{**CASE, "id": {"x": 1}}]), "case 0: 'id' must be a text or a whole"),
        (json.dumps([{**CASE, "id": "\x1b]0;x\x07"}]), "must be plain text"),
        (json.dumps([5]), "case 0: must be an object"),
        ('[{"id": "a", "id": "b"}]', "'id' is given twice"),
        # reliability re-check N6: an empty file passed every gate (exit 0);
        # a repeated case counted twice
        ("[]", "holds no cases: nothing to measure"),
        (json.dumps([CASE, CASE]), "case c1: the id is used by an earlier case"),
    ],
)
def test_malformed_cases_files_are_one_line(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "cases.json"
    path.write_text(content)
    res = hipcheck("evaluate", str(path))
    assert_refused(res, f"cases file {path}: ", expected)
    assert "\x1b" not in res.err


def test_cases_file_with_a_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "cases.json"
    path.write_text(json.dumps([CASE]), encoding="utf-8-sig")
    res = hipcheck("evaluate", str(path))
    assert res.exit == 0 and "cases                1" in res.out, res.err


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -0.1, 1.01])
def test_gates_must_be_shares(value: float) -> None:
    with pytest.raises(AnswerError, match=r"--min-top1: .* is not allowed; allowed: 0 to 1"):
        check_gates(value, 0.0)
    with pytest.raises(AnswerError, match="--min-top3"):
        check_gates(0.0, value)
    check_gates(0.0, 1.0)


def test_nan_gate_is_refused_by_the_cli() -> None:
    cases = Path(__file__).parent / "cases" / "cases.json"
    assert_refused(hipcheck("evaluate", str(cases), "--min-top1", "nan"), "--min-top1")


@pytest.mark.needs_process  # the peak memory of a process of its own
def test_batch_memory_stays_bounded_on_one_huge_line(tmp_path: Path) -> None:
    """A 50 MB line is one error record, skipped without being held."""
    src = tmp_path / "huge.jsonl"
    with src.open("w") as f:
        f.write('{"id": "' + "a" * 50_000_000 + '"}\n{"id": "after", "severity": 4}\n')
    code = (
        "import resource, subprocess, sys\n"
        f"r = subprocess.run([{str(BIN / 'hipcheck')!r}, 'batch', {str(src)!r}],"
        " capture_output=True, text=True)\n"
        "print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
        "sys.stdout.write(r.stdout)\n"
    )
    res = subprocess.run(
        [str(BIN / "python"), "-c", code], capture_output=True, text=True, timeout=60
    )
    status, rss = res.stdout.splitlines()[0].split()
    docs = [json.loads(line) for line in res.stdout.splitlines()[1:]]
    assert status == "1" and int(rss) < 200 * 1024, res.stdout[:200]  # KiB
    assert docs[0]["error"] == "line 1: longer than the limit of 1 MB"
    assert docs[1]["id"] == "after" and docs[1]["triage"]["level"]
