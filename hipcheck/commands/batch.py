"""Score many answer sets in one streaming pass (`hipcheck batch`).

Input is JSON Lines (one answers object per line, with an optional `id`) or
CSV (a header of question ids and optionally `id`; several values separated
by `;`). Each record is assessed on its own; a bad record becomes an error
record with its line number and the run goes on. Nothing is held in memory
beyond the current record, so memory stays flat however long the input.
"""

from __future__ import annotations

import contextlib
import csv
import io
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

import msgspec

from hipcheck.core.answers import parse_answers, unknown_key
from hipcheck.core.assessment import assess
from hipcheck.errors import AnswerError, HipcheckError, show, unreadable
from hipcheck.knowledge import KnowledgeBase
from hipcheck.render.json_render import to_dict
from hipcheck.store.atomic import atomic_writer, check_target

InputFormat = Literal["jsonl", "csv"]
OutputFormat = Literal["jsonl", "csv"]
CSV_COLUMNS = (
    "id", "line", "triage",
    "condition_1", "score_1", "condition_2", "score_2", "condition_3", "score_3",
    "error",
)  # fmt: skip
#: At most this many bad lines are reported one by one on stderr.
MAX_REPORTED = 50


@dataclass(frozen=True, slots=True)
class Record:
    line: int
    id: str | None
    answers: dict[str, Any] | None
    error: str = ""


@dataclass
class Stats:
    ok: int = 0
    failed: int = 0


def _id(value: object) -> str | None:
    return None if value is None else str(value)


def read_jsonl(lines: Iterable[bytes]) -> Iterator[Record]:
    decode = msgspec.json.Decoder().decode
    for n, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        try:
            obj = decode(raw)
        except (msgspec.DecodeError, RecursionError) as e:
            yield Record(n, None, None, f"line {n}: not valid JSON: {e}")
            continue
        if not isinstance(obj, dict):
            yield Record(n, None, None, f"line {n}: must be a JSON object of question id -> answer")
            continue
        rid = obj.pop("id", None)
        yield Record(n, _id(rid), obj)


def read_csv(kb: KnowledgeBase, lines: Iterable[bytes]) -> Iterator[Record]:
    def decoded() -> Iterator[str]:
        for raw in lines:
            yield raw.decode("utf-8", errors="replace")

    reader = csv.reader(decoded())
    header = next(reader, None)
    if header is None:
        return
    header = [h.strip() for h in header]
    for col in header:
        if col != "id" and col not in kb.question_by_id:
            raise unknown_key(kb, col, "CSV header: ")
    several = {q.id for q in kb.questions if q.kind == "several"}
    for row in reader:
        n = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            yield Record(n, None, None, f"line {n}: {len(row)} cells for {len(header)} columns")
            continue
        answers: dict[str, Any] = {}
        rid = None
        for col, cell in zip(header, row, strict=False):
            cell = cell.strip()
            if col == "id":
                rid = cell or None
            elif cell:
                answers[col] = [v for v in cell.split(";") if v.strip()] if col in several else cell
        yield Record(n, rid, answers)


def assess_record(kb: KnowledgeBase, rec: Record) -> dict[str, Any]:
    """The assessment as a JSON-ready dict, or an error record."""
    if rec.answers is None:
        return {"id": rec.id, "line": rec.line, "error": rec.error}
    try:
        answers = parse_answers(kb, rec.answers, f"line {rec.line}: ")
    except RecursionError:
        return {"id": rec.id, "line": rec.line, "error": f"line {rec.line}: nested too deeply"}
    except AnswerError as e:
        return {"id": rec.id, "line": rec.line, "error": str(e)}
    doc = to_dict(assess(kb, answers), kb)
    return {"id": rec.id, "line": rec.line, **doc}


def csv_row(doc: dict[str, Any]) -> list[object]:
    row: list[object] = [doc.get("id") or "", doc["line"]]
    if "error" in doc:
        return [*row, "", "", "", "", "", "", "", doc["error"]]
    row.append(doc["triage"]["level"])
    for c in doc["conditions"][:3]:
        row += [c["id"], f"{c['score']:.4f}"]
    return [*row, ""]


