"""The words and layout of the questionnaire's prompts, without the prompt
library: the instruction lines wrapped with a question, the ticks of a
screen, an answer in words. The prompts themselves are in `ui/widgets.py`;
this module is light, so the first question can be painted before the
prompt library is loaded (ui/painted.py).
"""

from __future__ import annotations

from hipcheck.core.answers import AnswerValue
from hipcheck.knowledge import Question

SKIP = "__skip__"
#: The question shown with the body map (render/body_map.py), as in `questions`.
MAPPED = "location"
#: Choice ids that mean "not sure" themselves; the prompt's own skip stands for them.
UNSURE = frozenset({"unsure", "not_sure"})
NONE_OF_THESE = "__none__"
DONE = "__done__"
BACK = "__back__"


def describe(q: Question, value: AnswerValue | None) -> str:
    """An answer as the user would say it."""
    if value is None:
        return "not answered"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return ", ".join(q.choice(v).label for v in value) if value else "none of these"
    if isinstance(value, str):
        return q.choice(value).label
    return f"{value:g}"


#: The tick-list instruction (kept short: with the body map, 24 rows must hold it all).
TICK = "(space ticks, enter when done; none ticked = not sure)"


def instruction_for(q: Question) -> str:
    if q.kind == "several":
        return TICK
    if q.kind == "number":
        return f"({q.min:g}-{q.max:g}, empty to skip)"
    return "(arrow keys, enter)"


def flow(text: str, instruction: str, width: int) -> tuple[str, str]:
    """`text` then `instruction`, wrapped together at word boundaries to
    `width` columns after questionary's '? ', continuation lines indented by
    two; returned as the message and the instruction, each with its breaks.
    (questionary puts one space between the two.)"""
    parts: list[list[str]] = [[], []]
    col = 2
    words = [(0, w) for w in text.split()] + [(1, w) for w in instruction.split()]
    for n, (part, word) in enumerate(words):
        if n == 0:
            sep = ""
        elif col + 1 + len(word) > width:
            sep, col = "\n  ", 2
        else:
            sep, col = " ", col + 1
        if part == 1 and not parts[1] and sep == " ":
            sep = ""  # questionary's own space
        parts[part].append(sep + word)
        col += len(word)
    return "".join(parts[0]), "".join(parts[1])


def screen_ticks(q: Question) -> list[tuple[str, str, str]]:
    """The ticks of one question on a screen: (value, label, how it is
    echoed once ticked)."""
    if q.kind == "yes_no":
        return [(q.id, q.choice("yes").label, q.short)]
    return [(f"{q.id}.{c.id}", c.label, c.phrase) for c in q.choices if c.offer]


def screen_answer(q: Question, picked: list[str]) -> AnswerValue:
    """The answer the ticks give, once the screen was answered at all."""
    if q.kind == "yes_no":
        return q.id in picked
    return tuple(c.id for c in q.choices if f"{q.id}.{c.id}" in picked)


def none_alone(values: list[str]) -> bool | str:
    if NONE_OF_THESE in values and len(values) > 1:
        return "Choose 'None of these' on its own, or untick it"
    return True
