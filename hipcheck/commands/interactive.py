"""The questionnaire session: intro, questions, review, then the same
`finish()` as a scripted check, then "save this summary?".

The widgets are in `ui/prompter.py`; this module decides what happens.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rich.markup import escape

from hipcheck.commands.finish import Finished, Output, finish
from hipcheck.core.answers import Answers
from hipcheck.core.assessment import Assessment, assess
from hipcheck.core.questionnaire import collect, review
from hipcheck.errors import OutputError, TargetExists
from hipcheck.knowledge import KnowledgeBase
from hipcheck.render import Format
from hipcheck.terminal import Terminal
from hipcheck.ui.prompter import QuestionaryPrompter

if TYPE_CHECKING:
    from rich.console import Console

    from hipcheck.training.analysis import LoadReport

INTRO = (
    "[bold]hipcheck[/bold]: a few questions about your hip pain. Safety questions come first.\n"
    "[dim]Pick 'Not sure' or tick nothing to skip a question; the left arrow goes back. "
    "Ctrl-C quits. {kept}[/dim]"
)
#: The intro's last sentence, by the keep preference (UX re-check: "Nothing
#: is kept unless you say yes" to a runner whose check-ins are kept).
KEPT = {
    True: "Your check-ins are kept in your private history ('hipcheck history keep no' stops it).",
    False: "Nothing is kept on this computer unless you say yes.",
}


def run_questionnaire(
    kb: KnowledgeBase,
    given: Answers,
    term: Terminal,
    out: Output,
    save: bool | None = None,
    data_dir: Path | None = None,
    activities: Sequence[Path] = (),
    *,
    full: bool = False,
) -> Finished | None:
    """Ask what is unanswered and finish; None when it stopped at an emergency."""
    from hipcheck.commands.checkin import KEEP
    from hipcheck.store.history import data_dir as resolve_data_dir
    from hipcheck.store.history import read_preference, write_preference

    dialogue_on_stderr = not term.stdout_tty and term.stderr_tty
    con = term.console(stderr=dialogue_on_stderr)
    prompter = _prompter(term, con, dialogue_on_stderr)
    folder = resolve_data_dir(data_dir)
    keep = save if save is not None else read_preference(folder, KEEP)
    con.print(INTRO.format(kept=KEPT[bool(keep)]))
    load = _activity(kb, activities, term, con) if activities else None
    also = _checkin_questions(kb, data_dir, term) if keep else ()
    answers, progress = collect(kb, given, prompter, full, also)
    if not progress.emergency:
        review(kb, answers, progress, prompter, given)
    if progress.emergency:  # checked after every answer, including those given by flags
        _emergency(kb, answers, term, out, con, dialogue_on_stderr)
        return None
    context = None
    if load is not None:
        from hipcheck.core.activity import merge

        answers, context = merge(answers, load)

    def ask_keep() -> bool:
        choice = prompter.ask_keep()
        write_preference(folder, KEEP, choice)
        return choice

    fmt: Format = out.fmt if out.path is None or out.fmt != "rich" else "text"
    done = finish(
        kb,
        answers,
        context,
        term,
        Output(fmt, out.path, out.force, out.top),
        keep,
        data_dir,
        ask_keep=ask_keep,
        also_show=True,
        defer_problem=True,
    )
    _ending(kb, done, term, con, prompter, out, dialogue_on_stderr)
    if done.problem is not None:  # the summary shown and offered first, then this
        raise done.problem
    return done


def _prompter(term: Terminal, con: Console, dialogue_on_stderr: bool) -> QuestionaryPrompter:
    """The dialogue goes to the terminal; with stdout redirected (`hipcheck >
    out.txt`) that is stderr, and only the summary goes to the file."""
    output = None
    if dialogue_on_stderr:
        from prompt_toolkit.output import create_output

        output = create_output(stdout=term.stderr)
    # keys held from the start (cli/bare.py): the first question can be
    # painted before the prompt library is loaded (ui/painted.py)
    paint = term.keys_held and term.stdout_tty and output is None and not term.ascii_only
    return QuestionaryPrompter(con, output, paint=paint)


def _checkin_questions(kb: KnowledgeBase, data_dir: Path | None, term: Terminal) -> tuple[str, ...]:
    """A check-in after the first asks how the runs went."""
    if kb.return_to_run is None:
        return ()
    from hipcheck.commands.running_plan import read_history

    return kb.return_to_run.ask_at_checkin if read_history(data_dir, term) else ()


def _activity(
    kb: KnowledgeBase, activities: Sequence[Path], term: Terminal, con: Console
) -> LoadReport:
    """The activity files read, and what they show said before the questions."""
    from hipcheck.training.effect import read

    load = read(kb, activities, term.notice)
    if load.runs:
        from hipcheck.render.load_render import finding

        found = finding(load)
        con.print(f"[dim]From your activity data ({load.runs} runs): {escape(found)}.[/dim]")
    return load


def _ending(
    kb: KnowledgeBase,
    done: Finished,
    term: Terminal,
    con: Console,
    prompter: QuestionaryPrompter,
    out: Output,
    dialogue_on_stderr: bool,
) -> None:
    """After the summary: the check-in kept, the offer to save the summary
    (when none was named and the dialogue is on stdout), where it went."""
    if done.checkin_id is not None:
        term.kept.append(f"check-in #{done.checkin_id}")
        con.print(
            f"Check-in #{done.checkin_id} kept in your private history "
            f"({escape(str(done.history_path))}; see it with 'hipcheck history')."
        )
    written = done.written
    if out.path is None and not dialogue_on_stderr:
        try:
            written = _offer_save(kb, done.assessment, out.top, prompter, con)
        except (KeyboardInterrupt, EOFError):  # the check is complete: quitting here is "no"
            written = None
    con.print(_where(term, written, done.checkin_id is not None, dialogue_on_stderr))


def _emergency(
    kb: KnowledgeBase,
    answers: Answers,
    term: Terminal,
    out: Output,
    con: Console,
    dialogue_on_stderr: bool,
) -> None:
    """The emergency panel on the terminal; the emergency summary also goes
    where the summary was to go (a file, or redirected standard output), so
    `hipcheck > out.txt` never leaves an empty file. Nothing is kept."""
    from hipcheck.commands.emit import emit
    from hipcheck.render.emergency import emergency_panel

    a = assess(kb, answers)
    for part in emergency_panel(kb, a):
        con.print(part)
    written = None
    if out.path is not None or dialogue_on_stderr:
        fmt: Format = "text" if out.fmt == "rich" else out.fmt
        written = emit(a, kb, fmt, term, out.top, out.path, out.force)
    if out.path is not None or dialogue_on_stderr:
        con.print(_where(term, written, False, dialogue_on_stderr))


def _where(term: Terminal, written: Path | None, kept: bool, redirected: bool) -> str:
    """The closing line: where the summary went (the history is named when
    a check-in is kept), or that nothing was written anywhere."""
    lines = []
    if redirected:
        lines.append(f"The summary went to {escape(term.stdout_name())}.")
    if written is not None:
        lines.append(f"Saved to [bold]{escape(str(written))}[/bold]")
    if not lines:
        if kept:
            return "The summary was not saved to a file."
        return "Nothing was saved to a file or kept on this computer."
    return "\n".join(lines)


def _offer_save(
    kb: KnowledgeBase, a: Assessment, top: int, prompter: QuestionaryPrompter, con: Console
) -> Path | None:
    from hipcheck.store.atomic import free_name, write_atomic  # only now: a faster start

    today = dt.date.today().isoformat()
    kinds: tuple[tuple[Format, str], ...] = (("text", "txt"), ("markdown", "md"), ("html", "html"))
    targets = {fmt: free_name(Path(f"hipcheck-{today}.{suffix}")) for fmt, suffix in kinds}
    choice = prompter.ask_save(*(p.name for p in targets.values()))
    if choice is None:
        return None
    fmt: Format = next((f for f in targets if f == choice), "text")
    target = targets[fmt]
    from hipcheck.commands.emit import render
    from hipcheck.terminal import clean

    text = clean(render(a, kb, fmt, top))
    for _ in range(100):  # another process may take the name meanwhile: use the next one
        try:
            written = write_atomic(target, text)
            break
        except TargetExists:
            target = free_name(target)
    else:
        raise OutputError(f"could not find a free file name like {target}")
    return written.resolve()
