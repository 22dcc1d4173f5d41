"""Renderers turn an Assessment into output; none of them changes it.

`json_render` and `text_render` use the standard library only; the Rich
renderer lives in `rich_render` and is imported only when used.
"""

from __future__ import annotations

from typing import Literal

#: html: the page for a clinician (commands.report), not a summary layout.
Format = Literal["rich", "text", "markdown", "json", "html"]
FORMATS: tuple[Format, ...] = ("rich", "text", "markdown", "json", "html")
