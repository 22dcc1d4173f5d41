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

from hipcheck.errors import AnswerError, show

#: Spellings accepted by every command for the format it has.
SYNONYMS: Mapping[str, str] = {"md": "markdown", "txt": "text", "jsonlines": "jsonl"}


def format_option(allowed: Sequence[str], default: str | None, note: str = "") -> Any:
    """`--format/-f FORMAT` listing the allowed names."""
    text = " or ".join([", ".join(allowed[:-1]), allowed[-1]] if len(allowed) > 1 else allowed)
    return typer.Option(
        default,
        "--format",
        "-f",
        metavar="FORMAT",
        help=f"{text}{note}.",
        rich_help_panel="Output",
    )


def _output_path(value: str) -> Path:
    """A file name; one ending in a slash names a folder, which is refused
    (Path() would drop the slash and write a file of that name)."""
    if value.endswith(("/", os.sep)):
        raise AnswerError(f"--output: {show(value)} ends with a slash; give a file name")
    return Path(value)


def output_option(what: str = "Write the output to FILE") -> Any:
    """`--output/-o FILE`: written atomically, owner-only, never over a file without --force."""
    return typer.Option(
        None,
        "--output",
        "-o",
        parser=_output_path,
        metavar="FILE",
        help=f"{what} (owner-only; refuses an existing file without --force).",
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
    raise AnswerError(f"{option}: {show(value)} is not allowed; allowed: {', '.join(allowed)}")
