"""The command line behaves as people expect: values complete in the shell,
global options after the command, `-o -`, `.pdf`, one set of format names,
errors in the tool's own words, `-V`/`version`/`help`, help that wraps."""

from __future__ import annotations

import ast
import itertools
import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from hipcheck.cli.parse import hoist_globals

from .helpers import run

CLI = Path(__file__).resolve().parents[1] / "hipcheck" / "cli"


def complete(shell: str, words: str) -> list[str]:
    """What the shell's completion asks hipcheck for, as the installed
    completion script does (`hipcheck --install-completion`)."""
    env: dict[str, str | None] = {"_HIPCHECK_COMPLETE": f"complete_{shell}"}
    if shell == "bash":
        env |= {"COMP_WORDS": words, "COMP_CWORD": str(len(words.split(" ")) - 1)}
    else:
        env |= {"_TYPER_COMPLETE_ARGS": words, "_TYPER_COMPLETE_FISH_ACTION": "get-args"}
    res = run(env=env)
    assert res.exit == 0, res.err
    return res.out.split()


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_option_values_and_condition_ids_complete(shell: str) -> None:
    assert "outer-hip" in " ".join(complete(shell, "hipcheck check --location ou"))
    assert "groin,outer-hip" in " ".join(complete(shell, "hipcheck check --location groin,ou"))
    assert "gradual" in " ".join(complete(shell, "hipcheck plan --onset gr"))
    assert "markdown" in " ".join(complete(shell, "hipcheck check --format ma"))
    assert "gluteal_tendinopathy" in " ".join(complete(shell, "hipcheck explain glu"))
    assert "mi" in " ".join(complete(shell, "hipcheck load --units m"))


def test_help_lists_each_tick_list_flags_values() -> None:
    out = " ".join(run("check", "--help", env={"COLUMNS": "200"}).out.split())
    assert "Where it hurts. outer-hip, front-hip, groin" in out
    assert "When it hurts. during-run" in out
    plan = " ".join(run("plan", "--help", env={"COLUMNS": "200"}).out.split())
    assert "--location" in plan and "outer-hip" in plan and "--fever" in plan


def test_check_and_plan_share_one_declaration_of_the_question_flags() -> None:
    a = run("check", "--location", "outer-hip", "--severity", "3", "--format", "json").json
    b = run("plan", "--location", "outer-hip", "--severity", "3", "--format", "json")
    assert b.exit == 0, b.err
    assert a["answers"]["location"] == ["outer_hip"]


def test_no_function_in_the_cli_is_over_60_lines() -> None:
    long = []
    for path in CLI.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                n = (node.end_lineno or node.lineno) - node.lineno + 1
                if n > 60:
                    long.append(f"{path.name}:{node.name} ({n} lines)")
    assert long == []


def test_global_options_are_accepted_after_the_command(tmp_path: Path) -> None:
    home = tmp_path / "home"
    res = run("check", "--location", "outer-hip", "--save", "--data-dir", str(home))
    assert res.exit == 0, res.err
    listed = run("history", "--data-dir", str(home))
    assert listed.exit == 0 and "Your check-ins" in listed.out
    assert run("history", f"--data-dir={home}", "--format", "json").json["checkins"][0]["id"] == 1
    assert hoist_globals(["check", "-d", "x=1", "--", "--kb", "f"])[-2:] == ["--kb", "f"]


def test_dash_output_is_standard_output(tmp_path: Path) -> None:
    res = run("check", "--location", "groin", "-o", "-", "--format", "json", cwd=tmp_path)
    assert res.exit == 0 and res.json["answers"]["location"] == ["groin"]
    assert list(tmp_path.iterdir()) == []
    home = tmp_path / "home"
    run("--data-dir", str(home), "check", "--location", "groin", "--save")
    for argv in (("history", "-o", "-", "--format", "csv"), ("report", "-o", "-")):
        res = run("--data-dir", str(home), *argv, cwd=tmp_path)
        assert res.exit == 0 and res.out, argv
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home"]


