"""Drive the real program in a pseudo-terminal (as copier's tests do)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from enum import StrEnum
from pathlib import Path

import pexpect

from .answer_sets import FULL_ANSWERS

BIN = Path(sys.executable).parent


def hipcheck(
    *args: str,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    input: str | bytes | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    """Run the installed `hipcheck` as a user would: a subprocess, output captured.

    The one runner for command-line tests (in-process runs use conftest's `run`).
    """
    return subprocess.run(
        [str(BIN / "hipcheck"), *args],
        capture_output=True,
        text=not isinstance(input, bytes),
        cwd=cwd,
        env={**os.environ, **(env or {})},
        input=input,
        timeout=timeout,
    )


class Keyboard(StrEnum):
    ControlC = "\x03"
    ControlD = "\x04"
    Enter = "\r"
    Esc = "\x1b"
    Up = "\x1b[A"
    Down = "\x1b[B"
    Right = "\x1b[C"
    Left = "\x1b[D"
    Backspace = "\x7f"
    Space = " "


ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def spawn(
    *args: str, cwd: Path, columns: int = 100, env: dict[str, str] | None = None
) -> pexpect.spawn:
    environ = {
        **{k: v for k, v in os.environ.items() if k != "NO_COLOR"},
        "TERM": "xterm-256color",
        "COLUMNS": str(columns),
        "LINES": "40",
        "PROMPT_TOOLKIT_NO_CPR": "1",
        "HIPCHECK_HOME": tempfile.mkdtemp(prefix="hipcheck-pty-home-"),
        **(env or {}),
    }
    child = pexpect.spawn(
        str(BIN / "hipcheck"),
        list(args),
        cwd=str(cwd),
        env=environ,
        encoding="utf-8",
        dimensions=(40, columns),
        timeout=15,
        codec_errors="replace",  # a kill can cut a character in two
    )
    return child


def expect_prompt(child: pexpect.spawn, text: str) -> None:
    """Wait for a questionary prompt whose message contains `text`, until it
    is drawn and reads keys (its cursor "»", or a number's "skip)" hint):
    keys typed between two prompts can be lost."""
    child.expect_exact("?")
    child.expect_exact(text)
    child.expect(r"» |skip\)")
    time.sleep(0.2)


def send(child: pexpect.spawn, *keys: str | Keyboard) -> None:
    for key in keys:
        child.send(key.value if isinstance(key, Keyboard) else key)


#: prompt_toolkit turns bracketed paste off when a prompt ends.
PROMPT_ENDED = "\x1b[?2004l"


def answer(child: pexpect.spawn, *keys: str | Keyboard) -> None:
    """Send the keys that answer the current prompt and wait until it has
    ended, so its redraws are not taken for the next prompt."""
    send(child, *keys)
    child.expect_exact(PROMPT_ENDED)


def write_full_answers(path: Path, **changes: object) -> Path:
    path.write_text(json.dumps({**FULL_ANSWERS, **changes}))
    return path
