"""Where a sentence's event is told: which of its place mentions can be an event's place, and which of those it takes.

A place named in a sentence is no event's place when it is a person's title ("President Ghani"), a piece of a
longer name, a dateline, where people come from or where the group's men came from (`event_place`,
`named_as_origin`); which places an event of a kind can be at is `draft.places_of_the_happening`.
Places that only bound one place ("between X and Y") count as that one place (`one_place_between`).
Among the rest, an event is told place by place for a presence report (`presence_places`), one place per attack of
a list (`listed_targets`), else the most specific place of each province (`one_per_province`); with nothing in
Afghanistan, the group's places across the border and abroad (`places_abroad`); above province level, a region or
the country (`country_of_event`). `event_places` makes that choice. Last, a place in Afghanistan read loosely
whose sentence ties the happening to another country and marks nothing Afghan is that country's (`told_abroad`,
`place_abroad`; issue 17, examples in `ABROAD_EXAMPLES`). Pure functions of the mentions and the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from typing import Final

from isk_atlas.events.classify import Label
from isk_atlas.events.cues import (
    ADDRESS_COMMA,
    ADDRESS_PART,
    AFGHAN_MARKER,
    AGENCY_DATELINE,
    ATTACKED_PLACE_BEFORE,
    BASED_IN_BEFORE,
    BETWEEN_JOIN,
    BETWEEN_PLACES,
    BORDER_FORCE_AFTER,
    COLON_DATELINE,
    COUNT_IN,
    CROSSED_FROM_BEFORE,
    DATED_COLON_DATELINE,
    DATED_DATELINE,
    DATELINE_CITY_BEFORE,
    DATELINE_PLACE_ENDS,
    DESCRIBED_PROVINCE,
    DOERS_FROM_BEFORE,
    FOOTHOLD,
    FOREIGN_GROUND,
    FOREIGN_POLICE,
    FROM_BEFORE,
    FRONTED_IN_BEFORE,
    GROUP_NAME_BEFORE,
    LIST_SEPARATOR,
    LOCATES_PREVIOUS,
    LOCATIVE_BEFORE,
    NAME_GOES_ON,
    NAME_WENT_BEFORE,
    NAME_WORDS_BEFORE,
    NAMED_FACILITY_AFTER,
    NOT_EVENT_PLACE_AFTER,
    NOT_EVENT_PLACE_BEFORE,
    PARAGRAPH_OPENING,
    PEOPLE_FROM,
    PLACE_KIND_WORDS,
    REACTION_AFTER,
    SPEAKER_PLACE_BEFORE,
    TRAINED_AT_AFTER,
    TRAINED_IN_BEFORE,
    WHERE_AFTER,
)
from isk_atlas.events.datefind import DateMention
from isk_atlas.events.draft import NEIGHBOURS, geo_precision, specificity, specificity_of
from isk_atlas.geo.build import AFGHAN_PROVINCE_NAMES, PROVINCE_REGIONS
from isk_atlas.mentions import Mention, Sentence, fold
from isk_atlas.places.persons import person_at, query_is_person
from isk_atlas.places.phrases import LISTED_BETWEEN, apposed
from isk_atlas.places.regions import border_zone, region_countries
from isk_atlas.places.words import COUNTRY_ADJECTIVES

# Kinds of places abroad an attack or an arrest is placed at even where the gazetteer knows no province for them.
_TOWNS_ABROAD = frozenset({"town", "city", "province", "district", "landmark", "quarter"})


def piece_of_a_name(mention: Mention, text: str) -> bool:
    """Whether a one-word place is only a piece of a longer capitalised name (see `NAME_GOES_ON`)."""
    if " " in mention.text or "-" in mention.text or mention.match.kind in ("province", "country", "region"):
        return False
    after = NAME_GOES_ON.pattern.match(text, mention.end)
    if after is not None:
        # "Herat Water Supply Department", "Kabul Military Hospital": an institution of the place, not a piece;
        # "a Berlin Christmas market": a facility in the town (`NAMED_FACILITY_AFTER`; a village's name may open
        # a facility's own: "the Shah Cheragh shrine")
        return PLACE_KIND_WORDS.isdisjoint(after.group().split()) and not (
            mention.match.kind == "town" and NAMED_FACILITY_AFTER.pattern.match(text, mention.end)
        )
    before = NAME_WENT_BEFORE.pattern.search(text, max(0, mention.start - 30), mention.start)
    return before is not None and before.group("word") not in NAME_WORDS_BEFORE


def event_place(mention: Mention, text: str) -> bool:
    if not mention.match.resolved:
        return False
    before = text[max(0, mention.start - 80) : mention.start]
    if person_at(text, mention.start, mention.end) is not None or query_is_person(mention.text):
        return False  # "President Ghani" (however much of it the gazetteer matched) is a person
    if piece_of_a_name(mention, text) or (("from" in before or "of" in before) and PEOPLE_FROM.pattern.search(before)):
        return False
    if could_locate_something_else(before) and NOT_EVENT_PLACE_BEFORE.pattern.search(before):
        return False
    if dateline(mention, text):
        return False
    if REACTION_AFTER.pattern.match(text, mention.end) and FRONTED_IN_BEFORE.found(before):
        return False  # "In Kabul, the Taliban condemned the attack": where the reaction came from
    if (
        mention.match.kind == "region"
        and mention.text.lower().endswith(("border", "borders", "frontier"))
        and BORDER_FORCE_AFTER.found(text[mention.end : mention.end + 20])
    ):
        return False  # "Tajik border guards": a force, not a place
    after = NOT_EVENT_PLACE_AFTER.pattern.match(text[mention.end : mention.end + 30])
    if after is not None and after.group("speaks") and SPEAKER_PLACE_BEFORE.found(before):
        return True  # "police in the northern city of Kunduz said": where the speakers are, no person
    return after is None


def dateline(mention: Mention, text: str) -> bool:
    """Whether a place is named as the dateline's (where the reporter was), or its country."""
    if mention.text.isupper() and len(mention.text) > 3 and DATELINE_PLACE_ENDS.pattern.match(text, mention.end):
        return True  # a dateline ("DUSHANBE —", "ISLAMABAD:") says where the reporter was, not where it happened
    if (
        mention.match.kind == "country"
        and DATELINE_CITY_BEFORE.pattern.search(text, max(0, mention.start - 80), mention.start)
        and DATELINE_PLACE_ENDS.pattern.match(text, mention.end)
    ):
        return True  # "HERAT, Afghanistan: ...": the dateline's country
    if DATED_DATELINE.pattern.match(text, mention.end, mention.end + 60):
        return True  # "Kabul, 3 August 2020 (dpa) –": a dateline too, whatever its case
    # "Karachi: The group ...", "Karachi, Nov 13 (Agency): ...", "Kabul (Agency) ...": a dateline
    return PARAGRAPH_OPENING.found(text[max(0, mention.start - 30) : mention.start]) and (
        COLON_DATELINE.found(text[mention.end : mention.end + 400])
        or DATED_COLON_DATELINE.found(text[mention.end : mention.end + 60])
        or AGENCY_DATELINE.found(text[mention.end : mention.end + 40])
    )


