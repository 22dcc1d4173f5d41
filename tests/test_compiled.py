"""The wheel's compiled modules (hatch_build.py) give what the source gives.

The other tests run the source (an editable install is pure Python); these
build the wheel as `pip install .` does, with its modules compiled by mypyc,
and run the same answers through both: batch JSON Lines over every case file
and random answer sets, and `evaluate` with the interview. A compiled module
that behaved differently (a dropped `frozen`, a type check that fires, a
mypyc bug) would show here as a difference or an error.
"""

from __future__ import annotations

import ast
import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.answer_sets import random_answers

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # hatch_build.py, at the top of the checkout
import hatch_build  # noqa: E402

CASES = sorted((ROOT / "tests" / "cases").glob("*.json"))


def _pip(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pip", "--disable-pip-version-check", *args],
        capture_output=True,
        text=True,
        timeout=900,
        env=env,
        check=False,
    )


def _wheel(tmp: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """`pip wheel` of the checkout into tmp/dist, with `env` added."""
    return _pip(
        "wheel", "--no-deps", "--no-build-isolation", "-w", str(tmp / "dist"), str(ROOT),
        env={**os.environ, **env},
    )  # fmt: skip


def _build(tmp: Path, **env: str) -> Path:
    """The wheel `pip` builds from the checkout, with `env` added."""
    done = _wheel(tmp, **env)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return next((tmp / "dist").glob("hipcheck-*.whl"))


@pytest.fixture(scope="module")
def compiled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("hatchling")
    pytest.importorskip("mypyc")
    tmp = tmp_path_factory.mktemp("compiled")
    wheel = _build(tmp, HIPCHECK_COMPILE="1")
    assert "-cp3" in wheel.name and "-none-any" not in wheel.name, wheel.name
    site = tmp / "site"
    done = _pip("install", "--no-deps", "--no-index", "--target", str(site), str(wheel))
    assert done.returncode == 0, done.stderr
    return site


def _run(site: Path | None, *args: str, stdin: bytes = b"") -> bytes:
    """`python -m hipcheck ARGS`: the wheel in `site` first on the path, or
    (None) the checkout's source."""
    path = str(site) if site is not None else str(ROOT)
    env = {**os.environ, "PYTHONPATH": path, "PYTHONSAFEPATH": "1", "HIPCHECK_CACHE": ""}
    done = subprocess.run(
        [sys.executable, "-m", "hipcheck", *args],
        input=stdin,
        capture_output=True,
        timeout=600,
        env=env,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr.decode()[-2000:]
    assert b"Traceback" not in done.stderr, done.stderr.decode()[-2000:]
    return done.stdout


_CREATED = re.compile(rb'"created":"[^"]*",')


@pytest.mark.slow
@pytest.mark.needs_process
def test_the_wheel_holds_every_listed_module_compiled(compiled_site: Path) -> None:
    code = (
        "import importlib, sys; print(*(importlib.import_module(m).__file__ for m in sys.argv[1:]))"
    )
    modules = [m.removesuffix(".py").replace("/", ".") for m in hatch_build.COMPILED]
    env = {**os.environ, "PYTHONPATH": str(compiled_site), "PYTHONSAFEPATH": "1"}
    done = subprocess.run(
        [sys.executable, "-c", code, *modules], capture_output=True, text=True, env=env, check=True
    )
    files = done.stdout.split()
    assert len(files) == len(modules)
    assert all(f.startswith(str(compiled_site)) and f.endswith(".so") for f in files), files
    assert (compiled_site / "hipcheck" / "core" / "plan.py").is_file()  # the source ships too


@pytest.mark.slow
@pytest.mark.needs_process
def test_batch_gives_the_same_bytes_compiled_and_from_source(
    compiled_site: Path, tmp_path: Path
) -> None:
    """Every case file's answers and 3,000 random answer sets (every question
    answered or not, any value), as JSON Lines and CSV."""
    from hipcheck.knowledge import load

    kb = load()
    rnd = random.Random(7)
    rows: list[dict[str, object]] = []
    for f in CASES:
        raw = json.loads(f.read_text(encoding="utf-8"))
        rows += [c["answers"] for c in (raw["cases"] if isinstance(raw, dict) else raw)]
    rows += [random_answers(kb, rnd, yes_rate=0.1, max_ticks=4) for _ in range(3000)]
    data = tmp_path / "runners.jsonl"
    data.write_text("".join(json.dumps({"id": i, **r}) + "\n" for i, r in enumerate(rows)))
    for fmt in ("jsonl", "csv"):
        mine = _run(compiled_site, "batch", str(data), "--format", fmt)
        source = _run(None, "batch", str(data), "--format", fmt)
        assert mine.count(b"\n") >= len(rows)
        assert _CREATED.sub(b"", mine) == _CREATED.sub(b"", source), fmt


@pytest.mark.slow
@pytest.mark.needs_process
@pytest.mark.parametrize("case_file", ["case_reports_v3_f.json", "written_v3_x.json"])
def test_evaluate_with_the_interview_is_the_same_compiled_and_from_source(
    compiled_site: Path, case_file: str
) -> None:
    path = str(ROOT / "tests" / "cases" / case_file)
    args = ("evaluate", path, "--interview", "--format", "json")
    assert _run(compiled_site, *args) == _run(None, *args)


def test_no_compiled_module_defines_a_struct_or_a_dataclass() -> None:
    """mypyc drops a class's keywords: a msgspec struct compiled loses
    `frozen` (and its hash), a dataclass its options. Such classes live in
    plain modules (hatch_build.py)."""
    for rel in hatch_build.COMPILED:
        tree = ast.parse((ROOT / rel).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.ClassDef):
                continue
            bases = {ast.unparse(b) for b in node.bases}
            decorators = {ast.unparse(d).split("(")[0] for d in node.decorator_list}
            assert not bases & {"msgspec.Struct", "Struct"}, f"{rel}: {node.name}"
            assert not decorators & {"dataclass", "dataclasses.dataclass"}, f"{rel}: {node.name}"


@pytest.mark.slow
@pytest.mark.needs_process
def test_a_wheel_that_cannot_compile_is_built_pure_or_refused(tmp_path: Path) -> None:
    """No C compiler (CC=false): pure Python with a warning; with
    HIPCHECK_COMPILE=1 the build fails."""
    pytest.importorskip("hatchling")
    pytest.importorskip("mypyc")
    wheel = _build(tmp_path / "a", CC="false")
    assert wheel.name.endswith("-py3-none-any.whl"), wheel.name
    refused = _wheel(tmp_path / "b", CC="false", HIPCHECK_COMPILE="1")
    assert refused.returncode != 0
    assert "mypyc failed" in refused.stdout + refused.stderr
    assert not list((tmp_path / "b").rglob("*.whl"))
