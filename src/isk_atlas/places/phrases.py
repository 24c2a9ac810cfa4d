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
   about, unless it is the only place named, or every other place named holds it ("near the town of Jurm in
   Badakhshan": Badakhshan only says where Jurm lies): then the answer is that place with the relation.
3. Of the places the phrase is about, one that lies inside another is more specific (a quarter in a city, a town
   or district in a province, a province in a region or country); the most specific is the answer. Places side
   by side (no one inside another: "Jalalabad and Kabul") are a list: the first is the answer, the others `also`.
4. The relation is `is` when nothing but the places, designators, articles and adjectives is left of the phrase,
   else `within` (something in the place: a ministry, a neighbourhood the gazetteer lacks).
Further rules, each a pattern below with its example (places/README.md lists them): a name said to lie in the next
("X in Y", "Y's X") is read with Y as its context (`CONTAINED_BY`, `HOLDS_NEXT`); a person's title makes the name
after it a person; a country's or province's capital (`CAPITAL_PHRASES`, `PROVINCE_CAPITAL_BEFORE`); a distance
before a direction leads to the province there (`DISTANCE`); a plural designator after a list (`LIST_DESIGNATOR`);
a phrase naming only a kind refers to the place of that kind its context names (`ANAPHOR`); the border of two
countries (`BORDER_BETWEEN`); a place across the border from a reference point lies in the other country the phrase
names (`ACROSS_BORDER`); a country's adjective before "territory", "soil" or "side" is the country
(`COUNTRY_GROUND`); names joined by "and" are one place when the gazetteer knows them whole (`JOINED_NAME`); a
country's possessive before its embassy owns the building and says nothing of where it stands (`MISSION_OWNER`); a
phrase naming no place lies in the place its context is, when the context is a place's name (`PLACE_CONTEXT`)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Final

from isk_atlas.geo.build import PROVINCE_REGIONS
from isk_atlas.names import DESIGNATOR_KINDS, LATIN_LETTER, LATIN_LOWER, LATIN_UPPER
from isk_atlas.places.match import Candidate, Match
from isk_atlas.places.regions import BORDER_ZONES, find_region_phrases
from isk_atlas.places.words import (
    COUNTRY_ADJECTIVES,
    DIRECTION_WORDS,
    FACILITY_WORDS,
    NOT_PLACE_WORDS,
    PERSON_TITLES,
)

# A phrase rather than a name: a comma or a possessive, or a word in lower case between others ("in", "of").
# (a parenthesis too: a dateline's agency, "MOSCOW (Sputnik)")
PHRASE_LIKE: Final = re.compile(r",|\(|['’]s\b|\w\s+[a-z]{2,}\b|^[a-z]{2,}\s|\s[a-z]+$")

# Capitals named by the country's adjective (`COUNTRY_ADJECTIVES`): "the Afghan capital", "the Tajik capital
# Dushanbe".
CAPITAL_CITIES: Final[dict[str, tuple[str, str]]] = {
    "AFG": ("Kabul", "Afghanistan"), "TJK": ("Dushanbe", "Tajikistan"), "UZB": ("Tashkent", "Uzbekistan"),
    "PAK": ("Islamabad", "Pakistan"), "IRN": ("Tehran", "Iran"), "TKM": ("Ashgabat", "Turkmenistan"),
    "KGZ": ("Bishkek", "Kyrgyzstan"), "RUS": ("Moscow", "Russia"),
}  # fmt: skip
CAPITALS: Final[dict[str, tuple[str, str]]] = {
    adjective: CAPITAL_CITIES[country] for adjective, country in COUNTRY_ADJECTIVES.items() if country in CAPITAL_CITIES
}
_COUNTRY_CAPITALS: Final = {country.lower(): (city, country) for city, country in CAPITAL_CITIES.values()}
# "the Afghan capital", "Afghanistan's capital", "the capital of Afghanistan"
CAPITAL_PHRASES: Final = (
    re.compile(r"\b(?P<adjective>" + "|".join(CAPITALS) + r")\s+capital\b", re.IGNORECASE),
    re.compile(r"\b(?P<country>" + "|".join(_COUNTRY_CAPITALS) + r")'s\s+capital\b", re.IGNORECASE),
    re.compile(r"\bcapital\s+of\s+(?P<country>" + "|".join(_COUNTRY_CAPITALS) + r")\b", re.IGNORECASE),
)
# A national ministry, parliament or presidential palace sits in the capital, something within it: "the Afghan
# Ministry of Urban Development", "Afghanistan's interior ministry", "the Iranian parliament" (one in another city
# says so: "the Afghan interior ministry in Herat"). The adjective or the country's name is the span that names
# the capital.
_NATIONAL_SEAT: Final = r"(?:ministry|parliament|presidential\s+palace)\b"
# A government named by its rulers, not its country: "the Taliban's heavily fortified foreign ministry", "a Taliban
# ministry" (Afghanistan's since August 2021).
GOVERNMENT_CAPITALS: Final[dict[str, tuple[str, str]]] = {"taliban": CAPITAL_CITIES["AFG"]}
# The capital each pattern's named group stands for, by the group's name.
_CAPITALS_BY_GROUP: Final[dict[str, dict[str, tuple[str, str]]]] = {
    "adjective": CAPITALS, "country": _COUNTRY_CAPITALS, "government": GOVERNMENT_CAPITALS,
}  # fmt: skip
MINISTRY_PHRASES: Final = (
    re.compile(r"\b(?P<adjective>" + "|".join(CAPITALS) + r")\s+(?:[a-z-]+\s+){0,2}?" + _NATIONAL_SEAT, re.IGNORECASE),
    re.compile(
        r"\b(?P<country>" + "|".join(_COUNTRY_CAPITALS) + r")['’]s\s+(?:[a-z-]+\s+){0,2}?" + _NATIONAL_SEAT,
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?P<government>" + "|".join(GOVERNMENT_CAPITALS) + r")(?:['’]s)?\s+(?:[a-z-]+\s+){0,3}?" + _NATIONAL_SEAT,
        re.IGNORECASE,
    ),
)
# A province's capital: "the capital of Takhar", "the provincial capital of Uruzgan", "Kunar's provincial capital",
# "the Helmand capital", "the Balochistan capital city", "the capital of the eastern Afghan province of Nangarhar"
# (tried on the words before and after a province's name, lower case).
PROVINCE_CAPITAL_BEFORE: Final = re.compile(r"\bcapital\s+(?:city\s+)?of\s+(?:the\s+)?(?:[a-z-]+\s+){0,4}$")
PROVINCE_CAPITAL_AFTER: Final = re.compile(r"^(?:\s+province)?(?:['’]s)?\s+(?:provincial\s+)?capital\b")

# Country names and adjectives of a border between two countries ("the Tajik-Uzbek border", "the Pakistan-Iran
# border"): a border zone the gazetteer has no region for is the first country, the second named beside it.
# (Names and short forms of the countries it reads, and their adjectives from `COUNTRY_ADJECTIVES`.)
_COUNTRY_NAMES: Final[dict[str, str]] = {
    "afghanistan": "AFG", "tajikistan": "TJK", "uzbekistan": "UZB", "pakistan": "PAK", "pak": "PAK", "iran": "IRN",
    "turkmenistan": "TKM", "kyrgyzstan": "KGZ", "china": "CHN", "sino": "CHN", "india": "IND", "russia": "RUS",
    "kazakhstan": "KAZ",
}  # fmt: skip
COUNTRY_WORDS: Final[dict[str, str]] = {
    **{adjective: country for adjective, country in COUNTRY_ADJECTIVES.items() if country in _COUNTRY_NAMES.values()},
    **_COUNTRY_NAMES,
}
_COUNTRY_WORD = "|".join(sorted(COUNTRY_WORDS, key=len, reverse=True))
BORDER_BETWEEN: Final = re.compile(
    rf"\b(?P<first>{_COUNTRY_WORD})\s*[-/]\s*(?P<second>{_COUNTRY_WORD})\s+(?:border|frontier)s?\b", re.IGNORECASE
)
# A country's adjective before its ground ("fired from Afghan territory", "on Tajik soil", "the Pakistani side"): the
# country.
COUNTRY_GROUND: Final = re.compile(
    rf"\b(?P<country>{_COUNTRY_WORD})\s+(?:territory|territories|soil|side|land|ground|airspace)\b", re.IGNORECASE
)
# A country's possessive before a mission it keeps abroad ("a shooting at Pakistan's embassy", "Iran's consulate"):
# the country owns the building, it does not say where it stands (the context does).
MISSION_OWNER: Final = re.compile(
    rf"\b(?P<country>{_COUNTRY_WORD})'s\s+(?:embassy|embassies|consulate|consulates|diplomatic\s+mission)\b",
    re.IGNORECASE,
)
# Words that name a border, not the country a place lies in ("Hairatan port on the Uzbek border", "the border with
# Pakistan"): left out when the phrase is read for the country it says a place lies in.
BORDER_WORDS: Final = re.compile(
    rf"\b(?:{_COUNTRY_WORD})(?:\s*[-/]\s*(?:{_COUNTRY_WORD}))?\s+(?:border|frontier)s?\b|"
    rf"\b(?:border|frontier)s?\s+(?:with|of|between)\s+(?:[A-Za-z]+\s+and\s+)?[A-Za-z]+",
    re.IGNORECASE,
)

# Afghanistan's border named from the other side ("a checkpoint along the Afghan border", "near the border with
# Afghanistan"): the place lies in a neighbour's half of a border zone, and which neighbour only the context says
# (the one neighbour its places lie in: `--context "North Waziristan"`); with none the phrase names no place. A
# border zone a phrase names ("near the Pakistani border") lies on the side of the one of its two countries the
# context's places lie in, else on Afghanistan's (the side the project maps).
AFGHAN_BORDER: Final = re.compile(
    r"(?<![-/\w])(?:afghan|afghanistan)\s+(?:border|frontier)s?\b|\b(?:border|frontier)s?\s+with\s+afghanistan\b",
    re.IGNORECASE,
)
# (phrase, context, the border zone's id and the country of its side; None: unresolved): a test reads each
BORDER_SIDE_EXAMPLES: Final[tuple[tuple[str, str | None, tuple[str, str] | None], ...]] = (
    ("a checkpoint along the Afghan border", "Pakistan", ("region:afghan-pakistani-border", "PAK")),
    ("a checkpoint along the Afghan border", "Militants hit it in North Waziristan.",
     ("region:afghan-pakistani-border", "PAK")),
    ("a post near the border with Afghanistan", "Khatlon", ("region:afghan-tajik-border", "TJK")),
    ("a checkpoint along the Afghan border", None, None),
    ("near the Pakistani border", "Nangarhar province", ("region:afghan-pakistani-border", "AFG")),
    ("near the Pakistani border", None, ("region:afghan-pakistani-border", "AFG")),
)  # fmt: skip

# Relations written before a reference point, tried on the words just before a name (lower case).
_DIRECTION = r"(?P<direction>(?:north|south)-?(?:east|west)|north|south|east|west)(?:ern)?"
_OF_KIND = r"(?:(?:city|town|village|district|province|capital)\s+of\s+(?:the\s+)?)?"
RELATION_BEFORE: Final[tuple[tuple[re.Pattern[str], str], ...]] = (
    # "south of Kunduz province", "to the west of Kabul", "some 200km northeast of Karachi"
    (re.compile(rf"\b{_DIRECTION}\s+of\s+(?:the\s+)?{_OF_KIND}$"), "{direction} of"),
    # "near Kabul", "outside Jalalabad", "on the outskirts of Kunduz", "outside the city of Ghazni", "close to the
    # border", "near the border with Pakistan"
    (re.compile(rf"\b(?:near|nearby|outside|around|close\s+to|outskirts\s+of|vicinity\s+of)\s+(?:the\s+)?{_OF_KIND}$"),
     "near"),
    (re.compile(r"\b(?:border|borders|frontier)\s+(?:with|of)\s+(?:the\s+)?$"), "near"),
    # "a base across the border from Khwaja Ghar", "across the river from Termez" (`ACROSS_BORDER`)
    (re.compile(rf"\bacross\s+(?:the\s+)?(?:border|frontier|river)\s+from\s+(?:the\s+)?{_OF_KIND}$"), "across from"),
)  # fmt: skip
# A place across a border from a reference point lies in the other country: the one the phrase names besides the
# reference point's ("a Tajik post across the border from Khwaja Ghar": Tajikistan, not Takhar).
ACROSS_BORDER: Final = "across from"
# A distance before a direction ("some 40 km north of", "180 kilometers west of"): the place lies that far from the
# reference point, tried on the words before the direction's relation.
DISTANCE: Final = re.compile(
    rf"(?P<amount>\d+(?:[.,]\d+)?)\s*-?\s*(?P<unit>km|kms|kilometers?|kilometres?|miles?|mi)\s+(?:to\s+the\s+)?"
    rf"{_DIRECTION}\s+of\s+(?:the\s+)?{_OF_KIND}$"
)
KM_PER_UNIT: Final[dict[str, float]] = {
    "km": 1.0, "kms": 1.0, "kilometer": 1.0, "kilometers": 1.0, "kilometre": 1.0, "kilometres": 1.0,
    "mile": 1.609, "miles": 1.609, "mi": 1.609,
}  # fmt: skip
_BEARINGS: Final[dict[str, float]] = {
    "north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0, "south": 180.0, "southwest": 225.0,
    "west": 270.0, "northwest": 315.0,
}  # fmt: skip
# Offsets shorter than this leave the reference point the answer.
MIN_OFFSET_KM: Final = 10.0
EARTH_KM: Final = 6371.0088

# Words that say where a name lies (the next name holds it): "X in Y", "the X area of Y", "X villages of Y district"
# (the text between them, lower case, names in it blanked); "Y's X" (possessive: Y holds X).
CONTAINED_BY: Final = re.compile(
    r"^(?:(?!\b(?:and|or)\s+(?:of|in)\b)[^,;])*?\b(?:of|in)\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}$"
)
HOLDS_NEXT: Final = re.compile(r"^'s\s+(?:[a-z-]+\s+){0,3}$")
# "Sarband, Peshawar": a place and, after a comma, the town, district or province it lies in; the last pair of the
# phrase only ("Kabul, Kandahar and Herat" is a list), and a pair of one country only when the gazetteer agrees.
APPOSED: Final = re.compile(r"^\s*,\s*$")
# What stands between two names of a list: "Herat, Kabul and Kandahar".
LISTED_BETWEEN: Final = re.compile(r"\s*(?:,|and|or|&)\s*(?:and\s+|or\s+)?")
_LIST_GOES_ON: Final = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?[A-Z]|and\b|or\b|&)")
_APPOSED_INNER: Final = frozenset({"town", "quarter", "landmark", "district"})
_APPOSED_OUTER: Final = frozenset({"town", "district", "province"})
# What these declare: the starting point of a movement in a place phrase ("migrated from Kerala to Afghanistan",
# "fighters from Tajikistan and Uzbekistan crossed into Kunar"): any "from" with at most four lower-case words before
# a name (`STARTING_POINT_BEFORE`, run on the lowered phrase up to the name), and every name of a list right after
# one (`STARTING_POINT_LIST`). Not where the thing is when the phrase names anything else (as rule 2 reads a
# reference point; places/README.md rule 17); "across the border from" is a relation of its own (`ACROSS_BORDER`).
# Whoever moved, and whatever: not to be confused with `isk_atlas.events.cues.DOERS_FROM_BEFORE`, which reads in an
# article where an event's doers came from.
STARTING_POINT_BEFORE: Final = re.compile(r"\bfrom\s+(?:(?!(?:to|into|in|at|and|or|near)\s)[a-z-]+\s+){0,4}$")
STARTING_POINT_LIST: Final = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|(?:and|or|&)\s+)(?:the\s+)?$")
# (phrase, the id of the place it answers): a test reads each
STARTING_POINT_EXAMPLES: Final[tuple[tuple[str, str], ...]] = (
    ("migrated from Kerala to Afghanistan", "AFG"),
    ("fighters from Tajikistan and Uzbekistan crossed into Kunar", "AF-KNR"),
    ("fighters from Tajikistan and Uzbekistan", "TJK"),  # nothing but starting points: the first of the list
)

