"""`check`: gather the answers from their sources, assess, and finish.

Answer sources, lowest priority first: the answers file, `--data ID=VALUE`,
then the per-question flags; the interactive questionnaire asks only what
is still unanswered. Both the scripted and the interactive path end in the
same `finish()` (history, output, keeping the check-in).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import msgspec

from hipcheck.commands.emit import choose_format, format_word
from hipcheck.commands.finish import Finished, Output, finish
from hipcheck.commands.sources import AnswerSources
from hipcheck.errors import AnswerError
from hipcheck.knowledge import KnowledgeBase
from hipcheck.terminal import Terminal

NO_TERMINAL = (
    "no answers given and standard input is not a terminal; script it with flags "
    "(e.g. hipcheck check --location outer-hip --severity 4) or --answers FILE "
    "(see 'hipcheck questions')"
)


class CheckRequest(msgspec.Struct, frozen=True, kw_only=True):
    """Everything `hipcheck check` was given. (A msgspec structure, not a
    dataclass: making a dataclass costs a start about 0.5 ms.)"""

    sources: AnswerSources = msgspec.field(default_factory=AnswerSources)
    fmt: str | None = None
    output: Path | None = None
    force: bool = False
    top: int = 3
    interactive: bool | None = None
    save: bool | None = None
    data_dir: Path | None = None
    activities: Sequence[Path] = ()
    #: Ask every question, not the adaptive interview.
    full: bool = False


def run_check(kb: KnowledgeBase, req: CheckRequest, term: Terminal) -> Finished | None:
    """`hipcheck check`; None when the questionnaire ended in an emergency."""
    given = req.sources.gather(kb)
    any_source = req.sources.given
    fmt = choose_format(req.fmt, req.output, term)
    if req.output is not None:
        from hipcheck.store.atomic import check_target  # only then: a fast start

        check_target(req.output, req.force)  # before asking anything
    interactive = req.interactive
    if interactive is None:
        interactive = term.interactive and not any_source
    out = Output(fmt, req.output, req.force, req.top)
    if interactive:
        if not term.interactive:
            raise AnswerError("--interactive needs a terminal on standard input")
        from hipcheck.commands.interactive import run_questionnaire

        return run_questionnaire(
            kb, given, term, out, req.save, req.data_dir, req.activities, full=req.full
        )
    if not any_source:
        raise AnswerError(
            NO_TERMINAL if not term.interactive else "no answers given; use flags or --answers FILE"
        )
    context = None
    if req.activities:
        from hipcheck.commands.sources import apply_activities

        given, context = apply_activities(kb, given, req.activities, term.notice)
    done = finish(kb, given, context, term, out, bool(req.save), req.data_dir)
    if done.checkin_id is not None:
        term.kept.append(f"check-in #{done.checkin_id}")
        term.notice(f"kept check-in #{done.checkin_id} in {done.history_path}")
    if done.written is not None:
        term.notice(f"saved the {format_word(fmt, done.written)} summary to {done.written}")
    return done


def run_interactive(
    kb: KnowledgeBase, term: Terminal, data_dir: Path | None = None, full: bool = False
) -> None:
    """`hipcheck` with no command: the questionnaire on a terminal."""
    if not term.interactive:
        raise AnswerError(NO_TERMINAL)
    from hipcheck.commands.interactive import run_questionnaire

    run_questionnaire(kb, {}, term, Output(term.human_format()), None, data_dir, full=full)
