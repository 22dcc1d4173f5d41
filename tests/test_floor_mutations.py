"""The safety floor by construction: knowledge-file edits that keep a file
well-formed but let a red flag or a must-not-miss route give less than it
must are refused by `validate` and by `--kb` (reliability review round 3).

Each mutation is a text replacement in the shipped file, as an editor would
make it; the reviewer's come first, then more of our own. The last tests
check the mechanism itself: every triage rule at urgent or emergency is
guarded by a floor case, so a deleted rule is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import pytest

from hipcheck import knowledge
from hipcheck.core import safety_floor
from hipcheck.core.triage import rank
from hipcheck.knowledge.when import Match
from tests import helpers

from .conftest import KB_PATH
from .helpers import Result

SHIPPED = KB_PATH.read_text(encoding="utf-8")

FEVER_ON_SCREEN = 'screen = "safety"\nsection = "Safety first"\nprompt = "Do you have a fever'
#: The femoral stress fracture's running line (the pelvic one's reads the
#: same: its prior and pain relief before it tell them apart).
FEMORAL_AT = 'prior = 0.04\npain_relief = "bone"\n'
FEMORAL_RUNNING = FEMORAL_AT + (
    'running = "Stop running until a clinician has examined you: a stress fracture is '
    'possible, and running on it can make it worse."\nexercises = []\nself_care = [\n'
    '  "Stop running now and avoid hopping'
)

_FEVER_AT = SHIPPED.index('[[questions]]\nid = "fever"')
_LOCATION_AT = SHIPPED.index('[[questions]]\nid = "location"')
_FEVER_BLOCK = SHIPPED[_FEVER_AT : SHIPPED.index("[[questions]]", _FEVER_AT + 5)]
#: The reviewer's second variant: fever moved after weight_loss, off the screen.
_SCREEN_TO_LOCATION = SHIPPED[_FEVER_AT:_LOCATION_AT]
_MOVED = _SCREEN_TO_LOCATION.replace(_FEVER_BLOCK, "") + _FEVER_BLOCK.replace(
    'screen = "safety"\n', "ask_if = { cannot_bear_weight = true }\n"
)

_BONE_AT = SHIPPED.index('conditions = ["femoral_stress_fracture", "pelvic_stress_fracture"]')
_SOFT_AT = SHIPPED.index('conditions = ["hip_flexor_strain", ')
#: The return-to-running kinds, from the bone kind's conditions to the last kind's.
_KINDS = SHIPPED[_BONE_AT : SHIPPED.index("\n", _SOFT_AT)]

#: name -> (old text, new text, what the one-line refusal must contain).
MUTATIONS: dict[str, tuple[str, str, str]] = {
    # 1: a red-flag rule narrowed by a test that holds when unanswered
    "fever_none_location": (
        "when = { fever = true }",
        'when = { fever = true, location = { none = ["groin", "front_hip", "deep_joint"] } }',
        "red flag fever = yes: needs an emergency rule whose only test is that answer",
    ),
    "saddle_none_back": (
        'id = "cauda_equina"\nlevel = "emergency"\nwhen = { saddle_numbness = true }',
        'id = "cauda_equina"\nlevel = "emergency"\n'
        'when = { saddle_numbness = true, history = { none = ["back_problems"] } }',
        "red flag saddle_numbness = yes",
    ),
    "fever_unanswered_next_morning": (
        "when = { fever = true }",
        "when = { fever = true, next_morning = { answered = false } }",
        "red flag fever = yes",
    ),
    "weight_none_female": (
        "when = { cannot_bear_weight = true }",
        'when = { cannot_bear_weight = true, sex = { none = ["female"] } }',
        "red flag cannot_bear_weight = yes",
    ),
    "fever_none_side": (
        "when = { fever = true }",
        'when = { fever = true, side = { none = ["right", "both"] } }',
        "red flag fever = yes",
    ),
    "weight_none_worse": (
        "when = { cannot_bear_weight = true }",
        'when = { cannot_bear_weight = true, trend = { none = ["worse"] } }',
        "red flag cannot_bear_weight = yes",
    ),
    "saddle_none_sudden": (
        'id = "cauda_equina"\nlevel = "emergency"\nwhen = { saddle_numbness = true }',
        'id = "cauda_equina"\nlevel = "emergency"\n'
        'when = { saddle_numbness = true, onset = { none = ["sudden"] } }',
        "red flag saddle_numbness = yes",
    ),
    "deformity_none_injury": (
        "when = { deformity = true }",
        'when = { deformity = true, injury = { none = ["yes"] } }',
        "red flag deformity = yes",
    ),
    # 2: a red-flag question taken off the screen
    "fever_ask_if": (
        FEVER_ON_SCREEN,
        FEVER_ON_SCREEN.replace('"safety"\n', '"safety"\nask_if = { cannot_bear_weight = true }\n'),
        "(fever).ask_if: a red-flag question is asked of everyone",
    ),
    "fever_off_the_screen": (
        _SCREEN_TO_LOCATION,
        _MOVED,
        "(fever): a red-flag question must be on the 'safety' screen",
    ),
    "fever_not_first": (
        'first = ["cannot_bear_weight", "deformity", "fever", ',
        'first = ["cannot_bear_weight", "deformity", ',
        "(fever): a red-flag question must be in interview.first",
    ),
    # 3: falls and fragile bone
    "fall_age_99": (
        "when = { injury = true, age = { min = 60 } }",
        "when = { injury = true, age = { min = 99 } }",
        "safety case 'a fall at 60' gave urgent; it must be emergency",
    ),
    "fall_age_61": (
        "when = { injury = true, age = { min = 60 } }",
        "when = { injury = true, age = { min = 61 } }",
        "safety case 'a fall at 60' gave urgent",
    ),
    "fall_older_routine": (
        'id = "fall_older"\nlevel = "emergency"',
        'id = "fall_older"\nlevel = "routine"',
        "safety case 'a fall at 60' gave urgent",
    ),
    "fall_fragile_routine": (
        'id = "fall_fragile_bone"\nlevel = "emergency"',
        'id = "fall_fragile_bone"\nlevel = "routine"',
        "safety case 'a fall with low bone density' gave urgent",
    ),
    "fall_fragile_unanswered_age": (
        'when = { injury = true, history = ["low_bone_density", "bone_medicine"] }',
        'when = { injury = true, history = ["low_bone_density", "bone_medicine"], '
        "age = { answered = false } }",
        "an emergency rule may only test what was reported",
    ),
    # 4: urgent must-not-miss routes
    "limp_only_children": (
        'id = "limp"\nlevel = "urgent"\nwhen = { limp = true }',
        'id = "limp"\nlevel = "urgent"\nwhen = { limp = true, age = { max = 16 } }',
        "safety case 'a limp' gave self_care; it must be urgent or more serious",
    ),
    "limp_self_care": (
        'id = "limp"\nlevel = "urgent"',
        'id = "limp"\nlevel = "self_care"',
        "(limp).lowered.level: must be below the rule's level",
    ),
    "injury_routine": (
        'id = "injury"\nlevel = "urgent"',
        'id = "injury"\nlevel = "routine"',
        "(injury).lowered.level: must be below the rule's level",
    ),
    "child_limp_14": (
        "when = { age = { max = 16 }, timing",
        "when = { age = { max = 14 }, timing",
        "safety case 'pain walking at 16' gave ",
    ),
    "locking_routine": (
        'id = "locking"\nlevel = "urgent"',
        'id = "locking"\nlevel = "routine"',
        "safety case 'a locking hip' gave routine",
    ),
    # 5: the bone safeguards of the plan
    "bone_without_clearance": (
        'id = "bone"\nname = "Bone stress injury"\nclearance = true',
        'id = "bone"\nname = "Bone stress injury"\nclearance = false',
        "conditions (femoral_stress_fracture).running: it says stop, so it belongs to",
    ),
    "femoral_running_line_deleted": (
        FEMORAL_RUNNING,
        FEMORAL_AT + FEMORAL_RUNNING.removeprefix(FEMORAL_AT).split("\n", 1)[1],
        "conditions (femoral_stress_fracture).running: a condition of the 'bone' kind",
    ),
    "femoral_moved_to_the_joint_kind": (
        'clearance = true\nconditions = ["femoral_stress_fracture", "pelvic_stress_fracture"]',
        'clearance = true\nconditions = ["pelvic_stress_fracture"]',
        "has no kind",
    ),
    "femoral_in_the_soft_tissue_kind": (
        _KINDS,
        _KINDS.replace('"femoral_stress_fracture", ', "").replace(
            '["hip_flexor_strain", ', '["femoral_stress_fracture", "hip_flexor_strain", '
        ),
        "conditions (femoral_stress_fracture).running: it says stop, so it belongs to",
    ),
    # 14: the nets of [history] and [load]
    "two_week_percent_huge": (
        "two_week_percent = 30",
        "two_week_percent = 1000000",
        "load.two_week_percent: 1e+06 switches a safety net off or on for everyone",
    ),
    "single_run_percent_huge": (
        "single_run_percent = 10\n",
        "single_run_percent = 1000000\n",
        "load.single_run_percent",
    ),
    "min_history_days_huge": (
        "min_history_days = 28",
        "min_history_days = 3000",
        "load.min_history_days",
    ),
    "min_week_km_huge": ("min_week_km = 5", "min_week_km = 900", "load.min_week_km"),
    "history_level_self_care": (
        'now."\nlevel = "routine"',
        'now."\nlevel = "self_care"',
        "history.level: 'self_care'; worsening pain must give at least routine",
    ),
    "worsening_by_huge": ("worsening_by = 2", "worsening_by = 11", "history.worsening_by"),
    # the interview: a question a fall needs is never asked after an injury
    "age_asked_only_without_injury": (
        'id = "age"\n',
        'id = "age"\nask_if = { injury = { none = ["yes"] } }\n',
        "safety case 'a fall at 60' in the interview gave urgent; it must be emergency",
    ),
    # round 4 (an adversary's review): exceptions broadened on answers that
    # say nothing against a bone stress injury, which `validate` passed
    "pelvic_girdle_side": (
        "pelvic_girdle = [\n",
        'pelvic_girdle = [\n  { side = "right" },\n',
        "right side': the plan does not say to stop running",
    ),
    "groin_elsewhere_bears_weight": (
        "groin_elsewhere = [\n",
        "groin_elsewhere = [\n  { cannot_bear_weight = false },\n",
        "with the safety screen answered no",
    ),
    "pelvic_girdle_not_pregnant": (
        '{ history = { any = ["pregnant_now"], none = ["low_bone_density", '
        '"prior_stress_fracture", '
        '"bone_medicine", "steroid_use", "gave_birth_last_year", "sickle_cell", "heavy_alcohol"] }',
        '{ history = { none = ["low_bone_density", '
        '"prior_stress_fracture", '
        '"bone_medicine", "steroid_use", "gave_birth_last_year", "sickle_cell", "heavy_alcohol"] }',
        "no training change, a woman of 30, left side': the plan does not say to stop running",
    ),
    # the night-pain table of stop 41, likewise
    "pelvic_girdle_night_not_pregnant": (
        '{ history = { any = ["pregnant_now"], none = ["low_bone_density", '
        '"prior_stress_fracture", '
        '"bone_medicine", "steroid_use", "gave_birth_last_year", "sickle_cell", "heavy_alcohol", '
        '"inflammatory_disease"] }',
        '{ history = { none = ["low_bone_density", '
        '"prior_stress_fracture", '
        '"bone_medicine", "steroid_use", "gave_birth_last_year", "sickle_cell", "heavy_alcohol", '
        '"inflammatory_disease"] }',
        "no clinician has reviewed",
    ),
}


def _mutated(tmp_path: Path, name: str) -> Path:
    old, new, _ = MUTATIONS[name]
    # once: a text met elsewhere first (a see-a-doctor line's `when = { limp
    # = true }`) would mutate the wrong table
    assert SHIPPED.count(old) == 1, f"{name}: the text to replace is not in the file once"
    path = tmp_path / f"{name}.toml"
    path.write_text(SHIPPED.replace(old, new, 1), encoding="utf-8")
    return path


def _disclaimer(text: str) -> str:
    start = SHIPPED.index('disclaimer = """')
    end = SHIPPED.index('"""', start + 16) + 3
    return SHIPPED[:start] + f"disclaimer = {text}" + SHIPPED[end:]