# A phrase that names no place but refers back to one its context names ("the provincial capital", "this
# district", "a mosque in the city", "the south-central city"): the designator says which kind.
ANAPHOR: Final = re.compile(
    r"(?:^|\b(?:the|this|that|its|same|of|in)\s+)(?:[a-z-]+\s+){0,3}?(?P<designator>province|district|city|town|"
    r"capital|country)\b(?!\s+of\b)"
)
ANAPHOR_KINDS: Final[dict[str, tuple[str, str | None]]] = {
    # designator -> (kind wanted, designator word to resolve the context's names with)
    "province": ("province", "province"), "district": ("district", "district"), "city": ("town", "city"),
    "town": ("town", "city"), "capital": ("town", None), "country": ("country", None),
}  # fmt: skip
# A designator in the plural after a list names the kind of each ("in Khost and Paktika provinces").
LIST_DESIGNATOR: Final = re.compile(
    r"(?:\s*(?:,|\band\b|\bor\b|&)\s*(?:the\s+)?[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*)+\s+"
    r"(?P<designator>provinces|districts|cities|towns)\b"
)
_SINGULAR: Final = {"provinces": "province", "districts": "district", "cities": "city", "towns": "town"}
# Words that say nothing of where beyond the names they stand with: articles, designators, directions, country
# adjectives, "capital". What else is left of a phrase is something within its place.
_PLAIN_WORDS: Final = frozenset(
    {"the", "a", "an", "of", "in", "and", "at", "s", "capital", "city", "town", "also", "both", "part", "parts",
     "country", "countries", "afghanistan", "border", "bordering", "its", "this", "that", "province", "provinces",
     *DESIGNATOR_KINDS, *DIRECTION_WORDS, *(adjective for adjective in CAPITALS)}
)  # fmt: skip
_BREAKS: Final = NOT_PLACE_WORDS | FACILITY_WORDS | frozenset(DIRECTION_WORDS)
# a word with an apostrophe inside ("Shi'ite") is one word; a possessive ("Kabul's") is not part of it
_NAME_WORD: Final = (
    rf"[{LATIN_UPPER}][{LATIN_LETTER}]*(?:'(?!s\b)[{LATIN_LOWER}]+)?"
    rf"(?:-(?:[{LATIN_UPPER}][{LATIN_LETTER}]*|[a-z]{{1,2}}(?=-)|e|i))*"
)
_RUN: Final = re.compile(rf"(?<![\w\-]){_NAME_WORD}(?:[ \t]+(?:(?:e|i|ye|wa)[ \t]+)?{_NAME_WORD})*")
# Two runs joined by "and" may be one name ("Sistan and Baluchestan", "Jammu and Kashmir"): asked about whole first,
# and kept only when the gazetteer knows it as written (a list, "Khost and Paktika", names nothing as a whole).
JOINED_NAME: Final = re.compile(
    rf"(?<![\w\-]){_NAME_WORD}(?:[ \t]+{_NAME_WORD})*[ \t]+and[ \t]+{_NAME_WORD}(?:[ \t]+{_NAME_WORD})*"
)
# A context that is itself a place's name ("Germany", "Kabul", "Helmand province, Afghanistan"), not a sentence:
# capitalised words, designators and commas only. A phrase naming no place lies in it.
PLACE_CONTEXT: Final = re.compile(
    rf"^\s*{_NAME_WORD}(?:(?:\s*,\s*|\s+)(?:{_NAME_WORD}|province|district|city|town|country))*\s*$"
)
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
class Lookups:
    """What the phrase reader asks the geocoder. `resolve(name, context)`: the geocoder's path for one name (never
    the phrase reader again); `place(place_id, written)`: a place by its id; `countries_named(text, besides)`: the
    countries a text names (by name or adjective) other than by `besides`; `capital_of(admin1, written)`: a
    province's capital town; `place_near(lat, lon, written)`: the province a point lies in (None: too far from
    every place)."""

    resolve: NameResolver
    place: PlaceById
    countries_named: Callable[[str, str], frozenset[str]]
    capital_of: Callable[[str, str], Match | None]
    place_near: Callable[[float, float, str], Match | None]


