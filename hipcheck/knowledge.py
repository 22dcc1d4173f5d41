"""Load and validate the knowledge file (data/conditions.toml).

Everything medical lives in the knowledge file: questions, conditions, their
weights and advice, triage rules and sources. This module turns the TOML into
typed, frozen structures (msgspec) and then checks that the parts agree with
each other (every weight names a real question and value, every exercise and
source referred to exists, ...). Any problem is a KnowledgeError whose message
names the file, the table and the key.
"""

from __future__ import annotations

import math
import re
import tomllib
from functools import cached_property
from pathlib import Path
from typing import Any, Literal, get_args

import msgspec
from msgspec import Struct, field

from .errors import KnowledgeError

Level = Literal["self_care", "routine", "urgent", "emergency"]
#: Triage levels from least to most serious.
LEVELS: tuple[Level, ...] = get_args(Level)
Kind = Literal["yes_no", "one", "several", "number"]
SCHEMA_VERSION = 1


class Choice(Struct, frozen=True, forbid_unknown_fields=True):
    id: str
    label: str
    #: How the answer reads as evidence, e.g. "pain on the outer hip".
    phrase: str


class Band(Struct, frozen=True, forbid_unknown_fields=True):
    """A named range of a number question (weights refer to bands)."""

    id: str
    min: float
    max: float
    phrase: str


class Match(Struct, frozen=True, forbid_unknown_fields=True):
    """A test of one answer, used by triage rules and by `ask_if`.

    any: one of these selected; all: every one selected; none: none of these
    selected (true when unanswered); min / max: a number within bounds;
    answered: whether the question was answered at all.
    """

    any: tuple[str, ...] | None = None
    all: tuple[str, ...] | None = None
    none: tuple[str, ...] | None = None
    min: float | None = None
    max: float | None = None
    answered: bool | None = None


#: In a `when` table a key is a question id; the value is `true`/`false` for
#: yes/no, a value or list of values (any of them), or a Match table.
WhenValue = bool | str | list[str] | Match
When = dict[str, WhenValue]


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
    #: Ask only when this holds for the answers so far (interactive mode).
    ask_if: When | None = None
    #: Stop the questionnaire when an answer makes the triage `emergency`.
    red_flag: bool = False
    #: Asked together with the other questions of this screen (see [[screens]]).
    screen: str | None = None

    @cached_property
    def values(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.choices)

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
    """Several yes/no questions asked on one screen as a tick list."""

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


class SeeDoctor(Struct, frozen=True, forbid_unknown_fields=True):
    """A "see a doctor if ..." line that depends on an answer.

    When `when` already holds for the answers the line is left out: a
    triage reason says it instead, so the page never tells the runner to
    watch for what they have just reported.
    """

    text: str
    when: When


class Condition(Struct, frozen=True, forbid_unknown_fields=True):
    id: str
    name: str
    summary: str
    feels_like: str
    #: Relative frequency among runners with hip pain (normalised over all).
    prior: float
    #: "question.value" -> likelihood ratio (>1 raises, <1 lowers).
    weights: dict[str, float]
    self_care: tuple[str, ...]
    prevention: tuple[str, ...]
    see_doctor: tuple[str | SeeDoctor, ...]
    sources: tuple[str, ...]
    exercises: tuple[str, ...] = ()
    #: Which [[plan.pain_relief]] advice fits it; on one page the first in
    #: file order (the most cautious) among the conditions shown wins.
    pain_relief: str = "general"
    #: A running line that overrides the level's when this condition is shown
    #: as a possible cause (a bone stress injury: stop). The page then shows
    #: only such conditions' self-care, and no exercises.
    running: str = ""


class TriageRule(Struct, frozen=True, forbid_unknown_fields=True):
    id: str
    level: Level
    when: When
    reason: str
    #: What to do now (shown with the reason at urgent and emergency).
    advice: str = ""
    #: Keys of [sources] that the rule rests on.
    sources: tuple[str, ...] = ()