def _refused(res: Result, path: Path, expected: str) -> None:
    assert res.exit == 2, (res.out, res.err)
    assert res.out == ""
    assert res.err.count("\n") == 1 and "Traceback" not in res.err, res.err
    assert res.err.startswith("hipcheck: ") and str(path.name) in res.err
    assert expected in res.err, res.err


@pytest.mark.parametrize("name", list(MUTATIONS))
def test_validate_refuses_the_mutation(
    run: Callable[..., Result], tmp_path: Path, name: str
) -> None:
    path = _mutated(tmp_path, name)
    _refused(run("validate", str(path)), path, MUTATIONS[name][2])


@pytest.mark.parametrize(
    "name", ["fever_none_location", "fever_ask_if", "fall_age_99", "bone_without_clearance"]
)
def test_kb_refuses_the_mutation(run: Callable[..., Result], tmp_path: Path, name: str) -> None:
    """The reviewer's own commands: `--kb FILE check ...` never assesses with it."""
    path = _mutated(tmp_path, name)
    res = run("--kb", str(path), "check", "--fever", "--location", "groin", "--format", "json")
    _refused(res, path, MUTATIONS[name][2])


@pytest.mark.parametrize("text", ['"\u200b"', '"."', '"Not a diagnosis."', '""" \u200b \u200b """'])
def test_a_disclaimer_that_says_nothing_is_refused(
    run: Callable[..., Result], tmp_path: Path, text: str
) -> None:
    path = tmp_path / "disclaimer.toml"
    path.write_text(_disclaimer(text), encoding="utf-8")
    res = run("validate", str(path))
    assert res.exit == 2 and "disclaimer: must" in res.err, res.err


