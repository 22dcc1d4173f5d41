"""The installed `hipcheck`, driven through a real pseudo-terminal with keystrokes."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import signal
import stat
import time
from pathlib import Path

import pexpect
import pytest

from .helpers import ANSI, BIN, answer, expect_prompt, run, send, spawn, write_full_answers
from .helpers import Keyboard as K

pytestmark = [
    pytest.mark.skipif(os.name != "posix", reason="needs a pseudo-terminal"),
    pytest.mark.slow,  # real processes in a pseudo-terminal: CI, not the inner loop
    pytest.mark.needs_process,
]


#: A runner with outer hip pain: the keys for each prompt, found by its text,
#: so the test follows whatever order the interview chooses. Single choices
#: start on "Not sure / skip", so each answer is one or more Downs away.
GT_KEYS: dict[str, tuple[str | K, ...]] = {
    "Safety first": (K.Up, K.Space, K.Enter),  # the last choice: none of these
    "Where is the pain?": (K.Space, K.Enter),  # outer hip
    "Which side?": (K.Down, K.Enter),  # left
    "build up over": (K.Down, K.Down, K.Enter),  # gradual
    "How long": (K.Down, K.Down, K.Enter),  # 1-6 weeks
    "getting better": (K.Down, K.Down, K.Enter),  # same
    "How bad": ("5", K.Enter),
    "When does it hurt?": (K.Space, K.Enter),  # during runs
    "What makes it worse?": (K.Down, K.Down, K.Down, K.Space, K.Enter),  # one leg
    "What does it feel like?": (K.Space, K.Enter),  # dull ache
    "Anything else you notice?": (K.Enter,),  # nothing ticked: skipped
    "rest ease it": (K.Down, K.Down, K.Enter),  # no
    "how long does the stiffness last": (K.Enter,),  # not sure / skip
    "How old": ("52", K.Enter),
    "Your sex": (K.Enter,),
    "medical history": (K.Enter,),
    "training or": (K.Space, K.Enter),  # mileage jump
    "how you move": (K.Space, K.Enter),  # hip drop
    "during those runs": (K.Enter,),  # not run since: left empty
    "morning after": (K.Enter,),  # not sure / skip
}


def answer_gt_case(child: pexpect.spawn) -> list[str]:
    """Answer each prompt as it comes, until the review table ("Your answers")
    is shown; the prompts met, in order."""
    met: list[str] = []
    texts = list(GT_KEYS)
    while True:  # each question starts with its "Question N of about M" line
        if child.expect([r"Question \d+ of about", "Your answers"]) == 1:
            return met
        i = child.expect([re.escape(s) for s in texts])
        met.append(texts[i])
        child.expect(r"» |skip\)")  # the prompt is drawn and reads keys
        time.sleep(0.1)
        send(child, *GT_KEYS[texts[i]])


def test_full_questionnaire_review_summary_and_save(tmp_path: Path) -> None:
    child = spawn("--full", cwd=tmp_path)
    # every question with --full, but not those about the runs since a last check-in
    met = answer_gt_case(child)
    assert len(met) >= 17 and "Your sex" in met and "How long" in met
    assert "during those runs" not in met and "morning after" not in met
    child.expect_exact("Other symptoms")
    child.expect_exact("not answered")
    expect_prompt(child, "Review your answers")
    # change the worst pain from 5 to 3: after "Looks right", the eight safety
    # questions, where, side, onset, how long and trend
    send(child, *[K.Down] * 14, K.Enter)
    expect_prompt(child, "How bad")
    send(child, K.Backspace, "3", K.Enter)
    expect_prompt(child, "Review your answers")
    child.expect_exact("Change worst pain (0-10): 3")
    send(child, K.Enter)  # looks right
    child.expect_exact("ROUTINE")
    child.expect_exact("Gluteal tendinopathy")
    child.expect_exact("not a diagnosis")
    expect_prompt(child, "Keep your check-ins in a private history")
    send(child, "y", K.Enter)  # yes (asked once, remembered)
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


def _keep_and_reach_the_save_menu(child: pexpect.spawn, keep: str) -> None:
    """Safety screen "none of these", Enter through the questions, `keep`
    ("y" or "n") at "Keep your check-ins?": the child at "Save this summary?"."""
    expect_prompt(child, "Safety first")
    answer(child, K.Up, K.Space, K.Enter)
    enter_through(child, "Keep your check-ins")
    child.expect_exact("(y/N")  # the prompt is drawn: it reads keys now
    time.sleep(0.2)
    send(child, keep, K.Enter)
    expect_prompt(child, "Save this summary?")


def _at_the_save_menu(tmp_path: Path) -> tuple[pexpect.spawn, str]:
    """A groin strain from a file, the questions left skipped, no history
    kept: the child at "Save this summary?", and what it showed before."""
    answers = tmp_path / "a.json"
    answers.write_text(
        '{"deformity": false, "fever": false, "injury": false, "location": ["groin"],'
        ' "triggers": ["squeezing_knees"], "duration": "under_1_week", "severity": 3}'
    )
    child = spawn("check", "--answers", str(answers), "--interactive", cwd=tmp_path)
    # the safety questions the file left open share one screen
    expect_prompt(child, "Safety first")
    child.expect_exact("bladder or bowel")
    answer(child, K.Up, K.Space, K.Enter)  # the last choice: none of these
    # every other question the interview asks: Enter alone, which skips it;
    # location, triggers, duration and severity came from the file
    transcript = enter_through(child, "Keep your check-ins in a private history")
    child.expect_exact("(y/N")  # the prompt is drawn: it reads keys now
    time.sleep(0.2)
    send(child, "n", K.Enter)  # no (Enter confirms: a typed key never answers the next prompt)
    expect_prompt(child, "Save this summary?")
    return child, transcript


def test_save_never_overwrites(tmp_path: Path) -> None:
    existing = tmp_path / f"hipcheck-{dt.date.today().isoformat()}.md"
    existing.write_text("keep me")
    child, transcript = _at_the_save_menu(tmp_path)
    assert "Where is the pain?" not in transcript and "How bad" not in transcript
    assert "Adductor" in transcript
    send(child, K.Down, K.Down, K.Enter)
    child.expect_exact("Saved to")
    child.expect(pexpect.EOF)
    assert existing.read_text() == "keep me"
    new = tmp_path / f"hipcheck-{dt.date.today().isoformat()}-2.md"
    assert new.exists(), sorted(p.name for p in tmp_path.iterdir())
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
    answer(child, K.Up, K.Space, K.Enter)
    transcript = enter_through(child, "Your answers")
    assert "Where is the pain?" not in transcript and "How bad" not in transcript
    quit_at_the_review(child)


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
    send(child, K.Down, K.Enter)
    expect_prompt(child, "Save this summary?")
    send(child, K.Enter)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
@pytest.mark.parametrize("live", [True, False], ids=["at-the-prompt", "while-it-loads"])
def test_a_signal_in_the_questionnaire_restores_the_terminal(
    tmp_path: Path, signum: int, live: bool
) -> None:
    """Reliability review F19: SIGTERM or SIGHUP at a prompt unwinds like Ctrl-C;
    so it does while the first question is painted and its prompt still loads
    (ui/painted.py): the copy is erased, the cursor shown, the keys no longer held."""
    child = spawn(cwd=tmp_path)
    child.expect_exact("\u25cb None of these")  # the first question, painted
    if live:  # the prompt itself reads keys (bracketed paste on), and is drawn
        child.expect_exact("\x1b[?2004h")
        child.expect_exact("\u25cb None of these")
        time.sleep(0.2)
    child.kill(signum)
    child.expect(pexpect.EOF)
    tail = child.before
    import termios  # POSIX only, as the test

    lflag = termios.tcgetattr(child.child_fd)[3]
    child.close()
    assert child.exitstatus == 128 + signum
    assert "\x1b[?25h" in tail  # cursor shown
    if live or "\x1b[?2004h" in tail:
        assert "\x1b[?2004l" in tail  # bracketed paste off
    assert lflag & termios.ECHO and lflag & termios.ICANON  # the keys no longer held
    assert tail.rstrip().endswith("hipcheck: stopped by a signal; nothing was saved")
    assert list(tmp_path.iterdir()) == []


def quit_at_the_review(child: pexpect.spawn) -> None:
    """Ctrl-C once the review prompt reads keys: a key sent while the screen
    is still being drawn can be lost, so the test waits for the prompt's
    cursor and, if the first Ctrl-C was lost all the same, sends another."""
    child.expect(r"» ", timeout=20)
    time.sleep(0.3)
    child.sendcontrol("c")
    if child.expect([pexpect.EOF, pexpect.TIMEOUT], timeout=10) == 1:
        child.sendcontrol("c")
        child.expect(pexpect.EOF)


def enter_through(child: pexpect.spawn, until: str) -> str:
    """Press only Enter at every prompt until `until` appears; the transcript."""
    seen: list[str] = []
    # An active prompt shows its cursor "»" (choices) or "empty to skip)"
    # (numbers); an answered one is redrawn without them, so no Enter is
    # sent twice. `until` comes first in the list and so wins a tie.
    active = r"» |skip\)|\(y/N"
    while True:
        i = child.expect([re.escape(until), active, pexpect.EOF], timeout=40)
        seen.append(child.before)
        if i == 1:
            time.sleep(0.05)
            answer(child, K.Enter)  # and wait: a redraw of it is not a new prompt
        else:
            return ANSI.sub("", "".join(seen))


@pytest.mark.slow
def test_only_enter_records_no_answer_and_leaves_safety_unanswered(tmp_path: Path) -> None:
    """Issue 12: Enter alone never invents an answer, not even "no"."""
    child = spawn("check", "--interactive", "-o", "out.json", cwd=tmp_path)
    enter_through(child, "Saved to")
    child.expect(pexpect.EOF)
    child.close()
    doc = json.loads((tmp_path / "out.json").read_text())
    assert doc["answers"] == {}
    assert doc["triage"]["safety_unanswered"] == [
        "cannot_bear_weight", "deformity", "fever", "saddle_numbness", "injury", "limp",
        "weight_loss", "elsewhere",
    ]  # fmt: skip
    assert not any("No warning signs" in r for r in doc["triage"]["reasons"])


@pytest.mark.slow
def test_safety_choices_read_in_full_at_40_columns(tmp_path: Path) -> None:
    child = spawn(cwd=tmp_path, columns=40)
    expect_prompt(child, "Safety first")
    child.expect_exact("None of these")
    screen = " ".join(ANSI.sub("", child.before).split())
    for label in (
        "I cannot put weight on the leg, or walk only with great difficulty",
        "The hip or leg looks deformed (misshapen, shortened or turned out)",
        "The pain started with a fall, collision, slip or other injury",
        "I have lost weight without trying, or have drenching night sweats",
    ):
        assert label in screen
    child.sendcontrol("c")
    child.expect(pexpect.EOF)


@pytest.mark.slow
def test_the_triage_is_on_screen_when_the_last_prompts_appear(tmp_path: Path) -> None:
    child = spawn(cwd=tmp_path, columns=60)
    transcript = enter_through(child, "Keep your check-ins")
    tail = transcript[transcript.rindex("not a diagnosis") :]
    assert "What to do now" in tail and "SELF-CARE" in tail and "Running:" in tail
    assert len(tail.splitlines()) < 30  # the recap fits on one screen above the prompt
    child.sendcontrol("c")
    child.expect(pexpect.EOF)


@pytest.mark.slow
def test_with_stdout_redirected_the_questions_still_show(tmp_path: Path) -> None:
    """`hipcheck > out.txt`: the dialogue stays on the terminal, the summary goes to the file."""
    child = pexpect.spawn(
        "bash",
        ["-c", f"{BIN / 'hipcheck'} > out.txt"],
        cwd=str(tmp_path),
        env={**os.environ, "TERM": "xterm-256color", "COLUMNS": "80",
             "HIPCHECK_HOME": str(tmp_path / "home")},
        encoding="utf-8",
        dimensions=(40, 80),
        timeout=15,
    )  # fmt: skip
    expect_prompt(child, "Safety first")
    enter_through(child, "Save this summary")
    send(child, K.Enter)
    child.expect(pexpect.EOF)
    summary = (tmp_path / "out.txt").read_text()
    assert summary.startswith("hipcheck summary") and "WHAT TO DO NOW" in summary
    assert "Safety first" not in summary and "\x1b" not in summary


@pytest.mark.slow
def test_a_later_check_in_asks_how_the_runs_went(tmp_path: Path) -> None:
    """Issue 13: with a kept history, the questionnaire asks about the runs
    since the last check-in (for the return-to-running plan)."""
    env = {"HIPCHECK_HOME": str(tmp_path / "home")}
    for args in (("history", "keep", "yes"), ("check", "--location", "outer-hip", "--save")):
        assert run(*args, env=env).exit == 0
    child = spawn(cwd=tmp_path, env=env)
    expect_prompt(child, "Safety first")
    answer(child, K.Up, K.Space, K.Enter)
    transcript = enter_through(child, "Your answers")
    assert "during those runs" in transcript and "morning after" in transcript
    quit_at_the_review(child)


@pytest.mark.slow
def test_at_40_columns_the_review_shows_every_answer_in_full(tmp_path: Path) -> None:
    given = {
        "saddle_numbness": False, "location": ["buttock", "pubic_bone"],
        "pain_type": ["shooting"], "symptoms": ["numbness"], "history": ["back_problems"],
    }  # fmt: skip
    (tmp_path / "a.json").write_text(json.dumps(given))
    child = spawn("check", "-a", "a.json", "--interactive", cwd=tmp_path, columns=40)
    transcript = enter_through(child, "Your answers")
    child.expect_exact("Review your answers")
    review = ANSI.sub("", child.before or "")
    text = " ".join(review.split())
    for words in (
        "Numbness between the legs, or bladder or bowel trouble: no",
        "Where it hurts: Buttock, Pubic bone (the bony front of the pelvis, at the midline)",
        "What it feels like: Shooting or travelling down the leg",
        "Medical history: Back problems",
    ):
        assert words in text, words
    assert "Question" in transcript
    child.sendcontrol("c")
    child.expect(pexpect.EOF)


@pytest.mark.slow
def test_n_at_the_keep_prompt_keeps_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    child = spawn(cwd=tmp_path, env={"HIPCHECK_HOME": str(home)})
    _keep_and_reach_the_save_menu(child, "n")
    send(child, K.Enter)
    child.expect_exact("Nothing was saved to a file or kept on this computer.")
    child.expect(pexpect.EOF)
    kept = [p.name for p in home.rglob("*") if p.is_file() and p.name != "preferences.json"]
    assert kept == []
    assert json.loads((home / "preferences.json").read_text()) == {"keep_history": False}


@pytest.mark.slow
def test_an_emergency_with_stdout_redirected_reaches_the_file(tmp_path: Path) -> None:
    child = pexpect.spawn(
        "bash", ["-c", f"{BIN / 'hipcheck'} > out.txt"], cwd=str(tmp_path),
        env={**os.environ, "TERM": "xterm-256color", "COLUMNS": "80",
             "HIPCHECK_HOME": str(tmp_path / "home")},
        encoding="utf-8", dimensions=(40, 80), timeout=15,
    )  # fmt: skip
    expect_prompt(child, "Safety first")
    send(child, K.Space, K.Enter)  # cannot put weight on the leg
    child.expect_exact("EMERGENCY")
    child.expect_exact("The summary went to")
    child.expect_exact("out.txt")
    child.expect(pexpect.EOF)
    summary = (tmp_path / "out.txt").read_text()
    assert "EMERGENCY" in summary and "\x1b" not in summary


@pytest.mark.slow
def test_left_arrow_changes_the_last_answer_right_away(tmp_path: Path) -> None:
    child = spawn(cwd=tmp_path)
    expect_prompt(child, "Safety first")
    answer(child, K.Up, K.Space, K.Enter)  # none of these
    expect_prompt(child, "Where is the pain?")
    answer(child, K.Left)  # back to the safety screen
    child.expect_exact("Question 1 of about")
    expect_prompt(child, "Safety first")
    send(child, K.ControlC)
    child.expect(pexpect.EOF)


@pytest.mark.slow
def test_the_body_map_and_every_choice_fit_24_rows(tmp_path: Path) -> None:
    child = spawn(cwd=tmp_path, columns=80)
    expect_prompt(child, "Safety first")
    answer(child, K.Up, K.Space, K.Enter)
    child.expect_exact("Question 2 of about")
    child.expect_exact("None of these")
    screen = ANSI.sub("", child.before or "")
    lines = [line for line in screen.replace("\r", "").split("\n")]
    assert "FRONT" in screen and re.search(r"\d+\. Back of the pelvis", screen)
    assert len(lines) + 1 <= 24  # the counter line to the last choice
    child.sendcontrol("c")
    child.expect(pexpect.EOF)


@pytest.mark.slow
def test_a_wrong_number_is_named_in_full_at_40_columns(tmp_path: Path) -> None:
    """Used at 40x24: a wrong age read "Enter a whole number from 10 to 100,
    or" (the error line is cut at the terminal's width)."""
    child = spawn(cwd=tmp_path, columns=40, rows=24)
    expect_prompt(child, "Safety first")
    answer(child, K.Up, K.Space, K.Enter)
    expect_prompt(child, "Where is the pain?")
    answer(child, K.Down, K.Down, K.Space, K.Enter)
    expect_prompt(child, "How old are you?")
    send(child, "150", K.Enter)
    child.expect_exact("Whole number 10-100, or empty to skip")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)


