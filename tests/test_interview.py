"""The adaptive interview (issue 12): order, stopping, full mode, its
measurement through `evaluate --interview`, and the body map."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import msgspec
import pytest
from hypothesis import HealthCheck, given
from rich.cells import cell_len

from hipcheck import knowledge
from hipcheck.core.answers import AnswerValue, parse_answers
from hipcheck.core.assessment import assess
from hipcheck.core.evaluate import evaluate, read_cases
from hipcheck.core.interview import next_step
from hipcheck.core.interview_eval import evaluate_interview
from hipcheck.core.interview_steps import steps_taken
from hipcheck.core.questionnaire import applicable
from hipcheck.core.replay import Replays, replay
from hipcheck.core.triage import triage
from hipcheck.errors import KnowledgeError
from hipcheck.knowledge import LEVELS, KnowledgeBase, Match, TriageRule
from hipcheck.render.body_map import body_map

from .helpers import examples, run
from .strategies import answers as any_answers

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "cases"
SHARED = ROOT.parent / "shared"


def interview(
    kb: KnowledgeBase, known: Mapping[str, AnswerValue], full: bool = False
) -> tuple[dict[str, AnswerValue], list[str], list[Any]]:
    """Run the interview, answering from `known` ("not sure" where it has none)."""
    run = replay(kb, known, full)
    twice = [q for q in set(run.asked) if run.asked.count(q) > 1]
    assert twice == [], f"{twice} asked twice"
    return run.answers, list(run.asked), list(run.steps)


def level(kb: KnowledgeBase, answers: Mapping[str, AnswerValue]) -> int:
    return LEVELS.index(assess(kb, answers).triage.level)


NO_RED_FLAGS: dict[str, AnswerValue] = {
    "cannot_bear_weight": False,
    "deformity": False,
    "fever": False,
    "saddle_numbness": False,
    "injury": False,
    "limp": False,
    "weight_loss": False,
}


# -- order ----------------------------------------------------------------------


def test_safety_screen_comes_first_as_one_step(kb: KnowledgeBase) -> None:
    step = next_step(kb, {}, [])
    assert step is not None and step.why == "first"
    assert step.screen is not None and step.screen.id == "safety"
    assert [q.id for q in step.questions] == list(kb.interview.first)
    # whatever is already known from flags or a file is not asked again
    step = next_step(kb, {"fever": False}, [])
    assert step is not None and "fever" not in [q.id for q in step.questions]


def test_an_emergency_answer_ends_the_interview(kb: KnowledgeBase) -> None:
    answers, _, steps = interview(kb, {**NO_RED_FLAGS, "cannot_bear_weight": True})
    assert len(steps) == 1 and assess(kb, answers).triage.level == "emergency"


def test_skipped_safety_still_goes_on_and_location_is_always_asked(kb: KnowledgeBase) -> None:
    _, asked, steps = interview(kb, {})
    assert [s.why for s in steps[:2]] == ["first", "always"]
    assert asked[len(kb.interview.first)] == "location"
    assert steps_taken(kb, asked) == len(steps)


def test_a_skipped_question_counts_as_asked(kb: KnowledgeBase) -> None:
    asked = [*kb.interview.first, "location"]
    for _ in range(30):
        step = next_step(kb, NO_RED_FLAGS, asked)
        if step is None:
            break
        assert not {q.id for q in step.questions} & set(asked)
        asked += [q.id for q in step.questions]
    else:  # pragma: no cover
        pytest.fail("the interview did not end")


def satisfying(kb: KnowledgeBase, rule: TriageRule) -> dict[str, AnswerValue]:
    """The fewest answers that make `rule` hold (tests that hold unanswered stay unanswered)."""
    out: dict[str, AnswerValue] = {}
    for qid, test in rule.when.items():
        q = kb.question_by_id[qid]
        if isinstance(test, bool):
            out[qid] = test
            continue
        if isinstance(test, Match):
            if test.min is not None or test.max is not None:
                out[qid] = test.min if test.min is not None else test.max  # type: ignore[assignment]
                continue
            values = list(test.all or test.any or ())
            if not values:
                continue  # `none` or `answered = false`: unanswered holds
        else:
            values = [test] if isinstance(test, str) else list(test)
            values = values[:1]
        out[qid] = tuple(values) if q.kind == "several" else values[0]
    return out


def test_every_triage_rule_still_fires_in_the_interview(kb: KnowledgeBase) -> None:
    """Must-not-miss routes (the stress-fracture ones: walking or night pain,
    a training change, under-fuelling, age, sex) are asked whenever they
    could still fire: a runner whose answers meet a rule, and who says "not
    sure" to everything else, is triaged at least at that rule's level."""
    checked = 0
    for rule in kb.triage_rules:
        known = satisfying(kb, rule)
        if not all(applicable(kb.question_by_id[q], known) for q in known):
            continue
        assert knowledge.matches(rule.when, known), rule.id
        answers, asked, _ = interview(kb, known)
        assert level(kb, answers) >= LEVELS.index(rule.level), (rule.id, asked)
        checked += 1
    assert checked >= len(kb.triage_rules) - 2


