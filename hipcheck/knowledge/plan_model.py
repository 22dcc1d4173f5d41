"""[plan] of the knowledge file: what every plan shares (its own module,
so the model stays small; no `from __future__ import annotations`, as in
knowledge.model: msgspec reads the field types on every start)."""

from msgspec import Struct

from hipcheck.knowledge.when import When


class PainRelief(Struct, frozen=True, forbid_unknown_fields=True):
    id: str
    text: str
    #: On answers given (an exception's kind of test): when it holds, this
    #: line is the page's whatever the causes (pregnancy); without it, the
    #: line of the first cause that names it.
    when: When | None = None


class Likelihood(Struct, frozen=True, forbid_unknown_fields=True):
    """A word for a score band: scores are shares, not probabilities."""

    min_score: float
    label: str


class Plan(Struct, frozen=True, forbid_unknown_fields=True):
    """What every plan shares (see [plan] in the knowledge file)."""

    #: The pain-monitoring rule for running and exercise.
    pain_rule: str
    #: Most cautious first; conditions name one by id.
    pain_relief: tuple[PainRelief, ...]
    #: Highest first; the first whose min_score a score reaches names it.
    likelihood: tuple[Likelihood, ...]
    #: How many of the most likely causes the plan considers (their self-care,
    #: exercises, pain relief, kind of problem). A display option never
    #: changes it: `--top` only limits how many causes are printed.
    consider: int = 3
    #: A cause considered with at least this share has its self-care offered
    #: (with none there, the first alone).
    care_min_score: float = 0.10
    #: A bone stress injury among the causes considered with at least this
    #: share (or with care_min_score anywhere) stops running until examined.
    bone_shown_min: float = 0.02
    #: ... unless one of these holds (positive answers only, like a broad
    #: rule's exceptions): a share under care_min_score does not stop running
    #: for pain that is under a week old and already easing.
    bone_shown_unless: tuple[When, ...] = ()