@pytest.mark.slow
def test_at_40x24_the_choices_of_where_it_hurts_come_before_the_map(tmp_path: Path) -> None:
    """UX re-check: at 40x24 the body map scrolled off before the choices.
    Where the map and every choice do not fit together, the named choices
    are drawn without it."""
    child = spawn(cwd=tmp_path, columns=40, rows=24)
    expect_prompt(child, "Safety first")
    answer(child, K.Up, K.Space, K.Enter)
    child.expect_exact("Question 2 of about")
    child.expect_exact("None of these")
    screen = ANSI.sub("", child.before or "")
    assert "FRONT" not in screen
    assert re.search(r" 1\. Outer hip", screen) and re.search(r"14\. Back of the pelvis", screen)
    # the question and every choice on one screen (the counter may scroll)
    asked = screen[screen.index("? Where is the pain?") :].replace("\r", "").split("\n")
    assert len(asked) + 1 <= 24
    child.sendcontrol("c")
    child.expect(pexpect.EOF)


def test_a_signal_at_save_after_a_kept_check_in_says_it_was_kept(tmp_path: Path) -> None:
    """Reliability review round 3: SIGTERM at "Save this summary?" after the
    check-in was kept must not say "nothing was saved"."""
    home = tmp_path / "home"
    child = spawn(cwd=tmp_path, env={"HIPCHECK_HOME": str(home)})
    _keep_and_reach_the_save_menu(child, "y")
    child.kill(signal.SIGTERM)
    child.expect(pexpect.EOF)
    tail = child.before
    child.close()
    assert child.exitstatus == 128 + signal.SIGTERM
    assert tail.rstrip().endswith(
        "hipcheck: stopped by a signal; check-in #1 was kept, nothing else was saved"
    ), tail[-300:]
    assert (home / "history.sqlite3").exists()


