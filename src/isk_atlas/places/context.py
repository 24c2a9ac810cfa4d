"""Reading the text around a place name for clues: the provinces and countries it mentions, and the kind of
place it announces ("the cities of Kunduz, Kabul and Kandahar", "Darzab district", "Kunduz province").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from isk_atlas.names import DESIGNATOR_KINDS, compact, fold, normalize, skeleton_of_key

# Adjectives of countries: "the Uzbek province of SarkhanDarya", "the Afghan-Tajik border".
COUNTRY_ADJECTIVES: Final[dict[str, str]] = {
    "afghan": "AFG",
    "afghanistani": "AFG",
    "tajik": "TJK",
    "tajikistani": "TJK",
    "uzbek": "UZB",
    "uzbekistani": "UZB",
    "turkmen": "TKM",
    "turkmenistani": "TKM",
    "kyrgyz": "KGZ",
    "pakistani": "PAK",
    "iranian": "IRN",
    "persian": "IRN",
    "chinese": "CHN",
    "russian": "RUS",
}
_MAX_NGRAM = 3
_LOOK_BACK = 8  # "the provinces of Badakhshan, Takhar, and Kunduz": the designator is a few words back
_MIN_SKELETON_LEN = 5  # short skeletons of ordinary words collide with place names
_CACHE_SIZE = 256


@dataclass(frozen=True, slots=True)
class Clues:
    """What the context says: provinces (ISO 3166-2) and countries (ISO3) named, and the announced kind."""

    admin1: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    kind_hint: str | None = None
    # provinces named right after the name ("Behsud district of Nangarhar", "Fayzabad, Jawzjan"): where the text
    # says the place lies
    qualifiers: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.admin1 or self.countries or self.kind_hint)


NO_CLUES: Final = Clues()

# A key of an area the context may name: (admin1 id or None, country ISO3 or None).
AreaRef = tuple[str | None, str | None]


class ContextReader:
    """Finds the areas a context names, by n-gram lookup of its words in a table of area keys.

    `areas` maps compact keys ("badakhshan", "sarepol", "uzbekistan") and `skeletons` maps skeleton keys of
    provinces, first-level regions and countries to the area they name.
    """

    def __init__(self, areas: Mapping[str, AreaRef], skeletons: Mapping[str, AreaRef] | None = None) -> None:
        self._areas = dict(areas)
        self._skeletons = dict(skeletons or {})
        # the same paragraph is read once for each name in it
        self._cache: dict[str, tuple[list[str], frozenset[str], frozenset[str]]] = {}

    def read(self, context: str | None, query: str | None = None) -> Clues:
        if not context or not isinstance(context, str):
            return NO_CLUES
        cached = self._cache.get(context)
        if cached is None:
            tokens = fold(context).split()
            cached = (tokens, *self._areas_in(tokens))
            if len(self._cache) >= _CACHE_SIZE:
                self._cache.clear()
            self._cache[context] = cached
        tokens, admin1, countries = cached
        if not query:
            return Clues(admin1, countries)
        admin1, countries = self._named_besides(tokens, query, admin1, countries)
        return Clues(admin1, countries, kind_hint_in(tokens, query), self._qualifiers(tokens, query))

    def _named_besides(
        self, tokens: list[str], query: str, admin1: frozenset[str], countries: frozenset[str]
    ) -> tuple[frozenset[str], frozenset[str]]:
        """The areas the context names, less those only the query's own words name: "a mosque in Jalalabad" names
        no area ("Jalalabad" is also Kyrgyzstan's Jalal-Abad region, which would otherwise count as a clue)."""
        own_admin1, own_countries = self._areas_in(normalize(query).split())
        if (own_admin1.isdisjoint(admin1)) and (own_countries.isdisjoint(countries)):
            return admin1, countries
        rest = list(tokens)
        found = _find(rest, query)
        while found is not None:
            rest[found[0] : found[1]] = ["|"]  # no area key contains "|": n-grams do not join across the gap
            found = _find(rest, query)
        rest_admin1, rest_countries = self._areas_in(rest)
        return admin1 - (own_admin1 - rest_admin1), countries - (own_countries - rest_countries)

    def _qualifiers(self, tokens: list[str], query: str) -> frozenset[str]:
        """Provinces the text names as where the place lies, right after it: "Behsud district of Nangarhar",
        "Jalal Abad city, Nangarhar", "Fayzabad in Jawzjan", "Fayzabad, Jawzjan province" (not a list of
        places: "Kunduz, Kabul and Kandahar")."""
        found = _find(tokens, query)
        if found is None:
            return frozenset()
        position = found[1]
        designated = position < len(tokens) and tokens[position] in DESIGNATOR_KINDS
        if designated:
            position += 1
        linked = position < len(tokens) and tokens[position] in {"of", "in"}
        if linked:
            position += 1
        area = self._area_at(tokens, position)
        if area is None:
            return frozenset()
        admin1, size = area
        followed = position + size < len(tokens) and DESIGNATOR_KINDS.get(tokens[position + size]) == "province"
        return frozenset({admin1}) if designated or linked or followed else frozenset()

    def _area_at(self, tokens: list[str], position: int) -> tuple[str, int] | None:
        """The province named by the words starting at `position` (longest first), and how many words."""
        for size in range(_MAX_NGRAM, 0, -1):
            if position + size > len(tokens):
                continue
            key = "".join(tokens[position : position + size])
            ref = self._areas.get(key)
            if ref is None and len(key) >= _MIN_SKELETON_LEN:
                ref = self._skeletons.get(skeleton_of_key(key))
            if ref is not None and ref[0]:
                return ref[0], size
        return None

    def _areas_in(self, tokens: list[str]) -> tuple[frozenset[str], frozenset[str]]:
        admin1: set[str] = set()
        countries: set[str] = set()
        for token in tokens:
            country = COUNTRY_ADJECTIVES.get(token)
            if country:
                countries.add(country)
        for n in range(1, _MAX_NGRAM + 1):
            for i in range(len(tokens) - n + 1):
                key = "".join(tokens[i : i + n])
                ref = self._areas.get(key)
                if ref is None and len(key) >= _MIN_SKELETON_LEN:
                    ref = self._skeletons.get(skeleton_of_key(key))
                if ref is None:
                    continue
                area, country = ref
                if area:
                    admin1.add(area)
                if country:
                    countries.add(country)
        return frozenset(admin1), frozenset(countries)


def _find(tokens: list[str], query: str) -> tuple[int, int] | None:
    """Where the query's words first occur in the folded context words: (start, end) token positions."""
    wanted = normalize(query).split()
    if not wanted:
        return None
    wanted_key = "".join(wanted)
    size = len(wanted)
    for i in range(len(tokens) - size + 1):
        if tokens[i : i + size] == wanted or "".join(tokens[i : i + size]) == wanted_key:
            return (i, i + size)
    return None


def kind_hint_in(tokens: list[str], query: str) -> str | None:
    """The kind of place the words next to `query` announce in `tokens` (folded context words), if any."""
    wanted = normalize(query).split()
    if not wanted:
        return None
    wanted_key = compact(query)
    size = len(wanted)
    for i in range(len(tokens) - size + 1):
        if tokens[i : i + size] != wanted and "".join(tokens[i : i + size]) != wanted_key:
            continue
        after = tokens[i + size] if i + size < len(tokens) else ""
        if after in DESIGNATOR_KINDS:
            return DESIGNATOR_KINDS[after]
        for j in range(i - 1, max(i - _LOOK_BACK, 0) - 1, -1):
            word = tokens[j]
            if word in DESIGNATOR_KINDS and j + 1 < len(tokens) and tokens[j + 1] == "of":
                return DESIGNATOR_KINDS[word]
    return None
