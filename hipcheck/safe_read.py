"""Bounded reading of files the user names (reliability review F8).

Every file hipcheck reads on the user's behalf (answers, knowledge, cases,
batch input, activity files) goes through here, so that:

- only regular files are read: a FIFO, a device or a folder is refused at
  once, never waited on (the file is opened non-blocking, then checked);
- a size cap applies, with a message naming the file and the cap;
- `.gz` data is decompressed with a cap on the output, so a small bomb
  cannot fill memory.

This module is a leaf (it imports only `errors`), so every layer may use it.
"""

from __future__ import annotations

import os
import stat
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from hipcheck.errors import AnswerError, show_path

MB = 1024 * 1024
#: Default caps, in bytes. Answers and knowledge files are small by nature.
ANSWERS_LIMIT = 1 * MB
KNOWLEDGE_LIMIT = 4 * MB
#: A cases file is parsed whole (JSON): 8 MB keeps that to a few hundred MB at worst.
CASES_LIMIT = 8 * MB
ACTIVITY_LIMIT = 64 * MB


def _size(n: int) -> str:
    return f"{n // MB} MB" if n >= MB else f"{n // 1024} KB"


def display(path: Path | str) -> str:
    """A path as messages show it: as typed, or quoted and escaped (repr, not
    shortened) if it holds a control character or other unprintable text."""
    text = str(path)
    return text if text.isprintable() else repr(text)


def open_regular(path: Path, label: str, name: str | None = None) -> IO[bytes]:
    """Open `path` for reading in binary, refusing anything but a regular file.

    `label` starts the message ("answers file x.json: "); `name` is how the
    path is shown (default: quoted whole with `show_path`). Raises AnswerError (one
    line, exit 2).
    """
    prefix = f"{label} {show_path(path) if name is None else name}: "
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise AnswerError(f"{prefix}file not found") from None
    except IsADirectoryError:
        raise AnswerError(f"{prefix}is a folder, not a file") from None
    except OSError as e:
        raise AnswerError(f"{prefix}cannot read: {e.strerror or e}") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise AnswerError(f"{prefix}is a folder, not a file")
        if not stat.S_ISREG(mode):
            raise AnswerError(
                f"{prefix}is not a regular file (a pipe, device or socket); "
                "give a path to an ordinary file"
            )
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_limited(stream: IO[bytes], limit: int, label: str) -> bytes:
    """Read all of `stream`, refusing more than `limit` bytes. A read that
    fails (EIO from a failing disk or network share) is one line."""
    try:
        data = stream.read(limit + 1)
    except OSError as e:
        raise AnswerError(f"{label}: cannot read: {e.strerror or e}") from None
    if len(data) > limit:
        raise AnswerError(f"{label}: larger than the limit of {_size(limit)}")
    return data


def read_file(path: Path, label: str, limit: int, name: str | None = None) -> bytes:
    """The bytes of a regular file of at most `limit` bytes."""
    with open_regular(path, label, name) as f:
        return read_limited(f, limit, f"{label} {show_path(path) if name is None else name}")


def gunzip(data: bytes, limit: int, label: str) -> bytes:
    """Decompress gzip `data`, refusing output over `limit` bytes."""
    d = zlib.decompressobj(wbits=31)
    try:
        out = d.decompress(data, limit + 1)
    except zlib.error as e:
        raise AnswerError(f"{label}: not a valid .gz file ({e})") from None
    if len(out) > limit or d.unconsumed_tail:
        raise AnswerError(f"{label}: decompresses to more than {_size(limit)}")
    if not d.eof:
        raise AnswerError(f"{label}: not a valid .gz file (it ends too early)")
    return out


#: How far past an over-long line hipcheck reads looking for its end (a
#: pasted 50 MB line is skipped, the lines after it read): a file with no
#: line break for this long is not line data, and a 20 GB file with none
#: would otherwise be read to its end just to be refused.
SKIP_LIMIT = 256 * MB


def limited_lines(stream: IO[bytes], line_limit: int, label: str = "input") -> Iterator[bytes]:
    """Lines of `stream`, each cut at `line_limit` bytes plus a marker.

    A line longer than the limit is yielded as its first `line_limit + 1`
    bytes (so the caller can tell it was too long) and the rest is skipped
    without being held in memory, up to SKIP_LIMIT bytes: past that the
    file is refused (AnswerError). A read error is one line too.
    """
    try:
        yield from _lines(stream, line_limit, label)
    except OSError as e:
        raise AnswerError(f"{label}: cannot read: {e.strerror or e}") from None


def _lines(stream: IO[bytes], line_limit: int, label: str) -> Iterator[bytes]:
    while True:
        line = stream.readline(line_limit + 1)
        if not line:
            return
        if len(line) > line_limit and not line.endswith(b"\n"):
            skipped = 0
            while True:
                rest = stream.readline(line_limit)
                skipped += len(rest)
                if not rest or rest.endswith(b"\n"):
                    break
                if skipped > SKIP_LIMIT:
                    raise AnswerError(
                        f"{label}: a line runs on past {_size(SKIP_LIMIT)} without a line "
                        "break; not line data, the rest was not read"
                    )
        yield line
