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

from hipcheck.core.assessment import assess
from hipcheck.core.bone_stop import bone_ids
from hipcheck.core.evaluate import read_cases
from hipcheck.knowledge import KnowledgeBase
from hipcheck.render.summary import TO_RULE_OUT, summarise

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
def test_a_bone_cause_reads_less_likely_only_where_running_is_not_stopped_for_bone(
    kb: KnowledgeBase, name: str
) -> None:
    bone = bone_ids(kb)
    names = {kb.condition_by_id[c].name for c in bone}
    stopped = 0
    for case in read_cases(kb, Path(CASES / name)):
        a = assess(kb, case.answers)
        causes = {c.name: c.likelihood for c in summarise(a, kb, top=20).causes}
        for cause, word in causes.items():
            if cause in names and a.plan.stop_for_bone:
                assert word != "less likely", (case.id, cause)
            if word == TO_RULE_OUT and cause in {c.name for c in kb.conditions}:
                assert a.plan.stop_for_bone and cause in names, (case.id, cause)
        stopped += a.plan.stop_for_bone
    assert stopped, name  # the property was tested on some page that stops
