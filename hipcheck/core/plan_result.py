"""The plan as decided (core/plan.py decides it): what every format words.

Kept apart from the choosing so that the choosing can be compiled
(hatch_build.py) while these stay plain msgspec structs: a compiled module
drops a class's keywords, and with them `frozen`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import msgspec

from hipcheck.core.return_to_run import Progress

#: Why the running line is what it is.
RunningBasis = Literal["level", "bone", "stage"]


class Care(msgspec.Struct, frozen=True):
    """One condition's self-care steps."""

    condition: str
    name: str
    steps: tuple[str, ...]


class Plan(msgspec.Struct, frozen=True):
    level: str
    #: The one line about running.
    running: str
    running_basis: RunningBasis
    #: The pain-monitoring rule; empty at urgent and emergency and when stopping.
    pain_rule: str
    #: Until-seen steps (urgent, emergency); empty otherwise.
    until_seen: tuple[str, ...]
    #: Self-care per condition (self_care and routine only).
    care: tuple[Care, ...]
    #: The one pain-relief line (self_care and routine only).
    pain_relief: str
    #: Exercise ids, safe for every condition considered.
    exercises: tuple[str, ...]
    #: Exercise ids left out: unsafe beside a condition considered, or the
    #: runner said that movement hurts.
    exercises_unsafe: tuple[str, ...]
    see_a_doctor: tuple[str, ...]
    #: Keys of [sources] behind this page (rules fired, conditions, exercises).
    sources: tuple[str, ...]
    #: The condition ids the plan considered, most likely first.
    considered: tuple[str, ...] = ()
    #: No answer points to any cause: no condition's self-care or exercises.
    no_cause: bool = False
    #: The return-to-running stage and decision; None at emergency.
    stage: Progress | None = None
    #: Running stops for a possible bone stress injury (not only for a
    #: route about a cause outside the file, such as a slipped growth plate).
    stop_for_bone: bool = False
    #: The bone conditions the plan's own bone stop is for (with
    #: `stop_for_bone`; a route's stop names its own in its reason).
    stopped_for: tuple[str, ...] = ()
    #: None of the causes in the file fits the answers (fit "poor"): no
    #: cause's self-care or exercises, as with `no_cause`.
    nothing_fits: bool = False

    @property
    def self_care(self) -> tuple[str, ...]:
        """The self-care steps as one list, as the JSON `advice.self_care`."""
        steps = [*self.until_seen]
        for c in self.care:
            steps += [s for s in c.steps if s not in steps]
        if self.pain_relief:
            steps.append(self.pain_relief)
        return tuple(steps)


@dataclass(frozen=True, slots=True)
class Page:
    """What a page offers, for its causes' see-a-doctor lines: self-care
    (`with_care`: a route that stops running offers none), and whether its
    level is self-care (no line booking an appointment now)."""

    with_care: bool
    self_care: bool
