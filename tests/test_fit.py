"""Fit (contract 5.2): how well the causes in the knowledge file explain the
answers, read on the other outcome's share before calibration.

The gates are the issue's targets on tests/cases/written_nofit.json (27
textbook pictures whose cause is outside the file and 16 ordinary runners
whose cause is in it, written before hipcheck was run on them) and on the
review's route-only probes, and the in-file cases of the other sets must
rarely read poor. Figures in docs/scoring.md ("Fit").
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import msgspec
import pytest

from hipcheck.core.answers import parse_answers
from hipcheck.core.assessment import assess
from hipcheck.core.evaluate import Evaluation, evaluate, read_cases
from hipcheck.core.scoring import logits, rank
from hipcheck.knowledge import KnowledgeBase
from hipcheck.knowledge.ranking import Calibration
from hipcheck.render.summary import NO_FIT

CASES = Path(__file__).parent / "cases"
NOFIT = CASES / "written_nofit.json"
PROBES = CASES / "probes_clinical_2.json"
#: The sets whose in-file cases must rarely read poor (the issue's list).
IN_FILE = [
    CASES / name
    for name in (
        "cases.json",
        "written_v2.json",
        "written_v3_review.json",
        "probes_clinical_2.json",
    )
] + sorted(CASES.glob("case_reports*.json"))


@pytest.fixture(scope="module")
def nofit(kb: KnowledgeBase) -> Evaluation:
    return evaluate(kb, read_cases(kb, NOFIT))


def test_causes_outside_the_file_fit_poorly(nofit: Evaluation) -> None:
    """Measured: 19 of the 27 pictures outside the file poor (70%: torsion,
    epididymitis, ectopic pregnancy, ovarian cyst, appendicitis, kidney stone,
    kidney and bladder infection, trapped hernias, claudication, a tumour
    after cancer, a bone tumour in a teenager, a septic hip, bone death in
    sickle cell disease, ...), none of the 16 controls; no under-triage."""
    outside = [r for r in nofit.results if r.case.outside]
    assert len(outside) >= 25
    assert nofit.outside_fit["poor"] / len(outside) >= 0.70
    assert sum(nofit.inside_fit.values()) >= 15 and nofit.inside_fit["poor"] == 0
    agree, judged = nofit.fit_expected
    assert judged == len(nofit.results) and agree / judged >= 0.8
    assert [r.case.id for r in nofit.under_triaged] == []


def test_route_only_probes_mostly_fit_poorly(kb: KnowledgeBase) -> None:
    """The review's 21 probes whose cause is outside the file (an empty
    conditions_any). Measured: 13 poor (62%); the misses are thin pictures
    whose answers say nothing outside the hip: a slipped growth plate with
    thigh or groin pain, older adults' fractures, cauda equina with back
    pain, osteoarthritis-like night pain at 66 (docs/scoring.md, Limits)."""
    ev = evaluate(kb, read_cases(kb, PROBES))
    outside = [r for r in ev.results if r.case.outside]
    assert len(outside) == 21
    assert ev.outside_fit["poor"] >= 13


def test_causes_in_the_file_rarely_fit_poorly(kb: KnowledgeBase) -> None:
    """At most 5% of the in-file cases of the other sets read poor (measured
    18 of 407, most of them pictures of a cause outside the file that their
    writers matched to the nearest one: a septic hip, a tumour, a trapped
    hernia, a fall fracture, a limping child)."""
    results = [r for p in IN_FILE for r in evaluate(kb, read_cases(kb, p)).ranked]
    inside = [r for r in results if not r.case.outside]
    assert len(inside) >= 350
    poor = [r.case.id for r in inside if r.fit == "poor"]
    assert len(poor) / len(inside) <= 0.05, poor


def _without_other_evidence(kb: KnowledgeBase) -> KnowledgeBase:
    other = msgspec.structs.replace(kb.ranking.other, weights={}, unlinked=1.0)
    return msgspec.structs.replace(kb, ranking=msgspec.structs.replace(kb.ranking, other=other))


def test_the_fit_evidence_moves_no_triage_level(kb: KnowledgeBase) -> None:
    """The fit is read, never a route: without any of the other outcome's
    evidence, every case of every set gets the same triage level."""
    plain = _without_other_evidence(kb)
    changed = [
        c.id
        for p in [*IN_FILE, NOFIT]
        for c in read_cases(kb, p)
        if assess(kb, c.answers).triage.level != assess(plain, c.answers).triage.level
    ]
    assert changed == []


@pytest.mark.parametrize("temperature", [0.3, 1.0, 3.0])
def test_refitting_the_temperature_never_moves_the_fit(
    kb: KnowledgeBase, temperature: float
) -> None:
    refit = msgspec.structs.replace(
        kb,
        ranking=msgspec.structs.replace(kb.ranking, calibration=Calibration(temperature)),
    )
    for c in [*read_cases(kb, NOFIT), *read_cases(kb, PROBES)]:
        assert rank(refit, c.answers).fit == rank(kb, c.answers).fit, c.id


def test_an_answer_no_condition_explains_counts_in_full(kb: KnowledgeBase) -> None:
    """Cramp that stops at rest: no condition's ratio is above 1, and its
    ratio for the other outcome is at least 1 / its prior share, so only a
    cause outside the file gives it: it counts at R / unexplained_floor."""
    other = kb.ranking.other
    ratio = other.weights["elsewhere.cramp_stops"]
    assert all(c.weights.get("elsewhere.cramp_stops", 1.0) <= 1 for c in kb.conditions)
    pi = other.prior / (other.prior + sum(c.prior for c in kb.conditions))
    assert ratio >= 1 / pi and other.unexplained_floor < 1
    moved = logits(kb, {"elsewhere": ("cramp_stops",)})[0][-1] - logits(kb, {})[0][-1]
    assert moved == pytest.approx(math.log(ratio / other.unexplained_floor))
    # an answer a condition explains counts at its own ratio
    assert max(c.weights.get("symptoms.swelling", 1) for c in kb.conditions) > 1
    swollen = logits(kb, {"symptoms": ("swelling",)})[0][-1] - logits(kb, {})[0][-1]
    assert swollen == pytest.approx(math.log(other.weights["symptoms.swelling"]))


def test_a_groin_lump_that_goes_back_is_a_hernia_outside_the_file(kb: KnowledgeBase) -> None:
    """Inguinal-related groin pain (athletic pubalgia) has no palpable
    hernia (Doha 2015); a lump that comes out on coughing and goes back lying
    down is a hernia, outside the file. It ranked athletic pubalgia first as
    a good fit (x5 for the lump), with its planks, in two blind written sets
    and three published accounts; the page now says no cause fits and the
    lump's own rule sends it to a clinician."""
    hernia = {"location": ["groin"], "side": "right", "symptoms": ["groin_lump"]}
    hernia |= {"triggers": ["coughing_sneezing"], "timing": ["after_run"], "age": 55}
    a = assess(kb, parse_answers(kb, {**hernia, "sex": "male", "duration": "over_6_weeks"}))
    assert a.fit == "poor"
    assert a.triage.level == "routine"
    assert max(c.weights.get("symptoms.groin_lump", 1) for c in kb.conditions) <= 1


