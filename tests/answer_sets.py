"""Answer sets shared by the tests (one place, so a change to the knowledge
file's questions is made once)."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hipcheck.knowledge import KnowledgeBase

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


#: The red-flag questions of the safety screen answered "no" (and the
#: `elsewhere` screen "none of these"): a runner who went through it.
SCREENED: dict[str, Any] = {
    "cannot_bear_weight": False,
    "deformity": False,
    "fever": False,
    "saddle_numbness": False,
    "weight_loss": False,
    "elsewhere": [],
}


def as_flags(answers: dict[str, object]) -> list[str]:
    """The `check` flags that give `answers` (ids and values with - for _)."""
    flags: list[str] = []
    for qid, value in answers.items():
        name = "--" + qid.replace("_", "-")
        if isinstance(value, bool):
            flags.append(name if value else "--no-" + name[2:])
        elif isinstance(value, tuple | list):
            flags += [name, ",".join(str(v).replace("_", "-") for v in value)]
        else:
            flags += [name, str(value).replace("_", "-")]
    return flags


#: A gluteal tendinopathy picture: routine, gluteal tendinopathy ranked first.
#: Tests change a copy (`{**GLUTEAL, "severity": 4}`), never this one.
GLUTEAL: dict[str, object] = {
    "location": ("outer_hip",), "triggers": ("single_leg", "lying_on_side"),
    "duration": "1_to_6_weeks", "trend": "same", "severity": 5,
}  # fmt: skip

#: The same picture given as flags.
GLUTEAL_FLAGS = as_flags(GLUTEAL)

#: The same runner answering every question the questionnaire asks in full
#: (the answers the pseudo-terminal test types).
GLUTEAL_EVERY_QUESTION: dict[str, object] = {
    "cannot_bear_weight": False, "deformity": False, "fever": False, "injury": False,
    "location": ("outer_hip",), "side": "left", "onset": "gradual",
    "duration": "1_to_6_weeks", "trend": "same", "severity": 5, "timing": ("during_run",),
    "triggers": ("single_leg",), "pain_type": ("dull_ache",), "symptoms": (), "rest_helps": "no",
    "age": 52, "sex": "female", "history": (), "training": ("mileage_jump",),
    "mechanics": ("hip_drop",),
}  # fmt: skip

#: The shortest ordinary check: outer hip, moderate pain.
MILD_CHECK = ["check", "--location", "outer-hip", "--severity", "4"]


def random_answers(
    kb: KnowledgeBase, rnd: random.Random, yes_rate: float = 0.1, max_ticks: int = 4
) -> dict[str, Any]:
    """A batch record's answers drawn with `rnd` (repeatable, unlike a
    strategy): each question answered or not, any allowed value; "yes" at
    `yes_rate`, at most `max_ticks` choices ticked. The tests and
    bench/bench.py draw their random records here."""
    out: dict[str, Any] = {}
    for q in kb.questions:
        if rnd.random() < 0.5:
            continue
        if q.kind == "yes_no":
            out[q.id] = rnd.random() < yes_rate
        elif q.kind == "one":
            out[q.id] = rnd.choice(q.values)
        elif q.kind == "several":
            out[q.id] = rnd.sample(q.values, rnd.randint(0, min(max_ticks, len(q.values))))
        else:
            out[q.id] = rnd.randint(int(q.min or 0), int(q.max or 0))
    return out
