"""The real questionary prompts, fed keystrokes through prompt_toolkit's pipe input."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.input.base import PipeInput
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from hipcheck.core.questionnaire import GoBack
from hipcheck.knowledge import KnowledgeBase
from hipcheck.ui.prompter import QuestionaryPrompter, describe, flow
from hipcheck.ui.wording import TICK

from .helpers import Keyboard as K


def prompter() -> QuestionaryPrompter:
    """A prompter whose progress and help lines go nowhere."""
    return QuestionaryPrompter(Console(file=io.StringIO(), width=100))


@pytest.fixture
def keys() -> Iterator[PipeInput]:
    with create_pipe_input() as inp, create_app_session(input=inp, output=DummyOutput()):
        yield inp


def ask(
    kb: KnowledgeBase, keys: PipeInput, qid: str, *typed: str, current: object = None
) -> object:
    keys.send_text("".join(typed))
    return prompter().ask(kb.question_by_id[qid], current, 1, 20)  # type: ignore[arg-type]


def test_enter_alone_never_invents_an_answer(kb: KnowledgeBase, keys: PipeInput) -> None:
    """Issue 12: the cursor starts on "Not sure / skip" on every single choice."""
    for qid in ("fever", "side", "onset", "duration", "trend", "rest_helps", "sex"):
        assert ask(kb, keys, qid, K.Enter) is None, qid


def test_yes_no_offers_no_before_yes(kb: KnowledgeBase, keys: PipeInput) -> None:
    assert ask(kb, keys, "fever", K.Down, K.Enter) is False
    assert ask(kb, keys, "fever", K.Down, K.Down, K.Enter) is True


def test_one_of(kb: KnowledgeBase, keys: PipeInput) -> None:
    assert ask(kb, keys, "duration", K.Down, K.Down, K.Enter) == "1_to_6_weeks"
    assert ask(kb, keys, "duration", K.Enter, current="over_6_weeks") == "over_6_weeks"


def test_one_not_sure_choice_per_question(kb: KnowledgeBase, keys: PipeInput) -> None:
    """rest_helps has its own "not sure" value: the prompt's skip stands for it."""
    # skip, yes, no: three steps down wraps to the skip again
    assert ask(kb, keys, "rest_helps", K.Down, K.Down, K.Enter) == "no"
    assert ask(kb, keys, "rest_helps", K.Down, K.Down, K.Down, K.Enter) is None


def test_safety_screen_with_nothing_ticked_asks_again(kb: KnowledgeBase, keys: PipeInput) -> None:
    screen = kb.screen_by_id["safety"]
    qs = [q for q in kb.questions if q.screen == "safety"]
    p = prompter()
    keys.send_text(K.Enter + K.Enter)  # nothing ticked, then "Not sure"
    assert p.ask_screen(screen, qs, 1, 10) == {}
    keys.send_text(K.Enter + K.Down + K.Enter)  # nothing ticked, then "none of these apply"
    none: dict[str, object] = {q.id: False if q.kind == "yes_no" else () for q in qs}
    assert p.ask_screen(screen, qs, 1, 10) == none


def test_a_several_question_on_the_safety_screen_is_one_tick_per_value(
    kb: KnowledgeBase, keys: PipeInput
) -> None:
    screen = kb.screen_by_id["safety"]
    qs = [q for q in kb.questions if q.screen == "safety"]
    yes_no = [q for q in qs if q.kind == "yes_no"]
    # past the yes/no ticks to the first value of `elsewhere`, the second tick after it
    keys.send_text(K.Down * len(yes_no) + K.Space + K.Down + K.Space + K.Enter)
    got = prompter().ask_screen(screen, qs, 1, 10)
    assert got == {**{q.id: False for q in yes_no}, "elsewhere": ("testicle", "pregnancy_pain")}


def test_a_value_that_is_not_offered_is_not_a_tick(kb: KnowledgeBase, keys: PipeInput) -> None:
    """`recent_pregnancy` stays valid (contract) but the finer two are asked:
    past every offered tick the cursor is on "None of these"."""
    history = kb.question_by_id["history"]
    offered = [c.id for c in history.choices if c.offer]
    assert "recent_pregnancy" not in offered and "gave_birth_last_year" in offered
    assert ask(kb, keys, "history", K.Down * len(offered), K.Space, K.Enter) == ()
    # an answer given earlier with it is still shown, ticked
    last = K.Down * len(history.choices)
    got = ask(kb, keys, "history", last, K.Enter, current=("recent_pregnancy",))
    assert got == ("recent_pregnancy",)


