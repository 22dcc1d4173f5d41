"""The lines of `hipcheck batch`: the same bytes as `check --format json`
(json_render.to_dict, after the id and line number) or as
`commands.batch.csv_row` give for the same answers, made from parts:

- a whole line, after its id, number and stamp, is kept for a record whose
  answers were met before (the answers as read, encoded, are the key: then
  they are not even checked again), within a budget of bytes;
- otherwise the ranking is worked out (scoring.numbers), the triage and
  the plan decided (core.batch_assess) and encoded, the return-to-running
  part once per stage;
- each condition's entry is its encoded id and name, its score (encoded once
  per rounded value), its likelihood word, and its evidence (each piece
  encoded once).

Every cache is bounded, so memory stays flat however long the batch.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import msgspec

from hipcheck.core.assessment import JSON_SCHEMA_VERSION
from hipcheck.core.batch import Parser, Record
from hipcheck.core.batch_assess import BatchAssessor
from hipcheck.core.batch_rank import BatchRanker, Found
from hipcheck.core.plan import Plan
from hipcheck.core.return_to_run import Progress
from hipcheck.core.scoring import Fit, likelihoods
from hipcheck.core.triage import Triage, names_outside
from hipcheck.knowledge import KnowledgeBase
from hipcheck.knowledge.answer_types import AnswerValue
from hipcheck.knowledge.evidence import Evidence
from hipcheck.render.json_render import advice_dict, evidence_text, round4, triage_dict
from hipcheck.render.return_to_run_render import to_dict as run_dict

#: Bytes of whole lines kept (answer sets met more than once). A JSON line
#: is about 11 KB: 16 MB hold about 1,500 answer sets. 8 MB held 750, and
#: the benchmark's 1,117 sets met again (the case files' answers) pushed
#: each other out: 3,500 of its 20,000 records were assessed again.
LINES_BUDGET = 16 * 1024 * 1024
#: Return-to-running parts kept, and pieces of evidence kept.
PARTS_LIMIT = 2048
EVIDENCE_LIMIT = 20_000

_encode = msgspec.json.encode
#: Between a condition's evidence for and its evidence against.
_AGAINST = b'],"evidence_against":['


def record_key(raw: Mapping[str, Any]) -> bytes:
    """What a whole line is kept by: the record's answers as read (a JSON
    object's values, or CSV cells), encoded. Order and types count: no two
    records share one unless their answers are the same values (JSON never
    decodes to a number that would encode as `null`), so checking them again
    would give the same answers."""
    return _encode(raw)


def _labels_by_condition(pieces: list[tuple[int, int, bytes]], n: int) -> list[bytes]:
    """The labels of sorted pieces of evidence, comma-joined, for each of
    the `n` outcomes (b"" for one with none)."""
    out = [b""] * n
    labels: list[bytes] = []
    at = -1
    for _, i, label in pieces:
        if i != at:
            if labels:
                out[at] = b",".join(labels)
            at, labels = i, []
        labels.append(label)
    if labels:
        out[at] = b",".join(labels)
    return out


class Kept:
    """Whole lines by key, for keys met more than once (a line is ~10 KB;
    an answer set met once is not worth keeping): the first meeting marks
    the key's hash in a table of bits, a second one keeps the line; oldest
    lines go first when the budget is spent."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.lines: dict[bytes, Any] = {}
        self.size = 0
        self._seen = bytearray(1 << 20)
        self._marked = 0

    def get(self, key: bytes) -> Any:
        return self.lines.get(key)

    def put(self, key: bytes, line: Any, size: int) -> None:
        slot = hash(key) & 0xFFFFF
        if not self._seen[slot]:
            self._seen[slot] = 1
            self._marked += 1
            if self._marked > 1 << 17:  # too many marks say "seen" wrongly: start afresh
                self._seen = bytearray(1 << 20)
                self._marked = 0
            return
        self.lines[key] = line
        self.size += len(key) + size
        while self.size > self.budget:
            old = next(iter(self.lines))
            self.size -= len(old) + _size(self.lines.pop(old))