class ConditionRule(Struct, frozen=True, forbid_unknown_fields=True):
    """Raise the level when a condition is likely."""

    condition: str
    min_score: float
    level: Level
    reason: str
    sources: tuple[str, ...] = ()


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
    #: Whether condition self-care and exercises are offered at this level.
    self_care: bool = True


class Source(Struct, frozen=True, forbid_unknown_fields=True):
    title: str
    #: How users see it: publisher or authors and year ("Hinge Health, 2024").
    cite: str
    note: str = ""


class PainRelief(Struct, frozen=True, forbid_unknown_fields=True):
    id: str
    text: str


class Likelihood(Struct, frozen=True, forbid_unknown_fields=True):
    """A word for a score band: scores are shares, not probabilities."""

    min_score: float
    label: str


class Plan(Struct, frozen=True, forbid_unknown_fields=True):
    """What every plan shares (see [plan] in the knowledge file)."""

    #: The pain-monitoring rule for running and exercise.
    pain_rule: str
    #: Most cautious first; conditions name one by id.
    pain_relief: tuple[PainRelief, ...]
    #: Highest first; the first whose min_score a score reaches names it.
    likelihood: tuple[Likelihood, ...]


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
    screens: tuple[Screen, ...] = ()
    condition_rules: tuple[ConditionRule, ...] = ()
    path: str = field(default="")

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
    def evidence_table(self) -> dict[tuple[str, str], tuple[tuple[float, ...], Any, Any]]:
        """(question, value) -> (ln LR per condition, evidence "for" per condition,
        evidence "against" per condition); None where the answer does not move it.

        Built once and shared by every assessment, so scoring only adds
        vectors and collects ready-made Evidence objects.
        """
        from .scoring import evidence

        n = len(self.conditions)
        table: dict[tuple[str, str], tuple[list[float], list[Any], list[Any]]] = {}
        for i, cond in enumerate(self.conditions):
            for key, lr in cond.weights.items():
                q, _, v = key.partition(".")
                logs, pro, con = table.setdefault((q, v), ([0.0] * n, [None] * n, [None] * n))
                logs[i] = math.log(lr)
                if lr != 1:
                    (pro if lr > 1 else con)[i] = evidence(q, v, self.phrases[q, v], lr)
        return {k: (tuple(logs), tuple(pro), tuple(con)) for k, (logs, pro, con) in table.items()}

    @cached_property
    def log_priors(self) -> list[float]:
        return [math.log(c.prior) for c in self.conditions]

    @cached_property
    def compiled_rules(self) -> tuple[tuple[TriageRule, Any], ...]:
        """Triage rules with their `when` compiled to a predicate."""
        from .rules import compile_when

        return tuple((r, compile_when(r.when)) for r in self.triage_rules)

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


def default_path() -> Path:
    """The knowledge file shipped in the wheel, or the repository's copy."""
    here = Path(__file__).resolve().parent
    packaged = here / "data" / "conditions.toml"
    return packaged if packaged.is_file() else here.parent / "data" / "conditions.toml"


def _describe_path(raw: dict[str, Any], path: str) -> str:
    """Turn msgspec's `$.conditions[3].name` into `conditions[3] (itbs).name`."""
    out: list[str] = []
    node: Any = raw
    for part in re.findall(r"\.[A-Za-z_]\w*|\[\d+\]|\[[^\]]*\]", path):
        if part.startswith("."):
            key = part[1:]
            out.append(("." if out else "") + key)
            node = node.get(key) if isinstance(node, dict) else None
        elif part[1:-1].isdigit():
            idx = int(part[1:-1])
            node = node[idx] if isinstance(node, list) and idx < len(node) else None
            label = f"[{idx}]"
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                label += f" ({node['id']})"
            out.append(label)
        else:
            key = part[1:-1].strip("'\"")
            out.append(f".{key}")
            node = node.get(key) if isinstance(node, dict) else None
    return "".join(out) or "(top level)"


