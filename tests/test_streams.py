"""Standard streams that cannot be written, and files that cannot be read
(reliability review round 3): a full or closed stdout ends in one line and
exit 1, never a traceback; a stderr that cannot be written drops the notice,
never the output; a read error on a named file is one line; a file with no
line break is refused without being read to its end.

These need real processes: the descriptors are closed or pointed at
/dev/full before hipcheck starts.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from .conftest import BIN
from .helpers import run

HIPCHECK = str(BIN / "hipcheck")
FULL = "/dev/full"

#: Three writers run in the inner loop (Rich text, JSON, Click's own help);
#: every command is checked in the full run (two processes each).
_EVERY = [
    ["check", "--location", "outer-hip"],
    ["check", "--location", "outer-hip", "--format", "json"],
    ["--help"],
    ["check", "--location", "outer-hip", "--format", "markdown"],
    ["conditions"],
    ["questions"],
    ["history"],
    ["validate"],
    ["--version"],
]
COMMANDS = [
    pytest.param(args, id=" ".join(args), marks=[] if i < 3 else [pytest.mark.slow])
    for i, args in enumerate(_EVERY)
]


def _shell(command: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HIPCHECK_HOME": str(tmp_path / "home")}
    return subprocess.run(
        ["sh", "-c", command], capture_output=True, text=True, timeout=60, env=env
    )


def _one_line(err: str, expected: str) -> None:
    assert "Traceback" not in err and "Exception ignored" not in err, err
    assert err.count("\n") == 1, err
    assert err == f"hipcheck: cannot write the output: {expected}\n"


@pytest.mark.needs_process
@pytest.mark.skipif(not Path(FULL).exists(), reason="no /dev/full")
@pytest.mark.parametrize("args", COMMANDS)
def test_a_full_stdout_is_one_line(tmp_path: Path, args: list[str]) -> None:
    res = _shell(f"{HIPCHECK} {' '.join(args)} > {FULL}", tmp_path)
    assert res.returncode == 1
    _one_line(res.stderr, "no space left on device")


@pytest.mark.needs_process
@pytest.mark.parametrize("args", COMMANDS)
def test_a_closed_stdout_is_one_line(tmp_path: Path, args: list[str]) -> None:
    res = _shell(f"{HIPCHECK} {' '.join(args)} >&-", tmp_path)
    assert res.returncode == 1
    _one_line(res.stderr, "standard output is closed")


@pytest.mark.needs_process
@pytest.mark.skipif(not Path(FULL).exists(), reason="no /dev/full")
def test_batch_to_a_full_stdout(tmp_path: Path) -> None:
    lines = tmp_path / "in.jsonl"
    lines.write_text('{"id": "a", "severity": 4}\n' * 50, encoding="utf-8")
    res = _shell(f"{HIPCHECK} batch {lines} > {FULL}", tmp_path)
    assert res.returncode == 1
    _one_line(res.stderr, "no space left on device")


@pytest.mark.needs_process
def test_a_closed_stderr_keeps_the_output_and_the_exit_status(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b'{"id":"\xff","severity":4}\n{"id":"ok","severity":4}\n')
    res = _shell(f"{HIPCHECK} batch {bad} 2>&-", tmp_path)
    assert res.returncode == 1  # one bad line, as with a working stderr
    assert '"id":"ok"' in res.stdout.replace(" ", "")
    res = _shell(f"{HIPCHECK} check --severity 99 2>&-", tmp_path)
    assert res.returncode == 2  # bad input, not a crash
    res = _shell(f"{HIPCHECK} check --location outer-hip --format json 2>&-", tmp_path)
    assert res.returncode == 0 and '"triage"' in res.stdout


@pytest.mark.needs_process
@pytest.mark.skipif(not Path(FULL).exists(), reason="no /dev/full")
def test_a_full_stderr_keeps_the_output(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b'{"id":"\xff","severity":4}\n{"id":"ok","severity":4}\n')
    res = _shell(f"{HIPCHECK} batch {bad} 2>{FULL}", tmp_path)
    assert res.returncode == 1 and '"id":"ok"' in res.stdout.replace(" ", "")


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs /proc")
@pytest.mark.parametrize(
    ("args", "label"),
    [
        (["check", "--answers", "{mem}"], "answers file"),
        (["--kb", "{mem}", "validate"], "knowledge file"),
        (["batch", "{mem}"], "batch input"),
        (["batch", "{mem}", "--input-format", "csv"], "batch input"),
        (["batch", "{csv}"], "batch input"),
        (["evaluate", "{mem}"], ""),
    ],
)
def test_a_read_error_is_one_line(tmp_path: Path, args: list[str], label: str) -> None:
    """/proc/self/mem opens as a regular file and fails every read with EIO,
    as a failing disk or network share does."""
    mem = tmp_path / "mem.json"
    mem.symlink_to("/proc/self/mem")
    csv = tmp_path / "mem.csv"  # read as CSV by its name (reliability review 3, F24 variant)
    csv.symlink_to("/proc/self/mem")
    res = run(*[a.format(mem=mem, csv=csv) for a in args])
    assert res.exit == 2, (res.out, res.err)
    assert res.err.count("\n") == 1 and "Traceback" not in res.err
    assert res.err.endswith("cannot read: Input/output error\n") and label in res.err


@pytest.mark.slow  # writes and reads a large file: the full run has it
@pytest.mark.parametrize("suffix", ["csv", "jsonl"])
def test_a_file_without_line_breaks_is_refused_without_reading_it_all(
    tmp_path: Path, suffix: str
) -> None:
    sparse = tmp_path / f"sparse.{suffix}"
    with open(sparse, "wb") as f:
        f.truncate(4 * 1024**3)  # 4 GB of zeros, no line break (sparse: no disk used)
    start = time.monotonic()
    args = ["batch", str(sparse)] + (["--format", "csv"] if suffix == "csv" else [])
    res = run(*args, timeout=60)
    assert time.monotonic() - start < 20
    assert res.exit != 0 and "Traceback" not in res.err
    assert "256 MB" in res.err


@pytest.mark.needs_process
@pytest.mark.parametrize(
    "args", ["help plan", "explain gluteal_tendinopathy", "check --location outer-hip -f text"]
)
def test_a_reader_that_goes_away_ends_quietly(tmp_path: Path, args: str) -> None:
    """`hipcheck help plan | head -1` (UX re-check): no "cannot write the
    output: broken pipe" line, a non-zero status as a SIGPIPE'd program has;
    a full or closed stdout still says why (tests above)."""
    # the reader closes at once; the writer's output is bigger than a pipe's buffer
    res = _shell(f"({HIPCHECK} {args}; echo $? >&2) | (exec 0<&-; sleep 0.5)", tmp_path)
    status = res.stderr.strip().splitlines()[-1]
    assert res.stderr.strip() == status and status != "0", res.stderr


@pytest.mark.needs_process
def test_a_closed_stdin_reads_a_named_file_and_is_one_line_for_dash(tmp_path: Path) -> None:
    """Round 4 (an adversary's review): `batch FILE <&-`, as cron and
    systemd often run it, was a traceback (stdin None); the file is read,
    and `batch -` says standard input is closed."""
    lines = tmp_path / "in.jsonl"
    lines.write_text('{"id": "a", "location": ["groin"]}\n', encoding="utf-8")
    res = _shell(f"{HIPCHECK} batch {lines} --format csv <&-", tmp_path)
    assert res.returncode == 0, res.stderr
    assert "Traceback" not in res.stderr and res.stdout.startswith("id,line,")
    res = _shell(f"{HIPCHECK} batch - <&-", tmp_path)
    assert res.returncode == 2
    assert res.stderr == "hipcheck: batch: standard input is closed\n"
