"""Small helpers shared by the knowledge file's checks (checks.py and
return_to_run_checks.py, which must not import each other)."""

from __future__ import annotations


def duplicate_ids(where: str, ids: list[str]) -> list[str]:
    """One problem per id given a second time in `where`."""
    seen: set[str] = set()
    out = []
    for i in ids:
        if i in seen:
            out.append(f"{where}: duplicate id '{i}'")
        seen.add(i)
    return out
