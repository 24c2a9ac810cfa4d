"""What of a sentence is not its event's: the page's leftovers, a tally's generic plural, an aside about someone's
past and a clause about an earlier happening.

A list of other stories' headlines tells nothing of the report and a photo's caption no presence (`page_labels`);
"has launched attacks on Y" is a tally, not a happening (`generic_plural`); "before the attack, ..." or "the
attack showed that ..." only refers to the attack told (`attack_only_referred_to`); "..., before being moved to X last
year" is a person's history (`aside_span`); "..., a week after its bombers killed dozens in X" tells an earlier
happening, dated back from the sentence's date (`earlier_clause`, `EarlierClause.date_before`); "the group holds
bases in X, where troops raided its camps" tells two happenings, one per clause (`clause_spans`,
`second_happenings`). Pure functions of their arguments; the extractor takes these parts out of the sentence's
event.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from isk_atlas.events.classify import Classifier, Label
from isk_atlas.events.cues import (
    ASIDE,
    ATTACK_AS_EVIDENCE,
    CLAUSE_BREAK,
    EARLIER_CLAUSE,
    GENERIC_PLURAL,
    GENERIC_PLURAL_NOUNS,
    GROUP_RELATIVE,
    TIMED_BY_THE_ATTACK,
)
from isk_atlas.events.datefind import DateMention
from isk_atlas.mentions import Sentence
from isk_atlas.mentions.leftovers import CAPTION, OTHER_STORIES


def attack_only_referred_to(sentence: str, labels: list[Label], classifier: Classifier) -> list[Label]:
    """A sentence's labels less a happening only referred to, to time something else ("One day prior to the attack,
    he met officials from Kabul": `TIMED_BY_THE_ATTACK`) or as a sign of it ("The attack indicated that ISKP has a
    presence in Balkh", "the surrender signals its defeat": `ATTACK_AS_EVIDENCE`): the sentence is read again without
    those words, and a happening it still tells (one attacked "two days after the blast") stays."""
    happenings = [label for label in labels if label.event_type in ("attack", "counter_operation")]
    if not happenings or "th" not in sentence:
        return labels
    referring = [
        found.span() for cue in (TIMED_BY_THE_ATTACK, ATTACK_AS_EVIDENCE) for found in cue.pattern.finditer(sentence)
    ]
    referred = {
        label.event_type
        for label in happenings
        if any(start <= label.cue_at(sentence) < end for start, end in referring)
    }
    if not referred:
        return labels
    masked = sentence
    for start, end in referring:
        masked = masked[:start] + " " * (end - start) + masked[end:]
    still = [label for label in classifier.classify(masked) if label.event_type in referred]
    return [*still, *(label for label in labels if label.event_type not in referred)]


def generic_plural(sentence: str) -> re.Match[str] | None:
    """`GENERIC_PLURAL.search(sentence)`, skipped where none of its plurals stands (an ASCII sentence lower-cases
    as the case-blind pattern reads it; any other is searched)."""
    if sentence.isascii():
        lowered = sentence.lower()
        if not any(noun in lowered for noun in GENERIC_PLURAL_NOUNS):
            return None
    return GENERIC_PLURAL.pattern.search(sentence)


COUNT_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10}  # fmt: skip


# How far back an uncounted "days after" or "weeks after" reaches: (earliest, latest) days before.
_UNCOUNTED_BACK = {"hour": (1, 0), "day": (10, 1), "week": (42, 7), "month": (365, 28)}


UNIT_DAYS = {"hour": 0, "day": 1, "week": 7, "month": 30}


@dataclass(frozen=True)
class EarlierClause:
    """Where a clause about an earlier happening runs (offsets into the text) and how long before it was."""

    start: int
    end: int
    count: int | None  # None: "days after", "a few weeks after"
    unit: str  # hour | day | week | month
    phrase: str

    def date_before(self, at: dt.date) -> DateMention:
        note = f"{self.phrase.strip(' ,')} {at.isoformat()}, read back from it"
        if self.count is None:
            earliest, latest = _UNCOUNTED_BACK[self.unit]
            start, end = at - dt.timedelta(days=earliest), at - dt.timedelta(days=latest)
            return DateMention(self.phrase, self.start, self.start, start, end, "month", note)
        if self.unit == "hour":
            return DateMention(self.phrase, self.start, self.start, at - dt.timedelta(days=1), at, "day", note)
        day = at - dt.timedelta(days=UNIT_DAYS[self.unit] * self.count)
        if self.unit == "month":
            return DateMention(self.phrase, self.start, self.start, day - dt.timedelta(days=15),
                               day + dt.timedelta(days=15), "month", note)  # fmt: skip
        return DateMention(self.phrase, self.start, self.start, day, day, "day", note)


def earlier_clause(sentence_text: str, offset: int) -> EarlierClause | None:
    """The clause of `sentence_text` about an earlier happening, up to the sentence's end; None without one."""
    if "after" not in sentence_text and "follow" not in sentence_text:
        return None
    match = EARLIER_CLAUSE.pattern.search(sentence_text)
    if match is None:
        return None
    if match.group("unit") is None:
        # "it follows three attacks ...": how long before is not told (the clause's own date may say)
        return EarlierClause(offset + match.start(), offset + len(sentence_text.rstrip(" .")), None, "day",
                             match.group())  # fmt: skip
    raw = (match.group("n") or "").lower()
    count = None if raw in ("", "a few", "several") or not raw.split()[0] else (
        int(raw) if raw.isdigit() else COUNT_WORDS.get(raw))  # fmt: skip
    unit = match.group("unit").lower().rstrip("s")
    if raw and raw not in ("a few", "several") and match.group("unit").lower().endswith("s") and count == 1:
        count = None  # "a days after": not English; read as uncounted
    return EarlierClause(offset + match.start(), offset + len(sentence_text.rstrip(" .")), count, unit,
                          match.group())  # fmt: skip


