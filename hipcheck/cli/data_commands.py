"""Commands about data: batch, load (training data) and history."""

from __future__ import annotations

from pathlib import Path

import typer

from hipcheck.cli.app import SCRIPTS_PANEL, _data_dir, _kb, _term, app
from hipcheck.cli.options import (
    choice,
    examples,
    force_option,
    format_option,
    output_option,
    whole_number,
)
from hipcheck.errors import ExitStatus

BATCH_FORMATS = ("jsonl", "csv")
LOAD_FORMATS = ("rich", "text", "json")
HISTORY_FORMATS = ("table", "json", "csv")


@app.command(
    rich_help_panel=SCRIPTS_PANEL,
    epilog=examples(
        "hipcheck batch club.jsonl > results.jsonl",
        "hipcheck batch survey.csv --format csv --output results.csv",
    ),
)
def batch(
    ctx: typer.Context,
    input_name: str = typer.Argument(
        ..., metavar="INPUT", help="A JSON Lines or CSV file of answers, or - for standard input."
    ),
    input_format: str | None = typer.Option(
        None, "--input-format", metavar="FORMAT", help="jsonl or csv (default: from the suffix)."
    ),
    fmt: str | None = format_option(
        BATCH_FORMATS, None, " (json means jsonl; default: csv for an --output .csv, else jsonl)"
    ),
    output: Path | None = output_option(),
    force: bool = force_option(),
) -> None:
    """Assess many runners at once: one answers object per line (or CSV row) in,
    one assessment per line out. Bad lines are reported with their line number
    and the run goes on; the exit status is 1 if any line failed.

    JSON Lines: {"id": "r1", "location": ["outer_hip"], "severity": 4}

    CSV: a header of question ids (and id); several values separated by ;
    """
    from hipcheck.commands.batch import run_command

    if fmt is None:  # the --output file's suffix, as every command's
        fmt = "csv" if output is not None and output.suffix.lower() == ".csv" else "jsonl"
    fmt = choice("--format", fmt, BATCH_FORMATS, {"json": "jsonl"}) or "jsonl"
    stats = run_command(_kb(ctx), input_name, input_format, fmt, output, force, _term(ctx))
    if stats.failed:
        total = stats.ok + stats.failed
        _term(ctx).notice(f"{stats.failed} of {total} records failed")
        raise typer.Exit(ExitStatus.FAILED)


@app.command(
    epilog=examples("hipcheck load ~/strava-export", "hipcheck load run1.fit run2.gpx --units mi")
)
def load(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(..., metavar="FILE_OR_FOLDER..."),
    weeks: int = typer.Option(
        "10",
        "--weeks",
        metavar="1-52",
        parser=whole_number("--weeks", 1, 52),
        help="How many weeks to show, 1 to 52.",
    ),
    units: str = typer.Option(
        "km",
        "--units",
        metavar="UNITS",
        help="km or mi.",
        autocompletion=lambda incomplete: ["km", "mi"],
    ),
    fmt: str | None = format_option(LOAD_FORMATS, None, " (default: rich on a terminal)"),
    as_of: str | None = typer.Option(
        None,
        "--as-of",
        metavar="YYYY-MM-DD",
        help="Last day to count (default: today; the page says when the data ends long before).",
    ),
) -> None:
    """Weekly running load from GPX, FIT and Strava exports, with the jumps.

    Reads .gpx, .fit (also .gz) and a Strava bulk export's activities.csv;
    a folder is searched. Shows weekly distance and time, week-over-week
    changes, the acute:chronic workload ratio, the longest run and any
    mileage jump over the 14 days before today (or --as-of), by the limits
    the pages name. Runs found twice (a FIT file and the CSV) count once.
    """
    from hipcheck.commands.training import run_load

    run_load(
        _kb(ctx), paths, weeks, units, choice("--format", fmt, LOAD_FORMATS), as_of, _term(ctx)
    )


history_app = typer.Typer(
    help="Your private check-in history: list, show, export, forget.",
    epilog=examples(
        "hipcheck history",
        "hipcheck history --format csv -o checkins.csv",
        "hipcheck history show 3",
        "hipcheck history forget 3",
    ),
    no_args_is_help=False,
)
app.add_typer(history_app, name="history")


@history_app.callback(invoke_without_command=True)
def history_list(
    ctx: typer.Context,
    fmt: str = format_option(HISTORY_FORMATS, "table", " (text means table)"),
    output: Path | None = output_option("Export to FILE"),
    force: bool = force_option(),
) -> None:
    """List check-ins with a severity trend (or export them)."""
    if ctx.invoked_subcommand is None:
        from hipcheck.commands.history import list_command

        fmt = choice("--format", fmt, HISTORY_FORMATS, {"text": "table", "rich": "table"}) or ""
        list_command(_term(ctx), _data_dir(ctx), fmt, output, force)


@history_app.command("show", epilog=examples("hipcheck history show 3"))
def history_show(
    ctx: typer.Context,
    checkin_id: int = typer.Argument(..., metavar="ID", parser=whole_number("history show", 1)),
    fmt: str = format_option(("text", "json"), "text"),
) -> None:
    """Show one check-in: its triage, likely causes and answers."""
    from hipcheck.commands.history import show_command

    fmt = choice("--format", fmt, ("text", "json")) or "text"
    show_command(_term(ctx), _data_dir(ctx), checkin_id, fmt, _kb(ctx) if fmt == "text" else None)


@history_app.command(
    "forget", epilog=examples("hipcheck history forget 3", "hipcheck history forget --all --yes")
)
def history_forget(
    ctx: typer.Context,
    checkin_id: int | None = typer.Argument(
        None, metavar="[ID]", parser=whole_number("history forget", 1)
    ),
    everything: bool = typer.Option(False, "--all", help="Forget every check-in."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation."),
) -> None:
    """Delete one check-in, or all of them (asks first unless --yes)."""
    from hipcheck.commands.history import forget_command

    forget_command(_term(ctx), _data_dir(ctx), checkin_id, everything, yes)


@history_app.command("keep", epilog=examples("hipcheck history keep no"))
def history_keep(
    ctx: typer.Context,
    choice: str | None = typer.Argument(
        None, metavar="[yes|no]", autocompletion=lambda incomplete: ["yes", "no"]
    ),
) -> None:
    """Whether the questionnaire keeps check-ins (it asks once and remembers);
    with no yes or no, what it does now.
    """
    from hipcheck.commands.history import keep_command

    keep_command(_term(ctx), _data_dir(ctx), choice)
