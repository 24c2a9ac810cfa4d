"""Reading the text around a place name for clues: the provinces and countries it mentions, and the kind of
place it announces ("the cities of Kunduz, Kabul and Kandahar", "Darzab district", "Kunduz province").
"""

from __future__ import annotations

import bisect
import copy
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final

from isk_atlas.names import DESIGNATOR_KINDS, fold, normalize, skeleton_of_key
from isk_atlas.places.words import COUNTRY_ADJECTIVES, DIRECTION_WORDS, FACILITY_WORDS

# (Adjectives of countries: `COUNTRY_ADJECTIVES`, "the Uzbek province of SarkhanDarya", "the Afghan-Tajik border".)

# Where the text says which country a name lies in, by the words right around it (`Clues.held_in`):
# - before it, a country's adjective or its name (a possessive: "Kyrgyzstan's", folded to "kyrgyzstan"), then at
#   most a direction word and a designator of a town or larger with "of": "the southern Kyrgyz city of Jalal-Abad",
#   "Iranian Baluchistan", "Tajikistan's Kulyab Region", "Iran's city of Zahedan";
# - after it (and its designator), "in" or "of" and a country's name: "Jalal-Abad in Kyrgyzstan", "the Mastung area
#   of Pakistan".
# Not before a village's designator (an ethnic group's village: "a Tajik village of Badakhshan"), nor for a name
# followed by a facility word ("Pakistan's Kabul embassy" is in Kabul).
HELD_IN_DESIGNATORS: Final = frozenset(
    word for word, kind in DESIGNATOR_KINDS.items() if kind != "town" or word in {"city", "cities", "town", "towns"}
)
_NOT_HELD_AFTER: Final = FACILITY_WORDS - frozenset(DESIGNATOR_KINDS) - {"city", "town", "capital", "border"}
# (text, name, the countries the words around the name say it lies in): a test reads each
HELD_IN_EXAMPLES: Final[tuple[tuple[str, str, frozenset[str]], ...]] = (
    ("He was arrested in the southern Kyrgyz city of Jalal-Abad.", "Jalal-Abad", frozenset({"KGZ"})),
    ("Raids in Kyrgyzstan's Jalal-Abad followed.", "Jalal-Abad", frozenset({"KGZ"})),
    ("Two men were held in Jalal-Abad in Kyrgyzstan.", "Jalal-Abad", frozenset({"KGZ"})),
    ("the Mastung area of Pakistan", "Mastung", frozenset({"PAK"})),
    ("Pakistan's Kabul embassy was closed.", "Kabul", frozenset()),
    ("Gunmen raided a Tajik village of Kunduz.", "Kunduz", frozenset()),
    ("Two Kyrgyz men were killed in Jalalabad, Nangarhar.", "Jalalabad", frozenset()),
    ("Fighters crossed from Pakistan, Kunduz officials said.", "Kunduz", frozenset()),
    ("They moved toward Pakistan; Kunduz was quiet.", "Kunduz", frozenset()),
)
# Words of one country's own system of units, written right before or after a name ("Mamund tehsil", "tehsil
# Mamund", "the Sarbaz shahrestan", "union council Kulachi"): the name lies in that country (`Clues.marked_in`).
# Weaker than a country's adjective: it decides only where the gazetteer lacks the name as written (an exact or
# spelling match elsewhere stands: "the Dasht-e-Barchi police station" is Kabul's), and then never an Afghan place
# reached by a loose spelling; where several countries use the word, the one the text names, else none. Not
# "agency" (Pakistan's tribal agencies until 2018): "the Anadolu Agency", "the Amaq news agency" are no places.
ADMIN_WORD_COUNTRIES: Final[dict[tuple[str, ...], frozenset[str]]] = {
    ("tehsil",): frozenset({"PAK"}),  # Pakistan's third-level unit
    ("tehsils",): frozenset({"PAK"}),
    ("union", "council"): frozenset({"PAK"}),  # Pakistan's lowest elected unit
    # "police station" is not here: Afghan and Iranian reports name police stations too
    ("ostan",): frozenset({"IRN"}),  # Iran's province
    ("shahrestan",): frozenset({"IRN"}),  # Iran's county
    ("dehestan",): frozenset({"IRN"}),  # Iran's rural district
    ("bakhsh",): frozenset({"IRN"}),
    ("jamoat",): frozenset({"TJK"}),  # Tajikistan's rural unit
    ("nohiya",): frozenset({"TJK"}),  # Tajikistan's district
    ("viloyat",): frozenset({"TJK", "UZB"}),  # the region of Tajikistan and Uzbekistan
    ("viloyati",): frozenset({"TJK", "UZB"}),
    ("oblast",): frozenset({"KGZ", "KAZ", "TJK", "UZB", "RUS", "TKM"}),  # the region of the former Soviet states
}
_ADMIN_WORDS: Final = frozenset(word for words in ADMIN_WORD_COUNTRIES for word in words[:1])
# (text, name, the countries its administrative word says it lies in): a test reads each
MARKED_IN_EXAMPLES: Final[tuple[tuple[str, str, frozenset[str]], ...]] = (
    ("Gunmen raided a house in Mamund tehsil.", "Mamund", frozenset({"PAK"})),
    ("An operation in tehsil Mamund ended.", "Mamund", frozenset({"PAK"})),
    ("The Kulachi police station was attacked.", "Kulachi", frozenset()),  # a police station is any country's
    ("A cell was held in the Sarbaz shahrestan of Sistan.", "Sarbaz", frozenset({"IRN"})),
    ("Arrests in the Vose nohiya followed.", "Vose", frozenset({"TJK"})),
    ("Raids in Osh oblast of Kyrgyzstan went on.", "Osh", frozenset({"KGZ"})),
    ("Raids in Osh oblast went on.", "Osh", frozenset()),  # a word of several countries, none named
    ("A police station in Mamund was hit.", "Mamund", frozenset()),  # not beside the name
    ("The Amaq news agency said so.", "Amaq", frozenset()),
)
_MAX_NGRAM = 3
_LOOK_BACK = 8  # "the provinces of Badakhshan, Takhar, and Kunduz": the designator is a few words back
_MIN_SKELETON_LEN = 5  # short skeletons of ordinary words collide with place names
_CACHE_SIZE = 256
# Words that end the list of names a designator announces ("the provinces of Badakhshan, Takhar and Kunduz"):
# prepositions and directions between the designator and a name say the name is not in the list.
_LIST_ENDS: Final = frozenset(
    {"in", "near", "from", "to", "at", "on", "outside", "north", "south", "east", "west", "northeast", "northwest",
     "southeast", "southwest", "with", "while", "where", "which", "who", "after", "before"}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Clues:
    """What the context says: provinces (ISO 3166-2) and countries (ISO3) named, and the announced kind."""

    admin1: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    kind_hint: str | None = None
    # provinces named right after the name ("Behsud district of Nangarhar", "Fayzabad, Jawzjan"): where the text
    # says the place lies
    qualifiers: frozenset[str] = frozenset()
    # countries the words right around the name say it lies in (`HELD_IN_DESIGNATORS`): "the Kyrgyz city of X"
    held_in: frozenset[str] = frozenset()
    # countries an administrative word right beside the name says it lies in (`ADMIN_WORD_COUNTRIES`): "Mamund
    # tehsil"
    marked_in: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.admin1 or self.countries or self.kind_hint or self.held_in or self.marked_in)


