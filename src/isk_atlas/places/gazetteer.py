"""The embedded-gazetteer geocoder: an index of every name, alternate name and spelling variant of the places in
`isk_atlas.geo.load_gazetteer()` (or any frame with its columns), and the ranking that picks one of them.

Lookup goes from strict to loose and stops at the first tier that finds something:
1. exact: the normalised query equals a normalised name (score 1.0);
2. variant: its compact key or an ezafe form of it equals one of a name's (0.95), or its skeleton does (0.9);
3. fuzzy: rapidfuzz ratio against the compact keys filed under the query's blocks (first two consonants; first
   and last consonant), only for likely place words (capitalised, not an actor or calendar word: "Taliban" is
   one edit from "Talikan"), never a gazetteer name plus a suffix (Kabulov, Kandahari).
A name qualified by its province ("Fayzabad, Jawzjan", "Darzab district of Jawzjan") is split into the name
and its context when the whole finds nothing. The query's own words in its context are no clue ("a mosque in
Jalalabad" does not name Kyrgyzstan's Jalal-Abad region).
Candidates are ranked by tier score, context clues (the province or country named nearby, the kind announced
by "province"/"district"/"city"), home (Afghanistan before a namesake abroad), then prominence (country >
province > seat town of a same-named unit > district > town; seats and population break ties).
A match is `certain` only when
- no candidate in another province or country comes close in rank and standing (a village sharing a
  province's name does not count; a second district seat does; where the context names no province, a
  first-level region does not count against a provincial capital, unless the region is at home and the capital
  abroad: "Jalalabad" is Nangarhar's capital, Kyrgyzstan's Jalal-Abad an alternative), and
- it is exact or a spelling form of a name (ezafe, spaces, doubled vowels), or, for a skeleton or fuzzy match,
  the place is notable (a unit, a seat, 10,000 people, curated) and at home or in a country the context names,
  and a fuzzy score reaches `FUZZY_CERTAIN`.
Speed: the answers to context-free queries are precomputed per index key when the index is built (`AnswerTable`),
and for the usual respellings of every name (`isk_atlas.names.respellings`: ezafe joins, dropped spaces, e/i, o/u,
w/v, long vowels; their fuzzy-tier answers too), so a name written like a gazetteer name or one respelling of it
costs a normalisation and a dict lookup; context, qualified names, other fuzzy matches and keys that would rank
differently take the full path, which gives the same answers.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Final, Literal

import geopandas as gpd
import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process
from shapely.geometry import Point

from isk_atlas.errors import InputError
from isk_atlas.geo import GAZETTEER_COLUMNS
from isk_atlas.names import DESIGNATOR_KINDS, GENERIC_PREFIXES, respellings, skeleton, skeleton_of_key, split_designator
from isk_atlas.names import skeleton_of_compact as _skeleton_of_compact
from isk_atlas.places.capitals import PROVINCE_CAPITALS
from isk_atlas.places.context import NO_CLUES, AreaRef, Clues, ContextReader, has_admin_word
from isk_atlas.places.match import Candidate, Match, Precision, Reason, precision_of
from isk_atlas.places.persons import query_is_person, reads_as_person
from isk_atlas.places.phrases import (
    ZONE_IDS,
    Lookups,
    border_zone,
    leading_relation,
    lies_in,
    name_in_container,
    name_words,
    read_phrase,
    reads_as_anaphor,
    reads_as_phrase,
)
from isk_atlas.places.regions import region_countries
from isk_atlas.places.words import DIRECTION_WORDS, NOT_PLACE_WORDS

# Tier scores.
EXACT_SCORE: Final = 1.0
COMPACT_SCORE: Final = 0.95
SKELETON_SCORE: Final = 0.9
# Fuzzy cutoffs (rapidfuzz ratio / 100 on compact keys), chosen on the labelled list in
# benchmarks/fuzzy_thresholds.py (71 misspelt place names, 50 capitalised non-place words of ISIS-K news).
# On the embedded gazetteer (1,159 places): 55 misspellings are resolved by the exact/variant tiers, all right;
# of the 16 that reach the fuzzy tier, at 0.88 14 resolve right, none wrong, no non-place word is accepted;
# at 0.84 one non-place word gets through even after the stop words ("Taliban" scores 0.86 against Taluqan).
# On a GeoNames stand-in (3,891 places of Afghanistan and its neighbours, 34,000 alternate names): at 0.88 15 of
# 18 right, none wrong, no non-place word after the stop words (0.93 for "Taliban" against "Talibkhan").
# From 0.93 no wrong answer was seen on either (11 of 16 and 10 of 18 reach it): "certain".
# Below FUZZY_NEAR a candidate is not even listed as an alternative.
FUZZY_NEAR: Final = 0.75
FUZZY_ACCEPT: Final = 0.88
FUZZY_CERTAIN: Final = 0.93
# Ranking weights: a context clue outweighs prominence; a tier difference outweighs prominence.
ADMIN1_BONUS: Final = 0.2
COUNTRY_BONUS: Final = 0.1
KIND_BONUS: Final = 0.15
PROMINENCE_WEIGHT: Final = 0.04
HOME_BONUS: Final = 0.05  # a notable namesake at home before one abroad, but not enough to be certain of it
# "Mazar-i-Sharif" is the town's own name and only an alternate of Balkh province; more than the ambiguity margin,
# so that an own name beats an alternate name, all else equal
PRIMARY_NAME_BONUS: Final = 0.12
# Another place within this much of the best one, in another province or country, makes a match uncertain.
AMBIGUITY_MARGIN: Final = 0.1
PROMINENCE_GAP: Final = 0.15  # a competitor this much less prominent (a village against a province) is no doubt
AMBIGUOUS_SCORE_FACTOR: Final = 0.7
MAX_ALTERNATIVES: Final = 5
# Loose (skeleton or fuzzy) matches may be certain only for notable places at home or where the context points.
HOME_COUNTRIES: Final = frozenset({"AFG"})
# Afghanistan and its neighbours: the names whose spelling varies with transliteration (Persian, Pashto, Urdu,
# Turkic, Russian forms), read by loose spellings too (skeleton, fuzzy). A place further abroad is found by its
# names as written and their spelling forms only: a loose spelling of an Afghan or Pakistani name ("Pagham",
# "Bannu") is not a city in Hungary or a country in Africa. A namesake here comes before one further abroad
# (NEAR_BONUS, less than a step of kind: Hyderabad in Sindh before Hyderabad in India, but a country before a
# town of its name).
NEAR_COUNTRIES: Final = frozenset({"AFG", "TJK", "UZB", "TKM", "PAK", "IRN", "KGZ", "CHN"})
# A neighbour only part of which is near: China borders Afghanistan at Xinjiang (the Wakhan) alone; its other
# provinces are as far as Europe, and a loose spelling of an Afghan name ("Sena") is no town in Hainan.
NEAR_PARTS: Final[dict[str, frozenset[str]]] = {"CHN": frozenset({"CN-XJ"})}
NEAR_BONUS: Final = 0.01
NOTABLE_POPULATION: Final = 10_000
CITY_POPULATION: Final = 100_000
ANSWER_CACHE_SIZE: Final = 65_536
MIN_FUZZY_KEY: Final = 4
# A point farther than this from every district or seat point lies in no province the gazetteer can say.
NEAR_KM: Final = 60.0
EARTH_KM: Final = 6371.0088


def is_near(country: str | None, admin1: str | None, kind: str) -> bool:
    """Whether a place lies in Afghanistan or the near part of a neighbour (`NEAR_COUNTRIES`, `NEAR_PARTS`): read by
    loose spellings too. A place without a country is near (a region, a curated place); a neighbour itself is."""
    if country is None:
        return True
    if country not in NEAR_COUNTRIES:
        return False
    parts = NEAR_PARTS.get(country)
    return parts is None or kind == "country" or admin1 in parts


# Places a loose spelling names whatever other provinces a context names ("Bamiyan, west of Kabul" is Bamyan).
_UNITS_NAMED_LOOSELY: Final = frozenset({"country", "province", "region"})
_REQUIRED_COLUMNS: Final = ("id", "name", "kind")
_ISO_3166_2 = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")

# Kinds each announced kind prefers ("Kunduz city" -> the town, "Kunduz province" -> the province).
_HINT_KINDS: Final[dict[str, frozenset[str]]] = {
    "province": frozenset({"province"}),
    "district": frozenset({"district"}),
    # a district is named after its seat town: "Jaram and Varduj towns" are the districts' seats
    "town": frozenset({"town", "quarter", "district"}),
    "area": frozenset({"quarter", "landmark", "region"}),
    "region": frozenset({"region"}),
}
_KIND_PROMINENCE: Final[dict[str, float]] = {
    "country": 0.9,
    "province": 0.8,
    "region": 0.7,
    "district": 0.5,
    "town": 0.3,
    "border_crossing": 0.2,
    "quarter": 0.2,
    "landmark": 0.15,
}


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer row, as the index keeps it."""

    id: str
    name: str
    kind: str
    admin1: str | None
    admin2: str | None
    country: str | None
    lat: float | None
    lon: float | None
    population: float
    is_seat: bool
    precision: Precision
    curated: bool = False
    countries: tuple[str, ...] = ()
    # a place abroad read only where its country is named nearby (the gazetteer's `needs_country`)
    needs_country: bool = False
    # a place outside NEAR_COUNTRIES: found by its names as written and their spelling forms only
    far: bool = False

    @property
    def notable(self) -> bool:
        """An administrative unit, a seat, a town of 10,000 or a hand-curated place: not an obscure namesake."""
        return (
            self.kind not in {"town", "landmark"}
            or self.is_seat
            or self.curated
            or self.population >= NOTABLE_POPULATION
        )

    def candidate(self, score: float) -> Candidate:
        return Candidate(
            place_id=self.id,
            name=self.name,
            kind=self.kind,
            admin1=self.admin1,
            admin2=self.admin2,
            country=self.country,
            lat=self.lat,
            lon=self.lon,
            precision=self.precision,
            score=score,
            countries=self.countries,
        )

    def match(
        self, query: str, score: float, reason: Reason, certain: bool, alternatives: tuple[Candidate, ...], source: str
    ) -> Match:
        return Match(
            query=query,
            name=self.name,
            place_id=self.id,
            kind=self.kind,
            admin1=self.admin1,
            admin2=self.admin2,
            country=self.country,
            lat=self.lat,
            lon=self.lon,
            precision=self.precision,
            score=score,
            reason=reason,
            alternatives=alternatives,
            resolved=True,
            certain=certain,
            source=source,
            countries=self.countries,
            relation="is",
        )

    @property
    def area(self) -> tuple[str | None, str | None]:
        """Where the place lies, for ambiguity: (country, province)."""
        return (self.country, self.admin1)


