"""The question options (`--location`, `--fever/--no-fever`, ...), declared
once and shared by `check` and `plan` (contract §2).

`QuestionCommand` adds them to a command and hands their values to it in
`ctx.meta`, so a command's function lists only its own options. Their
values complete in the shell (bash, zsh, fish) from the knowledge file, and
`--help` lists the values of every tick-list flag; both read the knowledge
file only when asked, so a plain run never pays for it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any, Literal, NamedTuple

from typer._click import Context
from typer._click.types import STRING
from typer.core import TyperCommand, TyperOption

from hipcheck.errors import AnswerError
from hipcheck.knowledge.answer_types import NONE_OF_THESE

Kind = Literal["yes_no", "one", "several", "number"]
META = "question_flags"
_YES_NO_WORDS = frozenset({"yes", "no", "y", "n", "true", "false"})


class Flag(NamedTuple):  # not a dataclass: making one costs every start about 0.5 ms
    id: str
    kind: Kind
    help: str
    panel: str
    metavar: str = "VALUE"

    @property
    def option(self) -> str:
        return "--" + self.id.replace("_", "-")


_SAFETY, _PAIN, _YOU, _RUNS = "Safety questions", "The pain", "About you", "Your recent runs"

#: One option per question of the contract, in the order of `--help`.
FLAGS: tuple[Flag, ...] = (
    Flag("cannot_bear_weight", "yes_no", "Cannot put weight on the leg.", _SAFETY),
    Flag("deformity", "yes_no", "Hip or leg looks deformed.", _SAFETY),
    Flag("fever", "yes_no", "Fever, chills or feeling unwell.", _SAFETY),
    Flag(
        "saddle_numbness",
        "yes_no",
        "Numbness between the legs, or new bladder or bowel trouble.",
        _SAFETY,
    ),
    Flag("injury", "yes_no", "Started with a fall or injury.", _SAFETY),
    Flag("limp", "yes_no", "Limping, or someone has seen you limp.", _SAFETY),
    Flag(
        "weight_loss",
        "yes_no",
        "Weight loss you can't explain, or drenching night sweats.",
        _SAFETY,
    ),
    Flag("elsewhere", "several", "Along with the pain.", _SAFETY),
    Flag("location", "several", "Where it hurts.", _PAIN),
    Flag("side", "one", "Which side.", _PAIN),
    Flag("onset", "one", "How it started.", _PAIN),
    Flag("duration", "one", "How long you have had it.", _PAIN),
    Flag("trend", "one", "Getting better, the same or worse.", _PAIN),
    Flag("severity", "number", "Worst pain, 0 to 10.", _PAIN, "0-10"),
    Flag("timing", "several", "When it hurts.", _PAIN),
    Flag("triggers", "several", "What makes it worse.", _PAIN),
    Flag("pain_type", "several", "What it feels like.", _PAIN),
    Flag("symptoms", "several", "Anything else noticed.", _PAIN),
    Flag("stiffness_minutes", "one", "How long morning stiffness lasts.", _PAIN),
    Flag("rest_helps", "one", "Whether a few days of rest ease it.", _PAIN),
    Flag("age", "number", "Age in years.", _YOU, "10-100"),
    Flag("sex", "one", "Your sex.", _YOU),
    Flag("history", "several", "Medical history.", _YOU),
    Flag("training", "several", "Recent training.", _YOU),
    Flag("mechanics", "several", "How you move.", _YOU),
    Flag(
        "run_pain_during",
        "number",
        "Worst pain during your runs (or the walks and exercises of a stage with no running) "
        "since the last check-in (moves the return-to-running plan up, holds or steps it back).",
        _RUNS,
        "0-10",
    ),
    Flag("next_morning", "one", "The morning after those runs or sessions.", _RUNS),
)
FLAG_BY_ID = {f.id: f for f in FLAGS}


def question_flags() -> frozenset[str]:
    """The question ids with a flag: `questions` advertises only these."""
    return frozenset(FLAG_BY_ID)


def given_flags(ctx: Context) -> dict[str, object]:
    """The question flags given to this command: id -> raw value(s)."""
    given: dict[str, object] = ctx.meta.get(META, {})
    return given


def _kb_for(ctx: Context) -> Any:
    """The knowledge file the command line names (--kb), for completion and help."""
    from hipcheck.knowledge import load

    root = ctx.find_root()
    path = root.params.get("kb") if root.params else None
    try:
        return load(path)
    except Exception:  # completion and help must never fail: the built-in one
        return load(None)


def values_of(ctx: Context, qid: str) -> list[str]:
    """A question's values as typed on the command line (hyphens)."""
    return _values(_kb_for(ctx), qid)


