"""`hipcheck batch` writes exactly what the plain path writes, byte for byte.

The batch path takes short cuts for speed (parts of the JSON encoded once,
the clock read once a second, a faster rounding); the reference here is the
plain path: each record assessed with `assess` and worded with
`json_render.to_dict`, as `check --format json` does. Records: every case of
the case files, random answer sets over every question, bad lines and
awkward ids.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import random
import struct
from pathlib import Path
from typing import Any

import msgspec
from hypothesis import given
from hypothesis import strategies as st

from hipcheck.commands.batch import csv_row, json_record, run
from hipcheck.core.activity import Context
from hipcheck.core.assessment import Assessment, assess
from hipcheck.core.batch import jsonl_records, parse_record, read_jsonl
from hipcheck.render.json_render import round4

from . import helpers
from .strategies import KB, random_answers

CASES = Path(__file__).parent / "cases"
NOW = dt.datetime(2026, 3, 4, 5, 6, 7, tzinfo=dt.timezone(dt.timedelta(hours=2)))


def varied_lines() -> bytes:
    """Several hundred records: the case files, random sets, bad lines, odd ids."""
    rnd = random.Random(19)
    records: list[dict[str, Any]] = []
    for path in sorted(CASES.glob("*.json")):
        records += [{"id": c["id"], **c["answers"]} for c in json.loads(path.read_text())]
    n = 100 if helpers.QUICK else 300  # the inner loop takes a third
    records += [{"id": f"random-{i}", **random_answers(rnd)} for i in range(n)]
    records += [
        {},
        {"id": 7, "fever": True},
        {"id": "=cmd|' /C calc'!A0", "severity": 4},
        {"id": "tab\there\u202e\u001b[2J", "location": ["groin"]},
        {"id": None, "location": "outer_hip,buttock", "severity": "5"},
        {"location": ["knee"]},
        {"severity": 4.5},
    ]
    lines = [json.dumps(r) for r in records]
    lines[5:5] = ["not json", "[1, 2]", '{"fever": true, "fever": false}', ""]
    return ("\n".join(lines) + "\n").encode()


def _assessed(line: int, answers: Any) -> Assessment | str:
    return answers if isinstance(answers, str) else assess(KB, answers, Context(now=NOW))


def test_jsonl_output_is_the_plain_paths_byte_for_byte() -> None:
    data = varied_lines()
    out = io.BytesIO()
    run(KB, io.BytesIO(data), "jsonl", out, "jsonl", lambda _: None, now=NOW)
    expected = [
        msgspec.json.encode(json_record(KB, rec, _assessed(rec.line, parse_record(KB, rec))))
        for rec in jsonl_records(io.BytesIO(data))
    ]
    got = out.getvalue().split(b"\n")
    assert got[-1] == b""
    assert len(got[:-1]) == len(expected) > 500
    for mine, plain in zip(got, expected, strict=False):
        assert mine == plain
    levels = {json.loads(line)["triage"]["level"] for line in got[:-1] if b'"triage"' in line}
    assert levels == {"emergency", "urgent", "routine", "self_care"}


def test_csv_output_is_the_plain_paths_byte_for_byte() -> None:
    data = varied_lines()
    out = io.BytesIO()
    run(KB, io.BytesIO(data), "jsonl", out, "csv", lambda _: None, now=NOW)
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(
        ["id", "line", "triage", "condition_1", "score_1", "condition_2", "score_2",
         "condition_3", "score_3", "error"]
    )  # fmt: skip
    for rec in jsonl_records(io.BytesIO(data)):
        writer.writerow(csv_row(rec, _assessed(rec.line, parse_record(KB, rec))))
    assert out.getvalue() == text.getvalue().encode()


def test_the_clock_stamps_each_record_as_assess_would() -> None:
    """Without a fixed time the stamp is the clock's, to the second."""
    data = b'{"severity": 4}\n' * 3
    before = dt.datetime.now(dt.UTC).astimezone().replace(microsecond=0)
    out = io.BytesIO()
    run(KB, io.BytesIO(data), "jsonl", out, "jsonl", lambda _: None)
    after = dt.datetime.now(dt.UTC).astimezone()
    for line in out.getvalue().splitlines():
        created = dt.datetime.fromisoformat(json.loads(line)["created"])
        assert before <= created <= after
        assert created.utcoffset() == before.utcoffset()


def _bits(x: float) -> bytes:
    return struct.pack("<d", x)


@given(
    st.floats(0, 1, allow_nan=False)
    | st.integers(0, 10_000).flatmap(
        lambda k: st.sampled_from([k / 1e4, (k + 0.5) / 1e4, math.nextafter((k + 0.5) / 1e4, 2)])
    )
)
def test_round4_is_round_to_four_places(x: float) -> None:
    assert _bits(round4(x)) == _bits(round(x, 4))


def test_round4_on_every_half_step_and_its_neighbours() -> None:
    for k in range(10_001):
        half = (k + 0.5) / 1e4
        for x in (half, math.nextafter(half, 0), math.nextafter(half, 2), k / 1e4):
            assert _bits(round4(x)) == _bits(round(x, 4)), x


def test_a_key_given_twice_is_found_however_the_line_is_spaced() -> None:
    lines = [
        b'{"fever" : true, "fever":false}',
        b'{"fever"\t:true,"severity":3,"fever" :false}',
        b'{"id":"a:b","fever":true,"fever":true}',
        b'{"id":"\\":","fever":true,"fever":true}',
    ]
    for rec in read_jsonl(lines):
        assert rec.error.endswith("'fever' is given twice; give each question once"), rec
    (ok,) = read_jsonl([b'{"id": ":x\\"", "location": {"a": 1, "b": 2}, "fever": true}'])
    assert ok.answers is not None and not ok.error
