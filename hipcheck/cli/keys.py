"""The keys typed while `hipcheck` starts the questionnaire.

A key typed before the first prompt reads keys was echoed by the terminal
over the screen (an arrow key as "^[[A"). From the first moment of main()
(cli/__init__.py, before anything else is imported) the terminal is set as
prompt_toolkit sets it for a prompt, so what is typed waits, unseen and
unchanged, for the first prompt; the terminal is put back as it was when
the run ends, however it ends (cli/__init__.py). The interpreter's own
start (about 25 ms) comes before: a key typed then is still echoed.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TextIO


def hold_keys(stdin: TextIO) -> Callable[[], None] | None:
    """From now on, keys typed at the terminal are kept for the first prompt
    as they are, not echoed over the screen: the terminal is set the way
    prompt_toolkit sets it for a prompt (no echo, no line editing, Enter
    kept as Enter, no flow control), but Ctrl-C still interrupts. Returns
    what puts the terminal back as it was; None if stdin is no terminal."""
    try:
        import termios

        fd = stdin.fileno()
        before = termios.tcgetattr(fd)
        held = termios.tcgetattr(fd)
        held[3] &= ~(termios.ECHO | termios.ICANON | termios.IEXTEN)  # lflag
        held[0] &= ~(termios.IXON | termios.IXOFF | termios.ICRNL | termios.INLCR | termios.IGNCR)
        held[6][termios.VMIN], held[6][termios.VTIME] = 1, 0
        termios.tcsetattr(fd, termios.TCSANOW, held)
    except Exception:  # no termios (Windows), not a terminal, closed
        return None

    def restore() -> None:
        with contextlib.suppress(termios.error):
            termios.tcsetattr(fd, termios.TCSANOW, before)

    return restore
