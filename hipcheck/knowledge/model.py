"""The knowledge file's typed, frozen model (msgspec structures).

Everything medical lives in the knowledge file: questions, conditions, their
weights and advice, triage rules and sources. `loader` turns the TOML into
these structures and `checks` verifies that the parts agree.

The modules of these structures do without `from __future__ import
annotations`: msgspec reads their field types on every start (to decode the
cached file, store/verified.py), and compiling some 200 annotations written
as strings took it about 3 ms.
"""

import math
from functools import cached_property
from typing import Any, Literal

from msgspec import Struct, field

from hipcheck.knowledge.interview_rules import Interview
from hipcheck.knowledge.levels import Level
from hipcheck.knowledge.lines import CareLine, SeeDoctor
from hipcheck.knowledge.plan_model import Plan
from hipcheck.knowledge.ranking import Ranking
from hipcheck.knowledge.return_to_run import ReportInfo, ReturnToRun
from hipcheck.knowledge.rules import ConditionRule, TriageRule
from hipcheck.knowledge.saying import Saying
from hipcheck.knowledge.sources import Source
from hipcheck.knowledge.when import AnyWhen, When, compile_when, required

Kind = Literal["yes_no", "one", "several", "number"]
#: A score net's exceptions, compiled: (the questions each needs answered,
#: its test), any of which may hold.
NetExceptions = tuple[tuple[frozenset[str], Any], ...]
#: The [[plan.pain_relief]] id of a condition that names none, and the line of
#: a page that acts on none of the causes (core.plan).
GENERAL_RELIEF = "general"
SCHEMA_VERSION = 1


class Choice(Struct, frozen=True, forbid_unknown_fields=True):
    id: str
    label: str
    #: How the answer reads as evidence, e.g. "pain on the outer hip".
    phrase: str
    #: False: still a valid answer (flags, files; an earlier contract value
    #: that newer, finer values replace) but not offered when asking.
    offer: bool = True
    #: On a red-flag question that is not yes/no: this choice is an
    #: emergency answer (see knowledge/red_flags.py).
    red_flag: bool = False
    #: Offered when asking unless the answers given contradict it; an
    #: unanswered question never hides it (knowledge/choices.py).
    offer_if: When | None = None
    #: Ticked only if already noticed, never tested (hopping, pressing,
    #: squeezing): left unticked it says nothing, so it never counts against
    #: a cause (the runner was told not to test it).
    noticed_only: bool = False
    #: On a "how long" question: the choice covers a time from this many
    #: days up to the next choice's (knowledge/spans.py), so "3 weeks" typed
    #: as a flag is answered with the one choice it falls in.
    from_days: int | None = None


class Band(Struct, frozen=True, forbid_unknown_fields=True):
    """A named range of a number question (weights refer to bands)."""

    id: str
    min: float
    max: float
    phrase: str


class Question(Struct, frozen=True, forbid_unknown_fields=True, dict=True):
    id: str
    kind: Kind
    prompt: str
    help: str
    section: str
    #: A few words for the review table ("Where it hurts").
    short: str
    choices: tuple[Choice, ...] = ()
    min: float | None = None
    max: float | None = None
    bands: tuple[Band, ...] = ()
    #: Ask only when this holds for the answers so far (interactive mode); a
    #: list of tables: when any of them holds ("or": stiffness ticked, or
    #: pain in the morning).
    ask_if: AnyWhen | None = None
    #: Stop the questionnaire when an answer makes the triage `emergency`.
    red_flag: bool = False
    #: Asked together with the other questions of this screen (see [[screens]]).
    screen: str | None = None

    @cached_property
    def values(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.choices)

    @cached_property
    def offer_deps(self) -> frozenset[str]:
        """The questions whose answers decide which of its choices are offered."""
        return frozenset(qid for c in self.choices if c.offer_if for qid in c.offer_if)

    @cached_property
    def value_set(self) -> frozenset[str]:
        return frozenset(self.values)

    def choice(self, value: str) -> Choice:
        for c in self.choices:
            if c.id == value:
                return c
        raise KeyError(value)

    def band_of(self, number: float) -> Band | None:
        for b in self.bands:
            if b.min <= number <= b.max:
                return b
        return None


class Screen(Struct, frozen=True, forbid_unknown_fields=True):
    """Questions asked on one screen as a tick list: a yes/no question is
    one tick, a "several" question one tick per value."""

    id: str
    prompt: str
    help: str


class Exercise(Struct, frozen=True, forbid_unknown_fields=True):
    id: str
    name: str
    purpose: str
    steps: tuple[str, ...]
    dose: str
    sources: tuple[str, ...]
    #: Condition ids this exercise can harm: it is never offered on a page
    #: that shows any of them (e.g. a figure-four beside gluteal tendinopathy).
    unsafe_for: tuple[str, ...] = ()
    #: Not offered when the answers say this movement hurts (a runner whose
    #: pain comes on getting up from a chair is not given sit-to-stand squats):
    #: hipcheck never asks anyone to do what provokes their pain.
    avoid_when: When | None = None
    #: Not offered to the runners it does not suit, from the answers: lying
    #: flat on the back in pregnancy (ACOG 2020).
    not_for: When | None = None
    #: Who should skip it: shown apart from the numbered steps (not a step).
    caution: str = ""
    #: Done before runs (a warm-up): not offered at a stage with no running.
    before_runs: bool = False