NO_CLUES: Final = Clues()

# A key of an area the context may name: (admin1 id or None, country ISO3 or None).
AreaRef = tuple[str | None, str | None]


class ContextReader:
    """Finds the areas a context names, by n-gram lookup of its words in a table of area keys.

    `areas` maps compact keys ("badakhshan", "sarepol", "uzbekistan") and `skeletons` maps skeleton keys of
    provinces, first-level regions and countries to the area they name.
    """

    def __init__(self, areas: Mapping[str, AreaRef], skeletons: Mapping[str, AreaRef] | None = None) -> None:
        self.areas = dict(areas)
        self.skeletons = dict(skeletons or {})
        # Tables built once with the keys, so that reading a context looks up only the word groups that can name
        # an area: every prefix of an area key (a group that is none cannot grow into one), and the
        # signatures (`signatures_of`) of the skeleton keys and their prefixes (a group whose signature is
        # none of them has no skeleton among the keys, and no longer group starting with it has one)
        self._key_prefixes = frozenset(key[:end] for key in self.areas for end in range(1, len(key) + 1))
        signatures = {signature(key) for key in self.skeletons}
        self._signatures = frozenset(signatures)
        self._signature_prefixes = frozenset(sign[:end] for sign in signatures for end in range(len(sign) + 1))
        # the same paragraph is read once for each name in it
        self._cache: dict[str, _Reading] = {}
        # each name's words and the areas they name themselves (a name recurs in the sentences of an article)
        self._queries: dict[str, tuple[list[str], frozenset[str], frozenset[str]]] = {}

    def fresh(self) -> ContextReader:
        """A reader of the same keys and tables that has read nothing yet."""
        reader = copy.copy(self)
        reader._cache = {}
        reader._queries = {}
        return reader

    def read(self, context: str | None, query: str | None = None) -> Clues:
        if not context or not isinstance(context, str):
            return NO_CLUES
        reading = self._cache.get(context)
        if reading is None:
            tokens = fold(context).split()
            named = self._named_in(tokens)
            admin1 = frozenset(area for _, _, area, _ in named if area)
            countries = frozenset(country for _, _, _, country in named if country)
            reading = _Reading(tokens, admin1, countries, named, _provinces_at(named))
            if len(self._cache) >= _CACHE_SIZE:
                self._cache.clear()
            self._cache[context] = reading
        if not query:
            return Clues(reading.admin1, reading.countries)
        remembered = reading.clues.get(query)
        if remembered is None:
            tokens = reading.tokens
            wanted, own_admin1, own_countries = self._query(query)
            # where the query's words stand, found in one pass and read by each clue below
            at = _positions(tokens, wanted)
            admin1, countries = self._named_besides(reading, wanted, at, own_admin1, own_countries)
            held_in = self._held_in(reading.marked_tokens(context), wanted) if reading.countries else frozenset()
            marked_in = (
                _marked_in(reading.marked_tokens(context), wanted, reading.countries)
                if not _ADMIN_WORDS.isdisjoint(tokens)
                else frozenset()
            )
            remembered = Clues(admin1, countries, _kind_hint_at(tokens, at, len(wanted)),
                               _qualifiers(reading, at, len(wanted)), held_in, marked_in)  # fmt: skip
            reading.clues[query] = remembered
        return remembered

    def _query(self, query: str) -> tuple[list[str], frozenset[str], frozenset[str]]:
        """The query's normalised words, and the provinces and countries they name themselves."""
        known = self._queries.get(query)
        if known is None:
            wanted = normalize(query).split()
            if len(self._queries) >= _CACHE_SIZE:
                self._queries.clear()
            known = self._queries[query] = (wanted, *self._areas_in(wanted))
        return known

    def _named_besides(
        self,
        reading: _Reading,
        wanted: list[str],
        at: list[int],
        own_admin1: frozenset[str],
        own_countries: frozenset[str],
    ) -> tuple[frozenset[str], frozenset[str]]:
        """The areas the context names, less those only the query's own words (`wanted`, standing at token
        positions `at`, naming `own_admin1` and `own_countries` themselves) name: "a mosque in Jalalabad" names no
        area ("Jalalabad" is also Kyrgyzstan's Jalal-Abad region, which would otherwise count as a clue)."""
        admin1, countries = reading.admin1, reading.countries
        if not admin1 and not countries:
            return admin1, countries
        if (own_admin1.isdisjoint(admin1)) and (own_countries.isdisjoint(countries)):
            return admin1, countries
        gaps = _apart(at, len(wanted))
        gap_starts = [gap_start for gap_start, _ in gaps]

        def in_a_gap(start: int, end: int) -> bool:
            # gaps are sorted and disjoint: only the last one starting before `end` can reach past `start`
            last = bisect.bisect_left(gap_starts, end) - 1
            return last >= 0 and gaps[last][1] > start

        rest = [(area, country) for start, end, area, country in reading.named if not in_a_gap(start, end)]
        rest_admin1 = {area for area, _ in rest if area}
        rest_countries = {country for _, country in rest if country}
        return admin1 - (own_admin1 - rest_admin1), countries - (own_countries - rest_countries)

    def _held_in(self, tokens: list[str], wanted: list[str]) -> frozenset[str]:
        """Countries the words right around the query's (`wanted`) say it lies in (see `HELD_IN_DESIGNATORS`):
        "the southern Kyrgyz city of Jalal-Abad", "Jalal-Abad in Kyrgyzstan". `tokens`: the context's folded words
        with its punctuation and possessives kept (`_marked`): a list ("Iran, Herat") or a clause break
        ("Tajikistan; Kunduz") holds nothing."""
        held: set[str] = set()
        size = len(wanted)
        for i in _positions(tokens, wanted):
            end = i + size
            after = end + 1 if end < len(tokens) and tokens[end] in HELD_IN_DESIGNATORS else end
            if after < len(tokens) and tokens[after] in _NOT_HELD_AFTER:
                continue  # "Pakistan's Kabul embassy"
            before = i
            if before >= 2 and tokens[before - 1] == "of" and tokens[before - 2] in HELD_IN_DESIGNATORS:
                before -= 2
            elif before >= 1 and tokens[before - 1] in HELD_IN_DESIGNATORS:
                before -= 1
            if before >= 1 and tokens[before - 1] in DIRECTION_WORDS:
                before -= 1
            if before >= 1 and (country := COUNTRY_ADJECTIVES.get(tokens[before - 1])):
                held.add(country)
            elif before >= 2 and tokens[before - 1] == "'s" and (country := self._country_name(tokens[before - 2])):
                held.add(country)  # "Kyrgyzstan's Jalal-Abad"
            if after + 1 < len(tokens) and tokens[after] in {"in", "of"}:
                at_name = after + 2 if tokens[after + 1] == "the" and after + 2 < len(tokens) else after + 1
                country = self._country_name(tokens[at_name])
                if country:
                    held.add(country)
        return frozenset(held)

    def _country_name(self, token: str) -> str | None:
        """The country a one-word name names ("kyrgyzstan", "iran"), or None."""
        ref = self.areas.get(token)
        return ref[1] if ref is not None and ref[0] is None else None

    def _areas_in(self, tokens: list[str]) -> tuple[frozenset[str], frozenset[str]]:
        named = self._named_in(tokens)
        return (
            frozenset(area for _, _, area, _ in named if area),
            frozenset(country for _, _, _, country in named if country),
        )

    def _named_in(self, tokens: list[str]) -> list[tuple[int, int, str | None, str | None]]:
        """(start, end, province, country) of every area the words name: n-grams of up to three words looked up
        as area keys (or their skeletons), and country adjectives; those of one word first, then of two, three.

        A group of words is looked up only while it is the start of an area key or its signature the start of a
        skeleton key's (the prefix tables), and its skeleton is computed only when its signature is a skeleton
        key's: most word groups of a sentence stop at their first word, and few need a skeleton."""
        found: list[tuple[int, int, str | None, str | None]] = [
            (i, i + 1, None, country) for i, token in enumerate(tokens) if (country := COUNTRY_ADJECTIVES.get(token))
        ]
        areas, skeletons = self.areas, self.skeletons
        key_prefixes, signatures, signature_prefixes = self._key_prefixes, self._signatures, self._signature_prefixes
        signs = signatures_of(tokens)
        # (start, key, signature) of the n-word groups that may name an area or grow into a group that does
        groups = [
            (i, token, sign)
            for i, (token, sign) in enumerate(zip(tokens, signs, strict=True))
            if token in key_prefixes or sign in signature_prefixes
        ]
        count = len(tokens)
        for n in range(1, _MAX_NGRAM + 1):
            if n > 1:
                grown = []
                for i, key, sign in groups:
                    if i + n > count:
                        continue
                    key += tokens[i + n - 1]
                    word_sign = signs[i + n - 1]
                    # (the signature of words run together: theirs joined, a run across the join written once)
                    sign += word_sign[1:] if sign[-1] == word_sign[0] else word_sign
                    if key in key_prefixes or sign in signature_prefixes:
                        grown.append((i, key, sign))
                groups = grown
            for i, key, sign in groups:
                ref = areas.get(key)
                if ref is None and len(key) >= _MIN_SKELETON_LEN and sign in signatures:
                    ref = skeletons.get(skeleton_of_key(key))
                if ref is not None:
                    found.append((i, i + n, ref[0], ref[1]))
        return found


