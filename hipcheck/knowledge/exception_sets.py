"""Named sets of exceptions that several triage rules share.

`[exception_sets]` names a list of exceptions once (the answers that point a
groin picture away from a bone injury: a squeeze in the groin alone, a
sudden strain, a painless click, ...), and a rule's `unless_sets` adds a
set's exceptions to its own `unless`. The sets are expanded when the file is
read, before validation: everything after (the checks, the safety floor,
triage, the interview) sees one `unless` list per rule, as if written out.
Four groin routes wrote the same eleven exceptions out by hand, so a fix to
one could miss the others.
"""

from __future__ import annotations

import copy
from typing import Any


def expand(raw: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """The file's data with every rule's `unless_sets` added to its `unless`
    and no `[exception_sets]` table (`raw` is left as it was), and where the
    first problem is, or None."""
    out = {k: v for k, v in raw.items() if k != "exception_sets"}
    sets = raw.get("exception_sets", {})
    if not isinstance(sets, dict) or not all(
        isinstance(v, list) and all(isinstance(x, dict) for x in v) for v in sets.values()
    ):
        return out, "exception_sets: each set is a list of exceptions (tables of tests)"
    rules = raw.get("triage_rules")
    if not isinstance(rules, list):
        return out, None
    out["triage_rules"] = expanded = []
    for i, rule in enumerate(rules):
        if not isinstance(rule, dict) or "unless_sets" not in rule:
            expanded.append(rule)
            continue
        rule = {k: v for k, v in rule.items() if k != "unless_sets"}
        names = raw["triage_rules"][i]["unless_sets"]
        where = f"triage_rules[{i}] ({rule.get('id')}).unless_sets"
        if not isinstance(names, list):
            return out, f"{where}: a list of exception set names"
        for name in names:
            if not isinstance(name, str) or name not in sets:
                return out, f"{where}: '{name}' is not in [exception_sets]"
            rule["unless"] = [*rule.get("unless", []), *copy.deepcopy(sets[name])]
        expanded.append(rule)
    return out, None
