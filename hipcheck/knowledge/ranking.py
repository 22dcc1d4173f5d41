"""The [ranking] table of the knowledge file: what the ranking adds to the
conditions' priors and weights (docs/scoring.md).

- `regions` and `priors`: the prior of a condition by region of the pain x
  age band x sex, as factors on the condition's prior, each cell cited to a
  published case mix.
- `clusters`: answers that measure the same thing (four ways of asking about
  a tender outer hip) count once, with a cap, instead of multiplying.
- `unticked`: once a "several" question is answered, a choice that is strong
  evidence for a condition and was left unticked is modest evidence against.
- `other`: the outcome "a cause this file does not hold".
- `calibration`: a temperature and one bias per outcome, fitted on cases.
- `fit`: when the causes fit the answers well, weakly or not at all.

Every table is optional: a file without [ranking] scores as plain naive Bayes.
"""

import math

from msgspec import Struct, field

from hipcheck.knowledge.match import When

#: The outcome "none of the conditions", as named in `factors` and `bias`.
OTHER = "other"


class PriorCell(Struct, frozen=True, forbid_unknown_fields=True):
    """Factors on the priors for runners with pain in one region, an age
    range and a sex (how much more or less common each cause is there than
    among runners with hip pain of any age)."""

    #: A key of [ranking.regions], or "any".
    region: str
    #: condition id (or "other") -> factor on its prior.
    factors: dict[str, float]
    sources: tuple[str, ...]
    min_age: int = 0
    max_age: int = 200
    #: "female", "male" or "any".
    sex: str = "any"


class UnknownAge(Struct, frozen=True, forbid_unknown_fields=True):
    """The ages of runners with hip pain, by the age question's bands: with
    the age not given, each cause's age ratios count as their average over
    these shares (what the model says of a runner whose age it does not
    know), not as 1, which favours the causes of the old."""

    #: age band (a value of the age question) -> share of runners (sum 1).
    mix: dict[str, float] = field(default_factory=dict)
    sources: tuple[str, ...] = ()


class Cluster(Struct, frozen=True, forbid_unknown_fields=True):
    """Answers that go together: per condition, the strongest counts in full,
    each further one by `rest`, and the whole cluster at most `cap` times
    either way."""

    id: str
    #: "question.value" keys.
    answers: tuple[str, ...]
    cap: float = 4.0
    rest: float = 0.5


class Unticked(Struct, frozen=True, forbid_unknown_fields=True):
    """Evidence against from choices left unticked in an answered question."""

    #: Only a choice whose ratio for a condition is at least this counts ...
    min_ratio: float = 3.0
    #: ... as this ratio when left unticked, once per question and condition
    #: (1 switches it off).
    ratio: float = 1.0
    #: How it reads as evidence; {phrase} is the choice's phrase.
    phrase: str = "not reported: {phrase}"
    #: Questions it applies to (empty: every "several" question).
    questions: tuple[str, ...] = ()
    #: Per condition, the choices ("question.value") most runners with it
    #: would tick, instead of its strong ones: for a condition with several
    #: typical sites (a pelvic stress fracture at the pubic bone, the sacrum
    #: or the sit bone), or whose strongest signs are rare or never noticed
    #: unasked (bruising, locking, pain on hopping). In a question where
    #: none is named, it gets no evidence against.
    expected: dict[str, tuple[str, ...]] = field(default_factory=dict)


class OtherCause(Struct, frozen=True, forbid_unknown_fields=True):
    """The outcome that the cause is none of the conditions in the file."""

    #: Its prior beside the conditions' priors (0: no such outcome).
    prior: float = 0.0
    #: "question.value" -> likelihood ratio, as for a condition.
    weights: dict[str, float] = field(default_factory=dict)
    sources: tuple[str, ...] = ()
    #: Answers that tie the pain to running ("question.value"). When every
    #: question they name was answered and none of them was given, the pain
    #: has no link to running: the other outcome's odds x `unlinked`.
    running: tuple[str, ...] = ()
    unlinked: float = 1.0
    #: An answer that raises the other outcome (ratio R > 1) and that no
    #: condition explains (every condition's ratio <= 1): ratios are relative
    #: to all runners with hip pain, so it must be k = (1 - pi R) / (1 - pi)
    #: times as common among the file's causes (pi: the other outcome's prior
    #: share), and it counts for the other outcome at R / k, with k at least
    #: this floor (1: off).
    unexplained_floor: float = 1.0