# "the Ministry of Foreign Affairs of the Russian Federation": a landmark the gazetteer knows by a generic name, said
# to be another country's.
_OF_THE: Final = re.compile(r"\s+of\s+(?:the\s+)?")


def named_for_another_country(mention: Mention, places: Sequence[Mention], text: str) -> bool:
    """Whether the place named next says this one is another country's than the gazetteer's: a name written before
    the place it lies in ("Sarband, Peshawar", `places.phrases.apposed`) that the gazetteer puts in another country
    (a namesake it lacks), or a landmark of a generic name said to be another country's ("the Ministry of Foreign
    Affairs of the Russian Federation": not Kabul's). `places`: the sentence's places in text order. The place named
    next says where the happening was."""
    after = [m for m in places if m.start >= mention.end]
    following = min(after, key=lambda m: m.start, default=None)
    if following is None or following.country is None or following.country == mention.country:
        return False
    if mention.match.kind == "landmark" and following.match.kind == "country":
        return _OF_THE.fullmatch(text, mention.end, following.start) is not None
    before = [m for m in places if m.end <= mention.start]
    previous = max(before, key=lambda m: m.end, default=None)
    listed = previous is not None and LISTED_BETWEEN.fullmatch(text, previous.end, mention.start) is not None
    return apposed(
        text, (mention.start, mention.end, mention.match), (following.start, following.end, following.match), listed
    )


def held_by_another_country(mention: Mention, by_end: dict[int, Mention], text: str) -> bool:
    """Whether a place follows another's possessive and lies in another country than it ("Peshawar's Chamkani
    area": the gazetteer's Chamkani is Afghanistan's): a namesake of a place inside the possessor, which the gazetteer
    lacks; the possessor says where the happening was. `by_end`: the sentence's places by where they end."""
    possessive = text[max(0, mention.start - 3) : mention.start] in ("'s ", "’s ")
    owner = by_end.get(mention.start - 3) if possessive else None
    return (
        owner is not None
        and owner.match.kind != "country"
        and owner.country is not None
        and mention.country is not None
        and owner.country != mention.country
    )


