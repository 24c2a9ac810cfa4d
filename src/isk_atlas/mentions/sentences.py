"""Sentences of a source text, with character offsets into it: `split_sentences` (hard-wrapped lines joined,
headings and blank lines end sentences, abbreviations kept whole, a page's leftover lines marked), `sentence_at`,
and `evidence_sentence` (the whole sentence an evidence span lies in, for popups; `SplitText` for many spans of
one text)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from isk_atlas.mentions.leftovers import leftover_lines

_ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "st", "no", "vs", "jan", "feb", "mar",
     "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.n", "u.k", "e.g", "i.e", "etc",
     "prof", "sen", "rep", "gov", "approx", "inc", "co", "ltd", "jr", "sr", "mt", "ft"}
)  # fmt: skip
# Terminal punctuation (and closing quotes) before white space, or a newline. Written to open with one character
# class, which lets the regex engine skip ahead to the next candidate character instead of trying every position.
_SENTENCE_END = re.compile(r"[\n.!?](?:(?<=\n)|[.!?]*[\"'”’)\]]*(?=\s))")
# The word a full stop ends, as `_word_before_stop` reads it (that function walks the characters instead).
_LAST_WORD = re.compile(r"([\w.]+)[.!?]*[\"'”’)\]]*$")


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    paragraph: int
    # The kind of page leftover whose line the sentence lies in, "" for none: a photo's caption or credit, or a
    # list of other stories' headlines (`isk_atlas.mentions.leftovers`); never the headline.
    leftover: str = ""

    def text(self, source_text: str) -> str:
        return source_text[self.start : self.end]


_CONTINUES = frozenset(
    {"and", "or", "of", "in", "the", "to", "a", "an", "for", "with", "on", "by", "from", "its", "their", "that",
     "which", "who", "at", "as", "is", "are", "was", "were", "has", "have", "had", "be", "this", "these", "into"}
)  # fmt: skip


def _word_before_stop(text: str, stop: int, window_start: int) -> str:
    """`_LAST_WORD.search(text, window_start, end).group(1)` for the match of `_SENTENCE_END` that starts with the
    full stop at `stop` and ends at `end`: the run of word characters and dots holding the stop, from no earlier
    than `window_start`. (What follows the stop up to `end` is stops, "!", "?" and closing quotes only, and the
    character before it is no "!" or "?", so the regex's leftmost match is that run.) Walking the characters
    costs a fraction of the regex search, which tries every start in the window."""
    size = len(text)
    after = stop + 1
    while after < size and text[after] == ".":
        after += 1
    before = stop
    while before > window_start and ((char := text[before - 1]).isalnum() or char in "_."):
        before -= 1
    return text[before:after]


# Hard-wrapped text breaks its lines at a width of 60-80 characters, with a rare longer line (a long word, a
# link); in a text not hard-wrapped (a page store writes each paragraph, caption or link on a line of its own) a
# good share of the lines of some length run longer than any wrap width.
_WRAP_WIDTH = 100
_SOME_LENGTH = 40
_UNWRAPPED_SHARE = 0.2


def is_hard_wrapped(text: str) -> bool:
    """Whether the text's lines are broken at a wrap width: few of its lines over 40 characters run over 100."""
    lengths = [len(line) for line in text.split("\n")]
    some = sum(1 for length in lengths if length > _SOME_LENGTH)
    long = sum(1 for length in lengths if length > _WRAP_WIDTH)
    return long == 0 or long < _UNWRAPPED_SHARE * some


def _line_ends_sentence(text: str, newline: int, line_start: int | None = None, wrapped: bool = True) -> bool:
    """A single newline ends a sentence after terminal punctuation, a title or a heading-like short line.

    Hard-wrapped paragraphs (a newline every 60-80 characters) keep their sentences whole. In a text that is not
    hard-wrapped (`wrapped` False) a line is a paragraph, a caption, a link or a paragraph cut short by the page
    store: it ends its sentence unless it ends in a comma or the like or the next line goes on in lower case.
    `line_start`: where the line begins, when the caller knows it.
    """
    if line_start is None:
        line_start = text.rfind("\n", 0, newline) + 1
    line = text[line_start:newline].rstrip()
    if not line:
        return True
    if line[-1] in '.!?:"”’)':
        return True
    if line[-1] in ",;(-–—":
        return False
    if not wrapped:
        return not text[newline + 1 : newline + 40].lstrip(" \t")[:1].islower()
    following = text[newline + 1 : newline + 2]
    if line.rsplit(None, 1)[-1].lower() in _CONTINUES:
        return False
    if line_start == 0:
        return True  # the title
    return len(line) < 60 and (not following or following.isupper() or following.isdigit())


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with offsets into `text`; blank lines and lines ending in punctuation start a new paragraph."""
    spans: list[tuple[int, int]] = []
    start = 0

    def emit(end: int) -> None:
        chunk = text[start:end]
        s, e = start + len(chunk) - len(chunk.lstrip()), start + len(chunk.rstrip())
        if e > s:
            spans.append((s, e))

    line_start = 0  # every newline is a match of _SENTENCE_END: the last one seen starts the line
    wrapped = is_hard_wrapped(text)
    for match in _SENTENCE_END.finditer(text):
        first = text[match.start()]
        if first == "\n":
            newline = match.start()
            ends = _line_ends_sentence(text, newline, line_start, wrapped)
            line_start = newline + 1
            if not ends:
                continue
            emit(newline)
            start = newline + 1
            continue
        end = match.end()
        if first == ".":
            token = _word_before_stop(text, match.start(), max(start, end - 40)).lower().rstrip(".")
            if token in _ABBREVIATIONS or (len(token) == 1 and "a" <= token <= "z"):
                continue
        nxt = text[end : end + 3].lstrip()
        if nxt and nxt[0].islower():
            continue
        emit(end)
        start = end
    emit(len(text))
    # Paragraph numbers: a sentence starts a new paragraph when a newline precedes it.
    result = []
    paragraph = 0
    previous_end = -1
    leftovers = leftover_lines(text)
    leftover_starts = [start for _, start, _ in leftovers]
    for index, (s, e) in enumerate(spans):
        if index and text.find("\n", previous_end, s) >= 0:
            paragraph += 1
        line = bisect.bisect_right(leftover_starts, s) - 1
        leftover = leftovers[line][0] if line >= 0 and e <= leftovers[line][2] else ""
        result.append(Sentence(index, s, e, paragraph, leftover))
        previous_end = e
    return result


def sentence_at(sentences: Sequence[Sentence], offset: int, starts: Sequence[int] | None = None) -> int:
    """Index of the sentence holding `offset` (binary search; 0 before the first sentence).

    `starts`: the sentences' start offsets, when the caller looks up many offsets in the same sentences.
    """
    if starts is None:
        starts = [sentence.start for sentence in sentences]
    return max(0, bisect.bisect_right(starts, offset) - 1)


@dataclass(frozen=True)
class SplitText:
    """A text split into sentences once, for looking up the sentences of many spans in it (`evidence`): a map
    build asks for the evidence of every event, several per article. The caller keeps it while it needs it."""

    text: str
    sentences: tuple[Sentence, ...]
    starts: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> SplitText:
        sentences = tuple(split_sentences(text))
        return cls(text, sentences, tuple(sentence.start for sentence in sentences))

    def evidence(self, start: int | None, end: int | None, max_chars: int = 400) -> str:
        """The whole sentence(s) the span `start`..`end` lies in, white space folded, cut to `max_chars`."""
        text, sentences, starts = self.text, self.sentences, self.starts
        if not text or start is None or end is None or not sentences:
            return ""
        start = max(0, min(start, len(text)))
        end = max(start + 1, min(end, len(text)))
        first = sentences[sentence_at(sentences, start, starts)]
        last = sentences[sentence_at(sentences, end - 1, starts)]
        sentence = " ".join(text[first.start : last.end].split())
        if len(sentence) > max_chars:
            sentence = sentence[: max_chars - 1].rstrip() + "…"
        return sentence


def evidence_sentence(text: str, start: int | None, end: int | None, max_chars: int = 400) -> str:
    """The whole sentence(s) an evidence span lies in, white space folded, cut to `max_chars` for popups. (For many
    spans of one text, split it once: `SplitText.of(text).evidence(start, end)`.)"""
    if not text or start is None or end is None:
        return ""
    return SplitText.of(text).evidence(start, end, max_chars)
