"""The batch engine's input side: records from JSON Lines or CSV, one per line.

Every physical line is read on its own and bounded (LINE_LIMIT), so a bad
line (not UTF-8, not JSON, an unclosed quote, a huge field, binary) becomes
one error record with its line number and the run goes on: no line can hide
or swallow another. A UTF-8 BOM (Excel's "CSV UTF-8") is skipped. CSV line
endings may be LF, CRLF or bare CR; a quoted cell cannot span lines (no
answer holds a newline, and a stray quote must not eat the rest of the file).

Pure: no printing. `hipcheck.commands.batch` runs the stream and writes.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

import msgspec

from hipcheck.core.answers import Answers, normalise, parse_answers, twice, unknown_key
from hipcheck.errors import AnswerError, HipcheckError
from hipcheck.knowledge import KnowledgeBase
from hipcheck.safe_read import MB, SKIP_LIMIT, limited_lines

#: The longest line (bytes of JSON, characters of CSV) read as a record.
#: An answers record is well under 1 KB; a longer line is an error record,
#: skipped without being held in memory.
LINE_LIMIT = 1 * MB
_BOM = b"\xef\xbb\xbf"
#: The end of a JSON key: a closing quote, JSON whitespace, a colon.
_KEY_END = re.compile(rb'"[ \t\r\n]*:')


@dataclass(frozen=True, slots=True)
class Record:
    line: int
    id: str | None
    answers: dict[str, Any] | None
    error: str = ""


#: The longest id a record may carry (as `evaluate`'s cases).
ID_LIMIT = 200


def _id(value: object) -> str | None:
    """A record's id as text (a number as written), or None when it has none
    or it cannot be one (`id_problem` says why)."""
    if value is None or id_problem(value) is not None:
        return None
    return str(value)


def _record(n: int, rid: object, answers: dict[str, Any]) -> Record:
    """Line `n`'s record, or its error when its id cannot be one (JSON Lines
    and CSV alike)."""
    bad = None if rid is None else id_problem(rid)
    if bad is not None:
        return Record(n, None, None, f"line {n}: {bad}")
    return Record(n, None if rid is None else str(rid), answers)


def id_problem(value: object) -> str | None:
    """Why `value` cannot be a record's id (None: it can): text or a number,
    of at most ID_LIMIT characters. A list or true would read as Python
    writes it, and a huge id makes a CSV that readers refuse."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return "the id must be text or a number"
    if len(str(value)) > ID_LIMIT:
        return f"the id is longer than {ID_LIMIT} characters"
    return None


def _too_long(n: int) -> Record:
    return Record(n, None, None, f"line {n}: longer than the limit of {LINE_LIMIT // MB} MB")


def jsonl_records(stream: IO[bytes]) -> Iterator[Record]:
    """Records from JSON Lines: one object of question id -> answer per line."""
    return read_jsonl(limited_lines(stream, LINE_LIMIT, "batch input"))


def read_jsonl(lines: Iterable[bytes]) -> Iterator[Record]:
    decode = msgspec.json.Decoder().decode
    for n, raw in enumerate(lines, 1):
        if n == 1 and raw.startswith(_BOM):
            raw = raw[len(_BOM) :]
        if len(raw) > LINE_LIMIT:
            yield _too_long(n)
            continue
        if not raw.strip():
            continue
        try:
            obj = decode(raw)
        except (msgspec.DecodeError, RecursionError, ValueError) as e:  # ValueError: not UTF-8
            why = "nested too deeply" if "recursion" in str(e) else f"not valid JSON: {e}"
            yield Record(n, None, None, f"line {n}: {why}")
            continue
        if not isinstance(obj, dict):
            yield Record(n, None, None, f"line {n}: must be a JSON object of question id -> answer")
            continue
        key = _repeated_key(raw, obj)
        if key is not None:
            yield Record(n, _id(obj.get("id")), None, f"line {n}: {twice(key)}")
            continue
        yield _record(n, obj.pop("id", None), obj)


def _repeated_key(raw: bytes, obj: dict[str, Any]) -> str | None:
    """A key the line gives twice (the decoder keeps only the last), or None.

    Cheap first. Every key (at any depth) is followed by one colon, and a
    colon may also stand in a string: when the line has no more colons
    than the object has keys, none is repeated (most lines). Without a
    backslash every `"` in the line starts or ends a string, so each key is
    a `"` followed by `:`: when there are no more of those than the object
    has keys, none is repeated either. Next, a repeated key appears twice
    as `"key"` in the raw line. Only then is the line parsed again, keeping
    every key, to be sure.
    """
    if raw.count(b":") == len(obj):
        return None
    if b"\\" not in raw and (
        len(_KEY_END.findall(raw)) == len(obj)
        or all(raw.count(b'"%s"' % k.encode()) == 1 for k in obj)
    ):
        return None
    found: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        # called for every object, innermost first: the last call is the line's own
        found[:] = [k for k, _ in items]
        return {}

    try:
        json.loads(raw, object_pairs_hook=pairs)
    except (ValueError, RecursionError):  # pragma: no cover - msgspec parsed it already
        return None
    seen: set[str] = set()
    for key in found:
        if key in seen:
            return key
        seen.add(key)
    return None


class _Feed:
    """Hands the csv reader one line at a time, so each line parses alone."""

    __slots__ = ("line",)

    def __init__(self) -> None:
        self.line: str | None = None

    def __iter__(self) -> _Feed:
        return self

    def __next__(self) -> str:
        line, self.line = self.line, None
        if line is None:
            raise StopIteration
        return line


