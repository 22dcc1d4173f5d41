"""The triage levels, from least to most serious."""

from __future__ import annotations

from typing import Literal, get_args

Level = Literal["self_care", "routine", "urgent", "emergency"]
#: Triage levels from least to most serious.
LEVELS: tuple[Level, ...] = get_args(Level)
