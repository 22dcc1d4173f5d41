"""Answer sets shared by the tests (one place, so a change to the knowledge
file's questions is made once)."""

from __future__ import annotations

#: Every question answered: a lateral hip case. The questionnaire then goes
#: straight to the review.
FULL_ANSWERS: dict[str, object] = {
    "cannot_bear_weight": False, "deformity": False, "fever": False, "injury": False,
    "saddle_numbness": False, "limp": False, "weight_loss": False,
    "location": ["outer_hip"], "side": "left", "onset": "gradual", "duration": "1_to_6_weeks",
    "trend": "same", "severity": 5, "timing": [], "triggers": ["single_leg"], "pain_type": [],
    "symptoms": [], "rest_helps": "no", "age": 50, "sex": "female", "history": [],
    "training": [], "mechanics": [], "run_pain_during": 2, "next_morning": "settled",
}  # fmt: skip


#: A gluteal tendinopathy picture given as flags: routine, gluteal tendinopathy first.
GLUTEAL_FLAGS = [
    "--location", "outer-hip", "--triggers", "single-leg,lying-on-side",
    "--duration", "1-to-6-weeks", "--trend", "same", "--severity", "5",
]  # fmt: skip

#: The shortest ordinary check: outer hip, moderate pain.
MILD_CHECK = ["check", "--location", "outer-hip", "--severity", "4"]
