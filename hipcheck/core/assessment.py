"""The assessment: a plain frozen result that every renderer reads.

The core never prints; rich, text, Markdown and JSON are renderers of this.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType

import msgspec

from hipcheck.core.answers import AnswerValue
from hipcheck.core.return_to_run import Before
from hipcheck.core.scoring import ConditionScore, score
from hipcheck.core.triage import Reason, Triage, triage
from hipcheck.knowledge import KnowledgeBase
from hipcheck.training.analysis import LoadReport

JSON_SCHEMA_VERSION = 1


class Assessment(msgspec.Struct, frozen=True):
    triage: Triage
    conditions: tuple[ConditionScore, ...]
    answers: Mapping[str, AnswerValue]
    disclaimer: str
    kb_version: str
    #: question id -> where the answer came from, when not from the user.
    origins: Mapping[str, str]
    #: How this compares with earlier check-ins, if there are any.
    notes: tuple[str, ...] = ()
    #: Training load from the runner's activity files, if given.
    load: LoadReport | None = None
    #: When the assessment was made (aware, local time zone).
    created: dt.datetime | None = None
    #: The return-to-running stage of the previous check-in, if any.
    run_before: Before | None = None


def assess(
    kb: KnowledgeBase,
    answers: Mapping[str, AnswerValue],
    origins: Mapping[str, str] | None = None,
    extra_reasons: tuple[Reason, ...] = (),
    notes: tuple[str, ...] = (),
    load: LoadReport | None = None,
    created: dt.datetime | None = None,
) -> Assessment:
    """Score and triage; `extra_reasons` and `notes` come from the history."""
    origins = dict(origins or {})
    scores = score(kb, answers, origins)
    return Assessment(
        triage=triage(kb, answers, scores, extra_reasons),
        conditions=scores,
        answers=MappingProxyType(dict(answers)),
        disclaimer=kb.disclaimer,
        kb_version=kb.version,
        origins=MappingProxyType(origins),
        notes=notes,
        load=load,
        created=created or dt.datetime.now(dt.UTC).astimezone(),
    )
