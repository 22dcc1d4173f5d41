"""With the age not given, each cause's age ratios count as their average
over the ages of runners (`[ranking.unknown_age]`), not as 1.

Before, a history with no age gave the causes of the old their full weight
against the young runner's: hip osteoarthritis, whose age ratios average
about 0.7 over runners' ages, led thin histories of young runners (the
published F028, a labral tear). Averaging is what the model itself says of
a runner whose age it does not know: its known-age answers, weighed by how
often each age occurs.
"""

from __future__ import annotations

import math
from typing import Any

import msgspec
import pytest

from hipcheck.core.scoring import logits, rank
from hipcheck.errors import KnowledgeError
from hipcheck.knowledge import KnowledgeBase, from_dict
from hipcheck.knowledge.ranking import UnknownAge

THIN = {"onset": "gradual", "duration": "over_6_weeks", "timing": ("during_run",)}


def _without_mix(kb: KnowledgeBase) -> KnowledgeBase:
    ranking = msgspec.structs.replace(kb.ranking, unknown_age=UnknownAge())
    return msgspec.structs.replace(kb, ranking=ranking)


def _mean_age_ratio(kb: KnowledgeBase, weights: dict[str, float]) -> float:
    mix = kb.ranking.unknown_age.mix
    return sum(share * weights.get(f"age.{band}", 1.0) for band, share in mix.items())


def test_the_mix_is_a_published_share_of_every_band(kb: KnowledgeBase) -> None:
    mix = kb.ranking.unknown_age.mix
    age = kb.question_by_id["age"]
    assert set(mix) == {b.id for b in age.bands}
    assert sum(mix.values()) == pytest.approx(1)
    assert kb.ranking.unknown_age.sources


def test_an_unknown_age_adds_the_mean_age_ratio(kb: KnowledgeBase) -> None:
    with_mix = logits(kb, THIN)[0]
    without = logits(_without_mix(kb), THIN)[0]
    weights = [c.weights for c in kb.conditions] + [kb.ranking.other.weights]
    for a, b, w in zip(with_mix, without, weights, strict=True):
        assert a - b == pytest.approx(math.log(_mean_age_ratio(kb, w)))


@pytest.mark.parametrize("age", [16, 30, 45, 70])
def test_a_given_age_is_not_touched(kb: KnowledgeBase, age: int) -> None:
    answers = {**THIN, "age": age}
    assert logits(kb, answers)[0] == logits(_without_mix(kb), answers)[0]


def test_osteoarthritis_no_longer_leads_a_young_runners_thin_history(kb: KnowledgeBase) -> None:
    """F028 (published): months of hip pain that built up and hurts on runs,
    no age, no place given: a labral tear from impingement. The arthritic
    hip's share falls against the young causes once the age is averaged."""

    def share(k: KnowledgeBase, cid: str) -> float:
        return next(c.score for c in rank(k, THIN).conditions if c.id == cid)

    before = share(_without_mix(kb), "hip_osteoarthritis") / share(_without_mix(kb), "fai")
    after = share(kb, "hip_osteoarthritis") / share(kb, "fai")
    assert after < before * 0.7


@pytest.mark.parametrize(
    ("mix", "message"),
    [
        ({"under_18": 0.5, "18_to_34": 0.3}, "the shares must add up to 1"),
        ({"under_18": 0.5, "teen": 0.5}, "'teen' is not a band of the age question"),
        ({"under_18": 1.0, "18_to_34": 0.0}, "18_to_34: a share must be > 0"),
    ],
)
def test_a_broken_mix_is_refused(raw: dict[str, Any], mix: dict[str, float], message: str) -> None:
    raw["ranking"]["unknown_age"]["mix"] = mix
    with pytest.raises(KnowledgeError) as err:
        from_dict(raw, "edited.toml")
    assert "ranking.unknown_age" in str(err.value) and message in str(err.value)


def test_a_mix_without_a_source_is_refused(raw: dict[str, Any]) -> None:
    raw["ranking"]["unknown_age"]["sources"] = []
    with pytest.raises(KnowledgeError, match="needs a published source"):
        from_dict(raw, "edited.toml")


def test_the_prior_cells_cache_holds_the_tables_it_was_made_for(kb: KnowledgeBase) -> None:
    """The prior cells were cached by the id() of the ranking's tables
    without holding them: once a file's tables were freed, new tables at the
    same address read the old file's cells (the inner loop failed now and
    then on the test above, by test order). Held with the cache, the tables
    cannot be freed while their cells are kept, so their id stays their own."""
    import sys

    from hipcheck.core.prior_cells import prior_cells

    tables = msgspec.structs.replace(kb, ranking=kb.ranking).ranking_tables  # built anew
    before = sys.getrefcount(tables)
    prior_cells(tables, THIN)
    assert sys.getrefcount(tables) > before
    other = _without_mix(kb)
    assert logits(other, THIN)[0] == logits(_without_mix(kb), THIN)[0]
    assert logits(kb, THIN)[0] != logits(other, THIN)[0]
