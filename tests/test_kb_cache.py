"""The cache of verified knowledge files (store/verified.py): a file is
checked in full (the knowledge checks and the safety floor) once per content
and code, and the cache can only ever save time, never let a file through."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any

import msgspec
import pytest

from hipcheck import knowledge
from hipcheck.core import safety_floor
from hipcheck.errors import KnowledgeError
from hipcheck.store import verified

from .conftest import KB_PATH
from .helpers import hipcheck, imported_by_a_check, run

FALL = 'id = "fall_older"\nlevel = "emergency"\n'
#: The same rule lowered, padded to the same length: only the bytes differ.
FALL_LOWERED = 'id = "fall_older"\nlevel = "urgent"   \n'
REFUSED = "safety case 'a fall at 60' gave urgent; it must be emergency"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("HIPCHECK_CACHE", str(folder))
    return folder / "knowledge"


@pytest.fixture
def floor_runs(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Each full check of a file: the `interview` flag it ran with."""
    calls: list[bool] = []
    real = safety_floor.check

    def spy(kb: knowledge.KnowledgeBase, interview: bool = False) -> knowledge.KnowledgeBase:
        calls.append(interview)
        return real(kb, interview=interview)

    monkeypatch.setattr(safety_floor, "check", spy)
    return calls


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    path = tmp_path / "kb.toml"
    shutil.copyfile(KB_PATH, path)
    return path


def load(path: Path) -> knowledge.KnowledgeBase:
    """A load as for the shipped file (the interview's floor takes a second
    more, and is only about what is checked, not about the cache)."""
    return verified.load(path, interview=False)


def entries(cache: Path) -> list[Path]:
    return sorted(cache.iterdir()) if cache.is_dir() else []


def test_a_file_is_checked_once_then_taken_from_the_cache(
    cache: Path, floor_runs: list[bool], copy: Path
) -> None:
    first = load(copy)
    assert floor_runs == [False] and len(entries(cache)) == 1
    again = load(copy)
    assert floor_runs == [False]  # not checked again
    assert again == first and again.path == str(copy)
    # the entry is the parsed file itself: what a full parse gives, field by field
    assert msgspec.structs.replace(again, path="") == msgspec.structs.replace(
        knowledge.load(copy), path=""
    )


def test_the_entry_is_owner_only_and_holds_only_the_parsed_file(cache: Path, copy: Path) -> None:
    load(copy)
    (entry,) = entries(cache)
    assert entry.stat().st_mode & 0o777 == 0o600
    assert cache.stat().st_mode & 0o777 == 0o700
    head, _, payload = entry.read_bytes().partition(b"\n\n")
    assert head.split(b"\n") == [verified.MAGIC.strip(), entry.name.encode(), head[-64:]]
    assert msgspec.msgpack.decode(payload, type=knowledge.KnowledgeBase).path == ""


def test_a_mutated_file_is_refused_on_every_load(
    cache: Path, floor_runs: list[bool], copy: Path
) -> None:
    load(copy)  # the good file is remembered
    text = copy.read_text(encoding="utf-8")
    stat = copy.stat()
    copy.write_text(text.replace(FALL, FALL_LOWERED), encoding="utf-8")
    os.utime(copy, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, same time
    assert copy.stat().st_size == stat.st_size
    for _ in range(3):
        with pytest.raises(KnowledgeError, match=REFUSED):
            load(copy)
    assert len(floor_runs) == 4 and len(entries(cache)) == 1  # a refused file is never kept
    copy.write_text(text, encoding="utf-8")
    load(copy)  # the good bytes again: their entry is still there
    assert len(floor_runs) == 4


def test_a_mutated_kb_is_refused_by_every_command_run(cache: Path, copy: Path) -> None:
    argv = ("--kb", str(copy), "check", "--location", "groin", "--format", "json")
    assert run(*argv).exit == 0
    copy.write_text(copy.read_text(encoding="utf-8").replace(FALL, FALL_LOWERED), "utf-8")
    for _ in range(2):
        res = run(*argv)
        assert res.exit != 0 and REFUSED in res.err and res.out == ""


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[: len(b) // 2],  # truncated
        lambda b: b[:-10] + bytes(10),  # payload damaged
        lambda b: b"",  # empty
        lambda b: b.replace(b"cache 1", b"cache 9"),  # another layout
        lambda b: b"\x00garbage\n\n" + os.urandom(5000),
    ],
    ids=["truncated", "damaged", "empty", "other_layout", "garbage"],
)
def test_a_damaged_entry_only_costs_time(
    cache: Path, floor_runs: list[bool], copy: Path, damage: Any
) -> None:
    good = load(copy)
    (entry,) = entries(cache)
    entry.write_bytes(damage(entry.read_bytes()))
    assert load(copy) == good
    assert floor_runs == [False, False]  # checked in full again
    assert load(copy) == good and floor_runs == [False, False]  # and written afresh


