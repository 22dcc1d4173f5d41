"""The ranking's tables, built once per knowledge file (batch scores
thousands of records with them): log ratios per answer for every outcome
(the conditions, then "other" when the file has it), which cluster an answer
belongs to, the prior cells, and the unticked-choice tables.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from msgspec import Struct

from hipcheck.knowledge.evidence import Evidence
from hipcheck.knowledge.ranking import OTHER

if TYPE_CHECKING:
    from hipcheck.knowledge.model import KnowledgeBase

Vector = tuple[float, ...]


# msgspec structures, not dataclasses: as fast to read, and making a dataclass
# with slots costs every start about 1 ms


class Cell(Struct, frozen=True):
    region: str
    min_age: float
    max_age: float
    sex: str
    logs: Vector
    #: Applies only when the age is not given (`ranking.unknown_age`).
    unknown_age: bool = False


class UntickedRow(Struct, frozen=True):
    """For one condition and one question: the choices that speak strongly
    for it (strongest first) and the evidence each reads as when unticked."""

    index: int
    strong: frozenset[str]
    evidence: tuple[tuple[str, Evidence], ...]


class RankingTables(Struct, frozen=True):
    #: Number of conditions; outcome `n` is "other" when `has_other`.
    n: int
    has_other: bool
    #: ln prior of every outcome.
    base: Vector
    #: (question, value) -> (ln ratio per outcome, evidence for, evidence against).
    evidence: dict[tuple[str, str], tuple[Vector, Any, Any]]
    #: (question, value) -> index into `clusters`.
    cluster_of: dict[tuple[str, str], int]
    #: (ln cap, rest) per cluster.
    clusters: tuple[tuple[float, float], ...]
    #: location value -> region id.
    region_of: dict[str, str]
    cells: tuple[Cell, ...]
    unticked: dict[str, tuple[UntickedRow, ...]]
    unticked_log: float
    inv_temperature: float
    bias: Vector
    #: (question, value) answers that tie the pain to running, the questions
    #: they name, and ln(ranking.other.unlinked) (0: off).
    running: frozenset[tuple[str, str]] = frozenset()
    running_questions: frozenset[str] = frozenset()
    unlinked_log: float = 0.0

    @property
    def width(self) -> int:
        return self.n + self.has_other


def build(kb: KnowledgeBase) -> RankingTables:
    r = kb.ranking
    n = len(kb.conditions)
    has_other = r.other.prior > 0
    width = n + has_other
    index = {c.id: i for i, c in enumerate(kb.conditions)}
    if has_other:
        index[OTHER] = n
    weights = [c.weights for c in kb.conditions] + ([r.other.weights] if has_other else [])
    priors = [c.prior for c in kb.conditions] + ([r.other.prior] if has_other else [])
    total = sum(priors)
    base = tuple(math.log(p / total) for p in priors)

    evidence = _evidence(kb, weights, width, math.exp(base[n]) if has_other else 0.0)
    cluster_of: dict[tuple[str, str], int] = {}
    for ci, cl in enumerate(r.clusters):
        for key in cl.answers:
            q, _, v = key.partition(".")
            cluster_of[q, v] = ci
    cells = tuple(
        Cell(
            cell.region,
            cell.min_age,
            cell.max_age,
            cell.sex,
            tuple(math.log(cell.factors.get(k, 1.0)) for k in [*index][:width]),
        )
        for cell in r.priors
    ) + _unknown_age_cells(r.unknown_age.mix, weights)
    bias = tuple(r.calibration.bias.get(k, 0.0) for k in [*index][:width])
    return RankingTables(
        n=n,
        has_other=has_other,
        base=base,
        evidence=evidence,
        cluster_of=cluster_of,
        clusters=tuple((math.log(cl.cap), cl.rest) for cl in r.clusters),
        region_of={loc: rid for rid, locs in r.regions.items() for loc in locs},
        cells=cells,
        unticked=_unticked(kb) if r.unticked.ratio < 1 else {},
        unticked_log=math.log(r.unticked.ratio),
        inv_temperature=1 / r.calibration.temperature,
        bias=bias,
        running=frozenset(_pair(key) for key in r.other.running),
        running_questions=frozenset(_pair(key)[0] for key in r.other.running),
        unlinked_log=math.log(r.other.unlinked) if has_other else 0.0,
    )


def _evidence(
    kb: KnowledgeBase, weights: list[dict[str, float]], width: int, other_share: float
) -> dict[tuple[str, str], tuple[Vector, Any, Any]]:
    """(question, value) -> (ln ratio per outcome, evidence for, evidence
    against per condition); `other_share`: the other outcome's prior share."""
    n, r = len(kb.conditions), kb.ranking
    has_other = width > n
    table: dict[tuple[str, str], tuple[list[float], list[Any], list[Any]]] = {}
    shared: dict[tuple[str, str, float], Evidence] = {}
    for i, w in enumerate(weights):
        for key, lr in w.items():
            q, _, v = key.partition(".")
            logs, pro, con = table.setdefault((q, v), ([0.0] * width, [None] * n, [None] * n))
            logs[i] = math.log(lr)
            if lr != 1 and i < n:  # the other outcome is never shown as a cause
                e = shared.setdefault((q, v, lr), Evidence(q, v, kb.phrases[q, v], lr))
                (pro if lr > 1 else con)[i] = e
    if has_other and r.other.unexplained_floor < 1:
        _unexplained(table, n, other_share, r.other.unexplained_floor)
    return {
        k: (
            tuple(logs),
            tuple((i, e) for i, e in enumerate(pro) if e is not None),
            tuple((i, e) for i, e in enumerate(con) if e is not None),
        )
        for k, (logs, pro, con) in table.items()
    }


