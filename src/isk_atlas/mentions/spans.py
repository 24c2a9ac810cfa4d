"""Finding the spans of a text that name places; what each names is decided by the place model (`isk_atlas.places`).

`ToponymIndex.find(text)` finds, in one pass over the text:
- gazetteer names and their spelling variants (an Aho-Corasick automaton, pyahocorasick, over the keys of every
  name of the place index), on word boundaries and capitalised as toponyms are in English;
- region phrases ("the eastern and northern provinces", "the Afghan-Tajik border": `isk_atlas.places.regions`);
- capitalised words no name covers, when the place index has a name close to them ("MazareSharif").
Span first: a capitalised multi-word name ("Khwaja Bahauddin", "Dashti Qala", "Spin Boldak") is one span and is
resolved as a whole, never through one of its words; a span that resolves to nothing is reported unresolved
(`Mention.match.resolved` False), not replaced by a piece of it. Words of a facility or organisation ("Kunduz Water
Department") and words that never name a place end a span (`isk_atlas.places.words`).
Every span is resolved by the geocoder with its sentence as context, exactly as `isk-atlas geocode --context
SENTENCE SPAN` would: the province named beside a name ("... district of Takhar province") constrains it.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Final

import ahocorasick
import pandas as pd

from isk_atlas.mentions.sentences import Sentence, sentence_at, split_sentences
from isk_atlas.names import LATIN_LETTER, LATIN_UPPER, normalize, split_designator
from isk_atlas.names import variants as name_variants
from isk_atlas.places.cache import cached_index, gazetteer_digest, source_digest
from isk_atlas.places.gazetteer import INDEX_MODULES, GazetteerGeocoder, GazetteerIndex, compact_keys
from isk_atlas.places.match import Match
from isk_atlas.places.persons import person_name_words
from isk_atlas.places.regions import find_region_phrases
from isk_atlas.places.words import DIRECTION_WORDS, FACILITY_WORDS, NOT_PLACE_WORDS

# How a mention was found: a gazetteer name as written, a multi-word span resolved as a whole, a region phrase, a
# close spelling of a name, or a span that names nothing the gazetteer knows.
METHODS: Final = ("exact", "span", "phrase", "fuzzy", "unresolved")


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of a text that names a place (`match.resolved`) or reads like a name that resolves to nothing."""

    text: str
    start: int
    end: int
    sentence: int
    match: Match
    method: str = "exact"

    @property
    def place_id(self) -> str | None:
        return self.match.place_id

    @property
    def admin1(self) -> str | None:
        return self.match.admin1

    @property
    def country(self) -> str | None:
        return self.match.country

    @property
    def kind(self) -> str | None:
        return self.match.kind


def fold(text: str) -> str:
    """Case- and accent-folded key of a name: 'Mazār-i-Sharīf' -> 'mazar-i-sharif'."""
    if text.isascii():
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", stripped.lower().replace("’", "'")).strip()


_SQUASHED_OUT: Final = re.compile(r"[\s\-'’`.]+")


def squash(text: str) -> str:
    """Key without spaces, hyphens and apostrophes, for fuzzy comparison."""
    return _SQUASHED_OUT.sub("", fold(text))


def _fold_char(char: str) -> str:
    """One character lower-cased and without its accent, when that leaves one character (else as it is)."""
    lowered = char.lower()
    if len(lowered) != 1:
        return char
    if lowered == "’":
        return "'"
    if ord(lowered) < 128:
        return lowered
    base = unicodedata.normalize("NFKD", lowered)
    stripped = "".join(c for c in base if not unicodedata.combining(c))
    return stripped if len(stripped) == 1 else lowered


def fold_same_length(text: str) -> str:
    """Lower-case and strip accents without changing any offset (characters that would, stay as they are)."""
    lowered = text.lower()
    if len(lowered) != len(text):
        return "".join(_fold_char(char) for char in text)
    if lowered.isascii():
        return lowered
    # few distinct characters need folding: replacing just those beats translating every character
    for char in {char for char in set(lowered) if ord(char) >= 128}:
        folded = _fold_char(char)
        if folded != char:
            lowered = lowered.replace(char, folded)
    return lowered


