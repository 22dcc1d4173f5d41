"""Scoring: transparent log-odds sums, evidence for and against."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest

from hipcheck.core.assessment import assess
from hipcheck.core.scoring import ConditionScore, likelihood, logits, rank, score
from hipcheck.knowledge import KnowledgeBase


def test_no_answers_gives_the_calibrated_priors(kb: KnowledgeBase) -> None:
    """The model starts from the priors (the conditions' and the other
    outcome's, normalised) and, with the age not given, each outcome's age
    ratios averaged over runners' ages (`ranking.unknown_age`); calibration
    then maps them: softmax(logit / T + bias)."""
    r = kb.ranking
    priors = [c.prior for c in kb.conditions] + [r.other.prior]
    weights = [c.weights for c in kb.conditions] + [r.other.weights]
    mix = r.unknown_age.mix
    ages = [math.log(sum(s * w.get(f"age.{b}", 1.0) for b, s in mix.items())) for w in weights]
    raw, ev_for, ev_against = logits(kb, {})
    assert raw == pytest.approx(
        [math.log(p / sum(priors)) + a for p, a in zip(priors, ages, strict=True)]
    )
    z = [
        v / r.calibration.temperature + r.calibration.bias.get(k, 0.0)
        for v, k in zip(raw, [c.id for c in kb.conditions] + ["other"], strict=True)
    ]
    want = [math.exp(v) / sum(math.exp(x) for x in z) for v in z]
    ranked = rank(kb, {})
    got = {s.id: s.score for s in ranked.conditions}
    assert [got[c.id] for c in kb.conditions] == pytest.approx(want[:-1])
    assert ranked.other == pytest.approx(want[-1])
    assert not any(ev_for) and not any(ev_against)


def test_scores_are_a_distribution_sorted_and_complete(kb: KnowledgeBase) -> None:
    ranked = rank(kb, {"location": ("outer_hip", "groin"), "severity": 5, "injury": False})
    result = ranked.conditions
    assert sorted(s.id for s in result) == sorted(c.id for c in kb.conditions)
    assert math.isclose(sum(s.score for s in result) + ranked.other, 1.0)
    assert [s.score for s in result] == sorted((s.score for s in result), reverse=True)


def test_one_answer_moves_the_model_by_its_likelihood_ratio(kb: KnowledgeBase) -> None:
    """In the model, the log odds between two conditions change by exactly
    the log ratio of their weights (a "one" question: no cluster, no
    unticked choices); calibration divides that by the temperature."""
    key = "duration.over_6_weeks"
    before = logits(kb, {})[0]
    after = logits(kb, {"duration": "over_6_weeks"})[0]
    i, j = (next(k for k, c in enumerate(kb.conditions) if c.id == x) for x in ("fai", "itbs"))
    w = [kb.conditions[k].weights.get(key, 1.0) for k in (i, j)]
    assert (after[i] - after[j]) - (before[i] - before[j]) == pytest.approx(math.log(w[0] / w[1]))
    s0 = {c.id: c.score for c in score(kb, {})}
    s1 = {c.id: c.score for c in score(kb, {"duration": "over_6_weeks"})}
    moved = math.log(s1["fai"] / s1["itbs"]) - math.log(s0["fai"] / s0["itbs"])
    assert moved == pytest.approx(math.log(w[0] / w[1]) / kb.ranking.calibration.temperature)


def test_a_cluster_counts_once_with_a_cap(kb: KnowledgeBase) -> None:
    """Four ways of saying "the outer hip is tender" no longer multiply
    (review: 0.90 for gluteal tendinopathy): the strongest counts, the rest
    at `rest`, the whole at most `cap` times."""
    cluster = next(c for c in kb.ranking.clusters if c.id == "lateral_loading")
    triggers = tuple(k.partition(".")[2] for k in cluster.answers)
    gt = next(i for i, c in enumerate(kb.conditions) if c.id == "gluteal_tendinopathy")
    base = logits(kb, {})[0][gt]
    one = logits(kb, {"triggers": triggers[:1]})[0][gt] - base
    four = logits(kb, {"triggers": triggers})[0][gt] - base
    ratios = [kb.conditions[gt].weights[k] for k in cluster.answers]
    product = math.prod(ratios)
    assert product > cluster.cap  # without the cluster, 4 x 3 x 2.5 x 1.8
    assert four == pytest.approx(math.log(cluster.cap))
    assert one == pytest.approx(math.log(ratios[0]))
    # the evidence still names every answer
    gt_score = next(s for s in score(kb, {"triggers": triggers}) if s.id == "gluteal_tendinopathy")
    assert {e.value for e in gt_score.evidence_for} >= set(triggers)


def test_unticked_strong_choices_count_modestly_against(kb: KnowledgeBase) -> None:
    """A runner who ticks only "groin" has said the outer hip does not hurt:
    for gluteal tendinopathy (outer hip x6) that is modest evidence against,
    once per question; ticking it too lifts it. Questions left out of
    ranking.unticked (when it hurts, history) never count so."""
    u = kb.ranking.unticked
    assert "timing" not in u.questions and "history" not in u.questions
    gt = next(i for i, c in enumerate(kb.conditions) if c.id == "gluteal_tendinopathy")
    groin = logits(kb, {"location": ("groin",)})
    plain = kb.conditions[gt].weights["location.groin"]
    assert groin[0][gt] - logits(kb, {})[0][gt] == pytest.approx(math.log(plain * u.ratio))
    against = [e for e in groin[2][gt] if e.ratio == u.ratio]
    assert [(e.question, e.value) for e in against] == [("location", "outer_hip")]
    assert against[0].phrase == u.phrase.replace("{phrase}", "pain on the outer hip")
    both = logits(kb, {"location": ("groin", "outer_hip")})
    assert not [e for e in both[2][gt] if e.phrase.startswith(u.phrase.split("{")[0])]
    sf = next(i for i, c in enumerate(kb.conditions) if c.id == "femoral_stress_fracture")
    runs = logits(kb, {"timing": ("during_run",)})
    assert runs[0][sf] - logits(kb, {})[0][sf] == pytest.approx(
        math.log(kb.conditions[sf].weights["timing.during_run"])
    )


def test_unticked_counts_against_only_what_a_condition_expects(kb: KnowledgeBase) -> None:
    """Issue 17: a strong ratio says a choice is specific, not that most
    runners with the condition tick it. A sacral stress fracture ticked as
    "buttock" is not evidence against a pelvic stress fracture for "pubic
    bone not ticked" (the pubic bone was its only x3 site); standing on the
    leg hurting spares a stress fracture the "no pain on hopping" (a choice
    asked only if already noticed); a hamstring tendon is never counted
    against for "no bruising" (an avulsion's sign)."""
    u = kb.ranking.unticked
    ids = [c.id for c in kb.conditions]
    pelvic, femoral = ids.index("pelvic_stress_fracture"), ids.index("femoral_stress_fracture")
    hamstring = ids.index("hamstring_tendinopathy")

    def against(answers: dict[str, Any], i: int) -> list[tuple[str, str]]:
        return [(e.question, e.value) for e in logits(kb, answers)[2][i] if e.ratio == u.ratio]

    assert against({"location": ("buttock",)}, pelvic) == []
    assert against({"triggers": ("single_leg",)}, femoral) == []
    assert against({"symptoms": ("stiffness",)}, hamstring) == []
    # what a condition does expect still counts: the outer knee for ITBS,
    # and for a stress fracture, a training question answered without a
    # change in load or fuelling (they precede nearly all of them)
    itbs = ids.index("itbs")
    assert ("location", "outer_knee") in against({"location": ("outer_thigh",)}, itbs)
    assert against({"training": ("worn_shoes",)}, femoral)
    assert against({"training": ("mileage_jump",)}, femoral) == []


def test_a_picture_outside_the_file_fits_poorly(kb: KnowledgeBase) -> None:
    """Sudden groin pain with a painful testicle is a twisted testicle until
    shown otherwise: none of the hip causes fits, and no cause is "more likely"."""
    answers = {
        "location": ("groin",),
        "onset": "sudden",
        "elsewhere": ("testicle",),
        "age": 19,
        "sex": "male",
    }
    ranked = rank(kb, answers)
    assert ranked.fit == "poor"
    words = {likelihood(kb, ranked.conditions, i, ranked.fit) for i in range(3)}
    assert kb.plan.likelihood[0].label not in words
    # the same without the testicle is an ordinary groin strain that fits
    del answers["elsewhere"]
    assert rank(kb, answers).fit != "poor"


def test_more_likely_only_when_earned(kb: KnowledgeBase) -> None:
    """The first band's word needs the first cause to lead the second by
    ranking.more_likely_gap, and causes that fit; else it reads as the next."""
    top_word, next_word = kb.plan.likelihood[0].label, kb.plan.likelihood[1].label
    gap = kb.ranking.more_likely_gap
    assert gap > 0

    def ranking(*scores: float) -> list[ConditionScore]:
        return [ConditionScore(f"c{i}", "", s, (), ()) for i, s in enumerate(scores)]

    clear = ranking(0.6, 0.6 - gap - 0.01, 0.02)
    close = ranking(0.45, 0.45 - gap + 0.01, 0.02)
    assert likelihood(kb, clear, 0, "good") == top_word
    assert likelihood(kb, clear, 0, "weak") == top_word
    assert likelihood(kb, clear, 0, "poor") == next_word
    assert likelihood(kb, close, 0, "good") == next_word
    assert likelihood(kb, close, 1, "good") == next_word  # never the second cause
    assert likelihood(kb, clear, 2, "good") == kb.likelihood(0.02)


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


def test_the_page_says_when_none_of_the_causes_fits(run: Any) -> None:
    """Contract 5.2: cramp that stops within minutes of standing still
    (narrowed arteries) is outside the file: JSON says fit "poor", the page
    says none fits and points to a clinician, and no cause is "more likely"."""
    flags = ["--elsewhere", "cramp-stops", "--location", "buttock,back-of-thigh"]
    flags += ["--timing", "walking", "--age", "68", "--sex", "male"]
    doc = json.loads(run("check", *flags, "--format", "json").out)
    assert doc["fit"] == "poor" and 0.25 <= doc["other_cause"] <= 1
    assert all(c["likelihood"] != "more likely" for c in doc["conditions"])
    text = run("check", *flags, "--format", "text").out
    assert "None of the causes this tool knows fits your answers well" in text
    assert "more likely" not in text
    ordinary = json.loads(run("check", "--location", "outer-hip", "--format", "json").out)
    assert ordinary["fit"] != "poor"
    assert "None of the causes" not in run("check", "--location", "outer-hip").out
