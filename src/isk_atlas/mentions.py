"""Sentences and toponyms of a source text, with character offsets into the normalised text.

`split_sentences(text)` cuts the text into sentences (offsets preserved; hard-wrapped lines are joined, headings
and blank lines end sentences). `ToponymIndex` finds place names over the whole text in one pass: every gazetteer
name and alternate name, plus spelling variants, go into an Aho-Corasick automaton (pyahocorasick); a hit counts
only on word boundaries and when it starts with a capital letter as toponyms do in English. Capitalised words
that no exact name covers get a fuzzy candidate ("MazareSharif" -> Mazar-i-Sharif) with its certainty.

Each `Mention` carries its text, span, sentence index and the resolved place as a `PlaceMatch` (the geocoder's
`isk_atlas.places.Match` has the same fields; when that module is installed, ambiguous and fuzzy names are
resolved through it with the sentence as context).
"""

from __future__ import annotations

import bisect
import functools
import gc
import hashlib
import importlib.util
import io
import math
import os
import pickle
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol, TypeVar

import ahocorasick
from rapidfuzz import fuzz, process

from isk_atlas.atomic import write_bytes
from isk_atlas.geo import KIND_PRECISION, load_gazetteer
from isk_atlas.names import variants as names_variants
from isk_atlas.paths import cache_dir

# ---------------------------------------------------------------------------------------------- sentences

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


def _line_ends_sentence(text: str, newline: int, line_start: int | None = None) -> bool:
    """A single newline ends a sentence after terminal punctuation, a title or a heading-like short line.

    Hard-wrapped paragraphs (a newline every 60-80 characters) keep their sentences whole. `line_start`: where the
    line begins, when the caller knows it.
    """
    if line_start is None:
        line_start = text.rfind("\n", 0, newline) + 1
    line = text[line_start:newline].rstrip()
    if not line:
        return True
    if line[-1] in '.!?:"”’)':
        return True
    if line[-1] in ",;(-–—" or line.rsplit(None, 1)[-1].lower() in _CONTINUES:
        return False
    if line_start == 0:
        return True  # the title
    following = text[newline + 1 : newline + 2]
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
    for match in _SENTENCE_END.finditer(text):
        first = text[match.start()]
        if first == "\n":
            newline = match.start()
            ends = _line_ends_sentence(text, newline, line_start)
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
    for index, (s, e) in enumerate(spans):
        if index and text.find("\n", previous_end, s) >= 0:
            paragraph += 1
        result.append(Sentence(index, s, e, paragraph))
        previous_end = e
    return result


def sentence_at(sentences: Sequence[Sentence], offset: int, starts: Sequence[int] | None = None) -> int:
    """Index of the sentence holding `offset` (binary search; 0 before the first sentence).

    `starts`: the sentences' start offsets, when the caller looks up many offsets in the same sentences.
    """
    if starts is None:
        starts = [sentence.start for sentence in sentences]
    return max(0, bisect.bisect_right(starts, offset) - 1)


@functools.lru_cache(maxsize=2048)
def _remembered_sentences(text: str) -> tuple[tuple[Sentence, ...], tuple[int, ...]]:
    """The text's sentences and their starts, remembered: a map build asks for the evidence of every event,
    several per article, and a rebuild asks again for the same articles."""
    sentences = tuple(split_sentences(text))
    return sentences, tuple(sentence.start for sentence in sentences)


def evidence_sentence(text: str, start: int | None, end: int | None, max_chars: int = 400) -> str:
    """The whole sentence(s) an evidence span lies in, white space folded, cut to `max_chars` for popups."""
    if not text or start is None or end is None:
        return ""
    start = max(0, min(start, len(text)))
    end = max(start + 1, min(end, len(text)))
    sentences, starts = _remembered_sentences(text)
    if not sentences:
        return ""
    first = sentences[sentence_at(sentences, start, starts)]
    last = sentences[sentence_at(sentences, end - 1, starts)]
    sentence = " ".join(text[first.start : last.end].split())
    if len(sentence) > max_chars:
        sentence = sentence[: max_chars - 1].rstrip() + "…"
    return sentence


# ---------------------------------------------------------------------------------------------- places


class PlaceMatch(Protocol):
    """What a mention resolves to; `isk_atlas.places.Match` and `GazetteerMatch` both fit."""

    @property
    def name(self) -> str | None: ...
    @property
    def place_id(self) -> str | None: ...
    @property
    def kind(self) -> str | None: ...
    @property
    def admin1(self) -> str | None: ...
    @property
    def admin2(self) -> str | None: ...
    @property
    def country(self) -> str | None: ...
    @property
    def lat(self) -> float | None: ...
    @property
    def lon(self) -> float | None: ...
    @property
    def precision(self) -> str | None: ...
    @property
    def score(self) -> float: ...
    @property
    def resolved(self) -> bool: ...
    @property
    def certain(self) -> bool: ...


@dataclass(frozen=True)
class GazetteerMatch:
    """A gazetteer row a name resolved to (same field names as the geocoder's Match)."""

    query: str
    name: str | None
    place_id: str | None
    kind: str | None
    admin1: str | None
    admin2: str | None
    country: str | None
    lat: float | None
    lon: float | None
    precision: str | None
    score: float
    reason: str
    alternatives: tuple[str, ...] = ()
    resolved: bool = True
    certain: bool = True
    source: str = "gazetteer"


