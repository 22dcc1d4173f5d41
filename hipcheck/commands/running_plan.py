"""`hipcheck plan`: the return-to-running plan from the latest check-in, or
from answers given as for `check` when there is no history (or answers are
given). Also the shared reading of the history for `hipcheck report`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hipcheck.commands.sources import AnswerSources
from hipcheck.commands.unreadable import say_unreadable
from hipcheck.core.activity import Context, merge
from hipcheck.core.answers import Answers, parse_answer
from hipcheck.core.assessment import Assessment, assess
from hipcheck.core.episode import episode_of
from hipcheck.errors import AnswerError, HipcheckError, not_allowed
from hipcheck.knowledge import KnowledgeBase
from hipcheck.store.atomic import check_target, write_atomic
from hipcheck.store.history import CheckIn, DamagedRow, data_dir, history_exists, readable
from hipcheck.terminal import Terminal, clean

if TYPE_CHECKING:
    from hipcheck.training.analysis import LoadReport

PLAN_FORMATS = ("text", "markdown", "json")
NO_HISTORY = (
    "no check-ins yet: keep them with 'hipcheck check --save' (or say yes in the "
    "questionnaire), or give answers as for check (--answers FILE, -d ID=VALUE or flags)"
)


@dataclass(frozen=True)
class PlanRequest:
    sources: AnswerSources = field(default_factory=AnswerSources)
    fmt: str | None = None
    output: Path | None = None
    force: bool = False
    activities: Sequence[Path] = ()
    data_dir: Path | None = None


def stored_answers(kb: KnowledgeBase, raw: Mapping[str, Any]) -> Answers:
    """A check-in's answers, read back; an answer the knowledge file no longer
    allows (an older version) is left out rather than failing."""
    out: Answers = {}
    for qid, value in raw.items():
        q = kb.question_by_id.get(qid)
        if q is None or value is None:
            continue
        try:
            out[qid] = parse_answer(q, value, qid)
        except HipcheckError:
            continue
    return out


def episode(kb: KnowledgeBase, checkins: Sequence[CheckIn]) -> list[CheckIn]:
    """The check-ins of the latest one's episode, oldest first (core/episode.py)."""
    if not checkins:
        return []
    latest = checkins[-1]
    days = kb.history.episode_days
    return [*episode_of(checkins[:-1], latest.answers, latest.created_at, days), latest]


def reassess(
    kb: KnowledgeBase, checkins: Sequence[CheckIn], load: LoadReport | None = None
) -> Assessment:
    """The latest check-in assessed again, knowing every one before it (as
    when it was made, with the current knowledge file): the trend keeps
    those of its own problem, the ladder every one (core/episode.py)."""
    latest, earlier = checkins[-1], list(checkins[:-1])
    answers = stored_answers(kb, latest.answers)
    origins: dict[str, str] = {}
    raw_origins = latest.result.get("answer_origins")
    if isinstance(raw_origins, dict):
        origins = {str(k): str(v) for k, v in raw_origins.items()}
    if load is not None:  # as `check --activities` does: the data may set a mileage jump
        answers, context = merge(answers, load)
        origins.update(context.origins)
    ctx = Context(origins, load, earlier, latest.created_at.astimezone())
    return assess(kb, answers, ctx)


def read_history(folder: Path | None, term: Terminal) -> list[CheckIn]:
    """Every check-in, oldest first; [] when there is no history (none is created)."""
    return readable(read_rows(folder, term))


def read_rows(folder: Path | None, term: Terminal) -> list[CheckIn | DamagedRow]:
    """Every stored row, oldest first, damaged ones too (read once: a plan
    or page names those it leaves out); [] when there is no history."""
    if not history_exists(data_dir(folder)):
        return []
    from hipcheck.commands.checkin import open_history

    with open_history(folder, term, write=False) as history:
        return history.rows()


def read_load(kb: KnowledgeBase, activities: Sequence[Path], term: Terminal) -> LoadReport | None:
    if not activities:
        return None
    from hipcheck.training.effect import read

    return read(kb, activities, term.notice)


def from_answers(kb: KnowledgeBase, req: PlanRequest, term: Terminal) -> Assessment:
    given = req.sources.gather(kb)
    if req.activities:
        from hipcheck.commands.sources import apply_activities

        given, context = apply_activities(kb, given, req.activities, term.notice)
        return assess(kb, given, context)
    return assess(kb, given)


def output_format(requested: str | None, output: Path | None) -> str:
    from hipcheck.commands.emit import from_suffix

    return requested if requested is not None else from_suffix(output, PLAN_FORMATS, "text")


def write(term: Terminal, text: str, output: Path | None, force: bool) -> Path | None:
    """Print, or write the file atomically and owner-only."""
    if output is None:
        term.write(text)
        return None
    return write_atomic(output, clean(text), force=force)


def run_plan(kb: KnowledgeBase, req: PlanRequest, term: Terminal) -> None:
    from hipcheck.render import plan_render

    fmt = output_format(req.fmt, req.output)
    if fmt not in PLAN_FORMATS:
        raise not_allowed("--format", fmt, PLAN_FORMATS)
    if req.output is not None:
        check_target(req.output, req.force)
    given = req.sources.given
    checkin: int | None = None
    if given:
        a = from_answers(kb, req, term)
        origin = "From the answers given (not a saved check-in)."
    else:
        rows = read_rows(req.data_dir, term)
        history = readable(rows)
        checkins = episode(kb, history)
        if not checkins:
            raise AnswerError(NO_HISTORY)
        a = reassess(kb, history, read_load(kb, req.activities, term))  # as `check --save` did
        latest = checkins[-1]
        say_unreadable(term, rows, checkins)
        checkin = latest.id
        origin = (
            f"From check-in #{latest.id} of {latest.created_at.astimezone():%d %b %Y %H:%M}"
            f" ({len(checkins)} check-in{'s' if len(checkins) != 1 else ''} in this episode)."
        )
    if fmt == "json":
        text = plan_render.render_json(a, kb, checkin)
    elif fmt == "markdown":
        text = plan_render.render_markdown(a, kb, origin)
    else:
        text = plan_render.render_text(a, kb, origin, 78 if req.output else term.text_width)
    written = write(term, text, req.output, req.force)
    if written is not None:
        from hipcheck.commands.emit import format_word

        term.notice(f"saved the {format_word(fmt, written)} plan to {written}")
