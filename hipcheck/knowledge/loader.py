"""Read a knowledge file, validate it into the model, and name any problem
by file, table and key (a KnowledgeError).

TOML is parsed with rtoml (Rust, TOML 1.0): a start that finds no verified
copy of the file in the cache (store/verified.py) parses it, and the standard
library's pure-Python tomllib took about 30 ms of that where rtoml takes 4 ms
and imports in under 1 ms. It also refuses
duplicate keys, and bounds nesting (a 50,000-deep array is one parse
error, not a RecursionError).

The file is read through `safe_read` (a regular file of at most
KNOWLEDGE_LIMIT bytes: a FIFO or a device is refused at once), and every text
in it must be plain: a control character or a bidirectional override in a
name, a reason or the version would reach the terminal raw (review F10).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import msgspec

from hipcheck.errors import AnswerError, KnowledgeError, show
from hipcheck.knowledge.exception_sets import expand, located, origins
from hipcheck.knowledge.model import KnowledgeBase
from hipcheck.safe_read import KNOWLEDGE_LIMIT, read_file


def default_path() -> Path:
    """The knowledge file shipped in the wheel, or the repository's copy."""
    package = Path(__file__).resolve().parents[1]
    packaged = package / "data" / "conditions.toml"
    return packaged if packaged.is_file() else package.parent / "data" / "conditions.toml"


def _describe_path(raw: dict[str, Any], path: str) -> str:
    """Turn msgspec's `$.conditions[3].name` into `conditions[3] (itbs).name`."""
    out: list[str] = []
    node: Any = raw
    parts = re.findall(r"\.[A-Za-z_]\w*|\[\d+\]|\[[^\]]*\]", path)
    for n, part in enumerate(parts):
        if part == "[...]" and isinstance(node, dict):  # a table's value, its key not said
            key = _key_along(node, parts[n + 1 :])
            out.append(f".{key}" if key is not None else ".(a value)")
            node = node.get(key) if key is not None else None
        elif part.startswith("."):
            key = part[1:]
            out.append(("." if out else "") + key)
            node = node.get(key) if isinstance(node, dict) else None
        elif part[1:-1].isdigit():
            idx = int(part[1:-1])
            node = node[idx] if isinstance(node, list) and idx < len(node) else None
            label = f"[{idx}]"
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                label += f" ({node['id']})"
            out.append(label)
        else:
            key = part[1:-1].strip("'\"")
            out.append(f".{key}")
            node = node.get(key) if isinstance(node, dict) else None
    return "".join(out) or "(top level)"


def _key_along(table: dict[str, Any], rest: list[str]) -> str | None:
    """The first key of `table` whose value has the rest of msgspec's path
    (the key it leaves out as `[...]`)."""
    for key, node in table.items():
        for part in rest:
            if part[1:-1].isdigit() and isinstance(node, list) and int(part[1:-1]) < len(node):
                node = node[int(part[1:-1])]
            elif part.startswith(".") and isinstance(node, dict) and part[1:] in node:
                node = node[part[1:]]
            else:
                break
        else:
            return str(key)
    return None


def _convert_error(raw: dict[str, Any], exc: msgspec.ValidationError) -> str:
    text = str(exc)
    message, sep, where = text.rpartition(" - at `")
    if not sep:
        return _plain_words(text)
    return f"{_describe_path(raw, where.rstrip('`'))}: {_plain_words(message)}"


#: The parser's type names as a knowledge-file editor reads them.
_TYPE_WORDS = {"str": "a text", "int": "a whole number", "float": "a number",
               "bool": "true or false", "array": "a list", "object": "a table",
               "null": "nothing"}  # fmt: skip


def _plain_words(message: str) -> str:
    """msgspec's message in the tool's words ("Expected `str`, got `int`":
    "expected a text, not a whole number"; a new user's review, stop 41)."""
    if m := re.fullmatch(r"Object missing required field `(.+)`", message):
        return f"the field {m[1]!r} is missing"
    if m := re.fullmatch(r"Object contains unknown field `(.+)`", message):
        return f"{m[1]!r} is not a field here"
    if m := re.fullmatch(r"Expected `(.+?)`, got `(.+?)`", message):
        expected = " or ".join(_TYPE_WORDS.get(t, t) for t in m[1].split(" | "))
        return f"expected {expected}, not {_TYPE_WORDS.get(m[2], m[2])}"
    return re.sub(r"`(\w+)`", _type_word, message)


def _type_word(m: re.Match[str]) -> str:
    return _TYPE_WORDS.get(m[1], m[1])


