"""How well the ranking's probabilities are calibrated on labelled cases.

- The Brier score of a case: the accepted causes are merged into one
  outcome (a case may accept two names for one picture), so it is
  (1 - P(accepted))^2 + the squares of every other outcome's probability,
  the other-cause outcome included; 0 is perfect, 2 the worst.
- The reliability table: cases binned by the probability of the first
  cause; in each bin the mean of that probability beside the share of cases
  whose first cause was right. A calibrated ranking has them close.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: Bin edges of the reliability table (the last bin includes 1).
EDGES = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)


@dataclass(frozen=True, slots=True)
class Bin:
    low: float
    high: float
    n: int
    #: Mean probability of the first cause in the bin.
    predicted: float
    #: Share of the bin's cases whose first cause is accepted.
    observed: float


def brier(scores: Iterable[tuple[str, float]], other: float, accepted: Sequence[str]) -> float:
    """The Brier score of one case (see the module text)."""
    inside = 0.0
    total = other * other
    for cid, p in scores:
        if cid in accepted:
            inside += p
        else:
            total += p * p
    return total + (1 - inside) ** 2


def reliability(pairs: Iterable[tuple[float, bool]]) -> tuple[Bin, ...]:
    """(probability of the first cause, whether it was right) -> the table."""
    groups: list[list[tuple[float, bool]]] = [[] for _ in EDGES[:-1]]
    for p, ok in pairs:
        i = next(
            (k for k in range(len(EDGES) - 1) if p < EDGES[k + 1]),
            len(EDGES) - 2,
        )
        groups[i].append((p, ok))
    return tuple(
        Bin(
            EDGES[k],
            EDGES[k + 1],
            len(g),
            sum(p for p, _ in g) / len(g) if g else 0.0,
            sum(ok for _, ok in g) / len(g) if g else 0.0,
        )
        for k, g in enumerate(groups)
    )


def table_lines(bins: Sequence[Bin]) -> list[str]:
    """The reliability table as text lines."""
    out = ["reliability (first cause): probability  cases  mean  right"]
    for b in bins:
        if b.n:
            out.append(
                f"  {b.low:.1f}-{b.high:.1f}  {b.n:>4}  {b.predicted:>5.0%}  {b.observed:>5.0%}"
            )
        else:
            out.append(f"  {b.low:.1f}-{b.high:.1f}  {b.n:>4}      -      -")
    return out
