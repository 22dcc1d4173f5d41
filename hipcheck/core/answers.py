"""Answers: one parse-and-validate path for flags, answers files and prompts.

Every source (a command-line flag, a JSON/TOML answers file, an interactive
prompt) hands raw values to `parse_answer`, so a bad value gets the same
message wherever it came from, naming the question, the value and what is
allowed. Sources are merged by `merge` in an explicit priority.
"""

from __future__ import annotations

import difflib
import json
import math
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from hipcheck.errors import AnswerError, show, unreadable
from hipcheck.knowledge import KnowledgeBase, Question

#: yes/no -> bool, one -> str, several -> tuple[str, ...], number -> int | float
AnswerValue = bool | int | float | str | tuple[str, ...]
Answers = dict[str, AnswerValue]

_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}


def normalise(text: str) -> str:
    """`Outer-Hip ` -> `outer_hip`: hyphens, spaces and case are forgiven."""
    return text.strip().lower().replace("-", "_").replace(" ", "_")


def _allowed(q: Question) -> str:
    if q.kind == "number":
        return f"a number from {q.min:g} to {q.max:g}"
    if q.kind == "yes_no":
        return "yes or no (true/false)"
    return ", ".join(q.values)


def _bad(where: str, q: Question, raw: object, why: str = "is not allowed") -> AnswerError:
    return AnswerError(f"{where}: {show(raw)} {why}; allowed: {_allowed(q)}")


def _choice(q: Question, raw: object, source: str) -> str:
    if isinstance(raw, str) and raw in q.value_set:  # already canonical: the common case
        return raw
    if not isinstance(raw, str):
        raise _bad(source, q, raw, "is not a text value")
    value = normalise(raw)
    if value not in q.values:
        raise _bad(source, q, raw)
    return value


def parse_answer(q: Question, raw: object, where: str | None = None) -> AnswerValue:
    """Validate one raw answer for question `q`.

    `where` names it in errors (default: the question id; a flag name or
    "answers file F: location" elsewhere).
    """
    source = where if where is not None else q.id
    if q.kind == "yes_no":
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and normalise(raw) in _YES | _NO:
            return normalise(raw) in _YES
        raise _bad(source, q, raw)
    if q.kind == "one":
        return _choice(q, raw, source)
    if q.kind == "several":
        items: list[object]
        if isinstance(raw, str):
            items = [part for part in raw.split(",") if part.strip()]
        elif isinstance(raw, list | tuple):
            items = list(raw)
        else:
            raise _bad(source, q, raw, "is not a list of values")
        out: list[str] = []
        for item in items:
            if isinstance(item, str) and "," in item:
                out += [_choice(q, p, source) for p in item.split(",") if p.strip()]
            else:
                out.append(_choice(q, item, source))
        return tuple(dict.fromkeys(out))
    # number
    number: float
    if isinstance(raw, bool):
        raise _bad(source, q, raw, "is not a number")
    if isinstance(raw, int | float):
        number = raw
    elif isinstance(raw, str):
        try:
            number = float(raw.strip())
        except ValueError:
            raise _bad(source, q, raw, "is not a number") from None
    else:
        raise _bad(source, q, raw, "is not a number")
    assert q.min is not None and q.max is not None
    if not math.isfinite(number) or not (q.min <= number <= q.max):
        raise _bad(source, q, raw, "is out of range")
    return int(number) if float(number).is_integer() else float(number)


def unknown_key(kb: KnowledgeBase, key: object, source: str) -> AnswerError:
    known = [q.id for q in kb.questions]
    hint = difflib.get_close_matches(str(key), known, n=1)
    maybe = f" (did you mean '{hint[0]}'?)" if hint else ""
    return AnswerError(f"{source}unknown question {show(key)}{maybe}; known: {', '.join(known)}")


def parse_answers(kb: KnowledgeBase, raw: Mapping[Any, object], source: str = "") -> Answers:
    """Validate a whole mapping of question id -> raw value."""
    out: Answers = {}
    for key, value in raw.items():
        q = kb.question_by_id.get(key) if isinstance(key, str) else None
        if q is None:
            raise unknown_key(kb, key, source)
        out[q.id] = parse_answer(q, value, f"{source}{q.id}")
    return out


def read_answers_file(kb: KnowledgeBase, path: Path) -> Answers:
    """Read a JSON or TOML answers file (by extension) and validate it."""
    source = f"answers file {path}: "
    suffix = path.suffix.lower()
    if suffix not in (".json", ".toml"):
        raise AnswerError(f"{source}unsupported extension {show(suffix)}; use .json or .toml")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise unreadable(source, e) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise AnswerError(f"{source}not UTF-8 text") from None
    raw: object
    try:
        raw = json.loads(text) if suffix == ".json" else tomllib.loads(text)
    except json.JSONDecodeError as e:
        raise AnswerError(
            f"{source}not valid JSON: {e.msg} (line {e.lineno}, column {e.colno})"
        ) from None
    except tomllib.TOMLDecodeError as e:
        raise AnswerError(f"{source}not valid TOML: {e}") from None
    except RecursionError:
        raise AnswerError(f"{source}nested too deeply") from None
    except ValueError as e:  # e.g. an integer with more digits than Python will parse
        raise AnswerError(f"{source}not valid JSON: {show(str(e))}") from None
    if not isinstance(raw, dict):
        raise AnswerError(f"{source}must hold an object of question id -> answer")
    return parse_answers(kb, raw, source)


def merge(layers: Sequence[Mapping[str, AnswerValue]]) -> Answers:
    """Merge answer sources, lowest priority first (later layers win)."""
    out: Answers = {}
    for layer in layers:
        out.update(layer)
    return out


def to_jsonable(answers: Mapping[str, AnswerValue]) -> dict[str, object]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in answers.items()}
