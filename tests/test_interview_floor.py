"""The adaptive interview never ends below what the direct rules give on the
full form (issue 17, item 5): a question left unasked must not lower a
route. Checked on every case file and on random answer sets.

At self-care the interview also asks any question one answer to which
could bring a bone stress injury among the causes the plan considers (the
plan then stops running and raises the level to routine), and a question
that could make an urgent condition net fire once its condition is half-way
there. The condition-score nets can still need two unasked answers to cross
their threshold (pair_net, triple_net: the interview asks for two and
three); those cases are reported by `hipcheck evaluate --interview`
("ended below the full form's level") and are not part of the rule floor.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import msgspec
import pytest
from hypothesis import given

from hipcheck.core.answers import parse_answers
from hipcheck.core.asking import applicable
from hipcheck.core.assessment import assess
from hipcheck.core.evaluate import Case, read_cases
from hipcheck.core.interview_eval import interview
from hipcheck.core.replay import Replays, replay
from hipcheck.core.triage import rank
from hipcheck.knowledge import KnowledgeBase

from .helpers import examples
from .strategies import KB, answers

CASES_DIR = Path(__file__).parent / "cases"
#: Every case file; the inner loop (-m "not slow") runs the review's written
#: cases and two published sets, the full run every file.
INNER = {"written_v3_review.json", "case_reports_v3_b.json", "case_reports_v3_d.json"}
CASE_FILES = [
    p if p.name in INNER else pytest.param(p, marks=pytest.mark.slow)
    for p in sorted(CASES_DIR.glob("*.json"))
]


@cache
def interviewed(path: Path) -> tuple[tuple[Case, str], ...]:
    """Each case of the file with the level the interview reached (run once
    per file for both floors below; the shipped file does not change)."""
    replays = Replays(KB)
    return tuple(
        (case, interview(KB, case, replays=replays).result.level) for case in read_cases(KB, path)
    )


def rule_floor(kb: KnowledgeBase, given_answers: dict[str, Any]) -> int:
    """The level the direct rules give on the full form (as a rank)."""
    reasons = assess(kb, parse_answers(kb, given_answers)).triage.reasons
    ruled = [rank(r.level) for r in reasons if not r.rule.startswith(("condition:", "plan:"))]
    return max(ruled, default=0)


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: getattr(p, "name", p))
def test_the_interview_keeps_every_route_of_the_full_form(kb: KnowledgeBase, path: Path) -> None:
    below = [
        case.id for case, level in interviewed(path) if rank(level) < rule_floor(kb, case.answers)
    ]
    assert below == []


@examples(150)
@given(answers())
def test_the_interview_keeps_every_route_on_random_answers(drawn: dict[str, Any]) -> None:
    # what a runner can give: a question whose ask_if fails is never asked
    a = {q.id: drawn[q.id] for q in KB.questions if q.id in drawn and applicable(q, drawn)}
    got = replay(KB, a).answers
    full = assess(KB, a).triage.reasons
    floor = max(
        (rank(r.level) for r in full if not r.rule.startswith(("condition:", "plan:"))), default=0
    )
    assert rank(assess(KB, got).triage.level) >= floor


def plan_floor(kb: KnowledgeBase, given_answers: dict[str, Any]) -> int:
    """The level the direct rules and the plan's bone stop give."""
    reasons = assess(kb, parse_answers(kb, given_answers)).triage.reasons
    ruled = [rank(r.level) for r in reasons if not r.rule.startswith("condition:")]
    return max(ruled, default=0)


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: getattr(p, "name", p))
def test_the_interview_keeps_the_plans_bone_stop(kb: KnowledgeBase, path: Path) -> None:
    """A self-care page whose full form stops running for a possible bone
    stress injury (routine) is reached by the interview too: it asks the
    question (often sex) that brings the bone cause among those considered.
    Five published and written cases ended at self-care before."""
    below = [
        case.id for case, level in interviewed(path) if rank(level) < plan_floor(kb, case.answers)
    ]
    assert below == []


def test_a_near_urgent_net_is_asked_for(kb: KnowledgeBase) -> None:
    """A014 (published, pelvic stress fracture): the share was over half the
    urgent net's threshold and sex would carry it over; the interview asks."""
    case = next(c for c in read_cases(kb, CASES_DIR / "case_reports_v3_a.json") if c.id == "A014")
    got = interview(kb, case)
    assert "sex" in got.asked
    assert got.result.level == assess(kb, parse_answers(kb, case.answers)).triage.level == "urgent"


