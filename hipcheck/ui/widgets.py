"""The questionary prompts the questionnaire uses: one question's prompt and
the keys every prompt shares (Ctrl-D quits, the left arrow goes back). Their
words and layout are in `ui/wording.py`.

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
from hipcheck.ui.wording import (
    BACK,
    MAPPED,
    NONE_OF_THESE,
    SKIP,
    UNSURE,
    none_alone,
)

STYLE = questionary.Style([("instruction", "italic"), ("qmark", "fg:ansicyan bold")])


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


def whole_choices(question: questionary.Question) -> questionary.Question:
    """Keep the pointed choice whole on screen: a list taller than the
    terminal scrolls to the cursor, which is on a choice's first line, so a
    choice wrapped onto more lines (`Prompter._title`) lost its last ones at
    the foot of the screen (a runner's review, stop 39: "... Worse the next
    morning or the day" with "after" cut). The list keeps as many lines
    below the cursor as the longest choice has after its first."""
    from prompt_toolkit.layout import ScrollOffsets
    from questionary.prompts.common import InquirerControl

    for window in question.application.layout.find_all_windows():
        control = window.content
        if isinstance(control, InquirerControl):
            below = max((str(c.title).count("\n") for c in control.choices), default=0)
            if below:
                window.scroll_offsets = ScrollOffsets(bottom=below)
    return question


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
    """The widget for one question: a list for one choice or yes/no, ticks for
    several, a text box for a number."""
    if q.kind in ("one", "yes_no"):
        return _select(q, message, instruction, current, title, extra, back)
    if q.kind == "several":
        return _checkbox(q, message, instruction, current, title, extra)
    return _number(q, message, instruction, current, extra)


def _select(
    q: Question,
    message: str,
    instruction: str,
    current: AnswerValue | None,
    title: Callable[[str], str],
    extra: Mapping[str, Any],
    back: bool,
) -> questionary.Question:
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


def _checkbox(
    q: Question,
    message: str,
    instruction: str,
    current: AnswerValue | None,
    title: Callable[[str], str],
    extra: Mapping[str, Any],
) -> questionary.Question:
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


def _number(
    q: Question,
    message: str,
    instruction: str,
    current: AnswerValue | None,
    extra: Mapping[str, Any],
) -> questionary.Question:
    lo, hi = q.min, q.max

    def valid_number(text: str) -> bool | str:
        if not text.strip():
            return True
        try:
            parse_answer(q, text)
        except Exception:
            # one line that fits 40 columns: prompt_toolkit cuts its error line
            return f"Whole number {lo:g}-{hi:g}, or empty to skip"
        return True

    shown = "" if current is None or isinstance(current, tuple | str | bool) else f"{current:g}"
    return questionary.text(
        message,
        default=shown,
        validate=valid_number,
        style=STYLE,
        instruction=instruction,
        **extra,
    )
