"""The evidence of a proposed event as escaped HTML, with the place, the dates and the figures marked.

Article text is untrusted: every character of it goes through `html.escape`, and the only markup in the result
is the project's own `<mark>` and `<p>` tags. What is marked is declared in `HIGHLIGHTS` (one rule per kind).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from isk_atlas.events.casualties import NUMBER_RE, parse_number
from isk_atlas.events.datefind import find_dates
from isk_atlas.mentions import sentence_at, split_sentences
from isk_atlas.schema import Event, SourceMeta

MAX_EVIDENCE_CHARS = 1200
Span = tuple[int, int]


@dataclass(frozen=True)
class HighlightRule:
    """One kind of thing to mark in the evidence: how to find it, and how it looks."""

    kind: str
    colour: str
    find: Callable[[str, Event, dt.date | None], Iterator[Span]]
    example: str  # a sentence and (in brackets) what the rule marks in it, for the reader of this table


def _places(sentence: str, event: Event, published: dt.date | None) -> Iterator[Span]:
    for name in (event.place_text, event.target_place_text):
        if name:
            for found in re.finditer(re.escape(name), sentence, re.IGNORECASE):
                yield found.span()


def _dates(sentence: str, event: Event, published: dt.date | None) -> Iterator[Span]:
    for mention in find_dates(sentence, published):
        yield mention.start, mention.end


def _figures(sentence: str, event: Event, published: dt.date | None) -> Iterator[Span]:
    figures = {event.killed_low, event.killed_high, event.injured_low, event.injured_high, event.rockets} - {None}
    for found in NUMBER_RE.finditer(sentence):
        if parse_number(found["num"]) in figures:
            yield found.span("num")


# Earlier rules win where two marks would overlap.
HIGHLIGHTS: tuple[HighlightRule, ...] = (
    HighlightRule("place", "#ffe08a", _places, "a checkpoint in [Asadabad], the capital of Kunar"),
    HighlightRule("date", "#b8e0ff", _dates, "On [Sunday, May 19], a suicide bomber attacked"),
    HighlightRule("figure", "#ffc2c2", _figures, "killing [seven] people and wounding [twelve]"),
)


@dataclass(frozen=True)
class Evidence:
    """The sentence(s) holding one evidence span, and the marks in them (offsets into `text`)."""

    source_id: str
    text: str
    marks: tuple[tuple[int, int, HighlightRule], ...]

    def html(self) -> str:
        """The evidence as escaped HTML: article text escaped, only the marks are markup."""
        pieces: list[str] = []
        done = 0
        for start, end, rule in self.marks:
            pieces.append(html.escape(self.text[done:start]))
            pieces.append(
                f'<mark style="background:{rule.colour};padding:0 2px" title="{rule.kind}">'
                f"{html.escape(self.text[start:end])}</mark>"
            )
            done = end
        pieces.append(html.escape(self.text[done:]))
        return "".join(pieces)


def event_evidence(event: Event, texts: Mapping[str, str], metadata: Mapping[str, SourceMeta]) -> list[Evidence]:
    """The evidence of each source the event cites with a span whose text is at hand, marked."""
    found = []
    for ref in event.sources:
        text = texts.get(ref.source_id)
        if not text or ref.start is None or ref.end is None:
            continue
        meta = metadata.get(ref.source_id)
        sentence = _sentences_around(text, ref.start, ref.end)
        found.append(Evidence(ref.source_id, sentence, _marks(sentence, event, meta.published if meta else None)))
    return found


def _sentences_around(text: str, start: int, end: int) -> str:
    """The whole sentence(s) the span lies in, white space folded, cut to MAX_EVIDENCE_CHARS."""
    sentences = split_sentences(text)
    if not sentences:
        return ""
    starts = [sentence.start for sentence in sentences]
    first = sentences[sentence_at(sentences, min(start, len(text)), starts)]
    last = sentences[sentence_at(sentences, max(start, min(end, len(text)) - 1), starts)]
    folded = " ".join(text[first.start : last.end].split())
    return folded if len(folded) <= MAX_EVIDENCE_CHARS else folded[: MAX_EVIDENCE_CHARS - 1].rstrip() + "…"


def _marks(sentence: str, event: Event, published: dt.date | None) -> tuple[tuple[int, int, HighlightRule], ...]:
    kept: list[tuple[int, int, HighlightRule]] = []
    for rule in HIGHLIGHTS:
        for start, end in rule.find(sentence, event, published):
            if end > start and not any(s < end and start < e for s, e, _ in kept):
                kept.append((start, end, rule))
    return tuple(sorted(kept, key=lambda mark: mark[0]))


def source_line(source_id: str, meta: SourceMeta | None) -> str:
    """'Title — Publisher, 2024-05-20 (source_id)' as escaped HTML."""
    if meta is None:
        return html.escape(source_id)
    parts = [f"<b>{html.escape(meta.title or source_id)}</b>"]
    if meta.publisher:
        parts.append(f" — {html.escape(meta.publisher)}")
    if meta.published:
        parts.append(f", {meta.published.isoformat()}")
    parts.append(f' <span style="color:#777">({html.escape(source_id)})</span>')
    return "".join(parts)