def test_a_valid_entry_under_another_name_is_not_used(
    cache: Path, floor_runs: list[bool], copy: Path, tmp_path: Path
) -> None:
    """An entry is only taken for its own key: one copied over another
    file's name (the refused file's, say) is ignored."""
    load(copy)
    (good,) = entries(cache)
    bad = tmp_path / "bad.toml"
    bad.write_text(copy.read_text(encoding="utf-8").replace(FALL, FALL_LOWERED), "utf-8")
    name = verified.key(bad.read_bytes(), interview=False)
    assert name is not None
    shutil.copyfile(good, cache / name)
    with pytest.raises(KnowledgeError, match=REFUSED):
        load(bad)


def test_an_entry_anyone_else_could_write_is_ignored(
    cache: Path, floor_runs: list[bool], copy: Path
) -> None:
    load(copy)
    (entry,) = entries(cache)
    entry.chmod(0o666)
    load(copy)
    assert floor_runs == [False, False]
    (entry,) = entries(cache)  # replaced by an owner-only one
    assert entry.stat().st_mode & 0o777 == 0o600
    cache.chmod(0o777)  # a folder others can write: nothing in it is trusted, nor written
    load(copy)
    load(copy)
    assert floor_runs == [False, False, False, False]


def test_a_linked_entry_is_ignored(
    cache: Path, floor_runs: list[bool], copy: Path, tmp_path: Path
) -> None:
    load(copy)
    (entry,) = entries(cache)
    moved = tmp_path / "elsewhere"
    entry.rename(moved)
    entry.symlink_to(moved)
    load(copy)
    assert floor_runs == [False, False]


@pytest.mark.parametrize("where", ["a_file", "empty", "off", "0"])
def test_no_cache_folder_still_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, floor_runs: list[bool], where: str
) -> None:
    """A cache folder that cannot be made (here under a file; a read-only
    HOME is the same), or HIPCHECK_CACHE set empty: every load checks in full."""
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    value = {"a_file": str(blocker / "cache"), "empty": ""}.get(where, where)
    monkeypatch.setenv("HIPCHECK_CACHE", value)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys.modules["hipcheck.cli.knowledge_file"], "_checked", {})  # CLI memo
    for _ in range(2):
        assert load(KB_PATH).version
        assert run("check", "--location", "groin", "--format", "json").exit == 0
    assert floor_runs == [False, False, False]  # the memo keeps the CLI's first load
    assert blocker.read_text() == "not a folder"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]  # no folder named "off"