def test_deleting_the_bone_stress_rules_is_refused(
    run: Callable[..., Result], tmp_path: Path, raw: dict[str, Any]
) -> None:
    import rtoml

    raw["triage_rules"] = [r for r in raw["triage_rules"] if not r["id"].startswith("bone_")]
    for r in raw["triage_rules"]:  # a rule they covered now shows its own reason
        kept = [c for c in r.get("covered_by", []) if not c.startswith("bone_")]
        r["covered_by"] = kept
        if not kept:
            del r["covered_by"]
    path = tmp_path / "no_bone.toml"
    path.write_text(rtoml.dumps(raw), encoding="utf-8")
    _refused(run("validate", str(path)), path, "safety case 'groin pain walking after a mileage")


def test_deleting_the_child_rules_is_refused(
    run: Callable[..., Result], tmp_path: Path, raw: dict[str, Any]
) -> None:
    import rtoml

    raw["triage_rules"] = [r for r in raw["triage_rules"] if not r["id"].startswith("adolescent")]
    # as an editor would: no rule left naming a deleted one in its covered_by
    for r in raw["triage_rules"]:
        if "covered_by" in r:
            r["covered_by"] = [c for c in r["covered_by"] if not c.startswith("adolescent")]
    path = tmp_path / "no_child.toml"
    path.write_text(rtoml.dumps(raw), encoding="utf-8")
    _refused(run("validate", str(path)), path, "at 16' gave ")