@dataclass(frozen=True, slots=True)
class _Reading:
    """A context read once: its folded words, the provinces and countries it names, and where each is named."""

    tokens: list[str]
    admin1: frozenset[str]
    countries: frozenset[str]
    named: list[tuple[int, int, str | None, str | None]]
    # the province the words starting at a position name, and how many words (the longest group naming one)
    provinces_at: dict[int, tuple[str, int]]
    # the clues already read for each query: a long sentence is asked about every name in it, and each reading of
    # a query scans the whole sentence
    clues: dict[str, Clues] = field(default_factory=dict)
    # the folded words with punctuation and possessives kept (`_marked`), made on first use
    marked: list[str] = field(default_factory=list)

    def marked_tokens(self, context: str) -> list[str]:
        if not self.marked:
            self.marked.extend(_marked(context))
        return self.marked


def has_admin_word(text: str) -> bool:
    """Whether a text holds a word of `ADMIN_WORD_COUNTRIES` (a query that does reads itself as its context:
    "Matta tehsil")."""
    return not _ADMIN_WORDS.isdisjoint(fold(text).split())


def _admin_word_at(tokens: list[str], start: int, end: int) -> frozenset[str]:
    """The countries of an administrative word (`ADMIN_WORD_COUNTRIES`) standing exactly at tokens[start:end]."""
    return ADMIN_WORD_COUNTRIES.get(tuple(tokens[max(start, 0) : end]), frozenset()) if start >= 0 else frozenset()


