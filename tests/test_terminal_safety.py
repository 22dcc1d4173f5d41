"""Untrusted text on a terminal (reliability review F10, F12; issue 11).

One sanitiser (`terminal.clean`) makes every control character and bidi
override visible in what hipcheck writes; Rich markup in knowledge text is
shown as written, never interpreted.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from hipcheck.terminal import clean, clean_line

from .conftest import KB_PATH
from .helpers import Result, run

BIN = Path(sys.executable).parent / "hipcheck"
ESC_TITLE = "\x1b]0;PWNED\x07\x1b[2J"


def hc(*args: str, cwd: Path | None = None, columns: int = 100) -> Result:
    return run(*args, cwd=cwd, env={"COLUMNS": str(columns)})


def raw_controls(text: str) -> list[str]:
    """Control characters other than newline and tab."""
    return [c for c in text if (ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F]


@pytest.mark.parametrize(
    "char", ["\x1b", "\x07", "\x00", "\x9b", "\x9d", "\x7f", "\u202e", "\u2066", "\r"]
)
def test_clean_makes_each_unsafe_character_visible(char: str) -> None:
    out = clean(f"a{char}b")
    assert char not in out and out == f"a\\u{ord(char):04x}b"


def test_clean_keeps_text_newlines_and_json_meaning() -> None:
    assert clean("é ü 日本\nnext\tcol") == "é ü 日本\nnext\tcol"
    doc = json.dumps({"id": "x\x9b2J"}, ensure_ascii=False)  # json leaves C1 raw
    assert json.loads(clean(doc)) == {"id": "x\x9b2J"}
    assert "\n" not in clean_line("one\ntwo")


def test_a_file_name_with_escapes_is_shown_escaped(tmp_path: Path) -> None:
    name = f"{ESC_TITLE}.json"
    res = hc("check", "--answers", name, cwd=tmp_path)
    assert res.exit == 2 and res.err.count("\n") == 1
    assert raw_controls(res.err) == []


def test_an_output_name_with_escapes_is_reported_escaped(tmp_path: Path) -> None:
    res = hc("check", "--location", "outer-hip", "-o", f"{ESC_TITLE}.txt", cwd=tmp_path)
    assert res.exit == 0, res.err
    assert "saved the text summary" in res.err and raw_controls(res.err) == []


def _kb_with(tmp_path: Path, old: str, new: str) -> Path:
    text = KB_PATH.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "kb.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("columns", [100, 50])
def test_rich_markup_in_a_rules_advice_is_shown_not_read(tmp_path: Path, columns: int) -> None:
    """(A reason's own square brackets mark words a more urgent page leaves
    out, knowledge/reason_text.py: never Rich's; a rule's advice is shown
    as written.)"""
    kb = _kb_with(
        tmp_path,
        'reason = "The pain is very severe (8 or more out of 10)."',
        'reason = "The pain is very severe (8 or more out of 10)."\n'
        'advice = "[/] [bold]Rest the leg."',
    )
    res = hc(
        "--kb", str(kb), "check", "--location", "outer-hip", "--severity", "9",
        "--format", "rich", columns=columns,
    )  # fmt: skip
    assert res.exit == 0, res.err
    assert "[/] [bold]Rest the leg" in res.out.replace("\n", " ") or "[/]" in res.out


def test_rich_markup_in_a_condition_name_is_shown_not_read(tmp_path: Path) -> None:
    kb = _kb_with(tmp_path, 'name = "Gluteal tendinopathy', 'name = "Gluteal [/]tendinopathy')
    res = hc("--kb", str(kb), "check", "--location", "outer-hip", "--format", "rich")
    assert res.exit == 0, res.err
    assert "Gluteal [/]tendinopathy" in res.out