def test_stress_fracture_route_asks_its_questions_and_triages_urgent(kb: KnowledgeBase) -> None:
    known: dict[str, AnswerValue] = {
        **NO_RED_FLAGS,
        "location": ("groin", "deep_joint"),
        "timing": ("during_run", "at_night"),
        "training": ("underfuelling",),
        "age": 19,
        "sex": "female",
        "onset": "gradual",
    }
    answers, asked, _ = interview(kb, known)
    assert {"timing", "training"} <= set(asked)
    assert assess(kb, answers).triage.level == "urgent"
    # groin pain on walking, training not known: still urgent (young and
    # female is a route of its own, Warden 2014; groin pain on walking not
    # known to be days old another, bone_stress_walking, which needs no
    # training answer)
    known = {**known, "timing": ("walking",), "age": 25}
    del known["training"]
    answers, asked, _ = interview(kb, known)
    assert {"age"} <= set(asked)
    assert assess(kb, answers).triage.level == "urgent"


@pytest.mark.slow  # a property over hundreds of examples: the full run has it
@examples(60, suppress_health_check=[HealthCheck.too_slow])
@given(any_answers())
def test_the_interview_never_triages_below_the_rules_on_every_answer(raw: dict[str, Any]) -> None:
    """Whatever the runner would answer, the interview asks every question a
    triage rule above its level still needs: its level is never below what
    the rules give on all the answers (asked in order, as ask_if allows)."""
    kb = knowledge.load(ROOT / "data" / "conditions.toml")
    known = {k: v for k, v in raw.items() if applicable(kb.question_by_id[k], raw)}
    answers, _, _ = interview(kb, known)
    assert level(kb, answers) >= LEVELS.index(triage(kb, known).level)


# -- stopping -------------------------------------------------------------------


def test_it_stops_before_asking_everything(kb: KnowledgeBase) -> None:
    known: dict[str, AnswerValue] = {
        **NO_RED_FLAGS,
        "location": ("outer_hip",),
        "side": "left",
        "onset": "gradual",
        "duration": "1_to_6_weeks",
        "trend": "same",
        "severity": 4,
        "timing": ("after_run", "at_night"),
        "triggers": ("lying_on_side", "pressing_outer_hip"),
        "symptoms": (),
        "history": (),
        "training": (),
        "age": 52,
        "sex": "female",
    }
    answers, asked, steps = interview(kb, known)
    _, all_asked, full_steps = interview(kb, known, full=True)
    assert len(steps) <= kb.interview.max_questions < len(full_steps)
    assert set(asked) < set(all_asked)
    full_top = assess(kb, known).conditions[0].id
    assert assess(kb, answers).conditions[0].id == full_top == "gluteal_tendinopathy"
    # the estimate never promised fewer steps than were then asked at the end
    assert steps[-1].remaining <= 2


def test_max_questions_bounds_the_informative_questions(kb: KnowledgeBase) -> None:
    tight = msgspec.structs.replace(kb.interview, max_questions=1, min_gain=0.0)
    small = msgspec.structs.replace(kb, interview=tight)
    known = {**NO_RED_FLAGS, "location": ("outer_hip",), "triggers": ("hopping",)}
    answers, _, steps = interview(small, known)
    # after the safety screen and the `always` questions, triage questions
    # go on beyond the limit; information questions do not
    assert {s.why for s in steps[1 + len(kb.interview.always) :]} <= {"triage"}
    assert assess(small, answers).triage.level == "urgent"


