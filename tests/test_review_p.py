"""A fourth clinician's review (of 1dbcb9f): each finding failed there.

- a page that stops running for a slipped growth plate had dropped the
  causes' warnings with their care ("a pop, bruising or you cannot lift the
  leg: see a doctor within days", the avulsion's);
- a 13-year-old's page still offered "a doctor or physiotherapist";
- "pregnant now or in the last year" lost the bone pain line beside a
  possible fracture in a breastfeeding runner, and an ectopic pregnancy's
  emergency page gained a pain line;
- swelling from a knock that is going down was sent for an urgent X-ray."""

from __future__ import annotations

from hipcheck.core.triage import level_advice
from hipcheck.knowledge import KnowledgeBase

from .helpers import assessed
from .helpers import triage_level as level


def test_a_growth_plate_page_keeps_the_causes_warnings(kb: KnowledgeBase) -> None:
    groin = {"age": 13, "sex": "male", "location": ["groin"], "triggers": ["kicking"]}
    groin |= {"duration": "under_1_week", "limp": False, "onset": "gradual"}
    a = assessed(kb, groin)
    assert a.triage.level == "routine" and a.plan.care == ()
    assert any("pop" in line and "within days" in line for line in a.plan.see_a_doctor)
    advice = level_advice(a.triage, kb.levels["routine"].advice)
    assert "not only a physiotherapist" in advice


def test_pregnant_now_alone_takes_the_pregnancy_pain_line(kb: KnowledgeBase) -> None:
    bone = {"age": 31, "sex": "female", "location": ["pubic_bone"], "limp": True}
    recent = assessed(kb, {**bone, "history": ["recent_pregnancy"]})
    said = " ".join(recent.plan.until_seen)
    # "pregnant now or in the last year" has its own line (a fifth review: it
    # was offered anti-inflammatories away from a bone cause), which keeps the
    # bone caution beside a possible fracture
    assert recent.triage.level == "urgent"
    assert "avoid anti-inflammatories" in said and "a stress fracture is possible" in said
    ectopic = {"age": 29, "sex": "female", "history": ["pregnant_now"]}
    ectopic |= {"elsewhere": ["pregnancy_pain"], "location": ["groin"]}
    e = assessed(kb, ectopic)
    assert e.triage.level == "emergency"
    assert not any("paracetamol" in step for step in e.plan.until_seen)


def test_swelling_from_a_knock_that_is_going_down_is_not_an_urgent_x_ray(
    kb: KnowledgeBase,
) -> None:
    bruise = {"age": 17, "injury": True, "location": ["outer_thigh"], "severity": 3}
    bruise |= {"symptoms": ["swelling", "bruising"], "duration": "1_to_6_weeks"}
    bruise |= {"cannot_bear_weight": False, "limp": False}
    assert level(kb, {**bruise, "trend": "better"}) == "routine"
    assert level(kb, {**bruise, "trend": "same"}) == "urgent"
    assert level(kb, bruise) == "urgent"  # not said to be going down