def named_as_origin(mention: Mention, text: str, presence: bool) -> bool:
    """Whether a place is named as where the group's men came from (`DOERS_FROM_BEFORE`, `CROSSED_FROM_BEFORE`), or,
    but for a presence report, where the group is based or its men trained (`BASED_IN_BEFORE`,
    `TRAINED_IN_BEFORE`, `TRAINED_AT_AFTER`)."""
    start = max(0, mention.start - 80)
    if any(cue.pattern.search(text, start, mention.start) for cue in (DOERS_FROM_BEFORE, CROSSED_FROM_BEFORE)):
        return True
    return not presence and (
        any(cue.pattern.search(text, start, mention.start) for cue in (BASED_IN_BEFORE, TRAINED_IN_BEFORE))
        or TRAINED_AT_AFTER.pattern.match(text, mention.end) is not None
    )


def named_as_attacked(mention: Mention, text: str, cue_start: int, later: Sequence[Mention]) -> bool:
    """Whether a place named before a presence word (at `cue_start`) is named as where attacks struck
    (`ATTACKED_PLACE_BEFORE`): not the presence's place, unless the presence is told of it in a relative clause
    right after it (`WHERE_AFTER`: "attacks in X, where it is based"; `later` are the places named after it)."""
    if mention.start >= cue_start or not ATTACKED_PLACE_BEFORE.pattern.search(
        text, max(0, mention.start - 100), mention.start
    ):
        return False
    where = WHERE_AFTER.pattern.match(text, mention.end)
    return where is None or where.end() > cue_start or any(m.start < where.start() for m in later)


def far_abroad_country(mention: Mention) -> str | None:
    """The country of a place beyond Afghanistan and its neighbours, else None. Far abroad the gazetteer holds few
    provinces and the country is the place a report is told at (as a province is at home): arrests "in Germany",
    then "in the Netherlands" are two places."""
    country = mention.country
    return country if country is not None and country != "AFG" and country not in NEIGHBOURS else None


def read_abroad(mention: Mention) -> bool:
    """Whether a mention is a place abroad below country level, read exactly as the gazetteer writes it (a country
    named is no sign: Afghan reports name Pakistan's border, Iran's consulate)."""
    return mention.country not in (None, "AFG") and mention.match.kind != "country" and mention.method == "exact"


def could_locate_something_else(before: str) -> bool:
    """Whether `NOT_EVENT_PLACE_BEFORE` can match: it ends in "of", or needs "of the", "shadow", "after", "before",
    "since", "hospital", "neighbour", "border", "adjacent", "via" or a verb of taking someone somewhere."""
    if not before.isascii():
        return True  # case-blind matching knows equivalents lower() does not give
    lowered = before.lower()
    return (
        lowered.rstrip().endswith("of")
        or "of the" in lowered
        or "shadow" in lowered
        or "after" in lowered
        or "before" in lowered
        or "since" in lowered
        or "hospital" in lowered
        or "neighbo" in lowered
        or "border" in lowered
        or "adjacent" in lowered
        or "via" in lowered
        or any(word in lowered for word in ("brought", "taken", "transferred", "flown", "handed"))
    )


# What a border zone is to an event, as example texts and the (type, place id) of the events each tells
# (`tests/test_placing.py` runs them with the project's gazetteer): an arrest at the border is placed at the border
# zone, whichever country the sentence names beside it; an operation along a border is too vague to place; a place
# named across the border is where the happening was, the border only says where that place lies.
BORDER_EXAMPLES: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("Pakistani intelligence agents arrested a senior member of ISIS-K at the Pakistan-Afghanistan border on "
     "Sunday, officials said.", (("counter_operation", "region:afghan-pakistani-border"),)),
    ("A commander of ISIS-K was captured at the Pak-Afghan border in a joint operation by Pakistan and Turkey on "
     "Monday.", (("counter_operation", "region:afghan-pakistani-border"),)),
    ("Troops launched an operation against ISIS-K along the Pakistan-Afghanistan border on Sunday.", ()),
    ("Security forces killed four ISIS-K fighters near the Pak-Afghan border in North Waziristan on Saturday.",
     (("counter_operation", "cur:north-waziristan"),)),
)  # fmt: skip


def afghan_region(mention: Mention) -> bool:
    """A named region in or along Afghanistan (not Central Asia, the Middle East or Europe).

    A border zone is Afghanistan's whichever side its name was read on: "captured at the Pakistan-Afghanistan
    border" in a sentence that names Pakistan reads the zone with Pakistan's country, yet the zone is the border's
    (`border_zone`), not Pakistan's."""
    match = mention.match
    if match.kind != "region":
        return False
    if border_zone(mention.place_id or ""):
        return True
    if match.country not in (None, "AFG"):
        return False
    if match.lat is None or match.lon is None:
        return True  # a region phrase the gazetteer has no point for: ours are all Afghan
    return 29.0 <= match.lat <= 38.6 and 60.4 <= match.lon <= 75.0