def _missing(value: object) -> bool:
    """None, NaN, pandas NA or NaT (whatever a frame's dtype uses for an empty cell)."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return False


def _text(value: object) -> str | None:
    if _missing(value):
        return None
    text = str(value).strip()
    return text or None


def _number(value: object) -> float | None:
    if _missing(value):
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _flag(value: object) -> bool:
    if _missing(value):
        return False
    if isinstance(value, str):
        return value.strip().lower() in {"true", "1", "yes", "y"}
    return bool(value)


def fuzzy_blocks(key: str) -> tuple[str, ...]:
    """The blocks a compact key is filed under for fuzzy search: its first two consonants, and its first and last
    consonant (of the skeleton). A misspelling is found unless it changes the first consonant, or both the second
    and the last one; each block holds a few hundred keys, which keeps fuzzy lookups near 20 microseconds."""
    consonants = skeleton_of_key(key).replace("a", "")
    if len(consonants) < 2:
        return (f"s:{consonants}",)
    return (f"p:{consonants[:2]}", f"e:{consonants[0]}{consonants[-1]}")


# Country names inside longer names are also written as adjectives: "Afghanistan-Tajikistan border" is the
# "Afghan-Tajik border".
_COUNTRY_ADJECTIVE_STEMS: Final = (
    ("afghanistan", "afghan"),
    ("tajikistan", "tajik"),
    ("uzbekistan", "uzbek"),
    ("turkmenistan", "turkmen"),
    ("kyrgyzstan", "kyrgyz"),
)


_DIRECTIONS: Final = frozenset(
    f"{direction}{suffix}"
    for direction in ("north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "central")
    for suffix in ("", "ern")
)
_BORDER_AREAS = re.compile(r"\bborder (?:areas?|regions?|districts?|provinces?)\b|\bborders\b")
_OF_HOME = re.compile(r" (?:of|in) afghanistan$")
_DIRECTION_ADJECTIVES = re.compile(r"\b(north|south|east|west|northeast|northwest|southeast|southwest)ern\b")


def query_keys(normalized: str) -> tuple[set[str], set[str]]:
    """The compact keys (ezafe forms, generic prefix dropped, long vowels written single, country names as
    adjectives in longer names) and skeleton keys of a normalised name."""
    compacts = compact_keys(normalized)
    return compacts, {skeleton_of_key(key) for key in compacts}


def compact_keys(normalized: str) -> set[str]:
    """The compact keys of a normalised name (see `query_keys`)."""
    if " e " not in normalized and normalized.split(" ", 1)[0] not in GENERIC_PREFIXES:
        compacts = {normalized.replace(" ", "")}
    else:
        tokens = normalized.split()
        forms = [tokens]
        if len(tokens) > 1 and tokens[0] in GENERIC_PREFIXES:
            rest = tokens[2:] if tokens[1] in {"e", "i"} and len(tokens) > 2 else tokens[1:]
            forms.append(rest)
        compacts = set()
        for form in forms:
            ezafe = [i for i, tok in enumerate(form) if tok == "e" and 0 < i < len(form) - 1]
            compacts.add("".join(form))
            if ezafe:
                compacts.add("".join(tok for i, tok in enumerate(form) if i not in ezafe))
                compacts.add("".join("i" if i in ezafe else tok for i, tok in enumerate(form)))
    if "aa" in normalized or "oo" in normalized or "ee" in normalized:
        # a doubled vowel marks a long one in English copy (Hairataan, Majnoontal): the same spelling
        compacts |= {key.replace("aa", "a").replace("oo", "u").replace("ee", "i") for key in compacts}
    if "border" in normalized or " of " in normalized or " in " in normalized:
        # "border areas with Tajikistan", "Afghan-Tajik borders", "northern provinces of Afghanistan"
        plain = _BORDER_AREAS.sub("border", normalized)
        plain = _OF_HOME.sub("", plain)
        if plain != normalized and plain:
            compacts |= compact_keys(split_designator(plain)[0])
    if "ern " in normalized:
        # "northeastern Afghanistan" is the region "Northeast Afghanistan"
        compacts |= {_DIRECTION_ADJECTIVES.sub(r"\1", normalized).replace(" ", "")}
    if "stan" in normalized and " " in normalized:
        for key in list(compacts):
            adjectival = key
            for country, adjective in _COUNTRY_ADJECTIVE_STEMS:
                adjectival = adjectival.replace(country, adjective)
            compacts.add(adjectival)
    compacts.discard("")
    return compacts


# What makes `compact_keys` give a one-word name more keys than itself (doubled vowels, "border").
_MAY_HAVE_MORE_KEYS = re.compile(r"aa|oo|ee|border")

_QUALIFIED = re.compile(
    r"^(?P<name>.+?)\s+(?P<kind>district|province|city|town|area|region|village)\s+of\s+(?P<where>.+)$", re.IGNORECASE
)


_POSSESSIVE_END = re.compile(r"['’]s?$")


def split_qualified(query: str) -> tuple[str, str] | None:
    """A name qualified by where it lies: "Fayzabad, Badakhshan" or "Darzab district of Jawzjan province" ->
    (the name, the qualifying text), else None."""
    if "," in query:
        head, _, tail = query.partition(",")
        if head.strip() and tail.strip():
            return head.strip(), tail.strip()
    found = _QUALIFIED.match(query.strip())
    # ("Iran's city of Zahedan": a possessive before the designator says where the name after "of" lies)
    if found and _names_something(found["name"]) and not _POSSESSIVE_END.search(found["name"]):
        return f"{found['name']} {found['kind']}", found["where"]
    return None


def _names_something(words: str) -> bool:
    """Whether words hold more than articles, directions and adjectives ("the eastern Afghan" names nothing)."""
    return any(
        word not in NOT_PLACE_WORDS and word not in DIRECTION_WORDS and word not in DESIGNATOR_KINDS
        for word in words.lower().split()
    )


# The fields of a Match after `query`, in order: a precomputed answer is `Match(query, *fields)`.
_MATCH_FIELDS: Final = Match._fields[1:]
AnswerFields = tuple[object, ...]
# An answer, and the answers when designator words announce a kind ("Jurm district", "Kunduz city"): None when one
# place matched (nothing was ranked, the kind changes nothing), else one answer per announced kind.
# The third item: the rows the answer was chosen from (to check that another key set reaches the same ones).
AnswerEntry = tuple[AnswerFields, dict[str, AnswerFields] | None, tuple[int, ...]]


@dataclass(frozen=True, slots=True)
class AnswerTable:
    """A geocoder's answers to context-free queries, precomputed per index key (the fields of each `Match` after
    `query`). Most names in news text are written like a gazetteer name or one spelling away from it, so the
    common call costs one normalisation and a dict lookup instead of a lookup, a ranking and a certainty test.

    - `exact`: by normalised name (the query normalises to an indexed name: exact tier, spelling forms too);
    - `compact`: by compact key, for queries not in `exact` whose one compact key in the index is this one;
    - `skeleton`: by skeleton, for queries whose compact keys are no index key and no place's own-name key.
    - `named`: by normalised name, for the names in `exact` and the usual respellings of every indexed name
      (`isk_atlas.names.respellings`: e/i, o/u, w/v, long vowels, ezafe joins, dropped spaces), each with the
      answer the `compact`/`skeleton` lookups give it, or else the full path's, so that a respelt name is answered
      without its keys;
    - `fuzzy`: by normalised name, for respellings that no exact or variant key finds, the fuzzy tier's answer:
      it applies to a query that is a likely place word and not qualified by where it lies ("X, Badakhshan").
    A query's compact keys must share one skeleton. Each answer is the one the full path gives for such a query
    (the tests check this against the full path).
    """

    exact: dict[str, AnswerEntry]
    compact: dict[str, AnswerEntry]
    skeleton: dict[str, AnswerEntry]
    named: dict[str, AnswerEntry]
    fuzzy: dict[str, AnswerEntry]


def _fields_of(match: Match) -> AnswerFields:
    return tuple(getattr(match, name) for name in _MATCH_FIELDS)


class GazetteerIndex:
    """Names, alternate names and variants of a gazetteer frame mapped to its rows, built once."""

    def __init__(self, frame: pd.DataFrame) -> None:
        missing = [col for col in _REQUIRED_COLUMNS if col not in frame.columns]
        if missing:
            raise InputError(None, f"gazetteer lacks columns {', '.join(missing)}", field="columns")
        # the other columns may be left out (a small hand-made gazetteer): empty
        frame = frame.assign(**{col: None for col in GAZETTEER_COLUMNS if col not in frame.columns})
        self.places: list[Place] = []
        # the keys of each place's own name (not its alternates): a query written like the name itself wins
        self.primary_keys: list[frozenset[str]] = []
        exact: defaultdict[str, set[int]] = defaultdict(set)
        compacts: defaultdict[str, set[int]] = defaultdict(set)
        skeletons: defaultdict[str, set[int]] = defaultdict(set)
        areas: dict[str, AreaRef] = {}
        area_skeletons: dict[str, AreaRef] = {}
        columns = [frame[col].tolist() for col in GAZETTEER_COLUMNS]
        for row in zip(*columns, strict=True):
            pid, name, kind, admin1, admin2, country, lat, lon, population, _source, alternates, is_seat, needs = row
            name_text = _text(name)
            pid_text = _text(pid)
            if not name_text or not pid_text:
                continue
            kind_text = _text(kind) or "town"
            country_text = _text(country)
            countries: tuple[str, ...] = (country_text,) if country_text else ()
            if kind_text == "country":
                admin1 = admin2 = None  # a country lies in no province, whatever the row says
            elif kind_text == "region" and (placed := region_countries(pid_text)) is not None:
                country_text, countries = placed  # every region carries its countries (isk_atlas.places.regions)
            place = Place(
                id=pid_text,
                name=name_text,
                kind=kind_text,
                precision=precision_of(kind_text),
                admin1=_text(admin1),
                admin2=_text(admin2),
                country=country_text,
                countries=countries,
                lat=_number(lat),
                lon=_number(lon),
                population=_number(population) or 0.0,
                is_seat=_flag(is_seat),
                curated=pid_text.startswith("cur:") or (_text(_source) or "").lower() == "curated",
                needs_country=_flag(needs) and country_text is not None,
                far=kind_text != "region" and not is_near(country_text, _text(admin1), kind_text),
            )
            index = len(self.places)
            self.places.append(place)
            names = [name_text, *(alt.strip() for alt in (_text(alternates) or "").split("|"))]
            area_ref = self._area_ref(place)
            primary, _ = split_designator(name_text)
            primary_compacts, primary_skeletons = query_keys(primary) if primary else (set(), set())
            if " wa " in primary:
                primary_skeletons.add(skeleton_of_key(primary.split(" wa ", 1)[0].replace(" ", "")))
            self.primary_keys.append(frozenset({primary, *primary_compacts, *primary_skeletons}))
            for written in names:
                if len(written) < 2 or any(ch.isdigit() for ch in written):
                    continue
                normalized, _ = split_designator(written)
                if not normalized:
                    continue
                exact[normalized].add(index)
                if not written.isascii():
                    continue  # a transliterated script name matches exactly; its variants are noise
                keys, skels = query_keys(normalized)
                # an area's name that is an ordinary word alone names no area in a context ("Northern Areas" is
                # no clue in "the northern provinces")
                # a unit that needs its country named (far abroad) is no clue to its country by itself
                names_area = (
                    area_ref is not None
                    and not place.needs_country
                    and normalized not in DIRECTION_WORDS
                    and (normalized not in NOT_PLACE_WORDS)
                )
                for key in keys:
                    compacts[key].add(index)
                    if names_area and area_ref:
                        areas.setdefault(key, area_ref)
                for skel in skels if not place.far else ():
                    skeletons[skel].add(index)
                    if names_area and area_ref:
                        area_skeletons.setdefault(skel, area_ref)
                if " wa " in normalized:
                    # "Shigal wa Sheltan", "Pachir wa Agam": districts named after two places go by the first
                    short = normalized.split(" wa ", 1)[0].replace(" ", "")
                    skeletons[skeleton_of_key(short)].add(index)
        self.exact = {key: tuple(sorted(rows)) for key, rows in exact.items()}
        # the words the names are written with: a word of a place's name is no reason to skip fuzzy matching
        self.name_words = frozenset(word for name in self.exact for word in name.split())
        self.compact = {key: tuple(sorted(rows)) for key, rows in compacts.items()}
        self.skeleton = {key: tuple(sorted(rows)) for key, rows in skeletons.items()}
        blocks: defaultdict[str, list[str]] = defaultdict(list)
        for key in sorted(self.compact):
            if len(key) >= MIN_FUZZY_KEY:
                for block in fuzzy_blocks(key):
                    blocks[block].append(key)
        self.blocks = dict(blocks)
        self.context_reader = ContextReader(areas, area_skeletons)
        # The seat of each province: its most populous seat town (the gazetteer's is_seat covers district seats too).
        # Where a gazetteer marks no seats (neighbouring countries), the most populous town of 100,000 stands in.
        seats: dict[str, int] = {}
        for marked in (True, False):
            for position, place in enumerate(self.places):
                if place.kind != "town" or not place.admin1 or place.is_seat != marked:
                    continue
                if not marked and (place.admin1 in seats and self.places[seats[place.admin1]].is_seat):
                    continue
                if not marked and place.population < CITY_POPULATION:
                    continue
                current = seats.get(place.admin1)
                if current is None or place.population > self.places[current].population:
                    seats[place.admin1] = position
        # a province's declared capital (isk_atlas.places.capitals) stands before its most populous seat
        for province, capital in PROVINCE_CAPITALS.items():
            found = self.lookup(split_designator(capital)[0], loose=True)
            towns = [row for row in found if self.places[row].kind == "town" and self.places[row].admin1 == province]
            if towns:
                seats[province] = max(towns, key=lambda row: (found[row], self.places[row].population))
        self.provincial_seats = seats
        # district and seat points (row, lat, lon): where a point lies, by the nearest of them
        located = [
            (row, place.lat, place.lon)
            for row, place in enumerate(self.places)
            if place.lat is not None
            and place.lon is not None
            and place.admin1
            and (place.kind == "district" or (place.kind == "town" and place.is_seat))
        ]
        self.unit_points: tuple[tuple[int, ...], tuple[float, ...], tuple[float, ...]] = (
            tuple(row for row, _, _ in located),
            tuple(float(lat) for _, lat, _ in located),
            tuple(float(lon) for _, _, lon in located),
        )
        self.prominence = [self._own_prominence(row) for row in range(len(self.places))]
        self.rows_by_id = {place.id: row for row, place in enumerate(self.places)}
        self.name_skeletons = [skeleton(place.name) for place in self.places]
        # every key of every place's own name: a query key outside this set never favours one place over another
        self.primary_all: frozenset[str] = frozenset().union(*self.primary_keys)
        # context-free answers per index key, per geocoder setting (see `AnswerTable`); the default geocoder's
        # table is built here, with the index, so that the first lookups are as fast as the later ones
        self._answer_tables: dict[tuple[object, ...], AnswerTable] = {}
        GazetteerGeocoder(self)

    def _own_prominence(self, row: int) -> float:
        """Kind, seat (a provincial seat above a district seat) and population, before any same-name rule."""
        place = self.places[row]
        value = _KIND_PROMINENCE.get(place.kind, 0.1)
        if self.provincial_seats.get(place.admin1 or "") == row:
            value += 0.2
        elif place.is_seat:
            value += 0.1
        return value + min(math.log10(place.population + 1) / 100, 0.07)

    @staticmethod
    def _area_ref(place: Place) -> AreaRef | None:
        if place.kind == "country":
            return (None, place.country or place.id)
        if place.kind == "province" or _ISO_3166_2.match(place.id):
            return (place.admin1 or place.id, place.country)
        return None

    def __len__(self) -> int:
        return len(self.places)

    def lookup(self, normalized: str, *, loose: bool = False, compacts: set[str] | None = None) -> dict[int, float]:
        """Rows matching a normalised name exactly (1.0) or by a spelling form (0.95); by its skeleton (0.9) too
        when `loose` or when nothing stricter matches. `compacts`: the name's `compact_keys`, when known."""
        if compacts is None:
            compacts = compact_keys(normalized)
        return self.lookup_keys(self.exact.get(normalized, ()), compacts, None, loose=loose)

    def lookup_keys(
        self,
        exact_rows: Iterable[int],
        compacts: Iterable[str],
        skeletons: Iterable[str] | None,
        *,
        loose: bool = False,
    ) -> dict[int, float]:
        """`lookup` on keys already computed: the rows of the exact key, the compact keys and their skeletons
        (None: computed from `compacts` when needed)."""
        found: dict[int, float] = {}
        compact = self.compact
        for key in compacts:
            for row in compact.get(key, ()):
                found[row] = COMPACT_SCORE
        for row in exact_rows:
            found[row] = EXACT_SCORE
        if loose or not found:
            if skeletons is None:
                skeletons = {skeleton_of_key(key) for key in compacts}
            for skel in skeletons:
                for row in self.skeleton.get(skel, ()):
                    found.setdefault(row, SKELETON_SCORE)
        return found

    def answer_table(self, geocoder: GazetteerGeocoder) -> AnswerTable:
        """The context-free answers of a geocoder with `geocoder`'s settings, built on first use."""
        key = (type(geocoder), geocoder.source, geocoder.max_alternatives, geocoder.home_countries)
        table = self._answer_tables.get(key)
        if table is None:
            table = self._answer_tables[key] = geocoder.build_answer_table()
        return table

    def fuzzy(self, normalized: str, cutoff: float = FUZZY_NEAR, limit: int = 8) -> dict[int, float]:
        """Rows whose compact keys are within `cutoff` (0-1, rapidfuzz ratio) of the name, best score per row."""
        key = normalized.replace(" ", "")
        if len(key) < MIN_FUZZY_KEY:  # short names are too close to everything
            return {}
        found: dict[int, float] = {}
        for block_key in fuzzy_blocks(key):
            block = self.blocks.get(block_key)
            if not block:
                continue
            for choice, ratio, _ in process.extract(
                key, block, scorer=fuzz.ratio, score_cutoff=cutoff * 100, limit=limit
            ):
                if key.startswith(choice) and len(key) > len(choice):
                    continue  # a name plus a suffix is a derived word: Kabulov, Talibans, Kandahari
                for row in self.compact[choice]:
                    if self.places[row].far:
                        continue  # names far abroad are matched as written (NEAR_COUNTRIES)
                    score = ratio / 100
                    if score > found.get(row, 0.0):
                        found[row] = score
        return found


