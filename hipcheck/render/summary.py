"""A plain view of an assessment shared by the text, Markdown and Rich renderers.

It picks what a person reads (which causes, in which words, and the one
consistent plan of hipcheck.core.plan) so that every renderer says the same thing.
Scores are shown as likelihood words from the knowledge file, never as
percentages; evidence as phrases, never as ratio codes.
"""

from __future__ import annotations

from dataclasses import dataclass

import msgspec

from hipcheck.core.assessment import Assessment
from hipcheck.core.bone_stop import bone_ids
from hipcheck.core.open_routes import open_routes
from hipcheck.core.plan import Care
from hipcheck.core.scoring import ConditionScore, likelihood
from hipcheck.core.triage import (
    Triage,
    emergency_advice,
    level_advice,
    level_title,
    names_outside,
    page_advice,
    reason_groups,
    shown_reasons,
)
from hipcheck.knowledge import LEVELS, Exercise, KnowledgeBase
from hipcheck.knowledge.evidence import Evidence
from hipcheck.render.answers_words import NOT_ASKED, said, said_phrases
from hipcheck.render.answers_words import rows as answer_rows
from hipcheck.render.return_to_run_render import summary_lines as run_lines
from hipcheck.render.trend_words import notes as history_notes

CAUSES_HEADING = "Possible causes to discuss with a clinician"
NOTES_HEADING = "Since your last check-in"
LOAD_HEADING = "Training load from your activity data"
SOURCES_HEADING = "Sources"
ANSWERS_HEADING = "Your answers"
UNANSWERED_HEADING = "Safety questions not answered"
#: What to do if a skipped safety question applies (stop 41).
UNANSWERED_EMERGENCY = (
    "Go to an emergency department now if you cannot stand on the leg, have a fever, "
    "numbness between the legs or new bladder or bowel trouble, severe belly or testicle "
    "pain, pain with a possible pregnancy, or a groin lump that will not go back."
)
UNANSWERED_NOTE = f"If any of these applies, do not rely on this page: answer them, or see a doctor. {UNANSWERED_EMERGENCY}"  # noqa: E501
EXERCISES_WITHHELD = "Exercises are left out until a clinician has seen you."
#: When none of the causes fits the answers (fit "poor"): said instead of
#: presenting the nearest cause as likely.
NO_FIT = (
    "None of the causes this tool knows fits your answers well: the ones it ranks below are "
    "only the nearest, so do not rely on them. The clinician the triage above sends you to "
    "can look for the cause."
)
#: After NO_FIT when a route of the triage names a cause to rule out (a
#: slipped growth plate) or the plan stops running for a bone injury: the
#: fit is the ranking's, never the safety rules'.
NO_FIT_RULE_OUT = (
    ' Any marked "to rule out" comes from the safety rules, not the ranking: it still '
    "needs checking as the page says."
)
#: NO_FIT on a self-care page: the triage above says when to be seen, and the
#: fit does not overrule it (a bruised thigh, walked on and easing).
NO_FIT_SELF_CARE = (
    "None of the causes this tool knows fits your answers well: the list below is only the "
    "nearest, so do not rely on it. The advice above does not depend on it: see a doctor "
    "or physiotherapist if it does not settle as it says."
)
#: NO_FIT and its self-care form in the closing recap.
NO_FIT_RECAP = (
    "None of the causes this tool knows fits: the clinician the triage sends you to can look "
    "for the cause.",
    "None of the causes this tool knows fits; the advice above still holds.",
)
#: Where the exercises would be when none of the causes fits (the plan acts on none).
EXERCISES_NO_FIT = (
    "Exercises are left out: none of the causes this tool knows fits your answers, and "
    "each exercise here is for one of them."
)
EXERCISES_STOPPED = (
    "Exercises are left out: a stress fracture is possible, and loading it can make it worse."
)
NO_CAUSE = (
    "Not enough answers to suggest a cause. Answer more questions (where it hurts, "
    "when, what makes it worse), or see a doctor or physiotherapist if it does not settle."
)
#: NO_CAUSE in a table cell (the history list, the report's trend).
NO_CAUSE_CELL = "not enough answers"
#: The heading of a check-in's cause in a table, in the words of every page
#: ("possible", never "most likely": UX review N20).
CAUSE_COLUMN = "Possible cause"
NOW_HEADING = "What to do now"
#: The heading of the plan's watch-for lines, in every format.
SEE_DOCTOR_HEADING = "When to see a doctor"
#: The likelihood word of a cause outside the file that the triage names.
TO_RULE_OUT = "to rule out"
LEVEL_LABEL = {
    "emergency": "EMERGENCY",
    "urgent": "URGENT",
    "routine": "ROUTINE",
    "self_care": "SELF-CARE",
}


