"""The history store when things go wrong (reliability review F6, F11, F12, F18).

Every case ends in one clear line and a non-zero exit, or in a listing that
skips what is damaged; never a traceback, never a silent replacement.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from hipcheck.core.answers import to_jsonable
from hipcheck.core.assessment import assess
from hipcheck.knowledge import KnowledgeBase
from hipcheck.render.json_render import to_dict
from hipcheck.store.history import APPLICATION_ID, DB_NAME, History

from .answer_sets import GLUTEAL, MILD_CHECK
from .helpers import BIN, Result, hipcheck, run

NOBODY = 65534
SETPRIV = shutil.which("setpriv")
NOW = dt.datetime.now(dt.UTC)
GT = GLUTEAL
CHECK = [*MILD_CHECK, "--save"]
MARKER = "ZEBRA-MARKER-7f3a"

_other_user = pytest.mark.skipif(
    SETPRIV is None or os.geteuid() != 0, reason="needs root and setpriv to act as another user"
)


def needs_other_user(test: Any) -> Any:
    """Acting as another user takes a process of its own."""
    return pytest.mark.needs_process(_other_user(test))


def hc(home: Path, *args: str, user: int | None = None, timeout: float = 30) -> Result:
    """hipcheck with `home` as its data folder: in process, or as `user` in a
    process of its own (setpriv)."""
    env = {"HIPCHECK_HOME": str(home), "COLUMNS": "120", "NO_COLOR": "1"}
    if user is None:
        return run(*args, env=env, cwd=Path("/"), timeout=timeout)
    assert SETPRIV is not None
    prefix = [SETPRIV, f"--reuid={user}", f"--regid={user}", "--clear-groups"]
    return hipcheck(*args, env=env, cwd=Path("/"), timeout=timeout, prefix=prefix)


def one_line(res: Result, *words: str) -> None:
    """A failure told in one line that names what went wrong."""
    assert res.exit != 0, (res.out, res.err)
    assert "Traceback" not in res.err and "Traceback" not in res.out
    lines = [line for line in res.err.splitlines() if line.strip()]
    assert len(lines) >= 1 and lines[-1].startswith("hipcheck: "), res.err
    assert len(lines) <= 2, res.err  # at most a notice, then the error
    for word in words:
        assert word in lines[-1], res.err


def fill(home: Path, kb: KnowledgeBase, severities: tuple[int, ...] = (6, 5, 4)) -> None:
    with History.open(home) as h:
        for i, sev in enumerate(severities):
            a = assess(kb, {**GT, "severity": sev})
            answers = {**to_jsonable(a.answers), "marker": MARKER}
            h.save(answers, to_dict(a, kb), kb.version, NOW - dt.timedelta(days=9 - i))


def sql(home: Path, statement: str, *params: Any) -> None:
    conn = sqlite3.connect(home / DB_NAME)
    conn.execute(statement, params)
    conn.commit()
    conn.close()


@pytest.fixture
def shared() -> Iterator[Path]:
    """A folder that another user can reach (pytest's tmp_path is root-only)."""
    base = Path(tempfile.mkdtemp(prefix="hipcheck-robust-"))
    os.chmod(base, 0o755)
    try:
        yield base
    finally:
        shutil.rmtree(base, ignore_errors=True)


def give(path: Path, uid: int) -> None:
    for p in [path, *path.rglob("*")]:
        os.chown(p, uid, uid)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


# -- F6: forget --all leaves nothing health-related behind -------------------------


def test_forget_all_removes_set_aside_copies(tmp_path: Path, kb: KnowledgeBase) -> None:
    home = tmp_path / "home"
    fill(home, kb)
    # an earlier history, set aside because it could not be read, still holding check-ins
    aside = home / f"{DB_NAME}.unreadable-20261122T102724Z"
    conn = sqlite3.connect(home / DB_NAME)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    shutil.copy(home / DB_NAME, aside)
    Path(f"{aside}-wal").write_bytes(MARKER.encode() * 10)
    res = hc(home, "history", "forget", "--all", "--yes")
    assert res.exit == 0, res.err
    assert res.err.splitlines()[0] == "hipcheck: forgot 3 check-ins"
    assert "2 set-aside" in res.err and aside.name in res.err
    left = sorted(p.name for p in home.iterdir())
    assert not [name for name in left if ".unreadable-" in name]  # removed, not emptied
    for p in home.iterdir():
        assert MARKER.encode() not in p.read_bytes(), p.name
    assert hc(home, "history", "--format", "json").out == '{\n  "checkins": []\n}\n'
    assert "kept check-in #1 " in hc(home, *CHECK).err  # not even the count is left


def test_forget_all_sets_secure_delete_itself(tmp_path: Path, kb: KnowledgeBase) -> None:
    """Not left to the SQLite build's default."""
    fill(tmp_path, kb)
    with History.open(tmp_path) as h:
        seen: list[str] = []
        h._conn.set_trace_callback(seen.append)  # type: ignore[union-attr]
        assert h.forget_all() == 3
    assert any("secure_delete" in s.lower() and "on" in s.lower() for s in seen), seen


def test_forget_all_asks_naming_the_set_aside_files(
    run: Any, tmp_path: Path, kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(tmp_path, kb)
    (tmp_path / f"{DB_NAME}.unreadable-20261122T102724Z").write_bytes(b"x" * 100)
    asked: list[str] = []

    class Answer:
        def unsafe_ask(self) -> bool:
            return False

    import questionary

    monkeypatch.setattr(questionary, "confirm", lambda msg, **k: asked.append(msg) or Answer())
    res = run("--data-dir", str(tmp_path), "history", "forget", "--all", tty=True)
    assert res.exit == 0 and "nothing was forgotten" in res.err
    assert len(asked) == 1 and "3 check-ins" in asked[0] and "1 set-aside" in asked[0]
    assert (tmp_path / f"{DB_NAME}.unreadable-20261122T102724Z").exists()


def test_forget_all_without_a_database_still_removes_set_aside_copies(tmp_path: Path) -> None:
    tmp_path.chmod(0o700)
    (tmp_path / f"{DB_NAME}.unreadable-20261122T102724Z").write_bytes(b"x" * 100)
    res = hc(tmp_path, "history", "forget", "--all", "--yes")
    assert res.exit == 0, res.err
    assert not list(tmp_path.glob("*unreadable*"))


# -- F11: damaged rows --------------------------------------------------------------

SET = "UPDATE checkins SET {} = ? WHERE id = 2"
NAIVE = (NOW - dt.timedelta(days=8)).replace(tzinfo=None).isoformat()
DAMAGE: dict[str, tuple[str, object]] = {
    "flipped byte in JSON": (SET.format("answers"), '{"location"; ["outer_hip"]}'),
    "invalid UTF-8": (SET.format("result").replace("?", "CAST(? AS BLOB)"), b'{"t": \xff}'),
    "non-ISO date": (SET.format("created_at"), "last tuesday"),
    "naive date": (SET.format("created_at"), NAIVE),
    "result without triage": (SET.format("result"), '{"conditions": []}'),
    "result not an object": (SET.format("result"), "[1, 2]"),
    "deep nesting": (SET.format("answers"), "[" * 100_000),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_row_is_shown_as_damaged_and_the_rest_stays_readable(
    tmp_path: Path, kb: KnowledgeBase, damage: str
) -> None:
    fill(tmp_path, kb)
    statement, value = DAMAGE[damage]
    sql(tmp_path, statement, value)
    listing = hc(tmp_path, "history")
    assert listing.exit == 0, listing.err
    assert "Traceback" not in listing.err
    rows = [line.split()[1] for line in listing.out.splitlines() if line.startswith("│ ")]
    assert rows[:3] == ["1", "2", "3"] or sorted(rows[:3]) == ["1", "2", "3"], listing.out
    assert "damaged" in listing.out and "6 -> 4" in listing.out
    doc = json.loads(hc(tmp_path, "history", "--format", "json").out)  # the rescue export
    by_id = {c["id"]: c for c in doc["checkins"]}
    assert sorted(by_id) == [1, 2, 3] and "damaged" in by_id[2] and "damaged" not in by_id[1]
    assert by_id[1]["answers"]["marker"] == MARKER
    assert hc(tmp_path, "history", "--format", "csv").exit == 0
    one_line(hc(tmp_path, "history", "show", "2"), "#2", "damaged")
    assert hc(tmp_path, "history", "show", "3").exit == 0
    saved = hc(tmp_path, *CHECK)
    assert saved.exit == 0 and "kept check-in #4" in saved.err, saved.err


# -- F11: a database with our mark but not our tables -------------------------------


@pytest.mark.parametrize("schema", ["no table", "other columns"])
def test_our_mark_without_our_tables_is_one_line_and_left_untouched(
    tmp_path: Path, schema: str
) -> None:
    tmp_path.chmod(0o700)
    conn = sqlite3.connect(tmp_path / DB_NAME)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    if schema == "other columns":
        conn.execute("CREATE TABLE checkins (id INTEGER PRIMARY KEY, note TEXT)")
    conn.commit()
    conn.close()
    before = (tmp_path / DB_NAME).read_bytes()
    one_line(hc(tmp_path, "history"), DB_NAME)
    one_line(hc(tmp_path, "history", "--format", "json"), DB_NAME)
    saved = hc(tmp_path, *CHECK)
    one_line(saved, DB_NAME)
    assert (tmp_path / DB_NAME).read_bytes() == before
    assert not list(tmp_path.glob("*unreadable*"))
    forgot = hc(tmp_path, "history", "forget", "--all", "--yes")  # the way out
    assert forgot.exit == 0, forgot.err
    assert hc(tmp_path, *CHECK).exit == 0


# -- F11: read-only file or folder ----------------------------------------------------


@needs_other_user
@pytest.mark.parametrize("what", ["file", "folder"])
def test_read_only_history_can_be_read_and_a_save_fails_in_one_line(
    shared: Path, kb: KnowledgeBase, what: str
) -> None:
    home = shared / "home"
    fill(home, kb)
    give(home, NOBODY)
    if what == "file":
        (home / DB_NAME).chmod(0o400)
    else:
        home.chmod(0o500)
    before = snapshot(home)
    listing = hc(home, "history", user=NOBODY)
    assert listing.exit == 0, listing.err
    assert "6 -> 5 -> 4" in listing.out and listing.err == ""
    doc = json.loads(hc(home, "history", "--format", "json", user=NOBODY).out)
    assert len(doc["checkins"]) == 3
    assert hc(home, "history", "show", "1", user=NOBODY).exit == 0
    saved = hc(home, *CHECK, user=NOBODY)
    one_line(saved, "read-only")
    assert "TRIAGE" in saved.out  # the assessment is still shown
    assert {k: v for k, v in snapshot(home).items() if not k.endswith(("-wal", "-shm"))} == {
        k: v for k, v in before.items() if not k.endswith(("-wal", "-shm"))
    }
    assert not list(home.glob("*unreadable*"))


def test_plain_history_does_not_write(tmp_path: Path, kb: KnowledgeBase) -> None:
    fill(tmp_path, kb)
    (tmp_path / "history.lock").unlink()
    db = tmp_path / DB_NAME
    before = (db.read_bytes(), db.stat().st_mtime_ns)
    assert hc(tmp_path, "history").exit == 0
    assert hc(tmp_path, "history", "show", "1").exit == 0
    assert (db.read_bytes(), db.stat().st_mtime_ns) == before
    assert not (tmp_path / "history.lock").exists()
    assert not (tmp_path / "nothing-here").exists()
    with History.open(tmp_path / "nothing-here", write=False) as h:
        assert h.all() == []
    assert not (tmp_path / "nothing-here").exists()


# -- F11: full disk ---------------------------------------------------------------------

FULL_DISK = r"""
set -e
mount -t tmpfs -o size=256k tmpfs "$HOME_DIR"
chmod 700 "$HOME_DIR"
"$HC" check --location outer-hip --severity 5 --save >/dev/null 2>&1
dd if=/dev/zero of="$HOME_DIR/filler" bs=4k >/dev/null 2>&1 || true
set +e
"$HC" check --location outer-hip --severity 4 --save >"$OUT/save.out" 2>"$OUT/save.err"
echo $? >"$OUT/save.rc"
"$HC" history --format csv >"$OUT/csv.out" 2>"$OUT/csv.err"
echo $? >"$OUT/csv.rc"
"$HC" history >"$OUT/list.out" 2>"$OUT/list.err"
echo $? >"$OUT/list.rc"
"""


@pytest.mark.needs_process  # a real tmpfs filled up, in a mount namespace of its own
def test_full_disk_still_shows_the_assessment_and_fails_the_save_in_one_line(
    tmp_path: Path,
) -> None:
    unshare = shutil.which("unshare")
    if unshare is None or os.geteuid() != 0:
        pytest.skip("needs root and unshare to mount a small private tmpfs")
    probe = subprocess.run([unshare, "-m", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("cannot make a private mount namespace here")
    home, out = tmp_path / "home", tmp_path / "out"
    home.mkdir()
    out.mkdir()
    env = {**os.environ, "HIPCHECK_HOME": str(home), "HOME_DIR": str(home), "OUT": str(out),
           "HC": str(BIN / "hipcheck"), "NO_COLOR": "1"}  # fmt: skip
    res = subprocess.run(
        [unshare, "-m", "--propagation", "private", "sh", "-c", FULL_DISK],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    if res.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {res.stderr.strip()}")
    save_err = (out / "save.err").read_text()
    assert (out / "save.rc").read_text().strip() != "0"
    assert "TRIAGE" in (out / "save.out").read_text()  # the assessment came first
    assert "Traceback" not in save_err and len(save_err.splitlines()) == 1, save_err
    assert "disk is full" in save_err
    assert (out / "csv.rc").read_text().strip() == "0", (out / "csv.err").read_text()
    assert len((out / "csv.out").read_text().splitlines()) == 2
    assert (out / "list.rc").read_text().strip() == "0", (out / "list.err").read_text()


# -- F11: folders and files that are not ours -----------------------------------------------


@needs_other_user
def test_unsearchable_data_folder_is_one_line(shared: Path) -> None:
    locked = shared / "locked"
    locked.mkdir(mode=0o700)
    home = locked / "home"
    for args in (["history"], CHECK, ["history", "forget", "--all", "--yes"]):
        one_line(hc(home, *args, user=NOBODY), str(home))


@needs_other_user
def test_plan_and_report_on_an_unsearchable_data_folder_are_one_line(shared: Path) -> None:
    """`plan` and `report` read the history too: the same line, no traceback."""
    locked = shared / "locked"
    locked.mkdir(mode=0o700)
    home = locked / "home"
    for args in (["plan"], ["report", "-o", str(shared / "visit.html")]):
        res = hc(home, *args, user=NOBODY)
        one_line(res, str(home))
        assert "permission denied" in res.err.lower(), res.err


@needs_other_user
def test_history_owned_by_another_user_is_refused_not_set_aside(
    shared: Path, kb: KnowledgeBase
) -> None:
    home = shared / "home"
    fill(home, kb)
    give(home, NOBODY)
    os.chown(home / DB_NAME, 0, 0)  # root's file in nobody's folder
    before = snapshot(home)
    for args in (["history"], CHECK, ["history", "forget", "--all", "--yes"]):
        one_line(hc(home, *args, user=NOBODY), "another user")
    assert snapshot(home) == before and not list(home.glob("*unreadable*"))


def test_symlinked_history_file_is_refused(tmp_path: Path, kb: KnowledgeBase) -> None:
    """F18 and the attacker scenario of F11: a link to someone else's history."""
    mine, theirs = tmp_path / "mine", tmp_path / "theirs"
    fill(theirs, kb, (3,))
    mine.mkdir(mode=0o700)
    (mine / DB_NAME).symlink_to(theirs / DB_NAME)
    for args in (CHECK, ["history"], ["history", "forget", "--all", "--yes"]):
        one_line(hc(mine, *args), "link")
    with History.open(theirs) as h:
        assert len(h.all()) == 1  # nothing was added through the link
    assert (mine / DB_NAME).is_symlink()


def test_wide_folder_holding_only_the_history_is_made_private(
    tmp_path: Path, kb: KnowledgeBase
) -> None:
    home = tmp_path / "home"
    fill(home, kb, (5,))
    home.chmod(0o777)
    res = hc(home, "history")
    assert res.exit == 0
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert "private" in res.err and len(res.err.splitlines()) == 1


@pytest.mark.parametrize("mode", [0o777, 0o1777, 0o755])
def test_wide_folder_holding_other_files_is_refused(
    tmp_path: Path, kb: KnowledgeBase, mode: int
) -> None:
    home = tmp_path / "shared"
    home.mkdir()
    (home / "notes.txt").write_text("not hipcheck's")
    home.chmod(mode)
    for args in (CHECK, ["history"]):
        one_line(hc(home, *args), "chmod 700")
    assert stat.S_IMODE(home.stat().st_mode) == mode
    assert not (home / DB_NAME).exists()


# -- F12: Rich markup and control characters stored in a check-in ------------------------------


def test_markup_and_escapes_in_stored_text_are_shown_literally(
    tmp_path: Path, kb: KnowledgeBase
) -> None:
    fill(tmp_path, kb, (5,))
    with History.open(tmp_path) as h:
        result = h.all()[0].result
    result["conditions"][0]["name"] = "Gluteal tendinopathy [/] \x1b]0;PWNED\x07\x1b[2J[bold]"
    result["triage"]["reasons"] = ["[red]sure[/] \x1b[31mred\x9b2J"]
    sql(tmp_path, "UPDATE checkins SET result = ?", json.dumps(result))
    listing = hc(tmp_path, "history")
    assert listing.exit == 0, listing.err
    assert "[/]" in listing.out and "[bold]" in listing.out
    shown = hc(tmp_path, "history", "show", "1")
    assert shown.exit == 0, shown.err
    assert "[red]sure[/]" in shown.out
    for out in (listing.out, shown.out):
        assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out
