"""The end of every check, scripted or interactive: assess (with the history
when keeping), output, keep the check-in (issue 10: one `finish()`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from hipcheck.commands.emit import emit
from hipcheck.core.activity import Context
from hipcheck.core.answers import Answers
from hipcheck.core.assessment import Assessment, assess
from hipcheck.errors import HipcheckError
from hipcheck.knowledge import KnowledgeBase
from hipcheck.render import Format
from hipcheck.terminal import Terminal

if TYPE_CHECKING:
    from hipcheck.store.history import History


class Output(msgspec.Struct, frozen=True):
    """Where and how the summary goes. (msgspec structures here, not
    dataclasses: making a dataclass costs a start about 0.5 ms.)"""

    fmt: Format
    path: Path | None = None
    force: bool = False
    top: int = 3


class Finished(msgspec.Struct):
    """What a check ended with."""

    assessment: Assessment
    written: Path | None = None
    checkin_id: int | None = None
    history_path: Path | None = None
    #: The history's problem, when the caller asked to hear it after its
    #: own ending (`defer_problem`): the questionnaire still offers to save
    #: the summary to a file, then says it, with a non-zero exit.
    problem: HipcheckError | None = None


def finish(
    kb: KnowledgeBase,
    answers: Answers,
    context: Context | None,
    term: Terminal,
    out: Output,
    keep: bool | None,
    data_dir: Path | None,
    *,
    ask_keep: Callable[[], bool] | None = None,
    also_show: bool = False,
    defer_problem: bool = False,
) -> Finished:
    """Assess (with the history when keeping), output, then keep the check-in.

    Shared by the scripted and the interactive path. The assessment is always
    shown before any storage step: a history that cannot be opened or saved
    to never costs the runner the advice (emergency included); its problem
    is raised after the output, as one line and a non-zero exit. `keep` None
    means "not decided yet": the summary is shown first, then `ask_keep()`
    decides. With `also_show`, a summary written to a file is shown on the
    terminal too. With `defer_problem`, the history's problem is handed back
    (`Finished.problem`) for the caller to raise after its own ending.
    """
    ctx = context or Context()
    history: History | None = None
    problem: HipcheckError | None = None
    if keep:
        from hipcheck.commands.checkin import open_history  # the store only when keeping

        try:
            history = open_history(data_dir, term)
            ctx = msgspec.structs.replace(ctx, earlier=history.all())
        except HipcheckError as e:  # the history is unusable: advise first, then say so
            problem, history = e, None
    try:
        a = assess(kb, answers, ctx)
        done = Finished(a, emit(a, kb, out.fmt, term, out.top, out.path, out.force))
        if also_show and done.written is not None:
            emit(a, kb, term.human_format(), term, out.top)
        try:
            _keep(kb, done, history, problem, keep, ask_keep, data_dir, term)
        except HipcheckError as e:
            if not defer_problem:
                raise
            done.problem = e
    finally:
        if history is not None:
            history.close()
    return done


def _keep(
    kb: KnowledgeBase,
    done: Finished,
    history: History | None,
    problem: HipcheckError | None,
    keep: bool | None,
    ask_keep: Callable[[], bool] | None,
    data_dir: Path | None,
    term: Terminal,
) -> None:
    """Keep the check-in in `history` (opened by the caller, who closes it),
    or ask first when `keep` is None and open one; raises the history's
    problem, found earlier or now."""
    if problem is not None:
        raise problem
    if history is not None:
        _save(kb, done, history)
    elif keep is None and ask_keep is not None and ask_keep():
        from hipcheck.commands.checkin import open_history

        opened = open_history(data_dir, term)
        try:
            _save(kb, done, opened)
        finally:
            opened.close()


def _save(kb: KnowledgeBase, done: Finished, history: History) -> None:
    from hipcheck.commands.checkin import save as save_checkin

    done.checkin_id = save_checkin(history, kb, done.assessment).id
    done.history_path = history.path