@dataclass(frozen=True)
class Cause:
    name: str
    #: "more likely", "possible", "less likely" (from the knowledge file).
    likelihood: str
    why: tuple[str, ...]
    against: tuple[str, ...]
    score: float


@dataclass(frozen=True)
class Summary:
    level: str
    title: str
    advice: str
    reasons: tuple[str, ...]
    emergency_advice: tuple[str, ...]
    causes: tuple[Cause, ...]
    running: str
    pain_rule: str
    until_seen: tuple[str, ...]
    care: tuple[Care, ...]
    pain_relief: str
    exercises: tuple[Exercise, ...]
    #: Why exercises are not shown (urgent or emergency), if so.
    exercises_withheld: str
    see_doctor: tuple[str, ...]
    #: Plain names of the safety questions left unanswered.
    safety_unanswered: tuple[str, ...]
    unanswered_note: str  # UNANSWERED_NOTE; self-care's reason says it, emergency's to go
    #: How users see the sources behind this page ("Hinge Health, 2024").
    sources: tuple[str, ...]
    #: The same sources in full, for exports: "cite: full title".
    references: tuple[str, ...]
    disclaimer: str
    kb_version: str
    created: str
    origins: tuple[str, ...]
    #: How this check-in compares with earlier ones.
    notes: tuple[str, ...]
    #: A few lines about training load from activity files.
    load: tuple[str, ...]
    #: The "Getting back to running" section (return_to_run_render).
    return_to_run: tuple[str, ...] = ()
    #: (question, answer) in words, in asking order.
    answers: tuple[tuple[str, str], ...] = ()
    #: The last line of "What to do now": when to check again.
    check_again: str = ""
    #: No answer points to any cause: the causes section says so instead.
    no_cause: bool = False
    #: "What to do now", the recap that closes the page (empty at emergency).
    now: tuple[str, ...] = ()
    #: NO_FIT when none of the causes fits the answers, else "".
    no_fit: str = ""

    def doctor_lines(self) -> tuple[str, ...]:
        """ "When to see a doctor" in every format: the page's heading, then
        the plan's lines; none at emergency, whose triage says "go now"."""
        if self.level == "emergency":
            return ()
        return (f"{self.title}.", *self.see_doctor)


def summarise(a: Assessment, kb: KnowledgeBase, top: int = 3) -> Summary:
    info = kb.levels[a.triage.level]
    plan = a.plan
    # At emergency only the causes the triage names: no ranking of unrelated
    # ones; else the first `top` and any other the triage names.
    named = named_causes(a)
    first = a.conditions[: max(1, top)]
    # and any the plan acts on (a bone cause that stops running, wherever it
    # ranks): the plan never speaks of a cause the page does not show
    acted = {c.condition for c in plan.care}
    extra = [c for c in a.conditions if c.id in acted or c in named]
    shown = (
        named if a.triage.level == "emergency" else (*first, *(c for c in extra if c not in first))
    )
    origins = tuple(
        sorted({f"{_origin_phrase(kb, key)}: from {o}" for key, o in a.origins.items()})
    )
    # causes outside the file the triage names: listed before the ranked ones
    # (alone when no answer points to a ranked one); not at emergency, whose
    # reason already names it and whose page says only what to do now
    outside = possibilities(kb, a) if a.triage.level != "emergency" else ()
    # a bone cause the page stops running for (the plan's, or a route's that
    # names it) is "to rule out", never "less likely" beside the stop
    ruled = ruled_out(kb, a)
    ranked = () if plan.no_cause and outside else tuple(_cause(kb, a, c, ruled) for c in shown)
    return Summary(
        level=a.triage.level,
        title=level_title(a.triage, info.title),
        advice=level_advice(a.triage, info.advice),
        reasons=tuple(said(kb, g, a.triage.level) for g in reason_groups(shown_triage(a))),
        emergency_advice=emergency_advice(a.triage),
        causes=(*outside, *ranked),
        running=plan.running,
        pain_rule=plan.pain_rule,
        until_seen=plan.until_seen,
        care=plan.care,
        pain_relief=plan.pain_relief,
        exercises=tuple(kb.exercise_by_id[e] for e in plan.exercises),
        exercises_withheld=_withheld(a),
        # after the title, less the rules' own advice, which the triage box gives
        see_doctor=tuple(x for x in plan.see_a_doctor[1:] if x not in page_advice(a.triage)),
        safety_unanswered=tuple(kb.question_by_id[q].short for q in a.triage.safety_unanswered),
        unanswered_note=UNANSWERED_NOTE if a.triage.level in ("routine", "urgent") else "",
        sources=kb.cite(plan.sources),
        references=tuple(dict.fromkeys(kb.sources[k].full for k in plan.sources)),
        disclaimer=a.disclaimer,
        kb_version=a.kb_version,
        created=f"{a.created:%d %b %Y %H:%M}" if a.created else "",
        origins=origins,
        notes=history_notes(a.trend),
        load=load_lines(a),
        return_to_run=run_lines(kb, plan.stage),
        answers=answer_rows(kb, a.answers, a.origins, unanswered_row=NOT_ASKED),
        check_again=info.check_again,
        no_cause=plan.no_cause and not outside,
        now=now_lines(kb, a),
        no_fit=_no_fit(a),
    )


