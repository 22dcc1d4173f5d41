"""The interactive questionnaire in a terminal: questionary prompts, Rich output.

questionary is the slowest import we have: it is imported when the first
prompt is built, after the first question may have been painted
(ui/painted.py). Prompts use `unsafe_ask`, so Ctrl-C and Ctrl-D propagate to the CLI edge,
which prints one line and exits 130 with nothing written. The prompts
themselves are built in `ui/widgets.py`.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from rich.text import Text

from hipcheck.core.answers import AnswerValue, parse_answer
from hipcheck.core.questionnaire import MORE, GoBack
from hipcheck.knowledge import KnowledgeBase, Question, Screen
from hipcheck.ui.wording import (
    BACK,
    DONE,
    MAPPED,
    NONE_OF_THESE,
    SKIP,
    TICK,
    describe,
    flow,
    instruction_for,
    none_alone,
    screen_answer,
    screen_ticks,
)

if TYPE_CHECKING:
    import questionary
    from rich.console import Console

    from hipcheck.ui.painted import Painted

__all__ = ["QuestionaryPrompter", "describe", "flow"]


class QuestionaryPrompter:
    """Asks with questionary; shows progress and help on the given Rich console.

    Each prompt is erased when answered and replaced by one echo line in
    Rich ("? question  answer"), wrapped at word boundaries at any width:
    questionary's own echo repeats a single tick and breaks mid-word.
    """

    def __init__(self, con: Console, output: Any = None, paint: bool = False) -> None:
        """`con` shows progress and help; `output` (a prompt_toolkit Output) is
        where the prompts go: the terminal, even when stdout is redirected.
        With `paint`, the first prompt, if a screen of ticks, is painted on
        `con`'s file before questionary is loaded (ui/painted.py): the keys
        typed meanwhile must be held (cli/keys.py)."""
        self.con = con
        self.extra: dict[str, Any] = {"output": output} if output is not None else {}
        self._paint = paint

    def _title(self, label: str, indent: int = 5) -> str:
        """A choice's label wrapped to the terminal, so nothing is cut off."""
        width = max(20, self.con.width - indent - 1)
        if len(label) <= width:
            return label
        return ("\n" + " " * indent).join(textwrap.wrap(label, width))

    def _fits(self, q: Question, drawing: str, question: str, step: int, total: int) -> bool:
        """Whether the drawing, the header, the `question` (as wrapped for
        the prompt) and every choice (numbered, wrapped) fit the terminal's
        height together: at 40x24 the map scrolled off before the choices
        (UX re-check)."""
        width = max(20, self.con.width)
        counter = f"Question {step} of about {total} - {q.section} (\u2190 goes back)"
        titles = [f"{n:2}. {c.label}" for n, c in enumerate(q.choices, 1)] + ["None of these"]
        rows = -(-len(counter) // width) + drawing.count("\n")
        rows += question.count("\n") + 1
        rows += sum(self._title(t).count("\n") + 1 for t in titles)
        return rows <= self.con.height

    def _message(self, text: str, instruction: str = "") -> tuple[str, str]:
        """A prompt's question and its instruction, wrapped together at word
        boundaries after the '? ' (questionary wraps neither)."""
        return flow(text, instruction, max(20, self.con.width - 1))

    def _echo(self, words: str) -> None:
        """A note under the answer, in the transcript."""
        from rich.padding import Padding

        self.con.print(Padding(Text(words, style="dim"), (0, 0, 0, 2)))

    def _answered(self, prompt: str, words: str) -> None:
        """The transcript line of an answered prompt: '? question  answer'."""
        from rich.table import Table

        line = Text(prompt, style="bold")
        line.append("  ")
        line.append(words, style="cyan")
        grid = Table.grid()
        grid.add_column(width=2, no_wrap=True)
        grid.add_column()
        grid.add_row(Text("?", style="bold cyan"), line)
        self.con.print(grid)

    def _header(self, step: int, total: int, section: str, help_text: str) -> None:
        if step:
            back = " (\u2190 goes back)" if step > 1 else ""
            counter = f"Question {step} of about {total} - {section}"
            self.con.print(Text(f"{counter}{back}", style="dim"))
        if help_text:
            self.con.print(Text(help_text, style="dim italic"))

    def _run(self, question: questionary.Question, back: bool) -> Any:
        """Ask; the answer's prompt is erased (the caller echoes it). With
        `back`, the left arrow raises GoBack (where it moves nothing)."""
        from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

        from hipcheck.ui.widgets import back_keys, quit_on_ctrl_d, whole_choices

        app = question.application
        app.erase_when_done = True
        if back:
            app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), back_keys()])
        return quit_on_ctrl_d(whole_choices(question)).unsafe_ask()

    def _first(
        self, painted: Painted | None, build: Callable[[], questionary.Question], back: bool
    ) -> Any:
        """Build the prompt and ask; a painted copy of it (or None) is handed
        over to the prompt once built, and erased if anything ends the start
        early (Ctrl-C while questionary loads)."""
        if painted is None:
            return self._run(build(), back)
        try:
            question = build()
            painted.hand_over()
            return self._run(question, back)
        except BaseException:
            painted.erase()
            raise

    def _paint_ticks(self, message: str, instruction: str, titles: list[str]) -> Painted | None:
        """The first prompt's copy on the screen (ui/painted.py), or None."""
        if not self._paint:
            return None
        self._paint = False
        from hipcheck.ui.painted import Painted, checkbox

        colour = self.con.color_system is not None and not self.con.no_color
        lines = checkbox(message, instruction, titles, colour)
        return Painted(self.con.file, lines, self.con.height)

    def ask(
        self, q: Question, current: AnswerValue | None, step: int, total: int
    ) -> AnswerValue | None:
        con = self.con
        # beside the body map, 24 rows hold it all without the help line
        # (the instruction says the same)
        self._header(step, total, q.section, "" if q.id == MAPPED else q.help)
        message, instruction = self._message(q.prompt, instruction_for(q))
        if q.id == MAPPED:  # where it hurts: a numbered drawing, front and back
            from hipcheck.render.body_map import body_map

            uni = "utf" in (con.encoding or "").lower()
            drawing = body_map(q, unicode=uni, width=min(con.width, 60), legend=False)
            # else the choices, named, say it
            if self._fits(q, drawing, message + instruction, step, total):
                con.print(Text(drawing.rstrip("\n"), style="cyan"))
        from hipcheck.ui.widgets import build_prompt

        self._paint = False  # only a screen of ticks is painted (ui/painted.py)
        indent = 5 if q.kind == "several" else 3
        prompt = build_prompt(
            q,
            message,
            instruction,
            current,
            lambda label: self._title(label, indent),
            self.extra,
            back=step > 1,
        )
        raw: Any = self._run(prompt, back=step > 1)
        if raw == BACK:
            raise GoBack
        if raw is None or raw == SKIP or raw == "" or raw == []:
            words = "nothing ticked: not sure" if q.kind == "several" else "not sure"
            self._answered(q.prompt, words)
            return None  # skipped: recorded as unanswered, not as "no"
        if q.kind == "several" and NONE_OF_THESE in raw:
            raw = []
        value = parse_answer(q, raw)
        self._answered(q.prompt, describe(q, value))
        return value

    def ask_screen(
        self, screen: Screen, questions: list[Question], step: int, total: int
    ) -> dict[str, AnswerValue]:
        self._header(step, total, "Safety first", screen.help)
        # a yes/no question is one tick; a "several" question one tick per value
        ticks = [
            (tick, self._title(label)) for q in questions for tick, label, _ in screen_ticks(q)
        ]
        ticks.append((NONE_OF_THESE, "None of these"))
        message, instruction = self._message(screen.prompt, TICK)
        painted = self._paint_ticks(message, instruction, [title for _, title in ticks])

        def build() -> questionary.Question:
            import questionary

            from hipcheck.ui.widgets import STYLE

            return questionary.checkbox(
                message,
                choices=[questionary.Choice(title, value=tick) for tick, title in ticks],
                validate=none_alone,
                style=STYLE,
                instruction=instruction,
                **self.extra,
            )

        picked: Any = self._first(painted, build, back=step > 1)
        if not picked:  # nothing ticked: ask once more, in plain words; never assume "no"
            self._answered(screen.prompt, "nothing ticked")
            if not self._none_of_these():
                return {}
            picked = [NONE_OF_THESE]
        values = {q.id: screen_answer(q, picked) for q in questions}
        ticked = [short for q in questions for tick, _, short in screen_ticks(q) if tick in picked]
        self._answered(screen.prompt, ", ".join(ticked) if ticked else "none of these")
        return values

    def _none_of_these(self) -> bool:
        """Nothing ticked on a screen: none of these apply? (Not sure: False.)"""
        import questionary

        from hipcheck.ui.widgets import STYLE

        again_message, again_instruction = self._message(
            "You ticked nothing. None of these apply to you?", "(arrow keys, enter)"
        )
        again: Any = self._run(
            questionary.select(
                again_message,
                choices=[
                    questionary.Choice("Not sure", value=SKIP),
                    questionary.Choice("Right: none of these apply", value=NONE_OF_THESE),
                ],
                style=STYLE,
                instruction=again_instruction,
                **self.extra,
            ),
            back=False,
        )
        if again != NONE_OF_THESE:
            self._answered("None of these apply?", "not sure")
            self._echo("not answered: these are shown as unanswered in your summary")
            return False
        self._answered("None of these apply?", "right: none of these apply")
        return True

    def review(
        self, kb: KnowledgeBase, answers: Mapping[str, AnswerValue], asked: list[str], more: int
    ) -> str | None:
        import questionary

        from hipcheck.ui.widgets import STYLE

        shown = [q for q in kb.questions if q.id in answers or q.id in asked]
        self.con.print(self._answers(shown, answers))
        choices = [questionary.Choice("Looks right: show my summary", value=DONE)]
        if more:
            label = f"Add detail for your clinician ({more} more question{'s' * (more > 1)})"
            choices.append(questionary.Choice(self._title(label, 3), value=MORE))
        choices += [
            questionary.Choice(
                self._title(f"Change {q.short.lower()}: {describe(q, answers.get(q.id))}", 3),
                value=q.id,
            )
            for q in shown
        ]
        message, instruction = self._message("Review your answers", "(arrow keys, enter)")
        picked: Any = self._run(
            questionary.select(
                message, choices=choices, style=STYLE, instruction=instruction, **self.extra
            ),
            back=False,
        )
        if picked == MORE:
            self._answered("Review your answers", "add detail")
        return None if picked in (DONE, None) else str(picked)

    def _answers(self, shown: list[Question], answers: Mapping[str, AnswerValue]) -> Any:
        """Every answer in full: a table where both columns fit, else a list."""
        from rich.console import Group
        from rich.table import Table

        title = Text("Your answers", style="bold")
        if self.con.width >= 70:
            table = Table(title="Your answers", title_justify="left")
            table.add_column("Question", ratio=2)
            table.add_column("Answer", ratio=3)
            for q in shown:
                table.add_row(Text(q.short), Text(describe(q, answers.get(q.id))))
            return table
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column()
        for q in shown:
            grid.add_row(
                "-", Text.assemble((q.short, "bold"), ": ", describe(q, answers.get(q.id)))
            )
        return Group(title, grid)

    def ask_keep(self) -> bool:
        """Keep check-ins in a private history? Opt-in: y or n, then Enter; Enter
        alone means no (a new user read "Enter means no" as undoing a typed y).
        (Asked once, remembered by the caller.)"""
        import questionary

        from hipcheck.ui.widgets import STYLE

        prompt = (
            "Keep your check-ins in a private history on this computer, to see how your "
            "hip changes? (asked once; change it with 'hipcheck history keep yes|no')"
        )
        message, instruction = self._message(
            prompt, "(y/N: y or n, then Enter; Enter alone means no)"
        )
        picked: Any = self._run(
            questionary.confirm(
                message,
                default=False,
                auto_enter=False,
                style=STYLE,
                instruction=instruction,
                **self.extra,
            ),
            back=False,
        )
        self._answered(prompt, "yes, keep them" if picked else "no")
        return bool(picked)

    def ask_save(self, text_name: str, markdown_name: str, html_name: str) -> str | None:
        """Save the summary? Returns "text", "markdown", "html" (the page
        for a clinician) or None."""
        import questionary

        from hipcheck.ui.widgets import STYLE

        # each choice as the menu offers it after "Save" and the recap repeats it
        words = {
            "text": f"as text ({text_name})",
            "markdown": f"as Markdown ({markdown_name})",
            "html": f"a page for your clinician ({html_name})",
        }
        message, instruction = self._message("Save this summary?", "(arrow keys, enter)")
        choices = [questionary.Choice("No, thanks", value="no")]
        choices += [questionary.Choice(self._title(f"Save {w}", 3), v) for v, w in words.items()]
        picked: Any = self._run(
            questionary.select(
                message, choices=choices, style=STYLE, instruction=instruction, **self.extra
            ),
            back=False,
        )
        self._answered("Save this summary?", words.get(str(picked), "no"))
        return None if picked in (None, "no") else str(picked)
