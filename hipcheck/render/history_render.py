"""The history in words: the trend notes and reasons of a check, the list of
check-ins (Rich table, CSV, JSON) and one check-in in plain words.

Everything stored in a check-in is untrusted text here (reliability review
F10, F12): it reaches Rich only as `Text` (markup is never interpreted) and
a terminal only through `clean()` (no control character or bidi override
passes raw).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import textwrap
from collections.abc import Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from hipcheck.core.trend import TREND_MIN
from hipcheck.knowledge import KnowledgeBase
from hipcheck.knowledge.templates import number as _num
from hipcheck.render.answers_words import rows as answer_rows
from hipcheck.render.level_words import LEVEL_WORDS
from hipcheck.render.summary import CAUSE_COLUMN, NO_CAUSE, NO_CAUSE_CELL
from hipcheck.render.trend_words import TOO_SOON
from hipcheck.store.history import CheckIn, DamagedRow
from hipcheck.store.history_rows import suggests_a_cause
from hipcheck.terminal import clean, clean_line

if TYPE_CHECKING:
    from rich.console import RenderableType

Row = CheckIn | DamagedRow
SPARKS = "▁▂▃▄▅▆▇█"
CSV_FIELDS = ("id", "created_at", "severity", "triage", "top_condition", "kb_version")
EMPTY = "No check-ins yet. They are kept when you choose to (hipcheck check --save)."
CAUTION = (
    "Possible causes to discuss with a clinician, not a diagnosis; see a doctor if you are worried."
)


def date_words(when: dt.datetime) -> str:
    """A local date and time in words: "Tuesday 10 November 2026, 14:05"."""
    local = when.astimezone()
    return f"{local:%A} {local.day} {local:%B %Y}, {local:%H:%M}"


# -- the list of check-ins ------------------------------------------------------------------


def trend_line(checkins: Sequence[CheckIn], unicode: bool = True) -> str:
    """A severity trend line: sparkline, values, and the direction."""
    values = [c.severity for c in checkins if c.severity is not None]
    if not values:
        return "no severities recorded"
    spark = "".join(SPARKS[max(0, min(7, int(v * 8 / 10.0001)))] for v in values) if unicode else ""
    path = " -> ".join(_num(v) for v in values)
    direction = ""
    dated = [c.created_at for c in checkins if c.severity is not None]
    if len(values) > 1 and dated[-1] - dated[0] < TREND_MIN:
        direction = f", {TOO_SOON}"
    elif len(values) > 1:
        d = values[-1] - values[0]
        direction = ", improving" if d < 0 else ", getting worse" if d > 0 else ", unchanged"
    return f"{spark + '  ' if spark else ''}{path}{direction}"


def record(row: Row) -> dict[str, Any]:
    """One row as the JSON export holds it; a damaged row keeps its stored text."""
    if isinstance(row, DamagedRow):
        return {"id": row.id, "damaged": row.problem, "stored": dict(row.stored)}
    return {
        "id": row.id,
        "created_at": row.created_at.isoformat(),
        "severity": _score(row.severity),
        "triage": row.triage,
        "top_condition": row.top_condition,
        "kb_version": row.kb_version,
        "answers": row.answers,
        "result": row.result,
    }


def _score(severity: float | None) -> float | int | None:
    """A whole-number pain score as one (stored as a number: "6.0")."""
    return int(severity) if severity is not None and severity.is_integer() else severity


def export(rows: Sequence[Row], fmt: str) -> str:
    """The JSON (the rescue export: damaged rows too) or CSV of the history."""
    if fmt == "json":
        doc = {"checkins": [record(r) for r in rows]}
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for r in rows:
        values = {"id": r.id, **r.stored} if isinstance(r, DamagedRow) else record(r)
        writer.writerow([values.get(f) if values.get(f) is not None else "" for f in CSV_FIELDS])
    return buf.getvalue()


def _short(text: object, limit: int = 40) -> str:
    line = clean_line(str(text))
    return line if len(line) <= limit else line[: limit - 3] + "..."


#: Below this many columns the check-ins are a list, not a table (UX
#: re-check: at 40 columns every cell was cut: "routi…", "Glut…").
LIST_BELOW = 60


def table(rows: Sequence[Row], unicode: bool, width: int = 80) -> list[RenderableType]:
    """What `hipcheck history` shows on a terminal, as Rich renderables: a
    table, or a list on a narrow terminal."""
    from rich.text import Text

    if not rows:
        return [Text(EMPTY)]
    listing = _as_list(rows) if width < LIST_BELOW else [_as_table(rows)]
    damaged = sum(isinstance(r, DamagedRow) for r in rows)
    sound = [r for r in rows if isinstance(r, CheckIn)]
    out: list[RenderableType] = [*listing, Text(f"Severity trend: {trend_line(sound, unicode)}")]
    if damaged:
        out.append(
            Text(
                f"{damaged} damaged check-in{'s are' if damaged > 1 else ' is'} left out of the "
                "trend; 'hipcheck history --format json' exports what is left of "
                f"{'them' if damaged > 1 else 'it'}."
            )
        )
    out.append(Text(CAUTION, "italic dim"))
    return out


def _cells(r: Row) -> tuple[str, str, str, str, str]:
    """#, date, worst pain, triage, cause, in words."""
    if isinstance(r, DamagedRow):
        return str(r.id), _short(r.stored.get("created_at") or "?", 25), "-", "damaged", r.problem
    level = LEVEL_WORDS.get(r.triage, r.triage)
    local = f"{r.created_at.astimezone():%d %b %Y %H:%M}"
    return str(r.id), local, _num(r.severity), level, r.top_name or NO_CAUSE_CELL