class Condition(Struct, frozen=True, forbid_unknown_fields=True):
    id: str
    name: str
    summary: str
    feels_like: str
    #: Relative frequency among runners with hip pain (normalised over all).
    prior: float
    #: "question.value" -> likelihood ratio (>1 raises, <1 lowers).
    weights: dict[str, float]
    self_care: tuple[str | CareLine, ...]
    prevention: tuple[str, ...]
    see_doctor: tuple[str | SeeDoctor, ...]
    sources: tuple[str, ...]
    exercises: tuple[str, ...] = ()
    #: Which [[plan.pain_relief]] advice fits it; on one page the first in
    #: file order (the most cautious) among the conditions shown wins.
    pain_relief: str = GENERAL_RELIEF
    #: A running line that overrides the level's when this condition is shown
    #: as a possible cause (a bone stress injury: stop). The page then shows
    #: only such conditions' self-care, and no exercises.
    running: str = ""


class HistoryRules(Struct, frozen=True, forbid_unknown_fields=True):
    """How a check-in compares with earlier ones (see [history] in the file)."""

    episode_days: int
    not_improving_days: int
    not_improving_reason: str
    worsening_by: float
    worsening_reason: str
    level: Level


class LoadRules(Struct, frozen=True, forbid_unknown_fields=True):
    """How activity data sets `training: mileage_jump` (see [load] in the file).

    A run more than `single_run_percent` longer than the longest run of the
    `single_run_window_days` before it, or running distance over the last 14
    days more than `two_week_percent` above the 14 days before, within the
    last `recent_days` days, sets it; with under `min_history_days` days of
    data before those days nothing is set. Weeks (and fortnights) under
    `min_week_km`, or `min_week_minutes`, are no base for a change. The
    acute:chronic workload ratio is shown for information only, marked above
    `acwr_caution`.
    """

    single_run_percent: float
    single_run_window_days: int
    two_week_percent: float
    recent_days: int
    min_history_days: int
    min_week_km: float
    min_week_minutes: float
    acwr_caution: float
    sources: tuple[str, ...]

    def __post_init__(self) -> None:
        for name in (
            "single_run_percent",
            "two_week_percent",
            "min_week_km",
            "min_week_minutes",
            "acwr_caution",
        ):
            value = getattr(self, name)
            if not (math.isfinite(value) and 0 <= value <= 1e6):
                raise ValueError(f"{name} must be a number from 0 to 1000000, not {value}")
        for name, low in (
            ("single_run_window_days", 1),
            ("recent_days", 1),
            ("min_history_days", 0),
        ):
            value = getattr(self, name)
            if not low <= value <= 3660:
                raise ValueError(f"{name} must be a whole number of days from {low} to 3660")


class LevelInfo(Struct, frozen=True, forbid_unknown_fields=True):
    title: str
    advice: str
    #: The one line about running at this level: the plan says it once.
    running: str
    #: At urgent and emergency: what to do until seen, in place of any
    #: condition's self-care.
    steps: tuple[str, ...] = ()
    #: More until-seen steps when a bone stress injury is possible (among the
    #: causes considered, or a bone route fired), and when it is not. The
    #: first of each is the pain line, which the answers' own pain line (in
    #: pregnancy) replaces; the others stay. A line with a `when` is for some
    #: runners only (a `CareLine`: the periods line not for men).
    bone_steps: tuple[str | CareLine, ...] = ()
    other_steps: tuple[str | CareLine, ...] = ()
    #: Whether condition self-care and exercises are offered at this level.
    self_care: bool = True
    #: When to check again: the last line of "What to do now".
    check_again: str = ""
    #: See-a-doctor lines of every page at this level, whatever the causes
    #: (self-care: when to stop running and be seen).
    see_doctor: tuple[SeeDoctor, ...] = ()


