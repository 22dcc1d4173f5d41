"""Triage: the most serious level any knowledge-file rule gives, with every reason.

Rules come from the knowledge file: `triage_rules` test the answers and
`condition_rules` raise the level when a condition is likely. The level is the
highest any fired rule gives; with none, it is `self_care`. Reasons are listed
most serious first, so the ones that set the level come first.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

import msgspec

from hipcheck.core import net_exceptions
from hipcheck.core.scoring import ConditionScore
from hipcheck.core.triage_result import Reason as Reason
from hipcheck.core.triage_result import Triage as Triage
from hipcheck.knowledge import (
    LEVELS,
    ConditionRule,
    KnowledgeBase,
    Level,
    TriageRule,
    When,
)
from hipcheck.knowledge.answer_types import AnswerValue
from hipcheck.knowledge.reason_text import outranked, own
from hipcheck.knowledge.saying import Saying
from hipcheck.knowledge.templates import fill
from hipcheck.knowledge.when import named as when_named


def rank(level: Level) -> int:
    return _RANK[level]


_RANK = {level: i for i, level in enumerate(LEVELS)}


def triage(
    kb: KnowledgeBase,
    answers: Mapping[str, AnswerValue],
    scores: tuple[ConditionScore, ...] = (),
    extra: tuple[Reason, ...] = (),
) -> Triage:
    """`extra`: reasons from outside the answers (e.g. the check-in history)."""
    answered = frozenset(answers)  # `needed <= answered` is fastest set to set
    fired = [
        reason
        for r, needed, holds in kb.compiled_rules
        if needed <= answered and holds(answers) and (reason := _reason(r, answers, kb)) is not None
    ]
    by_id = {s.id: s for s in scores}  # shares before calibration (core.scoring)
    fired += [
        net_said(kb, cr, by_id[cr.condition])
        for cr, unless in zip(kb.condition_rules, kb.compiled_net_exceptions, strict=True)
        if cr.condition in by_id
        and by_id[cr.condition].share >= cr.min_score
        and not net_exceptions.holds(unless, answers, answered)
    ]
    fired += extra
    return decide(kb, fired, tuple(q for q in kb.safety_questions if q not in answers))


#: At most this many answers named by a score net's reason.
NET_SAID = 4


def net_said(kb: KnowledgeBase, cr: ConditionRule, score: ConditionScore) -> Reason:
    """`net_reason`, naming the runner's own answers that point to its
    condition, strongest first (a new user: "a stress fracture cannot be
    ruled out" said nothing of why). Not numbers (an age reads as a band
    there) nor answers from elsewhere (activity data)."""
    said = tuple(
        dict.fromkeys(
            (e.question, e.value)
            for e in score.evidence_for
            if not e.origin and (q := kb.question_by_id.get(e.question)) and q.kind != "number"
        )
    )[:NET_SAID]
    reason = net_reason(cr)
    return msgspec.structs.replace(reason, answers=said) if said else reason


def net_reason(cr: ConditionRule) -> Reason:
    """The reason a score net gives when its condition is likely enough."""
    return Reason(
        cr.level,
        own(cr.reason),
        f"condition:{cr.condition}",
        sources=cr.sources,
        conditions=(cr.condition,),
        outranked=outranked(cr.reason),
    )


def decide(kb: KnowledgeBase, fired: list[Reason], unanswered: tuple[str, ...]) -> Triage:
    """The triage from the reasons that fired (`fired` is sorted in place)
    and the safety questions left unanswered. A reason at self-care (a rule
    of that level, or one lowered to it) says why home care is enough: it
    stands only on a self-care page, and there beside the skipped safety
    questions' warning."""
    fired.sort(key=_order)
    level = fired[0].level if fired else "self_care"
    if level != "self_care":
        top = _RANK[level]
        kept = [
            msgspec.structs.replace(r, text=r.outranked)
            if r.outranked and _RANK[r.level] < top
            else r
            for r in fired
            if r.level != "self_care"
        ]
        return Triage(level, _distinct(kept, kb.saying), unanswered)
    if unanswered:
        names = ", ".join(kb.question_by_id[q].short.lower() for q in unanswered)
        text = fill(kb.default_reason_unanswered, questions=names)
        fired.append(Reason("self_care", text, "default"))
    elif not fired:
        fired.append(Reason("self_care", kb.default_reason, "default"))
    return Triage("self_care", _distinct(fired, kb.saying), unanswered)