#: Bidirectional embeddings, overrides and isolates: they reorder what a
#: terminal shows (category Cf, unlike harmless joiners).
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _control(text: str, newline_ok: bool) -> str | None:
    """The first control character of `text` as U+XXXX, or None."""
    if text.isprintable():
        return None
    import unicodedata

    for ch in text:
        if (ch == "\n" and newline_ok) or not (unicodedata.category(ch) == "Cc" or ch in _BIDI):
            continue
        return f"U+{ord(ch):04X}"
    return None


def _all_printable(raw: dict[str, Any]) -> bool:
    """Whether every key and text is printable: the quick test of the common
    case (0.5 ms where a walk in Python takes 2). JSON writes every C0
    control as a backslash escape, and a backslash of the text itself also
    sends the file to the full walk, so this never passes a control."""
    try:
        encoded = msgspec.json.encode(raw)
    except (TypeError, ValueError, msgspec.EncodeError):
        return False
    return b"\\" not in encoded and encoded.decode("utf-8").isprintable()


def _plain_text(raw: dict[str, Any]) -> str | None:
    """Where the first key or text of the file holds a control character.

    Walked without recursion (the parser bounds nesting, but this does not
    rely on it). A newline is allowed inside a text, never in a key.
    """
    if _all_printable(raw):
        return None
    stack: list[tuple[str, object]] = [("", raw)]
    while stack:
        where, node = stack.pop()
        if isinstance(node, dict):
            for key, value in reversed(node.items()):
                name = f"{where}.{key}" if where else str(key)
                if isinstance(key, str) and (bad := _control(key, newline_ok=False)):
                    return f"{show(name)}: the key contains a control character ({bad})"
                stack.append((name, value))
        elif isinstance(node, list):
            for i in reversed(range(len(node))):
                item = node[i]
                ident = item.get("id") if isinstance(item, dict) else None
                named = isinstance(ident, str) and ident.isprintable()
                stack.append((f"{where}[{i}]" + (f" ({ident})" if named else ""), item))
        elif isinstance(node, str) and (bad := _control(node, newline_ok=True)):
            return f"{where}: contains a control character ({bad}); plain text only"
    return None


def _escaped(text: str) -> str:
    """`text` with every unprintable character written as an escape."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def _label(p: Path) -> str:
    """The path as messages show it: as typed, control characters escaped."""
    return _escaped(str(p))


def read(path: str | Path | None = None) -> tuple[bytes, str]:
    """The bytes of a knowledge file (default: the shipped one) and its label
    for messages; KnowledgeError if it cannot be read."""
    p = Path(path) if path is not None else default_path()
    try:
        data = read_file(p, "knowledge file", KNOWLEDGE_LIMIT)
    except AnswerError as e:
        raise KnowledgeError(str(e)) from None
    return data, _label(p)


def parse(data: bytes, label: str) -> KnowledgeBase:
    """Parse and validate the bytes of a knowledge file; KnowledgeError if bad."""
    import rtoml  # here: a file verified before is not parsed again (store/verified.py)

    try:
        raw = rtoml.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise KnowledgeError(f"{label}: not UTF-8 text") from None
    except rtoml.TomlParsingError as e:
        reason = " ".join(str(e).split())
        raise KnowledgeError(f"{label}: not valid TOML: {_escaped(reason)}") from None
    except RecursionError:
        raise KnowledgeError(f"{label}: not valid TOML: nested too deeply") from None
    return from_dict(raw, label)


def load(path: str | Path | None = None) -> KnowledgeBase:
    """Read, parse and validate a knowledge file; raise KnowledgeError if bad."""
    return parse(*read(path))


def from_dict(raw: dict[str, Any], path: str = "<knowledge>") -> KnowledgeBase:
    found = origins(raw)
    raw, unshared = expand(raw)
    where = _plain_text(raw) or unshared
    if where is not None:
        raise KnowledgeError(f"{path}: {where}")
    try:
        kb = msgspec.convert(raw, KnowledgeBase)
    except msgspec.ValidationError as e:
        raise KnowledgeError(f"{path}: {_convert_error(raw, e)}") from None
    kb = msgspec.structs.replace(kb, path=path, exception_origins=found)
    # imported here: a file verified before is not checked again (see
    # store/verified.py), and the checks are most of this package's modules
    from hipcheck.knowledge.checks import check

    problems = check(kb)
    if problems:
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        raise KnowledgeError(f"{path}: {located(problems[0], found)}{more}")
    return kb
