"""Output files and signals (reliability review F7, F16, F19; issue 11).

The signal tests need a process of their own to signal; the rest run in process.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .answer_sets import MILD_CHECK
from .helpers import run

BIN = Path(sys.executable).parent / "hipcheck"
CHECK = MILD_CHECK


def test_force_never_replaces_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "f.txt"
    os.mkfifo(fifo)
    res = run(*CHECK, "-o", str(fifo), "--force")
    assert res.exit == 1
    assert res.err.count("\n") == 1 and "not a regular file" in res.err
    assert fifo.is_fifo()


def test_force_never_replaces_a_device_through_a_link(tmp_path: Path) -> None:
    link = tmp_path / "null.txt"
    link.symlink_to("/dev/null")
    res = run(*CHECK, "-o", str(link), "--force")
    assert res.exit == 1 and "not a regular file" in res.err
    assert link.is_symlink() and os.readlink(link) == "/dev/null"


def test_output_ending_in_a_slash_is_refused(tmp_path: Path) -> None:
    res = run(*CHECK, "-o", "newname/", cwd=tmp_path)
    assert res.exit == 2 and "ends with a slash" in res.err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", [CHECK, ["plan"], ["report"], ["history"]])
def test_an_empty_output_name_is_named_as_empty(tmp_path: Path, command: list[str]) -> None:
    """`-o ""` said "cannot write .: it is a folder" (the reliability review's
    finding 31, on a re-check in stop 40): Path("") is the current folder."""
    res = run(*command, "-o", "", cwd=tmp_path)
    assert res.exit == 2, res.err
    assert res.err == "hipcheck: --output: the file name is empty; give a file name\n"
    assert list(tmp_path.iterdir()) == []


def _big_batch(tmp_path: Path) -> Path:
    line = b'{"id": "r", "location": ["outer_hip"], "severity": 4}\n'
    src = tmp_path / "many.jsonl"
    src.write_bytes(line * 300_000)
    return src


@pytest.mark.slow
@pytest.mark.needs_process  # a signal in the middle of a save
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_during_an_export_leaves_no_file(tmp_path: Path, signum: int) -> None:
    src = _big_batch(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    proc = subprocess.Popen(
        [str(BIN), "batch", str(src), "-o", str(out / "res.jsonl")],
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    while not any(out.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.05)  # wait until the temporary file exists
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signum, err
    assert err.strip().splitlines()[-1] == "hipcheck: stopped by a signal; nothing was saved"
    assert "Traceback" not in err
    assert list(out.iterdir()) == []


@pytest.mark.slow
@pytest.mark.needs_process  # a kill in the middle of a save
def test_the_temporary_file_of_a_killed_export_is_swept_next_time(tmp_path: Path) -> None:
    src = _big_batch(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    proc = subprocess.Popen(
        [str(BIN), "batch", str(src), "-o", str(out / "res.jsonl")], stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 30
    while not any(out.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.kill()
    proc.wait(timeout=30)
    assert next(p.name for p in out.iterdir()).startswith(".res.jsonl.")  # left by SIGKILL
    small = tmp_path / "one.jsonl"
    small.write_text('{"id": "a", "severity": 2}\n')
    res = run("batch", str(small), "-o", str(out / "res.jsonl"))
    assert res.exit == 0, res.err
    assert [p.name for p in out.iterdir()] == ["res.jsonl"]
