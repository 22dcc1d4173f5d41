"""Choose an output format, render the assessment, and write or print it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from hipcheck.core.assessment import Assessment
from hipcheck.errors import AnswerError, show
from hipcheck.knowledge import KnowledgeBase
from hipcheck.render import FORMATS, Format
from hipcheck.store.atomic import write_atomic

SUFFIX_FORMAT: dict[str, Format] = {
    ".json": "json",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
}


def choose_format(requested: str | None, output: Path | None, stream: TextIO) -> Format:
    """Explicit choice; else by the output file's suffix; else rich on a terminal."""
    if requested is not None:
        fmt = requested.strip().lower()
        if fmt not in FORMATS:
            raise AnswerError(
                f"--format: {show(requested)} is not allowed; allowed: {', '.join(FORMATS)}"
            )
        if fmt == "rich" and output is not None:
            return "text"  # a file gets the same summary without escape codes
        return fmt
    if output is not None:
        return SUFFIX_FORMAT.get(output.suffix.lower(), "text")
    return "rich" if stream.isatty() else "text"


def render(a: Assessment, kb: KnowledgeBase, fmt: Format, top: int) -> str:
    """Render to a string (every format but rich)."""
    if fmt == "json":
        from hipcheck.render.json_render import render as render_json

        return render_json(a, kb)
    from hipcheck.render.text_render import render_markdown, render_text

    if fmt == "markdown":
        return render_markdown(a, kb, top)
    return render_text(a, kb, top)


def emit(
    a: Assessment,
    kb: KnowledgeBase,
    fmt: Format,
    top: int = 3,
    output: Path | None = None,
    force: bool = False,
) -> Path | None:
    """Print the assessment, or write it to `output`; returns the file written."""
    if output is not None:
        return write_atomic(output, render(a, kb, fmt, top), force=force)
    if fmt == "rich":
        from hipcheck.render.rich_render import print_summary
        from hipcheck.terminal import console

        print_summary(a, kb, console(), top)
    else:
        sys.stdout.write(render(a, kb, fmt, top))
    return None
