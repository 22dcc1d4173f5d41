from __future__ import annotations

import copy
import dataclasses
import os
import sys
import tempfile
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from hipcheck import knowledge
from hipcheck.cli import main
from hipcheck.terminal import Terminal

# No test may touch the real user data folder: every process started by the
# tests inherits this private, throw-away HIPCHECK_HOME.
os.environ["HIPCHECK_HOME"] = tempfile.mkdtemp(prefix="hipcheck-test-home-")

ROOT = Path(__file__).resolve().parents[1]
KB_PATH = ROOT / "data" / "conditions.toml"
BIN = Path(sys.executable).parent


@dataclass
class Result:
    code: int
    out: str
    err: str


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
def run(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """Run the CLI in-process through its real entry point (main)."""

    def _run(*argv: str, tty: bool = False) -> Result:
        term = dataclasses.replace(Terminal.from_process(), stdin_tty=tty)
        try:
            main(list(argv), term)
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
        else:  # pragma: no cover - main always exits
            code = 0
        cap = capsys.readouterr()
        return Result(code, cap.out, cap.err)

    return _run