@dataclass(frozen=True)
class Mention:
    text: str
    start: int
    end: int
    sentence: int
    match: PlaceMatch
    method: str = "exact"  # exact | fuzzy

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


def squash(text: str) -> str:
    """Key without spaces, hyphens and apostrophes, for fuzzy comparison."""
    return _SQUASHED_OUT.sub("", fold(text))


_SQUASHED_OUT = re.compile(r"[\s\-'’`.]+")


def _spellings_of_folded(base: str) -> set[str]:
    forms = {base, base.replace("-", " "), base.replace("-", ""), base.replace(" ", "-")}
    return {f for f in forms if len(f) >= 3}


# Capitalised words close to a place name that still never name a place: nationalities and their languages
# ("Russian" is near "Russia", "Pakistani" near "Pakistan"), and words of these reports near a small place's name.
# They skip the fuzzy look-up (and the geocoder behind it); the exact matcher still sees every name.
NOT_FUZZY = frozenset(
    {"afghan", "afghans", "tajik", "tajiks", "uzbek", "uzbeks", "turkmen", "turkmens", "russian", "russians",
     "american", "americans", "european", "europeans", "pakistani", "pakistanis", "uzbekistani", "uzbekistanis",
     "tajikistani", "iranian", "iranians", "chinese", "kyrgyz", "kazakh", "kazakhs", "indian", "indians",
     "british", "german", "french", "turkish", "arab", "arabs", "syrian", "syrians", "iraqi", "iraqis",
     "chechen", "chechens", "uyghur", "uyghurs", "uighur", "uighurs", "pashtun", "pashtuns", "hazara", "hazaras",
     "baloch", "balochi", "khorasan", "qaeda", "al-qaeda", "levant", "chairman"}
)  # fmt: skip
# Capitalised words that are never toponyms in these reports (and would otherwise hit tiny places).
STOPWORDS = frozenset(
    {"the", "a", "an", "and", "of", "in", "on", "at", "for", "to", "by", "with", "from", "as", "this", "that",
     "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
     "isis", "isis-k", "iskp", "daesh", "taliban", "islamic", "state", "president", "general", "minister",
     "mr", "after", "before", "during", "since", "according", "however", "furthermore", "moreover", "some",
     "reports", "report", "news", "said", "source", "photo", "top", "related", "items", "analysis", "why",
     "where", "what", "how", "who", "when", "will", "there", "they", "their", "these", "those", "his", "her",
     "its", "our", "we", "he", "she", "it", "not", "no", "all", "both", "other", "another", "many", "most",
     "west", "western", "east", "eastern", "north", "northern", "south", "southern", "central", "middle",
     "security", "forces", "force", "government", "army", "police", "ministry", "council", "committee",
     "organization", "treaty", "collective", "front", "national", "resistance", "movement", "group", "branch",
     "province", "district", "city", "town", "village", "region", "area", "border", "capital", "emirate",
     "post", "times", "voice", "jihad", "al", "ul", "el", "u.s", "us", "un", "nato", "cstom", "cia",
     "commander", "spokesman", "chief", "head", "senate", "house", "agency", "center", "centre", "office",
     "embassy", "mosque", "hotel", "airport", "university", "school", "hospital", "market", "bridge"}
)  # fmt: skip

_KIND_RANK = {"country": 5.0, "province": 4.0, "region": 3.5, "town": 3.0, "district": 2.5, "border_crossing": 2.0,
              "quarter": 1.5, "landmark": 1.0}  # fmt: skip


@dataclass
class _Entry:
    place_id: str
    name: str
    kind: str
    admin1: str | None
    admin2: str | None
    country: str | None
    lat: float | None
    lon: float | None
    population: float
    is_seat: bool
    _prior: float = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        rank = _KIND_RANK.get(self.kind, 0.5)
        if self.kind == "town":
            rank += 0.8 * min(math.log10(self.population + 1) / 6, 1.0) + (0.5 if self.is_seat else 0.0)
        self._prior = rank

    def prior(self) -> float:
        """How likely a bare mention of the name means this place rather than a namesake."""
        return self._prior


def _opt(value: Any) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        if isinstance(value, float) and math.isnan(value):
            return None
    except TypeError:
        return None
    return value


