"""`hipcheck history`: list, show, export and forget check-ins.

The use cases: each reads or changes the store and returns what it found;
`render.history_render` words it. Reading opens the history read-only, so
listing and exporting work on a read-only file or folder and never change
the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from hipcheck.errors import AnswerError, not_allowed
from hipcheck.knowledge import KnowledgeBase
from hipcheck.render import history_render
from hipcheck.store.atomic import write_atomic
from hipcheck.store.history import (
    DB_NAME,
    CheckIn,
    DamagedRow,
    History,
    HistoryWriteError,
    data_dir,
    read_preference,
    remove_files,
    set_aside_files,
    stored_files,
    write_preference,
)
from hipcheck.terminal import Terminal, clean

Row = CheckIn | DamagedRow


def _notices(history: History, term: Terminal) -> History:
    for notice in history.notices:
        term.notice(notice)
    return history


def read_rows(folder: Path | None, term: Terminal) -> list[Row]:
    """Every stored row, oldest first (none when there is no history yet)."""
    with _notices(History.open(data_dir(folder), write=False), term) as history:
        return history.rows()


def read_one(folder: Path | None, checkin_id: int, term: Terminal) -> CheckIn:
    with _notices(History.open(data_dir(folder), write=False), term) as history:
        found = history.get_row(checkin_id)
    if found is None:
        raise AnswerError(f"history: no check-in #{checkin_id} (see 'hipcheck history')")
    if isinstance(found, DamagedRow):
        raise AnswerError(
            f"history: check-in #{checkin_id} is damaged ({found.problem}); "
            "'hipcheck history --format json' exports what is left of it"
        )
    return found


def list_command(
    term: Terminal, folder: Path | None, fmt: str, output: Path | None, force: bool
) -> None:
    if fmt not in ("table", "json", "csv"):
        raise not_allowed("--format", fmt, ("table", "json", "csv"))
    rows = read_rows(folder, term)
    if fmt == "table" and output is not None:
        fmt = "csv" if output.suffix.lower() == ".csv" else "json"
    if fmt != "table":
        text = history_render.export(rows, fmt)
        if output is None:
            term.write(text)
        else:
            write_atomic(output, text, force)
            term.notice(f"exported {len(rows)} check-ins to {output}")
        return
    con = term.console()
    unicode = "utf" in (con.encoding or "").lower()
    for part in history_render.table(rows, unicode, con.width):
        con.print(part)
    if not rows and folder is not None:  # a mistyped --data-dir reads as lost data
        term.notice(f"looked in {data_dir(folder)}")


def show_command(
    term: Terminal,
    folder: Path | None,
    checkin_id: int,
    fmt: str,
    kb: KnowledgeBase | None = None,
) -> None:
    if fmt not in ("text", "json"):
        raise not_allowed("--format", fmt, ("text", "json"))
    found = read_one(folder, checkin_id, term)
    if fmt == "json":
        import json

        record = history_render.record(found)
        term.write(json.dumps(record, indent=2, ensure_ascii=False) + "\n")
        return
    if kb is None:
        from hipcheck.knowledge import load

        kb = load(None)
    term.write(history_render.show(found, kb, width=term.text_width))


@dataclass
class Forgotten:
    """What `forget --all` removed."""

    checkins: int = 0
    files: list[Path] = field(default_factory=list)
    #: Why the history file itself was deleted rather than emptied ("").
    deleted_because: str = ""
    #: The history file's own files, when it was deleted.
    history_files: list[Path] = field(default_factory=list)


def _confirm(question: str) -> bool:
    import questionary

    return bool(questionary.confirm(question, default=False).unsafe_ask())


def _files(paths: list[Path]) -> str:
    n = len(paths)
    names = ", ".join(p.name for p in paths)
    return f"{n} set-aside history file{'s' if n != 1 else ''} ({names})"


def forget_all(folder: Path, yes: bool, term: Terminal) -> Forgotten | None:
    """Forget every check-in and delete the copies set aside earlier (they
    hold check-ins too); None when the runner said no."""
    with _notices(History.open(folder, set_aside_damaged=True), term) as history:
        aside = set_aside_files(folder)
        n = history.count()
        if not yes:
            question = f"Forget all your check-ins ({n} check-in{'s' if n != 1 else ''})"
            if aside:
                question += f" and delete {_files(aside)}"
            if not _confirm(clean(question) + "? This cannot be undone."):
                return None
        try:
            done = Forgotten(history.forget_all())
        except HistoryWriteError as e:
            if history.write_error is not None:  # opened read-only: not ours to delete
                raise
            # A full disk or a file-size limit: emptying the file needs space
            # (a journal, VACUUM), deleting it does not.
            done = Forgotten(n, deleted_because=str(e))
    if done.deleted_because:
        done.history_files = remove_files([folder / f"{DB_NAME}{s}" for s in ("", "-wal", "-shm")])
    done.files = remove_files(aside)
    return done


def forget_command(
    term: Terminal, folder: Path | None, checkin_id: int | None, everything: bool, yes: bool
) -> None:
    if (checkin_id is None) == (not everything):
        raise AnswerError("history forget: give a check-in number, or --all (not both)")
    what = "all your check-ins" if everything else f"check-in #{checkin_id}"
    if not yes and not term.stdin_tty:
        raise AnswerError(f"history forget: add --yes to forget {what} without a terminal")
    root = data_dir(folder)
    if not stored_files(root):
        raise AnswerError("history: there are no check-ins")
    if everything:
        done = forget_all(root, yes, term)
        if done is None:
            term.notice("nothing was forgotten")
            return
        if done.deleted_because:
            names = ", ".join(p.name for p in done.history_files)
            term.notice(f"{done.deleted_because}; deleted the history file instead ({names})")
        term.notice(f"forgot {done.checkins} check-ins")
        if done.files:
            term.notice(f"deleted {_files(done.files)}")
        return
    if not yes and not _confirm(f"Forget {what}? This cannot be undone."):
        term.notice("nothing was forgotten")
        return
    with _notices(History.open(root), term) as history:
        if not history.forget(checkin_id or 0):
            raise AnswerError(f"history: no check-in #{checkin_id} (see 'hipcheck history')")
    term.notice(f"forgot check-in #{checkin_id}")


def keep_command(term: Terminal, folder: Path | None, choice: str | None) -> None:
    """Set whether the questionnaire keeps check-ins; with no choice, say
    what it does now."""
    from hipcheck.commands.checkin import KEEP
    from hipcheck.core.answers import normalise

    if choice is None:
        kept = read_preference(data_dir(folder), KEEP)
        now = {True: "kept", False: "not kept", None: "not kept unless you say yes when asked"}
        term.write(
            f"Check-ins in the questionnaire are {now[kept]}. "
            "Change it with 'hipcheck history keep yes' or 'hipcheck history keep no'.\n"
        )
        return
    value = normalise(choice)
    if value not in ("yes", "no"):
        raise not_allowed("history keep", choice, ("yes", "no"))
    write_preference(data_dir(folder), KEEP, value == "yes")
    word = "kept" if value == "yes" else "not kept"
    term.notice(f"from now on, check-ins in the questionnaire are {word}")