def _marked_in(tokens: list[str], wanted: list[str], named: frozenset[str]) -> frozenset[str]:
    """The countries an administrative word right before or after the query's words (`wanted`) says it lies in
    ("Mamund tehsil", "tehsil of Mamund", "union council Kulachi"), narrowed to those the context names (`named`)
    when the word is of several countries; none when it is of several and the context names none of them."""
    marked: set[str] = set()
    size = len(wanted)
    for i in _positions(tokens, wanted):
        end = i + size
        for length in (1, 2):
            marked |= _admin_word_at(tokens, end, end + length)
            marked |= _admin_word_at(tokens, i - length, i)
            if i - length - 1 >= 0 and tokens[i - 1] == "of":
                marked |= _admin_word_at(tokens, i - length - 1, i - 1)
    if len(marked) > 1:
        marked &= named
        if len(marked) > 1:
            return frozenset()
    return frozenset(marked)


def _provinces_at(named: list[tuple[int, int, str | None, str | None]]) -> dict[int, tuple[str, int]]:
    """Where the context's words name a province (`ContextReader._named_in`): the province named by the longest
    group of words starting at each position, and how many words."""
    found: dict[int, tuple[str, int]] = {}
    for start, end, area, _ in named:
        if area and (start not in found or end - start > found[start][1]):
            found[start] = (area, end - start)
    return found