def test_full_mode_asks_every_question_in_file_order(kb: KnowledgeBase) -> None:
    _, asked, steps = interview(kb, {}, full=True)
    expected = [q.id for q in kb.questions if applicable(q, {})]
    assert asked == expected
    assert {s.why for s in steps} == {"full"}
    assert [s.remaining for s in steps] == list(range(len(steps) - 1, -1, -1))


def test_replays_sharing_their_beginnings_choose_what_each_alone_would(
    kb: KnowledgeBase,
) -> None:
    """One Replays over a case file (validate and evaluate share one) asks
    every case exactly what a fresh interview asks it, in the same steps."""
    shared = Replays(kb)
    cases = read_cases(kb, CASES / "cases.json")[:30]
    assert len(cases) == 30
    for case in cases:
        known = parse_answers(kb, case.answers)
        assert shared.run(known) == replay(kb, known), case.id


# -- measurement ----------------------------------------------------------------

CASE_FILES = [
    CASES / "cases.json",
    pytest.param(CASES / "written_v2.json", marks=pytest.mark.slow),
    pytest.param(CASES / "case_reports.json", marks=pytest.mark.slow),
]
if (SHARED / "case-reports-sample.json").is_file():
    CASE_FILES.append(SHARED / "case-reports-sample.json")


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: getattr(p, "name", p))
def test_interview_targets_on_the_case_files(kb: KnowledgeBase, path: Path) -> None:
    """Issue 12's targets: a median of at most 10 steps, no under-triage
    beyond the full form's own, and top-3 at most two points (or one case,
    on a small file) below the full form on the cases not stopped at the
    safety screen (an emergency ends the interview there on purpose). On the
    29 thin published histories one case is 3.4 points: since the ranking's
    priors use age and sex, the full form gains cases whose age or sex the
    interview, at ten questions, does not reach."""
    cases = read_cases(kb, path)
    full = evaluate(kb, cases)
    ev = evaluate_interview(kb, cases)
    assert ev.questions_median <= 10
    assert set(ev.under_triaged) <= {r.case.id for r in full.under_triaged}
    stops = set(ev.emergency_stops)
    mine = [c.result.top3 for c in ev.cases if c.result.case.id not in stops]
    theirs = [r.top3 for r in full.results if r.case.id not in stops]
    assert statistics.mean(mine) >= statistics.mean(theirs) - max(0.02, 1 / len(theirs))
    assert ev.estimate_error <= 2.5


def test_evaluate_interview_json_and_text_through_the_cli(tmp_path: Path) -> None:
    """How the command reports the interview (the figures on every case
    file are tested above): on a fifth of cases.json, run four ways."""
    cases = json.loads((CASES / "cases.json").read_text())
    some = tmp_path / "cases.json"
    some.write_text(json.dumps(cases[::5]))
    res = run("evaluate", str(some), "--interview", "--format", "json")
    assert res.exit == 0, res.err
    doc = json.loads(res.out)
    iv = doc["interview"]
    assert {"questions_median", "questions_max", "top1", "top3", "under_triaged"} <= set(iv)
    assert isinstance(iv["questions_max"], int) and iv["questions_median"] <= 10
    assert 0 <= iv["top1"] <= iv["top3"] <= 1 and iv["under_triaged"] == []
    # the full form's figures are still there, unchanged in name
    assert {"cases", "top1", "top3", "triage", "under_triaged", "self_care_kept"} <= set(doc)
    plain = run("evaluate", str(some))
    assert "interview" not in run("evaluate", str(some), "--format", "json").json
    res = run("evaluate", str(some), "--interview")
    assert res.exit == 0 and res.out.startswith(plain.out)
    paragraph = res.out[len(plain.out) :].strip()
    assert paragraph.startswith("Interview: over ") and "\n" not in paragraph
    assert f"median of {iv['questions_median']:g} questions" in paragraph


def test_interview_thresholds_fail_the_command() -> None:
    """With --interview the thresholds hold for the interview's figures too
    (its top-1 on cases.json is below the full form's)."""
    args = ("evaluate", str(CASES / "cases.json"), "--min-top1", "0.97")
    assert run(*args).exit == 0
    res = run(*args, "--interview")
    assert res.exit == 1 and "below the thresholds" in res.err


