"""The command line: parses arguments and calls the library; nothing more.

Errors from the core (HipcheckError) and from argument parsing are turned
into one line on stderr and an exit status here, at the edge, once.
"""

from __future__ import annotations

from hipcheck.cli import startup  # first: it pauses the garbage collector (cli/startup.py)

# isort: split
import functools
import signal
import sys
from collections.abc import Callable, Iterator, MutableMapping
from types import FrameType
from typing import Any, NoReturn

import typer

# Typer vendors Click; its usage errors are caught at the edge to print one line.
from typer._click import exceptions as click_exc

# the command modules register their commands with the app when imported
from hipcheck.cli import data_commands, knowledge_commands, meta_commands  # noqa: F401
from hipcheck.cli import plan_commands as _plan_commands  # noqa: F401
from hipcheck.cli.app import app
from hipcheck.cli.time_zone import usable_time_zone
from hipcheck.errors import ExitStatus, HipcheckError
from hipcheck.streams import GuardedOutput, StreamError, quiet_exit_flush
from hipcheck.terminal import Terminal

__all__ = ["app", "main"]

#: The exit status after Ctrl-C or an interrupted prompt.
INTERRUPTED = ExitStatus.INTERRUPTED


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP: unwinds like Ctrl-C (temporary files removed, the
    terminal restored by the prompt's own cleanup), then exits 128 + signal."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.status = 128 + signum


_signalled: list[int] = []


def _stop(signum: int, frame: FrameType | None) -> None:
    _signalled.append(signum)  # Click may wrap the exception in Abort: remember it here
    if "prompt_toolkit" in sys.modules:  # a prompt is showing: let it end itself, so it
        # restores the terminal (cursor, bracketed paste) the way Ctrl-C does
        from prompt_toolkit.application.current import get_app_or_none

        app = get_app_or_none()
        if app is not None and app.is_running and app.loop is not None:
            app.loop.call_soon_threadsafe(_end_prompt, app, signum)
            return
    raise Stopped(signum)


def _end_prompt(app: Any, signum: int) -> None:
    if not app.future.done():
        app.exit(exception=Stopped(signum), style="class:aborting")


def _interrupted(term: Terminal) -> NoReturn:
    saved = "nothing was saved"
    if term.kept:  # e.g. a check-in kept before "Save this summary?" was interrupted
        saved = f"{', '.join(term.kept)} was kept, nothing else was saved"
    if _signalled:
        _fail(term, f"stopped by a signal; {saved}", 128 + _signalled[0])
    _fail(term, f"interrupted; {saved}", INTERRUPTED)


def _fail(term: Terminal, message: str, code: int) -> NoReturn:
    """One line on the terminal's stderr, then exit with `code`."""
    term.notice(message)
    sys.exit(code)


def _output_failed(term: Terminal, e: StreamError) -> NoReturn:
    if isinstance(term.stdout, GuardedOutput):  # the process's own stdout
        quiet_exit_flush()
    _fail(term, str(e), e.exit_code)


def main(argv: list[str] | None = None, terminal: Terminal | None = None) -> None:
    """Entry point: run the app; turn every expected error into one line.

    The terminal is made here, once, from the process's streams (tests may
    pass their own) and handed down to every command through the Click
    context; everything hipcheck writes goes through it.
    """
    startup.program = terminal is None
    term = terminal or Terminal.from_process()
    # Click writes --help and its own messages to sys.stdout: the guarded one.
    old_stdout = sys.stdout
    if terminal is None:
        sys.stdout = term.stdout
    zone_notice, restore_zone = usable_time_zone()
    try:
        if zone_notice is not None:
            term.notice(zone_notice)
        _main(argv, term)
    finally:
        startup.over()  # if no knowledge file was loaded (--version, help, an error)
        sys.stdout = old_stdout
        restore_zone()


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


def _main(argv: list[str] | None, term: Terminal) -> None:
    command = _command()
    argv = hoist_globals(list(sys.argv[1:] if argv is None else argv))
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _stop)
    try:
        rv = command.main(
            args=argv, prog_name="hipcheck", standalone_mode=False, obj={"terminal": term}
        )
        term.stdout.flush()  # a full disk shows here, not in the flush at exit
    except StreamError as e:
        _output_failed(term, e)
    except HipcheckError as e:
        _fail(term, str(e), e.exit_code)
    except click_exc.NoSuchOption as e:
        _fail(term, _no_such_option(e), ExitStatus.USAGE)
    except click_exc.UsageError as e:
        where = e.ctx.command_path if e.ctx is not None else "hipcheck"
        _fail(term, f"{e.format_message()} (see '{where} --help')", ExitStatus.USAGE)
    except click_exc.ClickException as e:
        _fail(term, e.format_message(), e.exit_code)
    except (typer.Abort, KeyboardInterrupt, EOFError):
        _interrupted(term)
    except BrokenPipeError:
        term.stderr.close()
        sys.exit(ExitStatus.FAILED)
    if rv == INTERRUPTED or _signalled:  # Typer turns Ctrl-C into this return code
        _interrupted(term)
    sys.exit(rv if isinstance(rv, int) else ExitStatus.OK)