@pytest.mark.slow
def test_the_review_offers_detail_for_the_clinician_and_words_are_never_split(
    tmp_path: Path,
) -> None:
    child = spawn(cwd=tmp_path, columns=80)
    expect_prompt(child, "Safety first")
    answer(child, K.Up, K.Space, K.Enter)
    transcript = enter_through(child, "Your answers")
    child.expect_exact("Review your answers")
    child.expect_exact("Add detail for your clinician (")
    child.expect(r"(\d+) more question")
    assert int(child.match.group(1)) > 0
    time.sleep(0.2)
    answer(child, K.Down, K.Enter)  # add detail
    more = enter_through(child, "Your answers")
    assert "Question" in more and "Your sex" in transcript + more
    plain = " ".join(ANSI.sub("", transcript).split())
    assert "confir m" not in plain and "ent er" not in plain  # instructions wrap at words
    assert "(space ticks, enter when done; none ticked = not sure)" in plain
    quit_at_the_review(child)


@pytest.mark.slow
@pytest.mark.parametrize("sex", ["male", "female"])
def test_a_male_is_not_offered_the_pregnancy_choices(tmp_path: Path, sex: str) -> None:
    """UX review N16: a 16-year-old boy was asked about pregnancy. With sex
    known, the history list offers the pregnancy choices only where they
    can apply (the safety screen is first and the same for everyone)."""
    answers = write_full_answers(tmp_path / "a.json", sex=sex, age=16)
    doc = json.loads(answers.read_text())
    del doc["history"]
    answers.write_text(json.dumps(doc))
    child = spawn("check", "--answers", str(answers), "--interactive", "--full", cwd=tmp_path)
    expect_prompt(child, "Any of these in your medical history")
    child.expect_exact("None of these")
    screen = " ".join(ANSI.sub("", child.before or "").split())
    assert "A previous stress fracture" in screen
    assert ("Pregnant now" in screen) == (sex == "female")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)


