"""Evidence: one answer that moved one condition, and by how much.

A fact, not a sentence: the renderers phrase it (the human formats show the
phrase, JSON also the ratio). Built once per knowledge file (the evidence
table of the model) and shared by every assessment.
"""

import msgspec


class Evidence(msgspec.Struct, frozen=True, cache_hash=True):
    question: str
    value: str
    #: How the answer reads: "pain on the outer hip".
    phrase: str
    #: The likelihood ratio: above 1 speaks for the condition, below 1 against.
    ratio: float
    #: Where the answer came from, if not from the user ("your activity data").
    origin: str = ""