def _values(kb: Any, qid: str) -> list[str]:
    q = kb.question_by_id.get(qid)
    if q is None:
        return []
    return [c.id.replace("_", "-") for c in q.choices if getattr(c, "offer", True)]


def complete_values(words: Iterable[str], incomplete: str) -> list[str]:
    """`words` that start with what is typed; after a comma, the next value."""
    head, comma, tail = incomplete.rpartition(",")
    prefix = head + comma
    return [prefix + w for w in words if w.startswith(tail)]


def _completer(qid: str) -> Any:
    def complete(ctx: Context, args: list[str], incomplete: str) -> list[str]:
        return complete_values(values_of(ctx, qid), incomplete)

    return complete


def _option(flag: Flag) -> TyperOption:
    if flag.kind == "yes_no":
        return TyperOption(
            param_decls=[f"{flag.option}/--no-{flag.option[2:]}", flag.id],
            is_flag=True,
            default=None,
            help=flag.help,
            rich_help_panel=flag.panel,
        )
    several = flag.kind == "several"
    return TyperOption(
        param_decls=[flag.option, flag.id],
        type=STRING,
        multiple=several,
        default=() if several else None,
        metavar=flag.metavar,
        help=flag.help,
        rich_help_panel=flag.panel,
        autocompletion=None if flag.kind == "number" else _completer(flag.id),
    )


class QuestionCommand(TyperCommand):
    """A command that takes every question flag besides its own options."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params.extend(_option(f) for f in FLAGS)

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        _refuse_yes_no_values(args)
        return super().parse_args(ctx, args)

    def invoke(self, ctx: Context) -> Any:
        given = {}
        for flag in FLAGS:
            value = ctx.params.pop(flag.id, None)
            if value is not None and value != ():
                given[flag.id] = list(value) if isinstance(value, tuple) else value
        ctx.meta[META] = given
        return super().invoke(ctx)

    def format_help(self, ctx: Context, formatter: Any) -> None:
        """Lists each question flag's values (read from the knowledge file
        now, once: it was read again for each flag, 0.4 s a help page)."""
        kb = _kb_for(ctx)
        for param in self.params:
            flag = FLAG_BY_ID.get(str(param.name))
            if flag is None or flag.kind in ("yes_no", "number"):
                continue
            values = ", ".join(_values(kb, flag.id))
            several = (
                " Repeat the flag or separate values with commas;"
                f" '{NONE_OF_THESE}': none of these."
                if flag.kind == "several"
                else ""
            )
            param.help = f"{flag.help} {values}.{several}"  # type: ignore[attr-defined]
        super().format_help(ctx, formatter)


def _refuse_yes_no_values(args: list[str]) -> None:
    """`--injury yes` would end as "unexpected extra argument", `--injury=yes`
    as Click's "does not take a value": say what to type."""
    yes_no = {f.option for f in FLAGS if f.kind == "yes_no"}
    for arg in args:
        flag, eq, _ = arg.partition("=")
        if eq and (flag in yes_no or (flag[:5] == "--no-" and "--" + flag[5:] in yes_no)):
            flag = flag if flag in yes_no else "--" + flag[5:]
            raise AnswerError(
                f"{flag} takes no value: write {flag} for yes or --no-{flag[2:]} for no"
            )
    for flag, value in itertools.pairwise(args):
        if flag in yes_no and value.lower() in _YES_NO_WORDS:
            raise AnswerError(
                f"{flag} takes no value: write {flag} for yes or --no-{flag[2:]} for no"
            )
