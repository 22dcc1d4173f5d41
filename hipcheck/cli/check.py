"""`hipcheck check`: one option per question of the contract (§2, declared
once in `cli/questions.py`), plus the answer sources and the output options.

No `from __future__ import annotations` here: Typer reads the command's
parameter types when it builds it, on every `check`, and string annotations
cost it a compile each (about 0.7 ms).
"""

from pathlib import Path

import typer

from hipcheck.cli.app import _data_dir, _kb, _term, app
from hipcheck.cli.options import (
    choice,
    examples,
    force_option,
    format_option,
    output_option,
    whole_number,
)
from hipcheck.cli.questions import QuestionCommand, given_flags, question_flags
from hipcheck.render import FORMATS

__all__ = ["ACTIVITIES", "ANSWERS", "DATA", "check", "question_flags"]

_SOURCES = "Answer sources"
ANSWERS = typer.Option(
    None,
    "--answers",
    "-a",
    metavar="FILE",
    help="Answers file (.json or .toml); flags override it.",
    rich_help_panel=_SOURCES,
)
DATA = typer.Option(
    [],
    "--data",
    "-d",
    metavar="ID=VALUE",
    help="Answer any question by id, e.g. -d severity=4.",
    rich_help_panel=_SOURCES,
)
ACTIVITIES = typer.Option(
    [],
    "--activities",
    metavar="FILE_OR_FOLDER",
    help="GPX, FIT or Strava activities.csv files or folders: sets 'training: "
    "mileage_jump' from the data and adds a training-load section. Repeatable.",
    rich_help_panel=_SOURCES,
)
TOP = typer.Option(
    "3",
    "--top",
    metavar="1-20",
    parser=whole_number("--top", 1, 20),
    help="How many causes to show, 1 to 20 (JSON lists all).",
    rich_help_panel="Output",
)
SAVE = typer.Option(
    None,
    "--save/--no-save",
    help="Keep this check-in in the private history and compare it with earlier ones "
    "(default: no for scripts; the questionnaire asks once and remembers).",
    rich_help_panel="Output",
)
INTERACTIVE = typer.Option(
    None,
    "--interactive/--no-input",
    help="Ask the unanswered questions (default: only on a terminal with no answers given).",
    rich_help_panel=_SOURCES,
)
FULL = typer.Option(
    False,
    "--full",
    help="Ask every question, not only those that can change the result (docs/interview.md).",
    rich_help_panel=_SOURCES,
)
_FORMAT_NOTE = " (default: from the --output suffix, else rich on a terminal, else text)"


@app.command(
    cls=QuestionCommand,
    epilog=examples(
        "hipcheck check --location outer-hip --duration 1-to-6-weeks",
        "hipcheck check --answers case.json --format json",
        "hipcheck check -a case.toml --severity 7 -o summary.md",
        note="Question ids and values: hipcheck questions.",
    ),
)
def check(
    ctx: typer.Context,
    answers: Path | None = ANSWERS,
    data: list[str] = DATA,
    fmt: str | None = format_option(FORMATS, None, _FORMAT_NOTE),
    output: Path | None = output_option("Write the summary to FILE (format from its suffix)"),
    force: bool = force_option(),
    top: int = TOP,
    activities: list[Path] = ACTIVITIES,
    save: bool | None = SAVE,
    interactive: bool | None = INTERACTIVE,
    full: bool = FULL,
) -> None:
    """Assess hip pain from answers given as flags, an answers file, or prompts."""
    from hipcheck.commands.check import CheckRequest, run_check
    from hipcheck.commands.sources import AnswerSources

    request = CheckRequest(
        sources=AnswerSources(answers, data, given_flags(ctx)),
        fmt=choice("--format", fmt, FORMATS),
        output=output,
        force=force,
        top=top,
        interactive=interactive,
        save=save,
        data_dir=_data_dir(ctx),
        activities=activities,
        full=full,
    )
    run_check(_kb(ctx), request, _term(ctx))