class KnowledgeBase(Struct, frozen=True, forbid_unknown_fields=True, dict=True):
    schema_version: int
    version: str
    disclaimer: str
    default_reason: str
    levels: dict[Level, LevelInfo]
    sources: dict[str, Source]
    questions: tuple[Question, ...]
    exercises: tuple[Exercise, ...]
    conditions: tuple[Condition, ...]
    triage_rules: tuple[TriageRule, ...]
    history: HistoryRules
    load: LoadRules
    plan: Plan
    #: The triage reason when nothing fired but safety questions were left
    #: unanswered: never "no warning signs" then.
    default_reason_unanswered: str
    #: How the adaptive interview orders its questions and when it stops.
    interview: Interview
    screens: tuple[Screen, ...] = ()
    condition_rules: tuple[ConditionRule, ...] = ()
    #: The return-to-running stages and the clinician page (optional tables).
    return_to_run: ReturnToRun | None = None
    report: ReportInfo | None = None
    ranking: Ranking = field(default_factory=Ranking)  # priors, clusters, other, calibration
    path: str = field(default="")
    #: Where each exception an `unless_sets` added came from, for messages
    #: (knowledge/exception_sets.py `origins`); set on load, never by the file.
    exception_origins: dict[str, str] = field(default_factory=dict)

    @cached_property
    def question_by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    @cached_property
    def screen_by_id(self) -> dict[str, Screen]:
        return {s.id: s for s in self.screens}

    @cached_property
    def condition_by_id(self) -> dict[str, Condition]:
        return {c.id: c for c in self.conditions}

    @cached_property
    def safety_questions(self) -> tuple[str, ...]:
        """Ids of the questions on the safety screen, in asking order."""
        return tuple(q.id for q in self.questions if q.screen == "safety")

    def cite(self, keys: tuple[str, ...]) -> tuple[str, ...]:
        """How users see these sources, de-duplicated, in order."""
        return tuple(dict.fromkeys(self.sources[k].cite for k in keys if k in self.sources))

    def likelihood(self, score: float) -> str:
        for band in self.plan.likelihood:
            if score >= band.min_score:
                return band.label
        return self.plan.likelihood[-1].label

    @cached_property
    def exercise_by_id(self) -> dict[str, Exercise]:
        return {e.id: e for e in self.exercises}

    @cached_property
    def ranking_tables(self) -> Any:
        """The ranking's tables (knowledge.ranking_tables), built on first use."""
        from hipcheck.knowledge.ranking_tables import build

        return build(self)

    @cached_property
    def log_priors(self) -> list[float]:
        return [math.log(c.prior) for c in self.conditions]

    @cached_property
    def compiled_rules(self) -> tuple[tuple[TriageRule, frozenset[str], Any], ...]:
        """Triage rules with the questions they need answered and their `when`
        compiled to a predicate: a rule whose questions are not all answered
        is skipped without testing it."""
        return tuple((r, required(r.when), compile_when(r.when)) for r in self.triage_rules)

    @cached_property
    def saying(self) -> Saying:  # which rules' reasons another's says (knowledge/saying.py)
        return Saying(self.triage_rules)

    @cached_property
    def compiled_exceptions(self) -> dict[str, tuple[Any, ...]]:
        """Rule id -> its exceptions compiled to predicates (broad rules only)."""
        return {
            r.id: tuple(compile_when(w) for w in r.unless) for r in self.triage_rules if r.unless
        }

    @cached_property
    def compiled_net_exceptions(self) -> tuple[NetExceptions, ...]:
        """Each score net's exceptions as (the questions they need answered,
        the compiled test), in `condition_rules` order."""
        return tuple(
            tuple((required(w), compile_when(w)) for w in cr.unless) for cr in self.condition_rules
        )

    @cached_property
    def compiled_poor_fit(self) -> NetExceptions:
        """`[ranking.fit] poor_when`, compiled as a net's exceptions are."""
        return tuple((required(w), compile_when(w)) for w in self.ranking.fit.poor_when)

    @cached_property
    def net_exceptions_by_condition(self) -> tuple[tuple[str, tuple[NetExceptions, ...]], ...]:
        """(condition, its nets' exceptions) for each condition all of whose
        nets have exceptions (core.net_exceptions.nets_excepted)."""
        by: dict[str, list[NetExceptions]] = {}
        for cr, unless in zip(self.condition_rules, self.compiled_net_exceptions, strict=True):
            by.setdefault(cr.condition, []).append(unless)
        return tuple((cid, tuple(nets)) for cid, nets in by.items() if all(nets))

    @cached_property
    def net_exceptions_need(self) -> frozenset[str]:
        """The questions every one of those exceptions needs answered (none
        can hold without them)."""
        needs = [n for _, nets in self.net_exceptions_by_condition for net in nets for n, _ in net]
        return frozenset.intersection(*needs) if needs else frozenset({""})

    @cached_property
    def compiled_bone_shown_unless(self) -> tuple[Any, ...]:
        """[plan] bone_shown_unless compiled to predicates."""
        return tuple(compile_when(w) for w in self.plan.bone_shown_unless)

    @cached_property
    def compiled_lowered_exceptions(self) -> dict[str, tuple[Any, ...]]:
        """Rule id -> the exceptions of its lowered level, compiled."""
        return {
            r.id: tuple(compile_when(w) for w in r.lowered.unless)
            for r in self.triage_rules
            if r.lowered is not None and r.lowered.unless
        }

    @cached_property
    def phrases(self) -> dict[tuple[str, str], str]:
        """(question, value or band) -> how the answer reads as evidence."""
        out = {}
        for q in self.questions:
            out.update({(q.id, c.id): c.phrase for c in q.choices})
            out.update({(q.id, b.id): b.phrase for b in q.bands})
        return out


#: Placeholders the [history] reasons may use.
HISTORY_FIELDS = ("severity", "first_severity", "first_date", "last_severity", "last_date")
