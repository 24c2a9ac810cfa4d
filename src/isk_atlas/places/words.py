"""The words of news text the place model treats specially, declared once for mention finding and the geocoder:
words that never name a place (`NOT_PLACE_WORDS`), direction words (`DIRECTION_WORDS`), the words of a
facility or organisation that follow a place name without being part of it (`FACILITY_WORDS`: "Kunduz Water
Department", "Kabul University"), and the adjectives of countries (`COUNTRY_ADJECTIVES`: "the Uzbek border").

    >>> "taliban" in NOT_PLACE_WORDS and "department" in FACILITY_WORDS
    True
"""

from __future__ import annotations

from typing import Final

from isk_atlas.names import DESIGNATOR_KINDS

# Adjectives of countries and the country each names (its ISO code, the area key of the gazetteer's country): "the
# Uzbek province of SarkhanDarya", "the Afghan-Tajik border", "the southern Kyrgyz city of Jalal-Abad", "the Tajik
# capital". The one table the context reader (`isk_atlas.places.context`) and the phrase reader
# (`isk_atlas.places.phrases`: borders, a country's ground, its capital) read.
COUNTRY_ADJECTIVES: Final[dict[str, str]] = {
    "afghan": "AFG", "afghanistani": "AFG", "tajik": "TJK", "tajikistani": "TJK", "uzbek": "UZB",
    "uzbekistani": "UZB", "turkmen": "TKM", "turkmenistani": "TKM", "kyrgyz": "KGZ", "kirghiz": "KGZ",
    "kazakh": "KAZ", "kazakhstani": "KAZ", "pakistani": "PAK", "iranian": "IRN", "persian": "IRN",
    "chinese": "CHN", "russian": "RUS", "indian": "IND", "turkish": "TUR", "syrian": "SYR", "iraqi": "IRQ",
    "saudi": "SAU", "qatari": "QAT", "emirati": "ARE", "american": "USA", "british": "GBR", "german": "DEU",
    "french": "FRA", "bangladeshi": "BGD",
}  # fmt: skip
# The other way round, each country's adjective as a word opening a name ("TUR" -> "Turkish": "Turkish police"): the
# first that `COUNTRY_ADJECTIVES` gives it ("tajik", not "tajikistani").
COUNTRY_ADJECTIVE_OF: Final[dict[str, str]] = {
    code: adjective.capitalize() for adjective, code in reversed(COUNTRY_ADJECTIVES.items())
}

# Capitalised words of these reports that are never a place on their own: actors, titles, institutions, calendar
# words, nationalities and their languages ("Russian" is one edit from "Russia", "Taliban" one from "Talikan"),
# articles and pronouns that start sentences. A gazetteer name spelt like one of them is not indexed for mention
# finding, is never fuzzy-matched, and a bare query of one is unresolved.
NOT_PLACE_WORDS: Final = frozenset(
    {
        # actors and movements
        "taliban", "talib", "talibs", "isis", "isil", "isis k", "isisk", "isis-k", "iskp", "is k", "daesh", "daish",
        "qaeda", "al qaeda", "alqaeda", "al-qaeda", "al qaida", "haqqani", "haqqanis", "khorasan", "khorasani",
        "ansarullah", "jamaat", "jamaat ansarullah", "ahrar", "mujahideen", "mujahid", "emirate", "islamic", "state",
        "caliphate", "jihad", "jihadi", "jihadist", "nato", "csto", "cstom", "centcom", "sigar", "cia", "levant",
        # institutions and titles
        "government", "ministry", "embassy", "president", "general", "minister", "commander", "governor", "mosque",
        "senate", "congress", "parliament", "council", "committee", "department", "agency", "army", "police",
        "pentagon", "republic", "kingdom", "union", "treaty", "front", "movement", "network", "organization",
        "organisation", "division", "university", "hospital", "security", "forces", "force", "collective",
        "national", "resistance", "group", "branch", "spokesman", "chief", "head", "house", "center", "centre",
        "office", "hotel", "airport", "school", "market", "bridge", "chairman", "mr",
        # titles before or after a place's name ("Nangarhar Deputy Governor", "Kabul Police Chief")
        "deputy", "official", "officials", "spokesperson", "mayor", "director", "leader", "member", "senator",
        "secretary", "ambassador", "envoy", "prime", "vice", "acting", "former", "mullah", "maulvi",
        # designators alone
        "province", "district", "city", "town", "village", "region", "area", "border", "capital",
        # peoples, nationalities and their languages
        "hazara", "hazaras", "pashtun", "pashtuns", "uighur", "uighurs", "uyghur", "uyghurs", "afghan", "afghans",
        "tajik", "tajiks", "uzbek", "uzbeks", "turkmen", "turkmens", "russian", "russians", "american", "americans",
        "european", "europeans", "pakistani", "pakistanis", "uzbekistani", "uzbekistanis", "tajikistani", "iranian",
        "iranians", "chinese", "kyrgyz", "kazakh", "kazakhs", "indian", "indians", "british", "german", "french",
        "turkish", "arab", "arabs", "syrian", "syrians", "iraqi", "iraqis", "chechen", "chechens", "baloch",
        "balochi", "shia", "shias", "shiite", "shiites", "sunni", "sunnis", "sufi", "sikh", "sikhs", "hindu", "hindus",
        "muslim", "muslims", "christian", "christians", "quran", "koran",
        # adjectives of former states ("the former Soviet republics": no Sovet in Tajikistan)
        "soviet", "soviets", "ottoman", "yugoslav", "czechoslovak",
        # numbers that start sentences and headings
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens", "hundreds",
        # calendar
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "christmas", "easter",
        "ramadan",
        # words that start sentences and headings
        "the", "a", "an", "and", "of", "in", "on", "at", "for", "to", "by", "with", "from", "as", "this", "that",
        "after", "before", "during", "since", "according", "however", "furthermore", "moreover", "some", "reports",
        "report", "news", "said", "source", "photo", "top", "related", "items", "analysis", "why", "where", "what",
        "how", "who", "when", "will", "there", "they", "their", "these", "those", "his", "her", "its", "our", "we",
        "he", "she", "it", "not", "no", "all", "both", "other", "another", "many", "most", "middle", "post", "times",
        "voice", "al", "ul", "el", "u.s", "us", "un",
    }
)  # fmt: skip

