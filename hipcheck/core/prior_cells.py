"""The prior cells of the ranking (`[[ranking.priors]]`) for one runner's
regions, age and sex, worked out once per tables object and answers key."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from hipcheck.core.answers import AnswerValue
from hipcheck.kept import Kept
from hipcheck.knowledge.ranking_tables import RankingTables

#: The answers that choose a runner's prior cells.
CELL_KEYS = ("location", "age", "sex")


def _add(into: list[float], logs: Sequence[float]) -> None:
    for j, x in enumerate(logs):
        if x:
            into[j] += x


def _new_cache(_: RankingTables) -> dict[tuple[object, ...], tuple[float, ...]]:
    return {}


#: The prior cells worked out for each tables object, held with it (kept by
#: identity, hipcheck/kept.py): a cache keyed by id() alone would hand a
#: freed file's cells to new tables at the same address.
_CELLS: Kept[RankingTables, dict[tuple[object, ...], tuple[float, ...]]] = Kept(_new_cache, 16)


def prior_cells(t: RankingTables, answers: Mapping[str, AnswerValue]) -> Sequence[float]:
    """The prior cells for the runner's regions, age and sex: cells of region
    "any" add up; the regions touched are averaged (pain in two regions
    takes the mean of both mixes)."""
    if not t.cells:
        return ()
    loc = answers.get("location")
    regions = (
        frozenset(t.region_of[v] for v in loc if v in t.region_of)
        if isinstance(loc, tuple)
        else frozenset()
    )
    age = answers.get("age")
    sex = answers.get("sex")
    key = (
        regions,
        age if isinstance(age, int | float) and not isinstance(age, bool) else None,
        sex,
    )
    cache = _CELLS(t)
    hit = cache.get(key)
    if hit is not None:
        return hit
    width = t.width
    total = [0.0] * width
    per_region: dict[str, list[float]] = {}
    for cell in t.cells:
        if cell.sex != "any" and cell.sex != sex:
            continue
        if cell.unknown_age:
            if key[1] is not None:
                continue
        elif key[1] is None:
            if cell.min_age > 0 or cell.max_age < 200:
                continue
        elif not cell.min_age <= key[1] <= cell.max_age:
            continue
        if cell.region == "any":
            _add(total, cell.logs)
        elif cell.region in regions:
            _add(per_region.setdefault(cell.region, [0.0] * width), cell.logs)
    if per_region:
        share = 1 / len(regions)
        for logs in per_region.values():
            _add(total, [x * share for x in logs])
    result = tuple(total)
    if len(cache) > 4096:
        cache.clear()
    cache[key] = result
    return result
