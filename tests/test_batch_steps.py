"""Each short cut of `hipcheck batch` gives what the plain step gives.

The batch ranks with `core.batch_rank` (evidence keyed and sorted once),
hands the plan only the conditions it reads (`BatchAssessor.plan_scores`),
takes raw answers met before without checking them again
(`core.batch.Parser`) and keeps 8 MB of whole lines. Each is compared here
with the plain step it replaces, over any answers; test_batch_caches and
test_batch_same_bytes compare whole lines.
"""

from __future__ import annotations

import io
import json
import random
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from hipcheck.core.batch import Parser, Record, parse_record, read_jsonl
from hipcheck.core.batch_assess import BatchAssessor
from hipcheck.core.batch_rank import BatchRanker
from hipcheck.core.plan import make_plan
from hipcheck.core.scoring import conditions, numbers
from hipcheck.core.triage import triage
from hipcheck.knowledge.evidence import Evidence
from hipcheck.render import batch_lines

from .helpers import examples
from .strategies import KB, answers, json_values, random_answers


def _label(e: Evidence) -> Evidence:
    return e


#: One of each, shared by every example: their tables fill and are hit.
RANKER = BatchRanker(KB, _label)
ASSESSOR = BatchAssessor(KB)
PARSER = Parser(KB)


def _shuffled(given: dict[str, Any], rnd: random.Random) -> dict[str, Any]:
    items = list(given.items())
    rnd.shuffle(items)
    return {k: tuple(rnd.sample(v, len(v))) if isinstance(v, tuple) else v for k, v in items}


@examples(300)
@given(answers(), st.randoms(use_true_random=False))
def test_the_batch_ranking_is_the_ranking(given: dict[str, Any], rnd: random.Random) -> None:
    for these in (given, _shuffled(given, rnd)):  # answer order and tick order count
        plain = numbers(KB, these)
        found = RANKER.rank(these)
        assert found.probs == plain.probs
        assert found.shares == plain.shares
        assert (found.order, found.fit, found.other) == (plain.order, plain.fit, plain.other)
        for_ = [[e for _, c, e in found.pro if c == i] for i in range(len(KB.conditions))]
        against = [[e for _, c, e in found.con if c == i] for i in range(len(KB.conditions))]
        assert for_ == plain.ev_for
        assert against == plain.ev_against


@examples(300)
@given(answers())
def test_the_plan_from_the_conditions_it_reads_is_the_plan(given: dict[str, Any]) -> None:
    found = numbers(KB, given)
    scores = conditions(KB, found)
    t = triage(KB, given, scores)
    no_cause = not any(found.ev_for)
    short = ASSESSOR.plan_scores(found.probs, found.shares, found.order)
    assert len(short) < len(scores)
    assert make_plan(KB, t, short, given, no_cause=no_cause) == make_plan(KB, t, scores, given)


_raw_answers = st.dictionaries(
    st.sampled_from([q.id for q in KB.questions] + ["id_", "Fever"]),
    json_values | st.lists(st.sampled_from(["groin", "buttock", "knee", "Groin", 1]), max_size=4),
    max_size=6,
)


@examples(400)
@given(st.lists(_raw_answers | answers().map(lambda a: {
    k: list(v) if isinstance(v, tuple) else v for k, v in a.items()
}), min_size=1, max_size=8))  # fmt: skip
def test_raw_answers_met_before_are_read_as_a_full_check_reads_them(
    raws: list[dict[str, Any]],
) -> None:
    for n, raw in enumerate(raws + raws, 1):  # each met again
        rec = Record(n, None, raw)
        assert _same(PARSER.parse(rec), parse_record(KB, rec))


def _same(got: Any, want: Any) -> bool:
    """The same message, or the same answers in the same order with the
    same types (True == 1 and 5 == 5.0 in Python, not in the output)."""
    if isinstance(want, str):
        return bool(got == want)
    return [(k, type(v), v) for k, v in got.items()] == [(k, type(v), v) for k, v in want.items()]


def test_one_and_true_five_and_five_point_oh_are_not_mixed_up() -> None:
    parser = Parser(KB)
    for raw in ({"severity": 5}, {"severity": 5.0}, {"fever": True}, {"fever": 1}):
        for n in (1, 2):
            rec = Record(n, None, raw)
            assert _same(parser.parse(rec), parse_record(KB, rec))
    assert type(parser.parse(Record(3, None, {"severity": 5.0}))["severity"]) is int
    assert isinstance(parser.parse(Record(4, None, {"fever": 1})), str)


def test_the_kept_lines_hold_750_repeated_answer_sets() -> None:
    """A club's file with 750 answer sets met again and again (about 11 KB a
    line): after their second meeting every one is written from its kept
    line (5 MB held 480: they pushed each other out)."""
    rnd = random.Random(3)
    sets = [random_answers(rnd) for _ in range(750)]
    data = b"".join(json.dumps(s).encode() + b"\n" for s in sets)
    lines = batch_lines.BatchLines(KB)
    for _ in range(2):
        for rec in read_jsonl(io.BytesIO(data).readlines()):
            lines.made(rec)
    checked = 0
    parse = lines.parser.parse

    def counted(rec: Record) -> Any:
        nonlocal checked
        checked += 1
        return parse(rec)

    lines.parser.parse = counted  # type: ignore[method-assign]
    for rec in read_jsonl(io.BytesIO(data).readlines()):
        lines.made(rec)
    assert checked == 0
    assert lines.kept.size > 5 * 1024 * 1024
