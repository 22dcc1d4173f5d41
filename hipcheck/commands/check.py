"""What the commands do: gather answers from their sources, assess, output.

Answer sources, lowest priority first: the answers file, `--data ID=VALUE`,
then the per-question flags; the interactive questionnaire asks only what
is still unanswered.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from hipcheck.commands.emit import choose_format, emit
from hipcheck.core.answers import Answers, merge, parse_answer, read_answers_file, unknown_key
from hipcheck.core.assessment import assess
from hipcheck.errors import AnswerError, show
from hipcheck.knowledge import KnowledgeBase
from hipcheck.render import Format
from hipcheck.store.atomic import check_target

NO_TERMINAL = (
    "no answers given and standard input is not a terminal; script it with flags "
    "(e.g. hipcheck check --location outer-hip --severity 4) or --answers FILE "
    "(see 'hipcheck questions')"
)


def parse_data(kb: KnowledgeBase, items: Sequence[str]) -> Answers:
    out: Answers = {}
    for item in items:
        key, eq, value = item.partition("=")
        if not eq:
            raise AnswerError(f"--data: {show(item)} is not ID=VALUE (e.g. -d severity=4)")
        q = kb.question_by_id.get(key.strip())
        if q is None:
            raise unknown_key(kb, key.strip(), "--data: ")
        out[q.id] = parse_answer(q, value, f"--data {q.id}")
    return out


def parse_flags(kb: KnowledgeBase, flags: Mapping[str, object]) -> Answers:
    return {
        qid: parse_answer(kb.question_by_id[qid], raw, "--" + qid.replace("_", "-"))
        for qid, raw in flags.items()
        if qid in kb.question_by_id
    }


def gather(
    kb: KnowledgeBase,
    answers_file: Path | None,
    data: Sequence[str],
    flags: Mapping[str, object],
) -> Answers:
    layers: list[Answers] = []
    if answers_file is not None:
        layers.append(read_answers_file(kb, answers_file))
    layers.append(parse_data(kb, data))
    layers.append(parse_flags(kb, flags))
    return merge(layers)


def run_check(
    kb: KnowledgeBase,
    *,
    answers_file: Path | None,
    data: Sequence[str],
    flags: Mapping[str, object],
    fmt: str | None,
    output: Path | None,
    force: bool,
    top: int,
    interactive: bool | None,
    save: bool | None = None,
    data_dir: Path | None = None,
    activities: Sequence[Path] = (),
) -> None:
    given = gather(kb, answers_file, data, flags)
    any_source = answers_file is not None or bool(data) or bool(flags)
    fmt_ = choose_format(fmt, output, sys.stdout)
    if output is not None:
        check_target(output, force)  # before asking anything
    tty = sys.stdin.isatty()
    if interactive is None:
        interactive = tty and not any_source
    if interactive:
        if not tty:
            raise AnswerError("--interactive needs a terminal on standard input")
        from hipcheck.ui.prompter import run_questionnaire

        run_questionnaire(
            kb,
            given,
            fmt=fmt_,
            output=output,
            force=force,
            top=top,
            save=save,
            data_dir=data_dir,
            activities=activities,
        )
        return
    if not any_source:
        raise AnswerError(
            NO_TERMINAL if not tty else "no answers given; use flags or --answers FILE"
        )
    context = None
    if activities:
        from hipcheck.training.effect import apply

        given, context = apply(kb, given, activities)
    if not save:  # scripts: a pure function of the inputs; no history read or written
        a = assess(kb, given, context.origins, load=context.load) if context else assess(kb, given)
        written = emit(a, kb, fmt_, top, output, force)
    else:
        from hipcheck.commands.checkin import assess_with_history, open_history
        from hipcheck.commands.checkin import save as save_checkin

        with open_history(data_dir) as history:
            a = assess_with_history(kb, given, history, context)
            written = emit(a, kb, fmt_, top, output, force)
            checkin = save_checkin(history, kb, a)
        sys.stderr.write(f"hipcheck: kept check-in #{checkin.id} in {history.path}\n")
    if written is not None:
        sys.stderr.write(f"hipcheck: saved the {fmt_} summary to {written}\n")


def run_interactive(kb: KnowledgeBase, data_dir: Path | None = None) -> None:
    """`hipcheck` with no command: the questionnaire on a terminal."""
    if not sys.stdin.isatty():
        raise AnswerError(NO_TERMINAL)
    from hipcheck.ui.prompter import run_questionnaire

    fmt: Format = "rich" if sys.stdout.isatty() else "text"
    run_questionnaire(kb, {}, fmt=fmt, output=None, force=False, top=3, data_dir=data_dir)