# Bare direction words and "the east": region phrases read them (`isk_atlas.places.regions`), alone they name nothing
_BARE_DIRECTIONS: Final = frozenset(
    {*DIRECTION_WORDS, "the east", "the north", "the south", "the west", "the centre", "the center"}
)
_BREAKS: Final = NOT_PLACE_WORDS | FACILITY_WORDS | frozenset(DIRECTION_WORDS)
_NOT_ALONE: Final = NOT_PLACE_WORDS | frozenset(DIRECTION_WORDS)  # never a close spelling of a name


def _spellings_of_folded(base: str) -> set[str]:
    forms = {base, base.replace("-", " "), base.replace("-", ""), base.replace(" ", "-")}
    return {f for f in forms if len(f) >= 3}


def span_keys(gazetteer: pd.DataFrame) -> tuple[tuple[str, bool], ...]:
    """The keys mention finding looks for (folded names and their spelling variants), each with whether it may be
    written in lower case (only the names of regions: "northeastern Afghanistan")."""
    regions_only: dict[str, bool] = {}
    spelt: dict[str, set[str]] = {}
    kinds = gazetteer["kind"].fillna("town").astype(str).tolist()
    names = gazetteer["name"].fillna("").astype(str).tolist()
    alternates = gazetteer["alternate_names"].fillna("").astype(str).tolist()
    for kind, name, others in zip(kinds, names, alternates, strict=True):
        for written in (name, *others.split("|")):
            written = written.strip()
            if len(written) < 3:
                continue
            base = fold(written)
            if base in NOT_PLACE_WORDS or base in _BARE_DIRECTIONS:
                continue
            forms = spelt.get(written)
            if forms is None:  # many names recur (a town and its district, alternate names): spelt out once
                forms = _spellings_of_folded(base)
                for variant in name_variants(written):
                    folded = fold(variant)
                    if len(variant) >= 3 and folded not in NOT_PLACE_WORDS and folded not in _BARE_DIRECTIONS:
                        forms.add(folded)
                spelt[written] = forms
            for key in forms:
                regions_only[key] = regions_only.get(key, True) and kind == "region"
    return tuple(sorted(regions_only.items()))


def cached_span_keys(gazetteer: pd.DataFrame) -> tuple[tuple[str, bool], ...]:
    """`span_keys(gazetteer)`, from the index cache when an earlier process built them for the same gazetteer
    and code (spelling every name's variants takes seconds)."""
    modules = ("isk_atlas.mentions.spans", "isk_atlas.places.words", "isk_atlas.names")
    return cached_index(
        "spans",
        [gazetteer_digest(gazetteer), source_digest(*modules)],
        lambda: span_keys(gazetteer),
        tuple,
        frozenset(),
    )


def _automaton(keys: Iterable[str]) -> Any:
    automaton = ahocorasick.Automaton()
    for key in keys:
        automaton.add_word(key, key)
    if len(automaton):
        automaton.make_automaton()
    return automaton