def _no_fit(
    a: Assessment,
    words: tuple[str, str] = (NO_FIT, NO_FIT_SELF_CARE),
    rule_out: str = NO_FIT_RULE_OUT,
) -> str:
    """What a page says when none of the causes fits: `words` (the line, its
    self-care form), then `rule_out` when a route names a cause to rule out;
    or "" when they fit."""
    if a.fit != "poor":
        return ""
    if a.triage.level == "self_care":
        return words[1]
    named = any(r.possibility for r in a.triage.reasons) or a.plan.stop_for_bone
    return words[0] + (rule_out if named else "")


def _withheld(a: Assessment) -> str:
    if a.triage.level in ("urgent", "emergency"):
        return EXERCISES_WITHHELD
    if a.plan.nothing_fits and a.plan.running_basis != "bone" and not a.plan.no_cause:
        return EXERCISES_NO_FIT
    if a.plan.running_basis != "bone":
        return ""
    return EXERCISES_STOPPED if a.plan.stop_for_bone else EXERCISES_WITHHELD


def now_lines(kb: KnowledgeBase, a: Assessment) -> tuple[str, ...]:
    """The closing recap: the level, the one running line, what was skipped,
    whether any answer points to a cause, and when to check again."""
    if a.triage.level == "emergency":
        return ()
    info = kb.levels[a.triage.level]
    title = level_title(a.triage, info.title)
    lines = [f"{LEVEL_LABEL[a.triage.level]}: {title}", f"Running: {a.plan.running}"]
    skipped = [kb.question_by_id[q].short.lower() for q in a.triage.safety_unanswered]
    if skipped:
        lines.append(
            "Safety questions not answered: " + ", ".join(skipped) + ". If any applies, this "
            "advice may not: answer them, or see a doctor."
        )
    if raising := raising_line(kb, a):
        lines.append(raising)
    if a.plan.no_cause:
        lines.append("Not enough answers to suggest a cause.")
    elif no_fit := _no_fit(a, NO_FIT_RECAP, ""):
        lines.append(no_fit)
    if info.check_again:
        lines.append(info.check_again)
    return tuple(lines)


def raising_line(kb: KnowledgeBase, a: Assessment) -> str:
    """The unanswered questions (not the safety screen's) an answer to which
    could make the level higher, in one line; "" when there are none."""
    raising = open_routes(kb, a.answers, a.triage.level)
    if not raising:
        return ""
    top = max(LEVELS.index(lv) for _, lv in raising)
    # those that could reach the highest level named (the recap must fit a
    # screen above the last prompts; every unanswered question is listed
    # with the answers)
    names = [kb.question_by_id[q].short.lower() for q, lv in raising if LEVELS.index(lv) == top]
    label = LEVEL_LABEL[LEVELS[top]]
    return f"Not answered yet; an answer could make this {label}: {', '.join(names)}."


