"""Answers in plain words: the question and the answer labels of the
knowledge file, never raw ids (`cannot_bear_weight: False`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hipcheck.core.answers import AnswerValue
from hipcheck.core.triage import ReasonGroup
from hipcheck.knowledge import KnowledgeBase, Level, Question

NOT_ANSWERED = "not answered"
#: The row naming the questions with no answer: never to be read as "no".
NOT_ASKED = "Not asked or not answered"


def words(q: Question, value: AnswerValue | Any) -> str:
    """One answer as the runner would say it ("Outer hip (the bony point on
    the side)", "5 out of 10", "none of these")."""
    if value is None:
        return NOT_ANSWERED
    if isinstance(value, bool):
        value = "yes" if value else "no"
    if isinstance(value, list | tuple):
        labels = [_label(q, str(v)) for v in value]
        return "; ".join(labels) if labels else "none of these"
    if isinstance(value, str):
        return _label(q, value)
    if isinstance(value, int | float):
        number = f"{value:g}"
        return f"{number} out of {q.max:g}" if q.min == 0 and q.max == 10 else number
    return str(value)


def _label(q: Question, value: str) -> str:
    try:
        return q.choice(value).label
    except KeyError:
        return value


def rows(
    kb: KnowledgeBase,
    answers: Mapping[str, Any],
    origins: Mapping[str, str] | None = None,
    long: bool = False,
    no_row: str = "",
    unanswered_row: str = "",
) -> tuple[tuple[str, str], ...]:
    """(question, answer) for every answered question in asking order: the
    short name, or with `long` the question as asked. An answer that came
    from another source (activity data) says so. With `no_row`, the yes/no
    questions answered "no" share one row of that title, where the first was.
    With `unanswered_row`, a last row of that title names the questions that
    apply and have no answer (not asked, or skipped), so a reader never takes
    a missing answer for "no"."""
    out: list[tuple[str, str]] = []
    noes: list[str] = []
    for q in kb.questions:
        if q.id not in answers or answers[q.id] is None:
            continue
        if no_row and q.kind == "yes_no" and answers[q.id] in (False, "no"):
            if not noes:
                out.append((no_row, ""))
            noes.append(q.short)
            continue
        text = words(q, answers[q.id])
        sources = sorted(
            {o for key, o in (origins or {}).items() if key == q.id or key.startswith(q.id + ".")}
        )
        if sources:
            text += f" (from {', '.join(sources)})"
        out.append((q.prompt if long else q.short, text))
    missing = unanswered(kb, answers) if unanswered_row else ()
    if missing:
        out.append((unanswered_row, "; ".join(missing)))
    return tuple((title, "; ".join(noes)) if title == no_row and noes else (title, text)
                 for title, text in out)  # fmt: skip


def unanswered(kb: KnowledgeBase, answers: Mapping[str, Any]) -> tuple[str, ...]:
    """The short names of the questions that apply to these answers and have
    none; the questions about the runs since a last check-in are left out
    (they are asked only at a later check-in)."""
    from hipcheck.core.asking import applicable

    later = kb.return_to_run.ask_at_checkin if kb.return_to_run is not None else ()
    return tuple(
        q.short.lower() if q.short[:1].isupper() and not q.short[1:2].isupper() else q.short
        for q in kb.questions
        if answers.get(q.id) is None and q.id not in later and applicable(q, answers)
    )


def values_in_words(kb: KnowledgeBase, answers: Mapping[str, Any]) -> dict[str, str]:
    """question id -> the answer in words, for `{question id}` placeholders
    (a number as itself: the text around it says "out of 10")."""
    out = {}
    for qid, value in answers.items():
        q = kb.question_by_id.get(qid)
        if isinstance(value, int | float) and not isinstance(value, bool):
            out[qid] = f"{value:g}"
        else:
            out[qid] = words(q, value) if q is not None else str(value)
    return out


def said(kb: KnowledgeBase, group: ReasonGroup, page: Level) -> str:
    """A triage reason as a page shows it: its text and the answers that
    fired it: "... (You said: a pop or snap when it started; age 16.)". Not
    on an emergency page, which says only what to do now (a red flag's text
    already says what was answered)."""
    text, answers = group
    if page == "emergency" or not answers:
        return text
    return f"{text} (You said: {'; '.join(said_phrases(kb, answers))}.)"


def said_phrases(kb: KnowledgeBase, answers: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    """(question, value) pairs as the runner's answers read in a sentence."""
    return tuple(_said(kb, q, v) for q, v in answers)


def _said(kb: KnowledgeBase, qid: str, value: str) -> str:
    phrase = kb.phrases.get((qid, value))
    if phrase is not None:
        return phrase
    q = kb.question_by_id.get(qid)
    if q is None:
        return value
    if q.kind == "number":  # fired_by writes a number with :g
        return f"{q.short.split(' (')[0].lower()} {words(q, float(value))}"
    label = words(q, value)
    return label[:1].lower() + label[1:]
