"""The output options every command shares: `--format`, `--output`, `--force`.

Declared once here and validated by one function, so every command spells
them the same way, accepts the same names for the same formats (`text` for
the plain human format, `json` for the machine one) and refuses a bad value
with the same one line.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import typer

from hipcheck.errors import AnswerError, not_allowed, show

#: Spellings accepted by every command for the format it has.
SYNONYMS: Mapping[str, str] = {"md": "markdown", "txt": "text", "jsonlines": "jsonl"}
#: One set of format names for every command: a name a command has no
#: format of its own for means its nearest one (`plan --format rich` is
#: plan's text, `report --format text` its Markdown, `history --format text`
#: its table).
NEAREST: Mapping[str, tuple[str, ...]] = {
    "rich": ("table", "text", "markdown"),
    "text": ("table", "markdown"),
    "table": ("text", "rich"),
    "markdown": ("text", "table"),
    "json": ("jsonl",),
    "jsonl": ("json",),
}


def format_option(allowed: Sequence[str], default: str | None, note: str = "") -> Any:
    """`--format/-f FORMAT` listing the allowed names (they complete in the shell)."""
    text = " or ".join([", ".join(allowed[:-1]), allowed[-1]] if len(allowed) > 1 else allowed)

    def complete(incomplete: str) -> list[str]:
        return [name for name in allowed if name.startswith(incomplete)]

    return typer.Option(
        default,
        "--format",
        "-f",
        metavar="FORMAT",
        help=f"{text}{note}.",
        rich_help_panel="Output",
        autocompletion=complete,
    )


def whole_number(option: str, lo: int, hi: int | None = None) -> Any:
    """A parser for a whole-number option or argument that words its own
    errors ("--top: 0 is out of range; allowed 1 to 20"), not Click's."""

    def parse(value: str) -> int:
        allowed = f"{lo} to {hi}" if hi is not None else f"{lo} or more"
        try:
            number = int(str(value).strip())
        except ValueError:
            raise AnswerError(
                f"{option}: {show(value)} is not a whole number; allowed {allowed}"
            ) from None
        if number < lo or (hi is not None and number > hi):
            raise AnswerError(f"{option}: {number} is out of range; allowed {allowed}")
        return number

    return parse


def _output_path(value: str) -> Path | None:
    """A file name; `-` means standard output (None, as with no --output);
    one ending in a slash names a folder, which is refused (Path() would
    drop the slash and write a file of that name); an empty one too (Path("")
    is the current folder)."""
    if value == "-":
        return None
    if not value:
        raise AnswerError("--output: the file name is empty; give a file name")
    if value.endswith(("/", os.sep)):
        raise AnswerError(f"--output: {show(value)} ends with a slash; give a file name")
    return Path(value)


def _output_or_dash(value: str) -> Path | None:
    from hipcheck.store.atomic import STDOUT

    return STDOUT if value == "-" else _output_path(value)


def output_option(what: str = "Write the output to FILE", dash: bool = False) -> Any:
    """`--output/-o FILE`: written atomically, owner-only, never over a file
    without --force. `dash`: `-` gives STDOUT, not None (no --output)."""
    return typer.Option(
        None,
        "--output",
        "-o",
        parser=_output_or_dash if dash else _output_path,
        metavar="FILE",
        help=f"{what} (owner-only; refuses an existing file without --force; - for standard "
        "output).",
        rich_help_panel="Output",
    )


def force_option() -> Any:
    return typer.Option(
        False, "--force", help="Overwrite an existing --output file.", rich_help_panel="Output"
    )


def choice(
    option: str,
    value: str | None,
    allowed: Sequence[str],
    aliases: Mapping[str, str] | None = None,
) -> str | None:
    """`value` as one of `allowed` (None stays None), or one clear error line."""
    if value is None:
        return None
    key = value.strip().lower().replace("-", "").replace("_", "")
    key = {**SYNONYMS, **(aliases or {})}.get(key, key)
    for name in allowed:
        if name.replace("-", "").replace("_", "") == key:
            return name
    for near in NEAREST.get(key, ()):
        if near in allowed:
            return near
    raise not_allowed(option, value, allowed)


def examples(*commands: str, note: str = "") -> str:
    """A command's help epilog: its example commands, each on a line of its
    own so that help never wraps one mid-command (UX review N15), and an
    optional closing note."""
    label = "Example" if len(commands) == 1 else "Examples"
    lines = [f"{label}:", *(f"  {c}" for c in commands)]
    if note:
        lines.append(note)
    return "\n\n".join(lines)
