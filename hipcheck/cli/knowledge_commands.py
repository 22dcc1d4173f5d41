"""Commands about the knowledge file: conditions, explain, questions,
validate, evaluate."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from hipcheck.cli.app import SCRIPTS_PANEL, _kb, _term, app
from hipcheck.cli.options import choice, examples, format_option
from hipcheck.cli.questions import question_flags
from hipcheck.errors import AnswerError, ExitStatus, show


@app.command(
    rich_help_panel=SCRIPTS_PANEL,
    epilog=examples("hipcheck conditions", "hipcheck conditions --format json"),
)
def conditions(ctx: typer.Context, fmt: str | None = format_option(("text", "json"), None)) -> None:
    """List the conditions of the knowledge file."""
    from hipcheck.render.catalog import conditions_dict, print_conditions

    if choice("--format", fmt, ("text", "json")) == "json":
        import json

        _term(ctx).write(json.dumps(conditions_dict(_kb(ctx)), indent=2) + "\n")
    else:
        print_conditions(_kb(ctx), _term(ctx).console())


def _complete_condition(incomplete: str) -> list[str]:
    from hipcheck.knowledge import load

    ids = load(None).condition_by_id
    return [cid for cid in ids if cid.startswith(incomplete.replace("-", "_"))]


def did_you_mean(kb: Any, typed: str) -> list[str]:
    """Condition ids close to what was typed: by id, by name, or by a word."""
    import difflib

    from hipcheck.core.answers import normalise

    key = normalise(typed)
    names = {normalise(c.name): c.id for c in kb.conditions}
    close = difflib.get_close_matches(key, list(kb.condition_by_id), n=3, cutoff=0.6)
    close += [names[n] for n in difflib.get_close_matches(key, list(names), n=3, cutoff=0.6)]
    close += [c.id for c in kb.conditions if key and (key in c.id or key in normalise(c.name))]
    return list(dict.fromkeys(close))[:3]


@app.command(
    rich_help_panel=SCRIPTS_PANEL, epilog=examples("hipcheck explain gluteal_tendinopathy")
)
def explain(
    ctx: typer.Context,
    condition_id: str = typer.Argument(..., metavar="ID", autocompletion=_complete_condition),
) -> None:
    """Show one condition in full: how it feels, self-care, exercises, sources."""
    from hipcheck.core.answers import normalise
    from hipcheck.render.catalog import print_explain

    kb = _kb(ctx)
    cid = normalise(condition_id)
    if cid not in kb.condition_by_id:
        near = did_you_mean(kb, condition_id)
        hint = (
            f"did you mean {' or '.join(near)}?"
            if near
            else f"known: {', '.join(kb.condition_by_id)}"
        )
        raise AnswerError(f"explain: unknown condition {show(condition_id)}; {hint}")
    print_explain(kb, cid, _term(ctx).console())


@app.command(
    rich_help_panel=SCRIPTS_PANEL,
    epilog=examples("hipcheck questions", "hipcheck questions --format json"),
)
def questions(
    ctx: typer.Context,
    fmt: str = format_option(("text", "json"), "text"),
) -> None:
    """List the questions, their flags and allowed values."""
    import json

    from hipcheck.render.catalog import questions_dict, questions_text

    kb = _kb(ctx)
    term = _term(ctx)
    if choice("--format", fmt, ("text", "json")) == "json":
        term.write(json.dumps(questions_dict(kb, question_flags()), indent=2) + "\n")
    else:
        term.write(questions_text(kb, question_flags(), unicode=not term.ascii_only))


@app.command(
    rich_help_panel=SCRIPTS_PANEL, epilog=examples("hipcheck validate data/conditions.toml")
)
def validate(
    ctx: typer.Context,
    file: Path | None = typer.Argument(
        None, metavar="[FILE]", help="Default: the --kb file or the built-in one."
    ),
) -> None:
    """Check a knowledge file; report the first problem with its table and key."""
    from hipcheck.store.verified import load

    root_obj = ctx.find_root().obj or {}
    # in full, whatever the cache says; a file that passes is remembered
    kb = load(file if file is not None else root_obj.get("kb"), interview=True, again=True)
    _term(ctx).write(
        f"{kb.path}: OK ({len(kb.questions)} questions, {len(kb.conditions)} conditions, "
        f"{len(kb.triage_rules)} triage rules, version {kb.version})\n"
    )


@app.command(
    rich_help_panel=SCRIPTS_PANEL,
    epilog=examples("hipcheck evaluate tests/cases/cases.json --min-top1 0.75 --max-under 0"),
)
def evaluate(
    ctx: typer.Context,
    cases: Path = typer.Argument(..., metavar="CASES.json"),
    fmt: str = format_option(("text", "json"), "text"),
    min_top1: float = typer.Option(
        0.0, metavar="0-1", help="Fail (exit 1) below this top-1 share."
    ),
    min_top3: float = typer.Option(
        0.0, metavar="0-1", help="Fail (exit 1) below this top-3 share."
    ),
    max_under: int = typer.Option(
        -1, metavar="N", help="Fail (exit 1) with more under-triaged cases (-1: no limit)."
    ),
    interview: bool = typer.Option(
        False,
        "--interview",
        help="Also run the adaptive interview on each case (docs/interview.md); "
        "the thresholds then hold for both.",
    ),
) -> None:
    """Score written cases and report top-1, top-3 and triage agreement."""
    import json

    from hipcheck.core.evaluate import check_gates, read_cases, report, to_dict
    from hipcheck.core.evaluate import evaluate as run_eval

    check_gates(min_top1, min_top3)  # before any work: NaN or over 1 never disables a gate
    kb = _kb(ctx)
    term = _term(ctx)
    fmt = choice("--format", fmt, ("text", "json")) or "text"
    from hipcheck.core import interview_eval
    from hipcheck.render.interview_report import report as interview_report

    case_list = read_cases(kb, cases)
    ev = run_eval(kb, case_list)
    iv = interview_eval.evaluate_interview(kb, case_list) if interview else None
    if fmt == "json":
        extra = {"interview": interview_eval.to_dict(iv)} if iv is not None else {}
        term.write(json.dumps({**extra, **to_dict(ev)}, indent=2) + "\n")
    else:
        term.write(report(ev))
        if iv is not None:
            term.write("\n" + interview_report(iv, ev))
    failed = False
    if (min_top1 > 0 or min_top3 > 0) and not ev.ranked:
        term.notice("no case here judges the ranking (all are triage-only): --min-top1 "
                    "and --min-top3 cannot be met")  # fmt: skip
        failed = True
    for figures in (ev, iv):
        if figures is not None:
            failed |= figures.top1 < min_top1 or figures.top3 < min_top3
            failed |= max_under >= 0 and len(figures.under_triaged) > max_under
    if failed:
        term.notice("evaluation below the thresholds given")
        raise typer.Exit(ExitStatus.FAILED)
