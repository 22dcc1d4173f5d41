"""The [interview] table of the knowledge file: how the adaptive interview
orders its questions and when it stops (docs/interview.md)."""

import math
from typing import Literal

from msgspec import Struct


class Interview(Struct, frozen=True, forbid_unknown_fields=True):
    """How the adaptive interview chooses and stops (see [interview] in the
    file and docs/interview.md)."""

    #: Question ids asked first, in this order, whatever the answers (the
    #: safety screen); questions sharing a screen are one step.
    first: tuple[str, ...]
    #: Question ids always asked after `first`, whatever the ranking.
    always: tuple[str, ...]
    #: Stop when no question left is expected to gain this much (bits).
    min_gain: float
    #: Steps after which questions chosen for information stop; questions
    #: that could still change the triage level are asked even beyond it.
    max_questions: int
    #: The causes that must be settled: the first `settled_top` of the ranking.
    settled_top: int
    #: Whether their order must be settled too, or only which they are.
    settled_order: bool
    #: Predicting answers: the share of runners ticking any one choice of a
    #: "several" question, and answering "yes" to a yes/no question.
    choice_rate: float
    yes_rate: float
    #: A condition rule at this level or above counts like a triage rule: a
    #: question one answer to which could make it fire is asked even beyond
    #: max_questions ("emergency": none of the shipped ones).
    net_level: Literal["self_care", "routine", "urgent", "emergency"]
    #: ... and so does a condition rule at `near_net_level` or above whose
    #: condition already has at least `near_net` of the rule's threshold
    #: (the must-not-miss second nets, asked for only when close).
    near_net_level: Literal["self_care", "routine", "urgent", "emergency"] = "emergency"
    near_net: float = 1.0
    #: ... and, from `pair_net` of the threshold, a question that with one
    #: other open question could make it fire (no single answer can: two
    #: answers each moving it part of the way). 1.0: off.
    pair_net: float = 1.0
    #: ... and, from `triple_net` of the threshold, a question that with two
    #: others could make it fire (no pair can). 1.0: off.
    triple_net: float = 1.0
    #: A condition rule of any level above the current one whose condition
    #: already has at least `lower_net` of the rule's threshold counts like
    #: a triage question too (the routine second nets, asked for only when
    #: close). 1.0: off.
    lower_net: float = 1.0

    def __post_init__(self) -> None:
        for name in ("near_net", "pair_net", "triple_net", "lower_net"):
            value = getattr(self, name)
            if not (math.isfinite(value) and 0 <= value <= 1):
                raise ValueError(f"{name} must be a number from 0 to 1, not {value}")
        for name in ("choice_rate", "yes_rate"):
            value = getattr(self, name)
            if not (math.isfinite(value) and 0 < value < 1):
                raise ValueError(f"{name} must be a number between 0 and 1, not {value}")
        if not (math.isfinite(self.min_gain) and 0 <= self.min_gain <= 100):
            raise ValueError(
                f"min_gain must be a number of bits from 0 to 100, not {self.min_gain:g}"
            )
        for name in ("max_questions", "settled_top"):
            if not 1 <= getattr(self, name) <= 1000:
                raise ValueError(f"{name} must be a whole number from 1 to 1000")

    def problems(self, question_ids: frozenset[str] | set[str]) -> list[str]:
        """Names that refer to no question (checked with the rest of the file)."""
        return [
            f"interview.{key}: '{qid}' names no question"
            for key in ("first", "always")
            for qid in getattr(self, key)
            if qid not in question_ids
        ]
