"""Named sets of exceptions that several triage rules share.

`[exception_sets]` names a list of exceptions once (the answers that point a
groin picture away from a bone injury: a squeeze in the groin alone, a
sudden strain, a painless click, ...), and an `unless_sets` (of a triage
rule, its lowered level or a score net) adds a set's exceptions to the
`unless` beside it. The sets are expanded when the file is read, before
validation: everything after (the checks, the safety floor, triage, the
interview) sees one `unless` list per rule, as if written out.
Four groin routes wrote the same eleven exceptions out by hand, so a fix to
one could miss the others.
"""

from __future__ import annotations

import copy
from typing import Any


def expand(raw: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """The file's data with every `unless_sets` (of a triage rule, its
    lowered level, or a score net) added to the `unless` beside it and no
    `[exception_sets]` table (`raw` is left as it was), and where the first
    problem is, or None."""
    out = {k: v for k, v in raw.items() if k != "exception_sets"}
    sets = raw.get("exception_sets", {})
    if not isinstance(sets, dict) or not all(
        isinstance(v, list) and all(isinstance(x, dict) for x in v) for v in sets.values()
    ):
        return out, "exception_sets: each set is a list of exceptions (tables of tests)"
    for section in ("triage_rules", "condition_rules"):
        rules = raw.get(section)
        if not isinstance(rules, list):
            continue
        out[section] = expanded = []
        for i, rule in enumerate(rules):
            if not isinstance(rule, dict):
                expanded.append(rule)
                continue
            name = rule.get("id", rule.get("condition"))
            where = f"{section}[{i}] ({name})"
            rule, problem = _with_sets(rule, sets, where)
            lowered = rule.get("lowered")
            if problem is None and isinstance(lowered, dict):
                lowered, problem = _with_sets(lowered, sets, f"{where}.lowered")
                rule = {**rule, "lowered": lowered}
            if problem is not None:
                return out, problem
            expanded.append(rule)
    return out, None


def _with_sets(
    table: dict[str, Any], sets: dict[str, Any], where: str
) -> tuple[dict[str, Any], str | None]:
    """`table` with the exceptions of its `unless_sets` added to its `unless`."""
    if "unless_sets" not in table:
        return table, None
    names = table["unless_sets"]
    out = {k: v for k, v in table.items() if k != "unless_sets"}
    if not isinstance(names, list):
        return out, f"{where}.unless_sets: a list of exception set names"
    for name in names:
        if not isinstance(name, str) or name not in sets:
            return out, f"{where}.unless_sets: '{name}' is not in [exception_sets]"
        out["unless"] = [*out.get("unless", []), *copy.deepcopy(sets[name])]
    return out, None


def origins(raw: dict[str, Any]) -> dict[str, str]:
    """Where each exception a set added sits in the file: its place in the
    expanded `unless` ("triage_rules[14] (bone_stress_training).unless[4]",
    as the checks name it) -> the set's own ("exception_sets.pelvic_girdle[0]"),
    for messages that point an editor at what they wrote."""
    sets = raw.get("exception_sets", {})
    found: dict[str, str] = {}
    for section in ("triage_rules", "condition_rules"):
        rules = raw.get(section)
        for i, rule in enumerate(rules if isinstance(rules, list) else ()):
            if not isinstance(rule, dict):
                continue
            where = f"{section}[{i}] ({rule.get('id', rule.get('condition'))})"
            found |= _set_origins(rule, sets, f"{where}.unless")
            lowered = rule.get("lowered")
            if isinstance(lowered, dict):
                found |= _set_origins(lowered, sets, f"{where}.lowered.unless")
    return found


def _set_origins(table: dict[str, Any], sets: Any, where: str) -> dict[str, str]:
    own = table.get("unless", [])
    k = len(own) if isinstance(own, list) else 0
    found: dict[str, str] = {}
    names = table.get("unless_sets", [])
    for name in names if isinstance(names, list) else ():
        for j in range(len(sets.get(name, [])) if isinstance(sets, dict) else 0):
            found[f"{where}[{k}]"] = f"exception_sets.{name}[{j}]"
            k += 1
    return found


def located(message: str, found: dict[str, str]) -> str:
    """`message`, its place named as the editor wrote it when a set gave it:
    "triage_rules[14] (x).unless[4] (exception_sets.pelvic_girdle[0]): ..."."""
    place = message.split(":", 1)[0].split(".unless[", 1)
    if len(place) != 2:
        return message
    key = message[: len(place[0]) + len(".unless[") + place[1].index("]") + 1]
    origin = found.get(key)
    return message if origin is None else f"{key} ({origin}){message[len(key) :]}"