def aside_span(sentence_text: str, offset: int, labels: Sequence[Label]) -> tuple[int, int] | None:
    """The span of a trailing aside about someone's past, when the event's cue comes before it."""
    if "being" not in sentence_text and "having" not in sentence_text:
        return None
    match = ASIDE.pattern.search(sentence_text)
    if match is None or not labels:
        return None
    cue_at = labels[0].cue_at(sentence_text)
    if cue_at < 0 or cue_at >= match.start():
        return None
    end = sentence_text.find(";", match.end())
    return offset + match.start(), offset + (end if end >= 0 else len(sentence_text))


def clause_spans(sentence_text: str) -> list[tuple[int, int]]:
    """The sentence's clauses (offsets into it), split where a clause with its own verb begins (`CLAUSE_BREAK`) and
    where a relative clause on the group ends (`GROUP_RELATIVE`)."""
    cuts = [
        match.span("cut") if match.group("cut") is not None else match.span()
        for match in CLAUSE_BREAK.pattern.finditer(sentence_text)
    ]
    if "," in sentence_text:
        cuts.extend(match.span("cut") for match in GROUP_RELATIVE.pattern.finditer(sentence_text))
    spans, start = [], 0
    for cut in sorted(set(cuts)):
        if cut[0] < start:
            continue
        spans.append((start, cut[0]))
        start = cut[1]
    spans.append((start, len(sentence_text)))
    return [(a, b) for a, b in spans if sentence_text[a:b].strip()]


@dataclass(frozen=True)
class ClauseHappening:
    """A happening a clause tells beside the sentence's own: its label (as the classifier reads the clause alone)
    and where the clause runs (offsets into the text)."""

    label: Label
    start: int
    end: int


def second_happenings(
    sentence_text: str, offset: int, first: Label, classifier: Classifier, same_type: bool = False
) -> list[ClauseHappening]:
    """The happenings of another type than `first` that a sentence tells in clauses of their own ("the group has
    a presence in X, where troops have raided its camps": a presence beside an operation): each clause not holding
    `first`'s cue (where it matched, `Label.cue_at`: "afraid" before "a raid" holds the word, not the cue),
    classified alone, whose best label is of another type (or, with `same_type`, of any type: "ISIS-K, which killed
    145 at a concert hall in X in March, also claimed a bombing in Y"). Whether such a happening is an event of its
    own (a place in its clause, the group) the extractor decides."""
    spans = clause_spans(sentence_text)
    if len(spans) < 2:
        return []
    cue_at = first.cue_at(sentence_text)
    found = []
    for start, end in spans:
        if start <= cue_at < end:
            continue  # the clause of the sentence's own happening
        labels = classifier.classify(sentence_text[start:end])
        if labels and (same_type or labels[0].event_type != first.event_type):
            found.append(ClauseHappening(labels[0], offset + start, offset + end))
    return found


def page_labels(sentence: Sentence, labels: list[Label]) -> list[Label]:
    """A sentence's labels as the page places it: a list of other stories' headlines tells nothing of the report;
    a photo's caption shows a scene (men on a street are no presence report) but may recall a happening."""
    if sentence.leftover == OTHER_STORIES:
        return []
    if sentence.leftover == CAPTION:
        return [label for label in labels if label.event_type != "presence"]
    return labels