# -- the knowledge file ---------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"first": ["cannot_bear_weight", "fevr"]}, "interview.first: 'fevr' names no question"),
        ({"always": ["where"]}, "interview.always: 'where' names no question"),
        ({"choice_rate": 1.5}, "choice_rate must be a number between 0 and 1"),
        ({"max_questions": 0}, "max_questions must be a whole number from 1 to 1000"),
        ({"min_gain": -1}, "min_gain must be a number of bits"),
        ({"net_level": "soon"}, "interview.net_level"),
    ],
)
def test_interview_table_is_checked(
    raw: dict[str, Any], change: dict[str, Any], expected: str
) -> None:
    raw["interview"].update(change)
    with pytest.raises(KnowledgeError) as err:
        knowledge.from_dict(raw, "edited.toml")
    assert expected in str(err.value) and str(err.value).startswith("edited.toml: ")


# -- the body map ---------------------------------------------------------------


def test_body_map_fits_40_columns_and_numbers_every_place(kb: KnowledgeBase) -> None:
    location = kb.question_by_id["location"]
    for unicode in (True, False):
        text = body_map(location, unicode=unicode)
        lines = text.splitlines()
        assert max(cell_len(line) for line in lines) <= 40
        drawing = "\n".join(lines[:6])
        assert "FRONT" in drawing and "BACK" in drawing
        for n, choice in enumerate(location.choices, 1):
            assert f"{n:>2} {choice.label.split(' (')[0]}" in text
            assert str(n) in drawing
    ascii_text = body_map(location, unicode=False)
    assert ascii_text.isascii() and "|" in ascii_text
    assert "╭" in body_map(location) and not body_map(location).isascii()


def test_body_map_without_its_legend_is_six_rows(kb: KnowledgeBase) -> None:
    """The questionnaire numbers its choices, so the drawing goes alone: six
    rows, leaving room for the choices on a 24-row terminal."""
    text = body_map(kb.question_by_id["location"], width=80, legend=False)
    assert len(text.splitlines()) == 6
    assert "Outer hip" not in text


def test_body_map_stacks_under_40_columns_and_names_new_places(raw: dict[str, Any]) -> None:
    loc = next(q for q in raw["questions"] if q["id"] == "location")
    loc["choices"].append({"id": "tailbone", "label": "Tailbone", "phrase": "tailbone pain"})
    kb = knowledge.from_dict(raw)
    text = body_map(kb.question_by_id["location"], width=24, ids=True)
    assert max(cell_len(line) for line in text.splitlines()) <= 24
    assert text.index("FRONT") < text.index("BACK")
    n = len(kb.question_by_id["location"].choices)  # the new place is the last number
    assert f"{n} tailbone: Tailbone" in text


def test_questions_shows_the_body_map_by_the_location_question() -> None:
    out = run("questions").out
    where = out.index("location  (--location)")
    assert where < out.index("FRONT") < out.index("side  (--side)")
    assert " 1 outer_hip: Outer hip" in out
    plain = run("questions", encoding="ascii").out
    assert plain.isascii() and "FRONT" in plain


@pytest.mark.needs_process
def test_the_steps_left_estimate_does_not_depend_on_the_hash_seed() -> None:
    """ "About N more" counts the fewest questions that settle the waiting
    rules, greedily; a tie between questions went to whichever a set gave
    first, which changes with PYTHONHASHSEED, so the same answers could show
    a different count from one run to the next (found by the compiled
    wheel's comparison, tests/test_compiled.py: a written 16-year-old's
    fourth step read "about 8 more" or "about 9 more")."""
    answers = {
        "age": 16, "sex": "female", "side": "right", "location": ["front_hip"],
        "onset": "gradual", "duration": "over_6_weeks", "trend": "same",
        "triggers": ["lifting_leg"], "symptoms": ["clicking"], "severity": 1,
    }  # fmt: skip
    code = (
        "import json, sys\n"
        "from hipcheck.knowledge import load\n"
        "from hipcheck.core.evaluate import Case\n"
        "from hipcheck.core.interview_eval import interview\n"
        "kb = load()\n"
        "case = Case('x', json.loads(sys.argv[1]), (), ())\n"
        "print([e for e, _ in interview(kb, case).estimates])\n"
    )
    seen = set()
    for seed in ("1", "2", "3", "4"):
        done = subprocess.run(
            [sys.executable, "-c", code, json.dumps(answers)],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=False,
        )
        assert done.returncode == 0, done.stderr
        seen.add(done.stdout)
    assert len(seen) == 1, seen