@dataclass(frozen=True, slots=True)
class _Named:
    """A place the phrase names: where, the place, the relation written before it (None: none) and the distance
    written before that relation in km (None: none)."""

    start: int
    end: int
    match: Match
    relation: str | None
    distance: float | None = None
    # a starting point of a movement ("from Kerala", `STARTING_POINT_BEFORE`)
    starting_point: bool = False


def read_phrase(lookups: Lookups, phrase: str, context: str | None) -> Match:
    """The most specific place `phrase` names and how the phrase relates to it (see the module docstring), or an
    unresolved Match that lists the names found in it (`unnamed`)."""
    text = phrase.replace("’", "'")
    around = f"{text} {context}" if context else text
    named, unnamed, holds = _names_in(lookups, text, around)
    if AFGHAN_BORDER.search(text) and all(item.match.place_id == "AFG" for item in named):
        zone = border_zone(lookups, phrase, context, None)
        if zone is not None or not named:
            return zone if zone is not None else Match.unresolved(phrase, unnamed=tuple(unnamed))
    if not named:
        referred = _referred(lookups, text, context, unnamed) or _in_context_place(lookups, phrase, context, unnamed)
        return referred if referred is not None else Match.unresolved(phrase, unnamed=tuple(unnamed))
    subjects = _subjects(named, holds)
    chosen, also = _most_specific(subjects, holds)
    if chosen.distance is not None and chosen.distance >= MIN_OFFSET_KM and len(subjects) == 1:
        away = _offset(lookups, chosen, phrase)
        if away is not None:
            return away
    if chosen.relation == ACROSS_BORDER:
        across = _across(lookups, text, phrase, chosen)
        if across is not None:
            return across
    # the country the words right before the name say it lies in ("Iranian Baluchistan"; not "Persian new year in
    # Afghanistan's capital", nor "on the Uzbek border")
    before = BORDER_WORDS.sub(" ", text[: chosen.start]).split()[-1:]
    countries = lookups.countries_named(
        " ".join([*before, text[chosen.start : chosen.end]]), text[chosen.start : chosen.end]
    )
    named_countries = any(item.match.kind == "country" for item in named)
    if len(countries) == 1 and not named_countries and not countries & {chosen.match.country, *chosen.match.countries}:
        # the phrase says which country ("Iranian Baluchistan"), and what it names lies in another: a namesake;
        # the phrase is placed in its country
        (country,) = countries
        in_country = lookups.place(country, phrase)
        if in_country is not None:
            return in_country._replace(
                query=phrase, relation="within", unnamed=(*unnamed, phrase[chosen.start : chosen.end])
            )
    # a name the geocoder placed in the country the words around it say (a namesake elsewhere: "Iranian
    # Baluchistan") is a place within that country the gazetteer lacks
    unnamed = list(dict.fromkeys([*unnamed, *chosen.match.unnamed]))
    if chosen.match.kind == "country" and chosen.match.reason == "context" and len(subjects) == 1:
        # a name the gazetteer lacks, placed in its country by the words around it ("the X tehsil"): a
        # context that is a place of that country says more ("--context Peshawar")
        placed = _in_context_place(lookups, phrase, context, unnamed)
        if placed is not None and placed.kind != "country" and lies_in(placed, chosen.match):
            return placed
    if chosen.match.place_id in ZONE_IDS and len(subjects) == 1 and context:
        side = border_zone(lookups, phrase, context, chosen.match)
        if side is not None:
            return side._replace(query=phrase, span=None, relation="near")
    relation = chosen.relation or _relation(text, named, unnamed, chosen.match)
    return chosen.match._replace(
        query=phrase,
        span=phrase[chosen.start : chosen.end],
        relation=relation,
        also=tuple(_candidate(item.match) for item in also),
        unnamed=tuple(unnamed),
    )


