"""Standard output and error that fail in one line, never a traceback.

A full disk (`> /dev/full`), a closed descriptor (`>&-`) or a failing
device makes a write to standard output raise OSError wherever it happens:
in a renderer, in Rich, in the batch writer, or in the flush at exit. The
process's stdout is wrapped in `GuardedOutput`, which turns any such error
into `StreamError` (one line at the edge, exit 1), so it is never mistaken
for a problem with a file the user named. A closed stdout is a stream that
fails on the first write, so a command that writes nothing to it (`report
-o FILE`) still works.

Standard error carries notices only: when it cannot be written, the notice
is dropped and the command goes on, so its output and exit status keep
their meaning.
"""

from __future__ import annotations

import errno
import io
import os
from typing import IO, Any

from hipcheck.errors import ExitStatus, HipcheckError


class StreamError(HipcheckError):
    """Standard output could not be written."""

    exit_code = ExitStatus.FAILED
    #: The reader closed the pipe (EPIPE): exit non-zero without a line, as
    #: a program killed by SIGPIPE does; a full or closed stdout says why.
    reader_gone = False


def _reason(e: OSError | ValueError) -> str:
    if isinstance(e, ValueError) or e.errno == errno.EBADF:
        return "standard output is closed"
    if e.errno == errno.ENOSPC:
        return "no space left on device"
    return (e.strerror or str(e)).lower()


def _failed(e: OSError | ValueError) -> StreamError:
    failed = StreamError(f"cannot write the output: {_reason(e)}")
    # the reader went away (`hipcheck help plan | head`): not worth a line
    failed.reader_gone = isinstance(e, OSError) and e.errno == errno.EPIPE
    return failed


class GuardedOutput:
    """A text stream whose write errors become StreamError."""

    def __init__(self, stream: IO[str] | None) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        if self._stream is None:
            raise StreamError("cannot write the output: standard output is closed")
        try:
            return self._stream.write(text)
        except (OSError, ValueError) as e:
            raise _failed(e) from None

    def flush(self) -> None:
        if self._stream is None:
            return
        try:
            self._stream.flush()
        except (OSError, ValueError) as e:
            raise _failed(e) from None

    @property
    def buffer(self) -> GuardedBinary:
        if self._stream is None:
            return GuardedBinary(None)
        return GuardedBinary(getattr(self._stream, "buffer", None))

    def isatty(self) -> bool:
        try:
            return self._stream is not None and self._stream.isatty()
        except (OSError, ValueError):
            return False

    @property
    def encoding(self) -> str:
        return getattr(self._stream, "encoding", None) or "utf-8"

    def __getattr__(self, name: str) -> Any:
        if self._stream is None:
            raise AttributeError(name)
        return getattr(self._stream, name)


class GuardedBinary(io.RawIOBase):
    """The binary side of GuardedOutput (batch writes bytes)."""

    def __init__(self, stream: IO[bytes] | None) -> None:
        super().__init__()
        self._stream = stream

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if self._stream is None:
            raise StreamError("cannot write the output: standard output is closed")
        try:
            return self._stream.write(data)
        except (OSError, ValueError) as e:
            raise _failed(e) from None

    def flush(self) -> None:
        if self._stream is not None:
            try:
                self._stream.flush()
            except (OSError, ValueError) as e:
                raise _failed(e) from None


def quiet_exit_flush() -> None:
    """After standard output failed: point descriptor 1 at /dev/null, so the
    interpreter's own flush at exit has nowhere to fail (the recipe of the
    Python documentation for SIGPIPE)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except OSError:
        pass