def fake_browser(folder: Path) -> Path:
    """A stand-in for headless Chromium: writes a tiny PDF where it is told."""
    script = folder / "chromium"
    script.write_text(
        "#!/bin/sh\n"
        'for a in "$@"; do case "$a" in --print-to-pdf=*) '
        'printf "%%PDF-1.4 fake" > "${a#--print-to-pdf=}";; esac; done\n'
    )
    script.chmod(0o755)
    return folder


@pytest.mark.needs_process  # hipcheck runs a (stand-in) browser to print the PDF
def test_pdf_is_a_real_pdf_or_a_clear_refusal(tmp_path: Path) -> None:
    empty = tmp_path / "bin-empty"
    empty.mkdir()
    res = run("check", "--location", "groin", "-o", "visit.pdf", cwd=tmp_path,
              env={"PATH": str(empty)})  # fmt: skip
    assert res.exit == 2 and "visit.html" in res.err and "browser" in res.err
    assert not (tmp_path / "visit.pdf").exists()
    path = fake_browser(tmp_path)
    res = run("check", "--location", "groin", "-o", "visit.pdf", cwd=tmp_path,
              env={"PATH": str(path)})  # fmt: skip
    assert res.exit == 0, res.err
    pdf = tmp_path / "visit.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert "saved the PDF summary to" in res.err  # not "the html summary"
    assert stat.S_IMODE(pdf.stat().st_mode) == 0o600
    bad = run("check", "--location", "groin", "-o", "x.pdf", "--format", "text", cwd=tmp_path)
    assert bad.exit == 2 and "a .pdf file holds the clinician page" in bad.err
    assert run("plan", "--location", "groin", "-o", "p.pdf", cwd=tmp_path).exit == 2


@pytest.mark.slow
@pytest.mark.needs_process  # a real browser
@pytest.mark.skipif(
    not any(
        os.access(os.path.join(d, b), os.X_OK)
        for d in os.environ.get("PATH", "").split(os.pathsep)
        for b in ("chromium", "chromium-browser", "google-chrome")
    ),
    reason="no headless Chromium installed",
)
def test_report_pdf_with_a_real_browser(tmp_path: Path) -> None:
    home = tmp_path / "home"
    run("--data-dir", str(home), "check", "--location", "outer-hip", "--save")
    res = run("--data-dir", str(home), "report", "-o", "visit.pdf", cwd=tmp_path, timeout=120)
    assert res.exit == 0, res.err
    assert (tmp_path / "visit.pdf").read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (("check", "--top", "0", "--location", "groin"), "--top: 0 is out of range; allowed 1"),
        (("check", "--top", "abc"), "--top: 'abc' is not a whole number"),
        (("history", "show", "abc"), "history show: 'abc' is not a whole number"),
        (("check", "--injury", "yes"), "--injury takes no value: write --injury for yes"),
        # --injury=yes said Click's "does not take a value" (stop 41's review)
        (("check", "--injury=yes"), "--injury takes no value: write --injury for yes"),
        (("check", "--no-limp=no"), "--limp takes no value: write --limp for yes"),
        (("explain", "gluteal"), "did you mean gluteal_tendinopathy"),
        (("explain", "glutael_tendinopathy"), "did you mean gluteal_tendinopathy"),
        (("load", "--weeks", "99", "x.gpx"), "--weeks: 99 is out of range; allowed 1 to 52"),
        (("help", "nope"), "'nope' is not a command"),
    ],
)  # fmt: skip
def test_errors_are_in_the_tools_own_words(argv: tuple[str, ...], words: str) -> None:
    res = run(*argv)
    assert res.exit == 2 and words in res.err, res.err
    assert "is not a valid" not in res.err and "<=x<=" not in res.err
    assert len(res.err.strip().splitlines()) == 1