# A capitalised word or hyphen/camel compound ("Kunduz", "MazareSharif", "Bandare-Hairataan", "Karte Naw"): a
# candidate for a close spelling of a name. The capital comes first and the "no word character before it" test
# right after it (same matches as a leading look-behind): the engine skips ahead to the next capital.
_CAPITALISED: Final = re.compile(
    r"[A-Z](?<![\w\-][A-Z])[a-z]+(?:[A-Z][a-z]+)*(?:-[A-Z]?[a-z]+)*(?:\s+[A-Z][a-z]+)?(?![\w\-])"
)
_CAPITALISED_PART: Final = re.compile(r"[A-Z][\w']+")
# The words of a multi-word name: capitalised words (with hyphenated parts: "Qala-i-Naw") separated by one space,
# or by an ezafe or "wa" written apart ("Sar e Pol", "Khost wa Mandozai").
# A hyphen joins capitalised parts or an ezafe ("Qala-i-Naw", "Sar-e Pol"); "Kabul-based" is no name word.
_NAME_WORD: Final = (
    rf"[{LATIN_UPPER}][{LATIN_LETTER}]*"
    rf"(?:-(?:[{LATIN_UPPER}][{LATIN_LETTER}]*|(?:e|i|ye|y)(?=[ \t-][{LATIN_UPPER}]|-)))*"
)
_NAME_RUN: Final = re.compile(rf"(?<![\w\-]){_NAME_WORD}(?:[ \t]+(?:(?:e|i|ye|wa)[ \t]+)?{_NAME_WORD})*(?![\w])")
_WORD: Final = re.compile(_NAME_WORD)
_WHOLE_WORD: Final = re.compile(rf"{_NAME_WORD}")
_ASCII_LOWER_WORD: Final = re.compile(r"[a-z][a-z]+")
_MIN_FUZZY: Final = 5  # shorter capitalised words are too close to too many names
_FUZZY_PREFILTER: Final = 0.85
_MAX_NAME_WORDS: Final = 6  # a longer run of capitalised words is no one name: its names stand alone
_TITLE_CASE_SHARE: Final = 0.6  # a heading in title case: its capitals say nothing about names


def _has_lower_word(text: str, word: str) -> bool:
    """Whether `word` (lower case) stands in `text` as a word of its own, with no word character or hyphen on
    either side: then it is a common word, and a capitalised copy of it starts a sentence, not a name."""
    if not _ASCII_LOWER_WORD.fullmatch(word):
        return False
    size = len(word)
    at = text.find(word)
    while at >= 0:
        before = text[at - 1] if at else " "
        after = text[at + size] if at + size < len(text) else " "
        if not (before.isalnum() or before in "_-") and not (after.isalnum() or after in "_-"):
            return True
        at = text.find(word, at + 1)
    return False


def _all_covered(words: list[tuple[int, int]], hits: list[tuple[int, int]]) -> bool:
    """Whether every word lies inside one of the hits (both sorted by position)."""
    at = 0
    for start, end in words:
        while at < len(hits) and hits[at][1] < end:
            at += 1
        if at >= len(hits) or not (hits[at][0] <= start and end <= hits[at][1]):
            return False
    return True


def _title_case(sentence: str) -> bool:
    if sentence.rstrip("\"'”’) ").endswith("."):
        return False  # a heading has no full stop; a short sentence of names has ("A raid hit Khwaja Zarbulak.")
    words = [word for word in sentence.split() if word[:1].isalpha()]
    if len(words) < 4:
        return False
    return sum(word[0].isupper() for word in words) >= _TITLE_CASE_SHARE * len(words)


