"""Errors that reach the user as one clear line and an exit status.

The core raises these; only the CLI edge turns them into output.
"""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    """Every exit status hipcheck uses, by name."""

    OK = 0
    FAILED = 1  # the command ran but could not finish (a write failed, records failed)
    USAGE = 2  # bad input: an option, an answer, a file the user named
    INTERRUPTED = 130  # Ctrl-C, or an interrupted prompt (128 + SIGINT)


def show(value: object) -> str:
    """A value as it can be quoted in a one-line message: repr'd (so newlines
    and control characters are escaped) and shortened."""
    try:
        text = repr(value)
    except RecursionError:
        return "(a value nested too deeply)"
    return text if len(text) <= 60 else text[:57] + "..."


def show_path(path: object) -> str:
    """A file name quoted whole (repr'd, so control characters are escaped);
    never shortened, or the name would be lost from the message."""
    return repr(str(path))


class HipcheckError(Exception):
    """A problem the user can fix; its message is one complete line."""

    exit_code: int = ExitStatus.USAGE


class KnowledgeError(HipcheckError):
    """The knowledge file is missing, broken or inconsistent."""


class AnswerError(HipcheckError):
    """An answer (from a flag, a file or a prompt) is not allowed."""


class OutputError(HipcheckError):
    """An export could not be written."""

    exit_code = ExitStatus.FAILED


class TargetExists(OutputError):
    """The export target exists and --force was not given (a usage error)."""

    exit_code = ExitStatus.USAGE


def unreadable(prefix: str, e: OSError) -> AnswerError:
    """One line for a file that could not be opened or read."""
    if isinstance(e, FileNotFoundError):
        return AnswerError(f"{prefix}file not found")
    if isinstance(e, IsADirectoryError):
        return AnswerError(f"{prefix}is a folder, not a file")
    return AnswerError(f"{prefix}cannot read: {e.strerror or e}")
