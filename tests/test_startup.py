"""Start-up (issue 18 item 8): what a short command does not need, it does
not pay for; bench/bench.py measures the result, these keep its parts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import msgspec
import pytest
import typer

from hipcheck.cli import parse as cli
from hipcheck.cli.parse import tidy_help
from hipcheck.knowledge import evidence, interview_rules, model, ranking, return_to_run, rules


def _python(code: str, env: dict[str, str] | None = None) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def _described(command: Any) -> list[object]:
    return [
        command.name,
        command.help,
        command.short_help,
        command.epilog,
        [(p.name, p.opts, p.secondary_opts, getattr(p, "help", None)) for p in command.params],
        sorted(getattr(command, "commands", {})),
    ]


def test_the_commands_are_built_on_first_use_as_typer_builds_them() -> None:
    assert isinstance(cli._command().commands, cli.LazyCommands)
    lazy = cli.LazyCommands(cli._makers())  # fresh: a command may add options when run
    eager = typer.main.get_command(cli.app)
    tidy_help(eager)
    assert list(lazy) == list(eager.commands)  # the order of `--help`
    for name, command in eager.commands.items():
        assert _described(lazy[name]) == _described(command), name


@pytest.mark.needs_process  # a fresh interpreter
def test_a_command_builds_only_itself() -> None:
    code = (
        "import io, contextlib\n"
        "from hipcheck import cli\n"
        "from hipcheck.cli import parse\n"
        "try:\n"
        "    with contextlib.redirect_stdout(io.StringIO()):\n"
        "        cli.main(['check', '--location', 'outer-hip', '--format', 'json'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(*sorted(parse._command().commands._built))\n"
    )
    assert _python(code) == ["check"]


def test_the_knowledge_structures_have_their_types_at_hand() -> None:
    """msgspec reads the field types of the knowledge file's structures on
    every start (to decode a verified file from the cache); written as
    strings (`from __future__ import annotations`) they cost 3 ms to compile."""
    for module in (model, rules, ranking, return_to_run, interview_rules, evidence):
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, msgspec.Struct):
                if value.__module__ != module.__name__:
                    continue
                strings = [k for k, a in value.__annotations__.items() if isinstance(a, str)]
                assert not strings, (value.__qualname__, strings)


@pytest.mark.needs_process  # the collector of a fresh interpreter
def test_start_up_pauses_the_collector_and_the_program_freezes_it(tmp_path: Path) -> None:
    """cli/startup.py: no collection while the command line is imported and
    the knowledge file loaded; then, in the program, what exists is frozen and
    collection resumes (a batch's records are collected as usual)."""
    code = (
        "import gc, io, sys, contextlib\n"
        "from hipcheck.cli import main\n"
        "print(gc.isenabled())\n"
        "try:\n"
        "    with contextlib.redirect_stdout(io.StringIO()):\n"
        "        main(['check', '--location', 'outer-hip', '--format', 'json'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(gc.isenabled(), gc.get_freeze_count() > 10000)\n"
    )
    env = {"HIPCHECK_CACHE": str(tmp_path)}
    for _ in range(2):  # checked in full, then from the cache
        assert _python(code, env) == ["False", "True", "True"]
    version = code.replace("'check', '--location', 'outer-hip', '--format', 'json'", "'-V'")
    assert _python(version, env) == ["False", "True", "True"]


def test_in_process_runs_keep_the_collector_and_freeze_nothing() -> None:
    import gc

    from .helpers import run

    frozen = gc.get_freeze_count()
    assert run("check", "--location", "outer-hip", "--format", "json").exit == 0
    assert gc.isenabled() and gc.get_freeze_count() == frozen