def _answer_for_kind(entry: AnswerEntry, normalized: str, named_kind: str | None) -> AnswerFields | None:
    """The answer of a precomputed entry for the kind the query's designator words announce (None: no kind)."""
    answer, by_kind, _ = entry
    if named_kind is None or by_kind is None:
        return answer
    if named_kind == "province" and normalized.split(" ", 1)[0] in _DIRECTIONS:
        named_kind = "region"  # as in the full path: "the northern provinces" are a region
    return by_kind.get(named_kind)


def _skeletons_of(compacts: Iterable[str]) -> frozenset[str]:
    return frozenset([skeleton_of_key(key) for key in compacts])


def _reason(score: float, fuzzy: bool) -> Reason:
    if fuzzy:
        return "fuzzy"
    return "exact" if score >= EXACT_SCORE else "variant"


def likely_place_word(query: str, name_words: frozenset[str] = frozenset()) -> bool:
    """Whether a name is worth fuzzy matching: capitalised (or in a caseless script), not a word that never names
    a place, and holding none of them unless place names use the word too (`name_words`: the words of the
    gazetteer's names; "border" and "Afghan" are words of border regions' names, "Taliban" of none)."""
    first = next((ch for ch in query if ch.isalpha()), "")
    if not first or (first.isascii() and not first.isupper()):
        return False
    normalized = split_designator(query)[0]
    if normalized in NOT_PLACE_WORDS or any(
        tok in NOT_PLACE_WORDS and tok not in name_words for tok in normalized.split()
    ):
        return False
    return len(normalized.replace(" ", "")) >= MIN_FUZZY_KEY


