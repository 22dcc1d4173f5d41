"""The installed `hipcheck` command, run as a separate process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from .conftest import BIN, ROOT

HIPCHECK = BIN / "hipcheck"


def run(
    *args: str, stdin: str | None = "", env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(HIPCHECK), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
        cwd=cwd,
    )


def test_installed_command_exists() -> None:
    assert HIPCHECK.exists(), "install the package first (pip install -e '.[test]')"


def test_version_and_json_check() -> None:
    assert run("--version").stdout.startswith("hipcheck ")
    res = run("check", "--location", "groin", "--triggers", "squeezing-knees", "--format", "json")
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["conditions"][0]["id"] == "adductor_strain"


def test_python_dash_m() -> None:
    res = subprocess.run(
        [sys.executable, "-m", "hipcheck", "--version"], capture_output=True, text=True
    )
    assert res.returncode == 0 and res.stdout.startswith("hipcheck ")


def test_piped_input_errors_at_once_instead_of_hanging() -> None:
    res = run(stdin="\n")
    assert res.returncode == 2
    assert "standard input is not a terminal" in res.stderr and "--answers" in res.stderr
    assert "Traceback" not in res.stderr


def test_bad_value_one_line_no_traceback() -> None:
    res = run("check", "--location", "outer-hipp")
    assert res.returncode == 2
    assert res.stderr.strip().count("\n") == 0
    assert "'outer-hipp' is not allowed; allowed: outer_hip" in res.stderr


def test_text_export_has_no_escape_codes(tmp_path: Path) -> None:
    res = run(
        "check",
        "--location",
        "outer-hip",
        "--severity",
        "4",
        "--output",
        "summary.txt",
        "--format",
        "text",
        cwd=tmp_path,
        env={"FORCE_COLOR": "1"},
    )
    assert res.returncode == 0, res.stderr
    text = (tmp_path / "summary.txt").read_text()
    assert "\x1b" not in text and "TRIAGE:" in text


def test_wheel_ships_the_knowledge_file(tmp_path: Path) -> None:
    """A non-editable install (the wheel) runs with its packaged knowledge file."""
    pytest.importorskip("hatchling")
    dist = tmp_path / "dist"
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(dist),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stderr
    wheel = next(dist.glob("hipcheck-*.whl"))
    target = tmp_path / "site"
    inst = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--no-index",
            "--target",
            str(target),
            str(wheel),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert inst.returncode == 0, inst.stderr
    assert (target / "hipcheck" / "data" / "conditions.toml").is_file()
    deps = sysconfig.get_paths()["purelib"]
    res = subprocess.run(
        [
            sys.executable,
            "-c",
            "import hipcheck.knowledge as k; print(k.default_path()); k.load()",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": f"{target}{os.pathsep}{deps}", "PYTHONSAFEPATH": "1"},
    )
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == str(target / "hipcheck" / "data" / "conditions.toml")
