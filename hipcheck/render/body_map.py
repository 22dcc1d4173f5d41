"""A small drawing of the hip and pelvis, front and back, with the places
the `location` question offers numbered on it (one side; the other is the
same), and a legend of those numbers.

The numbers and the labels come from the knowledge file: choice N of the
question is number N. The drawing knows where each of the shipped choice
ids sits; a choice it has no place for (one added in a --kb file) is still
listed in the legend. Unicode box-drawing lines, or plain ASCII; both views
side by side fit 40 columns, and under 40 they are stacked.
"""

from __future__ import annotations

import textwrap

from hipcheck.knowledge import Question

_FRONT = (
    "    ╭──FRONT──╮    ",
    "   │           │   ",
    "   │           │   ",
    "    ╲   ╱ ╲   ╱    ",
    "     │  │ │  │     ",
    "     ╰──╯ ╰──╯     ",
)
_BACK = (
    "    ╭───BACK──╮    ",
    "   │     │     │   ",
    "   │     │     │   ",
    "    ╲   ╱ ╲   ╱    ",
    "     │  │ │  │     ",
    "     ╰──╯ ╰──╯     ",
)
#: Where each place is drawn: (row, column) of its number's first digit.
#: Six rows, so the drawing and the numbered choices fit a 24-row terminal.
_FRONT_AT = {
    "outer_hip": (1, 0),
    "deep_joint": (1, 6),
    "front_hip": (2, 4),
    "pubic_bone": (2, 9),
    "groin": (3, 6),
    "outer_thigh": (4, 2),
    "front_thigh": (4, 6),
    "outer_knee": (5, 2),
    "inner_knee": (5, 6),
}
_BACK_AT = {
    "outer_hip": (1, 0),
    "lower_back": (1, 6),
    "buttock": (2, 4),
    "sacroiliac": (2, 6),
    "sit_bone": (3, 5),
    "back_of_thigh": (4, 6),
}
_ASCII = str.maketrans(
    {"╭": ".", "╮": ".", "╰": "'", "╯": "'", "─": "-", "│": "|", "╱": "/", "╲": "\\", "┬": "+"}
)
#: Both views side by side need this many columns.
SIDE_BY_SIDE = len(_FRONT[0]) + 2 + len(_BACK[0])


def _draw(
    rows: tuple[str, ...], places: dict[str, tuple[int, int]], numbers: dict[str, int]
) -> list[str]:
    grid = [list(r) for r in rows]
    for cid, (row, col) in places.items():
        if cid in numbers:
            for i, digit in enumerate(str(numbers[cid])):
                if col + i < len(grid[row]):
                    grid[row][col + i] = digit
    return ["".join(r).rstrip() for r in grid]


def body_map(
    location: Question,
    unicode: bool = True,
    width: int = 40,
    ids: bool = False,
    legend: bool = True,
) -> str:
    """The drawing and its legend, every line at most `width` cells (at
    least 20). `ids`: name each place by its answer id too (for scripts).
    Without `legend`, the drawing alone (the questionnaire numbers its
    choices instead, so the numbers are not listed twice)."""
    width = max(width, 20)
    numbers = {c.id: n for n, c in enumerate(location.choices, 1)}
    front = _draw(_FRONT, _FRONT_AT, numbers)
    back = _draw(_BACK, _BACK_AT, numbers)
    if width >= SIDE_BY_SIDE:
        pad = len(_FRONT[0]) + 2
        lines = [f"{f:<{pad}}{b}".rstrip() for f, b in zip(front, back, strict=True)]
    else:
        lines = [*front, "", *back]
    if not unicode:
        lines = [line.translate(_ASCII) for line in lines]
    if not legend:
        return "\n".join(lines) + "\n"
    lines.append("One side is numbered; the other matches.")
    for n, c in enumerate(location.choices, 1):
        text = f"{c.id}: {c.label}" if ids else c.label
        lines += textwrap.wrap(
            text, width, initial_indent=f"{n:>2} ", subsequent_indent="   ", break_on_hyphens=False
        )
    out = []
    for line in lines:
        out += textwrap.wrap(line, width, subsequent_indent="   ") if len(line) > width else [line]
    return "\n".join(out) + "\n"