def test_a_code_or_version_change_checks_again(
    cache: Path, floor_runs: list[bool], copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load(copy)
    load(copy)
    assert floor_runs == [False]
    monkeypatch.setattr(verified, "code_digest", lambda: b"another version of the checks")
    load(copy)
    assert floor_runs == [False, False]
    assert len(entries(cache)) == 2


def test_an_edited_check_changes_the_code_digest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = tmp_path / "checks.py"
    code.write_text("LIMIT = 1\n")
    monkeypatch.setattr(verified, "_CODE_FOLDERS", (str(tmp_path),))
    verified.code_digest.cache_clear()
    before = verified.code_digest()
    code.write_text("LIMIT = 22\n")
    verified.code_digest.cache_clear()
    after = verified.code_digest()
    verified.code_digest.cache_clear()  # the real code's again for the next test
    assert before is not None and after is not None and before != after


def test_the_code_digest_covers_the_checks_and_the_floor() -> None:
    package = Path(verified.__file__).parents[1]
    files = {Path(e.path).relative_to(package).as_posix() for e in verified.code_files()}
    for needed in (
        "knowledge/checks.py",
        "knowledge/red_flags.py",
        "knowledge/loader.py",
        "knowledge/model.py",
        "knowledge/safety_cases.toml",
        "knowledge/reviewed_exceptions.json",
        "core/safety_floor.py",
        "core/reviewed_exceptions.py",
        "core/triage.py",
        "core/scoring.py",
        "core/interview.py",
        "__init__.py",
    ):
        assert needed in files, needed


def test_a_check_without_the_interview_does_not_stand_for_one(
    cache: Path, floor_runs: list[bool], copy: Path
) -> None:
    load(copy)
    verified.load(copy, interview=True)
    verified.load(copy, interview=True)
    assert floor_runs == [False, True]


def test_validate_always_checks_in_full(cache: Path, floor_runs: list[bool], copy: Path) -> None:
    for _ in range(2):
        res = run("validate", str(copy))
        assert res.exit == 0 and ": OK (" in res.out
    assert floor_runs == [True, True]


def test_old_entries_are_pruned(cache: Path, copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(verified, "KEEP", 3)
    text = copy.read_text(encoding="utf-8")
    for i in range(verified.KEEP + 2):
        copy.write_text(text + f"\n# edit {i}\n", encoding="utf-8")
        load(copy)
    assert len(entries(cache)) == verified.KEEP


@pytest.mark.needs_process  # what a fresh interpreter imports
def test_a_check_with_a_warm_cache_imports_no_checks(tmp_path: Path) -> None:
    """A second start takes the file from the cache: it imports none of the
    checks, nor what only writing needs (platformdirs included, on Linux),
    and prints the same assessment."""
    env: dict[str, str | None] = {"HIPCHECK_CACHE": None, "XDG_CACHE_HOME": str(tmp_path)}
    argv = ("check", "--location", "outer-hip", "--format", "json")
    first = hipcheck(*argv, env=env)
    assert (tmp_path / "hipcheck" / "knowledge").is_dir()
    unused = ("hipcheck.knowledge.checks", "hipcheck.core.safety_floor", "rtoml")
    unused += ("hipcheck.store.atomic", "platformdirs")
    expected = [] if sys.platform == "linux" else ["platformdirs"]
    assert imported_by_a_check(unused, env) == expected
    second = hipcheck(*argv, env=env)
    assert first.exit == second.exit == 0
    drop = {"created"}
    assert {k: v for k, v in first.json.items() if k not in drop} == {
        k: v for k, v in second.json.items() if k not in drop
    }


@pytest.mark.parametrize("home", ["", "relative/home", None])
def test_no_home_folder_still_works(
    monkeypatch: pytest.MonkeyPatch, floor_runs: list[bool], home: str | None
) -> None:
    """The user cache folder follows HOME (platformdirs); an empty, relative
    or missing HOME, where platformdirs may raise, means no cache, not an error."""
    monkeypatch.delenv("HIPCHECK_CACHE")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    if home is None:
        monkeypatch.delenv("HOME", raising=False)
    else:
        monkeypatch.setenv("HOME", home)
    import pwd

    monkeypatch.setattr(pwd, "getpwuid", lambda uid: (_ for _ in ()).throw(KeyError(uid)))
    assert verified.cache_folder() is None
    assert load(KB_PATH).version and floor_runs == [False]


SETPRIV = shutil.which("setpriv")


@pytest.mark.needs_process  # another user, in a process of its own
@pytest.mark.skipif(
    SETPRIV is None or os.geteuid() != 0, reason="needs root and setpriv to act as another user"
)
def test_a_read_only_home_works(tmp_path: Path) -> None:
    """A user whose HOME cannot be written (the default cache folder under
    it): every start checks the file in full, prints the same, and writes
    nothing."""
    home = tmp_path / "home"
    home.mkdir()
    home.chmod(0o755)  # root's: the other user can read it, not write it
    tmp_path.chmod(0o755)
    env = {"HOME": str(home), "HIPCHECK_CACHE": None, "XDG_CACHE_HOME": None}
    prefix = [SETPRIV, "--reuid=65534", "--regid=65534", "--clear-groups"]
    argv = ("check", "--location", "outer-hip", "--format", "json")
    runs = [hipcheck(*argv, env=env, cwd=Path("/"), prefix=prefix) for _ in range(2)]
    for res in runs:
        assert res.exit == 0 and res.err == "", res.err
    assert runs[0].json["triage"] == runs[1].json["triage"]
    assert list(home.iterdir()) == []


@pytest.mark.skipif(sys.platform != "linux", reason="the XDG rule is Linux's")
@pytest.mark.parametrize(
    ("xdg", "home"),
    [
        (None, "/home/runner"),
        ("", "/home/runner"),
        ("/var/cache/runner", "/home/runner"),
        ("/var/cache/runner/", "/home/runner/"),
        ("relative/cache", "/home/runner"),
        (None, "/"),
        (None, "relative/home"),
    ],
)
def test_the_folder_looked_in_first_is_platformdirs_folder(
    monkeypatch: pytest.MonkeyPatch, xdg: str | None, home: str
) -> None:
    """A start looks for entries where platformdirs puts the cache on Linux
    without importing it; an entry is only found there if it is the same."""
    import platformdirs

    monkeypatch.delenv("HIPCHECK_CACHE")
    monkeypatch.setenv("HOME", home)
    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    guess = verified.linux_cache_folder()
    if home.startswith("/"):
        expected = platformdirs.user_cache_path("hipcheck", appauthor=False) / "knowledge"
        assert guess == expected == verified.cache_folder()
    else:
        assert guess is None  # platformdirs decides (here: raises, so no cache)


def test_a_wrong_first_folder_only_costs_time(
    cache: Path, floor_runs: list[bool], copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    monkeypatch.setattr(verified, "linux_cache_folder", lambda: elsewhere)
    load(copy)
    load(copy)
    assert floor_runs == [False, False] and len(entries(cache)) == 1
