"""The cyclic garbage collector during start-up.

Start-up makes tens of thousands of objects that live as long as the process
(modules, classes, the command tree, the knowledge file) and almost no
garbage (about 600 objects), yet the collector walked them all again and
again: about a tenth of the instructions of a scripted check. So it is paused
from the first import of the command line until the knowledge file is
loaded (or the command ends without one). In the program itself, what exists
then is frozen (`gc.freeze`): later collections, and the one at exit, skip
it, while everything made afterwards (a batch's records, the questionnaire)
is collected as usual, so memory stays flat.

`hipcheck.cli` imports this module before anything else. Only the program
freezes: a process that calls `main()` many times (the tests) just has the
collector back on after the first command.
"""

from __future__ import annotations

import gc

#: Whether `over()` freezes: main() sets it when it is the program.
program = False
# importing this module pauses the collector (the first import of the package)
_was_enabled = gc.isenabled()
_paused = True
gc.disable()


def over() -> None:
    """Start-up is over: freeze what exists (in the program) and collect again."""
    global _paused
    if not _paused:
        return
    _paused = False
    if program:
        gc.freeze()
    if _was_enabled:
        gc.enable()
