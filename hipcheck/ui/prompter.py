"""The interactive questionnaire in a terminal: questionary prompts, Rich output.

Imported only when prompting (questionary is the slowest import we have).
Prompts use `unsafe_ask`, so Ctrl-C and Ctrl-D propagate to the CLI edge,
which prints one line and exits 130 with nothing written.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import questionary
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from rich.markup import escape
from rich.text import Text

from hipcheck.core.answers import AnswerValue, parse_answer
from hipcheck.knowledge import KnowledgeBase, Question, Screen

if TYPE_CHECKING:
    from rich.console import Console

SKIP = "__skip__"
#: The question shown with the body map (render/body_map.py), as in `questions`.
MAPPED = "location"
#: Choice ids that mean "not sure" themselves; the prompt's own skip stands for them.
UNSURE = frozenset({"unsure", "not_sure"})
NONE_OF_THESE = "__none__"
DONE = "__done__"
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


class QuestionaryPrompter:
    """Asks with questionary; shows progress and help on the given Rich console."""

    def __init__(self, con: Console, output: Any = None) -> None:
        """`con` shows progress and help; `output` (a prompt_toolkit Output) is
        where the prompts go: the terminal, even when stdout is redirected."""
        self.con = con
        self.extra: dict[str, Any] = {"output": output} if output is not None else {}

    def _title(self, label: str, indent: int = 5) -> str:
        """A choice's label wrapped to the terminal, so nothing is cut off."""
        width = max(20, self.con.width - indent - 1)
        if len(label) <= width:
            return label
        return ("\n" + " " * indent).join(textwrap.wrap(label, width))

    def _message(self, text: str) -> str:
        """A prompt's question wrapped at word boundaries (after the '? ')."""
        width = max(20, self.con.width - 3)
        return text if len(text) <= width else "\n  ".join(textwrap.wrap(text, width))

    def _echo(self, words: str) -> None:
        """What was ticked, in the transcript (a tick-list shows only 'done')."""
        from rich.padding import Padding

        self.con.print(Padding(Text(words, style="dim"), (0, 0, 0, 2)))

    def ask(
        self, q: Question, current: AnswerValue | None, step: int, total: int
    ) -> AnswerValue | None:
        con = self.con
        if step:
            con.print(f"[dim]Question {step} of about {total} - {escape(q.section)}[/dim]")
        con.print(f"[dim italic]{escape(q.help)}[/dim italic]")
        if q.id == MAPPED:  # where it hurts: a numbered drawing, front and back
            from hipcheck.render.body_map import body_map

            uni = "utf" in (con.encoding or "").lower()
            con.print(Text(body_map(q, unicode=uni, width=min(con.width, 60)), style="cyan"))
        prompt = _quit_on_ctrl_d(
            _build_prompt(q, self._message(q.prompt), current, self._title, self.extra)
        )
        raw: Any = prompt.unsafe_ask()
        if raw is None or raw == SKIP or raw == "" or raw == []:
            if q.kind == "several":
                self._echo("nothing ticked: not sure")
            return None  # skipped: recorded as unanswered, not as "no"
        if q.kind == "several" and NONE_OF_THESE in raw:
            raw = []
        value = parse_answer(q, raw)
        if q.kind == "several":
            self._echo(describe(q, value))
        return value

    def ask_screen(
        self, screen: Screen, questions: list[Question], step: int, total: int
    ) -> dict[str, AnswerValue]:
        con = self.con
        con.print(f"[dim]Question {step} of about {total}[/dim]")
        con.print(f"[dim italic]{escape(screen.help)}[/dim italic]")
        # a yes/no question is one tick; a "several" question one tick per value
        choices = [
            questionary.Choice(self._title(label), value=tick)
            for q in questions
            for tick, label, _ in _screen_ticks(q)
        ]
        choices.append(questionary.Choice("None of these", value=NONE_OF_THESE))
        picked: Any = _quit_on_ctrl_d(
            questionary.checkbox(
                self._message(screen.prompt),
                choices=choices,
                validate=_none_alone,
                style=STYLE,
                instruction="(space to tick, enter to confirm; nothing ticked = not sure)",
                **self.extra,
            )
        ).unsafe_ask()
        if not picked:  # nothing ticked: ask once more, in plain words; never assume "no"
            again: Any = _quit_on_ctrl_d(
                questionary.select(
                    self._message("You ticked nothing. None of these apply to you?"),
                    choices=[
                        questionary.Choice("Not sure", value=SKIP),
                        questionary.Choice("Right: none of these apply", value=NONE_OF_THESE),
                    ],
                    style=STYLE,
                    instruction="(arrow keys, enter)",
                    **self.extra,
                )
            ).unsafe_ask()
            if again != NONE_OF_THESE:
                self._echo("not answered: these are shown as unanswered in your summary")
                return {}
            picked = [NONE_OF_THESE]
        values = {q.id: _screen_answer(q, picked) for q in questions}
        ticked = [short for q in questions for tick, _, short in _screen_ticks(q) if tick in picked]
        self._echo(", ".join(ticked) if ticked else "none of these")
        return values

    def review(
        self, kb: KnowledgeBase, answers: Mapping[str, AnswerValue], asked: list[str]
    ) -> str | None:
        from rich.table import Table

        table = Table(title="Your answers", title_justify="left", show_lines=False)
        table.add_column("Question", no_wrap=True)
        table.add_column("Answer")
        shown = [q for q in kb.questions if q.id in answers or q.id in asked]
        for q in shown:
            table.add_row(escape(q.short), escape(describe(q, answers.get(q.id))))
        self.con.print(table)
        choices = [questionary.Choice("Looks right: show my summary", value=DONE)]
        choices += [
            questionary.Choice(
                f"Change {q.short.lower()}: {describe(q, answers.get(q.id))}", value=q.id
            )
            for q in shown
        ]
        picked: Any = _quit_on_ctrl_d(
            questionary.select(
                "Review your answers",
                choices=choices,
                style=STYLE,
                instruction="(enter to confirm)",
                **self.extra,
            )
        ).unsafe_ask()
        return None if picked in (DONE, None) else str(picked)

    def ask_keep(self) -> bool:
        """Keep check-ins in a private history? (asked once, remembered by the caller)"""
        picked: Any = _quit_on_ctrl_d(
            questionary.select(
                self._message(
                    "Keep your check-ins in a private history on this computer, to see how your "
                    "hip changes? (asked once; change it with 'hipcheck history keep yes|no')"
                ),
                choices=[
                    questionary.Choice("Yes, keep them", value="yes"),
                    questionary.Choice("No", value="no"),
                ],
                style=STYLE,
                instruction="(arrow keys, enter)",
                **self.extra,
            )
        ).unsafe_ask()
        return bool(picked == "yes")

    def ask_save(self, text_name: str, markdown_name: str) -> str | None:
        """Save the summary? Returns "text", "markdown" or None."""
        picked: Any = _quit_on_ctrl_d(
            questionary.select(
                "Save this summary?",
                choices=[
                    questionary.Choice("No, thanks", value="no"),
                    questionary.Choice(f"Save as text ({text_name})", value="text"),
                    questionary.Choice(f"Save as Markdown ({markdown_name})", value="markdown"),
                ],
                style=STYLE,
                **self.extra,
            )
        ).unsafe_ask()
        return None if picked in (None, "no") else str(picked)