# Direction words: alone they name no place ("the Middle East" is not East Afghanistan); in a region phrase ("the
# eastern provinces", "northeastern Afghanistan") or a relation ("south of Kunduz") they do.
DIRECTION_WORDS: Final[dict[str, str]] = {
    "north": "north", "northern": "north", "south": "south", "southern": "south", "east": "east",
    "eastern": "east", "west": "west", "western": "west", "northeast": "northeast", "northeastern": "northeast",
    "north-east": "northeast", "north-eastern": "northeast", "northwest": "northwest", "northwestern": "northwest",
    "north-west": "northwest", "north-western": "northwest", "southeast": "southeast", "southeastern": "southeast",
    "south-east": "southeast", "south-eastern": "southeast", "southwest": "southwest", "southwestern": "southwest",
    "south-west": "southwest", "south-western": "southwest", "central": "central", "centre": "central",
    "center": "central",
}  # fmt: skip

# Words of a facility, organisation or part of a place written after (or before) its name: "Kunduz Water
# Department", "Kabul University", "Jalalabad City Police", "the Ministry of Education in Kabul". They end a name
# when mention finding joins capitalised words into one span.
FACILITY_WORDS: Final = frozenset(
    {
        "ministry", "department", "directorate", "office", "offices", "headquarters", "hq", "embassy", "consulate",
        "airport", "airbase", "base", "camp", "prison", "jail", "university", "school", "academy", "college",
        "hospital", "clinic", "mosque", "shrine", "temple", "church", "madrasa", "madrassa", "seminary", "hotel",
        "market", "bazaar", "bank", "stadium", "bridge", "dam", "road", "highway", "street", "square", "gate",
        "checkpoint", "station", "court", "council", "police", "army", "corps", "brigade", "battalion", "command",
        "water", "power", "electricity", "education", "health", "interior", "defence", "defense", "affairs",
        "foreign", "finance", "justice", "public", "works", "municipality", "governor", "governorate", "compound",
        "building", "palace", "residence", "centre", "center", "hall", "zone", "park", "valley", "river", "pass",
        "mountains", "mountain", "hills", "club", "company", "team", "news", "radio", "tv", "television", "times",
        "post", "daily", "agency", "network", "group", "front", "branch", "chapter", "wing", "cell", "cells",
        "forces", "force", "security", "intelligence", "special", "unit", "units", "operations", "province",
        "provinces", "provincial", "district", "reconstruction", "development", "relief", "mission",
        "assistance", "support", "peace", "rights", "human", "studies", "institute", "foundation",
        "international", "united", "nations", "districts", "city", "town", "village", "region", "area", "border",
        "capital", *DESIGNATOR_KINDS,
    }
)  # fmt: skip


# Titles written before a person's name: the capitalised name after one is a person, not a place ("President Ghani"
# is no misspelt Ghazni, "Governor Ahmadi said in Ghazni" names Ghazni only).
PERSON_TITLES: Final = frozenset(
    {
        "president", "governor", "minister", "general", "gen", "commander", "mullah", "maulvi", "mawlawi", "mawlavi",
        "sheikh", "shaikh", "mr", "mrs", "ms", "dr", "spokesman", "spokesperson", "chief", "leader", "senator",
        "ambassador", "envoy", "mayor", "director", "colonel", "col", "lt", "captain", "capt", "brigadier", "judge",
        "king", "prince", "emir", "amir", "qari", "mufti", "sergeant", "sgt", "secretary", "chairman", "official",
    }
)  # fmt: skip


def is_not_place_word(folded: str) -> bool:
    """Whether a folded word or name (lower case, accents stripped) never names a place on its own."""
    return folded in NOT_PLACE_WORDS


__all__ = [
    "COUNTRY_ADJECTIVES",
    "COUNTRY_ADJECTIVE_OF",
    "DIRECTION_WORDS",
    "FACILITY_WORDS",
    "NOT_PLACE_WORDS",
    "PERSON_TITLES",
    "is_not_place_word",
]