ZONE_IDS: Final = frozenset(BORDER_ZONES.values())


def border_zone(lookups: Lookups, phrase: str, context: str | None, zone: Match | None) -> Match | None:
    """The border zone on the side its context says (`AFGHAN_BORDER`): for Afghanistan's border named from the other
    side (`zone` None) the zone of the one neighbour the context's places lie in (None when it names none or
    several); for a zone the phrase names, the zone on the side of the one of its countries the context's places lie
    in (None: the context says nothing)."""
    if not context:
        return None
    rest = context.replace(phrase, " ")
    countries: set[str] = set()
    for run in _RUN.finditer(rest):
        match = lookups.resolve(run.group(0), rest)
        if match.resolved and match.reason == "exact" and match.place_id not in ZONE_IDS:
            countries.update(country for country in (match.country, *match.countries) if country)
    if zone is None:
        neighbours = {country for country in countries if country in BORDER_ZONES}
        if len(neighbours) != 1:
            return None
        (side,) = neighbours
        found = lookups.place(BORDER_ZONES[side], phrase)
        return None if found is None else found._replace(query=phrase, span=None, country=side, relation="near")
    sides = countries & set(zone.countries)
    if len(sides) != 1:
        return None
    (side,) = sides
    return zone._replace(country=side)


def reads_as_anaphor(query: str) -> bool:
    """Whether a query in lower case names no place but a kind of place it refers back to ("the provincial
    capital", "this district", "the south-central city")."""
    return query == query.lower() and ANAPHOR.search(query) is not None


