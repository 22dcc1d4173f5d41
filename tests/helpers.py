"""How the tests run hipcheck.

- `run()`: the one runner for command-line behaviour. It calls the real
  entry point, `hipcheck.cli.main(argv, terminal)`, in this process with a
  `Terminal` over in-memory streams, and returns exit status, stdout, stderr
  (and the JSON on stdout). About 10 ms a call, against about 250 ms for a
  process.
- `hipcheck()`: the installed program in a subprocess, only for what needs a
  real process (the entry point, signals, two processes at once, another
  user, resource limits). Tests that use it are marked `needs_process`.
- `spawn()` and friends: the program in a pseudo-terminal (as copier's tests do).
- `examples(n)`: a property test's Hypothesis settings: n examples in the
  full run, a third of them (at least 10) in the inner loop.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from types import FrameType
from typing import Any, TextIO, TypeVar

import pexpect
import pytest
from hypothesis import settings

from hipcheck.cli import main
from hipcheck.errors import KnowledgeError
from hipcheck.knowledge import from_dict
from hipcheck.terminal import Terminal

from .answer_sets import FULL_ANSWERS

BIN = Path(sys.executable).parent

T = TypeVar("T")

#: Set by conftest when the run leaves out the slow tests (the inner loop).
QUICK = False


def examples(n: int, **kwargs: Any) -> settings:
    """Hypothesis settings for a property test: `n` examples in the full run
    (CI), a fifth of them, at least 10, in the inner loop (`-m "not slow"`),
    which must stay under 45 s; no deadline (a loaded machine is not a failure)."""
    return settings(max_examples=max(10, n // 5) if QUICK else n, deadline=None, **kwargs)


def sampled(items: list[T]) -> list[T]:
    """All of `items` in the full run (CI); every third, from the first, in
    the inner loop: for tests that repeat one costly check over many rules."""
    return items[::3] if QUICK else items


@dataclass
class Result:
    """What one run of hipcheck did."""

    exit: int
    out: str
    err: str
    out_bytes: bytes = b""

    @property
    def code(self) -> int:
        """The exit status (the name the earlier in-process runner used)."""
        return self.exit

    @property
    def json(self) -> Any:
        """Standard output read as one JSON document."""
        return json.loads(self.out)


class TookTooLong(Exception):
    """An in-process run passed its time limit (e.g. it blocked on a FIFO)."""


@contextlib.contextmanager
def _environment(env: Mapping[str, str | None]) -> Iterator[None]:
    """os.environ with `env` applied (None removes a variable), restored after."""
    saved = dict(os.environ)
    for key, value in env.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise TookTooLong in the main thread after `seconds` (SIGALRM), so a
    read that blocks (a FIFO, a terminal) fails the test instead of hanging it."""

    def expire(signum: int, frame: FrameType | None) -> None:
        raise TookTooLong(f"hipcheck did not finish within {seconds} s")

    old = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


class _Screen(io.TextIOWrapper):
    """A stream that says it is a terminal, so Rich draws as on a screen
    (colours per TERM and NO_COLOR, width from COLUMNS)."""

    def isatty(self) -> bool:
        return True


def _stream(data: bytes = b"", encoding: str = "utf-8", tty: bool = False) -> io.TextIOWrapper:
    """A text stream over bytes, with the `.buffer` a process's streams have."""
    kind = _Screen if tty else io.TextIOWrapper
    return kind(io.BytesIO(data), encoding=encoding, newline=None, write_through=True)


def _input(data: bytes) -> io.TextIOWrapper:
    """Standard input as a process has it: buffered, so it can be peeked at."""
    return io.TextIOWrapper(io.BufferedReader(io.BytesIO(data)), encoding="utf-8")


def _value(stream: TextIO) -> bytes:
    stream.flush()
    buffer = stream.buffer
    assert isinstance(buffer, io.BytesIO)
    return buffer.getvalue()


