"""`hipcheck check`: one option per question of the contract (§2), plus the
answer sources and the output options."""

from __future__ import annotations

from pathlib import Path

import typer

from hipcheck.cli.app import _data_dir, _kb, _term, app
from hipcheck.cli.options import choice, force_option, format_option, output_option
from hipcheck.render import FORMATS

#: The parameters of `check` that are options, not questions.
_OPTIONS = frozenset(
    {
        "ctx",
        "answers",
        "data",
        "fmt",
        "output",
        "force",
        "top",
        "activities",
        "save",
        "interactive",
        "full",
    }
)
_SEVERAL = "Repeat the flag or separate values with commas."


@app.command(
    epilog=(
        "Examples:\n\n"
        "  hipcheck check --location outer-hip --triggers single-leg,lying-on-side "
        "--duration 1-to-6-weeks --trend same --severity 5\n\n"
        "  hipcheck check --answers case.json --format json\n\n"
        "  hipcheck check --answers case.toml --severity 7 --output summary.md\n\n"
        "Question ids and values: hipcheck questions."
    )
)
def check(
    ctx: typer.Context,
    answers: Path | None = typer.Option(
        None,
        "--answers",
        "-a",
        metavar="FILE",
        help="Answers file (.json or .toml); flags override it.",
        rich_help_panel="Answer sources",
    ),
    data: list[str] = typer.Option(
        [],
        "--data",
        "-d",
        metavar="ID=VALUE",
        help="Answer any question by id, e.g. -d severity=4.",
        rich_help_panel="Answer sources",
    ),
    cannot_bear_weight: bool | None = typer.Option(
        None,
        "--cannot-bear-weight/--no-cannot-bear-weight",
        help="Cannot put weight on the leg.",
        rich_help_panel="Safety questions",
    ),
    deformity: bool | None = typer.Option(
        None,
        "--deformity/--no-deformity",
        help="Hip or leg looks deformed.",
        rich_help_panel="Safety questions",
    ),
    fever: bool | None = typer.Option(
        None,
        "--fever/--no-fever",
        help="Fever, chills or feeling unwell.",
        rich_help_panel="Safety questions",
    ),
    saddle_numbness: bool | None = typer.Option(
        None,
        "--saddle-numbness/--no-saddle-numbness",
        help="Numbness between the legs, or new bladder or bowel trouble.",
        rich_help_panel="Safety questions",
    ),
    injury: bool | None = typer.Option(
        None,
        "--injury/--no-injury",
        help="Started with a fall or injury.",
        rich_help_panel="Safety questions",
    ),
    limp: bool | None = typer.Option(
        None,
        "--limp/--no-limp",
        help="Limping, or someone has seen you limp.",
        rich_help_panel="Safety questions",
    ),
    weight_loss: bool | None = typer.Option(
        None,
        "--weight-loss/--no-weight-loss",
        help="Weight loss you can't explain, or drenching night sweats.",
        rich_help_panel="Safety questions",
    ),
    elsewhere: list[str] = typer.Option(
        [],
        metavar="VALUE",
        help="Along with the pain: testicle, pregnancy-pain, belly-pain, urine, lump-stuck, "
        f"cramp-stops. {_SEVERAL}",
        rich_help_panel="Safety questions",
    ),
    location: list[str] = typer.Option(
        [], metavar="VALUE", help=f"Where it hurts. {_SEVERAL}", rich_help_panel="The pain"
    ),
    side: str | None = typer.Option(
        None, metavar="VALUE", help="left, right or both.", rich_help_panel="The pain"
    ),
    onset: str | None = typer.Option(
        None, metavar="VALUE", help="sudden or gradual.", rich_help_panel="The pain"
    ),
    duration: str | None = typer.Option(
        None,
        metavar="VALUE",
        help="under-1-week, 1-to-6-weeks or over-6-weeks.",
        rich_help_panel="The pain",
    ),
    trend: str | None = typer.Option(
        None, metavar="VALUE", help="better, same or worse.", rich_help_panel="The pain"
    ),
    severity: str | None = typer.Option(
        None, metavar="0-10", help="Worst pain, 0 to 10.", rich_help_panel="The pain"
    ),
    timing: list[str] = typer.Option(
        [], metavar="VALUE", help=f"When it hurts. {_SEVERAL}", rich_help_panel="The pain"
    ),
    triggers: list[str] = typer.Option(
        [],
        metavar="VALUE",
        help=f"What makes it worse. {_SEVERAL}",
        rich_help_panel="The pain",
    ),
    pain_type: list[str] = typer.Option(
        [],
        metavar="VALUE",
        help=f"What it feels like. {_SEVERAL}",
        rich_help_panel="The pain",
    ),
    symptoms: list[str] = typer.Option(
        [],
        metavar="VALUE",
        help=f"Anything else noticed. {_SEVERAL}",
        rich_help_panel="The pain",
    ),
    stiffness_minutes: str | None = typer.Option(
        None,
        metavar="VALUE",
        help="How long morning stiffness lasts: none, under-30, 30-to-60 or over-60.",
        rich_help_panel="The pain",
    ),
    rest_helps: str | None = typer.Option(
        None, metavar="VALUE", help="yes, no or unsure.", rich_help_panel="The pain"
    ),
    age: str | None = typer.Option(
        None, metavar="10-100", help="Age in years.", rich_help_panel="About you"
    ),
    sex: str | None = typer.Option(
        None, metavar="VALUE", help="female, male or other.", rich_help_panel="About you"
    ),
    history: list[str] = typer.Option(
        [], metavar="VALUE", help=f"Medical history. {_SEVERAL}", rich_help_panel="About you"
    ),
    training: list[str] = typer.Option(
        [], metavar="VALUE", help=f"Recent training. {_SEVERAL}", rich_help_panel="About you"
    ),
    mechanics: list[str] = typer.Option(
        [], metavar="VALUE", help=f"How you move. {_SEVERAL}", rich_help_panel="About you"
    ),
    run_pain_during: str | None = typer.Option(
        None,
        metavar="0-10",
        help="Worst pain during your runs since the last check-in (moves the return-to-running "
        "plan up, holds or steps it back).",
        rich_help_panel="Your recent runs",
    ),
    next_morning: str | None = typer.Option(
        None,
        metavar="VALUE",
        help="The morning after those runs: settled, sore or worse.",
        rich_help_panel="Your recent runs",
    ),
    fmt: str | None = format_option(
        FORMATS, None, " (default: from the --output suffix, else rich on a terminal, else text)"
    ),
    output: Path | None = output_option("Write the summary to FILE (format from its suffix)"),
    force: bool = force_option(),
    top: int = typer.Option(
        3,
        "--top",
        min=1,
        max=20,
        help="How many causes to show (JSON lists all).",
        rich_help_panel="Output",
    ),
    activities: list[Path] = typer.Option(
        [],
        "--activities",
        metavar="FILE_OR_FOLDER",
        help="GPX, FIT or Strava activities.csv files or folders: sets 'training: "
        "mileage_jump' from the data and adds a training-load section. Repeatable.",
        rich_help_panel="Answer sources",
    ),
    save: bool | None = typer.Option(
        None,
        "--save/--no-save",
        help="Keep this check-in in the private history and compare it with earlier ones "
        "(default: no for scripts; the questionnaire asks once and remembers).",
        rich_help_panel="Output",
    ),
    interactive: bool | None = typer.Option(
        None,
        "--interactive/--no-input",
        help="Ask the unanswered questions (default: only on a terminal with no answers given).",
        rich_help_panel="Answer sources",
    ),
    full: bool = typer.Option(
        False,
        "--full",
        help="Ask every question, not only those that can change the result (docs/interview.md).",
        rich_help_panel="Answer sources",
    ),
) -> None:
    """Assess hip pain from answers given as flags, an answers file, or prompts."""
    # the arguments: one per question of the contract, then the options
    given = {k: v for k, v in locals().items() if k not in _OPTIONS}
    from hipcheck.commands.check import CheckRequest, run_check
    from hipcheck.commands.sources import AnswerSources

    kb = _kb(ctx)
    flags = {
        q.id: given[q.id]
        for q in kb.questions
        if given.get(q.id) is not None and given.get(q.id) != []
    }
    request = CheckRequest(
        sources=AnswerSources(answers, data, flags),
        fmt=choice("--format", fmt, FORMATS),
        output=output,
        force=force,
        top=top,
        interactive=interactive,
        save=save,
        data_dir=_data_dir(ctx),
        activities=activities,
        full=full,
    )
    run_check(kb, request, _term(ctx))


def question_flags() -> frozenset[str]:
    """The question ids that `check` has a flag for: `questions` advertises
    only these, so it never lists a flag that does not exist."""
    import inspect

    return frozenset(inspect.signature(check).parameters) - _OPTIONS