def _reason(r: TriageRule, answers: Mapping[str, AnswerValue], kb: KnowledgeBase) -> Reason | None:
    """The reason a rule that holds gives (`rule_reason`), naming the answers it rests on."""
    exceptions = kb.compiled_exceptions.get(r.id, ())
    held = next((i for i, holds in enumerate(exceptions) if holds(answers)), None)
    excepted = held is not None
    lowered_excepted = excepted and any(
        holds(answers) for holds in kb.compiled_lowered_exceptions.get(r.id, ())
    )
    because = fired_by(r.when, answers)
    if held is not None:  # a lowered reason also names the answers that lowered it
        because += tuple(a for a in fired_by(r.unless[held], answers) if a not in because)
    return rule_reason(r, excepted, lowered_excepted, because)


def rule_reason(
    r: TriageRule, excepted: bool, lowered_excepted: bool, because: tuple[tuple[str, str], ...]
) -> Reason | None:
    """The reason a rule that holds gives: its own, or, when one of its
    exceptions holds (`excepted`, broad rules only), its `lowered` one, or
    none when there is no lowered level or one of the lowered level's own
    exceptions holds too (`lowered_excepted`). A reason at self-care never
    stops running: "manage at home" and "no running until a clinician has
    examined you" cannot stand on one page."""
    level, text, advice, title = r.level, r.reason, r.advice, r.title
    if excepted:
        if r.lowered is None or lowered_excepted:
            return None
        low = r.lowered
        level, text, advice, title = low.level, low.reason, low.advice, low.title
    stop = r.stop_running and level != "self_care"
    return Reason(
        level, own(text), r.id, advice, r.sources, stop, r.conditions, because, r.possibility,
        title, outranked(text),
    )  # fmt: skip


def fired_by(when: When, answers: Mapping[str, AnswerValue]) -> tuple[tuple[str, str], ...]:
    """The answers a `when` that holds rests on: for each question it tests,
    the values given (a "several" answer: only the ticked values it names,
    or all ticked when it names none, as for `none` or a number)."""
    out: list[tuple[str, str]] = []
    for qid, test in when.items():
        answer = answers.get(qid)
        if answer is None:
            continue  # a test that holds unanswered (`none`, `answered = false`)
        given = (
            list(answer)
            if isinstance(answer, tuple)
            else ["yes" if answer else "no"]
            if isinstance(answer, bool)
            else [f"{answer:g}" if isinstance(answer, int | float) else str(answer)]
        )
        named = when_named(test)
        out += [(qid, v) for v in given if not named or v in named]
    return tuple(out)


def _order(r: Reason) -> tuple[int, int]:
    """Most serious first; within a level, a reason with its own heading
    first, one that stops running before one that does not (`_heading`): a
    13-year-old's page read "within a day or two" first under "see a doctor
    today" (a clinician's review, stop 41). Stable: otherwise file order."""
    return -rank(r.level), (0 if r.stop_running else 1) if r.title else 2


def _distinct(reasons: list[Reason], saying: Saying) -> tuple[Reason, ...]:
    """Each rule once: a condition's milder rule is dropped when a stronger
    one of the same condition fired (reasons come most serious first), a
    score net (`condition:`, `plan:`) when a rule on the answers at its level
    or above already names its causes, a rule's reason when a rule that
    covers it (`covered_by`) fired too at its level or above (a covering rule
    lowered by an exception covers nothing above its new level), and when a
    reason kept before it at its level or above rests on every answer it
    rests on (`Saying.within`): no two reasons on a page say the same."""
    covered = saying.covered
    fired = {r.rule: (_RANK[r.level], r.stop_running) for r in reasons}
    seen: set[str] = set()
    named: set[str] = set()
    out: list[Reason] = []
    for r in reasons:
        net = r.rule.startswith(("condition:", "plan:"))
        if r.rule in seen or (net and r.conditions and set(r.conditions) <= named):
            continue
        if not net and _said(out, saying.within(r.rule), r):
            continue
        if not net:  # a covered rule's causes are named too: its cover says it
            named.update(r.conditions)
        if any(_covers(fired.get(c), r) for c in covered.get(r.rule, ())):
            continue
        seen.add(r.rule)
        out.append(r)
    return tuple(out)


def _said(kept: list[Reason], within: frozenset[str], r: Reason) -> bool:
    """Whether a reason kept, of a rule in `within`, says what `r` would."""
    if within:
        for k in kept:
            if k.rule in within and _covers((_RANK[k.level], k.stop_running), r):
                return True
    return False


def _covers(fired: tuple[int, bool] | None, r: Reason) -> bool:
    """Whether a covering rule that fired (its level's rank, whether it
    stops running) covers `r`: at its level or above, stopping if it does."""
    return fired is not None and fired[0] >= _RANK[r.level] and (fired[1] or not r.stop_running)