def _as_table(rows: Sequence[Row]) -> RenderableType:
    from rich.table import Table
    from rich.text import Text

    t = Table(title="Your check-ins", title_justify="left")
    for col, justify in (("#", "right"), ("Date", "left"), ("Worst pain", "right"),
                         ("Triage", "left"), (CAUSE_COLUMN, "left")):  # fmt: skip
        t.add_column(col, justify=justify)  # type: ignore[arg-type]
    for r in rows:
        n, when, pain, level, cause = _cells(r)
        style = "bold" if isinstance(r, DamagedRow) else ""
        t.add_row(n, Text(when), pain, Text(_short(level, 20), style), Text(_short(cause, 60)))
    return t


def _as_list(rows: Sequence[Row]) -> list[RenderableType]:
    from rich.text import Text

    out: list[RenderableType] = [Text("Your check-ins", "italic")]
    for r in rows:
        n, when, pain, level, cause = _cells(r)
        pain = "not given" if pain == "-" else pain
        out.append(Text(f"#{n} {when}: worst pain {pain}, {level}. {clean_line(cause)}"))
    return out


# -- one check-in in words ----------------------------------------------------------------------


def _likelihood(kb: KnowledgeBase, cond: Mapping[str, Any]) -> str:
    if isinstance(cond.get("likelihood"), str):
        return str(cond["likelihood"])
    score = cond.get("score")
    if isinstance(score, int | float) and not isinstance(score, bool) and kb.plan.likelihood:
        return kb.likelihood(float(score))
    return ""


def show(c: CheckIn, kb: KnowledgeBase, top: int = 3, width: int = 78) -> str:
    """One check-in in plain words: the date, what to do, the possible causes
    by name and the answers as questions and answer labels; `width` columns."""
    _fill = partial(_fill_at, width=width)
    r = c.result
    triage = r["triage"]
    level = str(triage["level"])
    info = kb.levels.get(level)  # type: ignore[call-overload]
    title = triage.get("title") if isinstance(triage.get("title"), str) else None
    head = f"Check-in #{c.id}, {date_words(c.created_at)} (knowledge {c.kb_version})"
    lines = [_fill(head, "", ""), ""]
    lines.append(_fill(f"Triage: {title or (info.title if info else level)}", "", "  "))
    lines += [_fill(reason, "  - ", "    ") for reason in triage.get("reasons", [])]
    lines += ["", _fill("Possible causes to discuss with a clinician:", "", "")]
    conditions = r.get("conditions", [])
    if not suggests_a_cause(conditions):  # as the summary said (UX review N6)
        lines.append(_fill(NO_CAUSE, "  ", "  "))
        conditions = []
    for i, cond in enumerate(conditions[:top], 1):
        known = kb.condition_by_id.get(cond["id"])
        name = cond.get("name") or (known.name if known else cond["id"])
        likely = _likelihood(kb, cond)
        lines.append(_fill(f"{i}. {name}" + (f" ({likely})" if likely else ""), "  ", "     "))
    origins = r.get("answer_origins")
    given = answer_rows(kb, c.answers, origins if isinstance(origins, dict) else None, long=True)
    lines += ["", "Your answers:" if given else "Your answers: none were given."]
    for question, answer in given:
        lines += [_fill(question, "  ", "    "), _fill(answer, "      ", "      ")]
    for key, value in c.answers.items():
        if key not in kb.question_by_id:  # asked by an older knowledge file
            lines.append(_fill(f"{key}: {value}", "  ", "    "))
    disclaimer = r.get("disclaimer")
    lines += ["", _fill(disclaimer if isinstance(disclaimer, str) else kb.disclaimer, "", "")]
    return clean("\n".join(lines) + "\n")


def _fill_at(text: str, first: str, rest: str, width: int = 78) -> str:
    """One item wrapped at `width` columns, its later lines under its text
    (UX review P20: lines wrapped by the terminal start at column 0)."""
    return textwrap.fill(
        str(text), width=width, initial_indent=first, subsequent_indent=rest,
        break_long_words=False,
    )  # fmt: skip
