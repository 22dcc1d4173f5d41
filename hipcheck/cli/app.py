"""The Typer application, its root options (--kb, --data-dir, --version) and
the context helpers every command uses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from hipcheck import __version__
from hipcheck.cli import startup
from hipcheck.cli.knowledge_file import load_kb
from hipcheck.terminal import Terminal

#: `hipcheck --help` lists a runner's commands first ("Commands"), then
#: these (a runner's review: batch, validate and evaluate came before check).
SCRIPTS_PANEL = "For scripts and the knowledge file"
HELP_PANEL = "Help"

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
    obj = ctx.find_root().ensure_object(dict)
    if "kb_obj" not in obj:
        obj["kb_obj"] = load_kb(obj.get("kb"))
        startup.over()  # the garbage collector is back on (cli/startup.py)
    return obj["kb_obj"]


def _term(ctx: typer.Context) -> Terminal:
    """The terminal made at the edge (main) and handed to Click as the root
    context's object; one for the process's streams when the app is run
    without main()."""
    obj = ctx.find_root().ensure_object(dict)
    if "terminal" not in obj:
        obj["terminal"] = Terminal.from_process()
    term: Terminal = obj["terminal"]
    return term


def _data_dir(ctx: typer.Context) -> Path | None:
    value = (ctx.find_root().obj or {}).get("data_dir")
    return value if isinstance(value, Path) else None


def _version(ctx: typer.Context, value: bool) -> None:
    if value:
        _term(ctx).write(f"hipcheck {__version__}\n")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    kb: Path | None = typer.Option(
        None, "--kb", metavar="FILE", help="Use another knowledge file (default: the built-in one)."
    ),
    version: bool = typer.Option(
        False,
        "--version",
        "-V",
        callback=_version,
        is_eager=True,
        help="Show the version and exit.",
    ),
    data_dir: Path | None = typer.Option(
        None,
        "--data-dir",
        metavar="DIR",
        help="Where the private check-in history lives (default: $HIPCHECK_HOME, else the "
        "user data folder).",
    ),
    full: bool = typer.Option(
        False,
        "--full",
        help="In the questionnaire, ask every question, not only those that can change the result.",
    ),
) -> None:
    ctx.ensure_object(dict).update(kb=kb, data_dir=data_dir)
    if ctx.invoked_subcommand is None:
        from hipcheck.commands.check import run_interactive

        run_interactive(_kb(ctx), _term(ctx), data_dir, full)
