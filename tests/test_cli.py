"""The CLI through its real entry point, in-process: output and every error path."""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path
from typing import Any

import pytest

from .answer_sets import GLUTEAL_FLAGS
from .contract import CONDITION_IDS, LEVELS, QUESTIONS

ANSI = re.compile(r"\x1b\[")
GT_FLAGS = GLUTEAL_FLAGS


def test_version(run: Any) -> None:
    from hipcheck import __version__

    res = run("--version")
    assert res.exit == 0 and res.out == f"hipcheck {__version__}\n"


@pytest.mark.parametrize(
    ("argv", "stdin", "where", "expected"),
    [
        (["--version"], b"", "out", "hipcheck "),
        (["check", "--severity", "99"], b"", "err", "hipcheck: --severity"),
        (["batch", "-"], b'{"id": "a", "severity": 4}\n', "out", '"id":"a"'),
        (["batch", "-", "--format", "csv"], b'{"id": "a"}\nnot json\n', "err", "line 2"),
        (["history", "--data-dir-typo"], b"", "err", "is not an option of history"),
    ],
)
def test_everything_goes_through_the_terminal_main_is_given(
    argv: list[str], stdin: bytes, where: str, expected: str, capfd: pytest.CaptureFixture[str]
) -> None:
    """main(argv, terminal) writes only to that terminal: errors, --version and
    batch's bytes included; the process's own streams stay untouched."""
    import io

    from hipcheck.cli import main
    from hipcheck.terminal import Terminal

    def stream(data: bytes = b"") -> io.TextIOWrapper:
        return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", write_through=True)

    term = Terminal(stream(stdin), stream(), stream(), False, False, False)
    with pytest.raises(SystemExit):
        main(argv, term)
    got = {
        name: s.buffer.getvalue().decode()  # type: ignore[attr-defined]
        for name, s in (("out", term.stdout), ("err", term.stderr))
    }
    assert expected in got[where], got
    assert capfd.readouterr() == ("", "")


def test_check_json_follows_the_contract(run: Any) -> None:
    res = run("check", *GT_FLAGS, "--injury", "--format", "json")
    assert res.exit == 0, res.err
    doc = json.loads(res.out)
    assert doc["schema_version"] == 1
    assert doc["triage"]["level"] in LEVELS
    assert doc["triage"]["level"] == "urgent"  # injury
    assert all(isinstance(r, str) for r in doc["triage"]["reasons"])
    assert doc["conditions"][0]["id"] == "gluteal_tendinopathy"
    assert set(CONDITION_IDS) <= {c["id"] for c in doc["conditions"]}
    for c in doc["conditions"]:
        assert {"id", "name", "score", "evidence_for", "evidence_against"} <= set(c)
        assert 0 <= c["score"] <= 1
    assert doc["answers"] == {
        "location": ["outer_hip"],
        "triggers": ["single_leg", "lying_on_side"],
        "duration": "1_to_6_weeks",
        "trend": "same",
        "severity": 5,
        "injury": True,
    }
    assert "possible causes to discuss with a clinician" in doc["disclaimer"]


def test_every_contract_value_through_an_answers_file(run: Any, tmp_path: Path) -> None:
    answers: dict[str, Any] = {}
    for qid, (kind, values) in QUESTIONS.items():
        answers[qid] = {"yes_no": False, "number": 10 if qid == "severity" else 40}.get(kind)
        if kind == "one":
            answers[qid] = values[-1]
        elif kind == "several":
            answers[qid] = list(values)
    path = tmp_path / "all.json"
    path.write_text(json.dumps(answers))
    res = run("check", "--answers", str(path), "--format", "json")
    assert res.exit == 0, res.err
    assert json.loads(res.out)["answers"] == answers


