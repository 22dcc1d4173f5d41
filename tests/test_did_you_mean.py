"""Every error about a value in the tool's own words, with "did you mean"
for a misspelled value of every option that has values (issue 18; UX
review N14), spelled as the user types it: hyphens for flags, ids for
`-d ID=VALUE` and answers files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hipcheck.cli.questions import FLAGS, Flag
from hipcheck.errors import near
from hipcheck.knowledge import KnowledgeBase

from .helpers import run

CHOICE_FLAGS = [f for f in FLAGS if f.kind in ("one", "several")]


def one_line(argv: list[str], *parts: str) -> str:
    res = run(*argv)
    assert res.exit == 2 and res.out == "", res.err
    assert res.err.count("\n") == 1 and "Traceback" not in res.err
    for part in parts:
        assert part in res.err, res.err
    return res.err


@pytest.mark.parametrize("command", ["check", "plan"])
@pytest.mark.parametrize("flag", CHOICE_FLAGS, ids=lambda f: f.option)
def test_every_question_flag_suggests_in_its_own_spelling(
    kb: KnowledgeBase, command: str, flag: Flag
) -> None:
    q = kb.question_by_id[flag.id]
    value = q.values[-1].replace("_", "-")
    typo = value + value[-1]  # one letter too many
    err = one_line(
        [command, flag.option, typo],
        f"{flag.option}: {typo!r} is not allowed (did you mean {value}",
    )
    listed = err.split("; allowed: ", 1)[1]
    assert "_" not in listed  # as --help shows them: with hyphens


def test_the_reviewer_example_and_a_part_of_a_value() -> None:
    one_line(["check", "--location", "outr-hip"], "(did you mean outer-hip?)")
    one_line(["check", "--location", "groin,grion"], "'grion' is not allowed (did you mean groin?)")
    one_line(["check", "--location", "knee"], "(did you mean outer-knee or inner-knee?)")
    one_line(["check", "--location", "xyz"], "'xyz' is not allowed; allowed: outer-hip")


def test_data_and_answers_files_suggest_the_id(tmp_path: Path) -> None:
    one_line(["check", "-d", "location=outr_hip"], "(did you mean outer_hip?); allowed: outer_hip")
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"duration": "over_6_week"}))
    one_line(["check", "-a", str(path)], "(did you mean over_6_weeks?)")


@pytest.mark.parametrize(
    ("argv", "hint"),
    [
        (["check", "--location", "groin", "--format", "jsn"], "(did you mean json?)"),
        (["plan", "--location", "groin", "--format", "jsno"], "(did you mean json?)"),
        (["report", "--format", "htm"], "(did you mean html?)"),
        (["batch", "-", "--format", "csvv"], "(did you mean csv?)"),
        (["batch", "-", "--input-format", "jsnl"], "(did you mean jsonl?)"),
        (["history", "--format", "tabel"], "(did you mean table?)"),
        (["history", "show", "1", "--format", "jsn"], "(did you mean json?)"),
        (["history", "keep", "yse"], "history keep: 'yse' is not allowed (did you mean yes?)"),
        (["load", "x.gpx", "--units", "mil"], "(did you mean mi?)"),
        (["load", "x.gpx", "--format", "tx"], "(did you mean text?)"),
        (["questions", "--format", "jsn"], "(did you mean json?)"),
        (["conditions", "--format", "jsn"], "(did you mean json?)"),
        (["explain", "glutael_tendinopathy"], "did you mean gluteal_tendinopathy"),
    ],
)
def test_every_option_with_values_suggests(argv: list[str], hint: str) -> None:
    one_line(argv, hint)


def test_near_is_quiet_when_nothing_is_close() -> None:
    assert near("zzz", ["left", "right"]) == []
    assert near(3, ["left"]) == [] and near("  ", ["left"]) == []
    assert near("femal", ["female", "male", "other"]) == ["female"]  # not every near miss
