"""The installed `hipcheck`, driven through a real pseudo-terminal with keystrokes."""

from __future__ import annotations

import datetime as dt
import os
import stat
import time
from pathlib import Path

import pexpect
import pytest

from .helpers import ANSI, expect_prompt, send, spawn, write_full_answers
from .helpers import Keyboard as K

pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs a pseudo-terminal")


def answer_gt_case(child: pexpect.spawn) -> None:
    """A runner with outer hip pain answers every question with real keys."""
    expect_prompt(child, "Safety first: do any of these apply")
    send(child, K.Up, K.Space, K.Enter)  # the last choice: none of these
    expect_prompt(child, "Where is the pain?")
    send(child, K.Space, K.Enter)  # outer hip
    expect_prompt(child, "Which side?")
    send(child, K.Enter)  # left
    expect_prompt(child, "build up over time")
    send(child, K.Down, K.Enter)  # gradual
    expect_prompt(child, "How long")
    send(child, K.Down, K.Enter)  # 1-6 weeks
    expect_prompt(child, "getting better")
    send(child, K.Down, K.Enter)  # same
    expect_prompt(child, "How bad")
    send(child, "5", K.Enter)
    expect_prompt(child, "When does it hurt?")
    send(child, K.Space, K.Enter)  # during runs
    expect_prompt(child, "What makes it worse?")
    send(child, K.Down, K.Down, K.Down, K.Space, K.Enter)  # standing on that leg
    expect_prompt(child, "What does it feel like?")
    send(child, K.Space, K.Enter)  # dull ache
    expect_prompt(child, "Anything else you notice?")
    send(child, K.Enter)  # nothing ticked: skipped
    expect_prompt(child, "rest ease it")
    send(child, K.Down, K.Enter)  # no
    expect_prompt(child, "How old")
    send(child, "52", K.Enter)
    expect_prompt(child, "Sex")
    send(child, K.Enter)
    expect_prompt(child, "medical history")
    send(child, K.Enter)
    expect_prompt(child, "training or lifestyle")
    send(child, K.Space, K.Enter)  # mileage jump
    expect_prompt(child, "how you move")
    send(child, K.Space, K.Enter)  # hip drop


def test_full_questionnaire_review_summary_and_save(tmp_path: Path) -> None:
    child = spawn(cwd=tmp_path)
    child.expect_exact("Question 1 of about 17")
    answer_gt_case(child)
    child.expect_exact("Your answers")
    child.expect_exact("Other symptoms")
    child.expect_exact("not answered")
    expect_prompt(child, "Review your answers")
    # change the worst pain from 5 to 3
    send(child, *[K.Down] * 13, K.Enter)
    expect_prompt(child, "How bad")
    send(child, K.Backspace, "3", K.Enter)
    expect_prompt(child, "Review your answers")
    child.expect_exact("Change worst pain (0-10): 3")
    send(child, K.Enter)  # looks right
    child.expect_exact("ROUTINE")
    child.expect_exact("Gluteal tendinopathy")
    child.expect_exact("not a diagnosis")
    expect_prompt(child, "Keep your check-ins in a private history")
    send(child, K.Enter)  # yes (asked once, remembered)
    child.expect_exact("Check-in #1 kept in your private history")
    expect_prompt(child, "Save this summary?")
    send(child, K.Down, K.Enter)  # as text
    child.expect_exact("Saved to")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    saved = tmp_path / f"hipcheck-{dt.date.today().isoformat()}.txt"
    text = saved.read_text()
    assert "TRIAGE: ROUTINE" in text and "1. Gluteal tendinopathy" in text
    assert "mild pain (0-3 of 10)" in text  # the changed answer was used
    assert not ANSI.search(text)
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600