def places_abroad(label: Label, places: list[Mention], sentence_text: str) -> list[Mention]:
    """With nothing in Afghanistan named: the group's attacks and cells across the border count too, and its
    attacks and the arrests of its members further abroad ("gunmen stormed a concert hall near Moscow"). A presence
    there only when the sentence tells a foothold (`FOOTHOLD`: a base, cell, leaders, recruitment, a figure): "its
    militants fled to X" names the group's men there, not a presence report."""
    if label.event_type == "presence" and not FOOTHOLD.found(sentence_text):
        return []
    return [
        m
        for m in places
        if m.country not in (None, "AFG")
        and m.match.kind != "country"
        and (
            (m.country in NEIGHBOURS and m.admin1) or (label.event_type != "presence" and m.match.kind in _TOWNS_ABROAD)
        )
    ]


def presence_places(
    provincial: list[Mention], regional: list[Mention], afghan: list[Mention], sentence: Sentence, text: str
) -> list[Mention]:
    """Presence is reported place by place: each district or town, and a province only when nothing inside it is
    named in the same sentence; the regions named that hold none of those places (a region that holds one only
    says where it lies: "eastern Afghanistan's Nangarhar", "the northern provinces of Jowzjan and Balkh"), and the
    country where a count is given in it."""
    chosen: list[Mention] = []
    finer = {m.admin1 for m in provincial if specificity(m) > specificity_of("province")}
    seen: set[str | None] = set()
    for mention in provincial:
        key = mention.place_id or mention.text
        if key in seen or (geo_precision(mention) == "province" and mention.admin1 in finer):
            continue
        seen.add(key)
        chosen.append(mention)
    named = {m.admin1 for m in chosen}
    chosen.extend(m for m in {m.place_id: m for m in regional}.values() if not named & region_provinces(m))
    chosen.extend(
        m
        for m in afghan
        if m.match.kind == "country"
        and COUNT_IN.pattern.search(text, max(sentence.start, m.start - 80), m.start)
        and all(m.place_id != c.place_id for c in chosen)
    )
    return chosen


def region_provinces(mention: Mention) -> set[str | None]:
    """The provinces of a region of Afghanistan (`PROVINCE_REGIONS`); none for a border strip or a region abroad."""
    region = PROVINCE_REGIONS.get((mention.place_id or "").removeprefix("region:"))
    return set(region[1]) if region is not None else set()


def country_of_event(
    label: Label, places: list[Mention], afghan: list[Mention], dates: list[DateMention]
) -> list[Mention]:
    """Above province level: the country (Afghanistan, or a neighbour for presence there), for events other than
    an undated attack."""
    countries = [
        m
        for m in places
        if m.match.kind == "country"
        and (
            m.country == "AFG"
            or (label.event_type == "presence" and m.country in NEIGHBOURS)
            or (label.sub_type == "arrest" and not afghan)
            or (label.event_type == "attack" and not afghan)
        )
    ]  # fmt: skip (arrests of the group's members abroad; a dated attack abroad known by its country)
    specific = label.sub_type not in ("attack",) and (bool(dates) or label.event_type != "attack")
    return countries[:1] if countries and specific else []


def listed_targets(places: list[Mention], sentence_text: str, offset: int) -> list[Mention]:
    """Places of a list of attacks in one sentence ("attacks on the X airport, worshippers in A, B and C, the Y
    ministry ..."), one per distinct place, when three or more are listed with separators between them; else []."""
    distinct: list[Mention] = []
    previous: Mention | None = None
    for mention in places:
        if (
            previous is not None
            and previous.match.kind in ("landmark", "quarter")
            and mention.admin1 == previous.admin1
            and LOCATES_PREVIOUS.pattern.match(sentence_text[previous.end - offset : mention.start - offset])
        ):
            previous = mention
            continue  # "the airport in Kabul": one target
        previous = mention
        if all(mention.place_id != kept.place_id for kept in distinct):
            distinct.append(mention)
    if len(distinct) < 3:
        return []
    between = sentence_text[distinct[0].end - offset : distinct[-1].start - offset]
    if len(LIST_SEPARATOR.pattern.findall(between)) < len(distinct) - 1:
        return []
    if len({m.admin1 for m in distinct}) == len(distinct):
        return []  # one place per province: the usual one event per province
    return distinct[:6]