def _qualifiers(reading: _Reading, at: list[int], size: int) -> frozenset[str]:
    """Provinces the text names as where the place lies, right after it (the query's words, `size` of them,
    first standing at `at[0]`): "Behsud district of Nangarhar", "Jalal Abad city, Nangarhar", "Fayzabad in
    Jawzjan", "Fayzabad, Jawzjan province" (not a list of places: "Kunduz, Kabul and Kandahar")."""
    if not at:
        return frozenset()
    tokens = reading.tokens
    position = at[0] + size
    designated = position < len(tokens) and tokens[position] in DESIGNATOR_KINDS
    if designated:
        position += 1
    linked = position < len(tokens) and tokens[position] in {"of", "in"}
    if linked:
        position += 1
    area = reading.provinces_at.get(position)
    if area is None:
        return frozenset()
    admin1, words = area
    followed = position + words < len(tokens) and DESIGNATOR_KINDS.get(tokens[position + words]) == "province"
    return frozenset({admin1}) if designated or linked or followed else frozenset()


# Punctuation that ends a phrase, and a possessive: kept as words of their own where `Clues.held_in` is read.
_MARKS: Final = re.compile(r"(['’]s\b|[,;:.!?()\[\]])")


def _marked(context: str) -> list[str]:
    """The context's folded words, with its punctuation marks and possessives ("'s") as words of their own."""
    tokens: list[str] = []
    for piece in _MARKS.split(context):
        if _MARKS.fullmatch(piece):
            tokens.append("'s" if piece[-1:] == "s" else piece)
        else:
            tokens.extend(fold(piece).split())
    return tokens