class ToponymIndex:
    """Finds place spans in text and resolves each through `geocoder` with its sentence as context.

    Build with `from_gazetteer(frame)` (a gazetteer in `isk_atlas.geo.load_gazetteer`'s columns) or use
    `isk_atlas.places.PlaceModel().mentions` (the project's gazetteer, kept by the model). Holds no state of any
    one text: one index serves any number of extractions at once.
    """

    def __init__(self, geocoder: GazetteerGeocoder, keys: Sequence[tuple[str, bool]], fingerprint: str) -> None:
        self.geocoder = geocoder
        self.fingerprint = fingerprint  # changes with the gazetteer and the code that reads it (extraction cache key)
        self._lower_ok = {key for key, lower_ok in keys if lower_ok}
        self._keys = frozenset(key for key, _ in keys)
        self._automaton = _automaton(self._keys)
        self._by_id = {place.id: place for place in geocoder.index.places}

    @classmethod
    def from_gazetteer(cls, gazetteer: pd.DataFrame, geocoder: GazetteerGeocoder | None = None) -> ToponymIndex:
        """The index of a gazetteer frame; `geocoder`: one already built on that gazetteer (else built here)."""
        chosen = geocoder if geocoder is not None else GazetteerGeocoder(GazetteerIndex(gazetteer))
        digest = hashlib.sha256(gazetteer_digest(gazetteer).encode())
        digest.update(source_digest("isk_atlas.mentions.spans", *INDEX_MODULES).encode())
        return cls(chosen, cached_span_keys(gazetteer), digest.hexdigest()[:16])

    def resolve(self, span: str, context: str | None) -> Match:
        """What a span names, read with its context (its sentence): the geocoder's answer."""
        return self.geocoder.geocode(span, context)

    def place_name(self, place_id: str | None) -> str | None:
        """The gazetteer name of a place id (a district's name for its `admin2` id), None when unknown."""
        place = self._by_id.get(place_id) if place_id else None
        return place.name if place is not None else None

    # ------------------------------------------------------------------ finding

    def find(
        self,
        text: str,
        sentences: list[Sentence] | None = None,
        fuzzy: bool = True,
        fuzzy_sentences: set[int] | None = None,
    ) -> list[Mention]:
        """Place mentions in `text`, in text order, never overlapping (see the module docstring).

        Close spellings are looked for in every sentence, or only in `fuzzy_sentences` (indices) when given."""
        if sentences is None:
            sentences = split_sentences(text)
        reading = _TextReading(text, sentences, self.geocoder)
        lowered = fold_same_length(text)
        hits = self._name_hits(text, lowered)
        regions, region_spans = find_region_phrases(lowered)
        if region_spans:
            # a region phrase wins over the names inside it ("border areas with Tajikistan" is not Tajikistan)
            hits = [h for h in hits if not any(s < h[1] and h[0] < e for s, e in region_spans)]
        mentions: list[Mention] = []
        for region_id, start, end in regions:
            index, _, _ = reading.sentence_of(start)
            mentions.append(Mention(text[start:end], start, end, index, self._region_match(region_id, text[start:end]),
                                    "phrase"))  # fmt: skip
        covered: list[tuple[int, int]] = list(region_spans)
        for start, end, method in self._spans(text, hits, reading):
            index, context, _ = reading.sentence_of(start)
            surface = text[start:end]
            match = reading.resolve(surface, context)
            if method == "span" and not match.resolved:
                method = "unresolved"
            mentions.append(Mention(surface, start, end, index, match, method))
            covered.append((start, end))
        self._with_article_countries(mentions, reading)
        if fuzzy:
            mentions.extend(self._fuzzy_mentions(text, covered, reading, fuzzy_sentences))
        mentions.sort(key=lambda m: m.start)
        return mentions

    def _with_article_countries(self, mentions: list[Mention], reading: _TextReading) -> None:
        """A town abroad read only beside its country (`needs_country`: "Van", a small Russian town) whose country
        the article names in another sentence ("... in Van on Friday. ... the deadliest attack in Turkey this
        year"): resolved with that country added to its sentence. In place."""
        named = {m.country for m in mentions if m.match.resolved and m.match.kind == "country" and m.country}
        if not named:
            return
        for position, mention in enumerate(mentions):
            if mention.match.resolved or mention.method == "phrase":
                continue  # (towns only: a unit far abroad named like a person, "Rashid", stays unread)
            countries = sorted(self._countries_needed(mention.text) & named)
            if not countries:
                continue
            _, context, _ = reading.sentence_of(mention.start)
            names = " ".join(self.place_name(country) or country for country in countries)
            match = reading.resolve(mention.text, f"{context} {names}")
            if match.resolved:
                method = "span" if mention.method == "unresolved" else mention.method
                mentions[position] = replace(mention, match=match, method=method)

    def _countries_needed(self, surface: str) -> set[str]:
        """The countries of the places a name reads as only where their country is named (`needs_country`)."""
        index = self.geocoder.index
        normalized, _ = split_designator(surface)
        rows = set(index.exact.get(normalized, ()))
        for key in compact_keys(normalized):
            rows.update(index.compact.get(key, ()))
        return {
            place.country
            for place in (index.places[r] for r in rows)
            if place.needs_country and place.country and place.kind == "town"
        }

    def _name_hits(self, text: str, lowered: str) -> list[tuple[int, int]]:
        """Leftmost-longest gazetteer names on word boundaries, capitalised unless a region's name."""
        found: list[tuple[int, int]] = []
        size = len(text)
        lower_ok = self._lower_ok
        if not self._keys:
            return found
        for end_index, key in self._automaton.iter(lowered):
            start = end_index - len(key) + 1
            end = end_index + 1
            if start > 0 and ((before := text[start - 1]).isalnum() or before == "_"):
                continue
            if end < size and ((after := text[end]).isalnum() or after == "_"):
                continue
            if not text[start].isupper() and key not in lower_ok:
                continue
            found.append((start, end))
        found.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        chosen: list[tuple[int, int]] = []
        last_end = -1
        for start, end in found:
            if start >= last_end:
                chosen.append((start, end))
                last_end = end
        return chosen

    def _spans(self, text: str, hits: list[tuple[int, int]], reading: _TextReading) -> list[tuple[int, int, str]]:
        """The spans to resolve, from the name hits: a hit standing alone, or the whole capitalised name a hit is
        part of (span first), each with how it was found ("exact" or "span"). Each run of capitalised words is
        cut into segments once (linear in the text, however long the run)."""
        spans: list[tuple[int, int, str]] = []
        titled: dict[int, bool] = {}  # whether each sentence is a heading in title case (read once per sentence)
        position = 0
        while position < len(hits):
            hit_start, hit_end = hits[position]
            run = _NAME_RUN.match(text, self._run_start(text, hit_start))
            if run is None or run.end() <= hit_start:
                spans.append((hit_start, hit_end, "exact"))
                position += 1
                continue
            last = position
            while last < len(hits) and hits[last][0] < run.end():
                last += 1
            in_run = hits[position:last]
            position = last
            sentence, sentence_text, _ = reading.sentence_of(hit_start)
            title_case = titled.get(sentence)
            if title_case is None:
                title_case = titled[sentence] = _title_case(sentence_text)
            if title_case:
                spans.extend((start, end, "exact") for start, end in in_run)
                continue
            for segment, segment_hits in self._segments(text, run, in_run):
                if not segment_hits:
                    continue
                covered = not segment or _all_covered(segment, segment_hits)
                if covered or len(segment) > _MAX_NAME_WORDS:
                    spans.extend((start, end, "exact") for start, end in segment_hits)
                else:
                    spans.extend(self._resolve_segment(text, segment, segment_hits, reading))
        return spans

    @staticmethod
    def _run_start(text: str, at: int) -> int:
        """Where the capitalised run holding position `at` starts: back over name words and their separators (and
        over the first part of a hyphenated name a hit starts inside: "Sistan-Baluchestan" is read whole)."""
        start = at
        if at > 1 and text[at - 1] == "-":
            back = at - 1
            while back > 0 and (text[back - 1].isalpha() or text[back - 1] == "-"):
                back -= 1
            if _WHOLE_WORD.fullmatch(text[back : at - 1]):
                start = back
        while True:
            back = start
            while back > 0 and text[back - 1] in " \t":
                back -= 1
            word_end = back
            while back > 0 and (text[back - 1].isalpha() or text[back - 1] == "-"):
                back -= 1
            word = text[back:word_end]
            if back == start or not word:
                return start
            if word in ("e", "i", "ye", "wa"):
                start = back
                continue
            if not _WHOLE_WORD.fullmatch(word) or fold(word) in _BREAKS or (back > 0 and text[back - 1] in "_'’"):
                return start
            start = back

    @staticmethod
    def _segments(
        text: str, run: re.Match[str], hits: list[tuple[int, int]]
    ) -> list[tuple[list[tuple[int, int]], list[tuple[int, int]]]]:
        """The run's words cut at break words (a word no hit covers that never names a place, or a facility word),
        each segment with the hits that start in it."""
        words = [(m.start(), m.end()) for m in _WORD.finditer(text, run.start(), run.end())]
        segments: list[tuple[list[tuple[int, int]], list[tuple[int, int]]]] = [([], [])]
        at = 0  # the next hit to place
        for word in words:
            while at < len(hits) and hits[at][1] <= word[0]:
                at += 1  # hits that ended before this word (covering earlier words only)
            inside = at < len(hits) and hits[at][0] <= word[0] and word[1] <= hits[at][1]
            if not inside and fold(text[word[0] : word[1]]) in _BREAKS:
                segments.append(([], []))
                continue
            segments[-1][0].append(word)
        starts = [hit[0] for hit in hits]
        for segment, segment_hits in segments:
            if segment:
                first = bisect.bisect_left(starts, segment[0][0])
                end = bisect.bisect_left(starts, segment[-1][1])
                segment_hits.extend(hits[first:end])
        placed = {hit for _, segment_hits in segments for hit in segment_hits}
        # a hit starting on no word of the run (it begins lower case, a region's name): on its own
        return [*(s for s in segments if s[0]), *(([], [hit]) for hit in hits if hit not in placed)]

    def _resolve_segment(
        self, text: str, segment: list[tuple[int, int]], hits: list[tuple[int, int]], reading: _TextReading
    ) -> list[tuple[int, int, str]]:
        """A multi-word name as a whole; when it names nothing, without words at its ends that are common words
        (a sentence's first word, a word the text also writes in lower case) and again; else reported whole."""
        words = list(segment)
        while words:
            start, end = words[0][0], words[-1][1]
            _, context, _ = reading.sentence_of(start)
            inside = [hit for hit in hits if start <= hit[0] and hit[1] <= end]
            covered = all(any(s <= w[0] and w[1] <= e for s, e in inside) for w in words)
            if covered:
                return [(s, e, "exact") for s, e in inside]
            if reading.resolve(text[start:end], context).resolved:
                return [(start, end, "span")]
            trimmed = self._trim(text, words, inside, reading)
            if trimmed == words:
                break
            words = trimmed
        return [(segment[0][0], segment[-1][1], "span")]

    @staticmethod
    def _trim(
        text: str, words: list[tuple[int, int]], inside: list[tuple[int, int]], reading: _TextReading
    ) -> list[tuple[int, int]]:
        def common(word: tuple[int, int]) -> bool:
            if any(s <= word[0] and word[1] <= e for s, e in inside):
                return False
            _, sentence_text, sentence_start = reading.sentence_of(word[0])
            opening = len(sentence_text) - len(sentence_text.lstrip("\"'“‘( "))
            written = text[word[0] : word[1]]
            return word[0] == sentence_start + opening or _has_lower_word(text, written.lower())

        trimmed = list(words)
        if trimmed and common(trimmed[0]):
            trimmed = trimmed[1:]
        if trimmed and common(trimmed[-1]):
            trimmed = trimmed[:-1]
        return trimmed

    def _region_match(self, region_id: str, surface: str) -> Match:
        place = self._by_id.get(region_id)
        if place is None:
            name = region_id.removeprefix("region:").replace("-", " ")
            return Match(query=surface, name=name, place_id=region_id, kind="region", country="AFG",
                         countries=("AFG",), precision="region", score=0.9, reason="exact", resolved=True,
                         source=self.geocoder.source, relation="is")  # fmt: skip
        return place.match(surface, 1.0, "exact", True, (), self.geocoder.source)

    def _fuzzy_mentions(
        self, text: str, covered: list[tuple[int, int]], reading: _TextReading, only: set[int] | None
    ) -> list[Mention]:
        """Capitalised words no span covers that are a close spelling of a name ("MazareSharif"), resolved by
        the geocoder with their sentence."""
        lower_words: dict[str, bool] = {}
        spans = sorted(covered)
        span_starts = [s for s, _ in spans]
        found: list[Mention] = []
        index = self.geocoder.index
        persons: set[str] | None = None  # words of people's names the text gives after a title, read when needed
        for match in _CAPITALISED.finditer(text):
            start, end = match.span()
            if end - start < _MIN_FUZZY:
                continue
            at = bisect.bisect_left(span_starts, end) - 1
            if at >= 0 and spans[at][1] > start:
                continue
            sentence, context, _ = reading.sentence_of(start)
            if only is not None and sentence not in only:
                continue
            surface = match.group()
            folded = fold(surface)
            if folded in NOT_PLACE_WORDS:
                continue
            lower = surface.lower()
            in_lower_case = lower_words.get(lower)
            if in_lower_case is None:
                in_lower_case = lower_words[lower] = _has_lower_word(text, lower)
            if in_lower_case:
                continue  # a common word that starts a sentence ("Reports say"), not a name
            if persons is None:
                persons = person_name_words(text)
            if surface in persons:
                continue  # ("President Ashraf Ghani ... Ghani urged": the person, not a loose spelling of Ghazni)
            parts = [(p.group(), start + p.start(), start + p.end()) for p in _CAPITALISED_PART.finditer(surface)]
            for candidate, at, until in [(surface, start, end), *(parts if "-" in surface else [])]:
                key = normalize(candidate)
                if len(key.replace(" ", "")) < _MIN_FUZZY or any(w in _NOT_ALONE for w in fold(candidate).split()):
                    continue
                if not index.fuzzy(key, cutoff=_FUZZY_PREFILTER, limit=1) and not any(
                    k in index.compact for k in compact_keys(key)
                ):
                    continue
                answer = reading.resolve(candidate, context)
                if answer.resolved:
                    found.append(Mention(candidate, at, until, sentence, answer, "fuzzy"))
                    break
        return found


