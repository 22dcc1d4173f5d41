"""Where the answers of a check come from, lowest priority first: the
answers file, `--data ID=VALUE`, then the per-question flags."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import msgspec

from hipcheck.core.activity import Context
from hipcheck.core.activity import merge as merge_load
from hipcheck.core.answers import (
    Answers,
    AnswerValue,
    merge,
    parse_answer,
    read_answers_file,
    unknown_key,
)
from hipcheck.errors import AnswerError, show
from hipcheck.knowledge import KnowledgeBase


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
        qid: parse_answer(kb.question_by_id[qid], raw, "--" + qid.replace("_", "-"), flag=True)
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


class AnswerSources(msgspec.Struct, frozen=True):
    """The answers a command was given: a file, `-d ID=VALUE`, question flags.
    (A msgspec structure: making a dataclass costs a start about 0.5 ms.)"""

    answers_file: Path | None = None
    data: Sequence[str] = ()
    flags: Mapping[str, object] = msgspec.field(default_factory=dict)

    @property
    def given(self) -> bool:
        """Whether any answer was given at all (else: ask, or use the history)."""
        return self.answers_file is not None or bool(self.data) or bool(self.flags)

    def gather(self, kb: KnowledgeBase) -> Answers:
        return gather(kb, self.answers_file, self.data, self.flags)


def apply_activities(
    kb: KnowledgeBase,
    answers: Mapping[str, AnswerValue],
    paths: Sequence[Path],
    notice: Callable[[str], None],
) -> tuple[Answers, Context]:
    """Read the activity files (problems to `notice`) and add what they show."""
    from hipcheck.training.effect import read

    return merge_load(answers, read(kb, paths, notice))