def test_version_and_help_as_people_type_them() -> None:
    for argv in (("-V",), ("--version",), ("version",)):
        res = run(*argv)
        assert res.exit == 0 and res.out.startswith("hipcheck "), argv
    res = run("help")
    assert res.exit == 0 and "check" in res.out and "history" in res.out
    res = run("help", "history", "show")
    assert res.exit == 0 and "Show one check-in" in res.out


def test_one_set_of_format_names() -> None:
    assert run("plan", "--location", "groin", "--format", "rich").exit == 0
    assert run("history", "--format", "text").exit == 0
    # `history show 1 -f markdown` gave text, `history -f markdown` was
    # refused (a new user's review, stop 41): the list's nearest is its table
    assert run("history", "--format", "markdown").exit == 0
    assert run("history", "--format", "md").exit == 0  # as check and report take it
    # a name with no near format is refused, saying what the command writes
    res = run("plan", "--location", "groin", "--format", "html")
    assert res.exit == 2 and "allowed" in res.err
    res = run("plan", "--location", "groin", "--format", "nonsense")
    assert res.exit == 2 and "allowed" in res.err


def test_history_keep_alone_says_the_setting(tmp_path: Path) -> None:
    res = run("--data-dir", str(tmp_path), "history", "keep")
    assert res.exit == 0 and "not kept" in res.out
    run("--data-dir", str(tmp_path), "history", "keep", "yes")
    assert "are kept" in run("--data-dir", str(tmp_path), "history", "keep").out


def test_help_wraps_cleanly() -> None:
    load = " ".join(run("load", "--help", env={"COLUMNS": "80"}).out.split())
    assert "mileage jump over the 14 days before today (or --as-of), by the limits" in load
    top = run("--help", env={"COLUMNS": "80"}).out
    batch = next(line for line in top.splitlines() if "│ batch" in line)
    assert batch.rstrip("│ ").endswith(("(or CSV", "CSV", "or")) or "in," not in batch
    check = run("check", "--help", env={"COLUMNS": "80"}).out
    assert "hipcheck check --location outer-hip --duration 1-to-6-weeks" in check
    assert "<=x<=" not in check


def test_explain_wraps_under_its_items() -> None:
    out = run("explain", "piriformis_syndrome", env={"COLUMNS": "80"}).out
    lines = out.splitlines()
    for before, line in itertools.pairwise(lines):
        if before.startswith((" - ", "    1. ", "    2. ")) and line and not line[0].isspace():
            assert line.startswith(("Exercises", "Prevention", "When", "Sources", "Pain rule")), (
                before,
                line,
            )
    assert json.dumps(out)  # plain text


def _commands(cmd: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    yield path, cmd
    for name, sub in getattr(cmd, "commands", {}).items():
        yield from _commands(sub, (*path, name))


def test_help_examples_are_whole_lines() -> None:
    """UX review N15: `load --help` wrapped its example mid-command
    ("run2.gpx / --units mi"). Every command keeps its examples in the
    epilog, one command a line, and none is broken at 80 columns."""
    from hipcheck.cli.parse import _command

    seen = 0
    for path, cmd in _commands(_command()):
        assert "Example" not in (cmd.help or ""), path  # examples live in the epilog
        examples = [line.strip() for line in (cmd.epilog or "").splitlines()]
        examples = [line for line in examples if line.startswith("hipcheck ")]
        out = [
            line.strip(" │")
            for line in run(*path, "--help", env={"COLUMNS": "80"}).out.splitlines()
        ]
        for example in examples:
            assert example in out, (path, example)
            seen += 1
    assert seen >= 20


def test_help_reads_the_knowledge_file_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """`check --help` lists each tick list's values from the knowledge file;
    it read the file (parse and full checks) once per flag, 17 times, and
    took 0.8 s where the page itself takes 0.3."""
    import hipcheck.knowledge as knowledge

    real = knowledge.load
    calls: list[object] = []

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(knowledge, "load", counted)
    r = run("check", "--help")
    assert r.exit == 0 and "outer-hip" in r.out
    assert len(calls) == 1
