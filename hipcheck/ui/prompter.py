"""The interactive questionnaire in a terminal: questionary prompts, Rich output.

Imported only when prompting (questionary is the slowest import we have).
Prompts use `unsafe_ask`, so Ctrl-C and Ctrl-D propagate to the CLI edge,
which prints one line and exits 130 with nothing written.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import questionary
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from rich.markup import escape

from hipcheck.core.answers import Answers, AnswerValue, parse_answer
from hipcheck.core.assessment import Assessment, assess
from hipcheck.core.questionnaire import collect, review
from hipcheck.core.triage import emergency_advice
from hipcheck.errors import OutputError, TargetExists
from hipcheck.knowledge import KnowledgeBase, Question, Screen
from hipcheck.render import Format
from hipcheck.store.atomic import free_name, write_atomic
from hipcheck.terminal import console

SKIP = "__skip__"
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
    """Asks with questionary; shows progress and help with Rich."""

    def ask(
        self, q: Question, current: AnswerValue | None, step: int, total: int
    ) -> AnswerValue | None:
        con = console()
        if step:
            con.print(f"[dim]Question {step} of about {total} - {escape(q.section)}[/dim]")
        con.print(f"[dim italic]{escape(q.help)}[/dim italic]")
        prompt = _prompt(q, current)
        raw: Any = prompt.unsafe_ask()
        if raw is None or raw == SKIP or raw == "" or raw == []:
            return None  # skipped: recorded as unanswered, not as "no"
        if q.kind == "several" and NONE_OF_THESE in raw:
            raw = []
        return parse_answer(q, raw)

    def ask_screen(
        self, screen: Screen, questions: list[Question], step: int, total: int
    ) -> dict[str, AnswerValue]:
        con = console()
        con.print(f"[dim]Question {step} of about {total}[/dim]")
        con.print(f"[dim italic]{escape(screen.help)}[/dim italic]")
        choices = [questionary.Choice(q.choice("yes").label, value=q.id) for q in questions]
        choices.append(questionary.Choice("None of these", value=NONE_OF_THESE))
        picked: Any = _quit_on_ctrl_d(
            questionary.checkbox(
                screen.prompt,
                choices=choices,
                validate=_none_alone,
                style=STYLE,
                instruction="(space to tick, enter to confirm; nothing ticked = not sure)",
            )
        ).unsafe_ask()
        if not picked:
            return {}  # nothing ticked: all unanswered, not "no"
        return {q.id: q.id in picked for q in questions}

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
        console().print(table)
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
            )
        ).unsafe_ask()
        return None if picked in (DONE, None) else str(picked)


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


def _prompt(q: Question, current: AnswerValue | None) -> questionary.Question:
    return _quit_on_ctrl_d(_build_prompt(q, current))


def _build_prompt(q: Question, current: AnswerValue | None) -> questionary.Question:
    skip = questionary.Choice("Not sure / skip", value=SKIP)
    if q.kind in ("one", "yes_no"):
        choices = [questionary.Choice(c.label, value=c.id) for c in q.choices]
        if q.kind == "yes_no":  # "No" first: the common answer is one keypress
            choices.reverse()
        default: Any = None
        if isinstance(current, bool):
            default = "yes" if current else "no"
        elif isinstance(current, str):
            default = current
        return questionary.select(
            q.prompt,
            choices=[*choices, skip],
            default=default,
            style=STYLE,
            instruction="(arrow keys, enter)",
        )
    if q.kind == "several":
        selected = set(current) if isinstance(current, tuple) else set()
        choices = [
            questionary.Choice(c.label, value=c.id, checked=c.id in selected) for c in q.choices
        ]
        choices.append(questionary.Choice("None of these", value=NONE_OF_THESE))

        return questionary.checkbox(
            q.prompt,
            choices=choices,
            validate=_none_alone,
            style=STYLE,
            instruction="(space to tick, enter to confirm; nothing ticked = not sure)",
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
        q.prompt,
        default=""
        if current is None
        else f"{current:g}"
        if not isinstance(current, tuple | str | bool)
        else "",
        validate=valid_number,
        style=STYLE,
        instruction=f"({lo:g}-{hi:g}, empty to skip)",
    )


def _number_text(value: AnswerValue | None) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return ""
    return f"{value:g}"


def _emergency(kb: KnowledgeBase, a: Assessment) -> None:
    info = kb.levels["emergency"]
    lines = [f"[bold]{escape(info.title)}[/bold]", ""]
    now = [r.text for r in a.triage.reasons if r.level == "emergency"]
    lines += [f"- {escape(t)}" for t in dict.fromkeys(now)]
    lines += [""] + [escape(t) for t in emergency_advice(a.triage)]
    lines += ["", escape(info.advice)]
    from rich.panel import Panel

    con = console()
    con.print(Panel("\n".join(lines), title="EMERGENCY", border_style="bold red", style="bold"))
    con.print(f"[italic dim]{escape(kb.disclaimer)}[/italic dim]")


def _offer_save(kb: KnowledgeBase, a: Assessment, top: int) -> None:
    today = dt.date.today().isoformat()
    txt = free_name(Path(f"hipcheck-{today}.txt"))
    md = free_name(Path(f"hipcheck-{today}.md"))
    choice: Any = _quit_on_ctrl_d(
        questionary.select(
            "Save this summary?",
            choices=[
                questionary.Choice("No, thanks", value="no"),
                questionary.Choice(f"Save as text ({txt.name})", value="text"),
                questionary.Choice(f"Save as Markdown ({md.name})", value="markdown"),
            ],
            style=STYLE,
        )
    ).unsafe_ask()
    if choice in (None, "no"):
        return
    fmt: Format = "markdown" if choice == "markdown" else "text"
    target = md if fmt == "markdown" else txt
    from hipcheck.commands.emit import render

    text = render(a, kb, fmt, top)
    for _ in range(100):  # another process may take the name meanwhile: use the next one
        try:
            written = write_atomic(target, text)
            break
        except TargetExists:  # another process took the name meanwhile
            target = free_name(target)
    else:
        raise OutputError(f"could not find a free file name like {target}")
    console().print(f"Saved to [bold]{escape(str(written.resolve()))}[/bold]")


def _ask_keep(folder: Path) -> bool:
    """Ask once whether to keep check-ins; remember the answer."""
    from hipcheck.commands.checkin import KEEP
    from hipcheck.store.history import write_preference

    keep = bool(
        _quit_on_ctrl_d(
            questionary.confirm(
                "Keep your check-ins in a private history on this computer, to see how your "
                "hip changes? (asked once; change it with 'hipcheck history keep yes|no')",
                default=True,
                style=STYLE,
            )
        ).unsafe_ask()
    )
    write_preference(folder, KEEP, keep)
    return keep


def run_questionnaire(
    kb: KnowledgeBase,
    given: Answers,
    *,
    fmt: Format,
    output: Path | None,
    force: bool,
    top: int,
    save: bool | None = None,
    data_dir: Path | None = None,
    activities: Sequence[Path] = (),
) -> None:
    from hipcheck.commands.checkin import KEEP, assess_with_history, open_history
    from hipcheck.store.history import data_dir as resolve_data_dir
    from hipcheck.store.history import read_preference

    prompter = QuestionaryPrompter()
    con = console()
    con.print(
        "[bold]hipcheck[/bold]: a few questions about your hip pain. Safety questions come first.\n"
        "[dim]Pick 'Not sure' or tick nothing to skip a question. Ctrl-C quits; nothing is saved "
        "unless you ask.[/dim]"
    )
    load = None
    if activities:
        from hipcheck.training.effect import read

        load = read(kb, activities)
        if load.runs:
            from hipcheck.render.load_render import finding

            found = finding(load)
            con.print(f"[dim]From your activity data ({load.runs} runs): {escape(found)}.[/dim]")
    answers, progress = collect(kb, given, prompter)
    if not progress.emergency:
        review(kb, answers, progress, prompter, given)
    context = None
    if load is not None:
        from hipcheck.training.effect import merge

        answers, context = merge(answers, load)
    if progress.emergency:  # checked after every answer, including those given by flags
        _emergency(kb, assess(kb, answers))
        return
    from hipcheck.commands.emit import emit

    folder = resolve_data_dir(data_dir)
    keep = save if save is not None else read_preference(folder, KEEP)
    history = open_history(data_dir) if keep else None
    try:
        a = assess_with_history(kb, answers, history, context)
        if output is not None:
            written = emit(a, kb, fmt if fmt != "rich" else "text", top, output, force)
            emit(a, kb, "rich" if sys.stdout.isatty() else "text", top)
            con.print(f"Saved to [bold]{escape(str(written))}[/bold]")
        else:
            emit(a, kb, fmt, top)
        if keep is None:
            keep = _ask_keep(folder)
            history = open_history(data_dir) if keep else None
        if history is not None:
            from hipcheck.commands.checkin import save as save_checkin

            checkin = save_checkin(history, kb, a)
            con.print(f"Check-in #{checkin.id} kept in your private history (hipcheck history).")
    finally:
        if history is not None:
            history.close()
    if output is None:
        _offer_save(kb, a, top)
