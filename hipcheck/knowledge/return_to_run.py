"""The knowledge file's return-to-running plan and clinician page (typed, frozen).

`[return_to_run]`: kinds of problem (bone, joint, tendon, soft tissue), the
stages of each kind's ladder with their entry tests, the pain-rule decisions
that move a runner up, hold or step back, and how to add volume afterwards.
`[report]`: the questions a runner may want to ask a clinician, and a short
glossary. `return_to_run_checks` verifies that the parts agree.
"""

from functools import cached_property
from typing import Literal

from msgspec import Struct

from hipcheck.knowledge.when import AnyWhen, Predicate, When, compile_when, tables

#: What a check-in does with the stage: a first plan starts; later ones move
#: up, hold or step back by the pain rule.
Decision = Literal["start", "move_up", "hold", "step_back"]
#: Reasons that are not a rule of [[return_to_run.rules]] (texts in
#: [return_to_run.reasons], except "start": the stage's own start_reason).
FIXED_REASONS = ("start", "no_report", "clearance", "restart", "too_soon")
#: A start held at a stage by its `start_no_higher[i]`: reason "start.no_higher.<i>".
NO_HIGHER = "no_higher"
#: A move up held at a stage by its `stay_when[i]`: reason "stay.<i>".
STAY = "stay"


class RunKind(Struct, frozen=True, forbid_unknown_fields=True):
    """A kind of problem with its own ladder (bone, joint, tendon, soft tissue)."""

    id: str
    name: str
    #: Condition ids of this kind; every condition has exactly one kind.
    conditions: tuple[str, ...]
    note: str = ""
    #: Only a clinician can move the runner past the first stage (bone).
    clearance: bool = False
    sources: tuple[str, ...] = ()


def _compiled_any(when: AnyWhen) -> Predicate:
    """`when` as one predicate: its table's, or whether any of its tables holds."""
    found = tuple(compile_when(w) for w in tables(when))
    if len(found) == 1:
        return found[0]
    return lambda answers: any(holds(answers) for holds in found)


class StageWhen(Struct, frozen=True, forbid_unknown_fields=True):
    """A test of a stage with the reason the page gives when it holds: another
    way to start there (`start_also`: night pain from lying on a sore outer
    hip), a start held there (`start_no_higher`), a move up held there
    (`stay_when`). `when` must hold on answers given (an unanswered test fails
    here, unlike `start_when`); a list of tables: when any holds."""

    when: AnyWhen
    reason: str


def _compiled_entries(entries: tuple[StageWhen, ...]) -> tuple[Predicate, ...]:
    """A stage's `start_also`, `start_no_higher` or `stay_when`, each compiled."""
    return tuple(_compiled_any(a.when) for a in entries)


class RunStage(Struct, frozen=True, forbid_unknown_fields=True):
    id: str
    name: str
    #: What to do at this stage.
    do: tuple[str, ...]
    #: What must be true to enter this stage.
    entry: tuple[str, ...] = ()
    #: More entry tests for one kind, by kind id (bone: clearance first).
    extra_entry: dict[str, tuple[str, ...]] = {}
    #: The ladders this stage is on, by kind id; empty: every kind.
    kinds: tuple[str, ...] = ()
    #: A first check-in may start here when this holds for the answers.
    start_when: When | None = None
    #: Why a first check-in starts here.
    start_reason: str = ""
    #: Other ways to start here, each with its own reason.
    start_also: tuple[StageWhen, ...] = ()
    #: A first check-in starts no higher than here when one of these holds
    #: on the answers given, with its reason (the first days after a knock).
    start_no_higher: tuple[StageWhen, ...] = ()
    #: A move up from here (the pain rule met) holds when one of these holds
    #: on the report, with its reason: the walking stage's way on asks for
    #: pain-free walking, more than the pain rule's 3 out of 10.
    stay_when: tuple[StageWhen, ...] = ()
    #: How much next week's longest run and running time may grow over the
    #: runner's own data when the pain rule was met; None: no target from
    #: activity data at this stage (its own times are the target).
    growth_percent: float | None = None
    #: The one line about running on a page placed at this stage.
    running: str = ""
    #: Whether the runner runs at this stage (false: walking, or no running
    #: before clearance): an exercise done before runs is not offered.
    runs: bool = True
    #: Runners whose ladder leaves this stage out (pregnancy: no building
    #: up), tested on answers given; why, and on what authority.
    not_for: When | None = None
    not_for_reason: str = ""
    not_for_sources: tuple[str, ...] = ()

    def entry_for(self, kind: str) -> tuple[str, ...]:
        return (*self.extra_entry.get(kind, ()), *self.entry)


class RunRule(Struct, frozen=True, forbid_unknown_fields=True):
    """A pain-rule decision on the runner's report of the last sessions."""

    id: str
    decision: Literal["move_up", "hold", "step_back"]
    when: When
    #: `{question id}` is replaced by the answer in words.
    reason: str


class RunReasons(Struct, frozen=True, forbid_unknown_fields=True):
    """Texts for the decisions that no rule makes."""

    no_report: str
    clearance: str
    restart: str
    #: When the starting stage's test had unanswered questions: `{questions}`
    #: (their short names) and `{first_stage}` (the first stage's name).
    missing: str = ""
    #: A move up held because the stage began only days ago.
    too_soon: str = ""
    #: `missing` for a start held low by `start_no_higher`: `{questions}` only.
    missing_held: str = ""


