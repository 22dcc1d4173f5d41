"""What an answer can be: the types every layer shares.

They live with the knowledge model (the questions define what an answer may
be), so the knowledge checks, the core and the renderers can all name them
without importing upwards.
"""

from __future__ import annotations

#: yes/no -> bool, one -> str, several -> tuple[str, ...], number -> int | float
AnswerValue = bool | int | float | str | tuple[str, ...]
Answers = dict[str, AnswerValue]

#: A tick list's answer "none of these apply" in flags, files and batch
#: (an empty list); no choice may have this id (`validate`).
NONE_OF_THESE = "none"
