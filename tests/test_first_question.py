"""`hipcheck` with no arguments: straight to the questionnaire without Typer
(cli/bare.py), the keys held from the start (cli/keys.py)."""

from __future__ import annotations

import os
import re
import termios
from collections.abc import Callable
from pathlib import Path

import pexpect
import pytest

from .helpers import ANSI, run, send, spawn
from .helpers import Keyboard as K

#: The first question's last choice.
LAST_CHOICE = "\u25cb None of these"


@pytest.mark.parametrize("args", [(), ("--full",), ("--data-dir", "{tmp}")])
def test_without_a_terminal_bare_hipcheck_ends_as_the_root_command_does(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    """No arguments is served without Typer; an argument takes the command
    line: both end the same way when there is no terminal to ask on."""
    bare = run(cwd=tmp_path)
    parsed = run(*(a.format(tmp=tmp_path) for a in args), cwd=tmp_path)
    assert (bare.exit, bare.out, bare.err) == (parsed.exit, parsed.out, parsed.err)
    assert bare.exit == 2 and "standard input is not a terminal" in bare.err


def test_a_shell_completion_request_still_reaches_typer() -> None:
    """`eval "$(_HIPCHECK_COMPLETE=source_zsh hipcheck)"` has no arguments
    either: it must get Typer's completion script, not the questionnaire."""
    res = run(env={"_HIPCHECK_COMPLETE": "source_zsh"})
    assert res.exit == 0, res.err
    assert "_HIPCHECK_COMPLETE" in res.out and "complete" in res.out


def pty(test: Callable[..., None]) -> Callable[..., None]:
    """A test in a pseudo-terminal: real processes, so CI, not the inner loop."""
    for mark in (
        pytest.mark.skipif(os.name != "posix", reason="needs a pseudo-terminal"),
        pytest.mark.slow,
        pytest.mark.needs_process,
    ):
        test = mark(test)
    return test


@pty
def test_keys_typed_at_once_are_kept_for_the_first_question_and_not_echoed(tmp_path: Path) -> None:
    """Up (to "None of these"), Space, Enter typed as soon as hipcheck writes
    its first line, before the question is drawn: the safety screen is
    answered with them, and the terminal did not echo them over it."""
    child = spawn(cwd=tmp_path)
    child.expect_exact("hipcheck")
    send(child, K.Up, K.Space, K.Enter)
    child.expect_exact("Where is the pain?")
    seen = child.before
    assert "^[" not in seen  # the arrow key was not echoed
    assert re.search(r"apply\s+right\s+now\?\s+none of these", ANSI.sub("", seen))
    send(child, K.ControlC)
    child.expect(pexpect.EOF)


@pty
def test_keys_typed_the_moment_hipcheck_starts_are_acted_on(tmp_path: Path) -> None:
    """Before the keys are held (the interpreter's own start, about 25 ms)
    the terminal echoes them, but they still reach the first prompt."""
    child = spawn(cwd=tmp_path)
    send(child, K.Up, K.Space, K.Enter)
    child.expect_exact("Where is the pain?")
    assert re.search(r"apply\s+right\s+now\?\s+none of these", ANSI.sub("", child.before))
    send(child, K.ControlC)
    child.expect(pexpect.EOF)


@pty
def test_ctrl_c_at_the_painted_question_quits_cleanly_and_restores_the_terminal(
    tmp_path: Path,
) -> None:
    child = spawn(cwd=tmp_path)
    child.expect_exact(LAST_CHOICE)
    send(child, K.ControlC)
    child.expect_exact("hipcheck: interrupted; nothing was saved")
    child.expect(pexpect.EOF)
    seen = child.before
    lflag = termios.tcgetattr(child.child_fd)[3]
    child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in seen
    assert lflag & termios.ECHO and lflag & termios.ICANON  # as before the start
    assert list(tmp_path.iterdir()) == []