def run(
    kb: KnowledgeBase,
    source: IO[bytes],
    fmt_in: InputFormat,
    out: IO[bytes],
    fmt_out: OutputFormat,
    on_error: Callable[[str], None],
    on_progress: Callable[[int], None] | None = None,
) -> Stats:
    """Stream records from `source` to `out`; report bad lines through `on_error`."""
    stats = Stats()
    lines: Iterable[bytes] = source
    if on_progress is not None:
        lines = _counting(source, on_progress)
    records = read_jsonl(lines) if fmt_in == "jsonl" else read_csv(kb, lines)
    encoder = msgspec.json.Encoder()
    buffer = bytearray()
    text = (
        io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
        if fmt_out == "csv"
        else None
    )
    writer = csv.writer(text, lineterminator="\n") if text is not None else None
    if writer is not None:
        writer.writerow(CSV_COLUMNS)
    for rec in records:
        doc = assess_record(kb, rec)
        if "error" in doc:
            stats.failed += 1
            on_error(doc["error"])
        else:
            stats.ok += 1
        if writer is not None:
            writer.writerow(csv_row(doc))
        else:
            encoder.encode_into(doc, buffer)
            buffer.extend(b"\n")
            out.write(buffer)
    if text is not None:
        text.detach()  # leave `out` open for its owner
    return stats


def _counting(source: IO[bytes], on_progress: Callable[[int], None]) -> Iterator[bytes]:
    done = 0
    for i, raw in enumerate(source):
        done += len(raw)
        if i % 512 == 0:
            on_progress(done)
        yield raw
    on_progress(done)


def guess_format(name: str) -> InputFormat:
    lower = name.lower()
    if lower.endswith(".csv"):
        return "csv"
    if lower.endswith((".jsonl", ".ndjson", ".json")) or name == "-":
        return "jsonl"
    raise HipcheckError(f"{name}: cannot tell the input format; use --input-format jsonl or csv")


def stderr_reporter() -> tuple[Callable[[str], None], Callable[[], int]]:
    """Report the first bad lines on stderr; return (report, count)."""
    count = 0

    def report(message: str) -> None:
        nonlocal count
        count += 1
        if count <= MAX_REPORTED:
            sys.stderr.write(f"hipcheck: {message}\n")

    return report, lambda: count


def run_command(
    kb: KnowledgeBase,
    input_name: str,
    input_format: str | None,
    fmt: str,
    output: Path | None,
    force: bool,
) -> Stats:
    """`hipcheck batch`: open the input, stream to stdout or an atomic file."""
    fmt_in = guess_format(input_name) if input_format is None else input_format.lower()
    if fmt_in not in ("jsonl", "csv"):
        raise AnswerError(
            f"--input-format: {show(input_format)} is not allowed; allowed: jsonl, csv"
        )
    if fmt not in ("jsonl", "csv"):
        raise AnswerError(f"--format: {show(fmt)} is not allowed; allowed: jsonl, csv")
    if output is not None:
        check_target(output, force)
    if input_name == "-":
        source: IO[bytes] = sys.stdin.buffer
        size = 0
    else:
        path = Path(input_name)
        try:
            source = path.open("rb")
            size = path.stat().st_size
        except OSError as e:
            raise unreadable(f"{input_name}: ", e) from None
    report, _ = stderr_reporter()
    with contextlib.ExitStack() as stack:
        if source is not sys.stdin.buffer:
            stack.enter_context(source)
        progress = _progress_bar(stack, size) if sys.stderr.isatty() else None
        if output is None:
            sys.stdout.flush()
            out: IO[bytes] = sys.stdout.buffer
        else:
            out = stack.enter_context(atomic_writer(output, force, binary=True))
        stats = run(kb, source, fmt_in, out, fmt, report, progress)  # type: ignore[arg-type]
        out.flush()
    if stats.failed > MAX_REPORTED:
        sys.stderr.write(f"hipcheck: ... and {stats.failed - MAX_REPORTED} more bad lines\n")
    if fmt == "csv" and stats.ok:  # JSON records carry it; a CSV row has no room for it
        sys.stderr.write(f"hipcheck: {kb.disclaimer}\n")
    return stats


def _progress_bar(stack: contextlib.ExitStack, size: int) -> Callable[[int], None]:
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

    from hipcheck.terminal import console

    progress = Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=console(stderr=True),
        transient=True,
    )
    stack.enter_context(progress)
    task = progress.add_task("scoring", total=size or None)
    return lambda done: progress.update(task, completed=done)