class Calibration(Struct, frozen=True, forbid_unknown_fields=True):
    """p = softmax(logit / temperature + bias): fitted on labelled cases."""

    temperature: float = 1.0
    #: condition id (or "other") -> bias added after the temperature.
    bias: dict[str, float] = field(default_factory=dict)
    #: What it was fitted on (for readers of the file).
    note: str = ""


class FitRules(Struct, frozen=True, forbid_unknown_fields=True):
    """How well the causes fit, on the model's shares before calibration:
    `poor` when the other outcome reaches `poor` (or beats every condition),
    `weak` when it reaches `weak` or no condition reaches `weak_top`; else
    `good`; `poor` too when a table of `poor_when` holds."""

    poor: float = 0.5
    weak: float = 0.25
    weak_top: float = 0.0
    #: Pictures of a cause the file does not list (a bruise from a knock,
    #: sore muscles after new exercise): the fit is poor whatever the
    #: shares, so the plan acts on none of the causes. The shares, and so
    #: the score nets and the bone stop, are untouched. Tested as a net's
    #: exceptions are: answers given, once the questions they need are.
    poor_when: tuple[When, ...] = ()


class Ranking(Struct, frozen=True, forbid_unknown_fields=True):
    #: region id -> the location values that make it up.
    regions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    priors: tuple[PriorCell, ...] = ()
    clusters: tuple[Cluster, ...] = ()
    unticked: Unticked = field(default_factory=Unticked)
    other: OtherCause = field(default_factory=OtherCause)
    calibration: Calibration = field(default_factory=Calibration)
    fit: FitRules = field(default_factory=FitRules)
    unknown_age: UnknownAge = field(default_factory=UnknownAge)
    #: "more likely" only for the first cause, and only when its probability
    #: is at least this much above the second's.
    more_likely_gap: float = 0.0


def _positive(value: float) -> bool:
    return math.isfinite(value) and value > 0


def check_ranking(
    r: Ranking,
    conditions: set[str],
    weight_keys: set[str],
    locations: set[str],
    sources: set[str],
    noticed_only: frozenset[str] = frozenset(),
) -> list[str]:
    """Every name refers to something declared, every number makes sense.

    `weight_keys` are the "question.value" keys a weight may name;
    `noticed_only` those of choices ticked only if already noticed.
    """
    return [
        *_priors(r, conditions | {OTHER}, locations, sources),
        *_unknown_age(r.unknown_age, weight_keys, sources),
        *_clusters(r, weight_keys),
        *_unticked(r, conditions, weight_keys, noticed_only),
        *_other(r, weight_keys, sources),
        *_calibration_and_fit(r, conditions | {OTHER}),
    ]


def _priors(r: Ranking, outcomes: set[str], locations: set[str], sources: set[str]) -> list[str]:
    """The regions and the prior cells."""
    problems: list[str] = []
    for rid, locs in r.regions.items():
        for loc in locs:
            if loc not in locations:
                problems.append(f"ranking.regions.{rid}: '{loc}' is not a location value")
    for i, cell in enumerate(r.priors):
        where = f"ranking.priors[{i}]"
        if cell.region != "any" and cell.region not in r.regions:
            problems.append(f"{where}.region: '{cell.region}' is not in ranking.regions")
        if cell.sex not in ("any", "female", "male"):
            problems.append(f"{where}.sex: must be any, female or male")
        if not 0 <= cell.min_age <= cell.max_age:
            problems.append(f"{where}: min_age must be 0 or more and at most max_age")
        if not cell.sources:
            problems.append(f"{where}.sources: each cell needs a published case mix")
        problems += [
            f"{where}.sources: '{s}' is not declared" for s in cell.sources if s not in sources
        ]
        for cid, factor in cell.factors.items():
            if cid not in outcomes:
                problems.append(f"{where}.factors: '{cid}' is not a condition")
            if not _positive(factor):
                problems.append(f"{where}.factors.{cid}: a factor must be > 0")
    return problems


def _unknown_age(u: UnknownAge, weight_keys: set[str], sources: set[str]) -> list[str]:
    """The age mix: shares of the age question's bands, adding up to 1."""
    if not u.mix:
        return []
    where = "ranking.unknown_age"
    problems = [
        f"{where}.mix: '{band}' is not a band of the age question"
        for band in u.mix
        if f"age.{band}" not in weight_keys
    ]
    problems += [
        f"{where}.mix.{band}: a share must be > 0" for band, v in u.mix.items() if not _positive(v)
    ]
    if not problems and abs(sum(u.mix.values()) - 1) > 0.01:
        problems.append(f"{where}.mix: the shares must add up to 1")
    if not u.sources:
        problems.append(f"{where}.sources: the mix needs a published source")
    problems += [f"{where}.sources: '{s}' is not declared" for s in u.sources if s not in sources]
    return problems