def test_pain_with_no_link_to_running_raises_the_other_outcome(kb: KnowledgeBase) -> None:
    other = kb.ranking.other
    w = other.weights
    base = logits(kb, {})[0][-1]
    night = logits(kb, {"timing": ("at_night",)})[0][-1] - base
    assert night == pytest.approx(math.log(w["timing.at_night"] * other.unlinked))
    runs = logits(kb, {"timing": ("at_night", "during_run")})[0][-1] - base
    assert runs == pytest.approx(math.log(w["timing.at_night"] * w["timing.during_run"]))
    assert other.unlinked > 1 and night > runs


FLAGS = ["--elsewhere", "cramp-stops", "--location", "buttock,back-of-thigh"]
FLAGS += ["--timing", "walking", "--age", "68", "--sex", "male"]


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_the_page_at_fit_poor_says_none_fits_and_points_to_a_clinician(run: Any, fmt: str) -> None:
    """Contract 5.2, in the text and the Markdown page: above the causes, that
    none of them fits and the list is only the nearest, and that the clinician
    the triage sends the runner to can look for the cause; the same in the
    closing recap; no cause "more likely"."""
    assert json.loads(run("check", *FLAGS, "--format", "json").out)["fit"] == "poor"
    page = run("check", *FLAGS, "--format", fmt).out
    flat = " ".join(page.split())
    causes = flat.index(
        "Possible causes to discuss with a clinician".upper()
        if fmt == "text"
        else "## Possible causes to discuss with a clinician"
    )
    assert flat.index(NO_FIT) > causes
    assert "the ones it ranks below are only the nearest" in flat
    assert "The clinician the triage above sends you to can look for the cause." in flat
    assert (
        "None of the causes this tool knows fits: the clinician the triage sends you to can "
        "look for the cause." in flat
    )
    assert "more likely" not in flat
    ordinary = run("check", "--location", "outer-hip", "--format", fmt).out
    assert "None of the causes" not in ordinary


def test_evaluate_reads_expect_fit_and_reports_the_fit(run: Any, tmp_path: Path) -> None:
    """A case's cause is outside the file by expect.outside_kb, else by an
    expect.fit that does not accept "good", else by an empty conditions_any;
    the report and the JSON give the fit outside and inside the file and
    how many cases got a fit expect.fit accepts; a wrong fit is a miss."""
    testicle = {"elsewhere": ["testicle"], "location": ["groin"], "age": 19, "sex": "male"}
    outer_hip = {"location": ["outer_hip"], "triggers": ["lying_on_side"], "age": 50}
    cases = [
        {
            "id": "T1",
            "answers": testicle,
            "expect": {"conditions_any": [], "triage_any": ["emergency"], "fit": "poor"},
        },
        {
            "id": "T2",
            "answers": testicle,
            "expect": {"conditions_any": [], "triage_any": ["emergency"]},
        },
        {
            "id": "G1",
            "answers": outer_hip,
            "expect": {
                "conditions_any": ["gluteal_tendinopathy"],
                "triage_any": ["self_care"],
                "fit": ["good", "weak"],
            },
        },
        {
            "id": "G2",
            "answers": outer_hip,
            "expect": {"conditions_any": [], "triage_any": ["self_care"], "fit": "poor"},
        },
    ]
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(cases))
    doc = json.loads(run("evaluate", str(path), "--format", "json").out)
    assert doc["outside_fit"] == {"good": 1, "weak": 0, "poor": 2}
    assert doc["inside_fit"] == {"good": 1, "weak": 0, "poor": 0}
    assert doc["fit_expected"] == {"agree": 2, "of": 3}
    byid = {r["id"]: r for r in doc["results"]}
    assert byid["T2"]["outside"] and byid["T2"]["fit_ok"] is None and not byid["G1"]["outside"]
    out = run("evaluate", str(path)).out
    assert "outside the file  fit poor 2, weak 0, good 1" in out
    assert "in the file       fit poor 0, weak 0, good 1" in out
    assert "fit as expected      2/3" in out and "G2: fit expected poor, got good" in out
    cases[0]["expect"]["fit"] = "bad"
    path.write_text(json.dumps(cases))
    res = run("evaluate", str(path))
    assert res.exit == 2 and "case T1: expect.fit must be a fit or a list of fits" in res.err
