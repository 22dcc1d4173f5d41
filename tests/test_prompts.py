"""The real questionary prompts, fed keystrokes through prompt_toolkit's pipe input."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.input.base import PipeInput
from prompt_toolkit.output import DummyOutput

from hipcheck.knowledge import KnowledgeBase
from hipcheck.ui.prompter import QuestionaryPrompter, describe

from .helpers import Keyboard as K


@pytest.fixture
def keys() -> Iterator[PipeInput]:
    with create_pipe_input() as inp, create_app_session(input=inp, output=DummyOutput()):
        yield inp


def ask(
    kb: KnowledgeBase, keys: PipeInput, qid: str, *typed: str, current: object = None
) -> object:
    keys.send_text("".join(typed))
    return QuestionaryPrompter().ask(kb.question_by_id[qid], current, 1, 20)  # type: ignore[arg-type]


def test_yes_no_defaults_to_no_first(kb: KnowledgeBase, keys: PipeInput) -> None:
    assert ask(kb, keys, "fever", K.Enter) is False
    assert ask(kb, keys, "fever", K.Down, K.Enter) is True
    assert ask(kb, keys, "fever", K.Down, K.Down, K.Enter) is None  # not sure


def test_one_of(kb: KnowledgeBase, keys: PipeInput) -> None:
    assert ask(kb, keys, "duration", K.Down, K.Enter) == "1_to_6_weeks"
    assert ask(kb, keys, "duration", K.Enter, current="over_6_weeks") == "over_6_weeks"


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
