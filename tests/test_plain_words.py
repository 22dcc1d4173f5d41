"""Pages speak plainly (ux-2, still present at the UX re-check): no
"isometric", no trial acronyms, no calories per mile, and muscle names only
in brackets after plain words."""

from __future__ import annotations

import re

import pytest

from .helpers import run

GLUTEAL = ["--location", "outer-hip", "--triggers", "lying-on-side", "--duration", "1-to-6-weeks"]
HAMSTRING = ["--location", "buttock", "--triggers", "long-sitting", "--duration", "over-6-weeks"]
UNDERFUELLED = ["--location", "groin", "--training", "underfuelling", "--sex", "female"]


@pytest.mark.parametrize("flags", [GLUTEAL, HAMSTRING, UNDERFUELLED])
def test_no_jargon_on_the_page(flags: list[str]) -> None:
    for fmt in ("text", "html"):
        out = run("check", *flags, "--top", "5", "--format", fmt).out
        # the sources keep their published titles ("... (LEAP): randomised trial")
        page = " ".join(re.split(r"\nSOURCES\n|<h2>Sources", out)[0].split())
        for word in ("isometric", "LEAP", "calories for every mile"):
            assert word.lower() not in page.lower(), (fmt, word)
        for m in re.finditer(r"gluteus medius", page):
            assert page[m.start() - 1] == "(", page[m.start() - 60 : m.end()]