def _referred(lookups: Lookups, text: str, context: str | None, unnamed: list[str]) -> Match | None:
    """The place of the kind a phrase refers back to ("the provincial capital", "this district", "a mosque in the
    city") that its context names, or None."""
    found = ANAPHOR.search(text) if context else None
    if found is None or context is None:
        return None
    kind, designator = ANAPHOR_KINDS[found["designator"]]
    provincial = found["designator"] == "capital"
    for run in _RUN.finditer(context):
        name = run.group(0)
        if designator is not None:
            match = lookups.resolve(f"{name} {designator}", context)
        else:
            match = lookups.resolve(name, context)
        if not match.resolved:
            continue
        if provincial and match.kind != "town" and match.admin1:
            capital = lookups.capital_of(match.admin1, text)
            match = capital if capital is not None else match
        if match.kind == kind or (kind == "town" and match.kind in {"town", "quarter"}):
            rest = text[: found.start()] + " " + text[found.end() :]
            words = _LOWER_WORDS.findall(rest.lower())
            relation = "is" if not unnamed and all(word in _PLAIN_WORDS for word in words) else "within"
            return match._replace(query=text, span=None, relation=relation, unnamed=tuple(unnamed))
    return None


def _in_context_place(lookups: Lookups, phrase: str, context: str | None, unnamed: list[str]) -> Match | None:
    """A phrase that names no place the gazetteer knows ("the region of Normandy", "outside the Iranian embassy", "in
    the northwest") lies in the place its context is, when the context is a place's name, not a sentence (`--context
    France`): that place, `within`, the names found unnamed. A sentence as context never places it (a span that
    names nothing stays unresolved)."""
    if context is None or PLACE_CONTEXT.match(context) is None:
        return None
    match = lookups.resolve(context.strip(), None)
    if not match.resolved or match.reason != "exact":
        return None
    return match._replace(query=phrase, span=None, relation="within", unnamed=tuple(unnamed))


def _across(lookups: Lookups, text: str, phrase: str, chosen: _Named) -> Match | None:
    """The one country a phrase names besides the reference point's, for a place across the border from that
    point (`ACROSS_BORDER`), or None."""
    match = chosen.match
    countries = lookups.countries_named(text, text[chosen.start : chosen.end]) - {match.country, *match.countries}
    if len(countries) != 1:
        return None
    (country,) = countries
    in_country = lookups.place(country, phrase)
    if in_country is None:
        return None
    return in_country._replace(query=phrase, span=None, relation="within", also=(_candidate(match),))


def _offset(lookups: Lookups, chosen: _Named, phrase: str) -> Match | None:
    """The province a point lies in at the distance and direction a phrase gives from its reference point."""
    match = chosen.match
    bearing = _BEARINGS.get((chosen.relation or "").removesuffix(" of"))
    if match.lat is None or match.lon is None or bearing is None or chosen.distance is None:
        return None
    angle = math.radians(bearing)
    lat = match.lat + math.degrees(chosen.distance * math.cos(angle) / EARTH_KM)
    lon = match.lon + math.degrees(chosen.distance * math.sin(angle) / (EARTH_KM * math.cos(math.radians(match.lat))))
    found = lookups.place_near(lat, lon, phrase)
    if found is None:
        return None
    return found._replace(query=phrase, span=None, relation="within", also=(_candidate(match),))


