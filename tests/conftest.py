from __future__ import annotations

import copy
import os
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from hipcheck import knowledge
from hipcheck.cli import startup

from . import helpers
from .helpers import BIN, Result

# Importing the command line pauses the garbage collector until a command has
# loaded its knowledge file (cli/startup.py); the tests want it on throughout.
startup.over()

# Keep compiled modules (and pytest's assertion-rewritten test modules) in
# __pycache__ even where PYTHONDONTWRITEBYTECODE is set: rewriting and
# compiling everything again took about 8 of the inner loop's seconds on
# every run. The caches are ignored by git and by the wheel.
sys.dont_write_bytecode = False

# No test may touch the real user data folder: every process started by the
# tests inherits this private, throw-away HIPCHECK_HOME.
os.environ["HIPCHECK_HOME"] = tempfile.mkdtemp(prefix="hipcheck-test-home-")
# Nor the user's cache folder: verified knowledge files are kept in a throw-away one.
os.environ["HIPCHECK_CACHE"] = tempfile.mkdtemp(prefix="hipcheck-test-cache-")

__all__ = ["BIN", "KB_PATH", "ROOT", "Result"]


def pytest_configure(config: pytest.Config) -> None:
    """The inner loop (`-m "not slow"`) runs the property tests on fewer
    examples (helpers.examples); the full run, as CI runs it, on all."""
    helpers.QUICK = "not slow" in (config.option.markexpr or "")


ROOT = Path(__file__).resolve().parents[1]
KB_PATH = ROOT / "data" / "conditions.toml"


@pytest.fixture(scope="session")
def kb() -> knowledge.KnowledgeBase:
    return knowledge.load(KB_PATH)


@pytest.fixture(scope="session")
def kb_raw() -> dict[str, Any]:
    return tomllib.loads(KB_PATH.read_text(encoding="utf-8"))


@pytest.fixture
def raw(kb_raw: dict[str, Any]) -> dict[str, Any]:
    """A fresh, mutable copy of the knowledge file's data."""
    return copy.deepcopy(kb_raw)


@pytest.fixture
def run() -> Callable[..., Result]:
    """The in-process runner (`helpers.run`), for tests that take it as a fixture."""
    return helpers.run


@pytest.fixture(autouse=True)
def _processes_only_where_marked(request: pytest.FixtureRequest, monkeypatch: Any) -> None:
    """A test that starts a process must say so (`needs_process`): the inner
    loop stays fast only while everything else runs in process."""
    if request.node.get_closest_marker("needs_process") is not None:
        return

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(
            "this test starts a process: run hipcheck with tests/helpers.run() "
            "(in process), or mark the test needs_process if it needs a real one"
        )

    monkeypatch.setattr(subprocess.Popen, "__init__", refuse)
    for name in ("fork", "forkpty", "posix_spawn", "posix_spawnp"):
        if hasattr(os, name):
            monkeypatch.setattr(os, name, refuse)
