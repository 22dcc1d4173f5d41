"""`hipcheck help [COMMAND]` and `hipcheck version`, as people type them
(besides `--help`, `-h`, `--version` and `-V`)."""

from __future__ import annotations

import typer

from hipcheck import __version__
from hipcheck.cli.app import HELP_PANEL, _term, app
from hipcheck.errors import AnswerError, show


@app.command("help", rich_help_panel=HELP_PANEL)
def help_command(
    ctx: typer.Context,
    names: list[str] = typer.Argument(None, metavar="[COMMAND]...", show_default=False),
) -> None:
    """Show the help of hipcheck, or of one command (hipcheck help history show)."""
    root = ctx.find_root()
    group = root.command
    for name in names or []:
        sub = group.get_command(root, name) if isinstance(group, typer.core.TyperGroup) else None
        if sub is None:
            raise AnswerError(f"help: {show(name)} is not a command; see 'hipcheck --help'")
        group = sub
    group.main(
        args=["--help"],
        prog_name=" ".join(["hipcheck", *(names or [])]),
        standalone_mode=False,
        obj=root.obj,
    )


@app.command("version", rich_help_panel=HELP_PANEL)
def version_command(ctx: typer.Context) -> None:
    """Show the version (as --version and -V do)."""
    _term(ctx).write(f"hipcheck {__version__}\n")
