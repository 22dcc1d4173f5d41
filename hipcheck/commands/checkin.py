"""Keeping check-ins: opening the history (its notices to stderr) and saving
an assessment into it."""

from __future__ import annotations

from pathlib import Path

from hipcheck.core.answers import to_jsonable
from hipcheck.core.assessment import Assessment
from hipcheck.knowledge import KnowledgeBase
from hipcheck.store.history import CheckIn, History, data_dir
from hipcheck.terminal import Terminal

KEEP = "keep_history"


def open_history(folder: Path | None, term: Terminal, write: bool = True) -> History:
    """The history, to keep check-ins in (or only to read, without `write`);
    its notices (a file set aside, a folder made private) go to stderr."""
    history = History.open(data_dir(folder), write=write)
    for notice in history.notices:
        term.notice(notice)
    return history


def save(history: History, kb: KnowledgeBase, a: Assessment) -> CheckIn:
    from hipcheck.render.json_render import to_dict

    return history.save(to_jsonable(a.answers), to_dict(a, kb), kb.version)
