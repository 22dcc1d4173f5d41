"""The command line with Typer: parses arguments and calls the library;
nothing more. Errors from argument parsing are turned into one line on
stderr and an exit status here; the others at the edge (cli/edge.py).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, MutableMapping
from typing import Any

import typer

# Typer vendors Click; its usage errors are caught at the edge to print one line.
from typer._click import exceptions as click_exc

# the command modules register their commands with the app when imported
from hipcheck.cli import data_commands, knowledge_commands, meta_commands  # noqa: F401
from hipcheck.cli import plan_commands as _plan_commands  # noqa: F401
from hipcheck.cli.app import app
from hipcheck.cli.edge import fail, interrupted
from hipcheck.errors import ExitStatus
from hipcheck.terminal import Terminal

__all__ = ["app", "command_line"]

#: Root options that take a value and may also be written after the command.
_GLOBAL_VALUES = ("--data-dir", "--kb")


def hoist_globals(args: list[str]) -> list[str]:
    """`hipcheck history --data-dir DIR` as `hipcheck --data-dir DIR history`:
    the global options are accepted after the command too (people type
    them there), moved before it for Click. Nothing after `--` moves."""
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest += args[i:]
            break
        name = arg.partition("=")[0]
        if name in _GLOBAL_VALUES and rest:
            takes_next = "=" not in arg and i + 1 < len(args)
            front += args[i : i + 2] if takes_next else [arg]
            i += 2 if takes_next else 1
            continue
        rest.append(arg)
        i += 1
    return front + rest


def _joined(paragraph: str) -> str:
    """A help paragraph's lines joined, so Rich wraps it to the terminal;
    an indented line (an example to copy) keeps its own line."""
    out: list[str] = []
    for line in paragraph.split("\n"):
        if out and not line.startswith("  ") and not out[-1].startswith("  "):
            out[-1] += " " + line.strip()
        else:
            out.append(line)
    return "\n".join(out)


def tidy_help(command: Any) -> None:
    """Help text that wraps cleanly: docstrings are written at 100 columns,
    and Typer keeps their line breaks, so `--help` at 80 columns was ragged.
    The command list shows the first paragraph on one line."""
    import inspect

    if command.help:
        paragraphs = inspect.cleandoc(command.help).split("\n\n")
        command.help = "\n\n".join(_joined(p) for p in paragraphs)
        command.short_help = command.short_help or paragraphs[0].replace("\n", " ")
    for sub in getattr(command, "commands", {}).values():
        tidy_help(sub)


def _no_such_option(e: click_exc.NoSuchOption) -> str:
    """Click's "No such option" in our words, with a close spelling only
    (Click suggests any option sharing a prefix: --save gave --age, --sex)."""
    import difflib

    where = e.ctx.command_path if e.ctx is not None else "hipcheck"
    command = where.removeprefix("hipcheck").strip() or "hipcheck"
    near = difflib.get_close_matches(e.option_name, sorted(e.possibilities or []), n=2, cutoff=0.75)
    hint = f"; did you mean {' or '.join(near)}?" if near else ""
    return f"{e.option_name} is not an option of {command}{hint} (see '{where} --help')"


class LazyCommands(MutableMapping[str, Any]):
    """The commands of the root group, each built on first use: building
    Click's command from a Typer function (its signature, every option) is
    most of the cost of the command tree, and a run uses one command.
    `--help` and completion list them all, and so build them all."""

    def __init__(self, makers: dict[str, Callable[[], Any]]) -> None:
        self._makers = makers
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            command = self._makers[name]()  # KeyError: no such command
            tidy_help(command)
            self._built[name] = command
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._built[name] = command
        self._makers.setdefault(name, lambda: command)

    def __delitem__(self, name: str) -> None:
        del self._makers[name]
        self._built.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._makers)

    def __len__(self) -> int:
        return len(self._makers)


def _makers() -> dict[str, Callable[[], Any]]:
    """How Typer would build each command and group of the app, by name, in
    its order (commands, then groups)."""
    from typer.main import get_command_from_info, get_command_name, get_group_from_info

    short, markup = app.pretty_exceptions_short, app.rich_markup_mode
    makers: dict[str, Callable[[], Any]] = {}
    for info in app.registered_commands:
        name = info.name or get_command_name(info.callback.__name__)  # type: ignore[union-attr]
        makers[name] = functools.partial(
            get_command_from_info, info, pretty_exceptions_short=short, rich_markup_mode=markup
        )
    for group in app.registered_groups:
        assert isinstance(group.name, str), "every group of the app is named"
        makers[group.name] = functools.partial(
            get_group_from_info,
            group,
            pretty_exceptions_short=short,
            suggest_commands=app.suggest_commands,
            rich_markup_mode=markup,
        )
    return makers


@functools.cache
def _command() -> Any:
    """The Click command tree, built once per process: main() may run many
    times in one process (the tests do). The root group is built by Typer
    with no commands, then given them as LazyCommands."""
    commands, groups = app.registered_commands, app.registered_groups
    app.registered_commands, app.registered_groups = [], []
    try:
        command = typer.main.get_command(app)
    finally:
        app.registered_commands, app.registered_groups = commands, groups
    tidy_help(command)
    command.commands = LazyCommands(_makers())  # type: ignore[attr-defined]
    return command


def command_line(argv: list[str]) -> Callable[[Terminal], int]:
    """The run of `hipcheck ARGV` with Typer, for cli/edge.run."""
    return functools.partial(_run, argv)


def _run(argv: list[str], term: Terminal) -> int:
    command = _command()
    argv = hoist_globals(argv)
    try:
        rv = command.main(
            args=argv, prog_name="hipcheck", standalone_mode=False, obj={"terminal": term}
        )
    except click_exc.NoSuchOption as e:
        fail(term, _no_such_option(e), ExitStatus.USAGE)
    except click_exc.UsageError as e:
        where = e.ctx.command_path if e.ctx is not None else "hipcheck"
        fail(term, f"{e.format_message()} (see '{where} --help')", ExitStatus.USAGE)
    except click_exc.ClickException as e:
        fail(term, e.format_message(), e.exit_code)
    except typer.Abort:
        interrupted(term)
    return rv if isinstance(rv, int) else ExitStatus.OK
