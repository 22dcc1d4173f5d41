"""`hipcheck` with no arguments: straight to the questionnaire, without Typer.

Importing Typer and building the command line costs about a third of the
wait for the first question, and a run with no arguments uses none of it.
This does what the root command does then (cli/app.py, `root`): load the
knowledge file (the built-in one: no --kb), then the questionnaire with no
--data-dir and no --full; errors end as they do there (cli/edge.py). Any
argument at all, or a shell completion request (`_HIPCHECK_COMPLETE`), takes
the command line (cli/parse.py).
"""

from __future__ import annotations

import sys

from hipcheck.cli import startup
from hipcheck.cli.knowledge_file import load_kb
from hipcheck.errors import ExitStatus
from hipcheck.terminal import Terminal


def questionnaire(term: Terminal) -> int:
    """The root command with no options: the knowledge file loaded first
    (its errors come first), then the questionnaire."""
    kb = load_kb(None)
    startup.over()  # the garbage collector is back on (cli/startup.py)
    from hipcheck.commands.check import run_interactive

    try:
        run_interactive(kb, term, None, False)
    except EOFError:
        _click_blank_line()
        raise
    return ExitStatus.OK


def _click_blank_line() -> None:
    """Typer answers EOFError (Ctrl-D at a prompt) with an empty line on
    stderr before the interruption's own line; so does this path."""
    try:
        if sys.stderr is not None:
            sys.stderr.write("\n")
            sys.stderr.flush()
    except (OSError, ValueError):
        pass
