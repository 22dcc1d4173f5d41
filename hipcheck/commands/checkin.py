"""An assessment that knows the runner's earlier check-ins, and saving it."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import msgspec

from hipcheck.core.answers import AnswerValue, to_jsonable
from hipcheck.core.assessment import Assessment, assess
from hipcheck.knowledge import KnowledgeBase
from hipcheck.store.history import CheckIn, History, data_dir, now
from hipcheck.terminal import current
from hipcheck.training.effect import Context

KEEP = "keep_history"


def open_history(folder: Path | None, write: bool = True) -> History:
    """The history, to keep check-ins in (or only to read, without `write`);
    its notices (a file set aside, a folder made private) go to stderr."""
    history = History.open(data_dir(folder), write=write)
    for notice in history.notices:
        current().notice(notice)
    return history


def assess_with_history(
    kb: KnowledgeBase,
    answers: Mapping[str, AnswerValue],
    history: History | None,
    context: Context | None = None,
) -> Assessment:
    ctx = context or Context()
    if history is None:
        return assess(kb, answers, ctx.origins, load=ctx.load)
    from hipcheck.core.return_to_run import before_from
    from hipcheck.core.trend import trend
    from hipcheck.render import history_render

    earlier, when = history.all(), now()
    found = trend(kb.history, earlier, answers, when)
    a = assess(
        kb,
        answers,
        ctx.origins,
        extra_reasons=history_render.reasons(kb.history, found),
        notes=history_render.notes(found),
        load=ctx.load,
    )
    before = before_from(earlier, when, kb.history.episode_days)  # the running stage so far
    return msgspec.structs.replace(a, run_before=before)


def save(history: History, kb: KnowledgeBase, a: Assessment) -> CheckIn:
    from hipcheck.render.json_render import to_dict

    return history.save(to_jsonable(a.answers), to_dict(a, kb), kb.version)