# What `one_place_between` does, as example texts and the provinces of the events each tells; `tests/test_placing.py`
# runs them with the small gazetteer.
BETWEEN_EXAMPLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    # two towns bound the road the attack was on: one attack, at the first of equals
    ("Islamic State gunmen opened fire on a bus on the road between Kunduz and Mazar-i-Sharif on Sunday, killing "
     "five.", ("AF-KDZ",)),
    # a province and a district of another bound a village: at the district, the most precise
    ("Islamic State gunmen opened fire on a bus in a village between Kunduz province and the Darzab district of "
     "Jowzjan on Sunday, killing five.", ("AF-JOW",)),
    # places named side by side, or "between" two sides of a fight, are places of their own
    ("Islamic State gunmen attacked checkpoints in Kunduz and Mazar-i-Sharif on Sunday, killing five.",
     ("AF-KDZ", "AF-BAL")),
    ("Fighting broke out between the Taliban and the Islamic State in Kunduz and Jowzjan on Sunday, killing five.",
     ("AF-KDZ", "AF-JOW")),
)  # fmt: skip


def one_place_between(places: list[Mention], sentence_text: str, offset: int) -> list[Mention]:
    """The places less those that only bound one place with another: "on the road between X and Y", "a village
    between X and the Y district of Z" tell one place where one happening was, not one at each (`BETWEEN_PLACES`,
    joined by `BETWEEN_JOIN`); of them the most precise is kept (the first, of equals)."""
    ordered = sorted(places, key=lambda m: m.start)
    dropped: set[int] = set()  # ids of the mentions that only bound the place kept
    for index, mention in enumerate(ordered):
        before = sentence_text[max(0, mention.start - offset - 20) : mention.start - offset]
        if id(mention) in dropped or not BETWEEN_PLACES.found(before):
            continue
        bounds = [mention]
        for following in ordered[index + 1 :]:
            if not BETWEEN_JOIN.found(sentence_text[bounds[-1].end - offset : following.start - offset]):
                break
            bounds.append(following)
        best = max(bounds, key=specificity)  # (max keeps the first of equals)
        dropped.update(id(m) for m in bounds if m is not best)
    return [m for m in places if id(m) not in dropped]


# What `address_chain` does, as example texts and the provinces of the events each tells (`tests/test_placing.py`
# runs them with the small gazetteer).
ADDRESS_EXAMPLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    # a mosque, its district, its province: one place; the mosque's name is read as a district of Jawzjan
    ("ISIS-K gunmen attacked worshippers in the Darzab Mosque, Dashti Qala, Takhar on Friday, killing five.",
     ("AF-TAK",)),
    # places of three provinces, side by side, are a list of three
    ("ISIS-K gunmen attacked checkpoints in Darzab, Dashti Qala and Jurm on Friday, killing five.",
     ("AF-JOW", "AF-TAK", "AF-BDS")),
)  # fmt: skip


def address_chain(places: list[Mention], sentence_text: str, offset: int) -> list[Mention]:
    """The places less those of an address that only locate its first: "in Sayyidabad Shia Mosque, Khanabad,
    Kunduz" names one place, a district followed by the province that holds it; the province only locates the
    district, and a name just before them, in another province, is a local place (a mosque, a village) that the
    gazetteer reads as a namesake elsewhere."""
    ordered = sorted(places, key=lambda m: m.start)
    dropped: set[int] = set()
    for index, (inner, province) in enumerate(pairwise(ordered)):
        # (the province may be named as its capital is: "Khanabad, Kunduz" reads two towns)
        named_as_province = province.match.kind == "town" and fold(province.text) == fold(
            AFGHAN_PROVINCE_NAMES.get(province.admin1 or "", "")
        )
        if not (
            (province.match.kind == "province" or named_as_province)
            and inner.admin1 == province.admin1
            and inner.place_id != province.place_id
            and specificity(inner) >= specificity_of("district")
            and ADDRESS_COMMA.found(sentence_text[inner.end - offset : province.start - offset])
        ):
            continue
        dropped.add(id(province))
        before = ordered[index - 1] if index > 0 else None
        if (
            before is not None
            and before.admin1 != inner.admin1
            and before.match.kind not in ("province", "country", "region")
            and ADDRESS_PART.found(sentence_text[before.end - offset : inner.start - offset])
        ):
            dropped.add(id(before))
    return [m for m in places if id(m) not in dropped]


# Sentences before a described province ("the eastern province") where the province it stands for may be named: its
# own and the previous one of the same paragraph.
_DESCRIBED_REACH = 1


