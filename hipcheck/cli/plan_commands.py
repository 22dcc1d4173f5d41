"""`hipcheck plan` and `hipcheck report`: the return-to-running plan, and the
page to take to a doctor or physiotherapist."""

from __future__ import annotations

from pathlib import Path

import typer

from hipcheck.cli.app import _data_dir, _kb, _term, app
from hipcheck.cli.check import ANSWERS, DATA
from hipcheck.cli.options import choice, examples, force_option, format_option, output_option
from hipcheck.cli.questions import QuestionCommand, given_flags
from hipcheck.errors import AnswerError

PLAN_FORMATS = ("text", "markdown", "json")
REPORT_FORMATS = ("html", "markdown")
_ACTIVITIES = (
    "GPX, FIT or Strava activities.csv files or folders: next week's targets (and, in the "
    "report, a chart of weekly running) from your own runs. Repeatable."
)


@app.command(
    cls=QuestionCommand,
    epilog=examples(
        "hipcheck check -a me.json --run-pain-during 2 --next-morning settled --save",
        "hipcheck plan",
        "hipcheck plan --activities ~/strava-export --format markdown -o plan.md",
        "hipcheck plan --location outer-hip --severity 3 --timing after-run",
    ),
)
def plan(
    ctx: typer.Context,
    answers: Path | None = ANSWERS,
    data: list[str] = DATA,
    activities: list[Path] = typer.Option(
        [], "--activities", metavar="FILE_OR_FOLDER", help=_ACTIVITIES
    ),
    fmt: str | None = format_option(PLAN_FORMATS, None, " (default: from the --output suffix)"),
    output: Path | None = output_option("Write the plan to FILE"),
    force: bool = force_option(),
) -> None:
    """Your return-to-running plan: the stage you are at, whether to move up,
    hold or step back and why, every stage with its entry tests, and how to
    add volume afterwards.

    From the latest check-in in your history (each check-in's report of your
    runs, --run-pain-during and --next-morning, moves the plan); with answers
    (a file, -d or question flags) the plan for those answers instead.
    """
    from hipcheck.commands.pdf import is_pdf
    from hipcheck.commands.running_plan import PlanRequest, run_plan

    if output is not None and is_pdf(output):
        raise AnswerError(
            "plan: no PDF of the plan alone; the clinician page holds it: "
            "hipcheck report -o visit.pdf (or plan -o plan.md)"
        )
    from hipcheck.commands.sources import AnswerSources

    request = PlanRequest(
        sources=AnswerSources(answers, data, given_flags(ctx)),
        fmt=choice("--format", fmt, PLAN_FORMATS),
        output=output,
        force=force,
        activities=activities,
        data_dir=_data_dir(ctx),
    )
    run_plan(_kb(ctx), request, _term(ctx))


@app.command(
    epilog=examples(
        "hipcheck report --output visit.html",
        "hipcheck report --activities ~/strava-export --output visit.html --force",
        "hipcheck report --format markdown > visit.md",
        note="For one assessment without a history: hipcheck check ... --output visit.html",
    )
)
def report(
    ctx: typer.Context,
    activities: list[Path] = typer.Option(
        [], "--activities", metavar="FILE_OR_FOLDER", help=_ACTIVITIES
    ),
    fmt: str | None = format_option(
        REPORT_FORMATS, None, " (default: from the --output suffix, else html)"
    ),
    output: Path | None = output_option("Write the page to FILE", dash=True),
    force: bool = force_option(),
) -> None:
    """A page to take to a doctor or physiotherapist: the latest check-in's
    triage and reasons, your answers in words, the possible causes and why,
    the trend of your check-ins, what has been tried, your running, questions
    to ask, a glossary and the sources.

    A self-contained HTML file (nothing is fetched; print it on A4 or Letter),
    or Markdown. In a terminal without --output, the HTML page is saved as
    hipcheck-report-DATE.html in the current folder (never over another);
    -o - prints it.
    """
    from hipcheck.commands.report import run_report

    run_report(
        _kb(ctx),
        _term(ctx),
        fmt=choice("--format", fmt, REPORT_FORMATS),
        output=output,
        force=force,
        activities=activities,
        data_dir=_data_dir(ctx),
    )