class _TextReading:
    """One text being read by `ToponymIndex.find`, owned by that call: its sentences (each sentence's text cut out
    once) and the geocoder's answer for each name and context asked so far. A name recurs in an article, a span
    tried whole (`_resolve_segment`) is resolved again as a mention, and the geocoder keeps no answer read with
    a context: each (name, sentence) is resolved once per text."""

    __slots__ = ("_answers", "_geocoder", "_sentence_texts", "_sentences", "_starts", "_text")

    def __init__(self, text: str, sentences: list[Sentence], geocoder: GazetteerGeocoder) -> None:
        self._text = text
        self._sentences = sentences
        self._starts = [sentence.start for sentence in sentences]
        self._sentence_texts: dict[int, str] = {}
        self._geocoder = geocoder
        self._answers: dict[tuple[str, str], Match] = {}

    def sentence_of(self, at: int) -> tuple[int, str, int]:
        """The sentence holding offset `at`: its index, its text and where it starts."""
        sentences = self._sentences
        if not sentences:
            return 0, self._text, 0
        index = sentence_at(sentences, at, self._starts)
        known = self._sentence_texts.get(index)
        if known is None:
            known = self._sentence_texts[index] = sentences[index].text(self._text)
        return index, known, self._starts[index]

    def resolve(self, surface: str, context: str) -> Match:
        """The geocoder's answer for a name read with its context (`ToponymIndex.resolve`), asked once."""
        key = (surface, context)
        match = self._answers.get(key)
        if match is None:
            match = self._answers[key] = self._geocoder.geocode(surface, context)
        return match


def find_mentions(text: str, index: ToponymIndex | None = None, fuzzy: bool = True) -> list[Mention]:
    """Place mentions in `text` (offsets into it), with sentence indices and resolved places; `index`: default
    a fresh `isk_atlas.places.PlaceModel().mentions` (seconds: pass one when finding in many texts)."""
    if index is None:
        from isk_atlas.places import PlaceModel

        index = PlaceModel().mentions
    return index.find(text, split_sentences(text), fuzzy=fuzzy)


def mentions_in(mentions: Iterable[Mention], start: int, end: int) -> list[Mention]:
    return [m for m in mentions if start <= m.start and m.end <= end]
