"""A clinician's review (stop 39): an arthritic hip that hurts on walking read
"No running for now" beside the arthritis care line "many people with hip
arthritis go on running". Where the plan has no running yet, the line says
it as the way back."""

from __future__ import annotations

from hipcheck.knowledge import KnowledgeBase

from .helpers import assessed

OA = {"age": 66, "location": ["groin"], "timing": ["walking", "morning"],
      "duration": "over_6_weeks", "stiffness_minutes": "under_30",
      "symptoms": ["stiffness", "reduced_motion"], "trend": "same", "severity": 4}  # fmt: skip


def _oa_care(kb: KnowledgeBase, answers: dict[str, object]) -> tuple[str, list[str]]:
    a = assessed(kb, answers)
    care = [s for c in a.plan.care if c.condition == "hip_osteoarthritis" for s in c.steps]
    assert care, [c.condition for c in a.plan.care]
    return a.plan.running, care


def test_no_go_on_running_beside_no_running(kb: KnowledgeBase) -> None:
    running, care = _oa_care(kb, OA)
    assert running.startswith("No running for now"), running
    assert not any(line.startswith("Softer surfaces") for line in care), care
    assert any("once walking is comfortable" in line for line in care), care


def test_go_on_running_where_the_plan_runs(kb: KnowledgeBase) -> None:
    running, care = _oa_care(kb, {**OA, "timing": ["after_run", "morning"]})
    assert not running.startswith("No running"), running
    assert any(line.startswith("Softer surfaces") for line in care), care


def test_standing_on_one_leg_is_a_walking_start_too(kb: KnowledgeBase) -> None:
    """The clinician's check: pain on runs with single-leg stance starts the
    ladder at walking, so the running runner's line is not shown there."""
    answers = {**OA, "timing": ["during_run", "after_run"], "triggers": ["single_leg"]}
    running, care = _oa_care(kb, answers)
    assert running.startswith("No running for now"), running
    assert not any(line.startswith("Softer surfaces") for line in care), care