def _unknown_age_cells(mix: dict[str, float], weights: list[dict[str, float]]) -> tuple[Cell, ...]:
    """With the age not given, each outcome's age ratio averaged over the
    ages of runners (ln of the mean), as a cell for any region and sex."""
    if not mix:
        return ()
    logs = tuple(
        math.log(sum(share * w.get(f"age.{band}", 1.0) for band, share in mix.items()))
        for w in weights
    )
    return (Cell("any", 0, 200, "any", logs, unknown_age=True),)


def _pair(key: str) -> tuple[str, str]:
    q, _, v = key.partition(".")
    return q, v


def _unexplained(
    table: dict[tuple[str, str], tuple[list[float], list[Any], list[Any]]],
    n: int,
    pi: float,
    floor: float,
) -> None:
    """An answer that raises the other outcome (ratio R > 1) and that no
    condition explains (every ratio <= 1): the outcomes' ratios must average
    1 over all runners with hip pain, so the file's causes give it
    k = (1 - pi R) / (1 - pi) times as often (at least `floor`); the other
    outcome's ratio against them is R / k."""
    for logs, _, _ in table.values():
        ratio = math.exp(logs[n])
        if ratio > 1 and max(logs[:n]) <= 0:
            k = max(floor, (1 - pi * ratio) / (1 - pi))
            logs[n] = math.log(ratio / k)


def _unticked(kb: KnowledgeBase) -> dict[str, tuple[UntickedRow, ...]]:
    u = kb.ranking.unticked
    out: dict[str, tuple[UntickedRow, ...]] = {}
    for q in kb.questions:
        if q.kind != "several" or (u.questions and q.id not in u.questions):
            continue
        rows = []
        untested = {c.id for c in q.choices if c.noticed_only}  # says nothing unticked
        for i, c in enumerate(kb.conditions):
            named = u.expected.get(c.id)
            ratios = [(c.weights.get(f"{q.id}.{v}", 1.0), v) for v in q.values if v not in untested]
            strong = sorted(
                (
                    (lr, v)
                    for lr, v in ratios
                    if (lr >= u.min_ratio if named is None else f"{q.id}.{v}" in named)
                ),
                reverse=True,
            )
            if strong:
                ev = tuple(
                    (
                        v,
                        Evidence(
                            q.id, v, u.phrase.replace("{phrase}", kb.phrases[q.id, v]), u.ratio
                        ),
                    )
                    for _, v in strong
                )
                rows.append(UntickedRow(i, frozenset(v for _, v in strong), ev))
        if rows:
            out[q.id] = tuple(rows)
    return out
