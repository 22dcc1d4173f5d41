"""The safety floor: built-in cases every knowledge file must triage right.

The knowledge file holds every triage rule, so an edit can drop a red flag
(a deleted rule, a lowered level, a `when` pointed at another question) or
make a rule fire on every check, and still be a well-formed file (review F4).
The checks in `knowledge.checks` see the file's shape; this runs its rules:
the cases in `knowledge/safety_cases.toml`, plus "every `red_flag` question
answered yes on its own gives emergency", go through the real scoring and
triage, and the file is refused at the first case that comes out wrong.

`load` is the one entry point the CLI uses for every command, `--kb` and
`validate`. It lives in core because it needs the triage; the knowledge
layer may not import core.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

import rtoml

from hipcheck.core.answers import parse_answers
from hipcheck.core.scoring import score
from hipcheck.core.triage import triage
from hipcheck.errors import AnswerError, KnowledgeError
from hipcheck.knowledge import LEVELS, KnowledgeBase, Level
from hipcheck.knowledge import load as load_file

CASES_PATH = Path(__file__).resolve().parents[1] / "knowledge" / "safety_cases.toml"


class SafetyCase(NamedTuple):
    name: str
    answers: Mapping[str, object]
    must_be: Level | None = None
    must_not_be: Level | None = None


def parse_cases(raw: Mapping[str, Any]) -> tuple[SafetyCase, ...]:
    """The cases of a cases file's data, [ordinary] merged in where asked.

    Checked by hand, not with msgspec: building msgspec's type information
    for it would cost more than running all the cases (start-up budget).
    """
    ordinary = raw.get("ordinary", {})
    out = []
    for case in raw["cases"]:
        unknown = set(case) - {"name", "answers", "ordinary", "must_be", "must_not_be"}
        levels = [case.get("must_be"), case.get("must_not_be")]
        if unknown or sum(lv is not None for lv in levels) != 1:
            raise ValueError(f"safety case {case.get('name')!r}: bad keys or no level")
        if not all(lv is None or lv in LEVELS for lv in levels):
            raise ValueError(f"safety case {case['name']!r}: unknown level")
        answers = dict(case["answers"])
        if case.get("ordinary", False):
            answers = {**ordinary, **answers}
        out.append(SafetyCase(str(case["name"]), answers, *levels))
    return tuple(out)


@cache
def builtin_cases() -> tuple[SafetyCase, ...]:
    """The packaged cases (read once; a broken file is a bug the tests catch)."""
    return parse_cases(rtoml.loads(CASES_PATH.read_text(encoding="utf-8")))


def cases_for(
    kb: KnowledgeBase, cases: tuple[SafetyCase, ...] | None = None
) -> Iterator[SafetyCase]:
    """The built-in cases, then one per red-flag question of this file."""
    yield from cases if cases is not None else builtin_cases()
    for q in kb.questions:
        if q.red_flag and q.kind == "yes_no":
            yield SafetyCase(f"red flag '{q.id}' alone", {q.id: True}, must_be="emergency")


def _verdict(kb: KnowledgeBase, case: SafetyCase) -> str | None:
    missing = [qid for qid in case.answers if qid not in kb.question_by_id]
    if missing:
        return (
            f"safety case '{case.name}' needs the question '{missing[0]}', "
            "which this file does not have"
        )
    try:
        answers = parse_answers(kb, case.answers)
    except AnswerError as e:
        return f"safety case '{case.name}' cannot be answered: {e}"
    level = triage(kb, answers, score(kb, answers)).level
    if case.must_be is not None and level != case.must_be:
        return f"safety case '{case.name}' gave {level}; it must be {case.must_be}"
    if case.must_not_be is not None and level == case.must_not_be:
        return f"safety case '{case.name}' gave {level}; it must not be {case.must_not_be}"
    return None


def problem(kb: KnowledgeBase, cases: tuple[SafetyCase, ...] | None = None) -> str | None:
    """The first safety case this knowledge file gets wrong, or None."""
    for case in cases_for(kb, cases):
        why = _verdict(kb, case)
        if why is not None:
            return why
    return None


def check(kb: KnowledgeBase) -> KnowledgeBase:
    """`kb` if it passes the safety floor; else KnowledgeError, one line."""
    why = problem(kb)
    if why is not None:
        raise KnowledgeError(f"knowledge file {kb.path}: {why}")
    return kb


def load(path: str | Path | None = None) -> KnowledgeBase:
    """Read and validate a knowledge file (default: the shipped one) and
    check it against the safety floor."""
    return check(load_file(path))
