"""The command line: the entry point, `main()`.

`hipcheck` with no arguments goes straight to the questionnaire
(cli/bare.py) without importing Typer; anything else is parsed by the Typer
app (cli/parse.py). Both pass through the same edge (cli/edge.py), where
every expected error becomes one line on stderr and an exit status, once.
"""

from __future__ import annotations

from hipcheck.cli import startup  # noqa: F401  first: it pauses the garbage collector

# isort: split
import os
import sys

TYPE_CHECKING = False  # not typing's: importing typing before the keys are held costs 5 ms
if TYPE_CHECKING:
    from hipcheck.terminal import Terminal

__all__ = ["main"]

#: Typer's shell completion is asked for through this variable, with no arguments.
COMPLETE = "_HIPCHECK_COMPLETE"


def main(argv: list[str] | None = None, terminal: Terminal | None = None) -> None:
    """Entry point: run hipcheck with `argv` (default: the process's
    arguments) on `terminal` (default: the process's streams; tests pass
    their own); exits with the status."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args and COMPLETE not in os.environ:  # the questionnaire (cli/bare.py)
        from hipcheck.cli import keys

        restore = None
        if terminal is None:  # first of all: hold the keys typed from now on
            restore = keys.hold_keys(sys.stdin)
            if restore is not None:
                keys.stop_early()
        try:
            import hipcheck.cli.bare
            import hipcheck.cli.edge

            hipcheck.cli.edge.run(hipcheck.cli.bare.questionnaire, terminal, held=bool(restore))
        except KeyboardInterrupt as e:  # before the edge could catch it
            keys.ended_early(e)
        finally:  # the terminal as it was, after the last line written, however it ended
            if restore is not None:
                restore()
    else:
        import hipcheck.cli.edge
        import hipcheck.cli.parse

        hipcheck.cli.edge.run(hipcheck.cli.parse.command_line(args), terminal)
