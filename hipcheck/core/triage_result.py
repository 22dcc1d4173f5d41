"""What the triage decides: the level and its reasons (core/triage.py decides).

Kept apart from the rules that decide it so that the deciding module can be
compiled (hatch_build.py) while these stay plain msgspec structs: a compiled
module drops a class's keywords, and with them `frozen`.
"""

from __future__ import annotations

import msgspec

from hipcheck.knowledge import Level


class Reason(msgspec.Struct, frozen=True):
    level: Level
    text: str
    #: The rule that gave it (a triage rule id, or `condition:<id>`).
    rule: str
    advice: str = ""
    #: Keys of [sources] the rule rests on.
    sources: tuple[str, ...] = ()
    #: The route means no running and no loading exercises until examined.
    stop_running: bool = False
    #: The causes the reason is about (condition ids).
    conditions: tuple[str, ...] = ()
    #: The answers that fired it, as (question id, value) pairs: a rule's
    #: reason names what the runner said, never an answer not given.
    answers: tuple[tuple[str, str], ...] = ()
    #: A cause outside the knowledge file the route is about (its name).
    possibility: str = ""
    #: The page's heading in place of the level's title (the rule's `title`).
    title: str = ""
    #: The text on a page a more urgent reason has raised: without the time
    #: to be seen the page's heading contradicts ("" when it reads the same;
    #: knowledge/reason_text.py).
    outranked: str = ""


class Triage(msgspec.Struct, frozen=True):
    level: Level
    reasons: tuple[Reason, ...]
    #: Safety-screen questions left unanswered, in asking order.
    safety_unanswered: tuple[str, ...] = ()