def test_the_shipped_file_passes_the_interview_floor(kb: knowledge.KnowledgeBase) -> None:
    assert safety_floor.problem(kb, interview=True) is None


# -- a red-flag "tick all that apply" question (the contract's `elsewhere`) -----------


def _check_problems(raw: dict[str, Any]) -> list[str]:
    from hipcheck.knowledge.exception_sets import expand

    kb = msgspec.convert(expand(raw)[0], knowledge.KnowledgeBase)
    return knowledge.check(kb)


def test_a_red_flag_choice_needs_its_own_emergency_rule(raw: dict[str, Any]) -> None:
    """`elsewhere` is a several-choice red-flag question: each emergency
    choice (testicle, pregnancy_pain, belly_pain, lump_stuck) needs a rule of
    its own; one narrowed by another test is refused."""
    rule = next(r for r in raw["triage_rules"] if r["when"] == {"elsewhere": ["testicle"]})
    rule["when"] = {"elsewhere": ["testicle"], "sex": {"none": ["female"]}}
    bad = _check_problems(raw)
    assert any(p.startswith("red flag elsewhere = testicle: needs an emergency rule") for p in bad)


def test_every_emergency_choice_of_the_shipped_file_is_a_red_flag(
    kb: knowledge.KnowledgeBase,
) -> None:
    from hipcheck.knowledge.red_flags import red_flag_answers

    flagged = {(q, v if isinstance(v, bool) else v[0]) for q, v in red_flag_answers(kb)}
    assert {("elsewhere", v) for v in ("testicle", "pregnancy_pain", "belly_pain", "lump_stuck")}
    assert flagged >= {
        ("elsewhere", v) for v in ("testicle", "pregnancy_pain", "belly_pain", "lump_stuck")
    }
    assert ("elsewhere", "urine") not in flagged  # urgent, not an emergency


