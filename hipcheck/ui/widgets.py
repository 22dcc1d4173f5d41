"""The questionary prompts the questionnaire uses, and their wording helpers:
one question's prompt, the instruction lines wrapped with it, the keys every
prompt shares (Ctrl-D quits, the left arrow goes back) and an answer in words.

Imported only when prompting (questionary is the slowest import we have).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import questionary
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

from hipcheck.core.answers import AnswerValue, parse_answer
from hipcheck.core.questionnaire import GoBack
from hipcheck.knowledge import Question

SKIP = "__skip__"
#: The question shown with the body map (render/body_map.py), as in `questions`.
MAPPED = "location"
#: Choice ids that mean "not sure" themselves; the prompt's own skip stands for them.
UNSURE = frozenset({"unsure", "not_sure"})
NONE_OF_THESE = "__none__"
DONE = "__done__"
BACK = "__back__"
STYLE = questionary.Style([("instruction", "italic"), ("qmark", "fg:ansicyan bold")])


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


def back_keys() -> KeyBindings:
    """The left arrow asks for the previous question again (in a number
    prompt only at the start of the line, where it moves nothing)."""
    from prompt_toolkit.filters import Condition

    bindings = KeyBindings()

    @Condition
    def at_start() -> bool:
        from prompt_toolkit.application.current import get_app

        buffer = get_app().current_buffer
        return buffer is None or buffer.cursor_position == 0

    @bindings.add("left", filter=at_start, eager=True)
    def _(event: Any) -> None:
        event.app.exit(exception=GoBack(), style="class:aborting")

    return bindings


def none_alone(values: list[str]) -> bool | str:
    if NONE_OF_THESE in values and len(values) > 1:
        return "Choose 'None of these' on its own, or untick it"
    return True


def quit_on_ctrl_d(question: questionary.Question) -> questionary.Question:
    """Ctrl-D quits every prompt (questionary binds it only in text prompts)."""
    bindings = KeyBindings()

    @bindings.add("c-d", eager=True)
    def _(event: Any) -> None:
        event.app.exit(exception=EOFError, style="class:aborting")

    app = question.application
    app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), bindings])
    return question


def build_prompt(
    q: Question,
    message: str,
    instruction: str,
    current: AnswerValue | None,
    title: Callable[[str], str],
    extra: Mapping[str, Any],
    back: bool = False,
) -> questionary.Question:
    if q.kind in ("one", "yes_no"):
        # The cursor starts on "Not sure / skip": Enter alone never invents an
        # answer (issue 12). A choice that itself means "not sure" is left out,
        # so there is one such choice per question.
        choices = [
            questionary.Choice(title(c.label), value=c.id)
            for c in q.choices
            if c.id not in UNSURE and (c.offer or c.id == current)
        ]
        if q.kind == "yes_no":  # "No" before "Yes": the common answer is one keypress away
            choices.reverse()
        default: Any = SKIP
        if isinstance(current, bool):
            default = "yes" if current else "no"
        elif isinstance(current, str) and current not in UNSURE:
            default = current
        if back:
            choices.append(questionary.Choice("\u2190 Back to the previous question", value=BACK))
        return questionary.select(
            message,
            choices=[questionary.Choice("Not sure / skip", value=SKIP), *choices],
            default=default,
            style=STYLE,
            instruction=instruction,
            **extra,
        )
    if q.kind == "several":
        selected = set(current) if isinstance(current, tuple) else set()
        numbered = q.id == MAPPED  # the numbers of the drawing
        choices = [
            questionary.Choice(
                title(f"{n:>2}. {c.label}" if numbered else c.label),
                value=c.id,
                checked=c.id in selected,
            )
            for n, c in enumerate(q.choices, 1)
            if c.offer or c.id in selected
        ]
        choices.append(questionary.Choice("None of these", value=NONE_OF_THESE))

        return questionary.checkbox(
            message,
            choices=choices,
            validate=none_alone,
            style=STYLE,
            instruction=instruction,
            **extra,
        )
    lo, hi = q.min, q.max

    def valid_number(text: str) -> bool | str:
        if not text.strip():
            return True
        try:
            parse_answer(q, text)
        except Exception:
            return f"Enter a whole number from {lo:g} to {hi:g}, or leave it empty to skip"
        return True

    return questionary.text(
        message,
        default=""
        if current is None
        else f"{current:g}"
        if not isinstance(current, tuple | str | bool)
        else "",
        validate=valid_number,
        style=STYLE,
        instruction=instruction,
        **extra,
    )
