"""Score many answer sets in one streaming pass (`hipcheck batch`).

Input is JSON Lines (one answers object per line, with an optional `id`) or
CSV (a header of question ids and optionally `id`; several values separated
by `;`), read by `hipcheck.core.batch`. Each record is assessed on its own; a
bad record becomes an error record with its line number and the run goes
on. Nothing is held in memory beyond the current record, so memory stays
flat however long the input.

Ids are the one free text copied to the output, so they are made safe here:
control characters and bidi overrides never reach the output raw (JSON gets
its own `\\uXXXX` escape, CSV the same text), and a CSV id that a
spreadsheet would run as a formula is prefixed with `'` (OWASP).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

import msgspec

from hipcheck.core.activity import Context
from hipcheck.core.answers import normalise
from hipcheck.core.assessment import Assessment
from hipcheck.core.batch import Record, csv_records, jsonl_records
from hipcheck.errors import AnswerError, HipcheckError, not_allowed
from hipcheck.knowledge import KnowledgeBase
from hipcheck.render.batch_lines import BatchLines
from hipcheck.render.json_render import to_dict
from hipcheck.safe_read import display, open_regular
from hipcheck.store.atomic import atomic_writer, check_target
from hipcheck.terminal import Terminal, clean, clean_line

InputFormat = Literal["jsonl", "csv"]
OutputFormat = Literal["jsonl", "csv"]
CSV_COLUMNS = (
    "id", "line", "triage",
    "condition_1", "score_1", "condition_2", "score_2", "condition_3", "score_3",
    "error",
)  # fmt: skip
#: At most this many bad lines are reported one by one on stderr.
MAX_REPORTED = 50
#: A cell starting with one of these is a formula to a spreadsheet (OWASP also
#: lists tab and carriage return: `csv_id` has escaped those already).
_FORMULA = ("=", "+", "-", "@")
#: JSON lines are written this many at a time.
CHUNK = 64


@dataclass
class Stats:
    ok: int = 0
    failed: int = 0


def json_id(rid: str | None) -> str | msgspec.Raw | None:
    """The id for JSON output: as is, or pre-encoded with every control
    character and bidi override as a JSON escape (same value, safe to show)."""
    if rid is None or rid.isprintable():
        return rid
    return msgspec.Raw(clean(msgspec.json.encode(rid).decode()).encode())


def csv_id(rid: str | None) -> str:
    """The id for a CSV cell: every control character (tab and newline too)
    written as its JSON escape, and a formula neutralised."""
    if not rid:
        return ""
    if not rid.isprintable():
        rid = clean(rid).replace("\t", "\\u0009").replace("\n", "\\u000a")
    return "'" + rid if rid.startswith(_FORMULA) else rid


def csv_row(rec: Record, result: Assessment | str) -> list[object]:
    """The CSV row of an assessment, or of an error (`result` is its message)."""
    row: list[object] = [csv_id(rec.id), rec.line]
    if isinstance(result, str):
        return [*row, "", "", "", "", "", "", "", result]
    row.append(result.triage.level)
    for c in result.conditions[:3]:
        row += [c.id, f"{round(c.score, 4):.4f}"]
    return [*row, ""]


def json_record(
    kb: KnowledgeBase,
    rec: Record,
    result: Assessment | str,
    as_dict: Callable[[Assessment], dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The JSON line of an assessment (the id and line number, then what
    `check --format json` gives), or of an error. `as_dict`: `to_dict` for
    this knowledge file, or a faster equal one (`BatchJson.to_dict`)."""
    doc: dict[str, Any] = {"id": json_id(rec.id), "line": rec.line}
    if isinstance(result, str):
        doc["error"] = result
    else:
        doc.update(as_dict(result) if as_dict is not None else to_dict(result, kb))
    return doc


def run(
    kb: KnowledgeBase,
    source: IO[bytes],
    fmt_in: InputFormat,
    out: IO[bytes],
    fmt_out: OutputFormat,
    on_error: Callable[[str], None],
    on_progress: Callable[[int], None] | None = None,
    now: dt.datetime | None = None,
) -> Stats:
    """Stream records from `source` to `out`; report bad lines through `on_error`.

    `now`: the time every record is stamped with (default: the clock).
    Lines are made by `BatchLines`: the same bytes as `check --format json`
    (or `csv_row`) gives for the same answers, from parts made once.
    """
    stats = Stats()
    lines = BatchLines(kb, csv=fmt_out == "csv")
    clock = _Clock(now)
    records = jsonl_records(source) if fmt_in == "jsonl" else csv_records(kb, source)
    if on_progress is not None:
        records = _counting(records, source, on_progress)
    text = (
        io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
        if fmt_out == "csv"
        else None
    )
    writer = csv.writer(text, lineterminator="\n") if text is not None else None
    if writer is not None:
        writer.writerow(CSV_COLUMNS)
    buffer: list[bytes] = []
    for rec in records:
        made = lines.made(rec)
        if isinstance(made, str):
            stats.failed += 1
            on_error(made)
            if writer is not None:
                writer.writerow(csv_row(rec, made))
            else:
                buffer.append(msgspec.json.encode(json_record(kb, rec, made)) + b"\n")
        else:
            stats.ok += 1
            if writer is not None:
                writer.writerow([csv_id(rec.id), rec.line, *made])
            else:
                rid = msgspec.json.encode(json_id(rec.id))
                buffer.append(lines.json_line(rid, rec.line, clock.now(), made))  # type: ignore[arg-type]
        if len(buffer) >= CHUNK:
            out.write(b"".join(buffer))
            buffer.clear()
    if buffer:
        out.write(b"".join(buffer))
    if text is not None:
        text.detach()  # leave `out` open for its owner
    return stats


