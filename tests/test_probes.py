"""The second clinical review's 108 probes (tests/cases/probes_clinical_2.json)
and the earlier written and published sets: triage figures that must hold.

The probes were written by a sports physician from clinical pictures, with
the levels a careful clinician accepts; pictures whose cause is not in the
knowledge file are triage-only (an empty conditions_any).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hipcheck.core.evaluate import Evaluation, evaluate, read_cases
from hipcheck.knowledge import KnowledgeBase

CASES = Path(__file__).parent / "cases"
PROBES = CASES / "probes_clinical_2.json"


@pytest.fixture(scope="module")
def probes(kb: KnowledgeBase) -> Evaluation:
    return evaluate(kb, read_cases(kb, PROBES))


def test_no_probe_is_under_triaged(probes: Evaluation) -> None:
    assert len(probes.results) == 108
    assert [r.case.id for r in probes.under_triaged] == []
    emergencies = [r for r in probes.results if r.case.triage_any == ("emergency",)]
    assert len(emergencies) >= 4 and all(r.level == "emergency" for r in emergencies)


def test_ordinary_runners_are_rarely_sent_to_a_doctor_too_soon(probes: Evaluation) -> None:
    """Issue 17: at most 10% of ordinary runners above an accepted level
    (15 of 50 were before the v3 exceptions)."""
    over, of = probes.ordinary_over
    assert of >= 45 and over / of <= 0.10
    assert all(r.level != "urgent" for r in probes.over_triaged)


def test_the_probes_still_rank_the_cause(probes: Evaluation) -> None:
    assert probes.top3 >= 0.97


@pytest.mark.parametrize("name", ["cases.json", "written_v2.json"])
def test_the_earlier_written_sets_keep_no_under_triage(kb: KnowledgeBase, name: str) -> None:
    ev = evaluate(kb, read_cases(kb, CASES / name))
    assert [r.case.id for r in ev.under_triaged] == []
