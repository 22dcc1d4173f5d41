"""A clinician's review (stop 39): at 66, groin pain that started suddenly on
twisting read "should be examined, usually with an X-ray ... a fracture from
weakened bone can start this way" beside "Keep running, but easy". A route
that names a possible fracture stops running until examined."""

from __future__ import annotations

from hipcheck.knowledge import KnowledgeBase

from .helpers import assessed, rules_fired

F09 = {"age": 66, "sex": "female", "location": ["groin"], "onset": "sudden",
       "triggers": ["twisting", "squeezing_knees"], "severity": 3, "duration": "under_1_week",
       "limp": False}  # fmt: skip


def test_a_sudden_start_at_sixty_or_over_stops_running_until_examined(kb: KnowledgeBase) -> None:
    a = assessed(kb, F09)
    assert "older_sudden_recent" in rules_fired(a)
    assert a.plan.running.startswith("Stop running"), a.plan.running
    assert a.plan.exercises == ()


def test_every_route_naming_a_fracture_stops_running(kb: KnowledgeBase) -> None:
    """No reason that says a fracture can start this way beside running."""
    for rule in kb.triage_rules:
        names = "fracture" in rule.reason and "can start this way" in rule.reason
        if names and rule.level in ("routine", "urgent"):
            assert rule.stop_running, rule.id


def test_a_sudden_start_months_ago_or_at_the_knee_alone_keeps_its_plan(kb: KnowledgeBase) -> None:
    """The second clinician's check: an outer-hip tendon that started
    suddenly at 62 over six weeks ago and is easing, and a sudden outer-knee
    pain at 66 on runs (the iliotibial band), are examined without losing
    their running plan."""
    tendon = assessed(kb, {"location": ["outer_hip"], "age": 62, "onset": "sudden",
                           "duration": "over_6_weeks", "trend": "better", "severity": 3,
                           "timing": ["after_run"]})  # fmt: skip
    knee = assessed(kb, {"location": ["outer_knee"], "age": 66, "onset": "sudden",
                         "duration": "1_to_6_weeks", "timing": ["during_run"]})  # fmt: skip
    for a in (tendon, knee):
        assert "older_sudden" in rules_fired(a) and "older_sudden_recent" not in rules_fired(a)
        assert not a.plan.running.startswith("Stop running"), a.plan.running
