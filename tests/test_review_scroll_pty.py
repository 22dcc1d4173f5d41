"""A runner's review (stop 39): at 80x24 the review list is taller than the
screen, and a choice wrapped onto two lines was cut when the cursor reached
it at the bottom ("» Change the morning after recent runs: Worse the next
morning or the day" with "after" below the screen; at 40 columns only
"» Change the morning after recent"). The README promises every answer in
full at any width from 40 columns: the list keeps the whole pointed choice
on screen. What is on the screen is read with a terminal emulator (pyte)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pexpect
import pytest

from .helpers import Keyboard as K
from .helpers import expect_prompt, send, spawn

pyte = pytest.importorskip("pyte")

pytestmark = [
    pytest.mark.skipif(os.name != "posix", reason="needs a pseudo-terminal"),
    pytest.mark.slow,  # a real process in a pseudo-terminal: CI, not the inner loop
    pytest.mark.needs_process,
]

ANSWERS = [
    "--no-cannot-bear-weight", "--no-deformity", "--no-fever", "--no-saddle-numbness",
    "--no-injury", "--no-limp", "--no-weight-loss", "--elsewhere", "none",
    "--location", "groin", "--age", "24", "--sex", "male", "--timing", "during-run,walking",
    "--training", "mileage-jump,speed-work-added", "--history", "none", "--symptoms", "none",
    "--trend", "worse", "--triggers", "none", "--onset", "gradual", "--run-pain-during", "5",
    "--next-morning", "worse", "--interactive",
]  # fmt: skip


class Emulator:
    """A terminal of `columns` x 24 that reads everything the child writes
    (as pexpect's `logfile_read`)."""

    def __init__(self, columns: int) -> None:
        self.screen = pyte.Screen(columns, 24)
        self.stream = pyte.Stream(self.screen)

    def write(self, text: str) -> None:
        self.stream.feed(text)

    def flush(self) -> None:
        pass

    def shown(self, child: pexpect.spawn) -> str:
        """The screen's text, once the child has drawn what it was sent."""
        time.sleep(0.6)
        try:
            while True:
                child.read_nonblocking(65536, timeout=0.3)
        except (pexpect.TIMEOUT, pexpect.EOF):
            pass
        return " ".join(" ".join(line.split()) for line in self.screen.display)


@pytest.mark.parametrize("columns", [80, 40])
def test_the_pointed_review_choice_is_shown_whole(tmp_path: Path, columns: int) -> None:
    child = spawn("check", *ANSWERS, cwd=tmp_path, columns=columns, rows=24)
    term = Emulator(columns)
    child.logfile_read = term
    expect_prompt(child, "Review your answers")
    send(child, K.Up)  # from "Looks right" to the last choice
    shown = term.shown(child)
    assert "Worse the next morning or the day after" in shown, shown
    send(child, K.Up, K.Up)  # up the list: the recent training choice, two lines
    shown = term.shown(child)
    assert "Added speed work or intervals" in shown, shown
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