def run(
    *argv: str | os.PathLike[str],
    stdin: str | bytes = b"",
    env: Mapping[str, str | None] | None = None,
    cwd: Path | None = None,
    tty: bool = False,
    stdout_tty: bool = False,
    encoding: str = "utf-8",
    timeout: float = 30,
) -> Result:
    """Run `hipcheck *argv` in this process through its real entry point.

    `stdin` is what standard input holds; `env` changes environment variables
    for the run only (None removes one); `tty` makes standard input count as
    a keyboard (prompts allowed), `stdout_tty` standard output as a screen;
    `encoding` is standard output's. Anything written to `sys.stdout` or
    `sys.stderr` directly (Click's --help) lands in the same streams, as in
    a process. Nothing leaks between runs: the environment, the working
    folder and the signal handlers main() installs are restored.

    >>> r = run("--version")
    >>> r.exit, r.out.startswith("hipcheck ")
    (0, True)
    """
    raw_in = stdin.encode() if isinstance(stdin, str) else stdin
    term = Terminal(
        stdin=_input(raw_in),
        stdout=_stream(encoding=encoding, tty=stdout_tty),
        stderr=_stream(encoding=encoding),
        stdin_tty=tty,
        stdout_tty=stdout_tty,
        stderr_tty=False,
    )
    handlers = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGHUP)}
    old_cwd = Path.cwd()
    code = 0
    try:
        with (
            _environment(env or {}),
            _time_limit(timeout),
            contextlib.redirect_stdout(term.stdout),
            contextlib.redirect_stderr(term.stderr),
        ):
            if cwd is not None:
                os.chdir(cwd)
            main([os.fspath(a) for a in argv], term)
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    finally:
        os.chdir(old_cwd)
        for signum, handler in handlers.items():
            signal.signal(signum, handler)
    out, err = _value(term.stdout), _value(term.stderr)
    return Result(int(code), out.decode(encoding, "replace"), err.decode(encoding, "replace"), out)


def imported_by_a_check(
    modules: Sequence[str], env: Mapping[str, str | None] | None = None
) -> list[str]:
    """Which of `modules` a fresh interpreter has imported after a scripted
    `check --location outer-hip --format json` (start-up tests)."""
    code = (
        "import sys, io, contextlib\n"
        "from hipcheck.cli import main\n"
        "try:\n"
        "    with contextlib.redirect_stdout(io.StringIO()):\n"
        "        main(['check', '--location', 'outer-hip', '--format', 'json'])\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(' '.join(sorted(m for m in {tuple(modules)!r} if m in sys.modules)))\n"
    )
    environ = {k: v for k, v in {**os.environ, **(env or {})}.items() if v is not None}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=environ, check=True
    )
    return done.stdout.split()


def hipcheck(
    *args: str | os.PathLike[str],
    stdin: str | bytes = b"",
    env: Mapping[str, str | None] | None = None,
    cwd: Path | None = None,
    timeout: float = 60,
    prefix: Sequence[str] = (),
) -> Result:
    """Run the installed `hipcheck` as a user would: a subprocess, output captured.

    Only for tests that need a real process (mark them `needs_process`);
    everything else uses `run()`, which takes the same arguments and returns
    the same Result. `prefix` goes before the program (`setpriv ...`).
    """
    environ = {**os.environ, **(env or {})}
    done = subprocess.run(
        [*prefix, str(BIN / "hipcheck"), *map(os.fspath, args)],
        capture_output=True,
        cwd=cwd,
        env={k: v for k, v in environ.items() if v is not None},
        input=stdin.encode() if isinstance(stdin, str) else stdin,
        timeout=timeout,
    )
    out, err = done.stdout.replace(b"\r\n", b"\n"), done.stderr.replace(b"\r\n", b"\n")
    return Result(done.returncode, out.decode(errors="replace"), err.decode(errors="replace"), out)