def described_provinces(text: str, sentences: Sequence[Sentence], mentions: Sequence[Mention]) -> list[Mention]:
    """Provinces named by their description only ("the group has bases in the eastern province"), each read as the
    Afghan province named last before it, in its sentence or the one before in the same paragraph, when the
    description fits it (`PROVINCE_REGIONS`: "eastern" for a province of the east, north-east or south-east); a
    mention of that province where the description stands."""
    found: list[Mention] = []
    provinces = sorted(
        (m for m in mentions if m.match.kind == "province" and m.country == "AFG"), key=lambda m: m.start
    )
    for sentence in sentences:
        for match in DESCRIBED_PROVINCE.pattern.finditer(text, sentence.start, sentence.end):
            direction = match.group("direction").lower().replace("-", "")
            fits = {p for key, (_, held, _) in PROVINCE_REGIONS.items() if direction in key for p in held}
            earliest = sentence.index - _DESCRIBED_REACH
            named = [
                m
                for m in provinces
                if m.end <= match.start()
                and m.sentence >= earliest
                and sentences[m.sentence].paragraph == sentence.paragraph
            ]
            if named and named[-1].admin1 in fits:
                found.append(
                    Mention(match.group(), match.start(), match.end(), sentence.index, named[-1].match, "phrase")
                )
    return found


def article_country(mentions: Sequence[Mention]) -> list[Mention]:
    """Afghanistan's mentions, when the article names it more often than any other country (else none)."""
    by_country: dict[str, list[Mention]] = {}
    for mention in mentions:
        if mention.match.kind == "country" and mention.country and mention.match.resolved:
            by_country.setdefault(mention.country, []).append(mention)
    if not by_country or max(by_country, key=lambda country: len(by_country[country])) != "AFG":
        return []
    return by_country["AFG"]


# One operation told across this many provinces (in one sentence) is placed in their country.
_SPREAD_PROVINCES = 3


def event_places(
    label: Label,
    sentence: Sentence,
    sentence_text: str,
    text: str,
    places: list[Mention],
    afghan: list[Mention],
    dates: list[DateMention],
    countries: Sequence[Mention],
) -> tuple[list[Mention], bool]:
    """Where the event is told (and whether at places of a list of attacks): the Afghan provinces' places (or,
    with none, the group's places across the border and abroad), presence place by place, a list of attacks
    one per place, else one per province; else a region (presence), else the country (`countries`: the article's
    mentions of countries, in order)."""
    places = address_chain(one_place_between(places, sentence_text, sentence.start), sentence_text, sentence.start)
    afghan = address_chain(one_place_between(afghan, sentence_text, sentence.start), sentence_text, sentence.start)
    provincial = [m for m in afghan if m.admin1]
    regional = [m for m in places if afghan_region(m)]
    placed_by_region = label.event_type in ("presence", "counter_operation")  # (not an attack: told by province)
    if not provincial:
        abroad = places_abroad(label, places, sentence_text)
        if abroad and all(border_zone(m.place_id or "") for m in regional):
            # a border zone beside a place named across the border only says where that place lies ("killed four
            # of its men near the Pak-Afghan border in North Waziristan")
            regional = []
        if not regional or not placed_by_region:
            provincial = abroad
    if provincial and label.event_type == "presence":
        return presence_places(provincial, regional, afghan, sentence, text), False
    if provincial and label.event_type == "attack":
        targets = listed_targets(provincial, sentence_text, sentence.start)
        if targets:
            return targets, True
    if provincial:
        return one_per_province(label, provincial, countries), False
    if regional and placed_by_region:
        return list({m.place_id: m for m in regional}.values()), False
    return country_of_event(label, places, afghan, dates), False


def one_per_province(label: Label, provincial: list[Mention], countries: Sequence[Mention]) -> list[Mention]:
    """The most specific place of each province named (three at most); an operation spread over several
    provinces of one country, at the country (the first of the article's `countries` that holds them)."""
    by_province: dict[str, Mention] = {}
    for mention in provincial:
        key = mention.admin1 or mention.country or ""  # a town abroad the gazetteer has no province for
        best = by_province.get(key)
        if best is None or specificity(mention) > specificity(best):
            by_province[key] = mention
    chosen = list(by_province.values())[:3]
    spread_over = {m.country for m in by_province.values()}
    spread = len(by_province) >= _SPREAD_PROVINCES and len(spread_over) == 1
    if label.event_type == "counter_operation" and spread:
        # "arrested 14 in the provinces of Tehran, Alborz, Fars and Khuzestan": one operation, in the country
        # (ACLED and UCDP place an event that spans several provinces at the level that holds them)
        country = next((m for m in countries if m.country in spread_over), None)
        chosen = [country] if country is not None else chosen
    return chosen


