"""A length of time typed where a "how long" choice is expected names the
one choice it falls in (`from_days`, knowledge/spans.py). UX re-check:
`--duration 3-weeks` was offered "over-6-weeks or 1-to-6-weeks"."""

from __future__ import annotations

import msgspec
import pytest

from hipcheck.core.answers import parse_answers
from hipcheck.errors import AnswerError
from hipcheck.knowledge import KnowledgeBase
from hipcheck.knowledge.checks import check as kb_problems
from hipcheck.knowledge.spans import choice_for_length, length_in_days


@pytest.mark.parametrize(
    ("text", "days"),
    [("3 weeks", 21), ("3-weeks", 21), ("10d", 10), ("a year", 365), ("1,5 months", 45)],
)
def test_lengths_are_read_in_days(text: str, days: float) -> None:
    assert length_in_days(text) == days


@pytest.mark.parametrize("text", ["weeks", "3", "3 parsecs", "long", "over_6_weeks"])
def test_other_words_are_not_lengths(text: str) -> None:
    assert length_in_days(text) is None


@pytest.mark.parametrize(
    ("text", "choice"),
    [
        ("6 days", "under_1_week"),
        ("1 week", "1_to_6_weeks"),
        ("6 weeks", "1_to_6_weeks"),
        ("43 days", "over_6_weeks"),
        ("2 years", "over_6_weeks"),
    ],
)
def test_each_length_falls_in_one_choice(kb: KnowledgeBase, text: str, choice: str) -> None:
    assert choice_for_length(kb.question_by_id["duration"], text) == choice


def test_a_question_without_spans_suggests_nothing_from_a_length(kb: KnowledgeBase) -> None:
    assert choice_for_length(kb.question_by_id["trend"], "3 weeks") is None


def test_an_answers_file_gets_the_files_spelling(kb: KnowledgeBase) -> None:
    with pytest.raises(
        AnswerError, match=r"'3 weeks' is not allowed \(did you mean 1_to_6_weeks\?\)"
    ):
        parse_answers(kb, {"duration": "3 weeks"})


def _with_days(kb: KnowledgeBase, days: list[int | None]) -> KnowledgeBase:
    q = kb.question_by_id["duration"]
    choices = tuple(
        msgspec.structs.replace(c, from_days=d) for c, d in zip(q.choices, days, strict=True)
    )
    new_q = msgspec.structs.replace(q, choices=choices)
    questions = tuple(new_q if x.id == "duration" else x for x in kb.questions)
    return msgspec.structs.replace(kb, questions=questions)


@pytest.mark.parametrize("days", [[0, None, 43], [1, 7, 43], [0, 43, 7], [0, 7, 7]])
def test_validate_refuses_spans_that_do_not_rise_from_zero(
    kb: KnowledgeBase, days: list[int | None]
) -> None:
    assert any("from_days" in p for p in kb_problems(_with_days(kb, days)))
    assert not any("from_days" in p for p in kb_problems(_with_days(kb, [0, 7, 43])))
