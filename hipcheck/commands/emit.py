"""Choose an output format, render the assessment, and write or print it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from hipcheck.core.assessment import Assessment
from hipcheck.errors import AnswerError, not_allowed, show_path
from hipcheck.knowledge import KnowledgeBase
from hipcheck.render import FORMATS, Format
from hipcheck.terminal import Terminal, clean

SUFFIX_FORMAT: dict[str, Format] = {
    ".json": "json",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".html": "html",
    ".htm": "html",
}


#: A plain-text file for a command without a text format gets Markdown,
#: which reads as text (`report -o visit.txt`), and the reverse.
NEAREST_FILE: dict[str, str] = {"text": "markdown", "markdown": "text"}


#: How the notices name each format ("saved the PDF page ...").
FORMAT_WORDS = {
    "text": "text",
    "markdown": "Markdown",
    "json": "JSON",
    "html": "HTML",
    "pdf": "PDF",
}


def format_word(fmt: str, written: Path) -> str:
    """The format as a notice names it: a .pdf file is a PDF, whatever page
    was printed into it."""
    if written.suffix.lower() == ".pdf":
        return "PDF"
    return FORMAT_WORDS.get(fmt, fmt)


def from_suffix(output: Path | None, allowed: Sequence[str], default: str) -> str:
    """The format an --output file's suffix names: the command's own, else
    its nearest (text for Markdown and back); a suffix the command cannot
    write (HTML into `plan.html`, a page into `visit.json`) is refused; an
    unknown suffix gets `default`."""
    fmt = SUFFIX_FORMAT.get(output.suffix.lower()) if output is not None else None
    if fmt is None or fmt in allowed:
        return fmt or default
    if NEAREST_FILE.get(fmt) in allowed:
        return NEAREST_FILE[fmt]
    kinds = f"{', '.join(allowed[:-1])} or {allowed[-1]}" if len(allowed) > 1 else allowed[0]
    raise AnswerError(
        f"--output {show_path(output)}: this command writes {kinds}, not {fmt}; "
        "name the file for one of them, or give --format"
    )


def choose_format(requested: str | None, output: Path | None, term: Terminal) -> Format:
    """Explicit choice; else by the output file's suffix; else rich on a terminal."""
    if output is not None and output.suffix.lower() == ".pdf":
        from hipcheck.commands.pdf import check_pdf, pdf_only_html  # only then: a fast start

        if pdf_only_html(output, requested):
            check_pdf(output)  # a PDF of the clinician page, or a refusal naming the alternative
            return "html"
    if requested is not None:
        fmt = requested.strip().lower()
        if fmt not in FORMATS:
            raise not_allowed("--format", requested, FORMATS)
        if fmt == "rich" and output is not None:
            return "text"  # a file gets the same summary without escape codes
        return fmt
    if output is not None:
        suffix = output.suffix.lower()
        if suffix and suffix not in SUFFIX_FORMAT:  # UX re-check: -o x.docx wrote text unsaid
            term.notice(
                f"{output.name}: not a kind of file hipcheck writes; writing plain text "
                "(name it .txt, .md, .html, .json or .pdf, or give --format)"
            )
        return from_suffix(output, FORMATS, "text")  # type: ignore[return-value]
    return "rich" if term.stdout_tty else "text"


def render(a: Assessment, kb: KnowledgeBase, fmt: Format, top: int, width: int = 78) -> str:
    """Render to a string (every format but rich); `width`: of plain text."""
    if fmt == "json":
        from hipcheck.render.json_render import render as render_json

        return render_json(a, kb)
    if fmt == "html":  # the page for a clinician, for this one assessment
        from hipcheck.render.report_html import page

        return page(kb, a)
    from hipcheck.render.text_render import render_markdown, render_text

    if fmt == "markdown":
        return render_markdown(a, kb, top)
    return render_text(a, kb, top, width)


def emit(
    a: Assessment,
    kb: KnowledgeBase,
    fmt: Format,
    term: Terminal,
    top: int = 3,
    output: Path | None = None,
    force: bool = False,
) -> Path | None:
    """Print the assessment, or write it to `output`; returns the file written.

    Files get the same cleaning as the terminal: a control character from an
    answer or a knowledge file never reaches a later `cat` raw.
    """
    if output is not None:
        from hipcheck.store.atomic import write_atomic

        if output.suffix.lower() == ".pdf" and fmt == "html":
            from hipcheck.commands.pdf import write_pdf

            return write_pdf(clean(render(a, kb, fmt, top)), output, force)
        return write_atomic(output, clean(render(a, kb, fmt, top)), force=force)
    if fmt == "rich":
        from hipcheck.render.rich_render import print_summary

        print_summary(a, kb, term.console(), top)
    else:
        term.write(render(a, kb, fmt, top, term.text_width))
    return None
