"""Output that survives real terminals and disks; no network; lean imports."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pexpect
import pytest

from hipcheck.errors import OutputError
from hipcheck.store.atomic import write_atomic

from .helpers import ANSI, BIN

CHECK = ["check", "--location", "outer-hip", "--triggers", "single-leg", "--duration",
         "1-to-6-weeks", "--trend", "same", "--severity", "5"]  # fmt: skip


@pytest.mark.parametrize(
    "env",
    [
        {"COLUMNS": "40"},
        {"TERM": "dumb"},
        {"NO_COLOR": "1"},
        {"LANG": "C", "LC_ALL": "C"},
        {"PYTHONIOENCODING": "ascii", "LANG": "C", "LC_ALL": "C"},
    ],
)
def test_rich_summary_in_odd_terminals(env: dict[str, str], tmp_path: Path) -> None:
    environ = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", **env}
    if "NO_COLOR" not in env:
        environ.pop("NO_COLOR", None)
    child = pexpect.spawn(
        str(BIN / "hipcheck"),
        CHECK,
        env=environ,
        cwd=str(tmp_path),
        dimensions=(50, int(environ["COLUMNS"])),
        timeout=20,
    )
    child.expect(pexpect.EOF)
    child.close()
    raw: bytes = child.before or b""
    assert child.exitstatus == 0, raw[-500:]
    text = ANSI.sub("", raw.decode("utf-8", "replace"))
    assert "ROUTINE" in text and "Gluteal" in text and "not a diagnosis" in text
    width = int(environ["COLUMNS"])
    assert max(len(line) for line in text.splitlines()) <= width
    if env.get("NO_COLOR") or env.get("TERM") == "dumb":
        assert not any(
            f"\x1b[{c}" in raw.decode("utf-8", "replace") for c in ("31m", "32m", "33m", "36m")
        )
    if env.get("PYTHONIOENCODING") == "ascii":
        raw.decode("ascii")  # nothing outside ASCII was written


def test_plain_text_to_an_ascii_pipe() -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "LC_ALL": "C"}
    res = subprocess.run([str(BIN / "hipcheck"), *CHECK], capture_output=True, env=env, timeout=30)
    assert res.returncode == 0, res.stderr
    res.stdout.decode("ascii")


def test_export_into_missing_or_unwritable_folder(tmp_path: Path, monkeypatch: Any) -> None:
    with pytest.raises(OutputError, match=r"the folder .* does not exist"):
        write_atomic(tmp_path / "missing" / "s.txt", "x")

    def denied(*a: Any, **k: Any) -> Any:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("tempfile.mkstemp", denied)
    with pytest.raises(OutputError, match="permission denied; nothing was written"):
        write_atomic(tmp_path / "s.txt", "x")
    assert list(tmp_path.iterdir()) == []


def test_full_disk_leaves_nothing_behind(tmp_path: Path, monkeypatch: Any) -> None:
    target = tmp_path / "summary.txt"
    target.write_text("the old summary")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OutputError, match="the disk is full; nothing was written"):
        write_atomic(target, "a new summary " * 1000, force=True)
    assert [p.name for p in tmp_path.iterdir()] == ["summary.txt"]
    assert target.read_text() == "the old summary"


def test_full_disk_through_the_cli(tmp_path: Path) -> None:
    """The real program on a (simulated) full disk: one line, exit 1, no file."""
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(
        textwrap.dedent("""
        import errno, os
        def _full(fd):
            raise OSError(errno.ENOSPC, "No space left on device")
        os.fsync = _full
    """)
    )
    out = tmp_path / "out"
    out.mkdir()
    env = {**os.environ, "PYTHONPATH": str(hook)}
    res = subprocess.run(
        [str(BIN / "hipcheck"), *CHECK, "-o", str(out / "s.txt")],
        capture_output=True,
        text=True,
        env=env,
        timeout=30,
    )
    assert res.returncode == 1
    assert res.stderr.strip().endswith("the disk is full; nothing was written")
    assert "Traceback" not in res.stderr and list(out.iterdir()) == []


NO_NETWORK = """
import socket
def _refuse(*a, **k):
    raise RuntimeError("hipcheck tried to use the network")
socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.create_connection = _refuse
socket.getaddrinfo = _refuse
"""


@pytest.mark.parametrize(
    "args",
    [[*CHECK, "--format", "json"], CHECK, ["questions"], ["conditions"], ["explain", "itbs"],
     ["validate"], ["--version"]],
)  # fmt: skip
def test_never_opens_a_network_connection(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "sitecustomize.py").write_text(NO_NETWORK)
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    res = subprocess.run(
        [str(BIN / "hipcheck"), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=30,
        cwd=tmp_path,
    )
    assert res.returncode == 0, res.stderr
    assert "network" not in res.stderr


def test_scripted_json_check_imports_no_prompt_or_rich_layout() -> None:
    code = textwrap.dedent("""
        import sys
        from hipcheck.cli import main
        try:
            main(["check", "--location", "groin", "--format", "json"])
        except SystemExit:
            pass
        heavy = [m for m in ("questionary", "prompt_toolkit", "rich.console", "rich.table")
                 if m in sys.modules]
        print("HEAVY", heavy, file=sys.stderr)
    """)
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)
    assert "HEAVY []" in res.stderr, res.stderr


def test_package_import_is_light() -> None:
    code = (
        "import sys, hipcheck; print(sorted(m for m in sys.modules"
        " if m.startswith(('typer', 'rich', 'questionary', 'msgspec'))))"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)
    assert res.stdout.strip() == "[]"