def test_contract_v3_answers_as_flags(run: Any) -> None:
    res = run(
        "check",
        "--location",
        "front-thigh,inner-knee",
        "--stiffness-minutes",
        "over-60",
        "--history",
        "gave-birth-last-year,bone-medicine",
        "--elsewhere",
        "cramp-stops",
        "--format",
        "json",
    )
    assert res.exit == 0, res.err
    doc = json.loads(res.out)
    assert doc["answers"] == {
        "elsewhere": ["cramp_stops"],
        "location": ["front_thigh", "inner_knee"],
        "stiffness_minutes": "over_60",
        "history": ["gave_birth_last_year", "bone_medicine"],
    }
    assert "elsewhere" not in doc["triage"]["safety_unanswered"]
    res = run("check", "--elsewhere", "testicle", "--format", "json")
    assert json.loads(res.out)["triage"]["level"] == "emergency"
    res = run("check", "--elsewhere", "kidney", "--format", "json")
    assert res.exit == 2 and "elsewhere" in res.err and "cramp-stops" in res.err


def test_flags_override_the_file(run: Any, tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text('severity = 2\nside = "left"\n')
    res = run(
        "check", "--answers", str(path), "--severity", "6", "-d", "sex=female", "--format", "json"
    )
    assert json.loads(res.out)["answers"] == {"severity": 6, "side": "left", "sex": "female"}


def test_piped_default_is_plain_text_with_disclaimer(run: Any) -> None:
    res = run("check", *GT_FLAGS)
    assert res.exit == 0
    assert not ANSI.search(res.out)
    assert "TRIAGE: ROUTINE" in res.out
    assert "POSSIBLE CAUSES TO DISCUSS WITH A CLINICIAN" in res.out
    assert "1. Gluteal tendinopathy" in res.out
    assert "is not a diagnosis" in res.out


def test_top_limits_causes(run: Any) -> None:
    res = run("check", *GT_FLAGS, "--top", "1")
    assert "1. Gluteal" in res.out and "\n2. " not in res.out


def test_markdown(run: Any) -> None:
    res = run("check", *GT_FLAGS, "--format", "markdown")
    assert res.out.startswith("# hipcheck summary")
    assert "| 1 | Gluteal tendinopathy |" in res.out
    assert "## When to see a doctor" in res.out and "> hipcheck is not a diagnosis" in res.out


def test_output_file_text_then_refuse_then_force(run: Any, tmp_path: Path) -> None:
    out = tmp_path / "summary.txt"
    res = run("check", *GT_FLAGS, "--output", str(out), "--format", "text")
    assert res.exit == 0, res.err
    text = out.read_text()
    assert "TRIAGE: ROUTINE" in text and not ANSI.search(text)
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    assert f"saved the text summary to {out}" in res.err

    again = run("check", *GT_FLAGS, "--severity", "9", "--output", str(out))
    assert again.exit == 2 and "already exists; use --force" in again.err
    assert out.read_text() == text
    forced = run("check", *GT_FLAGS, "--severity", "9", "--output", str(out), "--force")
    assert forced.exit == 0 and "URGENT" in out.read_text()
    assert [p.name for p in tmp_path.iterdir()] == ["summary.txt"]


@pytest.mark.parametrize(
    ("suffix", "marker"), [(".json", '"schema_version"'), (".md", "# hipcheck")]
)
def test_output_format_from_suffix(run: Any, tmp_path: Path, suffix: str, marker: str) -> None:
    out = tmp_path / f"s{suffix}"
    assert run("check", *GT_FLAGS, "-o", str(out)).exit == 0
    assert marker in out.read_text()


def test_output_into_missing_folder(run: Any, tmp_path: Path) -> None:
    res = run("check", *GT_FLAGS, "-o", str(tmp_path / "nope" / "s.txt"))
    assert res.exit == 1 and "does not exist" in res.err
    assert res.err.count("\n") == 1


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (
            ["check", "--location", "knee"],
            "--location: 'knee' is not allowed (did you mean outer-knee or inner-knee?); "
            "allowed: outer-hip",
        ),
        (
            ["check", "--severity", "11"],
            "--severity: '11' is out of range; allowed: a number from 0 to 10",
        ),
        # the start of one value is suggested (UX re-check: 'f' got no hint)
        (["check", "--sex", "f"], "--sex: 'f' is not allowed (did you mean female?)"),
        (["check", "--side", "r"], "--side: 'r' is not allowed (did you mean right?)"),
        (["check", "--age", "old"], "--age: 'old' is not a number"),
        # a length of time names the one choice it falls in (UX re-check:
        # '3 weeks' was offered over-6-weeks first)
        (
            ["check", "--duration", "3 weeks"],
            "--duration: '3 weeks' is not allowed (did you mean 1-to-6-weeks?); allowed:",
        ),
        (["check", "--duration", "3-weeks"], "(did you mean 1-to-6-weeks?)"),
        (["check", "--duration", "10d"], "(did you mean 1-to-6-weeks?)"),
        (["check", "--duration", "6 weeks"], "(did you mean 1-to-6-weeks?)"),
        (["check", "--duration", "2 months"], "(did you mean over-6-weeks?)"),
        (["check", "--duration", "a year"], "(did you mean over-6-weeks?)"),
        (["check", "--duration", "4 days"], "(did you mean under-1-week?)"),
        (
            ["check", "--side", "middle"],
            "--side: 'middle' is not allowed; allowed: left, right, both",  # nothing close
        ),
        (["check", "-d", "colour=red"], "--data: unknown question 'colour'"),
        (["check", "-d", "severity"], "--data: 'severity' is not ID=VALUE"),
        (["check", "--location", "groin", "--format", "pdf"], "--format: 'pdf' is not allowed"),
        (
            ["check", "--locaton", "groin"],
            "--locaton is not an option of check; did you mean --location?",
        ),
        (["check", "--top", "0", "--location", "groin"], "--top"),
        (["explain", "broken_heart"], "explain: unknown condition 'broken_heart'; known: gluteal"),
        (["frobnicate"], "No such command 'frobnicate'"),
        (["check"], "no answers given and standard input is not a terminal"),
        ([], "no answers given and standard input is not a terminal"),
        (
            ["check", "--answers", "/nonexistent/a.json"],
            "answers file /nonexistent/a.json: file not found",
        ),
    ],
)
def test_errors_are_one_line_exit_2(run: Any, argv: list[str], expected: str) -> None:
    res = run(*argv)
    assert res.exit == 2, (res.out, res.err)
    assert expected in res.err
    assert res.err.startswith("hipcheck: ") and res.err.count("\n") == 1
    assert "Traceback" not in res.err and res.out == ""


