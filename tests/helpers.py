"""Drive the real program in a pseudo-terminal (as copier's tests do)."""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from enum import StrEnum
from pathlib import Path

import pexpect

BIN = Path(sys.executable).parent


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
    )
    return child


def expect_prompt(child: pexpect.spawn, text: str) -> None:
    """Wait for a questionary prompt whose message contains `text`."""
    child.expect_exact("?")
    child.expect_exact(text)


def send(child: pexpect.spawn, *keys: str | Keyboard) -> None:
    for key in keys:
        child.send(key.value if isinstance(key, Keyboard) else key)


#: Every question answered: a lateral hip case. The questionnaire then goes
#: straight to the review.
FULL_ANSWERS: dict[str, object] = {
    "cannot_bear_weight": False, "deformity": False, "fever": False, "injury": False,
    "saddle_numbness": False, "limp": False, "weight_loss": False,
    "location": ["outer_hip"], "side": "left", "onset": "gradual", "duration": "1_to_6_weeks",
    "trend": "same", "severity": 5, "timing": [], "triggers": ["single_leg"], "pain_type": [],
    "symptoms": [], "rest_helps": "no", "age": 50, "sex": "female", "history": [],
    "training": [], "mechanics": [],
}  # fmt: skip


def write_full_answers(path: Path, **changes: object) -> Path:
    path.write_text(json.dumps({**FULL_ANSWERS, **changes}))
    return path
