"""The JSON of many assessments, for `hipcheck batch`: `json_render.to_dict`
with its `advice.return_to_running` part encoded once per distinct stage
(a batch has a few dozen: the ladder, the stage, the decision), so the same
bytes as `check --format json` gives for the same answers.

The cache is bounded, so memory stays flat however long the batch.
"""

from __future__ import annotations

from typing import Any

import msgspec

from hipcheck.core.assessment import Assessment
from hipcheck.core.plan import Plan
from hipcheck.core.return_to_run import Progress
from hipcheck.knowledge import KnowledgeBase
from hipcheck.render.json_render import advice_dict, to_dict
from hipcheck.render.return_to_run_render import to_dict as run_dict

#: At most this many encoded stages are kept; then the cache starts afresh.
LIMIT = 1024


class BatchJson:
    """`to_dict` for many assessments of one knowledge file."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._runs: dict[Progress, msgspec.Raw] = {}

    def to_dict(self, a: Assessment) -> dict[str, Any]:
        return to_dict(a, self.kb, advice_part=self._advice)

    def _advice(self, plan: Plan, kb: KnowledgeBase) -> dict[str, Any]:
        return advice_dict(plan, kb, self._run)

    def _run(self, kb: KnowledgeBase, p: Progress | None) -> msgspec.Raw | None:
        if p is None:
            return None
        raw = self._runs.get(p)
        if raw is None:
            if len(self._runs) >= LIMIT:
                self._runs.clear()
            raw = self._runs[p] = msgspec.Raw(msgspec.json.encode(run_dict(kb, p)))
        return raw
