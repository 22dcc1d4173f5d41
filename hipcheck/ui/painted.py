"""The first question on screen before the prompt library is loaded.

questionary and prompt_toolkit take about 200 ms to import: most of the wait
for the first question. When `hipcheck` starts the questionnaire, the keys
typed are held from the start (cli/keys.py: not echoed, kept for the
prompt), and the first question is painted here, as plain text laid out as
questionary draws it, the moment it is known. The library is then loaded,
the cursor put back at the copy's top-left corner, and the prompt's first
frame erases everything below the cursor and draws itself over the copy: one
question on screen throughout, never two, and every key typed meanwhile goes
to the prompt. If the start ends before that (Ctrl-C), the copy is erased,
as a prompt erases itself.

Only what prompt_toolkit's first frame covers is painted: at most one row
less than the screen has (so the cursor can always go back up to the copy's
first row), lines never wrapped by the terminal (auto-wrap is off while
painting, as it is while prompt_toolkit draws).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO

CSI = "\x1b["
#: questionary's marks: the pointer on the current choice, an unticked box.
POINTER, UNTICKED = "\u00bb", "\u25cb"


def _lines(tokens: Sequence[tuple[str, str]]) -> list[str]:
    """Styled text (SGR parameters, text with newlines) as screen lines,
    each style closed before its line ends."""
    lines = [""]
    for sgr, text in tokens:
        for n, part in enumerate(text.split("\n")):
            if n:
                lines.append("")
            if part:
                lines[-1] += f"{CSI}{sgr}m{part}{CSI}0m" if sgr else part
    return lines


def checkbox(message: str, instruction: str, titles: Sequence[str], colour: bool) -> list[str]:
    """A checkbox as questionary first draws it (with the questionnaire's
    style: a bold cyan '?', the question bold, the instruction italic):
    nothing ticked, the pointer on the first choice."""
    tokens = [("36;1" if colour else "1", "?"), ("1", f" {message} "), ("3", instruction)]
    for n, title in enumerate(titles):
        mark = f" {POINTER} " if n == 0 else "   "
        tokens.append(("", f"\n{mark}{UNTICKED} {title}"))
    return _lines(tokens)


class Painted:
    """A prompt's copy on the screen, the cursor at the end of its last row."""

    def __init__(self, file: IO[str], lines: Sequence[str], height: int) -> None:
        self.file = file
        shown = list(lines[: max(1, height - 1)])
        self.rows = len(shown)
        self.handed_over = False
        # cursor hidden (as in a tick list), auto-wrap off while painting
        self._write(f"{CSI}?25l{CSI}?7l" + "\r\n".join(shown) + f"{CSI}?7h")

    def _write(self, text: str) -> None:
        self.file.write(text)
        self.file.flush()

    def _to_top(self) -> str:
        return "\r" + (f"{CSI}{self.rows - 1}A" if self.rows > 1 else "")

    def hand_over(self) -> None:
        """The cursor back at the copy's top-left corner, the copy left on
        screen: the prompt's first frame erases below the cursor and draws."""
        if not self.handed_over:
            self.handed_over = True
            self._write(self._to_top())

    def erase(self) -> None:
        """The copy erased (once handed over, what is below the cursor: the
        prompt erases its own frame when it ends), the cursor shown again."""
        to_top = "\r" if self.handed_over else self._to_top()
        self.handed_over = True
        self._write(f"{to_top}{CSI}J{CSI}?25h")
