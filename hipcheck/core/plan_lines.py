"""Which of a condition's lines a page says, from the answers: exercises
whose movement the runner said hurts or that do not suit them, self-care
lines for some runners only (`CareLine`), and see-a-doctor lines about
something already reported or following up care the page does not offer
(`SeeDoctor`)."""

from __future__ import annotations

from collections.abc import Mapping

from hipcheck.core.plan_result import Page as Page
from hipcheck.knowledge import CareLine, KnowledgeBase, SeeDoctor
from hipcheck.knowledge.answer_types import AnswerValue
from hipcheck.knowledge.when import matches, matches_any


def left_out(kb: KnowledgeBase, exercise: str, answers: Mapping[str, AnswerValue]) -> bool:
    """Whether the answers leave this exercise out: they say its movement
    hurts (`avoid_when`), or it does not suit this runner (`not_for`)."""
    e = kb.exercise_by_id[exercise]
    return any(w is not None and matches(w, answers) for w in (e.avoid_when, e.not_for))


def care_line(line: str | CareLine, answers: Mapping[str, AnswerValue]) -> str:
    """The self-care line, or "" when it is for other runners (`when`)."""
    if isinstance(line, str):
        return line
    return line.text if matches_any(line.when, answers) else ""


def see_doctor_line(line: str | SeeDoctor, answers: Mapping[str, AnswerValue], page: Page) -> str:
    """The line, or "" when it is about something the runner already
    reported, follows up self-care the page does not offer, or books an
    appointment on a self-care page (a page headed "manage at home" read
    "book an appointment so a clinician can examine your back")."""
    if isinstance(line, str):
        return line
    if (line.after_care and not page.with_care) or (line.booking and page.self_care):
        return ""
    if line.when is not None and matches(line.when, answers):
        return ""
    return line.said([s.text for s in line.signs if not matches(s.when, answers)])
