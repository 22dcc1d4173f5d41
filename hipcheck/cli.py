"""The command line: parses arguments and calls the library; nothing more.

Errors from the core (HipcheckError) and from argument parsing are turned
into one line on stderr and an exit status here, at the edge, once.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, NoReturn

import typer

# Typer vendors Click; its usage errors are caught at the edge to print one line.
from typer._click import exceptions as click_exc

from . import __version__
from .errors import AnswerError, HipcheckError, show

app = typer.Typer(
    name="hipcheck",
    help=(
        "Possible causes of a runner's hip pain, what to do at home, and when to see a "
        "doctor. Private and offline.\n\n"
        "Run [bold]hipcheck[/bold] in a terminal to answer the questions, or script it:\n\n"
        "  hipcheck check --location outer-hip --duration 1-to-6-weeks --severity 4\n\n"
        "  hipcheck check --answers answers.json --format json"
    ),
    rich_markup_mode="rich",
    no_args_is_help=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _kb(ctx: typer.Context) -> Any:
    from .knowledge import load

    obj = ctx.find_root().obj or {}
    if "kb_obj" not in obj:
        obj["kb_obj"] = load(obj.get("kb"))
    return obj["kb_obj"]


def _data_dir(ctx: typer.Context) -> Path | None:
    value = (ctx.find_root().obj or {}).get("data_dir")
    return value if isinstance(value, Path) else None


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"hipcheck {__version__}\n")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    kb: Path | None = typer.Option(
        None, "--kb", metavar="FILE", help="Use another knowledge file (default: the built-in one)."
    ),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
    data_dir: Path | None = typer.Option(
        None,
        "--data-dir",
        metavar="DIR",
        help="Where the private check-in history lives (default: $HIPCHECK_HOME, else the "
        "user data folder).",
    ),
) -> None:
    ctx.obj = {"kb": kb, "data_dir": data_dir}
    if ctx.invoked_subcommand is None:
        from .flow import run_interactive

        run_interactive(_kb(ctx), data_dir)


_SEVERAL = "Repeat the flag or separate values with commas."


@app.command(
    epilog=(
        "Examples:\n\n"
        "  hipcheck check --location outer-hip --triggers single-leg,lying-on-side "
        "--duration 1-to-6-weeks --trend same --severity 5\n\n"
        "  hipcheck check --answers case.json --format json\n\n"
        "  hipcheck check --answers case.toml --severity 7 --output summary.md\n\n"
        "Question ids and values: hipcheck questions."
    )
)
def check(
    ctx: typer.Context,
    answers: Path | None = typer.Option(
        None,
        "--answers",
        "-a",
        metavar="FILE",
        help="Answers file (.json or .toml); flags override it.",
        rich_help_panel="Answer sources",
    ),
    data: list[str] = typer.Option(
        [],
        "--data",
        "-d",
        metavar="ID=VALUE",
        help="Answer any question by id, e.g. -d severity=4.",
        rich_help_panel="Answer sources",
    ),
    cannot_bear_weight: bool | None = typer.Option(
        None,
        "--cannot-bear-weight/--no-cannot-bear-weight",
        help="Cannot put weight on the leg.",
        rich_help_panel="Safety questions",
    ),
    deformity: bool | None = typer.Option(
        None,
        "--deformity/--no-deformity",
        help="Hip or leg looks deformed.",
        rich_help_panel="Safety questions",
    ),
    fever: bool | None = typer.Option(
        None,
        "--fever/--no-fever",
        help="Fever, chills or feeling unwell.",
        rich_help_panel="Safety questions",
    ),
    saddle_numbness: bool | None = typer.Option(
        None,
        "--saddle-numbness/--no-saddle-numbness",
        help="Numbness between the legs, or new bladder or bowel trouble.",
        rich_help_panel="Safety questions",
    ),
    injury: bool | None = typer.Option(
        None,
        "--injury/--no-injury",
        help="Started with a fall or injury.",
        rich_help_panel="Safety questions",
    ),
    limp: bool | None = typer.Option(
        None,
        "--limp/--no-limp",
        help="Limping, or someone has seen you limp.",
        rich_help_panel="Safety questions",
    ),
    weight_loss: bool | None = typer.Option(
        None,
        "--weight-loss/--no-weight-loss",
        help="Weight loss you can't explain, or drenching night sweats.",
        rich_help_panel="Safety questions",
    ),
    location: list[str] = typer.Option(
        [], metavar="VALUE", help=f"Where it hurts. {_SEVERAL}", rich_help_panel="The pain"
    ),
    side: str | None = typer.Option(
        None, metavar="VALUE", help="left, right or both.", rich_help_panel="The pain"
    ),
    onset: str | None = typer.Option(
        None, metavar="VALUE", help="sudden or gradual.", rich_help_panel="The pain"
    ),
    duration: str | None = typer.Option(
        None,
        metavar="VALUE",
        help="under-1-week, 1-to-6-weeks or over-6-weeks.",
        rich_help_panel="The pain",
    ),
    trend: str | None = typer.Option(
        None, metavar="VALUE", help="better, same or worse.", rich_help_panel="The pain"
    ),
    severity: str | None = typer.Option(
        None, metavar="0-10", help="Worst pain, 0 to 10.", rich_help_panel="The pain"
    ),
    timing: list[str] = typer.Option(
        [], metavar="VALUE", help=f"When it hurts. {_SEVERAL}", rich_help_panel="The pain"
    ),
    triggers: list[str] = typer.Option(
        [],
        metavar="VALUE",
        help=f"What makes it worse. {_SEVERAL}",
        rich_help_panel="The pain",
    ),
    pain_type: list[str] = typer.Option(
        [],
        metavar="VALUE",
        help=f"What it feels like. {_SEVERAL}",
        rich_help_panel="The pain",
    ),
    symptoms: list[str] = typer.Option(
        [],
        metavar="VALUE",
        help=f"Anything else noticed. {_SEVERAL}",
        rich_help_panel="The pain",
    ),
    rest_helps: str | None = typer.Option(
        None, metavar="VALUE", help="yes, no or unsure.", rich_help_panel="The pain"
    ),
    age: str | None = typer.Option(
        None, metavar="10-100", help="Age in years.", rich_help_panel="About you"
    ),
    sex: str | None = typer.Option(
        None, metavar="VALUE", help="female, male or other.", rich_help_panel="About you"
    ),
    history: list[str] = typer.Option(
        [], metavar="VALUE", help=f"Medical history. {_SEVERAL}", rich_help_panel="About you"
    ),
    training: list[str] = typer.Option(
        [], metavar="VALUE", help=f"Recent training. {_SEVERAL}", rich_help_panel="About you"
    ),
    mechanics: list[str] = typer.Option(
        [], metavar="VALUE", help=f"How you move. {_SEVERAL}", rich_help_panel="About you"
    ),
    fmt: str | None = typer.Option(
        None,
        "--format",
        "-f",
        metavar="FORMAT",
        help="rich, text, markdown or json (default: rich on a terminal, else text).",
        rich_help_panel="Output",
    ),
    output: Path | None = typer.Option(
        None,
        "--output",
        "-o",
        metavar="FILE",
        help="Write the summary to FILE (format from its suffix).",
        rich_help_panel="Output",
    ),
    force: bool = typer.Option(
        False, "--force", help="Overwrite an existing --output file.", rich_help_panel="Output"
    ),
    top: int = typer.Option(
        3,
        "--top",
        min=1,
        max=20,
        help="How many causes to show (JSON lists all).",
        rich_help_panel="Output",
    ),
    activities: list[Path] = typer.Option(
        [],
        "--activities",
        metavar="FILE_OR_FOLDER",
        help="GPX, FIT or Strava activities.csv files or folders: sets 'training: "
        "mileage_jump' from the data and adds a training-load section. Repeatable.",
        rich_help_panel="Answer sources",
    ),
    save: bool | None = typer.Option(
        None,
        "--save/--no-save",
        help="Keep this check-in in the private history and compare it with earlier ones "
        "(default: no for scripts; the questionnaire asks once and remembers).",
        rich_help_panel="Output",
    ),
    interactive: bool | None = typer.Option(
        None,
        "--interactive/--no-input",
        help="Ask the unanswered questions (default: only on a terminal with no answers given).",
        rich_help_panel="Answer sources",
    ),
) -> None:
    """Assess hip pain from answers given as flags, an answers file, or prompts."""
    from .flow import run_check

    flags: dict[str, object] = {
        k: v
        for k, v in {
            "cannot_bear_weight": cannot_bear_weight,
            "deformity": deformity,
            "fever": fever,
            "saddle_numbness": saddle_numbness,
            "injury": injury,
            "limp": limp,
            "weight_loss": weight_loss,
            "location": location,
            "side": side,
            "onset": onset,
            "duration": duration,
            "trend": trend,
            "severity": severity,
            "timing": timing,
            "triggers": triggers,
            "pain_type": pain_type,
            "symptoms": symptoms,
            "rest_helps": rest_helps,
            "age": age,
            "sex": sex,
            "history": history,
            "training": training,
            "mechanics": mechanics,
        }.items()
        if v is not None and v != []
    }
    run_check(
        _kb(ctx),
        answers_file=answers,
        data=data,
        flags=flags,
        fmt=fmt,
        output=output,
        force=force,
        top=top,
        interactive=interactive,
        save=save,
        data_dir=_data_dir(ctx),
        activities=activities,
    )


@app.command()
def conditions(ctx: typer.Context) -> None:
    """List the conditions of the knowledge file.

    Example: hipcheck conditions
    """
    from .render.catalog import print_conditions

    print_conditions(_kb(ctx))


@app.command()
def explain(ctx: typer.Context, condition_id: str = typer.Argument(..., metavar="ID")) -> None:
    """Show one condition in full: how it feels, self-care, exercises, sources.

    Example: hipcheck explain gluteal_tendinopathy
    """
    from .answers import normalise
    from .render.catalog import print_explain

    kb = _kb(ctx)
    cid = normalise(condition_id)
    if cid not in kb.condition_by_id:
        known = ", ".join(kb.condition_by_id)
        raise AnswerError(f"explain: unknown condition {show(condition_id)}; known: {known}")
    print_explain(kb, cid)


@app.command()
def questions(
    ctx: typer.Context,
    fmt: str = typer.Option("text", "--format", "-f", metavar="FORMAT", help="text or json."),
) -> None:
    """List the questions, their flags and allowed values.

    Examples: hipcheck questions; hipcheck questions --format json
    """
    import json

    from .render.catalog import questions_dict, questions_text

    kb = _kb(ctx)
    if fmt == "json":
        sys.stdout.write(json.dumps(questions_dict(kb, question_flags()), indent=2) + "\n")
    elif fmt == "text":
        sys.stdout.write(questions_text(kb, question_flags()))
    else:
        raise AnswerError(f"--format: {show(fmt)} is not allowed; allowed: text, json")


def question_flags() -> frozenset[str]:
    """The question ids that `check` has a flag for: `questions` advertises
    only these, so it never lists a flag that does not exist."""
    import inspect

    return frozenset(inspect.signature(check).parameters)


@app.command()
def validate(
    ctx: typer.Context,
    file: Path | None = typer.Argument(
        None, metavar="[FILE]", help="Default: the --kb file or the built-in one."
    ),
) -> None:
    """Check a knowledge file; report the first problem with its table and key.

    Example: hipcheck validate data/conditions.toml
    """
    from .knowledge import load

    root_obj = ctx.find_root().obj or {}
    kb = load(file if file is not None else root_obj.get("kb"))
    sys.stdout.write(
        f"{kb.path}: OK ({len(kb.questions)} questions, {len(kb.conditions)} conditions, "
        f"{len(kb.triage_rules)} triage rules, version {kb.version})\n"
    )


@app.command()
def evaluate(
    ctx: typer.Context,
    cases: Path = typer.Argument(..., metavar="CASES.json"),
    fmt: str = typer.Option("text", "--format", "-f", metavar="FORMAT", help="text or json."),
    min_top1: float = typer.Option(0.0, help="Fail (exit 1) below this top-1 share."),
    min_top3: float = typer.Option(0.0, help="Fail (exit 1) below this top-3 share."),
    max_under: int = typer.Option(
        -1, help="Fail (exit 1) with more under-triaged cases (-1: no limit)."
    ),
) -> None:
    """Score written cases and report top-1, top-3 and triage agreement.

    Example: hipcheck evaluate tests/cases/cases.json --min-top1 0.75 --max-under 0
    """
    import json

    from .evaluate import evaluate as run_eval
    from .evaluate import read_cases, report, to_dict

    kb = _kb(ctx)
    ev = run_eval(kb, read_cases(kb, cases))
    if fmt == "json":
        sys.stdout.write(json.dumps(to_dict(ev), indent=2) + "\n")
    elif fmt == "text":
        sys.stdout.write(report(ev))
    else:
        raise AnswerError(f"--format: {show(fmt)} is not allowed; allowed: text, json")
    failed = ev.top1 < min_top1 or ev.top3 < min_top3
    failed |= max_under >= 0 and len(ev.under_triaged) > max_under
    if failed:
        sys.stderr.write("hipcheck: evaluation below the thresholds given\n")
        raise typer.Exit(1)


INTERRUPTED = 130


@app.command()
def batch(
    ctx: typer.Context,
    input_name: str = typer.Argument(
        ..., metavar="INPUT", help="A JSON Lines or CSV file of answers, or - for standard input."
    ),
    input_format: str | None = typer.Option(
        None, "--input-format", metavar="FORMAT", help="jsonl or csv (default: from the suffix)."
    ),
    fmt: str = typer.Option("jsonl", "--format", "-f", metavar="FORMAT", help="jsonl or csv."),
    output: Path | None = typer.Option(
        None, "--output", "-o", metavar="FILE", help="Write to FILE."
    ),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing --output file."),
) -> None:
    """Assess many runners at once: one answers object per line (or CSV row) in,
    one assessment per line out. Bad lines are reported with their line number
    and the run goes on; the exit status is 1 if any line failed.

    JSON Lines: {"id": "r1", "location": ["outer_hip"], "severity": 4}
    CSV: a header of question ids (and id); several values separated by ;

    Examples: hipcheck batch club.jsonl > results.jsonl;
    hipcheck batch survey.csv --format csv --output results.csv
    """
    from .batch import run_command

    stats = run_command(_kb(ctx), input_name, input_format, fmt, output, force)
    if stats.failed:
        total = stats.ok + stats.failed
        sys.stderr.write(f"hipcheck: {stats.failed} of {total} records failed\n")
        raise typer.Exit(1)


@app.command()
def load(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(..., metavar="FILE_OR_FOLDER..."),
    weeks: int = typer.Option(10, "--weeks", min=4, max=52, help="How many weeks to show."),
    units: str = typer.Option("km", "--units", metavar="UNITS", help="km or mi."),
    fmt: str | None = typer.Option(
        None,
        "--format",
        "-f",
        metavar="FORMAT",
        help="rich, text or json (default: rich on a terminal).",
    ),
    as_of: str | None = typer.Option(
        None, "--as-of", metavar="YYYY-MM-DD", help="Last day to count (default: the latest run)."
    ),
) -> None:
    """Weekly running load from GPX, FIT and Strava exports, with the jumps.

    Reads .gpx, .fit (also .gz) and a Strava bulk export's activities.csv;
    a folder is searched. Shows weekly distance and time, week-over-week
    changes (over +10% marked), the acute:chronic workload ratio and the
    longest run. Runs found twice (a FIT file and the CSV) count once.

    Examples: hipcheck load ~/strava-export; hipcheck load run1.fit run2.gpx --units mi
    """
    from .load.command import run_load

    run_load(_kb(ctx), paths, weeks, units, fmt, as_of)


history_app = typer.Typer(
    help="Your private check-in history: list, show, export, forget.\n\n"
    "Examples: hipcheck history; hipcheck history --format csv -o checkins.csv; "
    "hipcheck history show 3; hipcheck history forget 3",
    no_args_is_help=False,
)
app.add_typer(history_app, name="history")


@history_app.callback(invoke_without_command=True)
def history_list(
    ctx: typer.Context,
    fmt: str = typer.Option(
        "table", "--format", "-f", metavar="FORMAT", help="table, json or csv."
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", metavar="FILE", help="Export to FILE."
    ),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing --output file."),
) -> None:
    """List check-ins with a severity trend (or export them)."""
    if ctx.invoked_subcommand is None:
        from .history_commands import list_command

        list_command(_data_dir(ctx), fmt, output, force)


@history_app.command("show")
def history_show(
    ctx: typer.Context,
    checkin_id: int = typer.Argument(..., metavar="ID"),
    fmt: str = typer.Option("text", "--format", "-f", metavar="FORMAT", help="text or json."),
) -> None:
    """Show one check-in: its triage, likely causes and answers.

    Example: hipcheck history show 3
    """
    from .history_commands import show_command

    show_command(_data_dir(ctx), checkin_id, fmt)


@history_app.command("forget")
def history_forget(
    ctx: typer.Context,
    checkin_id: int | None = typer.Argument(None, metavar="[ID]"),
    everything: bool = typer.Option(False, "--all", help="Forget every check-in."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation."),
) -> None:
    """Delete one check-in, or all of them (asks first unless --yes).

    Examples: hipcheck history forget 3; hipcheck history forget --all --yes
    """
    from .history_commands import forget_command

    forget_command(_data_dir(ctx), checkin_id, everything, yes)


@history_app.command("keep")
def history_keep(ctx: typer.Context, choice: str = typer.Argument(..., metavar="yes|no")) -> None:
    """Whether the questionnaire keeps check-ins (it asks once and remembers).

    Example: hipcheck history keep no
    """
    from .history_commands import keep_command

    keep_command(_data_dir(ctx), choice)


def _fail(message: str, code: int) -> NoReturn:
    one_line = message.replace("\r", "\\r").replace("\n", "\\n")
    sys.stderr.write(f"hipcheck: {one_line}\n")
    sys.stderr.flush()
    sys.exit(code)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app; turn every expected error into one line."""
    command = typer.main.get_command(app)
    try:
        rv = command.main(args=argv, prog_name="hipcheck", standalone_mode=False)
    except HipcheckError as e:
        _fail(str(e), e.exit_code)
    except click_exc.UsageError as e:
        where = e.ctx.command_path if e.ctx is not None else "hipcheck"
        _fail(f"{e.format_message()} (see '{where} --help')", 2)
    except click_exc.ClickException as e:
        _fail(e.format_message(), e.exit_code)
    except (typer.Abort, KeyboardInterrupt, EOFError):
        _fail("interrupted; nothing was saved", INTERRUPTED)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(1)
    if rv == INTERRUPTED:  # Typer turns Ctrl-C into this return code
        _fail("interrupted; nothing was saved", INTERRUPTED)
    sys.exit(rv if isinstance(rv, int) else 0)
