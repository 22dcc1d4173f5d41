"""Answers: one parse-and-validate path for flags, answers files and prompts.

Every source (a command-line flag, a JSON/TOML answers file, an interactive
prompt) hands raw values to `parse_answer`, so a bad value gets the same
message wherever it came from, naming the question, the value and what is
allowed. Sources are merged by `merge` in an explicit priority.
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from hipcheck.errors import AnswerError, not_allowed, show
from hipcheck.knowledge import KnowledgeBase, Question
from hipcheck.knowledge.answer_types import NONE_OF_THESE
from hipcheck.knowledge.answer_types import Answers as Answers
from hipcheck.knowledge.answer_types import AnswerValue as AnswerValue
from hipcheck.knowledge.spans import choice_for_length
from hipcheck.safe_read import ANSWERS_LIMIT, display, read_file

_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}
_YES_NO = _YES | _NO
_SEQUENCE = (list, tuple)
_NUMERIC = (int, float)


def normalise(text: str) -> str:
    """`Outer-Hip ` -> `outer_hip`: hyphens, spaces and case are forgiven."""
    return text.strip().lower().replace("-", "_").replace(" ", "_")


def _allowed(q: Question) -> str:
    if q.kind == "number":
        whole = ", whole numbers only" if _whole(q) else ""
        return f"a number from {q.min:g} to {q.max:g}{whole}"
    if q.kind == "yes_no":
        return "yes or no (true/false)"
    return ", ".join(_values(q, list(q.values)))


def _values(q: Question, spelled: list[str]) -> list[str]:
    """What an answer may be, spelled: and "none" on a tick list."""
    return [*spelled, NONE_OF_THESE] if q.kind == "several" else spelled


def _bad(where: str, q: Question, raw: object, why: str = "is not allowed") -> AnswerError:
    return AnswerError(f"{where}: {show(raw)} {why}; allowed: {_allowed(q)}")


def _choice(q: Question, raw: object, source: str, flag: bool) -> str:
    if isinstance(raw, str) and raw in q.value_set:  # already canonical: the common case
        return raw
    if not isinstance(raw, str):
        raise _bad(source, q, raw, "is not a text value")
    value = normalise(raw)
    if value not in q.values:
        # spelled as the user types them: with hyphens on the command line
        spelled = [v.replace("_", "-") for v in q.values] if flag else list(q.values)
        # "3 weeks" on a "how long" question: the one choice it falls in
        span = choice_for_length(q, raw)
        close = None if span is None else [span.replace("_", "-") if flag else span]
        raise not_allowed(source, raw, _values(q, spelled), close)
    return value


def parse_answer(
    q: Question, raw: object, where: str | None = None, flag: bool = False
) -> AnswerValue:
    """Validate one raw answer for question `q`.

    `where` names it in errors (default: the question id; a flag name or
    "answers file F: location" elsewhere); `flag`: it came from a flag, so
    the values an error lists and suggests are spelled with hyphens.
    """
    source = where if where is not None else q.id
    if q.kind == "yes_no":
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and normalise(raw) in _YES_NO:
            return normalise(raw) in _YES
        raise _bad(source, q, raw)
    if q.kind == "one":
        return _choice(q, raw, source, flag)
    if q.kind == "several":
        if type(raw) is list:  # the common case: canonical values, quickly
            try:
                if q.value_set.issuperset(raw):
                    return tuple(dict.fromkeys(raw))
            except TypeError:  # an unhashable item: the checks below name it
                pass
        items: list[object]
        if isinstance(raw, str):
            items = [part for part in raw.split(",") if part.strip()]
        elif isinstance(raw, _SEQUENCE):  # a tuple, not `list | tuple`: no union built per call
            items = list(raw)
        else:
            raise _bad(source, q, raw, "is not a list of values")
        parts = [
            p
            for item in items
            for p in (item.split(",") if isinstance(item, str) and "," in item else [item])
            if not isinstance(p, str) or p.strip()
        ]
        if any(isinstance(p, str) and normalise(p) == NONE_OF_THESE for p in parts):
            # "none": none of these apply (an answer, as an empty list is)
            if len(parts) > 1:
                raise AnswerError(f"{source}: 'none' cannot be given with other values")
            return ()
        return tuple(dict.fromkeys(_choice(q, p, source, flag) for p in parts))
    return _number(q, raw, source)


#: A number as text: plain decimal digits, an optional sign and fraction; no
#: exponent, no `_` separators and no non-ASCII digits (which float() accepts).
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)", re.ASCII)


def _whole(q: Question) -> bool:
    """Whether `q` asks for a whole number: its range and every band bound are
    whole, so a decimal could fall between two bands (3.5 between "mild" 0-3
    and "moderate" 4-6) and silently count as no answer."""
    bounds = [q.min, q.max, *(b.min for b in q.bands), *(b.max for b in q.bands)]
    return all(b is not None and float(b).is_integer() for b in bounds)


def _number(q: Question, raw: object, source: str) -> int | float:
    assert q.min is not None and q.max is not None
    if type(raw) is int and q.min <= raw <= q.max:  # the common case, quickly
        return raw
    number: float
    if isinstance(raw, bool):
        raise _bad(source, q, raw, "is not a number")
    if isinstance(raw, _NUMERIC):
        number = raw
    elif isinstance(raw, str) and _NUMBER.fullmatch(raw.strip()):
        number = float(raw)
    else:
        raise _bad(source, q, raw, "is not a number")
    if not math.isfinite(number) or not (q.min <= number <= q.max):
        raise _bad(source, q, raw, "is out of range")
    if float(number).is_integer():
        return int(number)
    if _whole(q):
        raise _bad(source, q, raw, "is not a whole number")
    return float(number)


def unknown_key(kb: KnowledgeBase, key: object, source: str) -> AnswerError:
    known = [q.id for q in kb.questions]
    import difflib  # only for a mistake: a fast start

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
        if value is not None:  # JSON null: not answered, as if the key were absent
            out[q.id] = parse_answer(q, value, f"{source}{q.id}")
    return out


def read_answers_file(kb: KnowledgeBase, path: Path) -> Answers:
    """Read a JSON or TOML answers file (by extension) and validate it.

    The file is read through `safe_read` (a regular file of at most
    ANSWERS_LIMIT bytes: no FIFO, device or folder is waited on). A UTF-8 BOM
    is allowed; a key given twice is refused, never silently resolved.
    """
    source = f"answers file {display(path)}: "
    suffix = path.suffix.lower()
    if suffix not in (".json", ".toml"):
        raise AnswerError(f"{source}unsupported extension {show(suffix)}; use .json or .toml")
    data = read_file(path, "answers file", ANSWERS_LIMIT, name=display(path))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AnswerError(f"{source}not UTF-8 text") from None
    raw = load_json(text, source) if suffix == ".json" else load_toml(text, source)
    if not isinstance(raw, dict):
        raise AnswerError(f"{source}must hold an object of question id -> answer")
    return parse_answers(kb, raw, source)


class _Duplicate(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Duplicate(key)
            seen.add(key)
    return out


def twice(key: object) -> str:
    """The message for a key given twice (JSON, TOML or a CSV header)."""
    return f"{show(key)} is given twice; give each question once"


def load_json(text: str, source: str) -> object:
    """Parse JSON, refusing a key given twice; errors are one line starting
    with `source`. Nesting is bounded by the parser (RecursionError)."""
    if not text.strip():  # not "Expecting value (line 1, column 1)" (UX re-check)
        raise AnswerError(f"{source}the file is empty")
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates)
    except _Duplicate as e:
        raise AnswerError(f"{source}{twice(e.key)}") from None
    except json.JSONDecodeError as e:
        raise AnswerError(
            f"{source}not valid JSON: {e.msg} (line {e.lineno}, column {e.colno})"
        ) from None
    except RecursionError:
        raise AnswerError(f"{source}nested too deeply") from None
    except ValueError:  # an integer with more digits than Python will parse
        digits = sys.get_int_max_str_digits()
        raise AnswerError(f"{source}not valid JSON: a number of over {digits} digits") from None


def load_toml(text: str, source: str) -> object:
    """Parse TOML with rtoml, as the knowledge file is: it bounds nesting and
    dotted keys (a 40,000-part dotted key is refused at once, where tomllib
    took 43 s and 6 GB) and refuses a key given twice."""
    import rtoml  # only for a TOML answers file: a fast start

    if not text.strip():  # as JSON's: an empty TOML file gave a whole summary
        raise AnswerError(f"{source}the file is empty")
    try:
        return rtoml.loads(text)
    except rtoml.TomlParsingError as e:
        reason = _one_line(str(e))
        where = re.search(r"at line (\d+) column (\d+)", reason)
        if reason.startswith("duplicate key") and where:
            key = _key_at(text, int(where[1]), int(where[2]))
            raise AnswerError(f"{source}{twice(key)} ({where[0]})") from None
        if "recurs" in reason:
            raise AnswerError(f"{source}nested too deeply ({reason})") from None
        raise AnswerError(f"{source}not valid TOML: {reason}") from None


def _one_line(text: str, limit: int = 160) -> str:
    """A parser's message as one line, control characters escaped."""
    flat = " ".join(text.split())
    flat = flat if flat.isprintable() else repr(flat)[1:-1]
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


_TOML_KEY = re.compile(r"""[A-Za-z0-9_-]+|"((?:[^"\\]|\\.)*)"|'([^']*)'""")


def _key_at(text: str, line: int, column: int) -> str:
    """The TOML key that starts at `line`, `column` (1-based), as written."""
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return "a key"
    m = _TOML_KEY.match(lines[line - 1], max(column - 1, 0))
    if m is None:
        return "a key"
    return m[1] if m[1] is not None else m[2] if m[2] is not None else m[0]


def merge(layers: Sequence[Mapping[str, AnswerValue]]) -> Answers:
    """Merge answer sources, lowest priority first (later layers win)."""
    out: Answers = {}
    for layer in layers:
        out.update(layer)
    return out


def to_jsonable(answers: Mapping[str, AnswerValue]) -> dict[str, object]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in answers.items()}
