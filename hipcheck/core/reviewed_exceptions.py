"""Exceptions on must-not-miss routes are part of the safety floor: each one
the file holds must be among those a clinician has reviewed, listed with
the code in `knowledge/reviewed_exceptions.json`.

A broad rule's exceptions (`unless`, the exception sets it names, its
`lowered` level and that level's own exceptions) lower it on answers a
thin floor case does not give, so the floor's cases cannot guard them: an
adversary's review (round 4) widened an age bound, shortened a `none`
list, dropped a clause, reused an exception set on another route or made a
route broad, in 42 of 51 edits that the cases passed. So the floor also
holds the file to a fixed list: every exception of a guarded rule (urgent
or emergency, or one that stops running), of a score net, and of the
plan's bone stop, by its rule and a digest of its table, and every guarded
rule's lowered level. An edit that adds or loosens one is refused until it
is reviewed and listed (`python -m hipcheck.core.reviewed_exceptions
--write`, in a checkout); taking one away, or any edit to the other rules,
is free.
"""

from __future__ import annotations

import hashlib
import json
import sys
from functools import cache
from pathlib import Path

import msgspec

from hipcheck.knowledge import KnowledgeBase, When

MANIFEST_PATH = Path(__file__).resolve().parents[1] / "knowledge" / "reviewed_exceptions.json"


def digest(table: When) -> str:
    """A short digest of an exception table, the same for the same tests."""
    canonical = json.dumps(msgspec.to_builtins(table), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def entries(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """(where, entry) for each exception of a guarded rule, a score net or
    the plan's bone stop, and each guarded rule's lowered level."""
    out: list[tuple[str, str]] = []
    listed = _listed_rules()
    for i, r in enumerate(kb.triage_rules):
        # guarded: serious, stopping running, or listed (a route whose level
        # or stop an edit took away first is guarded still)
        if r.level not in ("urgent", "emergency") and not r.stop_running and r.id not in listed:
            continue
        at = f"triage_rules[{i}] ({r.id})"
        out += [
            (f"{at}.unless[{k}]", f"rule:{r.id}:unless:{digest(w)}") for k, w in enumerate(r.unless)
        ]
        if r.lowered is not None:
            out.append((f"{at}.lowered.level", f"rule:{r.id}:lowered:{r.lowered.level}"))
            out += [
                (f"{at}.lowered.unless[{k}]", f"rule:{r.id}:lowered_unless:{digest(w)}")
                for k, w in enumerate(r.lowered.unless)
            ]
    for i, cr in enumerate(kb.condition_rules):
        net = f"net:{cr.condition}:{cr.level}:{cr.min_score:g}"
        out += [
            (f"condition_rules[{i}] ({cr.condition}).unless[{k}]", f"{net}:{digest(w)}")
            for k, w in enumerate(cr.unless)
        ]
    out += [
        (f"plan.bone_shown_unless[{k}]", f"plan:bone_shown_unless:{digest(w)}")
        for k, w in enumerate(kb.plan.bone_shown_unless)
    ]
    return out


@cache
def _listed_rules() -> frozenset[str]:
    return frozenset(e.split(":")[1] for e in reviewed() if e.startswith("rule:"))


@cache
def reviewed() -> frozenset[str]:
    """The listed entries (read once; a broken list is a bug the tests catch)."""
    return frozenset(json.loads(MANIFEST_PATH.read_text(encoding="utf-8"))["reviewed"])


def problem(kb: KnowledgeBase) -> str | None:
    """The first exception on a must-not-miss route that is not listed, or None."""
    listed = reviewed()
    for where, entry in entries(kb):
        if entry not in listed:
            what = "a lowered level" if entry.split(":")[2] == "lowered" else "an exception"
            return (
                f"{where}: {what} on a must-not-miss route that no clinician has reviewed "
                "(hipcheck/knowledge/reviewed_exceptions.json lists those that have been)"
            )
    return None


def write(kb: KnowledgeBase) -> int:
    """List every entry of `kb` as reviewed: for a checkout, after the review."""
    listed = sorted({entry for _, entry in entries(kb)})
    text = json.dumps({"reviewed": listed}, indent=1) + "\n"
    MANIFEST_PATH.write_text(text, encoding="utf-8")
    return len(listed)


if __name__ == "__main__":  # pragma: no cover - a maintainer's command
    from hipcheck.knowledge import load

    if sys.argv[1:] != ["--write"]:
        sys.exit("usage: python -m hipcheck.core.reviewed_exceptions --write")
    print(f"{write(load())} entries listed in {MANIFEST_PATH}")