def _convert_error(raw: dict[str, Any], exc: msgspec.ValidationError) -> str:
    text = str(exc)
    message, sep, where = text.rpartition(" - at `")
    if not sep:
        return text
    return f"{_describe_path(raw, where.rstrip('`'))}: {message}"


def load(path: str | Path | None = None) -> KnowledgeBase:
    """Read, parse and validate a knowledge file; raise KnowledgeError if bad."""
    p = Path(path) if path is not None else default_path()
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise KnowledgeError(f"{p}: knowledge file not found") from None
    except OSError as e:
        raise KnowledgeError(f"{p}: cannot read knowledge file: {e.strerror}") from None
    try:
        raw = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise KnowledgeError(f"{p}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as e:
        raise KnowledgeError(f"{p}: not valid TOML: {e}") from None
    return from_dict(raw, str(p))


def from_dict(raw: dict[str, Any], path: str = "<knowledge>") -> KnowledgeBase:
    try:
        kb = msgspec.convert(raw, KnowledgeBase)
    except msgspec.ValidationError as e:
        raise KnowledgeError(f"{path}: {_convert_error(raw, e)}") from None
    kb = msgspec.structs.replace(kb, path=path)
    problems = check(kb)
    if problems:
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        raise KnowledgeError(f"{path}: {problems[0]}{more}")
    return kb


def _check_when(kb: KnowledgeBase, where: str, when: When, before: set[str] | None) -> list[str]:
    problems: list[str] = []
    for qid, test in when.items():
        q = kb.question_by_id.get(qid)
        if q is None:
            problems.append(f"{where}.{qid}: names no question")
            continue
        if before is not None and qid not in before:
            problems.append(f"{where}.{qid}: must refer to a question asked earlier")
        if isinstance(test, bool):
            if q.kind != "yes_no":
                problems.append(f"{where}.{qid}: true/false only fits a yes/no question")
            continue
        if isinstance(test, Match):
            values = [*(test.any or ()), *(test.all or ()), *(test.none or ())]
            if (test.min is not None or test.max is not None) and q.kind != "number":
                problems.append(f"{where}.{qid}: min/max only fit a number question")
        else:
            values = [test] if isinstance(test, str) else list(test)
            if q.kind == "number":
                problems.append(f"{where}.{qid}: use {{ min = .., max = .. }} for a number")
                continue
        for v in values:
            if v not in q.values:
                problems.append(
                    f"{where}.{qid}: '{v}' is not a value of {qid}; allowed: {', '.join(q.values)}"
                )
    return problems


def _check_question(q: Question, where: str) -> list[str]:
    problems: list[str] = []
    if q.kind == "number":
        if q.min is None or q.max is None or q.min >= q.max:
            problems.append(f"{where}: a number question needs min < max")
        if q.choices:
            problems.append(f"{where}.choices: a number question has bands, not choices")
        lo, hi = q.min or 0, q.max or 0
        for b in q.bands:
            if not (lo <= b.min <= b.max <= hi):
                problems.append(f"{where}.bands ({b.id}): must lie within {lo:g}-{hi:g}")
    else:
        if not q.choices:
            problems.append(f"{where}.choices: a {q.kind} question needs choices")
        if q.bands or q.min is not None or q.max is not None:
            problems.append(f"{where}: only a number question has min, max and bands")
        if q.kind == "yes_no" and set(q.values) != {"yes", "no"}:
            problems.append(f"{where}.choices: a yes/no question has exactly 'yes' and 'no'")
    ids = [c.id for c in q.choices] + [b.id for b in q.bands]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        problems.append(f"{where}: duplicate value ids: {', '.join(dupes)}")
    return problems


def _dupes(kind: str, ids: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for i in ids:
        if i in seen:
            out.append(f"{kind}: duplicate id '{i}'")
        seen.add(i)
    return out


#: Internal codes that must never reach a reader: seed file ids and ratios.
_CODES = re.compile(r"\bseeds? \d{3}\b|\(x\d", re.IGNORECASE)


def reader_texts(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """Every text of the file that users read, with where it is."""
    texts: list[tuple[str, str]] = [
        ("disclaimer", kb.disclaimer),
        ("default_reason", kb.default_reason),
        ("default_reason_unanswered", kb.default_reason_unanswered),
        ("plan.pain_rule", kb.plan.pain_rule),
    ]
    texts += [(f"plan.pain_relief ({p.id})", p.text) for p in kb.plan.pain_relief]
    for k, v in kb.levels.items():
        texts += [(f"levels.{k}", t) for t in (v.title, v.advice, v.running, *v.steps)]
    texts += [(f"triage_rules ({r.id})", t) for r in kb.triage_rules for t in (r.reason, r.advice)]
    texts += [(f"condition_rules ({r.condition})", r.reason) for r in kb.condition_rules]
    texts += [(f"sources.'{k}'.cite", s.cite) for k, s in kb.sources.items()]
    for c in kb.conditions:
        lines = [c.name, c.summary, c.feels_like, c.running, *c.self_care, *c.prevention]
        lines += [x if isinstance(x, str) else x.text for x in c.see_doctor]
        texts += [(f"conditions ({c.id})", line) for line in lines]
    for e in kb.exercises:
        texts += [(f"exercises ({e.id})", t) for t in (e.name, e.purpose, e.dose, *e.steps)]
    return [(where, text) for where, text in texts if text]


def _internal_codes(kb: KnowledgeBase) -> list[str]:
    """User-facing text that still carries "seed 003" or "(x6)"."""
    return [
        f"{where}: internal code '{m.group(0)}' in text users read; cite sources by name"
        for where, text in reader_texts(kb)
        if (m := _CODES.search(text))
    ]


def check(kb: KnowledgeBase) -> list[str]:
    """Consistency checks beyond types; returns the problems found."""
    problems: list[str] = []
    if kb.schema_version != SCHEMA_VERSION:
        problems.append(f"schema_version: {kb.schema_version} is not supported (want 1)")
    for lv in LEVELS:
        if lv not in kb.levels:
            problems.append(f"levels: missing level '{lv}'")
    problems += _dupes("questions", [q.id for q in kb.questions])
    problems += _dupes("conditions", [c.id for c in kb.conditions])
    problems += _dupes("exercises", [e.id for e in kb.exercises])
    problems += _dupes("triage_rules", [r.id for r in kb.triage_rules])
    if not kb.conditions:
        problems.append("conditions: at least one condition is needed")

    asked: set[str] = set()
    screens = {sc.id for sc in kb.screens}
    seen_screens: list[str] = []
    for i, q in enumerate(kb.questions):
        where = f"questions[{i}] ({q.id})"
        problems += _check_question(q, where)
        if q.screen is not None:
            if q.screen not in screens:
                problems.append(f"{where}.screen: '{q.screen}' is not declared in [[screens]]")
            if q.kind != "yes_no":
                problems.append(f"{where}.screen: only yes/no questions share a screen")
            if seen_screens and seen_screens[-1] != q.screen and q.screen in seen_screens:
                problems.append(f"{where}.screen: the questions of a screen must follow each other")
            if not seen_screens or seen_screens[-1] != q.screen:
                seen_screens.append(q.screen)
        elif seen_screens and seen_screens[-1] != "":
            seen_screens.append("")
        if q.ask_if:
            problems += _check_when(kb, f"{where}.ask_if", q.ask_if, asked)
        asked.add(q.id)

    def check_sources(where: str, sources: tuple[str, ...]) -> None:
        if not sources:
            problems.append(f"{where}.sources: at least one source is needed")
        for s in sources:
            if s not in kb.sources:
                problems.append(f"{where}.sources: '{s}' is not declared in [sources]")

    for key, src in kb.sources.items():
        if not src.cite.strip():
            problems.append(f"sources.'{key}'.cite: how users see the source must not be empty")
    relief = {p.id for p in kb.plan.pain_relief}
    if not kb.plan.pain_relief:
        problems.append("plan.pain_relief: at least one entry is needed")
    if not kb.plan.likelihood:
        problems.append("plan.likelihood: at least one band is needed")
    if list(kb.plan.likelihood) != sorted(kb.plan.likelihood, key=lambda b: -b.min_score):
        problems.append("plan.likelihood: list the bands from the highest min_score down")
    for i, e in enumerate(kb.exercises):
        check_sources(f"exercises[{i}] ({e.id})", e.sources)
        for cid in e.unsafe_for:
            if cid not in kb.condition_by_id:
                problems.append(f"exercises[{i}] ({e.id}).unsafe_for: '{cid}' is not a condition")
    for i, c in enumerate(kb.conditions):
        where = f"conditions[{i}] ({c.id})"
        if not (c.prior > 0):
            problems.append(f"{where}.prior: must be greater than 0")
        for key, lr in c.weights.items():
            qid, dot, value = key.partition(".")
            wq = kb.question_by_id.get(qid)
            if not dot or wq is None:
                problems.append(f"{where}.weights.'{key}': names no question (want question.value)")
                continue
            allowed = wq.values + tuple(b.id for b in wq.bands)
            if value not in allowed:
                problems.append(
                    f"{where}.weights.'{key}': '{value}' is not a value of {qid}; "
                    f"allowed: {', '.join(allowed)}"
                )
            if not (math.isfinite(lr) and lr > 0):
                problems.append(f"{where}.weights.'{key}': a likelihood ratio must be > 0")
        for ex in c.exercises:
            if ex not in kb.exercise_by_id:
                problems.append(f"{where}.exercises: '{ex}' is not an exercise id")
            elif c.id in kb.exercise_by_id[ex].unsafe_for:
                problems.append(f"{where}.exercises: '{ex}' is marked unsafe for this condition")
        if c.pain_relief not in relief:
            problems.append(f"{where}.pain_relief: '{c.pain_relief}' is not in plan.pain_relief")
        for j, line in enumerate(c.see_doctor):
            if isinstance(line, SeeDoctor):
                problems += _check_when(kb, f"{where}.see_doctor[{j}].when", line.when, None)
        check_sources(where, c.sources)
    for i, r in enumerate(kb.triage_rules):
        problems += _check_when(kb, f"triage_rules[{i}] ({r.id}).when", r.when, None)
        if not r.when:
            problems.append(f"triage_rules[{i}] ({r.id}).when: must test at least one answer")
        for key in r.sources:
            if key not in kb.sources:
                problems.append(f"triage_rules[{i}] ({r.id}).sources: '{key}' is not declared")
    check_sources("load", kb.load.sources)
    h = kb.history
    for name, template in (
        ("not_improving_reason", h.not_improving_reason),
        ("worsening_reason", h.worsening_reason),
    ):
        try:
            template.format(**dict.fromkeys(HISTORY_FIELDS, "x"))
        except (KeyError, IndexError, ValueError) as e:
            problems.append(
                f"history.{name}: unknown placeholder {e}; use {', '.join(HISTORY_FIELDS)}"
            )
    try:
        kb.default_reason_unanswered.format(questions="x")
    except (KeyError, IndexError, ValueError) as e:
        problems.append(f"default_reason_unanswered: unknown placeholder {e}; use {{questions}}")
    problems += _internal_codes(kb)
    for i, cr in enumerate(kb.condition_rules):
        if cr.condition not in kb.condition_by_id:
            problems.append(f"condition_rules[{i}].condition: '{cr.condition}' is not a condition")
        if not (0 < cr.min_score <= 1):
            problems.append(f"condition_rules[{i}].min_score: must be within (0, 1]")
    return problems
