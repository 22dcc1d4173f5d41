"""`hipcheck` with no arguments: straight to the questionnaire without Typer
(cli/bare.py), the keys held from the start (cli/keys.py) and the
first question painted before the prompt library is loaded (ui/painted.py)."""

from __future__ import annotations

import contextlib
import io
import os
import re
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pexpect
import pytest

from hipcheck.cli.keys import StoppedEarly, ended_early
from hipcheck.ui.painted import Painted, checkbox

from .helpers import ANSI, run, send, spawn
from .helpers import Keyboard as K
from .screen import Screen

#: The first question's own words, its last choice, and what prompt_toolkit
#: writes when a prompt starts reading keys (bracketed paste on).
QUESTION = "Safety first: do any of these apply right now?"
LAST_CHOICE = "\u25cb None of these"
LIVE = "\x1b[?2004h"


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


@pytest.mark.parametrize(
    ("raised", "status", "line"),
    [
        (KeyboardInterrupt(), 130, "interrupted"),
        (StoppedEarly(signal.SIGTERM), 143, "stopped by a signal"),
    ],
)
def test_an_interrupt_before_the_edge_ends_as_the_edge_ends_it(
    capsys: pytest.CaptureFixture[str], raised: KeyboardInterrupt, status: int, line: str
) -> None:
    """Ctrl-C, SIGTERM or SIGHUP while the edge is still being imported
    (the keys already held): the same line and status, no traceback."""
    with pytest.raises(SystemExit) as ended:
        ended_early(raised)
    assert ended.value.code == status
    assert capsys.readouterr().err == f"hipcheck: {line}; nothing was saved\n"


def test_a_painted_copy_is_drawn_over_in_place() -> None:
    """After the hand-over the cursor is at the copy's first row: a frame that
    erases below the cursor and draws replaces the copy, never adds to it."""
    out = io.StringIO()
    out.write("header\r\n")
    lines = checkbox("Pick?", "(space ticks)", ["one", "two\n     more", "None of these"], True)
    painted = Painted(out, lines, height=24)
    assert painted.rows == 5
    before = Screen(24).feed(out.getvalue()).lines()
    painted.hand_over()
    frame = "\x1b[J" + "\r\n".join(ANSI.sub("", line) for line in lines)
    out.write(frame)
    assert (
        Screen(24).feed(out.getvalue()).lines()
        == before
        == [
            "header",
            "? Pick? (space ticks)",
            " \u00bb \u25cb one",
            "   \u25cb two",
            "     more",
            "   \u25cb None of these",
        ]
    )


def test_a_copy_taller_than_the_screen_is_cut_so_the_cursor_can_go_back() -> None:
    out = io.StringIO()
    painted = Painted(out, [f"line {n}" for n in range(30)], height=10)
    assert painted.rows == 9
    painted.erase()
    assert Screen(10).feed(out.getvalue()).lines() == []
    assert out.getvalue().endswith("\x1b[?25h")  # the cursor is shown again


def pty(test: Callable[..., None]) -> Callable[..., None]:
    """A test in a pseudo-terminal: real processes, so CI, not the inner loop."""
    for mark in (
        pytest.mark.skipif(os.name != "posix", reason="needs a pseudo-terminal"),
        pytest.mark.slow,
        pytest.mark.needs_process,
    ):
        test = mark(test)
    return test


def _until_live(child: pexpect.spawn) -> str:
    """Everything written until the first prompt reads keys and is drawn."""
    child.expect_exact(LIVE)
    seen = child.before + child.after
    child.expect_exact(LAST_CHOICE)  # the prompt's own frame
    time.sleep(0.3)
    seen += child.before + child.after
    with contextlib.suppress(pexpect.TIMEOUT):
        seen += child.read_nonblocking(100_000, timeout=0.2)
    return seen


@pty
def test_the_painted_question_becomes_the_prompt_without_a_second_copy(tmp_path: Path) -> None:
    child = spawn(cwd=tmp_path, columns=80)
    seen = _until_live(child)
    painted, _, _ = seen.partition(LIVE)
    assert LAST_CHOICE in painted  # the whole question was on screen before the library
    copy = Screen(40).feed(painted).lines()
    live = Screen(40).feed(seen).lines()
    assert copy == live  # the same words in the same places
    assert sum(QUESTION in line for line in live) == 1
    assert sum(line.endswith(LAST_CHOICE) for line in live) == 1
    send(child, K.ControlC)
    child.expect(pexpect.EOF)


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
    import termios  # POSIX only, as the test

    lflag = termios.tcgetattr(child.child_fd)[3]
    child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in seen
    assert lflag & termios.ECHO and lflag & termios.ICANON  # as before the start
    assert list(tmp_path.iterdir()) == []


@pty
def test_ctrl_backslash_while_the_question_loads_is_a_key_not_a_kill(tmp_path: Path) -> None:
    """With the keys held, Ctrl-\\ would end the process (SIGQUIT) and leave
    the terminal silent; like a prompt, the held terminal takes it as a key."""
    child = spawn(cwd=tmp_path)
    child.expect_exact(LAST_CHOICE)
    send(child, "\x1c")
    child.expect_exact(LIVE)
    child.expect_exact(LAST_CHOICE)
    time.sleep(0.2)
    send(child, K.ControlC)
    child.expect_exact("hipcheck: interrupted; nothing was saved")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130 and child.signalstatus is None