def _names_in(lookups: Lookups, text: str, around: str) -> tuple[list[_Named], list[str], set[tuple[str, str]]]:
    """The places a phrase names, the names that name nothing, and the pairs (outer, inner place id) the phrase
    says hold one another."""
    lowered = text.lower()
    named: list[_Named] = []
    unnamed: list[str] = []
    taken: list[tuple[int, int]] = []
    seats: list[tuple[int, int]] = []  # capitals named only as a national ministry's seat
    regions, region_spans = find_region_phrases(lowered)
    for region_id, start, end in regions:
        match = lookups.place(region_id, text[start:end])
        if match is not None:
            named.append(_named(lowered, start, end, match))
    taken.extend(region_spans)
    for found in BORDER_BETWEEN.finditer(text):
        if _overlaps(found.span(), taken):
            continue
        first, second = (COUNTRY_WORDS[found[group].lower()] for group in ("first", "second"))
        for group, country in (("first", first), ("second", second)):
            match = lookups.place(country, found[group])
            if match is not None and first != second:
                named.append(_Named(found.start(group), found.end(group), match, "near"))
        taken.append(found.span())
    taken.extend(found.span("country") for found in MISSION_OWNER.finditer(text))
    for found in COUNTRY_GROUND.finditer(text):
        if _overlaps(found.span(), taken):
            continue
        match = lookups.place(COUNTRY_WORDS[found["country"].lower()], found["country"])
        if match is not None:
            named.append(_named(lowered, found.start(), found.end(), match))
            taken.append(found.span())
    for pattern in (*CAPITAL_PHRASES, *MINISTRY_PHRASES):
        for found in pattern.finditer(text):
            if _overlaps(found.span(), taken):
                continue
            group = next(name for name in _CAPITALS_BY_GROUP if name in pattern.groupindex)
            city, country = _CAPITALS_BY_GROUP[group][found[group].lower()]
            match = lookups.resolve(city, country)
            if match.resolved:
                start, end = found.span(group) if pattern in MINISTRY_PHRASES else found.span()
                named.append(_named(lowered, start, end, match))
                taken.append(found.span())
                if pattern in MINISTRY_PHRASES:
                    seats.append((start, end))
    for joined in JOINED_NAME.finditer(text):
        if _overlaps(joined.span(), taken):
            continue
        match = lookups.resolve(joined.group(0), around)
        if match.resolved and match.reason == "exact":
            named.append(_named(lowered, joined.start(), joined.end(), match))
            taken.append(joined.span())
    for run in _RUN.finditer(text):
        if _overlaps(run.span(), taken):
            continue
        for start, end, match in _resolve_run(lookups.resolve, text, run.start(), run.end(), around, unnamed):
            named.append(_named(lowered, start, end, match))
    if any((item.start, item.end) not in seats and item.match.kind not in ("country", "region") for item in named):
        # a ministry in a city the phrase names is there ("the Afghan interior ministry in Herat")
        named = [item for item in named if (item.start, item.end) not in seats]
    named = _with_capitals(lookups, lowered, named)
    named.sort(key=lambda item: item.start)
    named = _starting_points(lowered, named)
    # a loose match in a country no sure name of the phrase lies in is a place the gazetteer lacks ("the village
    # of Qarluq in Imam Sahib district": not Turkmenistan's Qarluq)
    sure = {country for item in named if item.match.certain for country in (item.match.country, *item.match.countries)}
    kept = []
    for item in named:
        if sure and not item.match.certain and item.match.country not in sure:
            unnamed.append(text[item.start : item.end])
        else:
            kept.append(item)
    kept, holds = _held(lookups.resolve, text, kept, unnamed)
    return _distinct(kept), unnamed, holds


def _named(lowered: str, start: int, end: int, match: Match) -> _Named:
    relation, distance = _relation_before(lowered, start)
    return _Named(start, end, match, relation, distance)


def _starting_points(lowered: str, named: list[_Named]) -> list[_Named]:
    """`named` (in order of where they stand) with the starting points of a movement marked: a name after "from"
    (`STARTING_POINT_BEFORE`, read back to the name before it) and every name of a list right after one ("from
    Tajikistan and Uzbekistan")."""
    out: list[_Named] = []
    for item in named:
        previous = out[-1] if out else None
        if item.relation is None:
            start = max(0, item.start - 60, previous.end if previous is not None else 0)
            if STARTING_POINT_BEFORE.search(lowered[start : item.start]) or (
                previous is not None
                and previous.starting_point
                and STARTING_POINT_LIST.match(lowered[previous.end : item.start])
            ):
                item = replace(item, starting_point=True)
        out.append(item)
    return out


def _with_capitals(lookups: Lookups, lowered: str, named: list[_Named]) -> list[_Named]:
    """A province named as the one whose capital the phrase means ("the capital of Takhar", "Kunar's provincial
    capital") adds its capital town."""
    added = []
    for item in named:
        if item.match.kind != "province" or not item.match.admin1:
            continue
        before = lowered[max(0, item.start - 60) : item.start]
        if PROVINCE_CAPITAL_BEFORE.search(before) or PROVINCE_CAPITAL_AFTER.search(lowered[item.end :]):
            capital = lookups.capital_of(item.match.admin1, lowered[item.start : item.end])
            if capital is not None:
                added.append(replace(item, match=capital))
    return named + added


def _held(
    resolve: NameResolver, text: str, named: list[_Named], unnamed: list[str]
) -> tuple[list[_Named], set[tuple[str, str]]]:
    """Names the phrase says lie in the next one ("X in Y", "the X area of Y", "Y's X"): a name that lies there by
    the gazetteer too is held by it; one that does not is read again with the holder as its context, and is a
    namesake the gazetteer lacks when it still lies elsewhere ("the Khwaja Arab and Quragh villages of Darzab
    district": not Kunduz's Khwaja)."""
    holds: set[tuple[str, str]] = set()
    kept: list[_Named | None] = list(named)
    for position in range(len(kept) - 1):
        first, second = kept[position], kept[position + 1]
        if first is None or second is None:
            continue
        between = _blank_names(text[first.end : second.start]).lower()
        if HOLDS_NEXT.match(between):
            outer_at, inner_at = position, position + 1  # "Kabul's Dasht-e-Barchi"
        elif CONTAINED_BY.match(between) and second.relation is None:
            outer_at, inner_at = position + 1, position  # "Dasht-e-Barchi in Kabul"
        elif apposed(
            text, (first.start, first.end, first.match), (second.start, second.end, second.match),
            _listed_after_another(text, kept, position),
        ):  # fmt: skip
            outer_at, inner_at = position + 1, position  # "Sarband, Peshawar"
        else:
            continue
        outer, inner = kept[outer_at], kept[inner_at]
        assert outer is not None and inner is not None
        if not _may_hold(outer.match, inner.match):
            continue
        if lies_in(inner.match, outer.match):
            holds.add((outer.match.place_id or "", inner.match.place_id or ""))
            continue
        again = resolve(text[inner.start : inner.end], text[outer.start : outer.end])
        if again.resolved and lies_in(again, outer.match):
            kept[inner_at] = replace(inner, match=again)
            holds.add((outer.match.place_id or "", again.place_id or ""))
        elif inner.relation is None:
            unnamed.append(text[inner.start : inner.end])
            kept[inner_at] = None
    return [item for item in kept if item is not None], holds


