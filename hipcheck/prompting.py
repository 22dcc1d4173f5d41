"""The interactive questionnaire (questionary); imported only when prompting."""

from __future__ import annotations

from pathlib import Path

from .answers import Answers
from .errors import AnswerError
from .knowledge import KnowledgeBase
from .render import Format


def run_questionnaire(
    kb: KnowledgeBase,
    given: Answers,
    *,
    fmt: Format,
    output: Path | None,
    force: bool,
    top: int,
) -> None:
    raise AnswerError("the interactive questionnaire is not built yet; use flags or --answers FILE")