def test_the_intro_says_check_ins_are_kept_once_the_runner_said_so(tmp_path: Path) -> None:
    # UX re-check: "Nothing is kept on this computer unless you say yes"
    # shown to a runner whose check-ins are kept without asking
    home = tmp_path / "home"
    run("--data-dir", str(home), "history", "keep", "yes")
    child = spawn("--data-dir", str(home), cwd=tmp_path)
    gap = r"(?:\s|\x1b\[[0-9;?]*[A-Za-z])+"  # Rich may wrap or style between words
    child.expect(gap.join(["Your", "check-ins", "are", "kept"]))
    assert "Nothing" not in ANSI.sub("", child.before or "")
    expect_prompt(child, "Safety first: do any of these apply")
    send(child, K.ControlC)
    child.expect(pexpect.EOF)
    child.close()


def test_the_clinicians_page_can_be_saved_after_the_questions(tmp_path: Path) -> None:
    """A runner's review (stop 38): "a page for my doctor" was only to be had
    with `check -o x.html`; the save menu offers it too."""
    child, _ = _at_the_save_menu(tmp_path)
    child.expect_exact("Save a page for your clinician")
    send(child, K.Down, K.Down, K.Down, K.Enter)
    child.expect_exact("Saved to")
    child.expect(pexpect.EOF)
    page = tmp_path / f"hipcheck-{dt.date.today().isoformat()}.html"
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert stat.S_IMODE(page.stat().st_mode) == 0o600


@pytest.mark.slow
def test_an_unusable_history_still_offers_to_save_the_summary(tmp_path: Path) -> None:
    """Reliability review round 3, finding 6 (a re-check, stop 40): "yes, keep
    them" with a data folder that cannot be used (here inside a file) showed
    the summary, then ended at once: the offer to save the summary to a file
    was lost. Now the offer comes, the summary is saved, and the history's
    problem is the last line, with a non-zero exit."""
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder")
    child = spawn(cwd=tmp_path, env={"HIPCHECK_HOME": str(blocker / "sub")})
    _keep_and_reach_the_save_menu(child, "y")
    send(child, K.Down, K.Enter)  # as text
    child.expect_exact("Saved to")
    child.expect(pexpect.EOF)
    tail = ANSI.sub("", child.before)
    child.close()
    assert child.exitstatus == 2
    assert "inside a file, not a folder" in tail.strip().splitlines()[-1], tail[-400:]
    saved = tmp_path / f"hipcheck-{dt.date.today().isoformat()}.txt"
    assert "TRIAGE:" in saved.read_text()