def _size(line: Any) -> int:
    return len(line) if isinstance(line, bytes) else 64


def _bounded_put(table: dict[Any, Any], key: Any, value: Any, limit: int) -> Any:
    if len(table) >= limit:
        table.clear()
    table[key] = value
    return value


class _Encoded(dict[Evidence, bytes]):
    """Each piece of evidence as JSON shows it, encoded (json_render.evidence_text);
    the knowledge file's pieces are shared by every answer set; bounded."""

    def __missing__(self, e: Evidence) -> bytes:
        text = _encode(evidence_text(e))
        if len(self) < EVIDENCE_LIMIT:
            self[e] = text
        return text


class BatchLines:
    """JSON lines (or, with `csv`, CSV cells) of many assessments of one
    knowledge file."""

    def __init__(self, kb: KnowledgeBase, csv: bool = False) -> None:
        self.kb = kb
        self.csv = csv
        self.assessor = BatchAssessor(kb)
        self.parser = Parser(kb)
        self._texts = _Encoded().__getitem__
        self.ranker = BatchRanker(kb, self._texts)
        self.kept = Kept(LINES_BUDGET)
        self._runs: dict[Progress, msgspec.Raw] = {}
        self._heads = [
            b'{"id":%s,"name":%s,"score":' % (_encode(c.id), _encode(c.name)) for c in kb.conditions
        ]
        self._words = {
            b.label: b',"likelihood":%s,"evidence_for":' % _encode(b.label)
            for b in kb.plan.likelihood
        }
        bands = kb.plan.likelihood
        #: below this, a score's word is the last band's (None: one band)
        self._low = min(b.min_score for b in bands[:-1]) if len(bands) > 1 else None
        self._last_word = self._words[bands[-1].label]
        #: every score rounded to 4 places (k / 10,000), encoded, by k (one
        #: encoding of them all, split: about a millisecond)
        self._encoded_scores = _encode([k / 10_000 for k in range(10_001)])[1:-1].split(b",")
        self._end = b',"answer_origins":{},"knowledge_version":%s,"disclaimer":%s}' % (
            _encode(kb.version),
            _encode(kb.disclaimer),
        )
        self._stamp: tuple[dt.datetime | None, bytes] = (None, b"null")

    def made(self, rec: Record) -> bytes | list[str] | str:
        """What a record's line is made of: after its stamp (JSON, bytes) or
        after its id and line number (CSV cells); or its error message. Kept
        by the record's answers as read, for a record met again."""
        key = None
        if rec.answers is not None:
            key = record_key(rec.answers)
            found = self.kept.get(key)
            if found is not None:
                return found  # type: ignore[no-any-return]
        answers = self.parser.parse(rec)
        if isinstance(answers, str):
            return answers
        made = self._csv_cells(answers) if self.csv else self._json_tail(answers)
        if key is not None:
            self.kept.put(key, made, len(made) if isinstance(made, bytes) else 64)
        return made

    def json_line(self, rid: bytes, n: int, created: dt.datetime, tail: bytes) -> bytes:
        """The line of an assessment; `rid`: the id, encoded; `tail`: from `made`."""
        if self._stamp[0] is not created:
            self._stamp = (created, _encode(created.isoformat(timespec="seconds")))
        return b'{"id":%s,"line":%d,"schema_version":%d,"created":%s,%s\n' % (
            rid,
            n,
            JSON_SCHEMA_VERSION,
            self._stamp[1],
            tail,
        )

    def _csv_cells(self, answers: Mapping[str, AnswerValue]) -> list[str]:
        """The CSV cells of an assessment after its id and line number."""
        found = self.ranker.rank(answers, evidence=False)
        t = self.assessor.level(answers, found.probs, found.shares, found.order)
        cells: list[str] = [t.level]
        for i in found.order[:3]:
            cells += [self.kb.conditions[i].id, f"{round(found.probs[i], 4):.4f}"]
        cells.append("")
        return cells

    def _json_tail(self, answers: Mapping[str, AnswerValue]) -> bytes:
        """The line after its stamp: `"fit": ...` to the end."""
        found = self.ranker.rank(answers)
        t, settled = self._settled(answers, found)
        return b'"fit":"%s",%s,"conditions":[%s],"other_cause":%s,"answers":%s%s' % (
            found.fit.encode(),
            settled,
            self._conditions(found, names_outside(t)),
            self._score(found.other),
            _encode(answers),
            self._end,
        )

    def _settle(
        self, answers: Mapping[str, AnswerValue], found: Found[bytes]
    ) -> tuple[Triage, Plan]:
        return self.assessor.settle(
            answers, found.probs, found.shares, found.order, not found.pro, found.fit != "poor"
        )

    def _settled(
        self, answers: Mapping[str, AnswerValue], found: Found[bytes]
    ) -> tuple[Triage, bytes]:
        """The triage and the `"triage": ..., "advice": ...` part."""
        t, plan = self._settle(answers, found)
        kb = self.kb
        return t, b'"triage":%s,"advice":%s' % (
            _encode(triage_dict(t, kb)),
            _encode(advice_dict(plan, kb, self._run)),
        )

    def _run(self, kb: KnowledgeBase, p: Progress | None) -> msgspec.Raw | None:
        """`advice.return_to_running`, encoded once per stage (a few dozen)."""
        if p is None:
            return None
        raw = self._runs.get(p)
        if raw is None:
            raw = _bounded_put(self._runs, p, msgspec.Raw(_encode(run_dict(kb, p))), PARTS_LIMIT)
        return raw

    def _conditions(self, found: Found[bytes], outside: bool) -> bytes:
        """The entries of `conditions`, most likely first, comma-separated
        (`outside`: a reason names a cause outside the file)."""
        probs = found.probs
        ranked = [probs[i] for i in found.order]
        words = self._words_of(ranked, found.fit, outside)
        scores = self._scores_of(ranked)
        n = len(probs)  # every outcome's index
        pro = _labels_by_condition(found.pro, n)
        con = _labels_by_condition(found.con, n)
        heads = self._heads
        parts: list[bytes] = []
        for i, score, word in zip(found.order, scores, words, strict=True):
            parts += (heads[i], score, word, b"[", pro[i], _AGAINST)
            parts += (con[i], b"]},")
        if parts:
            parts[-1] = b"]}"
        return b"".join(parts)

    def _words_of(self, ranked: list[float], fit: Fit, outside: bool) -> list[bytes]:
        """Each likelihood word, encoded (`scoring.likelihoods`): a score
        below every band but the last reads as the last (most causes), and
        the first band is only ever earned by the first; the words of the
        scores above are `likelihoods`' own (with the second score, which
        it reads, always among them)."""
        low, last = self._low, self._last_word
        if low is None:
            return list(map(self._words.__getitem__, likelihoods(self.kb, ranked, fit, outside)))
        m = next((k for k, x in enumerate(ranked) if x < low), len(ranked))
        m = max(m, 2)
        head = list(map(self._words.__getitem__, likelihoods(self.kb, ranked[:m], fit, outside)))
        return head + [last] * (len(ranked) - len(head))

    def _scores_of(self, xs: list[float]) -> list[bytes]:
        """`_score` of each: `round4` takes x * 10,000 rounded to a whole
        number k, which gives k / 10,000, unless the product lies near a
        half; with none near a half (and all in range), the scores are the
        encoded k's. (A plain loop: compiled, hatch_build.py.)"""
        encoded = self._encoded_scores
        out: list[bytes] = []
        for x in xs:
            scaled = x * 10_000.0
            k: int = round(scaled)
            # round4's test, abs(abs(scaled - k) - 0.5) > 1e-6: 0.5 - d is
            # exact for d >= 0.25, and far above 1e-6 below it
            if scaled < 0.0 or k > 10_000 or not 0.5 - abs(scaled - k) > 1e-6:
                return [self._score(x) for x in xs]
            out.append(encoded[k])
        return out

    def _score(self, x: float) -> bytes:
        return _encode(round4(x))
