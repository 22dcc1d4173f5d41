"""The command line: parses arguments and calls the library; nothing more.

Errors from the core (HipcheckError) and from argument parsing are turned
into one line on stderr and an exit status here, at the edge, once.
"""

from __future__ import annotations

import signal
import sys
from types import FrameType
from typing import Any, NoReturn

import typer

# Typer vendors Click; its usage errors are caught at the edge to print one line.
from typer._click import exceptions as click_exc

from hipcheck.cli import check, data_commands, knowledge_commands, plan_commands  # noqa: F401  (they register commands)
from hipcheck.cli.app import app
from hipcheck.errors import ExitStatus, HipcheckError
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
    if _signalled:
        _fail(term, "stopped by a signal; nothing was saved", 128 + _signalled[0])
    _fail(term, "interrupted; nothing was saved", INTERRUPTED)


def _fail(term: Terminal, message: str, code: int) -> NoReturn:
    """One line on the terminal's stderr, then exit with `code`."""
    term.notice(message)
    sys.exit(code)


def main(argv: list[str] | None = None, terminal: Terminal | None = None) -> None:
    """Entry point: run the app; turn every expected error into one line.

    The terminal is made here, once, from the process's streams (tests may
    pass their own) and handed down to every command through the Click
    context; everything hipcheck writes goes through it.
    """
    _main(argv, terminal or Terminal.from_process())


def _main(argv: list[str] | None, term: Terminal) -> None:
    command = typer.main.get_command(app)
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _stop)
    try:
        rv = command.main(
            args=argv, prog_name="hipcheck", standalone_mode=False, obj={"terminal": term}
        )
    except HipcheckError as e:
        _fail(term, str(e), e.exit_code)
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
