"""`hipcheck report`: the page to take to a doctor or physiotherapist, from
the history (the latest check-in, earlier ones of the episode for the trend)
and activity data if given; and the same page for one `check`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from hipcheck.commands.running_plan import (
    episode,
    read_load,
    read_rows,
    reassess,
    write,
)
from hipcheck.commands.unreadable import say_unreadable
from hipcheck.core.assessment import Assessment
from hipcheck.errors import AnswerError, not_allowed
from hipcheck.knowledge import KnowledgeBase
from hipcheck.store.atomic import STDOUT, check_target, free_name
from hipcheck.store.history import CheckIn, readable
from hipcheck.terminal import Terminal

REPORT_FORMATS = ("html", "markdown")
NO_HISTORY = (
    "no check-ins yet: keep them with 'hipcheck check --save' (or say yes in the "
    "questionnaire), or write the page for one assessment with "
    "'hipcheck check ... --output visit.html'"
)


def page(
    kb: KnowledgeBase,
    a: Assessment,
    fmt: str,
    checkins: Sequence[CheckIn] = (),
    made: dt.datetime | None = None,
    notes: tuple[str, ...] = (),
) -> str:
    """The page as HTML or Markdown; `notes`: what the page must say first
    (a later check-in that could not be read)."""
    if fmt == "markdown":
        from hipcheck.render.report_content import build
        from hipcheck.render.report_markdown import render as render_markdown

        return render_markdown(build(kb, a, checkins, made, notes=notes))
    from hipcheck.render.report_html import page as html_page

    return html_page(kb, a, checkins, made, notes=notes)


def report_format(requested: str | None, output: Path | None) -> str:
    from hipcheck.commands.emit import from_suffix
    from hipcheck.commands.pdf import check_pdf, pdf_only_html

    if output is not None and pdf_only_html(output, requested):
        check_pdf(output)  # refused at once when no browser can print it
        return "pdf"
    fmt = requested if requested is not None else from_suffix(output, REPORT_FORMATS, "html")
    if fmt not in REPORT_FORMATS:
        raise not_allowed("--format", fmt, REPORT_FORMATS)
    return fmt


def run_report(
    kb: KnowledgeBase,
    term: Terminal,
    *,
    fmt: str | None,
    output: Path | None,
    force: bool,
    activities: Sequence[Path] = (),
    data_dir: Path | None = None,
) -> Path | None:
    printed = output == STDOUT  # `-o -`: the page itself, even on a terminal
    output = None if printed else output
    fmt_ = report_format(fmt, output)
    if output is None and not printed and fmt_ == "html" and term.stdout_tty:
        # raw HTML is no use on a screen: saved beside the runner, never over
        # another, as the questionnaire saves a summary
        output = free_name(Path(f"hipcheck-report-{dt.date.today().isoformat()}.html"))
    if output is not None:
        check_target(output, force)  # before any work
    rows = read_rows(data_dir, term)
    history = readable(rows)
    checkins = episode(kb, history)
    if not checkins:
        raise AnswerError(NO_HISTORY)
    notes = say_unreadable(term, rows, checkins)
    a = reassess(kb, history, read_load(kb, activities, term))
    if fmt_ == "pdf" and output is not None:
        from hipcheck.commands.pdf import write_pdf

        written: Path | None = write_pdf(page(kb, a, "html", checkins, notes=notes), output, force)
    else:
        written = write(term, page(kb, a, fmt_, checkins, notes=notes), output, force)
    if written is not None:
        from hipcheck.commands.emit import format_word

        term.notice(f"saved the {format_word(fmt_, written)} page for your clinician to {written}")
    return written