def test_two_answers_that_together_reach_an_urgent_net_are_asked_for(kb: KnowledgeBase) -> None:
    """B012 (published, pelvic stress fracture): no single unasked answer
    could carry the share over the urgent net's threshold, sex and the trend
    together do; with `pair_net` off (and `triple_net`, which would find the
    pair among its threes) the interview ended at routine."""
    case = next(c for c in read_cases(kb, CASES_DIR / "case_reports_v3_b.json") if c.id == "B012")
    full = assess(kb, parse_answers(kb, case.answers)).triage.level
    no_pairs = msgspec.structs.replace(kb.interview, pair_net=1.0, triple_net=1.0)
    off = msgspec.structs.replace(kb, interview=no_pairs)
    assert full == "urgent" and interview(off, case).result.level == "routine"
    assert interview(kb, case).result.level == "urgent"


@pytest.mark.parametrize(
    ("name", "cid"),
    [
        ("written_v3_y.json", "WY28"),
        ("written_v3_m.json", "WM48"),
        ("case_reports_v3_b.json", "B003"),
        ("case_reports_v3_i.json", "I006"),
    ],
)
def test_three_answers_that_together_reach_an_urgent_net_are_asked_for(
    kb: KnowledgeBase, name: str, cid: str
) -> None:
    """WY28 (a blind written set: a woman's pubic pain over two months of
    marathon training): no pair of unasked answers could carry the pelvic
    stress-fracture share (0.31 of the threshold) over the urgent net, sex,
    the mileage jump and the trend together do; with `triple_net` off the
    interview ended at routine. Three more cases ended below the full form
    the same way."""
    case = next(c for c in read_cases(kb, CASES_DIR / name) if c.id == cid)
    full = assess(kb, parse_answers(kb, case.answers)).triage.level
    off = msgspec.structs.replace(
        kb, interview=msgspec.structs.replace(kb.interview, triple_net=1.0)
    )
    assert rank(interview(off, case).result.level) < rank(full)
    assert interview(kb, case).result.level == full


def test_the_prior_cell_of_an_answer_counts_in_the_crossing(kb: KnowledgeBase) -> None:
    """H022 (published; a woman's pubic pain): "female" lifts the bone share
    over the urgent net by its ratio and by its prior cell; the question's
    ratios alone fell short, so the interview ended at routine without
    asking sex. Each value of a prior-keyed question is now scored in full."""
    case = next(c for c in read_cases(kb, CASES_DIR / "case_reports_v3_h.json") if c.id == "H022")
    got = interview(kb, case)
    assert "sex" in got.asked
    assert got.result.level == assess(kb, parse_answers(kb, case.answers)).triage.level == "urgent"


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: getattr(p, "name", p))
def test_the_interview_asks_what_could_lower_a_broad_rule(kb: KnowledgeBase, path: Path) -> None:
    """An exception (`unless`) lowers a broad rule on positive answers; the
    interview did not ask for them, so a slip with a bruise (probe OR07) or a
    three-day strain (OR15) ended urgent where the full form says self-care:
    8 of the review's 108 probes. Now the interview ends above the full form
    only where a question it did not ask raises the level by the score."""
    above = [
        case.id
        for case, level in interviewed(path)
        if rank(level) > rank(assess(kb, parse_answers(kb, case.answers)).triage.level)
        and rank(level) > max(map(rank, case.triage_any), default=0)
    ]
    assert above == []


def test_a_slip_with_a_bruise_is_asked_how_bad_it_is(kb: KnowledgeBase) -> None:
    probes = read_cases(kb, CASES_DIR / "probes_clinical_2.json")
    for cid in ("OR07", "OR15", "AD07"):
        case = next(c for c in probes if c.id == cid)
        assert interview(kb, case).result.level in case.triage_any, cid  # was urgent


def test_past_the_step_budget_a_question_that_would_lower_a_score_net_is_asked(
    kb: KnowledgeBase,
) -> None:
    """Written RT03 (pubic pain after kicking, getting worse): at ten steps
    the interview stopped on a pelvic stress-fracture share over the urgent
    net that the kicking trigger, not yet asked, takes back under it. A
    score net that alone sets an urgent level now has its lowering question
    asked past `max_questions`, as a triage rule's would be."""
    case = next(c for c in read_cases(kb, CASES_DIR / "written_v2.json") if c.id == "RT03")
    got = interview(kb, case)
    assert "triggers" in got.asked
    assert got.result.level == assess(kb, parse_answers(kb, case.answers)).triage.level
    assert got.result.level == "routine"  # was urgent


def test_a_bone_share_that_could_reach_the_stop_anywhere_is_asked_for(kb: KnowledgeBase) -> None:
    """Published B011 (a woman with buttock pain, side and sex given): the
    full form stops running for a pelvic stress fracture whose share, once
    sex is known, reaches `care_min_score` outside the first three causes;
    the interview asked only what could bring a bone cause into the first
    three, never sex, and ended at self-care."""
    case = next(c for c in read_cases(kb, CASES_DIR / "case_reports_v3_b.json") if c.id == "B011")
    got = interview(kb, case)
    assert "sex" in got.asked
    assert got.result.level == assess(kb, parse_answers(kb, case.answers)).triage.level == "routine"
