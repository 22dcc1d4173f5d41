"""Build hook: compile the assessment's hot modules with mypyc.

A wheel (`pip install .`, `python -m build`) carries, beside every source
file, C extensions of the modules below, compiled by mypyc (mypy's compiler,
which the test dependencies already bring): the same code, type-checked by
`mypy --strict`, run without the interpreter's per-operation overhead. `hipcheck
batch` assesses about 1.45 times as many runners a second (README, Development).

- An editable install (`pip install -e .`) stays pure Python, so that an
  edited source runs at once and the tests can patch it; the wheel's
  compiled modules are checked against it (`tests/test_compiled.py`, CI).
- Compiling happens in a copy of the package in a temporary folder: nothing
  is written into the checkout, so a later editable install never finds a
  stale extension beside its sources.
- Where compiling fails (no C compiler, a mypyc that cannot take the code),
  the wheel is built pure Python with a warning: the same results, slower.
  HIPCHECK_COMPILE=0 builds pure Python; HIPCHECK_COMPILE=1 makes a failure
  to compile an error (CI and the compiled tests use it).
- Only modules that define no msgspec struct or dataclass are compiled:
  mypyc drops a class's keywords (`frozen=True`), so those live in plain
  modules (core/triage_result.py, core/scores.py, core/plan_result.py,
  core/ladder_result.py, core/assessment_result.py, knowledge/match.py). The
  modules that read what a user or a file gives (answers, the history, the
  knowledge file, activity files) stay pure Python: there an unexpected
  type is reported in words, never met by a compiled type check.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

#: The modules compiled, by path: the ranking, the triage and the plan, and
#: the batch's lines (hipcheck batch spends nearly all its time here).
COMPILED = (
    "hipcheck/kept.py",
    "hipcheck/knowledge/when.py",
    "hipcheck/core/assessment.py",
    "hipcheck/core/batch_assess.py",
    "hipcheck/core/batch_rank.py",
    "hipcheck/core/bone_stop.py",
    "hipcheck/core/net_exceptions.py",
    "hipcheck/core/plan.py",
    "hipcheck/core/plan_lines.py",
    "hipcheck/core/prior_cells.py",
    "hipcheck/core/return_to_run.py",
    "hipcheck/core/scoring.py",
    "hipcheck/core/scoring_parts.py",
    "hipcheck/core/triage.py",
    "hipcheck/render/batch_lines.py",
    "hipcheck/render/json_render.py",
)

_SETUP = """\
from setuptools import setup
from mypyc.build import mypycify

setup(
    name="hipcheck-compiled",
    ext_modules=mypycify({args!r}, group_name="hipcheck", opt_level="3"),
    script_args=["build_ext", "--inplace"],
)
"""


class CompileHook(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        self._folder: str | None = None
        mode = os.environ.get("HIPCHECK_COMPILE", "")
        if self.target_name != "wheel" or version != "standard" or mode == "0":
            return
        folder = self._folder = tempfile.mkdtemp(prefix="hipcheck-compile-")
        try:
            built = compile_modules(Path(self.root), Path(folder))
        except (OSError, subprocess.SubprocessError, CompileError) as e:
            if mode == "1":
                raise
            self.app.display_warning(f"hipcheck: not compiled, building pure Python ({e})")
            return
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        for path in built:
            build_data["force_include"][str(path)] = path.relative_to(folder).as_posix()

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        if self._folder is not None:  # set by initialize, which hatchling calls first
            shutil.rmtree(self._folder, ignore_errors=True)


class CompileError(Exception):
    pass


def compile_modules(root: Path, folder: Path) -> list[Path]:
    """Compile COMPILED in a copy of the package under `folder`; the
    extensions made (paths under `folder`)."""
    shutil.copytree(
        root / "hipcheck",
        folder / "hipcheck",
        ignore=shutil.ignore_patterns("__pycache__", *(f"*{s}" for s in EXTENSION_SUFFIXES)),
    )
    # Third-party packages the modules import need not be in the build
    # environment: their types are then Any, which costs only the calls to them.
    args = ["--ignore-missing-imports", *COMPILED]
    (folder / "setup_compiled.py").write_text(_SETUP.format(args=args), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "setup_compiled.py"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    if done.returncode != 0:
        tail = (done.stdout + done.stderr).strip().splitlines()[-12:]
        raise CompileError("mypyc failed: " + " | ".join(tail))
    suffix = EXTENSION_SUFFIXES[0]
    made = folder.rglob(f"*{suffix}")
    built = sorted(p for p in made if "build" not in p.relative_to(folder).parts)
    expected = {folder / m.replace(".py", suffix) for m in COMPILED}
    if not expected <= set(built):
        raise CompileError(f"mypyc made {len(built)} extensions, not the {len(expected)} expected")
    return built