def apposed(text: str, first: tuple[int, int, Match], second: tuple[int, int, Match], listed: bool) -> bool:
    """Whether two names of `text` written "X, Y" say that X lies in Y ("Sarband, Peshawar"): a town, quarter,
    landmark or district, then a town, district or province, the last pair of a phrase and not in a list (`listed`:
    X follows another name of a list); two places of one country only when the gazetteer agrees ("Herat, Kabul" may
    be a list; a namesake abroad is not)."""
    (_, first_end, inner), (second_start, second_end, outer) = first, second
    return (
        APPOSED.match(text[first_end:second_start]) is not None
        and inner.kind in _APPOSED_INNER
        and outer.kind in _APPOSED_OUTER
        and not _LIST_GOES_ON.match(text[second_end:])
        and not listed
        and (inner.country != outer.country or lies_in(inner, outer))
    )


def _listed_after_another(text: str, kept: list[_Named | None], position: int) -> bool:
    """Whether the name at `position` follows the one before it in a list ("Herat, Kabul, Kandahar")."""
    previous = kept[position - 1] if position > 0 else None
    current = kept[position]
    if previous is None or current is None:
        return False
    return LISTED_BETWEEN.fullmatch(text, previous.end, current.start) is not None


def _blank_names(between: str) -> str:
    """The words between two names with capitalised words (names the gazetteer lacks, "Quragh") left out."""
    return _RUN.sub("", between)


def _may_hold(outer: Match, inner: Match) -> bool:
    """Whether the kinds allow `inner` inside `outer` at all: a country or region lies in nothing the phrase names;
    a province only in a country or region."""
    if inner.kind in {"country", "region"}:
        return False
    return inner.kind != "province" or outer.kind in {"country", "region"}


def lies_in(inner: Match, outer: Match) -> bool:
    """Whether `inner` lies in `outer`'s country, region or province (the province is enough: "Kunduz's Imam Sahib
    district" holds the district in the province the city stands for)."""
    if outer.kind == "country":
        return inner.country == outer.country or (outer.country or "") in inner.countries
    if outer.kind == "region":
        provinces = _REGION_PROVINCES.get(outer.place_id or "")
        return inner.admin1 in provinces if provinces else bool(set(outer.countries) & {inner.country})
    return outer.admin1 is not None and inner.admin1 == outer.admin1


def _resolve_run(
    resolve: NameResolver, text: str, start: int, end: int, around: str, unnamed: list[str]
) -> list[tuple[int, int, Match]]:
    """A run of capitalised words as a whole (with the designator or facility word after it, or the plural
    designator after the list it stands in), else its parts between break words; parts that name nothing go to
    `unnamed`, a part after a person's title ("President Ghani") is a person."""
    following = _NEXT_WORD.match(text, end)
    listed = LIST_DESIGNATOR.match(text, end)
    designator = _SINGULAR[listed["designator"]] if listed else None
    if following and following.group(1).lower() in (FACILITY_WORDS | set(DESIGNATOR_KINDS)):
        designator = following.group(1)
    if designator is not None:
        match = resolve(f"{text[start:end]} {designator}", around)
        if match.resolved:
            return [(start, end, match)]
    words = [(m.start(), m.end()) for m in _WORD.finditer(text, start, end)]
    titled = text[words[0][0] : words[0][1]].lower() in PERSON_TITLES or _title_before(text, start)
    if not titled:
        match = resolve(text[start:end], around)
        if match.resolved:
            return [(start, end, match)]
    parts: list[list[tuple[int, int]]] = [[]]
    persons: set[int] = set()
    for word in words:
        folded = text[word[0] : word[1]].lower().replace("'", "")
        if folded in _BREAKS or folded in PERSON_TITLES:
            parts.append([])
            if folded in PERSON_TITLES:
                persons.add(len(parts) - 1)
        else:
            parts[-1].append(word)
    if titled and parts[0]:
        persons.add(0)
    parts = [part for index, part in enumerate(parts) if part and index not in persons]
    whole_run = len(parts) == 1 and parts[0][0][0] == start and parts[0][-1][1] == end
    found: list[tuple[int, int, Match]] = []
    for part in parts:
        part_start, part_end = part[0][0], part[-1][1]
        match = resolve(text[part_start:part_end], around) if not whole_run else Match.unresolved(text[start:end])
        if match.resolved:
            found.append((part_start, part_end, match))
        elif len(part) > 1 and (split := name_in_container(resolve, text, part, around)) is not None:
            found.extend(split)
        else:
            unnamed.append(text[part_start:part_end])  # (the run itself, when whole, already asked about)
    return found


# The kinds of place a name written last in a run can be the container of ("Dasht-e Barchi Kabul", "Khair Khana
# Kabul", "Surkh Rod Nangarhar"): a town, a district, a province or a country.
_CONTAINER_KINDS: Final = frozenset({"town", "district", "province", "country"})


def name_words(text: str) -> list[tuple[int, int]]:
    """Where each capitalised word of a name stands in `text` (a hyphenated name is one word: "Qala-i-Naw")."""
    return [(found.start(), found.end()) for found in _WORD.finditer(text)]


