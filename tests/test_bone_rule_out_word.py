"""A runner's review (stop 39): `check --location front-hip` stopped running
("a bone injury is possible") and listed "Femoral (thigh bone) stress
fracture: less likely" and "Pelvic or sacral stress fracture: less likely",
so the stop read as a mistake. On a page whose plan stops running for a bone
injury, a bone cause that would read "less likely" reads "to rule out"; the
score, the ranking's word in JSON and the plan are unchanged."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hipcheck.core.answers import parse_answers
from hipcheck.core.assessment import assess
from hipcheck.core.bone_stop import bone_ids
from hipcheck.core.evaluate import read_cases
from hipcheck.knowledge import KnowledgeBase
from hipcheck.render.summary import TO_RULE_OUT, ruled_out, summarise

from .conftest import KB_PATH

CASES = KB_PATH.parents[1] / "tests" / "cases"


def test_the_front_hip_page_says_to_rule_out(run: Any) -> None:
    out = run("check", "--location", "front-hip", "--top", "5", "--format", "text").out
    assert "Stop running until a clinician has examined you" in out
    assert "Femoral (thigh bone) stress fracture: to rule out" in out
    assert "Pelvic or sacral stress fracture: to rule out" in out
    assert "stress fracture: less likely" not in out
    doc = json.loads(run("check", "--location", "front-hip", "--format", "json").out)
    words = {c["id"]: c["likelihood"] for c in doc["conditions"]}
    assert words["femoral_stress_fracture"] == "less likely"  # the ranking's word, as before


@pytest.mark.parametrize("name", ["written_v3_ae.json", "probes_clinical_2.json", "cases.json"])
def test_a_bone_cause_the_page_stops_for_never_reads_less_likely(
    kb: KnowledgeBase, name: str
) -> None:
    """A bone cause the page stops running for (`ruled_out`: the plan's, or
    a stopping route's) never reads "less likely"; an in-file cause reads
    "to rule out" only then (the clinician's check: not every bone cause
    shown, and urgent pages too)."""
    bone = bone_ids(kb)
    stopped = 0
    for case in read_cases(kb, Path(CASES / name)):
        a = assess(kb, case.answers)
        ruled = {kb.condition_by_id[c].name for c in ruled_out(kb, a)}
        assert ruled <= {kb.condition_by_id[c].name for c in bone}
        causes = {c.name: c.likelihood for c in summarise(a, kb, top=20).causes}
        for cause, word in causes.items():
            if cause in ruled:
                assert word != "less likely", (case.id, cause)
            if word == TO_RULE_OUT and cause in {c.name for c in kb.conditions}:
                assert cause in ruled, (case.id, cause)
        stopped += bool(ruled)
    assert stopped, name  # the property was tested on some page that stops


def test_an_urgent_bone_page_says_to_rule_out_too(kb: KnowledgeBase) -> None:
    """The clinician's check: at 68, a sudden outer-hip and buttock pain on
    walking is urgent for a fracture from weakened bone, with crutches; both
    stress fractures had read "less likely"."""
    a = assess(kb, parse_answers(kb, {"location": ["outer_hip", "buttock"], "age": 68,
               "sex": "female", "onset": "sudden", "duration": "under_1_week",
               "timing": ["walking", "morning"], "stiffness_minutes": "over_60"}))  # fmt: skip
    assert a.triage.level == "urgent"
    words = {c.name: c.likelihood for c in summarise(a, kb, top=20).causes}
    assert words["Pelvic or sacral stress fracture"] == TO_RULE_OUT, words


def test_a_groin_node_after_a_scratch_is_not_stopped_for_bone(kb: KnowledgeBase) -> None:
    """The runner's re-check (stop 39): where none of the causes fit, the plan
    acts on none of them, but its ladder still followed the first cause
    listed, here a femoral stress fracture whose share stands for a cause
    outside the file, and its first stage read "Stop running ...: a bone
    injury is possible" beside the stress fractures "less likely" (a tender
    groin node after a scratched shin, NF-13). The ladder follows no cause
    either: the default kind, its stage from the answers."""
    raw = json.loads((CASES / "written_nofit.json").read_text())
    case = next(c for c in raw if c["id"] == "NF-13")
    a = assess(kb, parse_answers(kb, case["answers"]))
    assert a.fit == "poor" and a.plan.nothing_fits
    assert "bone injury" not in a.plan.running, a.plan.running
