"""A clinician's review of the self-care exceptions of 2026.12.64 (mild pain
only with runs, trend not given; a bruise borne on, limp not given; mild
tightness at the front of both hips). Each finding went to self-care:

- long morning stiffness (30 minutes or more) at 45 or over: not the pattern
  of osteoarthritis (NICE NG226) and the EULAR/ACR polymyalgia criteria's
  (Dasgupta 2012); the inflammatory-stiffness rule stopped at 44;
- groin pain on coughing or sneezing at 50 (a hernia, the lower tummy
  wall): the cause's own net needed a score its age factor kept it under;
- after a fall: pain on walking with the limp not answered (being able to
  bear weight is not walking normally, and no validated hip rule clears a
  fracture on it alone), a pop with the bruise (an avulsion, a tendon
  tear), and the knee or the front of the thigh ticked beside the outer
  hip (a hip fracture can show at the knee).
"""

from __future__ import annotations

from typing import Any

import pytest

from hipcheck.knowledge import KnowledgeBase

from .answer_sets import SCREENED
from .helpers import assessed

#: The safety screen but the weight question (the F2 sets answer it).
SCREEN = {k: v for k, v in SCREENED.items() if k != "cannot_bear_weight"}

F1_1 = {**SCREEN, "injury": False, "duration": "1_to_6_weeks", "onset": "gradual",
        "severity": 3, "location": ["outer_hip", "buttock"], "side": "both",
        "timing": ["during_run", "morning"], "symptoms": ["stiffness"],
        "stiffness_minutes": "over_60", "age": 53, "sex": "female"}  # fmt: skip
F1_2 = {**SCREEN, "injury": False, "duration": "1_to_6_weeks", "onset": "gradual",
        "severity": 3, "location": ["groin"], "side": "right", "timing": ["during_run"],
        "triggers": ["coughing_sneezing", "twisting"], "age": 50, "sex": "male"}  # fmt: skip
F3_1 = {**SCREEN, "injury": False, "duration": "over_6_weeks", "side": "both",
        "location": ["front_hip"], "pain_type": ["tightness"], "severity": 2,
        "onset": "gradual", "age": 47, "sex": "male", "timing": ["morning"],
        "symptoms": ["stiffness"], "stiffness_minutes": "30_to_60"}  # fmt: skip
F2_1 = {**SCREEN, "cannot_bear_weight": False, "injury": True, "duration": "under_1_week",
        "onset": "sudden", "location": ["outer_hip"], "side": "left", "severity": 4,
        "timing": ["walking"], "symptoms": ["bruising"],
        "triggers": ["lying_on_side", "pressing_outer_hip", "stairs_hills"], "age": 48,
        "sex": "female"}  # fmt: skip
F2_2 = {**SCREEN, "cannot_bear_weight": False, "injury": True, "duration": "under_1_week",
        "onset": "sudden", "location": ["outer_hip"], "side": "right", "severity": 4,
        "timing": ["during_run"], "symptoms": ["pop", "bruising"],
        "triggers": ["twisting", "lifting_leg"], "age": 19, "sex": "male"}  # fmt: skip
F2_3 = {**SCREEN, "cannot_bear_weight": False, "injury": True, "duration": "under_1_week",
        "onset": "sudden", "location": ["outer_hip", "inner_knee"], "side": "right",
        "severity": 4, "symptoms": ["bruising"], "age": 47, "sex": "female"}  # fmt: skip
F2_4 = {**F2_3, "location": ["outer_hip", "front_thigh"], "age": 44}


@pytest.mark.parametrize(
    "answers",
    [
        F1_1,
        {**F1_1, "age": 47, "stiffness_minutes": "30_to_60"},
        {**F1_1, "age": None},  # age not given: as at 45 or over
        F1_2,
        {**F1_2, "age": 55},
        F3_1,
        F2_1,
        {**F2_1, "severity": None, "trend": "better", "age": 45},
        {**F2_1, "timing": ["at_night"]},
        F2_2,
        {**F2_2, "age": 35, "location": ["outer_hip", "outer_thigh"]},
        F2_3,
        F2_4,
        {**F2_3, "location": ["outer_hip", "lower_back"]},
    ],
)
def test_each_finding_is_examined(kb: KnowledgeBase, answers: dict[str, Any]) -> None:
    given = {k: v for k, v in answers.items() if v is not None}
    a = assessed(kb, given)
    assert a.triage.level != "self_care", [r.rule for r in a.triage.reasons]


def test_stiffness_at_45_or_over_names_an_inflammatory_cause(kb: KnowledgeBase) -> None:
    a = assessed(kb, F1_1)
    assert any("polymyalgia" in r.text for r in a.triage.reasons)
    young = assessed(kb, {**F1_1, "age": 30})  # the spondyloarthritis reason, said once
    assert [r.rule for r in young.triage.reasons].count("long_stiffness") == 0
    assert "inflammatory_stiffness" in [r.rule for r in young.triage.reasons]


@pytest.mark.parametrize(
    "answers",
    [
        # the exceptions' own pictures stay at self-care
        {**F2_1, "timing": ["during_run"], "triggers": ["pressing_outer_hip"]},
        {**F2_1, "timing": None, "trend": "better", "severity": None, "age": 27},
        {**F2_1, "timing": ["walking"], "limp": False, "trend": "better", "age": 30},
        {**F1_2, "triggers": ["twisting"], "location": ["outer_hip"], "age": 40},
    ],
)
def test_the_exceptions_own_pictures_stay_self_care(
    kb: KnowledgeBase, answers: dict[str, Any]
) -> None:
    given = {k: v for k, v in answers.items() if v is not None}
    a = assessed(kb, given)
    assert a.triage.level == "self_care", [r.rule for r in a.triage.reasons]