def _positions(tokens: list[str], wanted: list[str]) -> list[int]:
    """Every token position where the query's folded words `wanted` stand in the folded context words, as they are
    or run together ("mazar e sharif" written "mazaresharif"), overlapping ones too, leftmost first: one pass (a
    sentence of thousands of names must not cost its length for every name it holds)."""
    if not wanted:
        return []
    wanted_key = "".join(wanted)
    size = len(wanted)
    # the words joined equal the key only when the key starts with the first of them (a cheap test first)
    return [
        i
        for i in range(len(tokens) - size + 1)
        if wanted_key.startswith(tokens[i])
        and (tokens[i : i + size] == wanted or "".join(tokens[i : i + size]) == wanted_key)
    ]


def _apart(at: list[int], size: int) -> list[tuple[int, int]]:
    """The occurrences of `size` words starting at positions `at` that do not overlap, leftmost first, as (start,
    end) token positions."""
    found: list[tuple[int, int]] = []
    end = -1
    for i in at:
        if i >= end:
            end = i + size
            found.append((i, end))
    return found


# Letters a skeleton (`isk_atlas.names.skeleton_of_key`) may rewrite or produce; it keeps every other letter as
# it is, and writes none of these in its place.
_SKELETON_LETTERS: Final = "aeiouwyhkqpxfv"
_SIGNATURE_CLASSES: Final = str.maketrans(dict.fromkeys(_SKELETON_LETTERS, "*"))
_MARK_RUNS: Final = re.compile(r"\*\*+")
_LETTER_RUNS: Final = re.compile(r"([^*\s])\1+")


def signature(key: str) -> str:
    """The signature of a compact key: its letters with each run of the letters a skeleton rewrites (vowels,
    "kh", "w"...) as one "*", and any run of one character written once. A key and its skeleton have the same
    signature (a skeleton rewrites such runs into such runs, none vanishing, and writes doubled letters once), so
    keys of different signatures never share a skeleton. The signature of keys run together is theirs joined, a
    run across the join written once."""
    return _runs_once(key.translate(_SIGNATURE_CLASSES))


def signatures_of(words: list[str]) -> list[str]:
    """The `signature` of each of the words (compact keys: no space, none empty), in one pass over them all."""
    return _runs_once(" ".join(words).translate(_SIGNATURE_CLASSES)).split()


def _runs_once(marked: str) -> str:
    """Runs of marks, and of one letter, written once (by literal replacements: a template expanded for each match
    costs more than the rest of the reading)."""
    marked = _MARK_RUNS.sub("*", marked)
    for letter in set(_LETTER_RUNS.findall(marked)):
        doubled = letter + letter
        while doubled in marked:
            marked = marked.replace(doubled, letter)
    return marked


def kind_hint_in(tokens: list[str], query: str) -> str | None:
    """The kind of place the words next to `query` announce in `tokens` (folded context words), if any."""
    wanted = normalize(query).split()
    return _kind_hint_at(tokens, _positions(tokens, wanted), len(wanted))


def _kind_hint_at(tokens: list[str], at: list[int], size: int) -> str | None:
    """The kind of place the words next to the query's (`size` words at each position of `at`) announce."""
    for i in at:
        after = tokens[i + size] if i + size < len(tokens) else ""
        if after in DESIGNATOR_KINDS:
            return DESIGNATOR_KINDS[after]
        for j in range(i - 1, max(i - _LOOK_BACK, 0) - 1, -1):
            word = tokens[j]
            if word in DESIGNATOR_KINDS and j + 1 < len(tokens) and tokens[j + 1] == "of":
                return DESIGNATOR_KINDS[word]
            if word in DESIGNATOR_KINDS or word in _LIST_ENDS:
                break  # the list the designator announces ended before the name ("X district of Y, north of Kabul")
    return None
