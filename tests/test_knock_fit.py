"""A fall or knock points outside the file, and a plan acts on no cause
that does not fit.

- A fall, collision or twist gives causes this file of overuse injuries does
  not hold (a bruised muscle or bone, a fracture, a twisted knee's
  cartilage): the blind writers named no cause in the file for 13 of their
  20 knock pictures, and "fit: poor" is how the page says so. The other
  outcome now has x3 for an injury (Varacallo 2023); the strains and tears
  in the file carry their own ratio for it.
- A page whose causes do not fit (fit "poor") still gave the nearest cause's
  self-care and exercises: adductor squeezes for a lump in the groin. The
  plan now acts on none of them, as when no answer points to a cause; a
  bone stop still acts (stopping running is its care, whatever the fit).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hipcheck.core.answers import parse_answers
from hipcheck.core.assessment import Assessment, assess
from hipcheck.knowledge import KnowledgeBase
from hipcheck.render.summary import EXERCISES_NO_FIT, NO_FIT, summarise
from tests.answer_sets import SCREENED
from tests.helpers import run

#: Blind set o's WO49: "I'm 16 and twisted my right knee playing netball
#: last week. The inside of the knee aches and swells a bit after I run, and
#: twisting on it hurts." The writer: no cause in the file, fit poor.
TWISTED_KNEE: dict[str, Any] = {
    "age": 16,
    "sex": "female",
    "injury": True,
    "location": ["inner_knee"],
    "side": "right",
    "symptoms": ["swelling"],
    "timing": ["after_run"],
    "triggers": ["twisting"],
}

#: A lump in the groin for weeks: a hernia, outside the file.
LUMP: dict[str, Any] = {
    **SCREENED,
    "location": ["groin"],
    "symptoms": ["groin_lump"],
    "duration": "1_to_6_weeks",
    "severity": 3,
    "timing": ["during_run"],
    "age": 41,
    "sex": "male",
}

#: The textbook gluteal tendinopathy of a woman in her fifties: it fits.
TENDON: dict[str, Any] = {
    **SCREENED,
    "location": ["outer_hip"],
    "triggers": ["lying_on_side", "pressing_outer_hip", "stairs_hills"],
    "duration": "1_to_6_weeks",
    "onset": "gradual",
    "severity": 4,
    "age": 52,
    "sex": "female",
}

BONE = {"femoral_stress_fracture", "pelvic_stress_fracture"}


def _assess(kb: KnowledgeBase, answers: dict[str, Any]) -> Assessment:
    return assess(kb, parse_answers(kb, answers))


def test_a_twisted_knee_fits_none_of_the_files_causes(kb: KnowledgeBase) -> None:
    a = _assess(kb, TWISTED_KNEE)
    assert a.fit == "poor"
    without_injury = _assess(kb, {**TWISTED_KNEE, "injury": False})
    assert without_injury.fit != "poor" and a.other > 1.5 * without_injury.other


def test_a_plan_acts_on_no_cause_when_none_fits(kb: KnowledgeBase) -> None:
    """No adductor squeezes or groin care for a hernia."""
    for answers in (LUMP, TWISTED_KNEE):
        a = _assess(kb, answers)
        assert a.fit == "poor" and a.plan.nothing_fits
        assert a.plan.exercises == ()
        assert {c.condition for c in a.plan.care} <= BONE
        assert a.plan.stop_for_bone or a.plan.care == ()
        s = summarise(a, kb)
        assert s.no_fit == NO_FIT
        if a.triage.level in ("self_care", "routine") and a.plan.running_basis != "bone":
            assert s.exercises_withheld == EXERCISES_NO_FIT


def test_a_plan_still_acts_on_a_cause_that_fits(kb: KnowledgeBase) -> None:
    a = _assess(kb, TENDON)
    assert a.fit != "poor" and not a.plan.nothing_fits
    assert a.plan.care and a.plan.exercises
    assert summarise(a, kb).exercises_withheld == ""


def test_batch_gives_the_same_plan_when_none_fits(tmp_path: Path) -> None:
    """Batch decides the plan through its own faster path: the same advice
    as `check` gives for the same answers."""
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "k", **TWISTED_KNEE}) + "\n", encoding="utf-8")
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(TWISTED_KNEE), encoding="utf-8")
    batch = run("batch", src)
    check = run("check", "--answers", answers, "--format", "json")
    assert batch.exit == 0 and check.exit == 0, batch.err + check.err
    record, page = json.loads(batch.out), json.loads(check.out)
    assert record["fit"] == page["fit"] == "poor"
    assert record["advice"] == page["advice"]
    assert record["advice"]["exercises"] == []


#: The review's RV-SC01 (tests/cases/written_v3_review.json): "Slipped on
#: a wet bridge 3 days ago, bruise on outer hip, walking fine, easing."
KNOCK: dict[str, Any] = {
    **SCREENED,
    "injury": True,
    "limp": False,
    "location": ["outer_hip"],
    "side": "left",
    "onset": "sudden",
    "duration": "under_1_week",
    "trend": "better",
    "severity": 3,
    "symptoms": ["bruising"],
    "triggers": ["lying_on_side", "pressing_outer_hip"],
    "age": 29,
    "sex": "female",
}


def test_a_knock_with_a_bruise_is_looked_after_as_a_bruise(kb: KnowledgeBase) -> None:
    """Used as a runner would (stop 31): a three-day-old bruise on the outer
    hip read "gluteal tendinopathy: possible" above six to twelve weeks of
    tendon loading. A bruised muscle or bone (a contusion, a "hip pointer")
    is now in the file: first, with its own care, and no tendon's."""
    a = _assess(kb, KNOCK)
    assert a.triage.level == "self_care"
    assert a.conditions[0].id == "contusion" and a.fit == "good"
    assert [c.condition for c in a.plan.care][:1] == ["contusion"]
    steps = " ".join(a.plan.self_care).lower()
    assert "bruise" in steps and "tendon" not in steps
    assert "isometric_abduction" not in a.plan.exercises


def test_a_contusion_needs_an_injury(kb: KnowledgeBase) -> None:
    """No knock, no bruise from one: an outer hip sore to lie on is the tendon's."""
    a = _assess(kb, {**KNOCK, "injury": False, "symptoms": [], "onset": "gradual"})
    assert "contusion" not in [c.id for c in a.conditions[:3]]
    thin = _assess(kb, {"location": ["outer_hip"], "age": 50, "sex": "female"})
    assert "contusion" not in [c.id for c in thin.conditions[:3]]
