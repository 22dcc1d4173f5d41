"""The command line: parses arguments and calls the library; nothing more.

Errors from the core (HipcheckError) and from argument parsing are turned
into one line on stderr and an exit status here, at the edge, once.
"""

from __future__ import annotations

import sys
from typing import NoReturn

import typer

# Typer vendors Click; its usage errors are caught at the edge to print one line.
from typer._click import exceptions as click_exc

from hipcheck.cli import check, data_commands, knowledge_commands  # noqa: F401  (they register commands)
from hipcheck.cli.app import app
from hipcheck.errors import HipcheckError

__all__ = ["app", "main"]

#: The exit status after Ctrl-C or an interrupted prompt.
INTERRUPTED = 130


def _fail(message: str, code: int) -> NoReturn:
    one_line = message.replace("\r", "\\r").replace("\n", "\\n")
    sys.stderr.write(f"hipcheck: {one_line}\n")
    sys.stderr.flush()
    sys.exit(code)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app; turn every expected error into one line."""
    command = typer.main.get_command(app)
    try:
        rv = command.main(args=argv, prog_name="hipcheck", standalone_mode=False)
    except HipcheckError as e:
        _fail(str(e), e.exit_code)
    except click_exc.UsageError as e:
        where = e.ctx.command_path if e.ctx is not None else "hipcheck"
        _fail(f"{e.format_message()} (see '{where} --help')", 2)
    except click_exc.ClickException as e:
        _fail(e.format_message(), e.exit_code)
    except (typer.Abort, KeyboardInterrupt, EOFError):
        _fail("interrupted; nothing was saved", INTERRUPTED)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(1)
    if rv == INTERRUPTED:  # Typer turns Ctrl-C into this return code
        _fail("interrupted; nothing was saved", INTERRUPTED)
    sys.exit(rv if isinstance(rv, int) else 0)