def test_a_red_flag_choice_on_an_ordinary_question_is_refused(raw: dict[str, Any]) -> None:
    q = next(x for x in raw["questions"] if x["id"] == "symptoms")
    q["choices"][0]["red_flag"] = True
    problems = _check_problems(raw)
    assert any("a red_flag choice needs red_flag = true on its question" in p for p in problems)


def test_an_emergency_rule_all_test_is_not_a_red_flag_rule(raw: dict[str, Any]) -> None:
    rule = next(r for r in raw["triage_rules"] if r["id"] == "fever")
    rule["when"] = {"fever": True}
    assert not [p for p in _check_problems(raw) if "red flag" in p]
    from hipcheck.knowledge.red_flags import only_tests

    kb = knowledge.load(KB_PATH)
    tr = next(r for r in kb.triage_rules if r.id == "fever")
    assert only_tests(tr, "fever", True)
    assert not only_tests(msgspec.structs.replace(tr, level="urgent"), "fever", True)
    odd = msgspec.structs.replace(tr, when={"location": Match(any=("groin",), none=("buttock",))})
    assert not only_tests(odd, "location", ("groin",))


# -- the mechanism: every serious rule of the shipped file is guarded -----------------


def _implied_by(rule: knowledge.TriageRule, other: knowledge.TriageRule) -> bool:
    """`other` fires whenever `rule` does, at least as high: its tests are a
    subset of `rule`'s, so deleting `rule` changes no level."""
    return (
        other is not rule
        and rank(other.level) >= rank(rule.level)
        and all(rule.when.get(q) == t for q, t in other.when.items())
    )


def _serious(kb: knowledge.KnowledgeBase) -> list[knowledge.TriageRule]:
    return [r for r in kb.triage_rules if rank(r.level) >= rank("urgent")]


def test_every_serious_rule_is_guarded_by_a_floor_case(kb: knowledge.KnowledgeBase) -> None:
    """Delete each rule at urgent or emergency (and each condition rule at
    urgent) in turn: the floor must refuse the file, unless another rule
    fires whenever it does. A new route (a rule) fails here until a case in
    hipcheck/knowledge/safety_cases.toml reaches it."""
    unguarded = []
    for rule in helpers.sampled(_serious(kb)):
        if any(_implied_by(rule, o) for o in kb.triage_rules):
            continue
        rules = tuple(r for r in kb.triage_rules if r is not rule)
        if safety_floor.problem(msgspec.structs.replace(kb, triage_rules=rules)) is None:
            unguarded.append(rule.id)
    for cr in kb.condition_rules:
        if cr.level != "urgent":
            continue
        rest = tuple(c for c in kb.condition_rules if c is not cr)
        if safety_floor.problem(msgspec.structs.replace(kb, condition_rules=rest)) is None:
            unguarded.append(f"condition:{cr.condition}")
    assert unguarded == []


def test_lowering_any_serious_rule_is_refused(kb: knowledge.KnowledgeBase) -> None:
    lowered = []
    for rule in helpers.sampled(_serious(kb)):
        if any(_implied_by(rule, o) for o in kb.triage_rules):
            continue
        down = "urgent" if rule.level == "emergency" else "routine"
        rules = tuple(
            msgspec.structs.replace(r, level=down) if r is rule else r for r in kb.triage_rules
        )
        if safety_floor.problem(msgspec.structs.replace(kb, triage_rules=rules)) is None:
            lowered.append(rule.id)
    assert lowered == []
