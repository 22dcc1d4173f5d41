"""A clinician's reading of 16 pages of the two newest blind sets
(written_v3_r, written_v3_s), each finding kept here with the reviewer's
answers, failing on the reviewed file (2026.12.50).

1. Urgent pages for a possible bone injury said "use crutches or a stick if
   walking hurts or makes you limp" to runners who limp (WR28, WR40): a
   stick does not take the load off a femoral neck. Crutches and the weight
   kept off the leg until X-rayed; the generic line stays for other causes.
2. The ladder's start said "walking and standing on one leg do not hurt"
   when the runner had not been asked: it says what was not reported.
(A pregnant runner's stage without running that read "stay at easy
running" is tests/test_pregnancy_ladder.py.)"""

from __future__ import annotations

from hipcheck.knowledge import KnowledgeBase
from tests.helpers import assessed

WR28 = {"age": 22, "sex": "female", "side": "right", "location": ["groin", "deep_joint"],
        "duration": "1_to_6_weeks", "trend": "worse", "training": ["mileage_jump", "underfuelling"],
        "timing": ["walking", "at_night"], "limp": True}  # fmt: skip
WR40 = {"age": 72, "sex": "female", "side": "right",
        "history": ["bone_medicine", "low_bone_density"],
        "location": ["front_thigh", "outer_thigh"], "pain_type": ["dull_ache"],
        "duration": "1_to_6_weeks", "trend": "worse", "limp": True, "timing": ["walking"],
        "injury": False}  # fmt: skip


def test_1_a_possible_bone_injury_that_limps_is_told_crutches_not_a_stick(
    kb: KnowledgeBase,
) -> None:
    for answers in (WR28, WR40):
        a = assessed(kb, answers)
        assert a.triage.level == "urgent"
        steps = " ".join(a.plan.until_seen)
        assert "use crutches and keep your weight off the leg" in steps
        assert "or a stick" not in steps


def test_1_other_urgent_pages_keep_the_plain_walking_line(kb: KnowledgeBase) -> None:
    a = assessed(kb, {"age": 45, "location": ["buttock", "back_of_thigh"],
                      "symptoms": ["weakness"], "duration": "under_1_week"})  # fmt: skip
    assert a.triage.level == "urgent"
    assert any("crutches or a stick" in s for s in a.plan.until_seen)


def test_2_the_ladder_does_not_say_what_was_not_reported(kb: KnowledgeBase) -> None:
    from hipcheck.render.return_to_run_render import reason_text

    a = assessed(kb, {"location": ["outer_hip"], "duration": "1_to_6_weeks",
                      "trend": "better", "severity": 2})  # fmt: skip
    p = a.plan.stage
    assert p is not None and p.stage == "continuous" and "timing" in p.missing
    said = reason_text(kb, p)
    assert said.startswith("You did not report") and "do not hurt" not in said


def test_3_an_urgent_bone_page_asks_about_fuelling_and_periods(kb: KnowledgeBase) -> None:
    """WR28 (periods stopped, not eating much) read nothing on it at urgent,
    where the routine bone page says it."""
    a = assessed(kb, WR28)
    assert any("lighter or missed periods" in s for s in a.plan.until_seen)


WR17 = {"age": 17, "sex": "female", "side": "left", "location": ["outer_knee"],
        "duration": "1_to_6_weeks", "timing": ["during_run"], "triggers": ["stairs_hills"],
        "training": ["mileage_jump", "hills_added"]}  # fmt: skip


def test_4_outer_knee_pain_on_runs_alone_is_not_stopped_for_a_low_bone_share(
    kb: KnowledgeBase,
) -> None:
    """WR17, a 17-year-old's outer knee on runs after a mileage jump and
    hills (the iliotibial band), was told to stop running and use crutches
    for a thigh-bone stress fracture at 2%. Not when the pain is the same
    or easing; getting worse or no trend given keeps the stop (a second
    review: a swelling knee, worse and not eased by rest, had lost it)."""
    a = assessed(kb, {**WR17, "trend": "same"})
    assert not a.plan.stop_for_bone and a.plan.running_basis == "stage"
    assert a.conditions[0].id == "itbs"
    for change in ({}, {"trend": "worse"}, {"trend": "same", "timing": ["during_run", "walking"]}):
        assert assessed(kb, {**WR17, **change}).plan.stop_for_bone, change


def test_5_weakness_after_cancer_is_seen_the_same_day(kb: KnowledgeBase) -> None:
    """A clinician's review of the weakness route: weakness unchanged for
    months after cancer was lowered to routine with walk-run (NICE NG234:
    cord compression until shown otherwise)."""
    from hipcheck.core.triage import level_title

    a = assessed(kb, {"age": 58, "sex": "female", "history": ["cancer"],
                      "location": ["buttock", "groin"], "symptoms": ["weakness"],
                      "duration": "over_6_weeks", "trend": "same",
                      "timing": ["during_run"]})  # fmt: skip
    assert a.triage.level == "urgent"
    assert level_title(a.triage, "") == "Contact your cancer team or see a doctor today"
    rules = [r.rule for r in a.triage.reasons]
    assert "cancer_nerve" in rules and "weakness" not in rules and "cancer_history" not in rules
