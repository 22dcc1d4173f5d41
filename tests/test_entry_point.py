"""The installed `hipcheck` command, run as a separate process: the entry
point, `python -m`, and the wheel. What the command does is tested in
process (test_cli.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from .conftest import BIN, ROOT
from .helpers import hipcheck

HIPCHECK = BIN / "hipcheck"


#: Every test here is about the installed program itself.
pytestmark = pytest.mark.needs_process


def test_installed_command_exists() -> None:
    assert HIPCHECK.exists(), "install the package first (pip install -e '.[test]')"


def test_version_and_json_check() -> None:
    assert hipcheck("--version").out.startswith("hipcheck ")
    res = hipcheck(
        "check", "--location", "groin", "--triggers", "squeezing-knees", "--format", "json"
    )
    assert res.exit == 0, res.err
    assert res.json["conditions"][0]["id"] == "adductor_strain"


def test_piped_input_errors_at_once_instead_of_hanging() -> None:
    """The real standard input (a pipe) is seen as not a terminal."""
    res = hipcheck(stdin="\n", timeout=20)
    assert res.exit == 2
    assert "standard input is not a terminal" in res.err and "--answers" in res.err
    assert "Traceback" not in res.err


def test_python_dash_m() -> None:
    res = subprocess.run(
        [sys.executable, "-m", "hipcheck", "--version"], capture_output=True, text=True
    )
    assert res.returncode == 0 and res.stdout.startswith("hipcheck ")


@pytest.mark.slow  # builds and installs a wheel
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
        # pure Python: the compiled wheel has its own tests (tests/test_compiled.py)
        env={**os.environ, "HIPCHECK_COMPILE": "0"},
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
