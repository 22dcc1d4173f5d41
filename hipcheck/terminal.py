"""The terminal: made once at the CLI edge and passed down (issue 10).

`Terminal` holds the streams, whether each is a terminal, and makes the Rich
consoles. Nothing below the edge reads `sys.stdout`, `sys.stdin` or `isatty`
itself; commands take a `Terminal`.

It is also the one place where untrusted text is made safe to show
(reliability review F10): `clean()` turns every control character (C0 but
newline and tab, DEL, C1) and every bidirectional override into a visible
`\\uXXXX` escape. Every line written through `write()`, `notice()` or a
console made here goes through it, whatever its format: inside a JSON string
the escape means the same character, so JSON stays valid and unchanged in
meaning.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, TextIO, cast

if TYPE_CHECKING:
    from rich.console import Console

#: Control characters and bidi overrides; newline and tab are kept.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(m: re.Match[str]) -> str:
    return f"\\u{ord(m.group()):04x}"


def clean(text: str) -> str:
    """`text` with every control character or bidi override made visible."""
    return _UNSAFE.sub(_escape, text)


def clean_line(text: str) -> str:
    """`clean`, and newlines made visible too: for one-line messages."""
    return clean(text).replace("\n", "\\n").replace("\t", " ")


@dataclass
class Terminal:
    """The process's streams and what they are, made once at the edge."""

    stdin: TextIO
    stdout: TextIO
    stderr: TextIO
    stdin_tty: bool
    stdout_tty: bool
    stderr_tty: bool
    #: What this run has kept for good ("check-in #3"): an interruption
    #: after it must not say "nothing was saved".
    kept: list[str] = field(default_factory=list)
    #: Keys typed are held for the first prompt, not echoed (cli/keys.py):
    #: the first question may be painted before the prompt library is loaded.
    keys_held: bool = False
    _consoles: dict[bool, Console] = field(default_factory=dict, repr=False)

    @classmethod
    def from_process(cls) -> Terminal:
        """The process's streams; stdout guarded so that a full or closed one
        ends in one line (streams.py), a closed stderr a sink."""
        from hipcheck.streams import GuardedOutput

        return cls(
            stdin=sys.stdin,
            stdout=cast("TextIO", GuardedOutput(sys.stdout)),
            stderr=sys.stderr if sys.stderr is not None else io.StringIO(),
            stdin_tty=_isatty(sys.stdin),
            stdout_tty=_isatty(sys.stdout),
            stderr_tty=_isatty(sys.stderr),
        )

    @property
    def interactive(self) -> bool:
        """Prompts can be shown: the keyboard is a terminal."""
        return self.stdin_tty

    @property
    def ascii_only(self) -> bool:
        """Box-drawing and other non-ASCII characters cannot be shown."""
        encoding = (getattr(self.stdout, "encoding", None) or "ascii").lower()
        return not encoding.replace("-", "").startswith("utf") or os.environ.get("TERM") == "dumb"

    @property
    def text_width(self) -> int:
        """Columns for plain text: 78, or less on a narrower terminal (so the
        terminal never breaks a word); files and pipes get 78."""
        if not self.stdout_tty:
            return 78
        return max(30, min(78, shutil.get_terminal_size((80, 24)).columns - 2))

    def human_format(self) -> Literal["rich", "text"]:
        """Rich on a terminal, plain text when redirected."""
        return "rich" if self.stdout_tty else "text"

    def stdout_name(self) -> str:
        """Where standard output goes, in words: the file's name when the
        system can tell (`hipcheck > out.txt`), else "standard output"."""
        try:
            target = os.readlink(f"/proc/self/fd/{self.stdout.fileno()}")
        except (OSError, ValueError, AttributeError):
            return "standard output"
        return target if target.startswith("/") else "standard output"

    def write(self, text: str) -> None:
        """Write output (any format) to standard output, made safe."""
        self.stdout.write(clean(text))

    def notice(self, message: str) -> None:
        """One line on standard error: `hipcheck: message` (on a terminal,
        wrapped between words at its width). A notice that cannot be written
        (stderr full or closed) is dropped: the output and the exit status
        still say what happened."""
        line = f"hipcheck: {clean_line(message)}"
        if self.stderr_tty:  # the terminal would break it mid-word (stop 41)
            import textwrap

            width = shutil.get_terminal_size((80, 24)).columns
            if len(line) > width:
                line = textwrap.fill(line, width, subsequent_indent="  ", break_on_hyphens=False)
        try:
            self.stderr.write(f"{line}\n")
            self.stderr.flush()
        except (OSError, ValueError):
            pass

    def console(self, stderr: bool = False) -> Console:
        """The Rich console on stdout (or stderr), honouring NO_COLOR, TERM=dumb, COLUMNS."""
        if stderr not in self._consoles:
            self._consoles[stderr] = _make_console(self.stderr if stderr else self.stdout)
        return self._consoles[stderr]


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream is not None and stream.isatty())
    except (ValueError, OSError):  # closed or detached
        return False


def _make_console(file: TextIO) -> Console:
    from rich.console import Console

    class SafeConsole(Console):
        """Every string printed is cleaned before Rich reads its markup."""

        def render_str(self, text: str, **kwargs: Any) -> Any:
            return super().render_str(clean(text), **kwargs)

    return SafeConsole(file=file, highlight=False, soft_wrap=False)