class Keyboard(StrEnum):
    ControlC = "\x03"
    ControlD = "\x04"
    Enter = "\r"
    Esc = "\x1b"
    Up = "\x1b[A"
    Down = "\x1b[B"
    Right = "\x1b[C"
    Left = "\x1b[D"
    Backspace = "\x7f"
    Space = " "


ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def spawn(
    *args: str,
    cwd: Path,
    columns: int = 100,
    env: dict[str, str] | None = None,
    rows: int = 40,
) -> pexpect.spawn:
    environ = {
        **{k: v for k, v in os.environ.items() if k != "NO_COLOR"},
        "TERM": "xterm-256color",
        "COLUMNS": str(columns),
        "LINES": str(rows),
        "PROMPT_TOOLKIT_NO_CPR": "1",
        "HIPCHECK_HOME": tempfile.mkdtemp(prefix="hipcheck-pty-home-"),
        **(env or {}),
    }
    child = pexpect.spawn(
        str(BIN / "hipcheck"),
        list(args),
        cwd=str(cwd),
        env=environ,
        encoding="utf-8",
        dimensions=(rows, columns),
        timeout=15,
        codec_errors="replace",  # a kill can cut a character in two
    )
    return child


def expect_prompt(child: pexpect.spawn, text: str) -> None:
    """Wait for a questionary prompt whose message contains `text`, until it
    is drawn and reads keys (its cursor "»", or a number's "skip)" hint):
    keys typed between two prompts can be lost."""
    child.expect_exact("?")
    child.expect_exact(text)
    child.expect(r"» |skip\)|\(y/N")
    time.sleep(0.2)


def send(child: pexpect.spawn, *keys: str | Keyboard) -> None:
    for key in keys:
        child.send(key.value if isinstance(key, Keyboard) else key)


#: prompt_toolkit turns bracketed paste off when a prompt ends.
PROMPT_ENDED = "\x1b[?2004l"


def answer(child: pexpect.spawn, *keys: str | Keyboard) -> None:
    """Send the keys that answer the current prompt and wait until it has
    ended, so its redraws are not taken for the next prompt."""
    send(child, *keys)
    child.expect_exact(PROMPT_ENDED)


def assessed(kb: Any, answers: Mapping[str, Any]) -> Any:
    """The assessment of raw answers (as a file gives them), in process."""
    from hipcheck.core.answers import parse_answers
    from hipcheck.core.assessment import assess

    return assess(kb, parse_answers(kb, answers))


def rules_fired(a: Any) -> list[str]:
    """The ids of the rules behind an assessment's triage, most serious first."""
    return [r.rule for r in a.triage.reasons]


def triage_level(kb: Any, answers: Mapping[str, Any]) -> str:
    """The triage level of raw answers (as a file gives them), in process."""
    return str(assessed(kb, answers).triage.level)


def check_blind_set(kb: Any, path: Path, cases: int = 50) -> Any:
    """A blind written set (50 cases unless said, read and fixed since it
    was first measured): all read, none under-triaged, the right cause in
    the top 3 in at least 95%. Returns the evaluation."""
    from hipcheck.core.evaluate import evaluate, read_cases

    ev = evaluate(kb, read_cases(kb, path))
    assert len(ev.results) == cases
    assert [r.case.id for r in ev.under_triaged] == []
    assert ev.top3 >= 0.95
    return ev


def write_full_answers(path: Path, **changes: object) -> Path:
    """Every question answered (the safety screen's `elsewhere` too, so no
    prompt stops a questionnaire test before its review)."""
    path.write_text(json.dumps({**FULL_ANSWERS, "elsewhere": [], **changes}))
    return path


def refuses_edit(raw: dict[str, Any], pick: Any, change: dict[str, Any], message: str) -> None:
    """The knowledge file `raw` with `change` made to the table `pick`
    returns from it is refused on load, with `message` in the reason."""
    bad = copy.deepcopy(raw)
    pick(bad).update(change)
    with pytest.raises(KnowledgeError, match=re.escape(message)):
        from_dict(bad)
