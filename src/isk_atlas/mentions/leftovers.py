"""A page's leftovers among the lines of an article as the page store returned it (issue 17), declared as data.

A stored page keeps, besides the report, lines that are not the report's own: photo captions and their credits
(`CAPTION`), lists of other stories' headlines and their "Also read" / "Related" labels (`OTHER_STORIES`). A
list of other stories tells nothing of the report; a caption shows a scene (people standing on a street is no
report of the group's presence there), though it may recall a happening the report codes ("at the site of last
month's attack"). Neither is the article's headline. Each `LeftoverCue` is a named pattern run on one line (white
space stripped) with an example line it must find and a counter-example it must not
(`tests/test_mentions_leftovers.py` runs them all), the kind of leftover it finds and which line it marks (the
line itself, or the caption line just above a credit line). They state how pages are laid out, never the words of
one page. `leftover_lines` gives the kind and span of the marked lines; `split_sentences` marks the sentences lying
in them (`Sentence.leftover`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CAPTION = "caption"
OTHER_STORIES = "other stories"


@dataclass(frozen=True)
class LeftoverCue:
    """A pattern searched in one stripped line, an example line it finds and a counter-example it must not.

    `kind`: `CAPTION` or `OTHER_STORIES`. `marks`: "line" (the line matching) or "line_before" (also the
    non-blank line just above it: the caption when the matching line is the photo's credit)."""

    name: str
    pattern: re.Pattern[str]
    example: str
    counter_example: str
    kind: str = CAPTION
    marks: str = "line"
    # words (lower case) of which every line the pattern finds holds one: a cheap test run first (none: no test)
    needs: tuple[str, ...] = ()

    def found(self, line: str, lowered: str | None = None) -> bool:
        """Whether the pattern finds the line (`lowered`: the line in lower case, when the caller has it)."""
        if self.needs:
            lowered = line.lower() if lowered is None else lowered
            if not any(word in lowered for word in self.needs):
                return False
        return self.pattern.search(line) is not None


# "... on a road in the city. (AP Photo/A. Name)", "(Photo: Agency)", "[Agency/file photo]": a line ending in a
# photo's credit in brackets is a caption. (A news agency's name alone in brackets ends a wire story's paragraph
# as well as a caption: no sign. "(Videos, Photos)" after a headline says what the page holds: no credit.)
PHOTO_CREDIT = LeftoverCue(
    "photo_credit",
    re.compile(r"[(\[][^()\[\]\n]*\bphoto\b[^()\[\]\n]*[)\]]$", re.I),
    "Men carry a coffin through a market in the city on Sunday. (AP Photo/Some Name)",
    "Rockets hit the capital, casualties reported (Videos, Photos)",
    needs=("photo",),
)
# "... on a street of the city. File photo.", "... in the city. PHOTO: AGENCY", "Photo: Agency \\ Site",
# "... its attacks. Image source": a line ending in (or made of) a photo's credit.
CREDIT_AT_END = LeftoverCue(
    "credit_at_end",
    re.compile(
        r"(?:^|[.!?)]\s+)(?:file\s+)?(?:photo(?:graph)?|image|picture)(?:\s+source|\s*(?::|\bby\b)[^.\n]{1,60})?\.?$",
        re.I,
    ),
    "Fighters stand guard on a road near the city. File photo.",
    "The group released a photo.",
    needs=("photo", "image", "picture"),
)
# "Photo: Agency" on the line after a caption: the line before it is the caption (it may lack any credit).
CAPTION_BEFORE_CREDIT = LeftoverCue(
    "caption_before_credit",
    re.compile(r"^(?:photo(?:graph)?|image|picture)\s*(?::|\bby\b|/)", re.I),
    "Photo: Some Agency",
    "Photographs of the suspects were shown on television.",
    marks="line_before",
    needs=("photo", "image", "picture"),
)
# "This file photo shows ...", "A file photo of ...": a caption opening.
FILE_PHOTO_OPENING = LeftoverCue(
    "file_photo_opening",
    re.compile(r"^(?:(?:this|a|the)\s+)?file\s+(?:photo|picture|image)\b", re.I),
    "This file photo shows fighters at a camp in an unknown place.",
    "Officials said a file was opened on the case.",
    needs=("file",),
)
# "| Headline of another story", "Story one | Story two | Story three | ...": a list of links to other stories
# (a page title "Headline | Site" has one bar, a byline "Agency | date" one or two).
HEADLINE_LIST = LeftoverCue(
    "headline_list",
    re.compile(r"^\||^(?:[^|\n]*\|){3}"),
    "| Commander killed in a drone strike in the east",
    "Blast kills five in the capital | News Site",
    kind=OTHER_STORIES,
    needs=("|",),
)
# "Also read", "Related:", "READ MORE: ...", "More from the region": the label of a list of other stories.
RELATED_LABEL = LeftoverCue(
    "related_label",
    re.compile(
        r"^(?:also\s+read|read\s+(?:also|more)|related(?:\s+(?:stories|articles|posts|news|coverage|tags))?|see\s+also"
        r"|more\s+(?:from|on)\b[^:.\n]{0,40}|most\s+(?:read|popular)|recommended(?:\s+for\s+you)?|you\s+may\s+also\s+like"
        r"|latest\s+news|trending(?:\s+now)?)\s*(?:[:|»›>–—-].*)?$",
        re.I,
    ),
    "READ MORE: Blast kills five in the capital",
    "Related attacks were reported in two provinces.",
    kind=OTHER_STORIES,
)

LEFTOVER_CUES: tuple[LeftoverCue, ...] = (
    PHOTO_CREDIT,
    CREDIT_AT_END,
    CAPTION_BEFORE_CREDIT,
    FILE_PHOTO_OPENING,
    HEADLINE_LIST,
    RELATED_LABEL,
)


def leftover_lines(text: str) -> list[tuple[str, int, int]]:
    """The lines a leftover cue marks, in order, each once: (kind, start, end), offsets into `text`; a line two
    cues mark is a list of other stories when one says so."""
    lines: list[tuple[int, int]] = []  # every line's span, the blank ones too
    start = 0
    for line in text.split("\n"):
        lines.append((start, start + len(line)))
        start += len(line) + 1
    stripped = [text[s:e].strip() for s, e in lines]
    marked: dict[int, str] = {}

    def mark(number: int, kind: str) -> None:
        if marked.get(number) != OTHER_STORIES:
            marked[number] = kind

    for number, line in enumerate(stripped):
        if not line:
            continue
        lowered = line.lower()
        for cue in LEFTOVER_CUES:
            if not cue.found(line, lowered):
                continue
            mark(number, cue.kind)
            if cue.marks == "line_before" and _caption_above(stripped, number):
                mark(number - 1, cue.kind)
    return [(marked[number], *lines[number]) for number in sorted(marked)]


# A headline: a line of at most this many characters without a final stop.
_HEADLINE_CHARS = 150


def _caption_above(lines: list[str], credit: int) -> bool:
    """Whether the line right above the credit line `credit` is the photo's caption. At the top of the text it
    may be the headline over the photo instead: there it is the caption only when a headline (a short line
    without a final stop) follows the credit."""
    if credit == 0 or not lines[credit - 1]:
        return False
    if any(lines[: credit - 1]):
        return True
    after = next((line for line in lines[credit + 1 :] if line), "")
    return 0 < len(after) <= _HEADLINE_CHARS and not after.endswith((".", "!", "?", '"', "”"))
