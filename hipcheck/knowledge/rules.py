"""Triage rules of the knowledge file: rules on the answers (with the
exceptions a broad rule may have) and rules on a condition's score."""

from msgspec import Struct

from hipcheck.knowledge.levels import Level
from hipcheck.knowledge.when import When


class Lowered(Struct, frozen=True, forbid_unknown_fields=True):
    """What a broad rule gives when one of its exceptions holds."""

    level: Level
    reason: str
    #: Exceptions to the lowered level (positive answers only, like the
    #: rule's own): when one also holds, the rule gives nothing. A minor
    #: knock that is mild, recent and walked on normally is first self-care.
    unless: tuple[When, ...] = ()
    #: What to do at the lowered level, in place of the level's own advice
    #: (as a rule's `advice`): "a doctor", where the level says "a doctor
    #: or physiotherapist".
    advice: str = ""
    #: The page's heading at the lowered level, in place of the level's own
    #: title (as a rule's `title`).
    title: str = ""


class TriageRule(Struct, frozen=True, forbid_unknown_fields=True):
    id: str
    level: Level
    when: When
    reason: str
    #: What to do now (shown with the reason at urgent and emergency).
    advice: str = ""
    #: The page's heading when this rule sets the level, in place of the
    #: level's own title: where the rule's advice names who to see ("a
    #: doctor, not only a physiotherapist"), the heading must not say less.
    title: str = ""
    #: Keys of [sources] that the rule rests on.
    sources: tuple[str, ...] = ()
    #: This route means no running and no loading exercises until examined,
    #: at whatever level it fires (bone routes, a slipped growth plate).
    stop_running: bool = False
    #: The causes this route is about: shown on the page even at emergency.
    conditions: tuple[str, ...] = ()
    #: A low-specificity rule (an injury, a limp, not improving, night pain,
    #: the wide bone nets) that a clinician would set aside in some pictures.
    #: Only a broad rule may have exceptions; a red flag never is one.
    broad: bool = False
    #: Exceptions: `when` tables of positive answers (no `none`, no
    #: `answered = false`); when any holds, the rule gives `lowered` instead
    #: (or nothing). Answering more can so lower a broad rule, never another.
    unless: tuple[When, ...] = ()
    lowered: Lowered | None = None
    #: A cause outside this file the route is about, as the causes list
    #: names it ("Twisted testicle (torsion)"): listed with the causes.
    possibility: str = ""
    #: Rules that say what this one says, and more: when one of them fired
    #: too, this reason is not shown (its level still counts).
    covered_by: tuple[str, ...] = ()


class ConditionRule(Struct, frozen=True, forbid_unknown_fields=True):
    """Raise the level when a condition is likely."""

    condition: str
    min_score: float
    level: Level
    reason: str
    sources: tuple[str, ...] = ()
    #: Exceptions (positive answers only, as a broad rule's): when one
    #: holds, the net gives nothing, and the condition's share stops no
    #: running (core.bone_stop) once every net of it is excepted. A wide
    #: bone net reads a closed list of causes: pelvic girdle pain in
    #: pregnancy is not on it, so its share went to the stress fractures.
    unless: tuple[When, ...] = ()
