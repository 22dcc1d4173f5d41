"""Output that survives real terminals and disks; no network; lean imports."""

from __future__ import annotations

import errno
import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pexpect
import pytest

from hipcheck.errors import OutputError
from hipcheck.store.atomic import write_atomic

from .answer_sets import GLUTEAL_FLAGS
from .helpers import ANSI, BIN, run

CHECK = ["check", *GLUTEAL_FLAGS]


ODD_TERMINALS = [
    {"COLUMNS": "40"},
    {"TERM": "dumb"},
    {"NO_COLOR": "1"},
    {"LANG": "C", "LC_ALL": "C"},
    {"PYTHONIOENCODING": "ascii", "LANG": "C", "LC_ALL": "C"},
]
COLOURS = ("\x1b[31m", "\x1b[32m", "\x1b[33m", "\x1b[36m")


@pytest.mark.parametrize("env", ODD_TERMINALS)
def test_rich_summary_in_odd_terminals(env: dict[str, str], tmp_path: Path) -> None:
    """The summary drawn on a screen (standard output a terminal) for each odd setting."""
    environ: dict[str, str | None] = {"TERM": "xterm-256color", "COLUMNS": "80", "NO_COLOR": None}
    encoding = "ascii" if env.get("PYTHONIOENCODING") == "ascii" else "utf-8"
    res = run(*CHECK, env={**environ, **env}, cwd=tmp_path, stdout_tty=True, encoding=encoding)
    assert res.exit == 0, res.err
    text = ANSI.sub("", res.out)
    assert "ROUTINE" in text and "Gluteal" in text and "not a diagnosis" in text
    width = int(env.get("COLUMNS", "80"))
    assert max(len(line) for line in text.splitlines()) <= width
    coloured = any(c in res.out for c in COLOURS)
    assert coloured == (not env.get("NO_COLOR") and env.get("TERM") != "dumb")
    res.out_bytes.decode(encoding)  # nothing outside the encoding was written


@pytest.mark.needs_process  # a real pseudo-terminal: the smoke test for the one above
def test_rich_summary_in_a_narrow_pseudo_terminal(tmp_path: Path) -> None:
    environ = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "40"}
    environ.pop("NO_COLOR", None)
    child = pexpect.spawn(
        str(BIN / "hipcheck"),
        CHECK,
        env=environ,
        cwd=str(tmp_path),
        dimensions=(50, 40),
        timeout=20,
    )
    child.expect(pexpect.EOF)
    child.close()
    raw: bytes = child.before or b""
    assert child.exitstatus == 0, raw[-500:]
    text = ANSI.sub("", raw.decode("utf-8", "replace"))
    assert "ROUTINE" in text and "Gluteal" in text and "not a diagnosis" in text
    assert max(len(line) for line in text.splitlines()) <= 40
    assert any(c in raw.decode("utf-8", "replace") for c in COLOURS)


def test_plain_text_to_an_ascii_pipe() -> None:
    res = run(*CHECK, env={"PYTHONIOENCODING": "ascii", "LC_ALL": "C"}, encoding="ascii")
    assert res.exit == 0, res.err
    res.out_bytes.decode("ascii")


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


def test_full_disk_through_the_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The program on a (simulated) full disk: one line, exit 1, no file."""

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    out = tmp_path / "out"
    out.mkdir()
    res = run(*CHECK, "-o", str(out / "s.txt"))
    assert res.exit == 1
    assert res.err.strip().endswith("the disk is full; nothing was written")
    assert "Traceback" not in res.err and list(out.iterdir()) == []


@pytest.mark.parametrize(
    "args",
    [[*CHECK, "--format", "json"], CHECK, ["questions"], ["conditions"], ["explain", "itbs"],
     ["validate"], ["--version"]],
)  # fmt: skip
def test_never_opens_a_network_connection(
    tmp_path: Path, args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    tried: list[str] = []

    def refuse(name: str) -> Any:
        def refused(*a: Any, **k: Any) -> Any:
            tried.append(name)
            raise RuntimeError("hipcheck tried to use the network")

        return refused

    for owner, name in [(socket.socket, "connect"), (socket.socket, "connect_ex"),
                        (socket, "create_connection"), (socket, "getaddrinfo")]:  # fmt: skip
        monkeypatch.setattr(owner, name, refuse(name))
    res = run(*args, cwd=tmp_path)
    assert res.exit == 0, res.err
    assert tried == [] and "network" not in res.err


@pytest.mark.needs_process  # what a fresh interpreter imports
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


@pytest.mark.needs_process  # what a fresh interpreter imports
def test_package_import_is_light() -> None:
    code = (
        "import sys, hipcheck; print(sorted(m for m in sys.modules"
        " if m.startswith(('typer', 'rich', 'questionary', 'msgspec'))))"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)
    assert res.stdout.strip() == "[]"
