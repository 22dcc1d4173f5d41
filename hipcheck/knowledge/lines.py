"""The lines of a page that depend on the answers: a condition's self-care
lines for some runners only (`CareLine`), and see-a-doctor lines left out
once what they warn of is reported (`SeeDoctor`, with its `Sign`s).

No `from __future__ import annotations` (see model.py: msgspec reads these
field types on every start)."""

from msgspec import Struct

from hipcheck.knowledge.templates import fill, or_list
from hipcheck.knowledge.when import AnyWhen, When


class Sign(Struct, frozen=True, forbid_unknown_fields=True):
    """One sign of a see-a-doctor line (`SeeDoctor.signs`)."""

    text: str
    #: The runner has reported it: the sign is left out.
    when: When


class SeeDoctor(Struct, frozen=True, forbid_unknown_fields=True):
    """A "see a doctor if ..." line that depends on an answer.

    When `when` already holds for the answers the line is left out: a
    triage reason says it instead, so the page never tells the runner to
    watch for what they have just reported.
    """

    text: str
    #: Left out when it holds (None: never left out for an answer).
    when: When | None = None
    #: A follow-up of this cause's self-care ("not improving after two to
    #: three weeks of self-care"): said only on a page that offers that
    #: care, not where a route stops running and offers none (a slipped
    #: growth plate, to be seen within days).
    after_care: bool = False
    #: Books an appointment now ("so a clinician can examine your back"):
    #: not said on a self-care page, whose heading says "manage at home"
    #: and whose own line says when to see someone.
    booking: bool = False
    #: Signs the line waits for, said in its `{signs}` ("within a day or two
    #: if it hurts at rest or it makes you limp"): each left out once
    #: reported, the line once all are.
    signs: tuple[Sign, ...] = ()

    def said(self, signs: list[str]) -> str:
        """The line with these signs ("" when there are none left)."""
        if not self.signs:
            return self.text
        return fill(self.text, signs=or_list(signs)) if signs else ""


class CareLine(Struct, frozen=True, forbid_unknown_fields=True):
    """A self-care line for some runners only: shown when `when` holds (a
    line about periods for anyone who has not answered "male"; `none`
    tests hold unanswered, so an unknown sex sees it); a list of tables:
    when any holds."""

    text: str
    when: AnyWhen