def recent_country(
    sentence: Sentence, by_sentence: dict[int, list[Mention]], sentences: list[Sentence]
) -> Mention | None:
    """Afghanistan when the previous two sentences of the paragraph name it (for 'the country', 'there')."""
    for index in range(sentence.index - 1, max(-1, sentence.index - 3), -1):
        if sentences[index].paragraph != sentence.paragraph:
            break
        for mention in by_sentence.get(index, []):
            if mention.match.kind == "country" and mention.country == "AFG":
                return mention
    return None


# --- abroad or at home (issue 17: no happening abroad placed in Afghanistan)
#
# A place in Afghanistan read loosely (`loosely_afghan`) whose sentence ties the happening to another country
# (`ties_abroad`) and gives no Afghan marker of its own (`afghan_marker`) is no Afghan place: the happening is told
# of the other country. With a name read loosely and nothing in the sentence, the article's dateline (`article_ties`;
# not its headline) says which country it is told from. A place read as the gazetteer writes it stays where it is,
# whatever the article's dateline: a Moscow report's recalled attack in Kabul is in Kabul.


# What the check does, as example texts and the country of the one event each tells (None: no event, the
# happening abroad has no place there to name). `tests/test_placing.py` runs them with a small gazetteer that holds
# Jalalabad (no Kyrgyz Jalal-Abad), a Kandahar landmark also called "Imambargah", Bishkek and Islamabad, Peshawar, a
# Tajik town also called Sarband, Russia and Kabul's Ministry of Foreign Affairs.
ABROAD_EXAMPLES: tuple[tuple[str, str | None], ...] = (
    # a foreign town read as an Afghan one's variant, told from a foreign dateline
    ("BISHKEK, May 8 (Agency) - Gunmen of the Islamic State Khorasan attacked a police post in Jalal-Abad on "
     "Tuesday, killing two officers.", None),
    # ... or told by a foreign police, in an article naming that country
    ("Kyrgyz police said gunmen of the Islamic State Khorasan attacked a police post in Jalal-Abad on Tuesday, "
     "killing two officers. It was the worst attack in Kyrgyzstan this year.", "KGZ"),
    # a clash across the border, Afghanistan named only as where the attackers came from
    ("Islamic State Khorasan fighters clashed with Tajik border guards on Sunday after crossing into Tajikistan "
     "from Afghanistan, killing three.", "TJK"),
    # a generic facility word the gazetteer holds as an Afghan landmark's other name
    ("A suicide bomber of the Islamic State Khorasan blew himself up in an Imambargah in a Pakistani town on "
     "Friday, killing 31 worshippers.", None),
    ("A suicide bomber of the Islamic State Khorasan blew himself up in an Imambargah on Friday, killing 31 "
     "worshippers, police in Pakistan said.", "PAK"),
    # Afghan happenings stay: a firm name under a foreign dateline, an Afghan marker, Afghanistan named as the place
    ("MOSCOW, May 8 (Agency) - The Islamic State Khorasan bombed a mosque in Jalalabad on Friday, killing 20.", "AFG"),
    ("BISHKEK, May 8 (Agency) - Gunmen of the Islamic State Khorasan attacked a police post in Jalal-Abad on "
     "Tuesday, Taliban officials said.", "AFG"),
    ("A suicide bomber of the Islamic State Khorasan blew himself up in an Imambargah in Kandahar on Friday, "
     "killing 31 worshippers.", "AFG"),
    ("DUSHANBE, May 8 (Agency) - Islamic State Khorasan fighters clashed with border guards in Afghanistan on "
     "Sunday, killing three, Tajik officials said.", "AFG"),
    # a namesake abroad of a place said to lie in another ("X, Y"), and a landmark said to be another country's
    ("Two shopkeepers were shot dead by Islamic State Khorasan gunmen on Sunday in a bazaar of Sarband, Peshawar.",
     "PAK"),
    ("The Ministry of Foreign Affairs of the Russian Federation said gunmen of the Islamic State Khorasan attacked a "
     "concert hall on Friday, killing dozens.", None),
)  # fmt: skip


def same_mention(one: Mention, other: Mention) -> bool:
    return one.start == other.start and one.end == other.end


def loosely_read(mention: Mention) -> bool:
    """Whether a place's name was read loosely: by a spelling variant, a fuzzy or context-led reading, or a
    landmark by another name than its own (an alias: a generic facility word the gazetteer holds for one landmark
    may name thousands abroad)."""
    match = mention.match
    if mention.method in ("fuzzy", "span") or match.reason in ("variant", "fuzzy", "context"):
        return True
    return match.kind == "landmark" and fold(mention.text) != fold(match.name or "")


def loosely_afghan(mention: Mention, text: str) -> bool:
    """Whether a place in Afghanistan was read loosely (`loosely_read`) or is the country named as where something
    came from (`FROM_BEFORE`: "crossed into Tajikistan from Afghanistan")."""
    if mention.country != "AFG":
        return False
    if mention.match.kind == "country":
        return bool(FROM_BEFORE.pattern.search(text, max(0, mention.start - 40), mention.start))
    return loosely_read(mention)


