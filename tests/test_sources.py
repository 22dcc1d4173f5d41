"""Every source names its publisher, and a link or DOI where one was found
(UX review N19, issue 18): on the clinician page, in the exports and in
`explain`; a DOI is always a well-formed https://doi.org/ link."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest

from hipcheck.errors import KnowledgeError
from hipcheck.knowledge import KnowledgeBase, from_dict
from hipcheck.knowledge.sources import DOI_LINK

from .helpers import run

#: Anything that looks like a DOI in shown text, up to a space or a bracket.
DOI_LIKE = re.compile(r"(?:https?://)?(?:dx\.)?doi\.org/[^\s)<\"]*|doi:\s*10\.[^\s)<\"]*", re.I)


def test_every_source_names_its_publisher_in_its_reference(kb: KnowledgeBase) -> None:
    for key, src in kb.sources.items():
        assert src.publisher.strip(), key
        assert src.publisher in src.full, key
        assert src.full.count(src.publisher) == 1 or src.publisher in src.title, key
        if src.link:
            assert src.full.endswith(f"({src.link})"), key


def test_the_seeds_name_who_published_them(kb: KnowledgeBase) -> None:
    """The review found two seed articles with no publisher at all."""
    seeds = [s for key, s in kb.sources.items() if key.endswith(".txt")]
    assert len(seeds) == 5
    assert not any(s.cite.startswith(("'", "Running-shoe retailer")) for s in seeds)


def shown_texts(kb: KnowledgeBase, tmp_path: Path) -> list[str]:
    """`explain` for every condition, the Markdown export and the clinician
    page for a few runners: where sources are listed in full."""
    texts = [run("explain", c.id).out for c in kb.conditions]
    for argv in (
        ("--location", "groin", "--age", "60", "--timing", "morning"),
        ("--location", "outer-hip", "--severity", "4", "--sex", "female"),
        ("--location", "buttock", "--pain-type", "shooting", "--history", "back-problems"),
        ("--location", "groin", "--timing", "during-run", "--training", "mileage-jump"),
    ):
        texts.append(run("check", *argv, "--format", "markdown").out)
        page = tmp_path / f"p{len(texts)}.html"
        assert run("check", *argv, "-o", str(page)).exit == 0
        texts.append(page.read_text())
    return texts


def test_every_source_shown_has_its_publisher_and_dois_are_links(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    texts = [html.unescape(t) for t in shown_texts(kb, tmp_path)]
    joined = " ".join(" ".join(t.split()) for t in texts)
    bare = "".join(joined.split())  # explain wraps long lines, even at a hyphen
    shown = [s for s in kb.sources.values() if "".join(s.cite.split()) in bare]
    assert len(shown) >= 20
    for src in shown:
        at = bare.index("".join(src.cite.split()) + ":")
        reference = bare[at : at + len(src.full) + 80]
        assert "".join(src.publisher.split()) in reference, src.cite
    dois = DOI_LIKE.findall(joined)
    assert len(dois) >= 10
    for doi in dois:
        assert DOI_LINK.fullmatch(doi.rstrip(".,;")), doi


def _src(raw: dict[str, Any]) -> dict[str, Any]:
    return raw["sources"]["Mellor 2018"]  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"publisher": " "}, "sources.'Mellor 2018'.publisher: name who published it"),
        ({"link": "doi:10.1136/bmj.k1662"}, "write a DOI as https://doi.org/10.NNNN/"),
        ({"link": "https://doi.org/bmj.k1662"}, "write a DOI as https://doi.org/10.NNNN/"),
        ({"link": "10.1136/bmj.k1662"}, "write a DOI as https://doi.org/10.NNNN/"),
        ({"link": "http://www.bmj.com/x"}, "is not a https:// web address"),
        ({"link": "www.bmj.com"}, "is not a https:// web address"),
    ],
)
def test_a_source_without_publisher_or_with_a_bad_link_is_refused(
    raw: dict[str, Any], change: dict[str, str], problem: str
) -> None:
    _src(raw).update(change)
    with pytest.raises(KnowledgeError, match=re.escape(problem)):
        from_dict(raw, "edited.toml")


def test_every_emergency_rule_rests_on_clinical_literature(kb: KnowledgeBase) -> None:
    """UX re-check: a consumer article was the only source on the fever
    emergency page. The seeds (the five articles, `*.txt`) may stand beside
    a guideline or a study on an emergency, never alone."""
    for r in kb.triage_rules:
        if r.level == "emergency":
            assert any(not s.endswith(".txt") for s in r.sources), r.id
