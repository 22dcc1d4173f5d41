"""The knowledge file's sources, and what each must carry: how users see
it, who published it, and a link that works when one is given (a DOI
written as a https://doi.org/ link; a link is left empty rather than
guessed)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from msgspec import Struct

if TYPE_CHECKING:
    from hipcheck.knowledge.model import KnowledgeBase

#: A DOI as a link: https://doi.org/ then 10.<registrant>/<suffix>, no spaces.
DOI_LINK = re.compile(r"https://doi\.org/10\.\d{4,9}/\S+")
#: Any other link: a https:// address with a host name.
WEB_LINK = re.compile(r"https://[^\s/]+\.[^\s/]+(/\S*)?")


class Source(Struct, frozen=True, forbid_unknown_fields=True):
    title: str
    #: How users see it: publisher or authors and year ("Hinge Health, 2024").
    cite: str
    #: Who published it: the journal, organisation or website ("NICE").
    publisher: str = ""
    note: str = ""
    #: A web address, or a DOI as "https://doi.org/10.1136/...".
    link: str = ""

    @property
    def full(self) -> str:
        """ "cite: title", the publisher unless the title names it, the link."""
        text = f"{self.cite}: {self.title}"
        if self.publisher and self.publisher not in text:
            text += f". Published by {self.publisher}"
        return text + (f" ({self.link})" if self.link else "")


def is_doi(link: str) -> bool:
    """Whether `link` is (or tries to be) a DOI rather than a web page."""
    low = link.lower()
    return low.startswith("doi:") or "doi.org/" in low or re.match(r"10\.\d+/", low) is not None


def source_problems(kb: KnowledgeBase) -> list[str]:
    problems = []
    for key, src in kb.sources.items():
        where = f"sources.'{key}'"
        if not src.cite.strip():
            problems.append(f"{where}.cite: how users see the source must not be empty")
        if not src.publisher.strip():
            problems.append(
                f"{where}.publisher: name who published it (the journal, body or website)"
            )
        if not src.link:
            continue
        if is_doi(src.link):
            if not DOI_LINK.fullmatch(src.link):
                problems.append(
                    f"{where}.link: write a DOI as https://doi.org/10.NNNN/..., not {src.link!r}"
                )
        elif not WEB_LINK.fullmatch(src.link):
            problems.append(f"{where}.link: {src.link!r} is not a https:// web address")
    return problems