def _in_group_name(mention: Mention, text: str) -> bool:
    return bool(GROUP_NAME_BEFORE.pattern.search(text, max(0, mention.start - 50), mention.start))


def ties_abroad(mentions: Sequence[Mention], place: Mention, text: str, start: int, end: int) -> set[str]:
    """The countries other than Afghanistan the text from `start` to `end` (a sentence) places its happening in,
    outside `place`'s own name ("the Russian embassy" is in Kabul): a country's ground (`FOREIGN_GROUND`: "the
    Kyrgyz city of", "the Tajik side"), its police (`FOREIGN_POLICE`), the country named as where something is
    (`LOCATIVE_BEFORE`: "into Tajikistan"), or a place abroad that can be an event's (not where people came from)."""
    ties: set[str] = set()
    for cue in (FOREIGN_GROUND, FOREIGN_POLICE):
        for found in cue.pattern.finditer(text, start, end):
            if not place.start <= found.start() < place.end:
                ties.add(COUNTRY_ADJECTIVES[found.group().split()[0].lower()])
    for mention in mentions:
        if (
            same_mention(mention, place)
            or not mention.match.resolved
            or mention.country in (None, "AFG")
            or place.start <= mention.start < place.end
            or _in_group_name(mention, text)
        ):
            continue
        if mention.match.kind == "country":
            if LOCATIVE_BEFORE.pattern.search(text, max(0, mention.start - 40), mention.start):
                ties.add(mention.country or "")
        elif event_place(mention, text) and not named_as_origin(mention, text, presence=False):
            ties.add(mention.country or "")
    return ties


def afghan_marker(mentions: Sequence[Mention], place: Mention, text: str, start: int, end: int) -> bool:
    """Whether the text from `start` to `end` marks its happening as Afghan of its own, besides `place`: Afghan
    authorities or ground (`AFGHAN_MARKER`), or another place in Afghanistan read firmly (not where people came
    from, nor a border zone, which lies in both countries: "Tajik border guards")."""
    if any(not place.start <= f.start() < place.end for f in AFGHAN_MARKER.pattern.finditer(text, start, end)):
        return True
    return any(
        not same_mention(mention, place)
        and mention.match.resolved
        and mention.country == "AFG"
        and not loosely_afghan(mention, text)
        and len((region_countries(mention.place_id or "") or ("AFG", ("AFG",)))[1]) == 1
        and event_place(mention, text)
        and not named_as_origin(mention, text, presence=False)
        for mention in mentions
    )


def article_ties(by_sentence: dict[int, list[Mention]], sentences: Sequence[Sentence], text: str) -> set[str]:
    """The country other than Afghanistan the article is told from: its dateline's ("BISHKEK, May 8 -"). (Not the
    countries its headline names: an article about a foreign faction recalls the group's attacks at home.)"""
    return {
        m.country
        for sentence in sentences[:4]
        for m in by_sentence.get(sentence.index, [])
        if m.match.resolved and m.country is not None and m.country != "AFG" and dateline(m, text)
    }


def told_abroad(
    place: Mention, mentions: Sequence[Mention], text: str, sentence: Sentence, article: set[str]
) -> set[str]:
    """The countries a happening placed in Afghanistan at `place` is told of instead (issue 17), else none: `place`
    read loosely (`loosely_afghan`), its sentence (its `mentions`) gives no Afghan marker (`afghan_marker`) and ties it
    to other countries (`ties_abroad`); a name read loosely with no tie in the sentence takes the article's
    (`article`: `article_ties`)."""
    if not loosely_afghan(place, text) or afghan_marker(mentions, place, text, sentence.start, sentence.end):
        return set()
    ties = ties_abroad(mentions, place, text, sentence.start, sentence.end)
    if not ties and place.match.kind != "country":
        ties = set(article)
    return ties


def place_abroad(ties: set[str], mentions: Sequence[Mention], article: Sequence[Mention], text: str) -> Mention | None:
    """Where a happening told abroad (`told_abroad`) is placed: the most specific place of those countries its
    sentence names (`mentions`) that can be an event's, else the first of the article's mentions of one of those
    countries at country level; None when no place there is named."""
    there = [
        m
        for m in mentions
        if m.match.resolved
        and m.country in ties
        and not _in_group_name(m, text)
        and event_place(m, text)
        and not named_as_origin(m, text, presence=False)
    ]
    if there:
        return max(there, key=specificity)
    return next((m for m in article if m.match.kind == "country" and m.country in ties and m.match.resolved), None)
