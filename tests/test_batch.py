"""`hipcheck batch`: many answer sets in one streaming pass."""

from __future__ import annotations

import csv
import json
import os
import random
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pexpect

from .helpers import BIN

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
    assert res.code == 1
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
    assert res.code == 1 and "line 4: severity: 'eleven' is not a number" in res.err
    assert "not a diagnosis" in res.err  # the CSV has no room for the disclaimer
    rows = list(csv.DictReader(out.open()))
    assert [r["id"] for r in rows] == ["r1", "r2", "r3"]
    assert rows[0]["triage"] == "self_care" and rows[0]["condition_1"] == "gluteal_tendinopathy"
    assert rows[1]["triage"] == "urgent" and rows[1]["condition_1"] == "adductor_strain"
    assert float(rows[0]["score_1"]) > float(rows[0]["score_2"])
    assert rows[2]["error"].startswith("line 4: severity") and rows[2]["triage"] == ""


def test_stdin_and_all_good_exit_zero(tmp_path: Path) -> None:
    data = "".join(json.dumps(r) + "\n" for r in LINES[:2])
    res = subprocess.run(
        [str(BIN / "hipcheck"), "batch", "-"],
        input=data,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert res.returncode == 0 and res.stderr == ""
    assert len(res.stdout.splitlines()) == 2


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
        assert res.code == 2 and message in res.err and res.err.count("\n") == 1, res.err
    existing = tmp_path / "o.jsonl"
    existing.write_text("keep")
    src = write_jsonl(tmp_path / "in.jsonl", LINES[:1])
    res = run("batch", str(src), "-o", str(existing))
    assert res.code == 2 and existing.read_text() == "keep"


def test_progress_bar_on_a_terminal_keeps_the_file_clean(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", LINES[:2] * 2000)
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
    assert len(lines) == 4000 and all(line.startswith('{"id"') for line in lines)


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


def test_memory_stays_flat_over_200000_lines(tmp_path: Path) -> None:
    small = _generate(tmp_path / "small.jsonl", 2_000)
    big = _generate(tmp_path / "big.jsonl", 200_000)
    exe = str(BIN / "hipcheck")
    small_rss = _max_rss_kib([exe, "batch", str(small)])
    big_rss = _max_rss_kib([exe, "batch", str(big)])
    assert big_rss - small_rss < 10 * 1024, (small_rss, big_rss)  # KiB