def _clusters(r: Ranking, weight_keys: set[str]) -> list[str]:
    """Evidence clusters: a cap of at least 1, each answer in one cluster."""
    problems: list[str] = []
    seen: set[str] = set()
    for c in r.clusters:
        where = f"ranking.clusters ({c.id})"
        if not (_positive(c.cap) and c.cap >= 1):
            problems.append(f"{where}.cap: must be a number of at least 1")
        if not (math.isfinite(c.rest) and 0 <= c.rest <= 1):
            problems.append(f"{where}.rest: must be within [0, 1]")
        for key in c.answers:
            if key not in weight_keys:
                problems.append(f"{where}.answers: '{key}' is not question.value")
            elif key in seen:
                problems.append(f"{where}.answers: '{key}' is already in another cluster")
            seen.add(key)
    return problems


def _unticked(
    r: Ranking, conditions: set[str], weight_keys: set[str], noticed_only: frozenset[str]
) -> list[str]:
    """Evidence against unticked choices; never a choice ticked only if
    already noticed (its absence says nothing: the runner was told not to
    test it)."""
    problems: list[str] = []
    u = r.unticked
    if not (_positive(u.ratio) and u.ratio <= 1 and _positive(u.min_ratio)):
        problems.append("ranking.unticked: ratio must be within (0, 1], min_ratio > 0")
    if "{phrase}" not in u.phrase:
        problems.append("ranking.unticked.phrase: must contain {phrase}")
    for cid, keys in u.expected.items():
        if cid not in conditions:
            problems.append(f"ranking.unticked.expected: '{cid}' is not a condition")
        problems += [
            f"ranking.unticked.expected.{cid}: '{key}' is not question.value"
            for key in keys
            if key not in weight_keys
        ]
        problems += [
            f"ranking.unticked.expected.{cid}: '{key}' is ticked only if already noticed"
            " (noticed_only): left unticked it says nothing"
            for key in keys
            if key in noticed_only
        ]
    return problems


def _other(r: Ranking, weight_keys: set[str], sources: set[str]) -> list[str]:
    """The other-cause outcome."""
    problems: list[str] = []
    o = r.other
    if not (math.isfinite(o.prior) and 0 <= o.prior < 1):
        problems.append("ranking.other.prior: must be within [0, 1)")
    for key, lr in o.weights.items():
        if key not in weight_keys:
            problems.append(f"ranking.other.weights.'{key}': is not question.value")
        if not _positive(lr):
            problems.append(f"ranking.other.weights.'{key}': a likelihood ratio must be > 0")
    problems += [
        f"ranking.other.sources: '{s}' is not declared" for s in o.sources if s not in sources
    ]
    problems += [
        f"ranking.other.running: '{key}' is not question.value"
        for key in o.running
        if key not in weight_keys
    ]
    if not (_positive(o.unlinked) and o.unlinked <= 100):
        problems.append("ranking.other.unlinked: must be within (0, 100]")
    elif o.unlinked != 1 and not o.running:
        problems.append("ranking.other.unlinked: needs the `running` answers it reads")
    if not (_positive(o.unexplained_floor) and o.unexplained_floor <= 1):
        problems.append("ranking.other.unexplained_floor: must be within (0, 1]")
    return problems


def _calibration_and_fit(r: Ranking, outcomes: set[str]) -> list[str]:
    """The calibration, the fit bands and the "more likely" gap."""
    problems: list[str] = []
    cal = r.calibration
    if not (_positive(cal.temperature) and 0.1 <= cal.temperature <= 10):
        problems.append("ranking.calibration.temperature: must be within [0.1, 10]")
    for cid, b in cal.bias.items():
        if cid not in outcomes:
            problems.append(f"ranking.calibration.bias: '{cid}' is not a condition")
        if not (math.isfinite(b) and abs(b) <= 10):
            problems.append(f"ranking.calibration.bias.{cid}: must be within [-10, 10]")
    f = r.fit
    if not (0 <= f.weak <= f.poor <= 1 and 0 <= f.weak_top <= 1):
        problems.append("ranking.fit: need 0 <= weak <= poor <= 1 and weak_top within [0, 1]")
    if not (math.isfinite(r.more_likely_gap) and 0 <= r.more_likely_gap < 1):
        problems.append("ranking.more_likely_gap: must be within [0, 1)")
    return problems