def _none_alone(values: list[str]) -> bool | str:
    if NONE_OF_THESE in values and len(values) > 1:
        return "Choose 'None of these' on its own, or untick it"
    return True


def _quit_on_ctrl_d(question: questionary.Question) -> questionary.Question:
    """Ctrl-D quits every prompt (questionary binds it only in text prompts)."""
    bindings = KeyBindings()

    @bindings.add("c-d", eager=True)
    def _(event: Any) -> None:
        event.app.exit(exception=EOFError, style="class:aborting")

    app = question.application
    app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), bindings])
    return question


def _screen_ticks(q: Question) -> list[tuple[str, str, str]]:
    """The ticks of one question on a screen: (value, label, how it is
    echoed once ticked)."""
    if q.kind == "yes_no":
        return [(q.id, q.choice("yes").label, q.short)]
    return [(f"{q.id}.{c.id}", c.label, c.phrase) for c in q.choices if c.offer]


def _screen_answer(q: Question, picked: list[str]) -> AnswerValue:
    """The answer the ticks give, once the screen was answered at all."""
    if q.kind == "yes_no":
        return q.id in picked
    return tuple(c.id for c in q.choices if f"{q.id}.{c.id}" in picked)


def _build_prompt(
    q: Question,
    message: str,
    current: AnswerValue | None,
    title: Callable[[str], str],
    extra: Mapping[str, Any],
) -> questionary.Question:
    if q.kind in ("one", "yes_no"):
        # The cursor starts on "Not sure / skip": Enter alone never invents an
        # answer (issue 12). A choice that itself means "not sure" is left out,
        # so there is one such choice per question.
        choices = [
            questionary.Choice(title(c.label), value=c.id) for c in q.choices if c.id not in UNSURE
        ]
        if q.kind == "yes_no":  # "No" before "Yes": the common answer is one keypress away
            choices.reverse()
        default: Any = SKIP
        if isinstance(current, bool):
            default = "yes" if current else "no"
        elif isinstance(current, str) and current not in UNSURE:
            default = current
        return questionary.select(
            message,
            choices=[questionary.Choice("Not sure / skip", value=SKIP), *choices],
            default=default,
            style=STYLE,
            instruction="(arrow keys, enter)",
            **extra,
        )
    if q.kind == "several":
        selected = set(current) if isinstance(current, tuple) else set()
        numbered = q.id == MAPPED  # the numbers of the drawing
        choices = [
            questionary.Choice(
                title(f"{n}. {c.label}" if numbered else c.label),
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
            validate=_none_alone,
            style=STYLE,
            instruction="(space to tick, enter to confirm; nothing ticked = not sure)",
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
        instruction=f"({lo:g}-{hi:g}, empty to skip)",
        **extra,
    )