class ReturnToRun(Struct, frozen=True, forbid_unknown_fields=True, dict=True):
    #: At urgent: the only word about running (no stages before clearance).
    after_clearance: str
    #: How to add volume after the ladder.
    volume: tuple[str, ...]
    #: "The past month" of the longest-run limit, in days.
    window_days: int
    sources: tuple[str, ...]
    reasons: RunReasons
    kinds: tuple[RunKind, ...]
    stages: tuple[RunStage, ...]
    rules: tuple[RunRule, ...]
    #: Questions the questionnaire asks at every check-in after the first
    #: (how the runs since went), whatever the interview chose.
    ask_at_checkin: tuple[str, ...] = ()

    @cached_property
    def kind_by_condition(self) -> dict[str, RunKind]:
        return {cid: k for k in self.kinds for cid in k.conditions}

    @cached_property
    def kind_by_id(self) -> dict[str, RunKind]:
        return {k.id: k for k in self.kinds}

    @cached_property
    def stage_by_id(self) -> dict[str, RunStage]:
        return {s.id: s for s in self.stages}

    @cached_property
    def rule_by_id(self) -> dict[str, RunRule]:
        return {r.id: r for r in self.rules}

    @cached_property
    def rule_tests(self) -> tuple[tuple[RunRule, Predicate], ...]:
        """The rules with their `when` compiled once (batch runs many)."""
        return tuple((r, compile_when(r.when)) for r in self.rules)

    @cached_property
    def start_tests(self) -> dict[str, tuple[tuple[str, Predicate], ...]]:
        """Each stage's `start_when`, one compiled test per question."""
        return {
            s.id: tuple((q, compile_when({q: test})) for q, test in s.start_when.items())
            for s in self.stages
            if s.start_when is not None
        }

    @cached_property
    def start_also_tests(self) -> dict[str, tuple[Predicate, ...]]:
        """Each stage's `start_also` tests, compiled once."""
        return {s.id: _compiled_entries(s.start_also) for s in self.stages}

    @cached_property
    def stay_tests(self) -> dict[str, tuple[Predicate, ...]]:
        """Each stage's `stay_when` tests, compiled once."""
        return {s.id: _compiled_entries(s.stay_when) for s in self.stages}

    @cached_property
    def start_no_higher_tests(self) -> dict[str, tuple[Predicate, ...]]:
        """Each stage's `start_no_higher` tests, compiled once."""
        return {s.id: _compiled_entries(s.start_no_higher) for s in self.stages}

    def stages_of(self, ids: tuple[str, ...]) -> tuple[RunStage, ...]:
        """The stages of these ids (a runner's ladder, `Progress.ladder`), in order."""
        return tuple(self.stage_by_id[i] for i in ids)

    def ladder(self, kind: str) -> tuple[RunStage, ...]:
        """The stages of one kind's ladder, in order."""
        found = self._ladders.get(kind)
        if found is None:
            found = tuple(s for s in self.stages if not s.kinds or kind in s.kinds)
            if kind in self.kind_by_id:  # only the file's kinds are kept
                self._ladders[kind] = found
        return found

    @cached_property
    def _ladders(self) -> dict[str, tuple[RunStage, ...]]:
        return {}

    @cached_property
    def report_questions(self) -> tuple[str, ...]:
        """The questions the rules read (the runner's report of the last
        sessions), sorted."""
        return tuple(sorted({q for r in self.rules for q in r.when}))

    def texts(self) -> list[tuple[str, str]]:
        """Every text users read, with where it is (for the internal-code check)."""
        where = "return_to_run"
        out = [(where, self.after_clearance), *((where, v) for v in self.volume)]
        out += [(f"{where}.reasons", t) for t in (self.reasons.no_report, self.reasons.clearance)]
        out.append((f"{where}.reasons", self.reasons.missing))
        out.append((f"{where}.reasons", self.reasons.restart))
        out.append((f"{where}.reasons", self.reasons.too_soon))
        out.append((f"{where}.reasons", self.reasons.missing_held))
        out += [(f"{where}.kinds ({k.id})", t) for k in self.kinds for t in (k.name, k.note)]
        for s in self.stages:
            lines = [s.name, s.start_reason, s.running, s.not_for_reason, *s.do, *s.entry]
            lines += [a.reason for a in (*s.start_also, *s.start_no_higher, *s.stay_when)]
            lines += [t for extra in s.extra_entry.values() for t in extra]
            out += [(f"{where}.stages ({s.id})", t) for t in lines]
        out += [(f"{where}.rules ({r.id})", r.reason) for r in self.rules]
        return [(w, t) for w, t in out if t]


class ReportQuestion(Struct, frozen=True, forbid_unknown_fields=True):
    """A question the runner may want to ask the clinician."""

    text: str
    #: Ask only when one of these conditions is among the causes shown.
    conditions: tuple[str, ...] = ()
    #: Ask only at these triage levels.
    levels: tuple[str, ...] = ()


class GlossaryEntry(Struct, frozen=True, forbid_unknown_fields=True):
    #: Shown when this term appears on the page (case-insensitive).
    term: str
    meaning: str


class ReportInfo(Struct, frozen=True, forbid_unknown_fields=True):
    questions: tuple[ReportQuestion, ...] = ()
    glossary: tuple[GlossaryEntry, ...] = ()

    def texts(self) -> list[tuple[str, str]]:
        out = [("report.questions", q.text) for q in self.questions]
        out += [
            (f"report.glossary ({g.term})", t) for g in self.glossary for t in (g.term, g.meaning)
        ]
        return out
