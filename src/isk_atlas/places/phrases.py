"""Place descriptions as articles write them: the most specific place a phrase names, and how the phrase relates to
it. A geocoder reads a phrase this way when the phrase as a whole is no name it knows.

    "Ministry of Education in Kabul"        -> Kabul, within (a facility the gazetteer lacks, at Kabul's precision)
    "Taloqan, the capital of Takhar"        -> Taloqan, is (Takhar holds it)
    "south of Kunduz province"              -> Kunduz province, south of
    "the village of Qarluq in Imam Sahib district of Kunduz"
                                            -> Imam Sahib district, within; Qarluq unnamed (the gazetteer lacks it)
    "the third police district of Kunduz city" -> Kunduz (the city), within
    "eastern and northern provinces"        -> East Afghanistan, also North Afghanistan
    "Peshawar, Pakistan"                    -> Peshawar (abroad stays abroad)
    "the Afghan capital"                    -> Kabul

The rules, as data below:
1. The phrase's candidate names: region phrases (`isk_atlas.places.regions`), a country's capital named by its
   adjective ("the Afghan capital"), and runs of capitalised words (a possessive ends one: "Kabul's"). A run is
   asked about whole first, with the designator or facility word after it ("Kunduz province", "Imam Bargah
   mosque"); when it names nothing, its parts between words that never name a place or that name a facility
   ("Sayyidabad Shia Mosque") are asked about. Each is resolved by the geocoder's name path with the phrase (and
   the caller's context) as context, so "the city of Faizabad" with context "Badakhshan" is Badakhshan's.
2. A name after a relation ("south of", "near", "to the west of") is a reference point, not what the phrase is
   about, unless it is the only place named: then the answer is that place with the relation.
3. Of the places the phrase is about, one that lies inside another is more specific (a quarter in a city, a town
   or district in a province, a province in a region or country); the most specific is the answer. Places side
   by side (no one inside another: "Jalalabad and Kabul") are a list: the first is the answer, the others `also`.
4. The relation is `is` when nothing but the places, designators, articles and adjectives is left of the phrase,
   else `within` (something in the place: a ministry, a neighbourhood the gazetteer lacks).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from isk_atlas.geo.build import PROVINCE_REGIONS
from isk_atlas.names import DESIGNATOR_KINDS
from isk_atlas.places.match import Candidate, Match
from isk_atlas.places.regions import find_region_phrases
from isk_atlas.places.words import DIRECTION_WORDS, FACILITY_WORDS, NOT_PLACE_WORDS

# A phrase rather than a name: a comma or a possessive, or a word in lower case between others ("in", "of").
PHRASE_LIKE: Final = re.compile(r",|['’]s\b|\w\s+[a-z]{2,}\b|^[a-z]{2,}\s|\s[a-z]+$")

# Capitals named by the country's adjective: "the Afghan capital", "the Tajik capital Dushanbe".
CAPITALS: Final[dict[str, tuple[str, str]]] = {
    "afghan": ("Kabul", "Afghanistan"),
    "tajik": ("Dushanbe", "Tajikistan"),
    "uzbek": ("Tashkent", "Uzbekistan"),
    "pakistani": ("Islamabad", "Pakistan"),
    "iranian": ("Tehran", "Iran"),
    "turkmen": ("Ashgabat", "Turkmenistan"),
    "kyrgyz": ("Bishkek", "Kyrgyzstan"),
    "russian": ("Moscow", "Russia"),
}
_CAPITAL: Final = re.compile(r"\b(?P<adjective>" + "|".join(CAPITALS) + r")\s+capital\b", re.IGNORECASE)

# Relations written before a reference point, tried on the words just before a name (lower case).
_DIRECTION = r"(?P<direction>(?:north|south)-?(?:east|west)|north|south|east|west)(?:ern)?"
RELATION_BEFORE: Final[tuple[tuple[re.Pattern[str], str], ...]] = (
    # "south of Kunduz province", "to the west of Kabul", "some 200km northeast of Karachi"
    (re.compile(rf"\b{_DIRECTION}\s+of\s+(?:the\s+)?$"), "{direction} of"),
    # "near Kabul", "outside Jalalabad", "on the outskirts of Kunduz", "close to the border"
    (re.compile(r"\b(?:near|nearby|outside|around|close\s+to|outskirts\s+of|vicinity\s+of)\s+(?:the\s+)?$"), "near"),
)
# Words that say nothing of where beyond the names they stand with: articles, designators, directions, country
# adjectives, "capital". What else is left of a phrase is something within its place.
_PLAIN_WORDS: Final = frozenset(
    {"the", "a", "an", "of", "in", "and", "at", "s", "capital", "city", "town", "also", "both", "part", "parts",
     "country", "countries", "afghanistan", "border", "bordering", "its", "this", "that", "province", "provinces",
     *DESIGNATOR_KINDS, *DIRECTION_WORDS, *(adjective for adjective in CAPITALS)}
)  # fmt: skip
_BREAKS: Final = NOT_PLACE_WORDS | FACILITY_WORDS | frozenset(DIRECTION_WORDS)
_NAME_WORD: Final = r"[A-Z][A-Za-z]*(?:-(?:[A-Z][A-Za-z]*|[a-z]{1,2}(?=-)|e|i))*"
_RUN: Final = re.compile(rf"(?<![\w\-]){_NAME_WORD}(?:[ \t]+(?:(?:e|i|ye|wa)[ \t]+)?{_NAME_WORD})*")
_WORD: Final = re.compile(_NAME_WORD)
_NEXT_WORD: Final = re.compile(r"\s*([A-Za-z]+)")
_LOWER_WORDS: Final = re.compile(r"[a-z]+")
# How specific a kind is: a place of a lower rank lies inside one of a higher rank.
_SPECIFICITY: Final[dict[str, int]] = {
    "landmark": 0,
    "quarter": 0,
    "border_crossing": 0,
    "town": 1,
    "district": 2,
    "province": 3,
    "region": 4,
    "country": 5,
}
_REGION_PROVINCES: Final = {
    f"region:{key}": frozenset(provinces) for key, (_, provinces, _) in PROVINCE_REGIONS.items()
}


def leading_relation(query: str) -> str | None:
    """The relation a query opens with ("near Jalalabad": near; "south of Kunduz": south of), or None."""
    lowered = query.lower()
    for pattern, relation in RELATION_BEFORE:
        for end in (m.end() for m in re.finditer(r"\s+", lowered)):
            written = pattern.search(lowered[:end])
            if written is not None and written.start() == 0:
                direction = written.groupdict().get("direction")
                return relation.format(direction=DIRECTION_WORDS.get(direction or "", direction or ""))
    return None


def reads_as_phrase(query: str) -> bool:
    """Whether a query that names no place may describe one: a comma, a possessive, a word in lower case between
    others, or a word that is no name: a facility ("Kunduz Water Department"), a nationality ("Iranian
    Baluchistan"), a direction."""
    return bool(PHRASE_LIKE.search(query)) or any(word.lower() in _BREAKS for word in query.split())


NameResolver = Callable[[str, str | None], Match]
# A place of the gazetteer by its id, as a Match for the words that named it (None: no such place).
PlaceById = Callable[[str, str], Match | None]


@dataclass(frozen=True, slots=True)
class _Named:
    """A place the phrase names: where, the place, and the relation written before it (None: none)."""

    start: int
    end: int
    match: Match
    relation: str | None


def read_phrase(
    resolve: NameResolver,
    place: PlaceById,
    countries_named: Callable[[str, str], frozenset[str]],
    phrase: str,
    context: str | None,
) -> Match:
    """The most specific place `phrase` names and how the phrase relates to it (see the module docstring), or an
    unresolved Match that lists the names found in it (`unnamed`). `resolve(name, context)`: the geocoder's
    path for one name (never this function again); `place(place_id, written)`: a place by its id;
    `countries_named(text, besides)`: the countries a text names (by name or adjective) other than by `besides`."""
    text = phrase.replace("’", "'")
    around = f"{text} {context}" if context else text
    named, unnamed = _names_in(resolve, place, text, around)
    if not named:
        return Match.unresolved(phrase, unnamed=tuple(unnamed))
    subjects = [item for item in named if item.relation is None] or named
    chosen, also = _most_specific(subjects)
    countries = countries_named(text, text[chosen.start : chosen.end])
    named_countries = any(item.match.kind == "country" for item in named)
    if len(countries) == 1 and not named_countries and not countries & {chosen.match.country, *chosen.match.countries}:
        # the phrase says which country ("Iranian Baluchistan"), and what it names lies in another: a namesake;
        # the phrase is placed in its country
        (country,) = countries
        in_country = place(country, phrase)
        if in_country is not None:
            return in_country._replace(
                query=phrase, relation="within", unnamed=(*unnamed, phrase[chosen.start : chosen.end])
            )
    relation = chosen.relation or _relation(text, named, unnamed)
    return chosen.match._replace(
        query=phrase,
        span=phrase[chosen.start : chosen.end],
        relation=relation,
        also=tuple(_candidate(item.match) for item in also),
        unnamed=tuple(unnamed),
    )


def _names_in(resolve: NameResolver, place: PlaceById, text: str, around: str) -> tuple[list[_Named], list[str]]:
    lowered = text.lower()
    named: list[_Named] = []
    unnamed: list[str] = []
    taken: list[tuple[int, int]] = []
    regions, region_spans = find_region_phrases(lowered)
    for region_id, start, end in regions:
        match = place(region_id, text[start:end])
        if match is not None:
            named.append(_Named(start, end, match, _relation_before(lowered, start)))
    taken.extend(region_spans)
    for found in _CAPITAL.finditer(text):
        city, country = CAPITALS[found["adjective"].lower()]
        match = resolve(city, country)
        if match.resolved and not _overlaps(found.span(), taken):
            named.append(_Named(found.start(), found.end(), match, _relation_before(lowered, found.start())))
            taken.append(found.span())
    for run in _RUN.finditer(text):
        if _overlaps(run.span(), taken):
            continue
        for start, end, match in _resolve_run(resolve, text, run.start(), run.end(), around, unnamed):
            named.append(_Named(start, end, match, _relation_before(lowered, start)))
    named.sort(key=lambda item: item.start)
    # a loose match in a country no sure name of the phrase lies in is a place the gazetteer lacks ("the village
    # of Qarluq in Imam Sahib district": not Turkmenistan's Qarluq)
    sure = {country for item in named if item.match.certain for country in (item.match.country, *item.match.countries)}
    kept = []
    for item in named:
        if sure and not item.match.certain and item.match.country not in sure:
            unnamed.append(text[item.start : item.end])
        else:
            kept.append(item)
    return _distinct(kept), unnamed


def _resolve_run(
    resolve: NameResolver, text: str, start: int, end: int, around: str, unnamed: list[str]
) -> list[tuple[int, int, Match]]:
    """A run of capitalised words as a whole (with the designator or facility word after it), else its parts
    between break words; parts that name nothing go to `unnamed`."""
    following = _NEXT_WORD.match(text, end)
    if following and following.group(1).lower() in (FACILITY_WORDS | set(DESIGNATOR_KINDS)):
        match = resolve(text[start : following.end()], around)
        if match.resolved:
            return [(start, end, match)]
    match = resolve(text[start:end], around)
    if match.resolved:
        return [(start, end, match)]
    words = [(m.start(), m.end()) for m in _WORD.finditer(text, start, end)]
    parts: list[list[tuple[int, int]]] = [[]]
    for word in words:
        if text[word[0] : word[1]].lower() in _BREAKS:
            parts.append([])
        else:
            parts[-1].append(word)
    parts = [part for part in parts if part]
    if len(parts) == 1 and parts[0][0][0] == start and parts[0][-1][1] == end:
        unnamed.append(text[start:end])  # the run itself, already asked about
        return []
    found: list[tuple[int, int, Match]] = []
    for part in parts:
        part_start, part_end = part[0][0], part[-1][1]
        match = resolve(text[part_start:part_end], around)
        if match.resolved:
            found.append((part_start, part_end, match))
        else:
            unnamed.append(text[part_start:part_end])
    return found


def _relation_before(lowered: str, start: int) -> str | None:
    before = lowered[max(0, start - 40) : start]
    for pattern, relation in RELATION_BEFORE:
        written = pattern.search(before)
        if written is not None:
            direction = written.groupdict().get("direction")
            return relation.format(direction=DIRECTION_WORDS.get(direction or "", direction or ""))
    return None


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


def _distinct(named: list[_Named]) -> list[_Named]:
    """One entry per place (the first time the phrase names it)."""
    seen: set[str | None] = set()
    kept = []
    for item in named:
        if item.match.place_id not in seen:
            seen.add(item.match.place_id)
            kept.append(item)
    return kept


def _contains(outer: Match, inner: Match) -> bool:
    """Whether place `inner` lies inside place `outer` (by their kinds, provinces and countries)."""
    if outer.place_id == inner.place_id:
        return False
    rank_outer = _SPECIFICITY.get(outer.kind or "", 0)
    rank_inner = _SPECIFICITY.get(inner.kind or "", 0)
    if rank_outer <= rank_inner:
        return False
    if outer.kind == "country":
        return inner.country == outer.country or outer.country in inner.countries
    if outer.kind == "region":
        provinces = _REGION_PROVINCES.get(outer.place_id or "")
        return inner.admin1 in provinces if provinces else bool(set(outer.countries) & {inner.country})
    return outer.admin1 is not None and outer.admin1 == inner.admin1


def _most_specific(subjects: list[_Named]) -> tuple[_Named, list[_Named]]:
    """The place the others contain (most specific), and the places side by side with it (a list)."""
    innermost = [s for s in subjects if not any(_contains(s.match, other.match) for other in subjects)]
    chosen = innermost[0]
    also = [s for s in innermost[1:] if not _contains(s.match, chosen.match)]
    return chosen, also


def _relation(text: str, named: list[_Named], unnamed: list[str]) -> str:
    """`is` when the phrase holds nothing but its places and plain words, else `within`."""
    if unnamed:
        return "within"
    rest = text
    for item in sorted(named, key=lambda i: -i.start):
        rest = rest[: item.start] + " " + rest[item.end :]
    words = _LOWER_WORDS.findall(rest.lower())
    return "is" if all(word in _PLAIN_WORDS for word in words) else "within"


def _candidate(match: Match) -> Candidate:
    assert match.place_id is not None and match.name is not None and match.kind is not None
    assert match.precision is not None
    return Candidate(
        place_id=match.place_id,
        name=match.name,
        kind=match.kind,
        admin1=match.admin1,
        admin2=match.admin2,
        country=match.country,
        lat=match.lat,
        lon=match.lon,
        precision=match.precision,
        score=match.score,
        countries=match.countries,
    )


__all__ = ["CAPITALS", "PHRASE_LIKE", "RELATION_BEFORE", "leading_relation", "read_phrase", "reads_as_phrase"]
