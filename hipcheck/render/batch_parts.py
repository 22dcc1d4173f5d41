"""The `triage` and `advice` parts of a batch line, from encoded pieces.

`json_render.triage_dict` and `advice_dict`, encoded, give the same bytes:
each text, rule and list of sources is encoded once (msgspec writes a
string the same wherever it stands, and no whitespace), so a new answer
set costs a few joins instead of building and encoding two documents.
The tables are bounded: memory stays flat however long the batch.
"""

from __future__ import annotations

from collections.abc import Callable

import msgspec

from hipcheck.core.plan import Plan
from hipcheck.core.return_to_run import Progress
from hipcheck.core.triage import Triage
from hipcheck.knowledge import KnowledgeBase

#: Encoded texts kept (the knowledge file's texts, and the few filled in).
TEXTS_LIMIT = 4096

_encode = msgspec.json.encode


class _Encoded(dict[str, bytes]):
    """Each text, encoded once; bounded."""

    def __missing__(self, text: str) -> bytes:
        found = _encode(text)
        if len(self) >= TEXTS_LIMIT:
            self.clear()
        self[text] = found
        return found


class BatchParts:
    """The encoded `triage` and `advice` of many assessments of one file."""

    def __init__(self, kb: KnowledgeBase, run: Callable[[Progress | None], bytes]) -> None:
        self.kb = kb
        self._run = run
        self._text = _Encoded().__getitem__
        #: each level's `"title": ..., "advice": ...`
        self._level = {
            level: b'"title":%s,"advice":%s' % (_encode(info.title), _encode(info.advice))
            for level, info in kb.levels.items()
        }
        self._rules: dict[tuple[str, str], bytes] = {}
        self._names = {e.id: _encode({"id": e.id, "name": e.name}) for e in kb.exercises}
        self._cite = {k: s.cite for k, s in kb.sources.items()}

    def triage(self, t: Triage) -> bytes:
        """`_encode(json_render.triage_dict(t, kb))`."""
        text = self._text
        texts = b",".join(map(text, dict.fromkeys(r.text for r in t.reasons)))
        unanswered = b",".join(map(text, t.safety_unanswered))
        rules = b",".join([self._rule(r.rule, r.level) for r in t.reasons])
        return b'{"level":%s,"reasons":[%s],"safety_unanswered":[%s],%s,"rules":[%s]}' % (
            text(t.level),
            texts,
            unanswered,
            self._level[t.level],
            rules,
        )

    def _rule(self, rule: str, level: str) -> bytes:
        found = self._rules.get((rule, level))
        if found is None:
            found = _encode({"id": rule, "level": level})
            if len(self._rules) >= TEXTS_LIMIT:
                self._rules.clear()
            self._rules[rule, level] = found
        return found

    def advice(self, plan: Plan) -> bytes:
        """`_encode(json_render.advice_dict(plan, kb, run))`."""
        text = self._text
        cite = self._cite
        sources = dict.fromkeys(cite[k] for k in plan.sources if k in cite)
        return (
            b'{"running":%s,"pain_rule":%s,"self_care":[%s],"exercises":[%s],'
            b'"see_a_doctor":[%s],"sources":[%s],"return_to_running":%s}'
            % (
                text(plan.running),
                text(plan.pain_rule),
                b",".join(map(text, plan.self_care)),
                b",".join(map(self._names.__getitem__, plan.exercises)),
                b",".join(map(text, plan.see_a_doctor)),
                b",".join(map(text, sources)),
                self._run(plan.stage),
            )
        )