class _Clock:
    """The time each record is stamped with, read once per second (the
    stamp shows seconds): the same stamp as `assess` would take itself."""

    def __init__(self, fixed: dt.datetime | None) -> None:
        self.fixed = fixed
        self.second = -1
        self.ctx = Context(now=fixed)

    def context(self) -> Context:
        if self.fixed is None:
            second = int(time.time())
            if second != self.second:
                now = dt.datetime.fromtimestamp(second, dt.UTC).astimezone()
                self.second, self.ctx = second, Context(now=now)
        return self.ctx

    def now(self) -> dt.datetime:
        now = self.context().now
        assert now is not None
        return now


def _counting(
    records: Iterator[Record], source: IO[bytes], on_progress: Callable[[int], None]
) -> Iterator[Record]:
    """The records, reporting how far into `source` they are every 512."""

    def where() -> int:
        try:
            return source.tell()
        except (OSError, ValueError):  # a pipe: no position
            return 0

    for i, rec in enumerate(records):
        if i % 512 == 0:
            on_progress(where())
        yield rec
    on_progress(where())


def looks_like_csv(kb: KnowledgeBase, head: bytes) -> bool:
    """Whether the first line of `head` reads as a CSV header of question ids."""
    first = head.split(b"\n", 1)[0].decode("utf-8", "replace").lstrip("\ufeff")
    if first.lstrip().startswith(("{", "[")) or "," not in first:
        return False
    cells = [normalise(c.strip('"')) for c in first.split(",")]
    return any(c == "id" or c in kb.question_by_id for c in cells)


def guess_format(name: str) -> InputFormat:
    lower = name.lower()
    if lower.endswith(".csv"):
        return "csv"
    if lower.endswith((".jsonl", ".ndjson", ".json")) or name == "-":
        return "jsonl"
    raise HipcheckError(f"{name}: cannot tell the input format; use --input-format jsonl or csv")


def stderr_reporter(term: Terminal) -> tuple[Callable[[str], None], Callable[[], int]]:
    """Report the first bad lines on the terminal's stderr; return (report, count)."""
    count = 0

    def report(message: str) -> None:
        nonlocal count
        count += 1
        if count <= MAX_REPORTED:
            term.notice(message)

    return report, lambda: count


def run_command(
    kb: KnowledgeBase,
    input_name: str,
    input_format: str | None,
    fmt: str,
    output: Path | None,
    force: bool,
    term: Terminal,
) -> Stats:
    """`hipcheck batch`: open the input, stream to the terminal's stdout or an
    atomic file. Records are bytes: the terminal's binary streams are used."""
    fmt_in = guess_format(input_name) if input_format is None else input_format.lower()
    if fmt_in not in ("jsonl", "csv"):
        raise not_allowed("--input-format", input_format, ("jsonl", "csv"))
    if fmt not in ("jsonl", "csv"):
        raise not_allowed("--format", fmt, ("jsonl", "csv"))
    if output is not None:
        check_target(output, force)
    stdin = _stdin(term) if input_name == "-" else None
    if stdin is not None:
        source = stdin
        size = 0
    else:
        path = Path(input_name)
        source = open_regular(path, "input file", display(path))
        try:
            size = os.fstat(source.fileno()).st_size
        except BaseException:
            source.close()
            raise
    report, _ = stderr_reporter(term)
    if input_name == "-" and input_format is None and _starts_like_csv(kb, source):
        fmt_in = "csv"  # read as what it is, not one error record per line
        term.notice(
            "standard input starts with a CSV header: read as CSV "
            "(give --input-format jsonl to read it as JSON Lines)"
        )
    with contextlib.ExitStack() as stack:
        if source is not stdin:
            stack.enter_context(source)
        progress = _progress_bar(stack, size, term) if term.stderr_tty else None
        if output is None:
            term.stdout.flush()
            out: IO[bytes] = term.stdout.buffer
        else:
            out = stack.enter_context(atomic_writer(output, force, binary=True))
        stats = run(kb, source, fmt_in, out, fmt, report, progress)  # type: ignore[arg-type]
        out.flush()
    if stats.failed > MAX_REPORTED:
        term.notice(f"... and {stats.failed - MAX_REPORTED} more bad lines")
    if not stats.ok and not stats.failed:
        term.notice("batch: the input holds no records")
    if fmt == "csv" and stats.ok:  # JSON records carry it; a CSV row has no room for it
        term.stderr.write(f"{clean_line(kb.disclaimer)}\n")  # a note, not an error: no prefix
        term.stderr.flush()
    return stats


def _stdin(term: Terminal) -> IO[bytes]:
    """Standard input as bytes; closed (`<&-`, as cron and systemd may run
    a command), one line."""
    stream = getattr(term.stdin, "buffer", None)
    if stream is None:
        raise AnswerError("batch: standard input is closed")
    return stream  # type: ignore[no-any-return]


def _progress_bar(stack: contextlib.ExitStack, size: int, term: Terminal) -> Callable[[int], None]:
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

    progress = Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=term.console(stderr=True),
        transient=True,
    )
    stack.enter_context(progress)
    task = progress.add_task("scoring", total=size or None)
    return lambda done: progress.update(task, completed=done)


def _starts_like_csv(kb: KnowledgeBase, source: IO[bytes]) -> bool:
    """Peek at `source` (without consuming it) for a CSV header."""
    peek = getattr(source, "peek", None)
    if peek is None:
        return False
    try:
        return looks_like_csv(kb, peek(4096)[:4096])
    except (OSError, ValueError):
        return False
