"""Commands about the knowledge file: conditions, explain, questions,
validate, evaluate."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from hipcheck.cli.app import _kb, app
from hipcheck.cli.check import question_flags
from hipcheck.errors import AnswerError, show


@app.command()
def conditions(ctx: typer.Context) -> None:
    """List the conditions of the knowledge file.

    Example: hipcheck conditions
    """
    from hipcheck.render.catalog import print_conditions

    print_conditions(_kb(ctx))


@app.command()
def explain(ctx: typer.Context, condition_id: str = typer.Argument(..., metavar="ID")) -> None:
    """Show one condition in full: how it feels, self-care, exercises, sources.

    Example: hipcheck explain gluteal_tendinopathy
    """
    from hipcheck.core.answers import normalise
    from hipcheck.render.catalog import print_explain

    kb = _kb(ctx)
    cid = normalise(condition_id)
    if cid not in kb.condition_by_id:
        known = ", ".join(kb.condition_by_id)
        raise AnswerError(f"explain: unknown condition {show(condition_id)}; known: {known}")
    print_explain(kb, cid)


@app.command()
def questions(
    ctx: typer.Context,
    fmt: str = typer.Option("text", "--format", "-f", metavar="FORMAT", help="text or json."),
) -> None:
    """List the questions, their flags and allowed values.

    Examples: hipcheck questions; hipcheck questions --format json
    """
    import json

    from hipcheck.render.catalog import questions_dict, questions_text

    kb = _kb(ctx)
    if fmt == "json":
        sys.stdout.write(json.dumps(questions_dict(kb, question_flags()), indent=2) + "\n")
    elif fmt == "text":
        sys.stdout.write(questions_text(kb, question_flags()))
    else:
        raise AnswerError(f"--format: {show(fmt)} is not allowed; allowed: text, json")


@app.command()
def validate(
    ctx: typer.Context,
    file: Path | None = typer.Argument(
        None, metavar="[FILE]", help="Default: the --kb file or the built-in one."
    ),
) -> None:
    """Check a knowledge file; report the first problem with its table and key.

    Example: hipcheck validate data/conditions.toml
    """
    from hipcheck.knowledge import load

    root_obj = ctx.find_root().obj or {}
    kb = load(file if file is not None else root_obj.get("kb"))
    sys.stdout.write(
        f"{kb.path}: OK ({len(kb.questions)} questions, {len(kb.conditions)} conditions, "
        f"{len(kb.triage_rules)} triage rules, version {kb.version})\n"
    )


@app.command()
def evaluate(
    ctx: typer.Context,
    cases: Path = typer.Argument(..., metavar="CASES.json"),
    fmt: str = typer.Option("text", "--format", "-f", metavar="FORMAT", help="text or json."),
    min_top1: float = typer.Option(0.0, help="Fail (exit 1) below this top-1 share."),
    min_top3: float = typer.Option(0.0, help="Fail (exit 1) below this top-3 share."),
    max_under: int = typer.Option(
        -1, help="Fail (exit 1) with more under-triaged cases (-1: no limit)."
    ),
) -> None:
    """Score written cases and report top-1, top-3 and triage agreement.

    Example: hipcheck evaluate tests/cases/cases.json --min-top1 0.75 --max-under 0
    """
    import json

    from hipcheck.core.evaluate import evaluate as run_eval
    from hipcheck.core.evaluate import read_cases, report, to_dict

    kb = _kb(ctx)
    ev = run_eval(kb, read_cases(kb, cases))
    if fmt == "json":
        sys.stdout.write(json.dumps(to_dict(ev), indent=2) + "\n")
    elif fmt == "text":
        sys.stdout.write(report(ev))
    else:
        raise AnswerError(f"--format: {show(fmt)} is not allowed; allowed: text, json")
    failed = ev.top1 < min_top1 or ev.top3 < min_top3
    failed |= max_under >= 0 and len(ev.under_triaged) > max_under
    if failed:
        sys.stderr.write("hipcheck: evaluation below the thresholds given\n")
        raise typer.Exit(1)