@dataclass
class ToponymIndex:
    """Multi-pattern matcher over gazetteer names; build once with `from_gazetteer` and reuse."""

    automaton: Any
    entries: list[_Entry]
    by_key: dict[str, list[int]]
    squashed: dict[str, list[int]] = field(default_factory=dict)
    by_initial: dict[tuple[str, int], list[str]] = field(default_factory=dict)  # (first letter, length) -> keys
    resolver: Callable[[str, str | None], PlaceMatch] | None = None
    _fuzzy_cache: dict[str, tuple[str, float] | None] = field(default_factory=dict, repr=False)
    fingerprint: str = ""  # changes when the gazetteer does (part of the extraction cache key)
    # Ask the resolver about exact names with namesakes in several provinces too (default: only fuzzy candidates,
    # exact namesakes are ranked by kind, population and seat, which is predictable).
    resolve_exact: bool = False
    _ids: dict[str, _Entry] = field(default_factory=dict, repr=False)
    _chosen: dict[tuple[tuple[int, ...], str | None], tuple[_Entry, list[_Entry]]] = field(
        default_factory=dict, repr=False
    )
    _pools: dict[tuple[str, int], list[str]] = field(default_factory=dict, repr=False)
    # Exact names already read (name key, surface, kind asked for by the next word): the match is the same.
    _exact: dict[tuple[str, str, str | None], GazetteerMatch] = field(default_factory=dict, repr=False)
    # The gazetteer's reading of each name key by the kind asked for (bounded by the index, not by the texts).
    _exact_templates: dict[tuple[str, str | None], GazetteerMatch] = field(default_factory=dict, repr=False)

    @classmethod
    def from_gazetteer(
        cls, gazetteer: Any, resolver: Callable[[str, str | None], PlaceMatch] | None = None
    ) -> ToponymIndex:
        """Index a gazetteer DataFrame (columns of `isk_atlas.geo.load_gazetteer`)."""
        entries: list[_Entry] = []
        by_key: dict[str, list[int]] = {}
        squashed: dict[str, list[int]] = {}
        columns = set(gazetteer.columns)
        keys_of: dict[str, set[str]] = {}  # the keys of each name, as written
        # Spelling variants from the geocoder's name normaliser (isk_atlas.names), when it is installed.
        variants: Callable[[str], Iterable[str]] | None = names_variants
        for row in gazetteer.itertuples(index=False):
            record = row._asdict()
            entry = _Entry(
                place_id=str(record["id"]),
                name=str(record["name"]),
                kind=str(record.get("kind") or "town"),
                admin1=_opt(record.get("admin1")),
                admin2=_opt(record.get("admin2")),
                country=_opt(record.get("country")),
                lat=_opt(record.get("lat")),
                lon=_opt(record.get("lon")),
                population=float(_opt(record.get("population")) or 0.0),
                is_seat=bool(_opt(record.get("is_seat")) or False) if "is_seat" in columns else False,
            )
            index = len(entries)
            entries.append(entry)
            names = [entry.name, *str(_opt(record.get("alternate_names")) or "").split("|")]
            for name in names:
                name = name.strip()
                if len(name) < 3:
                    continue
                base = fold(name)
                if base in STOPWORDS:
                    continue
                if entry.kind == "region" and base in _BARE_DIRECTIONS:
                    continue  # "east" alone is too common ("the Middle East"); REGION_PHRASES read directions
                forms = keys_of.get(name)
                if forms is None:  # many names recur (a town and its district, alternate names): spelt out once
                    forms = _spellings_of_folded(base)
                    if variants is not None:
                        for variant in variants(name):
                            if len(variant) >= 3 and (folded := fold(variant)) not in STOPWORDS:
                                forms.add(folded)
                    keys_of[name] = forms
                for key in forms:
                    bucket = by_key.setdefault(key, [])
                    if index not in bucket:
                        bucket.append(index)
                sq = _SQUASHED_OUT.sub("", base)  # squash(name)
                if len(sq) >= 4:
                    sq_bucket = squashed.setdefault(sq, [])
                    if index not in sq_bucket:
                        sq_bucket.append(index)
        automaton = _automaton(by_key)
        by_initial: dict[tuple[str, int], list[str]] = {}
        for key in squashed:
            by_initial.setdefault((key[0], len(key)), []).append(key)
        digest = hashlib.sha256()
        for key in sorted(by_key):
            digest.update(key.encode())
            digest.update(",".join(entries[i].place_id for i in by_key[key]).encode())
        fingerprint = digest.hexdigest()[:16] + ("+geocoder" if resolver is not None else "")
        return cls(automaton, entries, by_key, squashed, by_initial, resolver, fingerprint=fingerprint)

    # ------------------------------------------------------------------ resolution

    def _choose(self, candidates: list[int], wanted: str | None) -> tuple[_Entry, list[_Entry]]:
        """The likeliest namesake: 'X province' wants a province (`wanted`, from the word after the name, see
        `_wanted_kind`), 'X district' a district, else the prior."""
        key = (tuple(candidates), wanted)
        known = self._chosen.get(key)
        if known is None:
            ranked = sorted(
                (self.entries[i] for i in candidates),
                key=lambda e: (e.kind == wanted, e.prior()),
                reverse=True,
            )
            known = self._chosen[key] = (ranked[0], ranked[1:])
        return known

    def _match_from(self, entry: _Entry, query: str, others: list[_Entry], score: float, reason: str) -> GazetteerMatch:
        # Namesakes in other provinces make a bare name uncertain; a namesake in the same province does not.
        rivals = [o for o in others if o.admin1 != entry.admin1 and o.prior() >= entry.prior() - 1.0]
        # A country or region is not inside one province, whatever province holds its centroid.
        above_province = entry.kind in ("country", "region")
        return GazetteerMatch(
            query=query,
            name=entry.name,
            place_id=entry.place_id,
            kind=entry.kind,
            admin1=None if above_province else entry.admin1,
            admin2=None if above_province else entry.admin2,
            country=entry.country,
            lat=entry.lat,
            lon=entry.lon,
            precision=KIND_PRECISION.get(entry.kind, "point"),
            score=score,
            reason=reason,
            alternatives=tuple(o.place_id for o in others[:5]),
            resolved=True,
            certain=score >= 0.99 and not rivals,
        )

    def fuzzy(self, token: str) -> tuple[str, float] | None:
        """Closest indexed name (squashed key) to `token` and its similarity in 0..1, if close enough."""
        if token in self._fuzzy_cache:
            return self._fuzzy_cache[token]
        result = self._fuzzy_uncached(token)
        if len(self._fuzzy_cache) < 50_000:
            self._fuzzy_cache[token] = result
        return result

    def _fuzzy_uncached(self, token: str) -> tuple[str, float] | None:
        key = squash(token)
        if len(key) < 5:
            return None
        # A ratio of 85 or more needs lengths within about a sixth of each other: only those buckets are compared.
        pool = self._pools.get((key[0], len(key)))
        if pool is None:
            slack = max(2, len(key) // 4)
            pool = []
            for length in range(len(key) - slack, len(key) + slack + 1):
                # The ratio is at most 2 * shorter / (sum of lengths): lengths that cannot reach 85 are left out.
                if 200 * min(length, len(key)) < 85 * (length + len(key)):
                    continue
                pool.extend(self.by_initial.get((key[0], length), ()))
            self._pools[(key[0], len(key))] = pool
        if not pool:
            return None
        best = process.extractOne(key, pool, scorer=fuzz.ratio, score_cutoff=85)
        if best is None:
            return None
        return str(best[0]), float(best[1]) / 100.0

    # ------------------------------------------------------------------ finding

    def find(
        self,
        text: str,
        sentences: list[Sentence] | None = None,
        fuzzy: bool = True,
        fuzzy_sentences: set[int] | None = None,
    ) -> list[Mention]:
        """All toponym mentions in `text`, leftmost-longest, non-overlapping, in text order.

        Fuzzy candidates are looked for in every sentence, or only in `fuzzy_sentences` (indices) when given.
        """
        if sentences is None:
            sentences = split_sentences(text)
        lowered = _fold_same_length(text)
        hits: list[tuple[int, int, str]] = []
        size = len(text)
        if self.by_key:
            for end_index, key in self.automaton.iter(lowered):
                start = end_index - len(key) + 1
                end = end_index + 1
                # A word character is what `\w` matches: alphanumeric or the underscore.
                if start > 0 and ((before := text[start - 1]).isalnum() or before == "_"):
                    continue
                if end < size and ((after := text[end]).isalnum() or after == "_"):
                    continue
                if not text[start].isupper() and not all(self.entries[i].kind == "region" for i in self.by_key[key]):
                    continue  # toponyms are capitalised; named regions ("northeastern Afghanistan") need not be
                hits.append((start, end, key))
        # Leftmost-longest, no overlaps.
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        chosen: list[tuple[int, int, str]] = []
        last_end = -1
        for hit in hits:
            if hit[0] >= last_end:
                chosen.append(hit)
                last_end = hit[1]
        mentions: list[Mention] = []
        sentence_starts = [sentence.start for sentence in sentences]
        regions, region_spans = self._region_phrases(lowered)
        for region_id, start, end in regions:
            sentence = sentence_at(sentences, start, sentence_starts) if sentences else 0
            surface = text[start:end]
            mentions.append(Mention(surface, start, end, sentence, self._region_match(region_id, surface), "phrase"))
        if region_spans:
            # A region phrase wins over the names inside it ("border areas with Tajikistan" is not Tajikistan).
            chosen = [h for h in chosen if not any(s < h[1] and h[0] < e for s, e in region_spans)]
        for start, end, key in chosen:
            surface = text[start:end]
            sentence = max(0, bisect.bisect_right(sentence_starts, start) - 1)  # sentence_at, inlined
            match = self._resolve_exact(surface, key, text, end, sentences[sentence] if sentences else None)
            mentions.append(Mention(surface, start, end, sentence, match, "exact"))
        if fuzzy and self.squashed:
            covered = [*chosen, *((s, e, "") for s, e in region_spans)]
            fuzzy_found = self._fuzzy_mentions(text, covered, sentences, fuzzy_sentences)
            if fuzzy_found:
                mentions.extend(fuzzy_found)
                mentions.sort(key=lambda m: m.start)
            elif regions:
                mentions.sort(key=lambda m: m.start)
        return mentions

    def _ask_resolver(self, name: str, context: str | None) -> PlaceMatch | None:
        """The geocoder's answer, or None when it fails (then the gazetteer's own reading stands)."""
        assert self.resolver is not None
        try:
            match = self.resolver(name, context)
        except Exception:  # one odd name must not stop the extraction of an article
            return None
        if match.kind in ("country", "region") and (match.admin1 or match.admin2):
            # A country or region is above province level, whatever province holds its centroid.
            return GazetteerMatch(
                query=name, name=match.name, place_id=match.place_id, kind=match.kind, admin1=None, admin2=None,
                country=match.country, lat=match.lat, lon=match.lon, precision=match.precision, score=match.score,
                reason="geocoder", resolved=match.resolved, certain=match.certain, source="geocoder",
            )  # fmt: skip
        return match

    def _region_phrases(self, text: str) -> tuple[list[tuple[str, int, int]], list[tuple[int, int]]]:
        """(region id, start, end) of each region named by a phrase, and the spans of the whole phrases."""
        found: list[tuple[int, int, list[tuple[str, int, int]]]] = []
        directions = _word_positions(text, _DIRECTION_STARTS)
        for (pattern, region_id), starts in zip(REGION_PHRASES, _REGION_STARTS, strict=True):
            positions = starts(text, directions)
            for match in _finditer_from(pattern, text, positions) if positions else ():
                if region_id is not None:
                    found.append((match.start(), match.end(), [(region_id, match.start(), match.end())]))
                    continue
                parts = []
                for group in ("d1", "d2"):
                    word = match.group(group)
                    direction = _DIRECTIONS.get(word.lower()) if word else None
                    if direction:
                        parts.append((f"region:{direction}", match.start(group), match.end(group)))
                if parts:
                    found.append((match.start(), match.end(), parts))
        found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
        regions: list[tuple[str, int, int]] = []
        spans: list[tuple[int, int]] = []
        for start, end, parts in found:
            if spans and start < spans[-1][1]:
                continue
            spans.append((start, end))
            regions.extend(parts)
        return regions, spans

    def _region_match(self, region_id: str, surface: str) -> GazetteerMatch:
        entry = self._by_id().get(region_id)
        return GazetteerMatch(
            query=surface,
            name=entry.name if entry else region_id.removeprefix("region:").replace("-", " "),
            place_id=region_id,
            kind="region",
            admin1=None,
            admin2=None,
            country="AFG",
            lat=entry.lat if entry else None,
            lon=entry.lon if entry else None,
            precision="region",
            score=0.9,
            reason="region phrase",
            certain=entry is not None,
        )

    def place_name(self, place_id: str | None) -> str | None:
        """The gazetteer name of a place id (a district's name for its `admin2` id), None when unknown."""
        entry = self._by_id().get(place_id) if place_id else None
        return entry.name if entry is not None else None

    def _by_id(self) -> dict[str, _Entry]:
        if not self._ids:
            self._ids = {e.place_id: e for e in self.entries}
        return self._ids

    def _resolve_exact(self, surface: str, key: str, text: str, end: int, sentence: Sentence | None) -> PlaceMatch:
        candidates = self.by_key[key]
        if self.resolve_exact and self.resolver is not None and len({self.entries[i].admin1 for i in candidates}) > 1:
            resolved = self._ask_resolver(surface, sentence.text(text) if sentence else None)
            if resolved is not None and resolved.resolved:
                return resolved
        wanted = _wanted_kind(text[end : end + 20])
        memo_key = (key, surface, wanted)
        known = self._exact.get(memo_key)
        if known is None:
            # What the gazetteer says about these namesakes is the same for every surface form: built once per
            # (namesakes, kind asked for); only the query differs.
            template = self._exact_templates.get((key, wanted))
            if template is None:
                entry, others = self._choose(candidates, wanted)
                template = self._match_from(entry, surface, others, 1.0, "exact name")
                self._exact_templates[(key, wanted)] = template
            elif template.query != surface:
                template = replace(template, query=surface)
            known = self._exact[memo_key] = template
        return known

    def _fuzzy_mentions(
        self,
        text: str,
        exact: list[tuple[int, int, str]],
        sentences: list[Sentence],
        only: set[int] | None = None,
    ) -> list[Mention]:
        lower_words: dict[str, bool] = {}  # whether the text has the word in lower case, by word, when asked
        sentence_starts = [sentence.start for sentence in sentences]
        covered = sorted((s, e) for s, e, _ in exact)
        starts = [s for s, _ in covered]
        found: list[Mention] = []
        bisect_left, bisect_right = bisect.bisect_left, bisect.bisect_right
        for match in _CAPITALISED.finditer(text):
            start, end = match.span()
            if end - start < 5:
                continue
            # Spans are sorted and do not overlap: only the one before `end` can overlap this token.
            at = bisect_left(starts, end) - 1
            if at >= 0 and covered[at][1] > start:
                continue
            sentence = max(0, bisect_right(sentence_starts, start) - 1) if sentences else 0  # sentence_at, inlined
            if only is not None and sentence not in only:
                continue
            surface = match.group()
            folded = fold(surface)
            if folded in STOPWORDS or folded in NOT_FUZZY:
                continue  # never a place (tested first: cheaper than the look for the word in lower case)
            lower = surface.lower()
            in_lower_case = lower_words.get(lower)
            if in_lower_case is None:
                in_lower_case = lower_words[lower] = _has_lower_word(text, lower)
            if in_lower_case:
                continue  # a common word that starts a sentence ("Reports say"), not a name
            resolved = self._fuzzy_resolve(surface, text, sentences[sentence] if sentences else None)
            if resolved is None:
                # A hyphenated compound ("Bandare-Hairataan"): try its parts.
                for part in _CAPITALISED_PART.finditer(surface):
                    if len(part.group()) < 5 or (folded := fold(part.group())) in STOPWORDS or folded in NOT_FUZZY:
                        continue
                    resolved = self._fuzzy_resolve(part.group(), text, sentences[sentence] if sentences else None)
                    if resolved is not None:
                        break
            if resolved is not None:
                found.append(Mention(surface, start, end, sentence, resolved, "fuzzy"))
        return found

    def _fuzzy_resolve(self, surface: str, text: str, sentence: Sentence | None) -> PlaceMatch | None:
        # The cheap bucketed comparison first; only a close candidate goes to the geocoder (slower, but it
        # weighs the sentence as context and knows more spellings), whose answer and certainty then stand.
        best = self.fuzzy(surface)
        if best is None:
            return None
        if self.resolver is not None:
            resolved = self._ask_resolver(surface, sentence.text(text) if sentence else None)
            if resolved is not None:
                return resolved if resolved.resolved else None
        key, similarity = best
        entry, others = self._choose(self.squashed[key], None)
        match = self._match_from(entry, surface, others, similarity, f"fuzzy: close to {entry.name!r}")
        return match


# Named regions written as ordinary phrases ("the eastern provinces", "northeastern Afghanistan", "the Afghan-Tajik
# border"); ids follow `isk_atlas.geo` (`region:<slug>`). Coordinates come from the gazetteer when it has the id.
_DIRECTIONS = {"north": "north", "northern": "north", "south": "south", "southern": "south", "east": "east",
               "eastern": "east", "west": "west", "western": "west", "northeast": "northeast",
               "northeastern": "northeast", "north-east": "northeast", "north-eastern": "northeast",
               "northwest": "northwest", "northwestern": "northwest", "southeast": "southeast",
               "southeastern": "southeast", "southwest": "southwest", "southwestern": "southwest"}  # fmt: skip
_DIRECTION = r"(?:north|south)-?(?:east|west)(?:ern)?|north(?:ern)?|south(?:ern)?|east(?:ern)?|west(?:ern)?"
# Matched on the lower-cased text (same offsets): case-sensitive scanning is much faster than IGNORECASE.
REGION_PHRASES: list[tuple[re.Pattern[str], str | None]] = [
    (re.compile(r"\b(?:afghan[- ]tajik|tajik[- ]afghan|afghanistan[- ]?tajikistan|tajikistan[- ]?afghanistan)\s+"
                r"borders?\b|\bborders?\s+(?:areas?\s+)?(?:with|of)\s+tajikistan\b|\btajik\s+border\b"),
     "region:afghan-tajik-border"),
    (re.compile(r"\b(?:afghan[- ]uzbek|uzbek[- ]afghan|afghanistan[- ]?uzbekistan)\s+borders?\b"),
     "region:afghan-uzbek-border"),
    # "(the) eastern and northern provinces (of Afghanistan)", "northeastern Afghanistan", "the east and north".
    (re.compile(rf"\b(?P<d1>{_DIRECTION})(?:\s+and\s+(?P<d2>{_DIRECTION}))?\s+(?:provinces|afghanistan|"
                r"parts\s+of\s+afghanistan|regions?\s+of\s+afghanistan)\b"), None),
    (re.compile(rf"\bthe\s+(?P<d1>{_DIRECTION})\s+and\s+(?:the\s+)?(?P<d2>{_DIRECTION})\b(?!\s+of)"), None),
]  # fmt: skip


# Where a match of each phrase can start: every phrase opens (at a word boundary) with one of a few words, found by
# plain substring search, far faster than letting the pattern scan every position. Each function gives the
# positions to try in the lower-cased text (a superset of where matches start), given where direction words stand.
_DIRECTION_STARTS = ("north", "south", "east", "west")


def _word_positions(text: str, words: tuple[str, ...]) -> list[int]:
    """Where each of `words` occurs in `text` (as substrings, anywhere)."""
    positions: list[int] = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            positions.append(at)
            at = text.find(word, at + 1)
    return positions


def _the_before_direction(text: str, directions: list[int]) -> list[int]:
    """Where "the", white space and a direction word stand: the only places "the east and north" can start."""
    positions: list[int] = []
    for at in directions:
        before = at
        while before > 0 and text[before - 1].isspace():  # str.isspace is the regex's \s, character for character
            before -= 1
        if before < at and before >= 3 and text.startswith("the", before - 3):
            positions.append(before - 3)
    return positions


_REGION_STARTS: list[Callable[[str, list[int]], list[int]]] = [
    lambda text, _: _word_positions(text, ("afghan", "tajik", "border")),
    lambda text, _: _word_positions(text, ("afghan", "uzbek")),
    lambda _, directions: directions,
    _the_before_direction,
]


def _finditer_from(pattern: re.Pattern[str], text: str, positions: list[int]) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` when every match starts at one of `positions`: the pattern is tried only there."""
    last_end = 0
    for at in sorted(positions):
        if at < last_end:
            continue
        match = pattern.match(text, at)
        if match is not None:
            yield match
            last_end = match.end()


_BARE_DIRECTIONS = frozenset({*_DIRECTIONS, "central", "centre", "center", "the east", "the north", "the south",
                              "the west"})  # fmt: skip


# A capitalised word or hyphen/camel compound ("Kunduz", "MazareSharif", "Bandare-Hairataan", "Karte Naw").
# The capital comes first and the "no word character before it" test right after it (same matches as a leading
# look-behind): a pattern opening with a character class lets the engine skip ahead to the next capital.
_CAPITALISED = re.compile(r"[A-Z](?<![\w\-][A-Z])[a-z]+(?:[A-Z][a-z]+)*(?:-[A-Z]?[a-z]+)*(?:\s+[A-Z][a-z]+)?(?![\w\-])")


_CAPITALISED_PART = re.compile(r"[A-Z][\w']+")


_FOLD_TABLE: dict[int, str] = {ord("’"): "'"}
_FOLD_KNOWN: set[str] = set()


_LOWER_WORD = re.compile(r"(?<![\w\-])[a-z][a-z]+(?![\w\-])")
_ASCII_LOWER_WORD = re.compile(r"[a-z][a-z]+")


def _has_lower_word(text: str, word: str) -> bool:
    """Whether `word` (lower case) is one of `_LOWER_WORD`'s matches in `text`: found as a substring with no word
    character or hyphen on either side. One substring search per word beats collecting every word of the text."""
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


def _fold_same_length(text: str) -> str:
    """Lower-case and strip accents without changing any offset (characters that would, stay as they are)."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    if lowered.isascii():
        return lowered
    present = set(lowered)
    for char in present - _FOLD_KNOWN:
        _FOLD_KNOWN.add(char)
        if ord(char) < 128:
            continue
        base = unicodedata.normalize("NFKD", char)
        stripped = "".join(c for c in base if not unicodedata.combining(c))
        if len(stripped) == 1 and stripped != char:
            _FOLD_TABLE[ord(char)] = stripped
    needed = [char for char in present if ord(char) in _FOLD_TABLE]
    if not needed:
        return lowered
    # Few distinct characters need folding: replacing just those beats translating every character.
    for char in needed:
        lowered = lowered.replace(char, _FOLD_TABLE[ord(char)])
    return lowered


def _wanted_kind(follow: str) -> str | None:
    """The kind of place the word after a name asks for: 'X province' wants a province, 'X district' a district."""
    follow_word = follow.strip().split(" ", 1)[0].lower().strip(",.;:") if follow.strip() else ""
    return _KIND_WORDS.get(follow_word)


_KIND_WORDS = {"province": "province", "provinces": "province", "district": "district", "city": "town",
               "town": "town", "village": "town", "region": "region"}  # fmt: skip


# ---------------------------------------------------------------------------------------------- defaults


@lru_cache(maxsize=1)
def default_index() -> ToponymIndex:
    """The index over the project's gazetteer, resolving names by the gazetteer alone.

    The extraction step uses `isk_atlas.places.mention_index()` instead, which resolves fuzzy candidates through
    the geocoder (a later step of the data flow, so it is wired in there, not imported here). Loaded from the
    index cache when an earlier process built it for the same gazetteer and code (see `cached_index`).
    """
    return gazetteer_toponym_index(load_gazetteer())


def gazetteer_toponym_index(
    gazetteer: Any, resolver: Callable[[str, str | None], PlaceMatch] | None = None
) -> ToponymIndex:
    """`ToponymIndex.from_gazetteer(gazetteer, resolver)`, through the index cache."""
    index = cached_index(
        "toponyms",
        [gazetteer_digest(gazetteer), source_digest("isk_atlas.mentions", "isk_atlas.names", "isk_atlas.geo")],
        lambda: ToponymIndex.from_gazetteer(gazetteer),
        ToponymIndex,
        _TOPONYM_CLASSES,
        dump=_toponyms_for_cache,
        load=_toponyms_from_cache,
    )
    if resolver is not None:
        # What `from_gazetteer(gazetteer, resolver)` gives: the same index, asking the resolver, marked as such.
        index = replace(index, resolver=resolver, fingerprint=index.fingerprint + "+geocoder")
    return index


# ---------------------------------------------------------------------------------------------- index cache
#
# Building the indexes of the gazetteer takes seconds (every name's spelling variants; the geocoder's precomputed
# answers), and every fresh process would pay it. `cached_index` keeps a built index in
# `cache_dir()/index/`, keyed by the gazetteer's content and the source code of the modules that build it, so a
# change to either builds anew. Loading is guarded: the file must start with the format's magic line and the
# SHA-256 of its payload (a torn or corrupt file is rebuilt, never read), and the payload is unpickled by an
# unpickler that may only create the index's own classes (no other callable can run). Set
# ISK_ATLAS_INDEX_CACHE=0 to build without the cache, or to a folder to keep the indexes there instead (a build
# benchmark can then start from an empty extraction cache and a warm index cache).

_CACHE_MAGIC = b"isk-atlas index cache 1\n"
_CACHE_VERSION = "1"
_Index = TypeVar("_Index")
_TOPONYM_CLASSES = frozenset({("isk_atlas.mentions", "ToponymIndex"), ("isk_atlas.mentions", "_Entry")})


class _IndexUnpickler(pickle.Unpickler):
    """Unpickles only the classes it is given (and the builtin containers pickle writes by opcode)."""

    def __init__(self, data: bytes, allowed: frozenset[tuple[str, str]]) -> None:
        super().__init__(io.BytesIO(data))
        self._allowed = allowed

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in self._allowed:
            raise pickle.UnpicklingError(f"{module}.{name} may not appear in an index cache")
        return super().find_class(module, name)


@lru_cache(maxsize=16)
def source_digest(*modules: str) -> str:
    """SHA-256 of the source files of `modules` (and the Python version): changes whenever their code does."""
    digest = hashlib.sha256(f"{_CACHE_VERSION}|{sys.version}".encode())
    for name in modules:
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec is not None else None
        digest.update(name.encode())
        digest.update(Path(origin).read_bytes() if origin else b"?")
    return digest.hexdigest()


def gazetteer_digest(gazetteer: Any) -> str:
    """SHA-256 of a gazetteer frame's columns, types and every cell."""
    import pandas as pd

    digest = hashlib.sha256(repr([(str(c), str(t)) for c, t in gazetteer.dtypes.items()]).encode())
    digest.update(pd.util.hash_pandas_object(gazetteer, index=False).to_numpy().tobytes())
    return digest.hexdigest()


def cached_index(
    kind: str,
    key_parts: list[str],
    build: Callable[[], _Index],
    expected: type[_Index],
    classes: frozenset[tuple[str, str]],
    dump: Callable[[_Index], object] | None = None,
    load: Callable[[Any], _Index] | None = None,
) -> _Index:
    """The index `build()` gives, from `cache_dir()/index/<kind>-<key>.pickle` when a process built it before
    (the folder is ISK_ATLAS_INDEX_CACHE when that names one; "0" turns the cache off).

    `classes`: the (module, name) pairs the pickle may create. `dump`/`load` turn the index into what is pickled
    and back (default: the index itself). Any failure to read or write the cache falls back to building.
    """
    setting = os.environ.get("ISK_ATLAS_INDEX_CACHE", "")
    if setting == "0":
        return build()
    key = hashlib.sha256("|".join([kind, *key_parts]).encode()).hexdigest()[:32]
    folder = Path(setting) if setting not in ("", "1") else cache_dir() / "index"
    path = folder / f"{kind}-{key}.pickle"
    loaded = _read_index(path, classes)
    if loaded is not None:
        try:
            index = load(loaded) if load is not None else loaded
        except Exception:  # a well-formed pickle of the wrong shape: build anew
            index = None
        if isinstance(index, expected):
            return index
    index = build()
    try:
        payload = pickle.dumps(dump(index) if dump is not None else index, protocol=pickle.HIGHEST_PROTOCOL)
        write_bytes(path, _CACHE_MAGIC + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
        for old in folder.glob(f"{kind}-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)  # built for another gazetteer or code version
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass  # a read-only or full disk: the next process builds again
    return index


def _read_index(path: Path, classes: frozenset[tuple[str, str]]) -> Any:
    """The unpickled payload of a cache file, or None when it is missing, torn, corrupt or holds other classes."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    header = len(_CACHE_MAGIC) + 65
    if not data.startswith(_CACHE_MAGIC) or len(data) < header or data[header - 1 : header] != b"\n":
        return None
    payload = data[header:]
    if hashlib.sha256(payload).hexdigest().encode() != data[len(_CACHE_MAGIC) : header - 1]:
        return None
    enabled = gc.isenabled()
    gc.disable()  # hundreds of thousands of new objects: collecting while they arrive only costs time
    try:
        return _IndexUnpickler(payload, classes).load()
    except Exception:
        return None
    finally:
        if enabled:
            gc.enable()


def _toponyms_for_cache(index: ToponymIndex) -> ToponymIndex:
    """The index without its automaton (rebuilt from the keys on load, rather than trusting a C structure's bytes
    to a pickle) and without resolver or memos."""
    return replace(index, automaton=None, resolver=None, _fuzzy_cache={}, _chosen={}, _pools={}, _exact={},
                   _exact_templates={}, _ids={})  # fmt: skip


def _toponyms_from_cache(index: Any) -> ToponymIndex:
    if not isinstance(index, ToponymIndex) or not isinstance(index.by_key, dict):
        raise TypeError("not a toponym index")
    index.automaton = _automaton(index.by_key)
    return index


def _automaton(keys: Iterable[str]) -> Any:
    automaton = ahocorasick.Automaton()
    for key in keys:
        automaton.add_word(key, key)
    if len(automaton):
        automaton.make_automaton()
    return automaton


def find_mentions(text: str, index: ToponymIndex | None = None, fuzzy: bool = True) -> list[Mention]:
    """Toponym mentions in `text` (offsets into it), with sentence indices and resolved places."""
    return (index or default_index()).find(text, split_sentences(text), fuzzy=fuzzy)


def mentions_in(mentions: Iterable[Mention], start: int, end: int) -> list[Mention]:
    return [m for m in mentions if start <= m.start and m.end <= end]