class GazetteerGeocoder:
    """Geocodes against the embedded gazetteer (or any frame with its columns); offline, deterministic."""

    source = "gazetteer"

    def __init__(
        self,
        gazetteer: GazetteerIndex | pd.DataFrame | None = None,
        *,
        max_alternatives: int = MAX_ALTERNATIVES,
        home_countries: frozenset[str] = HOME_COUNTRIES,
        precomputed: bool = True,
    ):
        """`precomputed=False` answers every call by the full path (the precomputed answers are the same)."""
        if gazetteer is None:  # the project's gazetteer, read and indexed anew (a `PlaceModel` keeps one)
            from isk_atlas.places.districts import places_gazetteer

            gazetteer = load_index(places_gazetteer())
        self.index = gazetteer if isinstance(gazetteer, GazetteerIndex) else GazetteerIndex(gazetteer)
        self.max_alternatives = max_alternatives
        self.home_countries = home_countries
        self._answers: dict[str, Match] = {}
        self._area_frame: gpd.GeoDataFrame | Literal[False] | None = None
        self._table: AnswerTable | None = None
        self._table = self.index.answer_table(self) if precomputed else None

    def geocode(self, query: str, context: str | None = None) -> Match:
        """Resolve one place name as written; `context` is the text around it (a sentence or paragraph)."""
        if not isinstance(query, str):
            return Match.unresolved(str(query), self.source)
        if context:
            return self._answer(query, context)
        # names recur within and across articles: a context-free answer is kept (a Match is immutable)
        match = self._answers.get(query)
        if match is None:
            if len(self._answers) >= ANSWER_CACHE_SIZE:
                self._answers.clear()
            match = self._answers[query] = self._answer(query, None)
        return match

    def _answer(self, query: str, context: str | None) -> Match:
        """The place a name names, or, when it names none and reads as a phrase ("Ministry of Education in Kabul",
        "south of Kunduz province"), the place the phrase describes (`isk_atlas.places.phrases`)."""
        if context and reads_as_anaphor(query):
            # "the provincial capital", "this district": the place of that kind the context names
            referred = read_phrase(self._lookups, query, context)
            if referred.resolved:
                return referred
        if self._names_a_person(query, context):
            return Match.unresolved(query, self.source)
        match = self._geocode(query, context)
        if context and match.place_id in ZONE_IDS:
            # a border zone lies on the side of the one of its countries the context's places lie in
            match = border_zone(self._lookups, query, context, match) or match
        if match.resolved:
            # "near Jalalabad" is Jalalabad to the name path (leading words dropped), and near it to the reader
            relation = leading_relation(query) if query[:1].islower() else None
            return match if relation is None else match._replace(relation=relation)
        if not reads_as_phrase(query):
            # several names the gazetteer does not know as one: "Dasht-e Barchi Kabul" is a quarter and the city it
            # lies in; any other run of names stays unresolved, never read through a piece of it
            split = name_in_container(self._geocode, query, name_words(query), context)
            if split is None:
                return match
            start, end, head = split[0]
            return head._replace(query=query, span=query[start:end], relation="is")
        read = read_phrase(self._lookups, query, context)
        return read if read.resolved else match._replace(unnamed=read.unnamed)

    def _names_a_person(self, query: str, context: str | None) -> bool:
        """Whether a query is a person's name (`isk_atlas.places.persons`): by the words around it wherever its
        context writes it ("Talha" in "... brother Talha al-Khurasani ..."), or, when the gazetteer does not know it
        whole ("Abu Dhabi" is that place, whoever it honours), by its own words ("Abu Omar al-Khorasani")."""
        if context is not None and reads_as_person(context, query):
            return True
        return query_is_person(query) and split_designator(query)[0] not in self.index.exact

    @property
    def _lookups(self) -> Lookups:
        return Lookups(self._geocode, self._place, self._countries_named, self._capital_of, self._place_near)

    def _capital_of(self, admin1: str, written: str) -> Match | None:
        """A province's capital town (`GazetteerIndex.provincial_seats`)."""
        row = self.index.provincial_seats.get(admin1)
        if row is None:
            return None
        return self.index.places[row].match(written, EXACT_SCORE, "exact", True, (), self.source)

    def _place_near(self, lat: float, lon: float, written: str) -> Match | None:
        """The province (first-level unit) a point lies in, where a phrase's distance and direction from a reference
        point lead ("180 km west of Kabul"): by the project's province polygons (`isk_atlas.geo.load_admin1`) for
        the units this gazetteer has, else by the district or seat point nearest it within `NEAR_KM`."""
        areas = self._areas()
        if areas is not None:
            inside = areas[areas.contains(Point(lon, lat))]
            if len(inside):
                return self._place(str(inside["id"].iloc[0]), written)
        rows, lats, lons = (np.asarray(values) for values in self.index.unit_points)
        if not len(rows):
            return None
        p1, p2 = np.radians(lat), np.radians(lats)
        a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(np.radians(lons - lon) / 2) ** 2
        distances = 2 * EARTH_KM * np.arcsin(np.sqrt(a))
        nearest = int(np.argmin(distances))
        if distances[nearest] > NEAR_KM:
            return None
        admin1 = self.index.places[int(rows[nearest])].admin1
        return self._place(admin1, written) if admin1 else None

    def _areas(self) -> gpd.GeoDataFrame | None:
        """The province polygons of the units this gazetteer has (read on first use; None without them)."""
        if self._area_frame is None:
            try:
                from isk_atlas.geo import load_admin1

                frame = load_admin1()
                self._area_frame = frame[frame["id"].isin(self.index.rows_by_id)].reset_index(drop=True)
            except (InputError, OSError, ValueError):
                self._area_frame = False
        return self._area_frame if self._area_frame is not False and len(self._area_frame) else None

    def _countries_named(self, text: str, besides: str) -> frozenset[str]:
        """The countries a text names by name or adjective, other than by the words `besides`."""
        return self.index.context_reader.read(text, besides).countries

    def _place(self, place_id: str, written: str) -> Match | None:
        row = self.index.rows_by_id.get(place_id)
        if row is None:
            return None
        return self.index.places[row].match(written, EXACT_SCORE, "exact", True, (), self.source)

    def _geocode(self, query: str, context: str | None) -> Match:
        normalized, named_kind = split_designator(query)
        if not context and has_admin_word(query):
            context = query  # "Matta tehsil": the query's own administrative word says where it lies
        known_compacts: set[str] | None = None
        table = self._table
        if not context and table is not None:
            entry = table.named.get(normalized)
            if entry is not None:  # a gazetteer name or a usual respelling of one
                answer = _answer_for_kind(entry, normalized, named_kind)
            elif (entry := table.fuzzy.get(normalized)) is not None and split_qualified(query) is None:
                # a respelling only the fuzzy tier finds: its answer there, if the query is a likely place word
                if not likely_place_word(query, self.index.name_words):
                    return Match.unresolved(query, self.source)
                answer = _answer_for_kind(entry, normalized, named_kind)
            else:
                answer, known_compacts = self._precomputed(table, normalized, named_kind)
            if answer is not None:
                return Match(query, *answer)  # type: ignore[arg-type]  # the fields after query, in order
        if named_kind is None and _OF_HOME.search(normalized):
            named_kind = split_designator(_OF_HOME.sub("", normalized))[1]  # "the eastern provinces of Afghanistan"
        if named_kind == "province" and normalized.split(" ")[0] in _DIRECTIONS:
            named_kind = "region"  # "the northern provinces" are a region, not a province
        if not normalized:
            return Match.unresolved(query, self.source)
        if normalized in NOT_PLACE_WORDS and named_kind is None:
            return Match.unresolved(query, self.source)  # "Daesh", "Taliban": never a place, whatever a gazetteer says
        index = self.index
        # the keys the precomputed-answer attempt already worked out (the same normalised name)
        compacts = known_compacts if known_compacts is not None else compact_keys(normalized)
        skeletons = _skeletons_of(compacts)
        clues = index.context_reader.read(context, query) if context else NO_CLUES
        spelt = frozenset({normalized, *compacts})
        hits = self._hits(index.exact.get(normalized, ()), compacts, skeletons, spelt, clues)
        if clues.marked_in and not clues.held_in:
            clues = self._marked(hits, clues)
        if hits and clues.held_in:
            # the text says which country the name lies in ("the Kyrgyz city of Jalal-Abad"): a namesake elsewhere is
            # not what it means; when the gazetteer has no such place there, the answer is that country
            there = self._held_there(hits, clues)
            if not there:
                return self._held_country(query, clues)
            hits = there
        if not hits:
            qualified = split_qualified(query)
            if qualified is not None:
                name, where = qualified
                inner = self._geocode(name, f"{where} {context}" if context else where)
                if inner.resolved and self._lies_where(inner, where):
                    return inner._replace(query=query)
                return Match.unresolved(query, self.source)
        if not hits and self._far_by_name(normalized):
            return Match.unresolved(query, self.source)
        fuzzy = False
        if not hits and likely_place_word(query, index.name_words):
            near = self._held_there(self._admissible(index.fuzzy(normalized), clues), clues)
            hits = {row: score for row, score in near.items() if score >= FUZZY_ACCEPT}
            if not hits and clues.held_in:
                return self._held_country(query, clues)
            if not hits:
                ranked = self._rank(near, NO_CLUES, named_kind, frozenset())
                return Match.unresolved(query, self.source, self._candidates(ranked, near)[: self.max_alternatives])
            fuzzy = True
        if not hits:
            return self._held_country(query, clues)  # unresolved unless the text says the one country it lies in
        return self._decide(query, hits, fuzzy, clues, named_kind, bool(context), skeletons, spelt)

    def _lies_where(self, inner: Match, where: str) -> bool:
        """Whether a name qualified by where it lies ("the Qarai area of Almar district", "Fayzabad, Jawzjan") was
        found there: in the country, region or province `where` names (True when `where` names nothing known).
        Else the qualified name is a namesake the gazetteer lacks, and the phrase reader says what the query is."""
        holder = self._geocode(where, None)
        return not holder.resolved or lies_in(inner, holder)

    def _hits(
        self,
        exact_rows: Iterable[int],
        compacts: Iterable[str],
        skeletons: frozenset[str],
        spelt: frozenset[str],
        clues: Clues,
    ) -> dict[int, float]:
        """The rows a name's keys reach: exact or spelling forms, and the skeleton tier when nothing stricter
        matches or when what matches is doubtful."""
        index = self.index
        places = index.places
        hits = index.lookup_keys(exact_rows, compacts, skeletons)
        if hits and (
            not any(places[row].notable for row in hits)
            or not any(not spelt.isdisjoint(index.primary_keys[row]) for row in hits)
            or (clues.qualifiers and not any(places[row].admin1 in clues.qualifiers for row in hits))
            or (clues.held_in and not self._held_there(hits, clues))
        ):
            # only obscure namesakes, only alternate names ("Khogyani" is a seat's old name in Ghazni and a
            # spelling of Khugyani district in Nangarhar), or none where the text says the place lies: look at
            # looser spellings too
            for row, score in index.lookup_keys(exact_rows, compacts, skeletons, loose=True).items():
                hits.setdefault(row, score)
        return self._admissible(hits, clues)

    def _held_there(self, hits: dict[int, float], clues: Clues) -> dict[int, float]:
        """The rows in a country the text says the name lies in (`Clues.held_in`; all rows when it says none)."""
        if not clues.held_in:
            return hits
        places = self.index.places
        return {
            row: score
            for row, score in hits.items()
            if places[row].country in clues.held_in or not clues.held_in.isdisjoint(places[row].countries)
        }

    def _marked(self, hits: dict[int, float], clues: Clues) -> Clues:
        """The clues with the countries an administrative word beside the name says (`Clues.marked_in`: "Mamund
        tehsil") holding it, as a country's adjective does, where the gazetteer has the name there or lacks it as
        written; a match as written elsewhere stands ("the Dasht-e-Barchi police station" is Kabul's)."""
        places = self.index.places
        there = any(
            places[row].country in clues.marked_in or not clues.marked_in.isdisjoint(places[row].countries)
            for row in hits
        )
        if there or not any(score > SKELETON_SCORE for score in hits.values()):
            return replace(clues, held_in=clues.marked_in)
        return clues

    def _held_country(self, query: str, clues: Clues) -> Match:
        """The country a name lies in by the text when the gazetteer has no place of that name there (one country
        named): that country, `within`, the name unnamed; else unresolved."""
        if len(clues.held_in) == 1:
            (country,) = clues.held_in
            row = self.index.rows_by_id.get(country)
            if row is not None and self.index.places[row].kind == "country":
                found = self.index.places[row].match(query, EXACT_SCORE, "context", False, (), self.source)
                return found._replace(relation="within", unnamed=(query,))
        return Match.unresolved(query, self.source)

    def _far_by_name(self, normalized: str) -> bool:
        """Whether a name is, exactly as written, the name of a place far abroad that needs its country named
        ("Gera", a German city): where that country is not named, the name is withheld, not read as a loose
        spelling of a place at home (Herat); a writer spells out the town they mean."""
        places = self.index.places
        return any(
            places[row].needs_country and places[row].country not in NEAR_COUNTRIES
            for row in self.index.exact.get(normalized, ())
        )

    def _admissible(self, hits: dict[int, float], clues: Clues) -> dict[int, float]:
        """The rows a text may name here: a place that needs its country (`Place.needs_country`: a small town far
        abroad, a town abroad named like a common word, "Van", "Tank") only where the context names that country."""
        places = self.index.places
        if not any(places[row].needs_country for row in hits):
            return hits
        return {
            row: score
            for row, score in hits.items()
            if not places[row].needs_country or places[row].country in clues.countries
        }

    def _decide(
        self,
        query: str,
        hits: dict[int, float],
        fuzzy: bool,
        clues: Clues,
        named_kind: str | None,
        has_context: bool,
        skeletons: frozenset[str],
        spelt: frozenset[str],
    ) -> Match:
        """The best of the rows found, how sure, and the alternatives."""
        places = self.index.places
        if len(hits) == 1 and not has_context:  # the common case: one place, nothing to rank
            row, score = next(iter(hits.items()))
            certain = self._firm(row, score, fuzzy, NO_CLUES, skeletons)
            return places[row].match(query, score, _reason(score, fuzzy), certain, (), self.source)
        written_as = spelt | skeletons
        ranked = self._rank(hits, clues, named_kind, written_as)
        best = ranked[0][0]
        if (
            (fuzzy or hits[best] < COMPACT_SCORE)
            and clues.admin1
            and places[best].kind not in _UNITS_NAMED_LOOSELY
            and places[best].admin1 not in (None, *clues.admin1)
        ):
            # a loose spelling of a place inside a province, outside every province the context names ("Abbey
            # Gate" at Kabul airport is no Obeh in Herat): a place the gazetteer lacks
            return Match.unresolved(query, self.source, self._candidates(ranked, hits)[: self.max_alternatives])
        ambiguous = self._ambiguous(ranked, clues)
        reason = _reason(hits[best], fuzzy)
        if clues:
            plain = self._rank(hits, Clues(), named_kind, written_as)
            if plain[0][0] != best or (self._ambiguous(plain, NO_CLUES) and not ambiguous):
                reason = "context"
        score = hits[best] * (AMBIGUOUS_SCORE_FACTOR if ambiguous else 1.0)
        contradicted = bool(clues.qualifiers) and places[best].admin1 not in clues.qualifiers
        certain = not ambiguous and not contradicted and self._firm(best, hits[best], fuzzy, clues, written_as)
        alternatives = self._candidates(ranked[1:], hits)[: self.max_alternatives]
        return places[best].match(query, score, reason, certain, alternatives, self.source)

    def _precomputed(
        self, table: AnswerTable, normalized: str, named_kind: str | None
    ) -> tuple[AnswerFields | None, set[str] | None]:
        """The precomputed context-free answer for a normalised name not in `table.named`, through its compact keys
        and skeleton, or None when the name needs the full path (no precomputed key applies, or its keys would rank
        places differently). `named_kind`: the kind the query's designator words announce. Second item: the name's
        `compact_keys` when they were computed (the full path reuses them), else None."""
        entry, compacts = self._precomputed_by_keys(table, normalized)
        return (None if entry is None else _answer_for_kind(entry, normalized, named_kind)), compacts

    def _precomputed_by_keys(self, table: AnswerTable, normalized: str) -> tuple[AnswerEntry | None, set[str] | None]:
        """The precomputed entry for a normalised name not in `table.named`, found through its compact keys and
        skeleton, or None; and the name's `compact_keys` when they were computed."""
        index = self.index
        if (
            not normalized
            or normalized in index.exact
            or normalized in NOT_PLACE_WORDS
            or normalized.endswith(" afghanistan")
        ):
            return None, None
        if " " in normalized or _MAY_HAVE_MORE_KEYS.search(normalized) or normalized in GENERIC_PREFIXES:
            compacts = compact_keys(normalized)
            if normalized not in compacts and normalized in index.primary_all:
                return None, compacts
        else:  # one word, nothing `compact_keys` would add: the word is the only key
            compacts = {normalized}
        if len(compacts) == 1:  # the common case, without computing a skeleton when the key is indexed
            (key,) = compacts
            entry = table.compact.get(key)
            if entry is None and key not in index.primary_all:
                entry = table.skeleton.get(_skeleton_of_compact(key))
        else:
            entry = self._precomputed_for_keys(table, normalized, compacts)
        return entry, compacts

    def _precomputed_for_keys(self, table: AnswerTable, normalized: str, compacts: set[str]) -> AnswerEntry | None:
        """The precomputed answer for several compact keys (doubled vowels, ezafe forms, country adjectives)."""
        # the common case first: the keys share one skeleton, at most one is indexed, none is an own-name key
        index = self.index
        primary_all = index.primary_all
        found: str | None = None
        skel: str | None = None
        skeleton_of_base: dict[str, str] = {}
        for key in compacts:
            # a doubled vowel written once leaves the skeleton as it is (vowel runs become one "a"): the keys that
            # `compact_keys` adds for doubled vowels share their skeleton, computed once
            base = key.replace("aa", "a").replace("oo", "u").replace("ee", "i")
            key_skeleton = skeleton_of_base.get(base)
            if key_skeleton is None:
                key_skeleton = skeleton_of_base[base] = _skeleton_of_compact(base)
            if skel is None:
                skel = key_skeleton
            elif key_skeleton != skel:
                return self._precomputed_for_forms(table, normalized, compacts)
            if key in index.compact:
                if found is not None:
                    return self._precomputed_for_forms(table, normalized, compacts)
                found = key
            elif key in primary_all:
                return self._precomputed_for_forms(table, normalized, compacts)
        if found is not None:
            return table.compact.get(found)
        return table.skeleton.get(skel) if skel is not None else None

    def _precomputed_for_forms(self, table: AnswerTable, normalized: str, compacts: set[str]) -> AnswerEntry | None:
        """The precomputed answer for compact keys of several skeletons or several indexed keys (ezafe forms
        "abekamari", "abikamari", "abkamari"), or None.

        The full path reaches the rows of the keys in the index, or, when none is, the rows of their skeletons,
        and the doubtful-match rule may add the rows of all their skeletons. The answer of the first indexed key
        (or of the first skeleton with rows) stands for the set when the set reaches the same rows that way, and
        every row's own-name keys meet the query's keys exactly when they meet that key's: the ranking and the
        doubtful-match rule look at nothing else."""
        index = self.index
        skeletons = {skeleton_of_key(key) for key in compacts}
        found = sorted(key for key in compacts if key in index.compact)
        if found:
            rows = index.compact[found[0]]
            if any(index.compact[key] != rows for key in found[1:]):
                return None
            first = found[0]
            first_skeleton = skeleton_of_key(first)
            reachable = {*index.skeleton.get(first_skeleton, ()), *rows}
            if any(not reachable.issuperset(index.skeleton.get(skel, ())) for skel in skeletons):
                return None
            entry = table.compact.get(first)
            first_spelt: frozenset[str] = frozenset({first})
            first_written = frozenset({first, first_skeleton})
        else:
            with_rows = sorted(skel for skel in skeletons if skel in index.skeleton)
            if not with_rows:
                return None
            rows = index.skeleton[with_rows[0]]
            if any(set(index.skeleton[skel]) != set(rows) for skel in with_rows[1:]):
                return None
            entry = table.skeleton.get(with_rows[0])
            first_spelt = frozenset()
            first_written = frozenset({with_rows[0]})
            rows = ()  # skeleton rows: the doubtful-match rule adds nothing to them, whatever it decides
        if entry is None:
            return None
        primary_keys = index.primary_keys
        spelt = {normalized, *compacts}
        for row in rows:
            if primary_keys[row].isdisjoint(spelt) != primary_keys[row].isdisjoint(first_spelt):
                return None
        written_as = spelt | skeletons
        for row in entry[2]:
            if primary_keys[row].isdisjoint(written_as) != primary_keys[row].isdisjoint(first_written):
                return None
        return entry

    def build_answer_table(self) -> AnswerTable:
        """This geocoder's context-free answers per index key, computed by the full path's own steps (`_hits`,
        `_decide`) on the keys the fast path looks up (see `AnswerTable`)."""
        index = self.index
        places = index.places

        def answer(
            exact_rows: Iterable[int], compacts: frozenset[str], skeletons: frozenset[str], spelt: frozenset[str]
        ) -> AnswerEntry | None:
            """None where the key reaches only places that need their country named: the full path decides."""
            hits = self._hits(exact_rows, compacts, skeletons, spelt, NO_CLUES)
            return answer_for_hits(hits, skeletons, spelt) if hits else None

        def answer_for_hits(hits: dict[int, float], skeletons: frozenset[str], spelt: frozenset[str]) -> AnswerEntry:
            plain = _fields_of(self._decide("", hits, False, NO_CLUES, None, False, skeletons, spelt))
            if len(hits) == 1:
                return plain, None, tuple(hits)
            kinds = {places[row].kind for row in hits}
            by_kind: dict[str, AnswerFields] = {}
            for kind, wanted in _HINT_KINDS.items():
                # the kind bonus changes the ranking only when it favours some of the places and not others
                if kinds.isdisjoint(wanted) or kinds <= wanted:
                    by_kind[kind] = plain
                else:
                    match = self._decide("", hits, False, NO_CLUES, kind, False, skeletons, spelt)
                    by_kind[kind] = _fields_of(match)
            return plain, by_kind, tuple(hits)

        exact: dict[str, AnswerEntry] = {}
        fuzzy: dict[str, AnswerEntry] = {}
        for name, rows in index.exact.items():
            # stop words and names ending "of Afghanistan" take the full path (they are no place, or a kind)
            if name in NOT_PLACE_WORDS or _OF_HOME.search(name):
                continue
            compacts = frozenset(compact_keys(name))
            spelt_as = frozenset({name, *compacts})
            if (found := answer(rows, compacts, _skeletons_of(compacts), spelt_as)) is not None:
                exact[name] = found
            elif likely_place_word(name.title(), index.name_words) and not self._far_by_name(name):
                # only places that need their country named: without context the full path reads the name as a
                # close spelling of another, as it does a name the gazetteer lacks
                fuzzy[name] = self._fuzzy_entry(name, _skeletons_of(compacts), spelt_as)
        compact: dict[str, AnswerEntry] = {}
        for key in index.compact:
            keys = frozenset({key})
            if (found := answer((), keys, _skeletons_of(keys), keys)) is not None:
                compact[key] = found
        skeleton_answers: dict[str, AnswerEntry] = {}
        for skel in index.skeleton:
            if (found := answer((), frozenset(), frozenset({skel}), frozenset())) is not None:
                skeleton_answers[skel] = found
        named = dict(exact)
        table = AnswerTable(exact=exact, compact=compact, skeleton=skeleton_answers, named=named, fuzzy=fuzzy)
        # respellings of every name: the answer the compact and skeleton lookups give each, or else the full path's
        # when its exact/variant tiers find places (the fuzzy tier depends on how the query is capitalised, and
        # takes the full path); `_precomputed_by_keys` does not read `named`, so filling it changes nothing it finds
        for name, rows in index.exact.items():
            if all(places[row].needs_country for row in rows):
                continue  # names read only beside their country: their respellings take the full path
            for spelling in respellings(name):
                if spelling in named or spelling in index.exact:
                    continue
                entry, spelling_keys = self._precomputed_by_keys(table, spelling)
                if entry is None and spelling_keys is not None:
                    spelling_skeletons = _skeletons_of(spelling_keys)
                    spelt = frozenset({spelling, *spelling_keys})
                    hits = self._hits((), spelling_keys, spelling_skeletons, spelt, NO_CLUES)
                    if hits:
                        entry = answer_for_hits(hits, spelling_skeletons, spelt)
                    elif likely_place_word(spelling.title(), index.name_words):  # no stop word in it, long enough
                        fuzzy[spelling] = self._fuzzy_entry(spelling, spelling_skeletons, spelt)
                if entry is not None:
                    named[spelling] = entry
        return table

    def _fuzzy_entry(self, normalized: str, skeletons: frozenset[str], spelt: frozenset[str]) -> AnswerEntry:
        """The full path's fuzzy-tier answers for a context-free likely place word that no stricter key finds,
        with no kind announced and for each kind."""
        near = self._admissible(self.index.fuzzy(normalized), NO_CLUES)
        hits = {row: score for row, score in near.items() if score >= FUZZY_ACCEPT}

        def answer(named_kind: str | None) -> AnswerFields:
            if not hits:
                ranked = self._rank(near, NO_CLUES, named_kind, frozenset())
                alternatives = self._candidates(ranked, near)[: self.max_alternatives]
                return _fields_of(Match.unresolved("", self.source, alternatives))
            return _fields_of(self._decide("", hits, True, NO_CLUES, named_kind, False, skeletons, spelt))

        plain = answer(None)
        ranked_rows = hits or near
        if len(ranked_rows) <= 1:
            return plain, None, tuple(hits)
        kinds = {self.index.places[row].kind for row in ranked_rows}
        # as for the other answers: the kind bonus changes the ranking only when it favours some places, not others
        by_kind = {
            kind: plain if kinds.isdisjoint(wanted) or kinds <= wanted else answer(kind)
            for kind, wanted in _HINT_KINDS.items()
        }
        return plain, by_kind, tuple(hits)

    def _firm(self, row: int, score: float, fuzzy: bool, clues: Clues, written_as: Iterable[str]) -> bool:
        """Whether a match may be certain, ambiguity apart. Exact names and their spelling forms are; a skeleton
        match only when it spells the place's own name (not an alternate: "Senate" is not Baghlan-e Sanati); a
        skeleton or fuzzy match only when it reaches a notable place at home (or in a country or province the
        context names): a loose spelling that finds a village across the border more likely means a place the
        gazetteer lacks."""
        place = self.index.places[row]
        if fuzzy and score < FUZZY_CERTAIN:
            return False
        if score >= COMPACT_SCORE and not fuzzy:
            return True
        if not fuzzy and self.index.primary_keys[row].isdisjoint(written_as):
            return False
        if clues.admin1 and place.admin1 not in clues.admin1:
            return False  # the text names provinces, and this loose match lies in none of them
        at_home = place.country is None or place.country in self.home_countries
        named = place.country in clues.countries or (place.admin1 is not None and place.admin1 in clues.admin1)
        return place.notable and (at_home or named)

    def _candidates(self, ranked: list[tuple[int, float, float]], hits: dict[int, float]) -> tuple[Candidate, ...]:
        return tuple(self.index.places[row].candidate(hits[row]) for row, _, _ in ranked)

    def _rank(
        self, hits: dict[int, float], clues: Clues, named_kind: str | None, written_as: frozenset[str]
    ) -> list[tuple[int, float, float]]:
        """(row, total, prominence) best first. `written_as`: the query's keys, to favour places whose own name (in
        any spelling, not an alternate name) the query writes."""
        places = self.index.places
        primary_keys = self.index.primary_keys
        prominence = self._prominence(hits)
        wanted_kinds = _HINT_KINDS.get(named_kind or clues.kind_hint or "", frozenset())
        totals: list[tuple[int, float, float]] = []
        for row, score in hits.items():
            place = places[row]
            total = score + PROMINENCE_WEIGHT * prominence[row]
            if place.admin1 and place.admin1 in clues.admin1:
                total += ADMIN1_BONUS
            if place.country and place.country in clues.countries:
                total += COUNTRY_BONUS
            if place.kind in wanted_kinds:
                total += KIND_BONUS
            if place.notable and (
                place.country in self.home_countries or (place.country is None and place.kind == "region")
            ):
                total += HOME_BONUS  # named regions are the project's own (Afghanistan and its borders)
            elif place.notable and not place.far:
                total += NEAR_BONUS
            if written_as & primary_keys[row]:
                total += PRIMARY_NAME_BONUS
            totals.append((row, total, prominence[row]))
        totals.sort(key=lambda item: (-item[1], places[item[0]].id))
        return totals

    def _prominence(self, hits: dict[int, float]) -> dict[int, float]:
        """Kind, seat and population, with a seat town ranked above the same-named unit it is the seat of:
        Kabul the city over Kabul the province, Jurm the town over Jurm the district, but Balkh the province over
        Balkh the town (the seat of Balkh district, not of the province)."""
        places = self.index.places
        provincial_seats = self.index.provincial_seats
        name_skeletons = self.index.name_skeletons
        own = {row: self.index.prominence[row] for row in hits}
        values = dict(own)
        for row in hits:
            town = places[row]
            if town.kind != "town" or not (town.is_seat or provincial_seats.get(town.admin1 or "") == row):
                continue
            for other in hits:
                unit = places[other]
                if unit.admin1 != town.admin1 or name_skeletons[other] != name_skeletons[row]:
                    continue
                if unit.kind == "district" or (
                    unit.kind == "province" and provincial_seats.get(unit.admin1 or "") == row
                ):
                    # keep the towns' own order (a provincial seat over a district seat) on top of the unit's rank
                    values[row] = max(values[row], values[other] + 0.05 + own[row] / 10)
        return values

    def _ambiguous(self, ranked: list[tuple[int, float, float]], clues: Clues) -> bool:
        """Whether a place elsewhere (another province or country) is about as likely and of like standing: a
        village sharing a province's name does not make the province doubtful, a second district seat does.
        Where the context names no province, a first-level region does not make a provincial capital doubtful, except
        a region at home against a capital abroad (the project's home is Afghanistan): "Jalalabad" is Nangarhar's
        capital before Kyrgyzstan's Jalal-Abad region, "Tashkent" the city before Tashkent Region; the region stays
        an alternative."""
        places = self.index.places
        best, best_total, best_prominence = ranked[0]
        chosen = places[best]
        area = chosen.area
        capital = (
            not clues.admin1 and chosen.kind == "town" and self.index.provincial_seats.get(chosen.admin1 or "") == best
        )
        capital_at_home = chosen.country in self.home_countries
        return any(
            total >= best_total - AMBIGUITY_MARGIN
            and prominence >= best_prominence - PROMINENCE_GAP
            and not _contains(chosen, places[row])
            and places[row].area != area
            and not (
                capital
                and places[row].kind == "province"
                and (capital_at_home or places[row].country not in self.home_countries)
            )
            for row, total, prominence in ranked[1:]
        )


