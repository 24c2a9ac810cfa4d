"""Cues the extractor reads the text around an event with, declared as data (issue 17: one event per happening).

Each `TextCue` is a pattern and an example text it must find (`tests/test_cues.py` runs every example, and that
`counter_example`, when given, is not found). They state general facts about how news is written, not the words of
one article:

- a claim or announcement follows the happening by hours or a day or two, so the day it was made ("the group on
  Tuesday claimed the attack", "announced Thursday that") dates the claim, not the attack: `CLAIM_DAY_BEFORE`,
  `CLAIM_DAY_AFTER`;
- a paragraph opening with a place and a colon ("Karachi: ...", "Kabul, Nov 13 (Agency): ...") is a dateline, where
  the report was filed: `PARAGRAPH_OPENING` before the place, `COLON_DATELINE` or `DATED_COLON_DATELINE` after it.

`CUES` lists them all (for the tests and for analysts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class TextCue:
    """A pattern (compiled as given: flags inline) with an example it must find and, optionally, one it must not.

    `where` says what text the pattern is run on: "before" (the text up to a mention, `search`), "after" (the
    text from a mention on, `match`) or "text" (`search` anywhere)."""

    name: str
    pattern: re.Pattern[str]
    example: str
    where: str = "text"
    counter_example: str = ""

    def found(self, text: str) -> bool:
        return bool(self.pattern.match(text) if self.where == "after" else self.pattern.search(text))


_CLAIM_VERBS = (
    r"(?:(?:claimed|took|accepted)\s+(?:responsibility|credit)|claimed|announced|said|says|stated|confirmed|denied"
    r"|released|reported)"
)

# "The group claimed responsibility on Tuesday", "... announced Thursday": the day follows the claim's verb.
CLAIM_DAY_BEFORE = TextCue(
    "claim_day_before",
    re.compile(rf"\b{_CLAIM_VERBS}\s+(?:on\s+)?$", re.I),
    "The group claimed responsibility on ",
    "before",
    counter_example="The group claimed responsibility for the attack on ",
)
# "The group on Tuesday claimed ...", "Islamic State Saturday claimed ...": the day comes before the claim's verb.
CLAIM_DAY_AFTER = TextCue(
    "claim_day_after",
    re.compile(rf"\s*(?:night\s+|morning\s+|evening\s+)?(?:also\s+)?{_CLAIM_VERBS}\b", re.I),
    " claimed responsibility for a suicide attack that killed 21 people.",
    "after",
    counter_example=", killing 21 people, officials said.",
)
# "Karachi: The group claimed ...": a place and a colon opening a paragraph of full sentences (the lead), what
# follows the place.
COLON_DATELINE = TextCue(
    "colon_dateline",
    re.compile(r":\s+[A-Z\"“‘'][^\n]{40,}?[.!?][\"”’']?\s*(?:\n|$)"),
    ": The group claimed responsibility for a suicide attack that killed 21 people in the city.\n",
    "after",
    counter_example=": a city under siege\n",
)
# "Karachi, Nov 13 (Agency): ...": a place, a date and perhaps an agency, then a colon.
DATED_COLON_DATELINE = TextCue(
    "dated_colon_dateline",
    re.compile(
        r",\s*(?:\d{1,2}\s+[A-Z][a-z]{2,8}|[A-Z][a-z]{2,8}\.?\s+\d{1,2})(?:,?\s+\d{4})?\s*(?:\([^)]{1,40}\)\s*)?:\s"
    ),
    ", Nov 13 (Agency): The group claimed the blast.",
    "after",
    counter_example=", Kunar and Nuristan: three provinces",
)

# What comes before a dateline's place: the start of a paragraph (after the page store's "date 2022-05-08" line).
PARAGRAPH_OPENING = TextCue(
    "paragraph_opening",
    re.compile(r"(?:^|\n)[ \t]*(?:date\s+\d{4}-\d\d(?:-\d\d)?\s+)?$"),
    "Headline\n\n date 2022-05-08 ",
    "before",
    counter_example="The mosque in ",
)

CUES: tuple[TextCue, ...] = (
    CLAIM_DAY_BEFORE,
    CLAIM_DAY_AFTER,
    COLON_DATELINE,
    DATED_COLON_DATELINE,
    PARAGRAPH_OPENING,
)