def test_questions_json_is_generated_from_the_knowledge_file(run: Any, kb: Any) -> None:
    doc = json.loads(run("questions", "--format", "json").out)
    assert [q["id"] for q in doc["questions"]] == [q.id for q in kb.questions]
    loc = next(q for q in doc["questions"] if q["id"] == "location")
    assert (
        loc["flag"] == "--location"
        and {"id": "groin", "label": "Groin or inner thigh"} in loc["values"]
    )
    text = run("questions").out
    assert "--injury / --no-injury" in text and "one or more of: outer_hip" in text


def test_conditions_and_explain(run: Any) -> None:
    res = run("conditions")
    assert res.exit == 0 and "gluteal_tendinopathy" in res.out
    res = run("explain", "gluteal-tendinopathy")
    assert res.exit == 0
    for part in (
        "How it typically feels",
        "Clamshells",
        "1. ",
        "When to see a doctor",
        "Sources",
        "Grimaldi",
    ):
        assert part in res.out


def test_help_has_examples(run: Any) -> None:
    res = run("check", "--help")
    assert res.exit == 0 and "hipcheck check --answers case.json --format json" in res.out


def test_every_question_of_the_knowledge_file_has_its_check_flag(run: Any, kb: Any) -> None:
    """`hipcheck questions` advertises a flag for every question: each one must
    exist in `check` (contract §2), the v2 safety questions included."""
    import json

    advertised = json.loads(run("questions", "--format", "json").out)["questions"]
    for q in advertised:
        flag = q["flag"]
        if q["kind"] == "yes_no":
            value: list[str] = []
        elif q["kind"] == "number":
            value = [str(int(q["min"]))]
        else:
            value = [q["values"][0]["id"]]
        res = run("check", flag, *value, "--format", "json")
        assert res.exit == 0, (flag, res.err)
        assert q["id"] in json.loads(res.out)["answers"], flag
    res = run("check", "--saddle-numbness", "--format", "json")
    assert json.loads(res.out)["triage"]["level"] == "emergency"


