"""'none' answers a tick list with "none of these", in flags, answers files
and batch, the one parse path (UX re-check: no flag could answer the eighth
safety question, so every scripted page said a safety question was skipped)."""

from __future__ import annotations

import copy
import json
import tomllib
from pathlib import Path
from typing import Any

import pytest

from hipcheck import knowledge
from hipcheck.errors import KnowledgeError

from .conftest import KB_PATH
from .helpers import run

SAFE = ["--no-cannot-bear-weight", "--no-deformity", "--no-fever", "--no-saddle-numbness"]
SAFE += ["--no-injury", "--no-limp", "--no-weight-loss"]


def _doc(*args: str) -> dict[str, Any]:
    res = run("check", *args, "--format", "json")
    assert res.exit == 0, res.err
    return json.loads(res.out)  # type: ignore[no-any-return]


def test_every_safety_question_can_be_answered_by_flags() -> None:
    doc = _doc(*SAFE, "--elsewhere", "none", "--location", "outer-hip")
    assert doc["answers"]["elsewhere"] == [] and doc["triage"]["safety_unanswered"] == []
    assert "Safety questions not answered" not in run("check", *SAFE, "--elsewhere", "None").out


@pytest.mark.parametrize("value", ["none,testicle", "testicle,none"])
def test_none_with_other_values_is_one_line(value: str) -> None:
    res = run("check", "--elsewhere", value)
    assert res.exit == 2 and res.err == (
        "hipcheck: --elsewhere: 'none' cannot be given with other values\n"
    )


def test_none_reads_the_same_in_files_and_batch(tmp_path: Path) -> None:
    toml = tmp_path / "a.toml"
    toml.write_text('history = ["none"]\nelsewhere = "none"\n')
    doc = _doc("--answers", str(toml))
    assert doc["answers"]["history"] == [] and doc["answers"]["elsewhere"] == []
    csv = tmp_path / "b.csv"
    csv.write_text("id,history,elsewhere\nr1,none,none\n")
    line = run("batch", str(csv)).out.splitlines()[0]
    assert json.loads(line)["answers"] == {"history": [], "elsewhere": []}


def test_help_and_errors_offer_none() -> None:
    assert "'none': none of these" in " ".join(run("check", "--help").out.split())
    assert run("check", "--history", "nope").err.rstrip().endswith("gave-birth-last-year, none")


def test_a_tick_list_cannot_have_a_choice_called_none(tmp_path: Path) -> None:
    raw = tomllib.loads(KB_PATH.read_text(encoding="utf-8"))
    bad = copy.deepcopy(raw)
    q = next(q for q in bad["questions"] if q["id"] == "history")
    q["choices"].append({"id": "none", "label": "None", "phrase": "none"})
    with pytest.raises(KnowledgeError, match="'none' is the tick list's 'none of these'"):
        knowledge.from_dict(bad)


def test_questions_lists_what_the_flags_take() -> None:
    # UX re-check: `questions` listed recent_pregnancy among the values that
    # check --help does not offer; now it says it is an earlier version's
    out = run("questions").out
    history = next(line for line in out.splitlines() if "prior_stress_fracture" in line)
    assert "or none (still read, from earlier versions: recent_pregnancy)" in history