def _contains(chosen: Place, other: Place) -> bool:
    """Whether `other` is the chosen place's own country or province (no ambiguity between a place and its area)."""
    if other.kind == "country":
        return other.country == chosen.country
    return other.kind == "province" and other.admin1 == chosen.admin1


# The modules whose code shapes a built place index: a change to any of them builds the cached indexes anew.
INDEX_MODULES: Final = (
    "isk_atlas.places.gazetteer",
    "isk_atlas.places.capitals",
    "isk_atlas.places.context",
    "isk_atlas.places.match",
    "isk_atlas.places.persons",
    "isk_atlas.places.regions",
    "isk_atlas.places.words",
    "isk_atlas.names",
)


def load_index(frame: pd.DataFrame) -> GazetteerIndex:
    """The index of a gazetteer frame (`isk_atlas.places.PlaceModel` holds the project's), built anew each call.

    Loaded from the index cache (`isk_atlas.places.cache.cached_index`) when an earlier process built it for the
    same gazetteer and code: the geocoder's precomputed answers come with it."""
    from isk_atlas.places.cache import cached_index, gazetteer_digest, source_digest

    modules = INDEX_MODULES
    return cached_index(
        "gazetteer",
        [gazetteer_digest(frame), source_digest(*modules, "isk_atlas.geo")],
        lambda: GazetteerIndex(frame),
        GazetteerIndex,
        _INDEX_CLASSES,
    )


# What a pickled GazetteerIndex (with its answer tables) is made of.
_INDEX_CLASSES: Final = frozenset(
    {
        ("isk_atlas.places.gazetteer", "GazetteerIndex"),
        ("isk_atlas.places.gazetteer", "GazetteerGeocoder"),
        ("isk_atlas.places.gazetteer", "AnswerTable"),
        ("isk_atlas.places.gazetteer", "Place"),
        ("isk_atlas.places.context", "ContextReader"),
        ("isk_atlas.places.match", "Candidate"),
    }
)


__all__ = [
    "FUZZY_ACCEPT",
    "FUZZY_CERTAIN",
    "FUZZY_NEAR",
    "GAZETTEER_COLUMNS",
    "NOT_PLACE_WORDS",
    "GazetteerGeocoder",
    "GazetteerIndex",
    "Place",
    "compact_keys",
    "likely_place_word",
    "load_index",
    "query_keys",
    "split_qualified",
]
