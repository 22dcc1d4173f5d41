"""What `hipcheck batch` keeps never changes a line.

The batch keeps whole lines by answer set, each question's triage bits by
answer, what each answer adds to the ranking, encoded evidence and stages
(render.batch_lines, core.batch_assess, core.scoring_parts). Here thousands
of answer sets go through ONE batch, so every cache is shared and hit, with
sets met again, reordered and with their ticks in another order; every line
is compared with the plain path (`assess`, then `json_render.to_dict` or
`csv_row`). The comparison is shown to catch a key that leaves out what a
line rests on.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import random
from typing import Any

import msgspec
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hipcheck.commands.batch import CSV_COLUMNS, csv_row, json_record, run
from hipcheck.core import batch_assess
from hipcheck.core.activity import Context
from hipcheck.core.assessment import Assessment, assess
from hipcheck.core.batch import jsonl_records, parse_record
from hipcheck.core.batch_assess import BatchAssessor
from hipcheck.core.scoring import numbers, score
from hipcheck.core.triage import triage
from hipcheck.render import batch_lines
from hipcheck.render.batch_lines import Kept

from . import helpers
from .helpers import examples
from .strategies import KB, answers, random_answers

NOW = dt.datetime(2026, 3, 4, 5, 6, 7, tzinfo=dt.timezone(dt.timedelta(hours=2)))


def many() -> int:
    """Answer sets through one batch: 1,500 in the full run, 500 in the inner loop."""
    return 500 if helpers.QUICK else 1500


def _data(n: int, seed: int = 6) -> bytes:
    """`n` records: random sets, with sets met again as they were, with
    their questions in another order, and with their ticks in another order."""
    rnd = random.Random(seed)
    rows: list[dict[str, Any]] = []
    for _ in range(n):
        if rows and rnd.random() < 0.4:
            old = dict(rnd.choice(rows))
            how = rnd.random()
            if how < 0.3:
                old = dict(rnd.sample(list(old.items()), len(old)))
            elif how < 0.6:
                old = {
                    k: rnd.sample(v, len(v)) if isinstance(v, list) else v for k, v in old.items()
                }
            rows.append(old)
        else:
            rows.append(random_answers(rnd))
    return b"".join(json.dumps({"id": f"r{i}", **r}).encode() + b"\n" for i, r in enumerate(rows))


def _plain(rec: Any) -> Assessment | str:
    found = parse_record(KB, rec)
    return found if isinstance(found, str) else assess(KB, found, Context(now=NOW))


def _jsonl_mismatches(data: bytes) -> int:
    out = io.BytesIO()
    run(KB, io.BytesIO(data), "jsonl", out, "jsonl", lambda _: None, now=NOW)
    got = out.getvalue().splitlines()
    want = [
        msgspec.json.encode(json_record(KB, rec, _plain(rec)))
        for rec in jsonl_records(io.BytesIO(data))
    ]
    assert len(got) == len(want)
    return sum(g != w for g, w in zip(got, want, strict=True))


def test_thousands_of_answer_sets_through_one_batch_give_the_plain_lines() -> None:
    assert _jsonl_mismatches(_data(many())) == 0


def test_csv_of_thousands_of_answer_sets_through_one_batch_is_the_plain_csv() -> None:
    data = _data(many(), seed=7)
    out = io.BytesIO()
    run(KB, io.BytesIO(data), "jsonl", out, "csv", lambda _: None, now=NOW)
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for rec in jsonl_records(io.BytesIO(data)):
        writer.writerow(csv_row(rec, _plain(rec)))
    assert out.getvalue() == text.getvalue().encode()


@pytest.mark.slow  # a property over many batches: the full run has it
@examples(60)
@given(st.lists(answers(), min_size=1, max_size=40), st.randoms(use_true_random=False))
def test_any_answer_sets_through_one_batch_give_the_plain_lines(
    sets: list[dict[str, Any]], rnd: random.Random
) -> None:
    sets = sets + [rnd.choice(sets) for _ in range(len(sets))]  # met again
    rows = [{k: list(v) if isinstance(v, tuple) else v for k, v in s.items()} for s in sets]
    data = b"".join(json.dumps(r).encode() + b"\n" for r in rows)
    assert _jsonl_mismatches(data) == 0


def test_a_line_kept_by_a_key_that_leaves_out_an_answer_is_caught(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def careless(given: Any) -> bytes:
        return msgspec.json.encode({k: v for k, v in given.items() if k != "severity"})

    monkeypatch.setattr(batch_lines, "record_key", careless)
    rnd = random.Random(8)
    rows = []
    for _ in range(50):  # met twice (then kept), then with another severity
        given = random_answers(rnd)
        rows += [{**given, "severity": 3}, {**given, "severity": 3}, {**given, "severity": 9}]
    data = b"".join(json.dumps(r).encode() + b"\n" for r in rows)
    assert _jsonl_mismatches(data) > 0
    monkeypatch.undo()
    assert _jsonl_mismatches(data) == 0


def test_triage_bits_that_leave_out_a_question_are_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    real = BatchAssessor.__init__

    def careless(self: BatchAssessor, kb: Any) -> None:
        real(self, kb)
        self._questions = {q: v for q, v in self._questions.items() if q != "fever"}
        self._unanswered = {q: v for q, v in self._unanswered.items() if q != "fever"}

    monkeypatch.setattr(BatchAssessor, "__init__", careless)
    assert _jsonl_mismatches(_data(400)) > 0


@pytest.mark.slow  # a property over hundreds of examples: the full run has it
@examples(300)
@given(answers())
def test_triage_from_bits_is_the_triage(given_answers: dict[str, Any]) -> None:
    """The same level, reasons and unanswered safety questions; only the
    answers each reason rests on (which batch lines never show) are left out."""
    batch = BatchAssessor(KB)
    found = numbers(KB, given_answers)
    mine = batch.triage(batch.bits(given_answers), found.shares, ())
    plain = triage(KB, given_answers, score(KB, given_answers))
    assert mine.level == plain.level
    assert mine.safety_unanswered == plain.safety_unanswered
    assert [msgspec.structs.replace(r, answers=()) for r in plain.reasons] == list(mine.reasons)


def test_kept_lines_stay_within_their_budget_and_wait_for_a_second_meeting() -> None:
    kept = Kept(10_000)
    kept.put(b"a", b"x" * 100, 100)
    assert kept.get(b"a") is None  # met once: not kept
    kept.put(b"a", b"x" * 100, 100)
    assert kept.get(b"a") == b"x" * 100
    for i in range(500):
        key = b"k%d" % i
        kept.put(key, b"y" * 100, 100)
        kept.put(key, b"y" * 100, 100)
        assert kept.size <= 10_000
    assert kept.get(b"a") is None  # the oldest went first
    assert kept.get(b"k499") == b"y" * 100


def test_question_tables_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch_assess, "LIMIT", 8)
    batch = BatchAssessor(KB)
    for severity in range(11):
        batch.bits({"severity": severity})
    assert all(len(known) <= 8 for _, _, known in batch._questions.values())
    assert len(batch._questions["severity"][2]) > 0


def _near_halves(k: int) -> st.SearchStrategy[float]:
    half = (k + 0.5) / 1e4
    return st.sampled_from([k / 1e4, half, math.nextafter(half, 2), math.nextafter(half, 0)])


@given(
    st.lists(
        st.floats(0, 1, allow_nan=False) | st.integers(0, 10_000).flatmap(_near_halves),
        min_size=1,
        max_size=25,
    )
)
def test_scores_are_encoded_as_round_to_four_places(xs: list[float]) -> None:
    lines = batch_lines.BatchLines(KB)
    assert lines._scores_of(xs) == [msgspec.json.encode(round(x, 4)) for x in xs]
