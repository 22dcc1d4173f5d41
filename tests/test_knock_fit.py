"""A plan acts on no cause that does not fit; a knock page gives one time
for a new limp.

- A page whose causes do not fit (fit "poor") still gave the nearest cause's
  self-care and exercises: adductor squeezes for a lump in the groin. The
  plan now acts on none of them, as when no answer points to a cause, and
  keeps their warnings (the see-a-doctor lines); a bone stop still acts
  (stopping running is its care, whatever the fit).
- Used in tmux (stop 33): a knock page said "at once", "within a day or two"
  and "the same day" for the same new limp.

A contusion condition and x3 for an injury on the other outcome were tried
(2026.12.72-73) and taken back (tests/test_review_33.py).
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


def test_a_plan_acts_on_no_cause_when_none_fits(kb: KnowledgeBase) -> None:
    """No adductor squeezes or groin care for a hernia; the causes' warnings stay."""
    for answers in (LUMP,):
        a = _assess(kb, answers)
        assert a.fit == "poor" and a.plan.nothing_fits
        assert a.plan.exercises == ()
        assert {c.condition for c in a.plan.care} <= BONE
        assert a.plan.stop_for_bone or a.plan.care == ()
        # the same page acting on its causes: the same warnings and level
        from hipcheck.core.plan import make_plan

        acting = make_plan(kb, a.triage, a.conditions, a.answers, fits=True)
        assert acting.care and set(a.plan.see_a_doctor) <= set(acting.see_a_doctor)
        # only the follow-ups of the care it no longer gives go
        dropped = [line for line in acting.see_a_doctor if line not in a.plan.see_a_doctor]
        assert all("self-care" in line for line in dropped), dropped
        assert a.plan.running == acting.running
        s = summarise(a, kb)
        assert s.no_fit.startswith(NO_FIT)
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
    src.write_text(json.dumps({"id": "k", **LUMP}) + "\n", encoding="utf-8")
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(LUMP), encoding="utf-8")
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


def test_a_knock_page_gives_one_time_for_a_new_limp(kb: KnowledgeBase) -> None:
    """Used in tmux (stop 33): the knock's reason said "at once if you start
    to limp", the page's own line "within a day or two if ... you start to
    limp", and the bruise's line "the same day". A new limp after a knock
    is the injury route's urgent level (within a day or two); not bearing
    weight, or a swelling that keeps growing, is at once."""
    from hipcheck.core.triage import reason_texts

    a = _assess(kb, KNOCK)
    lines = [*reason_texts(a.triage), *a.plan.see_a_doctor, *a.plan.self_care]
    limp = [line for line in lines if "limp" in line]
    assert limp
    for line in limp:
        clause = line[line.index("limp") - 60 : line.index("limp") + 5]
        assert "at once" not in clause and "same day" not in clause, line
    assert any("day or two" in line for line in limp)


def test_a_fresh_knock_is_not_given_a_tendons_months_of_loading(kb: KnowledgeBase) -> None:
    """Used as a runner would (stops 31 and 33): a three-day-old bruise on
    the outer hip read "load the tendon ... over 6-12 weeks" under the
    knock's own first days of care. The first days come first; the tendon
    holds once it has settled. Weeks after a fall, or with no fall, the
    tendon's loading stands."""
    fresh = _assess(kb, KNOCK)
    steps = " ".join(fresh.plan.self_care)
    assert "6-12 weeks" not in steps
    assert "first days" in steps.lower()
    later = _assess(kb, {**KNOCK, "duration": "1_to_6_weeks", "trend": "same"})
    assert any("6-12 weeks" in s for s in later.plan.self_care)
    overuse = _assess(kb, TENDON)
    assert any("6-12 weeks" in s for s in overuse.plan.self_care)


def test_a_care_line_may_be_for_any_of_several_runners(raw: dict[str, Any]) -> None:
    """`when` on a self-care line may be a list of tables, shown when any
    holds, each checked as one (as `ask_if`)."""
    from hipcheck.knowledge.loader import KnowledgeError, from_dict

    bad = json.loads(json.dumps(raw))
    gt = next(c for c in bad["conditions"] if c["id"] == "gluteal_tendinopathy")
    gt["self_care"][0] = {"text": "x y z.", "when": [{"injury": True}, {"agee": {"min": 3}}]}
    try:
        from_dict(bad, "broken.toml")
    except KnowledgeError as err:
        assert "self_care[0].when[1]" in str(err), str(err)
    else:
        raise AssertionError("an unknown question in a care line's second table was accepted")


def test_a_fresh_knock_has_a_knocks_pain_relief(kb: KnowledgeBase) -> None:
    """The same page read "it does not treat a tendon, and neither does ice:
    the loading exercises do" (the tendon's line) for a three-day-old
    bruise. In the first week after a fall or knock the line is the knock's:
    paracetamol before anti-inflammatories (Dubois 2020), and until a bone
    injury is ruled out where one is possible; pregnancy keeps its own."""
    fresh = _assess(kb, KNOCK)
    assert "fall or knock" in fresh.plan.pain_relief
    assert "tendon" not in fresh.plan.pain_relief
    assert "bone injury" in fresh.plan.pain_relief
    later = _assess(kb, {**KNOCK, "duration": "1_to_6_weeks", "trend": "same"})
    assert "fall or knock" not in later.plan.pain_relief
    # a knock in pregnancy is urgent (the maternity unit, injury_pregnant):
    # pregnancy's line heads what to do until seen
    pregnant = _assess(kb, {**KNOCK, "history": ["pregnant_now"]})
    assert pregnant.triage.level == "urgent"
    assert any(line.startswith("In pregnancy") for line in pregnant.plan.until_seen)
