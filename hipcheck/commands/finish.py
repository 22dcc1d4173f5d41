"""The end of every check, scripted or interactive: assess (with the history
when keeping), output, keep the check-in (issue 10: one `finish()`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from hipcheck.commands.emit import emit
from hipcheck.core.answers import Answers
from hipcheck.core.assessment import Assessment
from hipcheck.knowledge import KnowledgeBase
from hipcheck.render import Format
from hipcheck.terminal import Terminal

if TYPE_CHECKING:
    from hipcheck.training.effect import Context


@dataclass(frozen=True)
class Output:
    """Where and how the summary goes."""

    fmt: Format
    path: Path | None = None
    force: bool = False
    top: int = 3


@dataclass
class Finished:
    """What a check ended with."""

    assessment: Assessment
    written: Path | None = None
    checkin_id: int | None = None
    history_path: Path | None = None


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
) -> Finished:
    """Assess (with the history when keeping), output, and keep the check-in.

    Shared by the scripted and the interactive path. `keep` None means "not
    decided yet": the summary is shown first, then `ask_keep()` decides.
    With `also_show`, a summary written to a file is shown on the terminal too.
    """
    from hipcheck.commands.checkin import assess_with_history, open_history
    from hipcheck.commands.checkin import save as save_checkin

    def output(a: Assessment) -> Finished:
        done = Finished(a, emit(a, kb, out.fmt, term, out.top, out.path, out.force))
        if also_show and done.written is not None:
            emit(a, kb, term.human_format(), term, out.top)
        return done

    if keep:
        with open_history(data_dir) as history:
            done = output(assess_with_history(kb, answers, history, context))
            done.checkin_id = save_checkin(history, kb, done.assessment).id
            done.history_path = history.path
        return done
    # a pure function of the inputs; no history read
    done = output(assess_with_history(kb, answers, None, context))
    if keep is None and ask_keep is not None and ask_keep():
        with open_history(data_dir) as history:
            done.checkin_id = save_checkin(history, kb, done.assessment).id
            done.history_path = history.path
    return done
