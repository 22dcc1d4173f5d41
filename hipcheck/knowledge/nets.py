"""Bounds on the numbers of the safety nets that are not triage rules.

The [history] table raises the level when pain worsens or does not improve,
and [load] sets `training: mileage_jump` from activity data, which the bone
stress rules use. Well-formed but extreme values switch a net off as surely
as a deleted rule (a 1,000,000 % jump threshold, a worsening history that
gives self-care), so each number must lie in a range a clinician would
accept, and the [history] level must be at least routine. Likewise a
condition that needs a clinician's clearance before running must carry its
"stop running" line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hipcheck.knowledge.model import KnowledgeBase

#: (table.key, lowest, highest): wide enough for any defensible choice,
#: narrow enough that no value turns the net off.
_BOUNDS: tuple[tuple[str, float, float], ...] = (
    ("history.not_improving_days", 1, 28),
    ("history.worsening_by", 0.5, 4),
    ("history.episode_days", 14, 3650),
    ("load.single_run_percent", 1, 50),
    ("load.two_week_percent", 5, 100),
    ("load.single_run_window_days", 7, 90),
    ("load.recent_days", 7, 28),
    ("load.min_history_days", 7, 56),
    ("load.min_week_km", 0, 20),
    ("load.min_week_minutes", 0, 120),
)

#: The [history] level: worsening or unimproving pain is at least routine.
HISTORY_LEVELS = ("routine", "urgent")

#: The disclaimer must say something: at least this many letters or digits.
DISCLAIMER_MIN = 40


def net_problems(kb: KnowledgeBase) -> list[str]:
    problems = []
    for name, low, high in _BOUNDS:
        table, key = name.split(".")
        value = getattr(getattr(kb, table), key)
        if not low <= value <= high:
            problems.append(
                f"{name}: {value:g} switches a safety net off or on for everyone; "
                f"use {low:g} to {high:g}"
            )
    if kb.history.level not in HISTORY_LEVELS:
        problems.append(
            f"history.level: '{kb.history.level}'; worsening pain must give at least "
            f"routine ({' or '.join(HISTORY_LEVELS)})"
        )
    problems += _stop_lines(kb)
    if sum(ch.isalnum() for ch in kb.disclaimer) < DISCLAIMER_MIN:
        problems.append(
            f"disclaimer: must say in words (at least {DISCLAIMER_MIN} letters) "
            "that this is not a diagnosis"
        )
    return problems


def _stop_lines(kb: KnowledgeBase) -> list[str]:
    """A condition of a return-to-running kind that needs a clinician's
    clearance (a bone stress injury) must say to stop running: the plan
    uses its `running` line in place of the level's. And a condition that
    says stop belongs to such a kind, or the ladder would offer running
    stages beside "stop running"."""
    rtr = kb.return_to_run
    if rtr is None:
        return []
    cleared = {cid for k in rtr.kinds if k.clearance for cid in k.conditions}
    problems = [
        f"conditions ({c.id}).running: it says stop, so it belongs to a return_to_run kind "
        "with clearance = true"
        for c in kb.conditions
        if c.running.strip() and c.id not in cleared
    ]
    return problems + [
        f"conditions ({cid}).running: a condition of the '{k.id}' kind (clearance before "
        "running) must say to stop running"
        for k in rtr.kinds
        if k.clearance
        for cid in k.conditions
        if cid in kb.condition_by_id and not kb.condition_by_id[cid].running.strip()
    ]
