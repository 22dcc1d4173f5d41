"""A small terminal screen for the tests: what a terminal would show after
the bytes hipcheck wrote, for the sequences Rich, prompt_toolkit and
ui/painted.py use (text, CR, LF, cursor moves, erase below, erase line);
styles and modes are ignored. Lines are never wrapped (hipcheck and
prompt_toolkit turn auto-wrap off or wrap themselves). Rows scrolled off the
top stay, as in a terminal's scrollback, and the cursor cannot go up into
them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_TOKEN = re.compile(r"\x1b\[([?0-9;]*)([A-Za-z])|\x1b[78=>]|\r|\n|[^\x1b\r\n]")


@dataclass
class Screen:
    height: int
    rows: list[list[str]] = field(default_factory=lambda: [[]])
    row: int = 0
    col: int = 0

    @property
    def top(self) -> int:
        """The first row on screen (the rows above are in the scrollback)."""
        return max(0, len(self.rows) - self.height)

    def feed(self, data: str) -> Screen:
        for m in _TOKEN.finditer(data):
            text = m.group()
            if m.group(2) is not None:
                self._csi(m.group(1), m.group(2))
            elif text == "\r":
                self.col = 0
            elif text == "\n":
                self.row += 1
                if self.row == len(self.rows):
                    self.rows.append([])
            elif not text.startswith("\x1b"):
                line = self.rows[self.row]
                line.extend(" " * (self.col + 1 - len(line)))
                line[self.col] = text
                self.col += 1
        return self

    def _csi(self, params: str, final: str) -> None:
        if params.startswith("?") or final in "mhl":
            return
        n = int(params) if params.isdigit() else 0
        if final == "A":
            self.row = max(self.top, self.row - max(n, 1))
        elif final == "B":
            self.row = min(len(self.rows) - 1, self.row + max(n, 1))
        elif final == "C":
            self.col += max(n, 1)
        elif final == "D":
            self.col = max(0, self.col - max(n, 1))
        elif final == "J" and n == 0:  # erase from the cursor to the end of the screen
            del self.rows[self.row][self.col :]
            del self.rows[self.row + 1 :]
        elif final == "K" and n == 0:
            del self.rows[self.row][self.col :]

    def lines(self) -> list[str]:
        """Every row, scrollback included, without trailing spaces."""
        text = ["".join(r).rstrip() for r in self.rows]
        while text and not text[-1]:
            text.pop()
        return text
