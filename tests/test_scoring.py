"""Scoring: transparent log-odds sums, evidence for and against."""

from __future__ import annotations

import math

import pytest

from hipcheck.core.assessment import assess
from hipcheck.core.scoring import score
from hipcheck.knowledge import KnowledgeBase


def test_no_answers_gives_the_priors(kb: KnowledgeBase) -> None:
    total = sum(c.prior for c in kb.conditions)
    scores = {s.id: s.score for s in score(kb, {})}
    for c in kb.conditions:
        assert scores[c.id] == pytest.approx(c.prior / total)
    assert all(not s.evidence_for and not s.evidence_against for s in score(kb, {}))


def test_scores_are_a_distribution_sorted_and_complete(kb: KnowledgeBase) -> None:
    result = score(kb, {"location": ("outer_hip", "groin"), "severity": 5, "injury": False})
    assert [s.id for s in result] != []
    assert sorted(s.id for s in result) == sorted(c.id for c in kb.conditions)
    assert math.isclose(sum(s.score for s in result), 1.0)
    assert [s.score for s in result] == sorted((s.score for s in result), reverse=True)


def test_one_answer_moves_by_its_likelihood_ratio(kb: KnowledgeBase) -> None:
    """Odds between two conditions change by exactly the ratio of their weights."""
    before = {s.id: s.score for s in score(kb, {})}
    after = {s.id: s.score for s in score(kb, {"location": ("outer_knee",)})}
    w = {c.id: c.weights.get("location.outer_knee", 1.0) for c in kb.conditions}
    odds_before = before["itbs"] / before["gluteal_tendinopathy"]
    odds_after = after["itbs"] / after["gluteal_tendinopathy"]
    assert odds_after / odds_before == pytest.approx(w["itbs"] / w["gluteal_tendinopathy"])


def test_evidence_for_and_against_name_the_answers(kb: KnowledgeBase) -> None:
    res = {
        s.id: s for s in score(kb, {"location": ("outer_knee",), "triggers": ("squeezing_knees",)})
    }
    itbs = res["itbs"]
    assert itbs.evidence_for[0].question == "location"
    assert itbs.evidence_for[0].phrase == "pain on the outside of the knee"
    assert itbs.evidence_for[0].ratio == 5
    assert [e.value for e in itbs.evidence_against] == ["squeezing_knees"]
    assert res["adductor_strain"].evidence_for[0].value == "squeezing_knees"


def test_number_answers_score_through_bands(kb: KnowledgeBase) -> None:
    old = {s.id: s for s in score(kb, {"age": 71})}
    assert old["hip_osteoarthritis"].evidence_for[0].value == "65_plus"
    young = {s.id: s for s in score(kb, {"age": 22})}
    assert young["hip_osteoarthritis"].evidence_against[0].value == "18_to_34"


def test_origin_is_carried_into_evidence(kb: KnowledgeBase) -> None:
    res = score(kb, {"training": ("mileage_jump",)}, {"training": "your activity data"})
    ev = next(e for s in res for e in s.evidence_for if e.question == "training")
    assert ev.origin == "your activity data"


def test_assessment_is_frozen(kb: KnowledgeBase) -> None:
    a = assess(kb, {"location": ("groin",)})
    with pytest.raises(AttributeError):
        a.triage = None  # type: ignore[misc]
    with pytest.raises(TypeError):
        a.answers["location"] = ()  # type: ignore[index]