def _own_advice(t: Triage, level: Level) -> tuple[str, ...]:
    """The own advice of the fired rules at `level`, each text once; at the
    page's level not that of a rule whose own title lost the heading to
    another's (a pregnant 16-year-old: "ask your doctor, midwife or a pelvic
    health physiotherapist" under "a doctor (not only a physiotherapist)")."""
    head = _heading(t) if level == t.level else None
    said = dict.fromkeys(
        r.advice
        for r in t.reasons
        if r.level == level and r.advice and (head is None or not r.title or r.title == head.title)
    )
    return tuple(a for a in said if not any(_says_more(b, a) for b in said))


def _says_more(b: str, a: str) -> bool:
    """Whether advice `b` says all of `a` and more ("Go to an emergency
    department now; do not wait ..." and "Go to an emergency department
    now.": a clinician's review, stop 41)."""
    return b != a and b.startswith(a.rstrip("."))


def page_advice(t: Triage) -> tuple[str, ...]:
    """The advice a page's see-a-doctor list gives: that of the rules that
    set the level; on an emergency page the urgent rules' too (a clot's
    "call an emergency number at once if you become breathless"), never a
    routine rule's on a higher page ("ask your midwife" under "see a doctor
    within a day or two")."""
    levels: list[Level] = [t.level, "urgent"] if t.level == "emergency" else [t.level]
    return tuple(dict.fromkeys(a for lv in levels for a in _own_advice(t, lv)))


def emergency_advice(t: Triage) -> tuple[str, ...]:
    """What to do now, from the emergency reasons, each text once."""
    return _own_advice(t, "emergency")


def level_advice(t: Triage, default: str) -> str:
    """What to do, below emergency: the own advice of the rules that set the
    level when they have it (a clot in a leg vein: "today", not the level's
    "within one to two days"), else the level's (`default`). An emergency
    page words its rules' advice itself (emergency_advice)."""
    if t.level == "emergency":
        return default
    return " ".join(_own_advice(t, t.level)) or default


def level_title(t: Triage, default: str) -> str:
    """The page's heading: the own title of a rule that set the level when
    one has it (a teenager's "a doctor, not only a physiotherapist"), one
    that stops running first (it decides who examines: a pregnant
    16-year-old's heading named a midwife above "see a doctor, not only a
    physiotherapist"), else the level's (`default`)."""
    head = _heading(t)
    return head.title if head is not None else default


def _heading(t: Triage) -> Reason | None:
    """The reason whose own title heads the page (`level_title`), if any."""
    titled = [r for r in t.reasons if r.level == t.level and r.title]
    return next((r for r in titled if r.stop_running), titled[0] if titled else None)


def shown_reasons(t: Triage) -> tuple[Reason, ...]:
    """The reasons a page shows: at emergency only the emergency ones (what
    to do now; JSON keeps every reason)."""
    if t.level != "emergency":
        return t.reasons
    return tuple(r for r in t.reasons if r.level == "emergency")


def names_outside(t: Triage) -> bool:
    """Whether a reason names a cause outside the knowledge file (a slipped
    growth plate, an infection): the ranking's words read it (`likelihoods`)."""
    return any(r.possibility for r in t.reasons)


def reason_texts(t: Triage) -> tuple[str, ...]:
    """The reasons as a person reads them: rules that name the same
    possibility share one text, shown once."""
    return tuple(dict.fromkeys(r.text for r in t.reasons))


#: A reason text (or a possibility) once, with the answers that fired any
#: rule giving it.
ReasonGroup = tuple[str, tuple[tuple[str, str], ...]]


def reason_groups(
    t: Triage, by: Literal["text", "possibility"] = "text"
) -> tuple[ReasonGroup, ...]:
    """`reason_texts` (`by="possibility"`: the causes outside the file the
    reasons name) with, for each, the answers that fired the rules giving
    it, in order and each once."""
    groups: dict[str, dict[tuple[str, str], None]] = {}
    for r in t.reasons:
        if key := getattr(r, by):
            groups.setdefault(key, {}).update(dict.fromkeys(r.answers))
    return tuple((key, tuple(answers)) for key, answers in groups.items())


def is_emergency(kb: KnowledgeBase, answers: Mapping[str, AnswerValue]) -> bool:
    """Whether the answers alone already call for emergency care."""
    answered = answers.keys()
    return any(
        r.level == "emergency" and needed <= answered and holds(answers)
        for r, needed, holds in kb.compiled_rules
    )
