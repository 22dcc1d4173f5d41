"""The edge every run passes through, with or without Typer: the terminal,
the time zone, SIGTERM and SIGHUP, and every expected error turned into one
line on stderr and an exit status, once.

Nothing here imports Typer: `hipcheck` with no arguments goes straight to the
questionnaire (cli/bare.py) and must not pay for building the command line.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable
from types import FrameType
from typing import Any, NoReturn

from hipcheck.cli import startup
from hipcheck.cli.time_zone import usable_time_zone
from hipcheck.errors import ExitStatus, HipcheckError
from hipcheck.streams import GuardedOutput, StreamError, quiet_exit_flush
from hipcheck.terminal import Terminal

#: The exit status after Ctrl-C or an interrupted prompt.
INTERRUPTED = ExitStatus.INTERRUPTED


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP: unwinds like Ctrl-C (temporary files removed, the
    terminal restored by the prompt's own cleanup), then exits 128 + signal."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.status = 128 + signum


signalled: list[int] = []


def _stop(signum: int, frame: FrameType | None) -> None:
    signalled.append(signum)  # Click may wrap the exception in Abort: remember it here
    # A prompt is showing: let it end itself, so it restores the terminal
    # (cursor, bracketed paste) the way Ctrl-C does. Nothing is imported here:
    # the signal may come while prompt_toolkit is being imported (ui/painted.py).
    current = sys.modules.get("prompt_toolkit.application.current")
    get_app_or_none = getattr(current, "get_app_or_none", None)
    if get_app_or_none is not None:
        app = get_app_or_none()
        if app is not None and app.is_running and app.loop is not None:
            app.loop.call_soon_threadsafe(_end_prompt, app, signum)
            return
    raise Stopped(signum)


def _end_prompt(app: Any, signum: int) -> None:
    if not app.future.done():
        app.exit(exception=Stopped(signum), style="class:aborting")


def interrupted(term: Terminal) -> NoReturn:
    saved = "nothing was saved"
    if term.kept:  # e.g. a check-in kept before "Save this summary?" was interrupted
        saved = f"{', '.join(term.kept)} was kept, nothing else was saved"
    if signalled:
        fail(term, f"stopped by a signal; {saved}", 128 + signalled[0])
    fail(term, f"interrupted; {saved}", INTERRUPTED)


def fail(term: Terminal, message: str, code: int) -> NoReturn:
    """One line on the terminal's stderr, then exit with `code`."""
    term.notice(message)
    sys.exit(code)


def _output_failed(term: Terminal, e: StreamError) -> NoReturn:
    if isinstance(term.stdout, GuardedOutput):  # the process's own stdout
        quiet_exit_flush()
    if e.reader_gone:
        sys.exit(e.exit_code)
    fail(term, str(e), e.exit_code)


def run(body: Callable[[Terminal], int], terminal: Terminal | None, *, held: bool = False) -> None:
    """Run `body` on the terminal (made here, once, from the process's
    streams; tests may pass their own) and exit with the status it returns;
    every expected error ends in one line and its status. `held`: the keys
    typed are held for the first prompt (cli/keys.py).

    Everything hipcheck writes goes through the terminal; Click writes
    --help and its own messages to sys.stdout, which is the guarded one.
    """
    startup.program = terminal is None
    term = terminal or Terminal.from_process()
    term.keys_held = term.keys_held or held
    old_stdout = sys.stdout
    if terminal is None:
        sys.stdout = term.stdout
    zone_notice, restore_zone = usable_time_zone()
    try:
        if zone_notice is not None:
            term.notice(zone_notice)
        _guarded(body, term)
    finally:
        startup.over()  # if no knowledge file was loaded (--version, help, an error)
        sys.stdout = old_stdout
        restore_zone()


def _guarded(body: Callable[[Terminal], int], term: Terminal) -> NoReturn:
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _stop)
    try:
        rv = body(term)
        term.stdout.flush()  # a full disk shows here, not in the flush at exit
    except StreamError as e:
        _output_failed(term, e)
    except HipcheckError as e:
        fail(term, str(e), e.exit_code)
    except (KeyboardInterrupt, EOFError):
        interrupted(term)
    except BrokenPipeError:
        term.stderr.close()
        sys.exit(ExitStatus.FAILED)
    if rv == INTERRUPTED or signalled:  # Typer turns Ctrl-C into this return code
        interrupted(term)
    sys.exit(rv)