def test_a_question_added_in_a_kb_file_is_not_advertised_as_a_flag(
    run: Any, tmp_path: Path
) -> None:
    """Issue 10: `questions` must never list a flag that `check` lacks; the new
    question is answered with -d and moves the assessment."""
    import json

    from .conftest import KB_PATH

    text = KB_PATH.read_text(encoding="utf-8")
    extra = """
[[questions]]
id = "daily_activities"
short = "Stops daily activities"
kind = "yes_no"
section = "About you"
prompt = "Does it stop you doing normal daily things?"
help = "Walking, stairs, work or sleep."
choices = [
  { id = "yes", label = "Yes", phrase = "stops daily activities" },
  { id = "no", label = "No", phrase = "does not stop daily activities" },
]

[[triage_rules]]
id = "daily_activities"
level = "routine"
when = { daily_activities = true }
reason = "The pain interferes with daily activities."
"""
    kb_file = tmp_path / "more.toml"
    kb_file.write_text(text.replace("[history]", extra.strip() + "\n\n[history]", 1))
    listed = json.loads(run("--kb", str(kb_file), "questions", "--format", "json").out)
    item = next(q for q in listed["questions"] if q["id"] == "daily_activities")
    assert item["flag"] is None
    assert "-d daily_activities=VALUE" in run("--kb", str(kb_file), "questions").out
    res = run("--kb", str(kb_file), "check", "-d", "daily_activities=yes", "--format", "json")
    assert res.exit == 0, res.err
    assert json.loads(res.out)["triage"]["level"] == "routine"


def test_piped_input_errors_at_once_instead_of_hanging(run: Any) -> None:
    res = run(stdin="\n", timeout=10)
    assert res.exit == 2
    assert "standard input is not a terminal" in res.err and "--answers" in res.err
    assert "Traceback" not in res.err


def test_bad_value_one_line_no_traceback(run: Any) -> None:
    res = run("check", "--location", "outer-hipp")
    assert res.exit == 2
    assert res.err.strip().count("\n") == 0
    assert "'outer-hipp' is not allowed (did you mean outer-hip?); allowed: outer-hip" in res.err


def test_text_export_has_no_escape_codes(run: Any, tmp_path: Path) -> None:
    res = run(
        "check", "--location", "outer-hip", "--severity", "4", "--output", "summary.txt",
        "--format", "text", cwd=tmp_path, env={"FORCE_COLOR": "1"},
    )  # fmt: skip
    assert res.exit == 0, res.err
    text = (tmp_path / "summary.txt").read_text()
    assert "\x1b" not in text and "TRIAGE:" in text


def test_an_edited_knowledge_file_is_read_again(run: Any, tmp_path: Path) -> None:
    """main() keeps each checked knowledge file for the next call in the same
    process; an edit (a new size or modification time) is read again."""
    from .conftest import KB_PATH

    kb = tmp_path / "kb.toml"
    text = KB_PATH.read_text(encoding="utf-8")
    kb.write_text(text, encoding="utf-8")
    assert run("--kb", str(kb), "conditions", "--format", "json").exit == 0
    kb.write_text(text.replace('name = "Gluteal tendinopathy"', 'name = "Gluteal Tendinopathy"'))
    os.utime(kb, ns=(1, 1))  # the same size: only the time tells them apart
    res = run("--kb", str(kb), "conditions", "--format", "json")
    assert "Gluteal Tendinopathy" in res.out
    kb.write_text("not = [toml", encoding="utf-8")
    res = run("--kb", str(kb), "validate")
    assert res.exit == 2 and "not valid TOML" in res.err


def test_help_lists_a_runners_commands_first(run: Any) -> None:
    """A runner's review (stop 38): batch, validate and evaluate came before
    check, plan and report."""
    out = run("--help", env={"COLUMNS": "100"}).out
    runners = [out.index(f"│ {name} ") for name in ("check", "plan", "report", "history")]
    scripts = [out.index(f"│ {name} ") for name in ("batch", "validate", "evaluate")]
    assert max(runners) < min(scripts) < out.index("│ version ")
    assert "For scripts and the knowledge file" in out
