"""A runner's review (stop 39): `hipcheck plan` in a 40-column terminal split
its stage heading mid-word ("STAGE 3 OF 7: WALK-RUN: 2 MINUTES RUNNIN" /
"G, 1 MINUTE WALKING"): every other line of the plan was wrapped to the
terminal, the heading was not. Every line of the plan fits the width."""

from __future__ import annotations

import msgspec
import pytest

from hipcheck.knowledge import KnowledgeBase
from hipcheck.render import plan_render

from .helpers import assessed

WALK_RUN = {"location": ["outer_hip"], "timing": ["during_run", "walking"], "severity": 5,
            "duration": "1_to_6_weeks", "age": 45, "sex": "female", "limp": False,
            "triggers": ["lying_on_side"]}  # fmt: skip


@pytest.mark.parametrize("width", [40, 50, 78])
def test_every_line_of_the_plan_fits_the_width(kb: KnowledgeBase, width: int) -> None:
    a = assessed(kb, WALK_RUN)
    p = a.plan.stage
    assert p is not None
    for stage in p.ladder:  # each stage of the ladder as the current one
        at = msgspec.structs.replace(a, plan=msgspec.structs.replace(
            a.plan, stage=msgspec.structs.replace(p, stage=stage)))  # fmt: skip
        text = plan_render.render_text(at, kb, "From your answers.", width)
        assert "STAGE " in text
        too_long = [line for line in text.splitlines() if len(line) > width]
        assert too_long == [], too_long