def text_lines(stream: IO[bytes]) -> Generator[tuple[int, str | None, str], None, None]:
    """(line number, text, problem) for each line of a UTF-8 text stream.

    Universal newlines (LF, CRLF, bare CR); a leading BOM is dropped. A line
    that is not UTF-8 or is longer than LINE_LIMIT comes as (n, None, why).
    A read error (EIO) is one line (AnswerError), as for JSON Lines.
    """
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline=None)
    try:
        yield from _text_lines(text)
    except OSError as e:
        raise AnswerError(f"batch input: cannot read: {e.strerror or e}") from None
    finally:
        with contextlib.suppress(ValueError):  # already closed by its owner
            text.detach()  # leave `stream` open for its owner


def _text_lines(text: io.TextIOWrapper) -> Generator[tuple[int, str | None, str], None, None]:
    """`text_lines` on the decoded stream."""
    n = 0
    while line := text.readline(LINE_LIMIT + 1):
        n += 1
        if len(line) > LINE_LIMIT and not line.endswith("\n"):
            skipped = 0
            while (rest := text.readline(LINE_LIMIT)) and not rest.endswith("\n"):
                skipped += len(rest)
                if skipped > SKIP_LIMIT:  # not line data: stop reading at once
                    yield n, None, f"{_too_long(n).error}; no line break for 256 MB, stopped"
                    return
            yield n, None, _too_long(n).error
            continue
        if not line.isascii():
            try:
                line.encode("utf-8")
            except UnicodeEncodeError:
                yield n, None, f"line {n}: not UTF-8 text"
                continue
        yield n, line, ""


def csv_records(kb: KnowledgeBase, stream: IO[bytes]) -> Iterator[Record]:
    """Records from CSV: a header of question ids (and `id`), then one row
    per line; several values in a cell are separated by `;`.

    The header is read and checked at once (a bad header is a HipcheckError,
    raised before any record); each row is then parsed on its own.
    """
    lines = text_lines(stream)
    feed = _Feed()
    reader = csv.reader(feed, strict=True)

    def parse(line: str) -> list[str]:
        feed.line = line
        try:
            return next(reader)
        except StopIteration:  # pragma: no cover - a line always has a newline or text
            return []

    header: list[str] = []
    try:
        for n, line, problem in lines:
            if problem:
                raise HipcheckError(f"CSV header: {problem}")
            assert line is not None
            try:
                header = _header(kb, parse(line))
            except csv.Error as e:
                raise HipcheckError(f"CSV header: line {n}: {e}") from None
            if header:
                break
    except BaseException:
        lines.close()
        raise
    return _rows(kb, header, lines, parse) if header else iter(())


def _header(kb: KnowledgeBase, cells: list[str]) -> list[str]:
    """Question ids of a header row ([] for a blank line); refuses an unknown
    or repeated column, naming it."""
    if not any(cell.strip() for cell in cells):
        return []
    header: list[str] = []
    for cell in cells:
        col = normalise(cell)
        if col != "id" and col not in kb.question_by_id:
            raise unknown_key(kb, cell.strip(), "CSV header: ")
        if col in header:
            raise AnswerError(f"CSV header: {twice(col)}")
        header.append(col)
    return header


def _rows(
    kb: KnowledgeBase,
    header: list[str],
    lines: Iterator[tuple[int, str | None, str]],
    parse: Callable[[str], list[str]],
) -> Iterator[Record]:
    several = {q.id for q in kb.questions if q.kind == "several"}
    for n, line, problem in lines:
        if problem:
            yield Record(n, None, None, problem)
            continue
        assert line is not None
        try:
            row = parse(line)
        except csv.Error as e:
            yield Record(n, None, None, f"line {n}: not a valid CSV row: {e}")
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):  # too few: a column cut off, never "unanswered"
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
        yield _record(n, rid, answers)


def parse_record(kb: KnowledgeBase, rec: Record) -> Answers | str:
    """The record's validated answers, or its error message."""
    if rec.answers is None:
        return rec.error
    try:
        return parse_answers(kb, rec.answers, f"line {rec.line}: ")
    except RecursionError:
        return f"line {rec.line}: nested too deeply"
    except AnswerError as e:
        return str(e)


#: At most this many raw answers are kept by `Parser`; then it starts afresh.
PARSED_LIMIT = 8192


class Parser:
    """`parse_record` for many records: each raw answer already checked is
    looked up (by question, type and value; a list of ticked values is
    taken as `parse_answer` takes one, when all are the question's), and
    a record with any other answer is checked in full by `parse_record`
    (the same answers or the same message), then its answers are kept.
    Bounded."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._known: dict[tuple[str, type, Any], Any] = {}
        #: each "several" question's values
        self._ticks = {q.id: q.value_set for q in kb.questions if q.kind == "several"}

    def parse(self, rec: Record) -> Answers | str:
        raw = rec.answers
        if raw is None:
            return rec.error
        known, ticks = self._known, self._ticks
        out: Answers = {}
        try:
            for key, value in raw.items():
                if type(value) is list:  # parse_answer's own first test for a "several" answer
                    if not ticks[key].issuperset(value):
                        raise KeyError(key)
                    out[key] = tuple(dict.fromkeys(value))
                elif value is not None:  # JSON null: not answered (the question is known)
                    out[key] = known[key, type(value), value]
                elif key not in self.kb.question_by_id:
                    raise KeyError(key)
        except (KeyError, TypeError):  # not met before, or unhashable: checked in full
            return self._checked(rec, raw)
        return out

    def _checked(self, rec: Record, raw: dict[str, Any]) -> Answers | str:
        found = parse_record(self.kb, rec)
        if isinstance(found, str):
            return found
        known = self._known
        if len(known) + len(raw) > PARSED_LIMIT:
            known.clear()
        for key, value in raw.items():
            if value is not None and type(value) is not list:
                with contextlib.suppress(TypeError):
                    known[key, type(value), value] = found[key]
        return found
