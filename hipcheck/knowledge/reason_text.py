"""A triage reason's two readings: on a page at its own level, and on a page
a more urgent reason has raised (`outranked`).

A routine reason says when to be seen ("stop running and have it examined
within a week"); under an "urgent: within a day or two" heading that time
contradicts the heading. The knowledge file marks such a part with square
brackets, its leading space or punctuation inside them:

    "... stop running and have it examined[ within a week]."

At its own level the brackets go and their words stay; on a more urgent
page the bracketed words go too ("... have it examined."). The knowledge
checks refuse a routine reason whose outranked reading still names a
slower time (`SLOWER`), and brackets that do not pair.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hipcheck.knowledge.model import KnowledgeBase

_MARKED = re.compile(r"\[([^\[\]]*)\]")

#: Times to be seen slower than "within a day or two" (the urgent level's).
SLOWER = re.compile(
    r"within (a|one|two) weeks?|week or two|within a few days|more than a few days", re.IGNORECASE
)


@lru_cache(maxsize=512)
def own(text: str) -> str:
    """The reason on a page at its own level: the marked words kept."""
    return _MARKED.sub(r"\1", text)


@lru_cache(maxsize=512)
def outranked(text: str) -> str:
    """The reason on a page a more urgent reason has raised: the marked
    words left out ("" when nothing is marked)."""
    return _MARKED.sub("", text) if "[" in text else ""


def markup_problem(text: str) -> str:
    """What is wrong with the brackets of `text` ("" when nothing is)."""
    rest = _MARKED.sub("", text)
    if "[" in rest or "]" in rest:
        return "square brackets must pair, one level deep: [ words left out when outranked]"
    return ""


def outranked_problems(kb: KnowledgeBase) -> list[str]:
    """Reasons whose brackets do not pair, and routine reasons that would
    still name a slower time than "within a day or two" on a more urgent
    page (self-care reasons never stand on one)."""
    texts = [(f"triage_rules ({r.id}).reason", r.level, r.reason) for r in kb.triage_rules]
    texts += [
        (f"triage_rules ({r.id}).lowered.reason", r.lowered.level, r.lowered.reason)
        for r in kb.triage_rules
        if r.lowered is not None
    ]
    texts += [
        (f"condition_rules ({r.condition}).reason", r.level, r.reason) for r in kb.condition_rules
    ]
    problems = []
    for where, level, text in texts:
        if wrong := markup_problem(text):
            problems.append(f"{where}: {wrong}")
        elif level == "routine" and (m := SLOWER.search(outranked(text) or text)):
            problems.append(
                f"{where}: '{m.group(0)}' would contradict a more urgent page; mark the"
                " words a more urgent page leaves out in square brackets: [ within a week]"
            )
    return problems