def shown_triage(a: Assessment) -> Triage:
    """The triage as pages show it: at emergency only the emergency reasons
    (UX re-check: "plan exercise therapy" and "within a day or two" inside a
    "go now" box); JSON keeps every reason."""
    return msgspec.structs.replace(a.triage, reasons=shown_reasons(a.triage))


def named_causes(a: Assessment) -> tuple[ConditionScore, ...]:
    """The causes the reasons shown are about, most likely first."""
    named = {cid for r in shown_triage(a).reasons for cid in r.conditions}
    return tuple(c for c in a.conditions if c.id in named)


def ruled_out(kb: KnowledgeBase, a: Assessment) -> frozenset[str]:
    """The bone causes the page stops running for: the plan's own
    (`Plan.stopped_for`, whether or not a cause fits) and those a route that
    stops running names (at any level).
    A runner's review, stop 39, and its clinician's check: not every bone
    cause shown (a back twinge at 70 read "femoral stress fracture: to rule
    out"), and urgent pages too."""
    named = {cid for r in shown_triage(a).reasons if r.stop_running for cid in r.conditions}
    return frozenset(named | set(a.plan.stopped_for)) & bone_ids(kb)


def possibilities(kb: KnowledgeBase, a: Assessment) -> tuple[Cause, ...]:
    """The causes outside the knowledge file that the triage names (a rule's
    `possibility`), each once, with the answers that fired its rules."""
    return tuple(
        Cause(name, TO_RULE_OUT, said_phrases(kb, answers), (), 0.0)
        for name, answers in reason_groups(a.triage, by="possibility")
    )


def _cause(
    kb: KnowledgeBase, a: Assessment, c: ConditionScore, ruled: frozenset[str] = frozenset()
) -> Cause:
    """A ranked cause as pages word it. `ruled`: the bone causes the page
    stops running for (`ruled_out`); one whose score reads as the last band's word ("less
    likely") reads "to rule out" instead (a runner's review, stop 39: "less
    likely" beside "stop running: a bone injury is possible" made the stop
    read as a mistake). The score, the JSON and the plan are unchanged."""
    word = likelihood(kb, a.conditions, a.conditions.index(c), a.fit, names_outside(a.triage))
    if c.id in ruled and word == kb.plan.likelihood[-1].label:
        word = TO_RULE_OUT
    return Cause(
        name=c.name,
        likelihood=word,
        why=tuple(_phrase(e) for e in c.evidence_for),
        against=tuple(_phrase(e) for e in c.evidence_against),
        score=c.score,
    )


def _phrase(e: Evidence) -> str:
    """How an answer reads as a reason, without its ratio."""
    return f"{e.phrase} (from {e.origin})" if e.origin else e.phrase


def _origin_phrase(kb: KnowledgeBase, key: str) -> str:
    qid, _, value = key.partition(".")
    return kb.phrases.get((qid, value), key) if value else qid


def load_lines(a: Assessment) -> tuple[str, ...]:
    from hipcheck.render import load_render as lr

    r = a.load
    if r is None:
        return ()
    weeks = []
    for w in r.weeks[-4:]:
        pct = lr.pct(w.distance_change) or lr.so_far(w)
        change = f" ({pct})" if pct else ""
        weeks.append(f"{w.start.day} {w.start:%b} {w.distance_m / 1000:.1f} km{change}")
    lines = [f"Weekly distance, last 4 weeks: {', '.join(weeks)}."]
    if lr.stale_line(r):
        lines.append(lr.stale_line(r))
    if r.acwr is not None:
        lines.append(lr.acwr_line(r))
    lines.append(lr.rule(r))
    if not r.enough_history:
        lines.append(
            f"Not enough history to judge a quick increase ({lr.not_enough(r)}), "
            "so nothing was set."
        )
    elif r.mileage_jump:
        lines.append(
            "Quick increase in training load, so 'mileage jump' was set: "
            + "; ".join(lr.reasons(r))
            + "."
        )
    else:
        lines.append(f"No quick increase in the last {r.rules.recent_days} days.")
    return tuple(lines)


def against(c: Cause) -> str:  # a one-line "against" ("" when nothing is)
    return "; ".join(c.against[:3])


def why(c: Cause, n: int = 4) -> str:
    """A one-line "why" for a cause."""
    parts = c.why[:n]
    return "; ".join(parts) if parts else "no specific answers point to it"
