"""Errors that reach the user as one clear line and an exit status.

The core raises these; only the CLI edge turns them into output.
"""

from __future__ import annotations

from collections.abc import Sequence
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
    if type(value).__module__ == "datetime":  # a TOML date or time: as written
        return f"the date or time {value.isoformat()}"  # type: ignore[attr-defined]
    if value is None or isinstance(value, bool):  # as JSON and TOML write them
        return "null" if value is None else str(value).lower()
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


def _key(text: str) -> str:
    return text.strip().lower().replace("_", "-").replace(" ", "-")


def near(value: object, allowed: Sequence[str], most: int = 2) -> list[str]:
    """The allowed values a mistyped `value` was probably meant to be, in
    their spelling in `allowed`: close spellings (difflib), or those with the
    typed word as a whole part ("knee": outer-knee, inner-knee)."""
    if not isinstance(value, str) or not value.strip():
        return []
    import difflib  # only for a mistake: a fast start

    keys = {_key(a): a for a in allowed}
    typed = _key(value)
    scored = sorted(
        ((difflib.SequenceMatcher(None, typed, k).ratio(), k) for k in keys), reverse=True
    )
    best = scored[0][0] if scored else 0.0
    # the closest, and any other about as close (not every near miss)
    found = [k for score, k in scored if score >= 0.6 and score >= best - 0.05]
    found += [k for k in keys if typed in k.split("-") and k not in found]
    # the start of one value ("f": female, "r": right) comes first
    starts = [k for k in keys if k.startswith(typed)]
    if len(starts) == 1:
        found = [starts[0], *(k for k in found if k != starts[0])]
    return [keys[k] for k in found[:most]]


def not_allowed(
    option: str, value: object, allowed: Sequence[str], close: Sequence[str] | None = None
) -> AnswerError:
    """`option: 'x' is not allowed (did you mean y?); allowed: a, b, c`,
    with the values spelled as the user types them for `option`. `close`:
    the suggestion when the caller knows it (else the nearest spellings)."""
    close = near(value, allowed) if close is None else close
    hint = f" (did you mean {' or '.join(close)}?)" if close else ""
    return AnswerError(
        f"{option}: {show(value)} is not allowed{hint}; allowed: {', '.join(allowed)}"
    )
