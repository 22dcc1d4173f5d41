"""The triage levels in running text, one name each in every format: the
history list said "routine visit", the HTML report "routine appointment"
and the Markdown report "routine" (a new user's review, stop 41); a note
said "self_care"."""

from __future__ import annotations

LEVEL_WORDS = {
    "self_care": "self-care",
    "routine": "routine",
    "urgent": "urgent",
    "emergency": "emergency",
}