def name_in_container(
    resolve: NameResolver, text: str, words: list[tuple[int, int]], around: str | None
) -> list[tuple[int, int, Match]] | None:
    """A run of capitalised words that names nothing as a whole read as a place's name followed by the name of a
    place it lies in ("Dasht-e Barchi Kabul": the quarter, then Kabul), each resolved exactly; None when no split of
    the run reads so. Only a known place inside the known one counts: an unknown first part stays with the whole
    run, unresolved (a piece of a name is never a place of its own)."""
    for cut in range(len(words) - 1, 0, -1):
        head_span = (words[0][0], words[cut - 1][1])
        tail_span = (words[cut][0], words[-1][1])
        tail = resolve(text[tail_span[0] : tail_span[1]], around)
        if not (tail.resolved and tail.reason == "exact" and tail.kind in _CONTAINER_KINDS):
            continue
        head = resolve(text[head_span[0] : head_span[1]], text[tail_span[0] : tail_span[1]])
        if not (head.resolved and head.reason == "exact") or head.place_id == tail.place_id:
            continue
        if lies_in(head, tail):
            return [(*head_span, head), (*tail_span, tail)]
    return None


def _title_before(text: str, start: int) -> bool:
    """Whether the word just before `start` is a person's title in lower case ("said governor Ahmadi")."""
    before = text[max(0, start - 20) : start].split()
    return bool(before) and before[-1].lower().rstrip(".") in PERSON_TITLES


def _relation_before(lowered: str, start: int) -> tuple[str | None, float | None]:
    """The relation written before a name and the distance written before that relation (km), or None."""
    before = lowered[max(0, start - 60) : start]
    for pattern, relation in RELATION_BEFORE:
        written = pattern.search(before)
        if written is not None:
            direction = written.groupdict().get("direction")
            away = DISTANCE.search(before)
            distance = None
            if away is not None and direction:
                distance = float(away["amount"].replace(",", ".")) * KM_PER_UNIT[away["unit"]]
            return relation.format(direction=DIRECTION_WORDS.get(direction or "", direction or "")), distance
    return None, None


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
    """Whether place `inner` lies inside place `outer` (by their kinds, districts, provinces and countries)."""
    if outer.place_id == inner.place_id:
        return False
    rank_outer, rank_inner = specificity(outer), specificity(inner)
    if rank_outer <= rank_inner:
        return False
    if outer.kind == "district" and inner.admin2:
        return inner.admin2 == outer.place_id  # a town lies in one district (its admin2), not in every one
    return lies_in(inner, outer)


def specificity(match: Match) -> int:
    """How specific a place is (`_SPECIFICITY`); a region inside one province ("Bajaur", a tribal district of
    Khyber Pakhtunkhwa) is a part of it, as specific as a district: "Bajaur District in Khyber Pakhtunkhwa" is
    Bajaur."""
    if match.kind == "region" and match.admin1:
        return _SPECIFICITY["district"]
    return _SPECIFICITY.get(match.kind or "", 0)


def _inside(outer: Match, inner: Match, holds: set[tuple[str, str]]) -> bool:
    """Whether `inner` lies inside `outer`, as the phrase says (`holds`: pairs (outer, inner)) or else by the
    gazetteer."""
    return (outer.place_id or "", inner.place_id or "") in holds or (
        _contains(outer, inner) and (inner.place_id or "", outer.place_id or "") not in holds
    )


def _subjects(named: list[_Named], holds: set[tuple[str, str]]) -> list[_Named]:
    """The places a phrase is about (rule 2): those with no relation before them, or the names after a relation
    when nothing else is named. A reference point that every other place named holds is what the phrase places:
    the others only say where it lies. A starting point of a movement ("from Kerala") is none of them when the phrase
    names anything else ("migrated from Kerala to Afghanistan")."""
    moved = [item for item in named if not item.starting_point]
    if moved and len(moved) < len(named):
        named = moved
    free = [item for item in named if item.relation is None]
    if not free:
        return named
    for item in named:
        if item.relation is not None and all(_inside(other.match, item.match, holds) for other in free):
            return [item]
    return free


def _most_specific(subjects: list[_Named], holds: set[tuple[str, str]]) -> tuple[_Named, list[_Named]]:
    """The place the others contain (most specific), and the places side by side with it (a list). `holds`: pairs
    (outer, inner) the phrase says hold one another."""

    def inside(outer: Match, inner: Match) -> bool:
        return _inside(outer, inner, holds)

    innermost = [s for s in subjects if not any(inside(s.match, other.match) for other in subjects)] or subjects
    chosen = innermost[0]
    also = [s for s in innermost[1:] if not inside(s.match, chosen.match)]
    return chosen, also


# Designators of places smaller than a district: left in a phrase about a district or larger ("a village in Achin
# district"), they name something within it.
_SMALLER: Final = frozenset({"village", "villages", "neighbourhood", "neighborhood", "quarter", "compound"})


def _relation(text: str, named: list[_Named], unnamed: list[str], chosen: Match) -> str:
    """`is` when the phrase holds nothing but its places and plain words, else `within`."""
    if unnamed:
        return "within"
    rest = text
    for item in sorted(named, key=lambda i: -i.start):
        rest = rest[: item.start] + " " + rest[item.end :]
    words = _LOWER_WORDS.findall(rest.lower())
    if specificity(chosen) >= _SPECIFICITY["district"] and _SMALLER & set(words):
        return "within"
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


__all__ = [
    "ACROSS_BORDER",
    "AFGHAN_BORDER",
    "ANAPHOR",
    "BORDER_BETWEEN",
    "BORDER_SIDE_EXAMPLES",
    "CAPITALS",
    "CAPITAL_PHRASES",
    "CONTAINED_BY",
    "COUNTRY_GROUND",
    "DISTANCE",
    "HOLDS_NEXT",
    "JOINED_NAME",
    "LISTED_BETWEEN",
    "LIST_DESIGNATOR",
    "MINISTRY_PHRASES",
    "MISSION_OWNER",
    "PHRASE_LIKE",
    "PLACE_CONTEXT",
    "RELATION_BEFORE",
    "STARTING_POINT_EXAMPLES",
    "ZONE_IDS",
    "Lookups",
    "apposed",
    "border_zone",
    "leading_relation",
    "lies_in",
    "name_in_container",
    "name_words",
    "read_phrase",
    "reads_as_anaphor",
    "reads_as_phrase",
]
