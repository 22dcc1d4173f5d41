"""An assessment that knows the runner's earlier check-ins, and saving it."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path

from hipcheck.core.answers import AnswerValue, to_jsonable
from hipcheck.core.assessment import Assessment, assess
from hipcheck.knowledge import KnowledgeBase
from hipcheck.store.history import CheckIn, History, data_dir, now
from hipcheck.training.effect import Context

KEEP = "keep_history"


def open_history(folder: Path | None) -> History:
    history = History.open(data_dir(folder))
    for notice in history.notices:
        sys.stderr.write(f"hipcheck: {notice}\n")
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
    from hipcheck.core.trend import compare

    comparison = compare(kb.history, history.all(), answers, now())
    return assess(
        kb,
        answers,
        ctx.origins,
        extra_reasons=comparison.reasons,
        notes=comparison.notes,
        load=ctx.load,
    )


def save(history: History, kb: KnowledgeBase, a: Assessment) -> CheckIn:
    from hipcheck.render.json_render import to_dict

    return history.save(to_jsonable(a.answers), to_dict(a, kb), kb.version)
