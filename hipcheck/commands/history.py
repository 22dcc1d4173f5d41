"""`hipcheck history`: list, show, export and forget check-ins."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from hipcheck.errors import AnswerError, show
from hipcheck.store.atomic import write_atomic
from hipcheck.store.history import DB_NAME, CheckIn, History, data_dir, write_preference

T = TypeVar("T")
SPARKS = "▁▂▃▄▅▆▇█"
CSV_FIELDS = ("id", "created_at", "severity", "triage", "top_condition", "kb_version")


def _local(c: CheckIn) -> str:
    return f"{c.created_at.astimezone():%a %d %b %Y %H:%M}"


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"


def trend(checkins: list[CheckIn], unicode: bool = True) -> str:
    """A severity trend line: sparkline, values, and the direction."""
    values = [c.severity for c in checkins if c.severity is not None]
    if not values:
        return "no severities recorded"
    spark = "".join(SPARKS[min(7, int(v * 8 / 10.0001))] for v in values) if unicode else ""
    path = " -> ".join(_num(v) for v in values)
    direction = ""
    if len(values) > 1:
        d = values[-1] - values[0]
        direction = ", improving" if d < 0 else ", getting worse" if d > 0 else ", unchanged"
    return f"{spark + '  ' if spark else ''}{path}{direction}"


def _open(folder: Path | None, create: bool = False) -> History | None:
    root = data_dir(folder)
    if not create and not (root / DB_NAME).exists():
        return None
    from hipcheck.commands.checkin import open_history

    return open_history(folder)


def _read(folder: Path | None, query: Callable[[History], T]) -> T | None:
    """Run one query on the history, or None when there is no history yet."""
    history = _open(folder)
    if history is None:
        return None
    with history:
        return query(history)


def _records(checkins: list[CheckIn]) -> list[dict[str, Any]]:
    return [
        {
            "id": c.id,
            "created_at": c.created_at.isoformat(),
            "severity": c.severity,
            "triage": c.triage,
            "top_condition": c.top_condition,
            "kb_version": c.kb_version,
            "answers": c.answers,
            "result": c.result,
        }
        for c in checkins
    ]


def export_text(checkins: list[CheckIn], fmt: str) -> str:
    if fmt == "json":
        return json.dumps({"checkins": _records(checkins)}, indent=2, ensure_ascii=False) + "\n"
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for r in _records(checkins):
        writer.writerow([r[f] if r[f] is not None else "" for f in CSV_FIELDS])
    return buf.getvalue()


def list_command(folder: Path | None, fmt: str, output: Path | None, force: bool) -> None:
    if fmt not in ("table", "json", "csv"):
        raise AnswerError(f"--format: {show(fmt)} is not allowed; allowed: table, json, csv")
    checkins = _read(folder, History.all) or []
    if fmt == "table" and output is not None:
        fmt = "csv" if output.suffix.lower() == ".csv" else "json"
    if fmt != "table":
        text = export_text(checkins, fmt)
        if output is None:
            sys.stdout.write(text)
        else:
            write_atomic(output, text, force)
            sys.stderr.write(f"hipcheck: exported {len(checkins)} check-ins to {output}\n")
        return
    from rich.table import Table

    from hipcheck.terminal import console

    con = console()
    if not checkins:
        con.print("No check-ins yet. They are kept when you choose to (hipcheck check --save).")
        return
    table = Table(title="Your check-ins", title_justify="left")
    for col, justify in (("#", "right"), ("date", "left"), ("severity", "right"),
                         ("triage", "left"), ("most likely", "left")):  # fmt: skip
        table.add_column(col, justify=justify)  # type: ignore[arg-type]
    for c in checkins:
        table.add_row(str(c.id), _local(c), _num(c.severity), c.triage, c.top_name)
    con.print(table)
    unicode = "utf" in (con.encoding or "").lower()
    con.print(f"Severity trend: {trend(checkins, unicode)}")
    con.print(
        "[italic dim]Possible causes to discuss with a clinician, not a diagnosis; see a doctor "
        "if you are worried.[/italic dim]"
    )


def show_command(folder: Path | None, checkin_id: int, fmt: str) -> None:
    if fmt not in ("text", "json"):
        raise AnswerError(f"--format: {show(fmt)} is not allowed; allowed: text, json")
    found = _read(folder, lambda h: h.get(checkin_id))
    if found is None:
        raise AnswerError(f"history: no check-in #{checkin_id} (see 'hipcheck history')")
    if fmt == "json":
        sys.stdout.write(json.dumps(_records([found])[0], indent=2, ensure_ascii=False) + "\n")
        return
    r = found.result
    lines = [f"Check-in #{found.id}, {_local(found)} (knowledge {found.kb_version})", ""]
    lines.append(f"Triage: {r['triage']['level']}")
    lines += [f"  - {reason}" for reason in r["triage"]["reasons"]]
    lines += ["", "Possible causes to discuss with a clinician:"]
    lines += [
        f"  {i}. {c['name']} ({c['score']:.0%})" for i, c in enumerate(r["conditions"][:3], 1)
    ]
    lines += ["", "Answers:"]
    for key, value in found.answers.items():
        shown = ", ".join(value) if isinstance(value, list) else value
        lines.append(f"  {key}: {shown}")
    lines += ["", r.get("disclaimer", "")]
    sys.stdout.write("\n".join(lines) + "\n")


def forget_command(
    folder: Path | None, checkin_id: int | None, everything: bool, yes: bool
) -> None:
    if (checkin_id is None) == (not everything):
        raise AnswerError("history forget: give a check-in number, or --all (not both)")
    what = "all your check-ins" if everything else f"check-in #{checkin_id}"
    if not yes:
        if not sys.stdin.isatty():
            raise AnswerError(f"history forget: add --yes to forget {what} without a terminal")
        import questionary

        if not questionary.confirm(
            f"Forget {what}? This cannot be undone.", default=False
        ).unsafe_ask():
            sys.stderr.write("hipcheck: nothing was forgotten\n")
            return
    history = _open(folder)
    if history is None:
        raise AnswerError("history: there are no check-ins")
    with history:
        if everything:
            n = history.forget_all()
            sys.stderr.write(f"hipcheck: forgot {n} check-ins\n")
        elif history.forget(checkin_id or 0):
            sys.stderr.write(f"hipcheck: forgot check-in #{checkin_id}\n")
        else:
            raise AnswerError(f"history: no check-in #{checkin_id} (see 'hipcheck history')")


def keep_command(folder: Path | None, choice: str) -> None:
    from hipcheck.commands.checkin import KEEP
    from hipcheck.core.answers import normalise

    value = normalise(choice)
    if value not in ("yes", "no"):
        raise AnswerError(f"history keep: {show(choice)} is not allowed; allowed: yes, no")
    write_preference(data_dir(folder), KEEP, value == "yes")
    word = "kept" if value == "yes" else "not kept"
    sys.stderr.write(f"hipcheck: from now on, check-ins in the questionnaire are {word}\n")