def test_checkbox_several_none_and_skip(kb: KnowledgeBase, keys: PipeInput) -> None:
    assert ask(kb, keys, "location", K.Space, K.Down, K.Down, K.Space, K.Enter) == (
        "outer_hip",
        "groin",
    )
    assert ask(kb, keys, "symptoms", K.Enter) is None  # nothing ticked: unanswered
    assert ask(kb, keys, "symptoms", K.Up, K.Space, K.Enter) == ()  # "None of these"


def test_checkbox_refuses_none_with_others(kb: KnowledgeBase, keys: PipeInput) -> None:
    # tick the first and "None of these": refused; untick "None of these": accepted
    typed = [K.Space, K.Up, K.Space, K.Enter, K.Space, K.Enter]
    assert ask(kb, keys, "symptoms", *typed) == ("clicking",)


def test_number_reasks_until_valid_and_can_skip(kb: KnowledgeBase, keys: PipeInput) -> None:
    assert ask(kb, keys, "severity", "11", K.Enter, K.Backspace, K.Backspace, "7", K.Enter) == 7
    assert ask(kb, keys, "age", K.Enter) is None
    assert ask(kb, keys, "age", K.Backspace, K.Backspace, "40", K.Enter, current=38) == 40


def test_ctrl_c_and_ctrl_d_propagate(kb: KnowledgeBase, keys: PipeInput) -> None:
    with pytest.raises(KeyboardInterrupt):
        ask(kb, keys, "location", K.ControlC)
    with pytest.raises(EOFError):
        ask(kb, keys, "side", K.ControlD)


def test_describe(kb: KnowledgeBase) -> None:
    q = kb.question_by_id
    assert describe(q["location"], ("groin",)) == "Groin or inner thigh"
    assert describe(q["symptoms"], ()) == "none of these"
    assert describe(q["fever"], None) == "not answered"
    assert describe(q["severity"], 4) == "4"


def test_keep_prompt_is_opt_in(keys: PipeInput) -> None:
    """Keeping a history is opt-in: `n` keeps nothing, Enter alone means the
    default it shows (no), `y` keeps."""
    p = prompter()
    for typed, kept in (("n" + K.Enter, False), (K.Enter, False), ("y" + K.Enter, True)):
        keys.send_text(typed)
        assert p.ask_keep() is kept, repr(typed)


def test_left_arrow_or_the_back_choice_asks_for_the_previous_question(
    kb: KnowledgeBase, keys: PipeInput
) -> None:
    p = prompter()
    q = kb.question_by_id
    for qid, typed in (
        ("side", K.Left),  # the key, on a single choice
        ("side", K.Up + K.Enter),  # the visible last choice
        ("location", K.Left),  # a tick list
        ("severity", K.Left),  # a number, at the start of the line
    ):
        keys.send_text(typed)
        with pytest.raises(GoBack):
            p.ask(q[qid], None, 2, 10)
    keys.send_text("5" + K.Left + "4" + K.Enter)  # inside a number the arrow edits it
    assert p.ask(q["age"], None, 2, 10) == 45
    # the first question has nowhere to go back to
    keys.send_text(K.Left + K.Enter)
    assert p.ask(q["side"], None, 1, 10) is None


def test_review_shows_every_answer_in_full_at_40_columns(
    kb: KnowledgeBase, keys: PipeInput
) -> None:
    out = io.StringIO()
    con = Console(file=out, width=40, color_system=None)
    answers = {
        "saddle_numbness": False,
        "location": ("outer_hip", "pubic_bone"),
        "pain_type": ("shooting",),
        "symptoms": ("numbness",),
    }
    keys.send_text(K.Enter)
    assert QuestionaryPrompter(con).review(kb, answers, list(answers), 3) is None
    text = " ".join(out.getvalue().split())
    assert max(len(line) for line in out.getvalue().splitlines()) <= 40
    for qid, value in answers.items():
        q = kb.question_by_id[qid]
        assert f"{q.short}: {describe(q, value)}" in text


def test_instruction_wraps_at_word_boundaries() -> None:
    message, instruction = flow("Where is the pain?", TICK, 40)
    lines = f"? {message} {instruction}".splitlines()
    assert max(len(line) for line in lines) <= 40
    words = " ".join(lines).split()
    assert " ".join(words) == f"? Where is the pain? {TICK}"  # no word split in two