def test_save_never_overwrites(tmp_path: Path) -> None:
    existing = tmp_path / f"hipcheck-{dt.date.today().isoformat()}.md"
    existing.write_text("keep me")
    answers = tmp_path / "a.json"
    answers.write_text(
        '{"deformity": false, "fever": false, "injury": false, "location": ["groin"],'
        ' "triggers": ["squeezing_knees"], "duration": "under_1_week", "severity": 3}'
    )
    child = spawn("check", "--answers", str(answers), "--interactive", cwd=tmp_path)
    # the safety questions the file left open share one screen
    expect_prompt(child, "Safety first")
    child.expect_exact("bladder or bowel")
    send(child, K.Up, K.Space, K.Enter)  # the last choice: none of these
    not_sure = (K.Up, K.Enter)  # the last choice of a select
    untouched = (K.Enter,)  # nothing ticked, or an empty number: skipped
    # location, triggers, duration and severity were given: not asked again;
    # rest_helps does not apply to pain under a week
    for prompt, keys in (
        ("Which side?", not_sure),
        ("build up", not_sure),
        ("getting better", not_sure),
        ("When does it hurt", untouched),
        ("What does it feel like", untouched),
        ("Anything else", untouched),
        ("How old", untouched),
        ("Sex", not_sure),
        ("medical history", untouched),
        ("training or lifestyle", untouched),
        ("how you move", untouched),
    ):
        expect_prompt(child, prompt)
        send(child, *keys)
    expect_prompt(child, "Review your answers")
    send(child, K.Enter)
    child.expect_exact("Adductor")
    expect_prompt(child, "Keep your check-ins in a private history")
    send(child, "n")  # a confirm prompt acts on the key itself
    expect_prompt(child, "Save this summary?")
    send(child, K.Down, K.Down, K.Enter)
    child.expect_exact("Saved to")
    child.expect(pexpect.EOF)
    assert existing.read_text() == "keep me"
    new = tmp_path / f"hipcheck-{dt.date.today().isoformat()}-2.md"
    assert "Adductor" in new.read_text()


def test_emergency_answer_stops_at_once(tmp_path: Path) -> None:
    child = spawn(cwd=tmp_path)
    expect_prompt(child, "Safety first: do any of these apply")
    send(child, K.Down, K.Space, K.Enter)  # "The hip or leg looks deformed"
    child.expect_exact("EMERGENCY")
    child.expect_exact("Go to emergency care now")
    child.expect_exact("dislocation")
    child.expect(pexpect.EOF)
    rest = ANSI.sub("", child.before or "")
    assert "Where is the pain" not in rest and "Question 2" not in rest
    child.close()
    assert child.exitstatus == 0
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("key", [K.ControlC, K.ControlD])
def test_interrupt_mid_questionnaire(tmp_path: Path, key: K) -> None:
    child = spawn(cwd=tmp_path)
    expect_prompt(child, "Safety first: do any of these apply")
    send(child, K.Up, K.Space, K.Enter)
    expect_prompt(child, "Where is the pain?")
    send(child, K.Space, key)
    child.expect_exact("hipcheck: interrupted; nothing was saved")
    child.expect(pexpect.EOF)
    assert "Traceback" not in (child.before or "")
    child.close()
    assert child.exitstatus == 130
    assert list(tmp_path.iterdir()) == []


def test_flags_are_not_asked_again(tmp_path: Path) -> None:
    child = spawn(
        "check", "--severity", "4", "--location", "outer-hip", "--interactive", cwd=tmp_path
    )
    expect_prompt(child, "Safety first: do any of these apply")
    send(child, K.Up, K.Space, K.Enter)
    expect_prompt(child, "Which side?")  # location was given
    send(child, K.ControlC)
    child.expect(pexpect.EOF)


def test_time_to_first_question(tmp_path: Path) -> None:
    """Generous bound on a loaded CI machine; the benchmark measures it properly."""
    start = time.monotonic()
    child = spawn(cwd=tmp_path)
    expect_prompt(child, "Safety first")
    elapsed = time.monotonic() - start
    send(child, K.ControlC)
    child.expect(pexpect.EOF)
    assert elapsed < 3.0


def test_questionnaire_with_activity_data(tmp_path: Path) -> None:

    from .activity_files import weekly_history

    (tmp_path / "runs").mkdir()
    weekly_history(tmp_path / "runs", [20, 20, 20, 20, 20, 20, 20, 26], dt.date(2026, 11, 16))
    answers = tmp_path / "a.json"
    write_full_answers(answers, severity=4, age=45)
    child = spawn("check", "--answers", str(answers), "--activities", str(tmp_path / "runs"),
                  "--interactive", cwd=tmp_path)  # fmt: skip
    child.expect_exact("From your activity data (24 runs)")
    child.expect(r"mileage\s+jump:\s+a\s+run\s+of\s+10\.4\s+km\s+on\s+22\s+Nov")  # after 8 km
    expect_prompt(child, "Review your answers")
    send(child, K.Enter)
    child.expect(r"from\s+your\s+activity\s+data")  # in the why of a condition
    child.expect(r"Training\s+load\s+from\s+your\s+activity\s+data")
    expect_prompt(child, "Keep your check-ins")
    send(child, "n")
    expect_prompt(child, "Save this summary?")
    send(child, K.Enter)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
