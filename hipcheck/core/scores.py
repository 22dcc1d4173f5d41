"""What the ranking gives: each condition's score and evidence, and the
chance of a cause outside the knowledge file (core/scoring.py ranks).

Kept apart from the model so that the model can be compiled (hatch_build.py)
while these stay plain msgspec structs: a compiled module drops a class's
keywords, and with them `frozen`.
"""

from __future__ import annotations

from typing import Literal

import msgspec

from hipcheck.knowledge.evidence import Evidence

Fit = Literal["good", "weak", "poor"]


class ConditionScore(msgspec.Struct, frozen=True):
    id: str
    name: str
    #: Calibrated probability, 0..1; with the other outcome they sum to 1.
    score: float
    evidence_for: tuple[Evidence, ...]
    evidence_against: tuple[Evidence, ...]
    #: The model's share before calibration: what the condition nets of the
    #: triage read, so that re-fitting the calibration never moves a level.
    share: float = 0.0


class Ranked(msgspec.Struct, frozen=True):
    conditions: tuple[ConditionScore, ...]
    #: The probability of a cause outside the knowledge file.
    other: float
    fit: Fit
