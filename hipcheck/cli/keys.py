"""The keys typed while `hipcheck` starts the questionnaire.

A key typed before the first prompt reads keys was echoed by the terminal
over the screen (an arrow key as "^[[A"). From the first moment of main()
(cli/__init__.py, before anything else is imported: this module imports
only termios) the terminal is set as prompt_toolkit sets it for a prompt,
so what is typed waits, unseen and unchanged, for the first prompt; the
terminal is put back as it was when the run ends, however it ends
(cli/__init__.py). The interpreter's own start (about 25 ms) comes before:
a key typed then is still echoed.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # not typing's: it would be imported before the keys are held
if TYPE_CHECKING:
    from collections.abc import Callable
    from types import FrameType
    from typing import NoReturn, TextIO


def hold_keys(stdin: TextIO) -> Callable[[], None] | None:
    """From now on, keys typed at the terminal are kept for the first prompt
    as they are, not echoed over the screen: the terminal is set the way
    prompt_toolkit sets it for a prompt (no echo, no line editing, Enter
    kept as Enter, no flow control, Ctrl-\\ and Ctrl-Z plain keys), but
    Ctrl-C still interrupts. Returns what puts the terminal back as it was;
    None if stdin is no terminal."""
    try:
        import termios

        fd = stdin.fileno()
        before = termios.tcgetattr(fd)
        held = termios.tcgetattr(fd)
        held[3] &= ~(termios.ECHO | termios.ICANON | termios.IEXTEN)  # lflag
        held[0] &= ~(termios.IXON | termios.IXOFF | termios.ICRNL | termios.INLCR | termios.IGNCR)
        held[6][termios.VMIN], held[6][termios.VTIME] = 1, 0
        # Ctrl-\ and Ctrl-Z would end or stop the process with the keys
        # still held (the terminal silent): keys, as they are to a prompt
        off = bytes([_disabled(fd)])
        held[6][termios.VQUIT], held[6][termios.VSUSP] = off, off
        termios.tcsetattr(fd, termios.TCSANOW, held)
    except Exception:  # no termios (Windows), not a terminal, closed
        return None

    def restore() -> None:
        try:  # noqa: SIM105  (contextlib is not imported yet)
            termios.tcsetattr(fd, termios.TCSANOW, before)
        except termios.error:
            pass

    return restore


def _disabled(fd: int) -> int:
    """The value that turns a special key off (0 on Linux, 255 on macOS)."""
    try:
        value = os.fpathconf(fd, "PC_VDISABLE")
    except (OSError, ValueError):
        return 0
    return value if 0 <= value < 256 else 0


class StoppedEarly(KeyboardInterrupt):
    """SIGTERM or SIGHUP before the edge set its own handlers (cli/edge.py)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.status = 128 + signum


def _stop_early(signum: int, frame: FrameType | None) -> None:
    raise StoppedEarly(signum)


def stop_early() -> None:
    """Until the edge sets its own: SIGTERM and SIGHUP unwind (so the held
    keys are let go) instead of ending the process where it stands."""
    import signal

    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _stop_early)


def ended_early(e: KeyboardInterrupt) -> NoReturn:
    """Ctrl-C, SIGTERM or SIGHUP before the edge could catch it: its line
    and status, as the edge would give them."""
    status = e.status if isinstance(e, StoppedEarly) else 130  # 128 + SIGINT
    how = "stopped by a signal" if isinstance(e, StoppedEarly) else "interrupted"
    try:
        sys.stderr.write(f"hipcheck: {how}; nothing was saved\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass
    sys.exit(status)
