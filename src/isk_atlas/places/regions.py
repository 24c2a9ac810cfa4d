"""Named regions: the countries each lies in, and the region phrases of news text ("the eastern and northern
provinces", "northeastern Afghanistan", "the Afghan-Tajik border") with where they stand in a text.

Every region carries its country: a region of Afghanistan's provinces has Afghanistan; a border zone has both
countries (`countries`; its `country` is Afghanistan, the side the project maps); a region of several countries
(Central Asia) has them all in `countries` and no single `country`. The tables come from the regions `geo build`
makes (`isk_atlas.geo.build`), so a region added there is placed here too.

    >>> region_countries("region:afghan-tajik-border")
    ('AFG', ('AFG', 'TJK'))
    >>> [region for region, _, _ in find_region_phrases("cells in the eastern and northern provinces")[0]]
    ['region:east', 'region:north']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Final

from isk_atlas.geo.build import BORDER_REGIONS, COUNTRY_REGIONS, PROVINCE_REGIONS
from isk_atlas.places.words import DIRECTION_WORDS

HOME: Final = "AFG"


def _region_table() -> dict[str, tuple[str | None, tuple[str, ...]]]:
    table: dict[str, tuple[str | None, tuple[str, ...]]] = {}
    for key in PROVINCE_REGIONS:
        table[f"region:{key}"] = (HOME, (HOME,))
    for key, (neighbour, *_rest) in BORDER_REGIONS.items():
        table[f"region:{key}"] = (HOME, (HOME, neighbour))
    for key, (_name, countries, _aliases) in COUNTRY_REGIONS.items():
        # a region drawn from Afghan provinces names no country of its own ("Northern Afghanistan")
        table[f"region:{key}"] = (
            (countries[0], countries) if len(countries) == 1 else ((None, countries) if countries else (HOME, (HOME,)))
        )
    return table


# region id -> (its country, or None when it spans several; every country it lies in)
REGION_COUNTRIES: Final = _region_table()
# a neighbour (ISO3) -> the border zone Afghanistan shares with it
BORDER_ZONES: Final = {neighbour: f"region:{key}" for key, (neighbour, *_rest) in BORDER_REGIONS.items()}


def region_countries(place_id: str) -> tuple[str | None, tuple[str, ...]] | None:
    """(country, countries) of a named region of `geo build`, None for any other id."""
    return REGION_COUNTRIES.get(place_id)


def border_zone(place_id: str) -> bool:
    """Whether the id is a border zone Afghanistan shares with a neighbour (`BORDER_ZONES`).

    >>> border_zone("region:afghan-pakistani-border"), border_zone("region:east"), border_zone("PAK")
    (True, False, False)
    """
    return place_id in BORDER_ZONES.values()


_DIRECTION = r"(?:north|south)-?(?:east|west)(?:ern)?|north(?:ern)?|south(?:ern)?|east(?:ern)?|west(?:ern)?|central"
# Matched on the lower-cased text (same offsets): case-sensitive scanning is much faster than IGNORECASE.
# A pattern names its region, or (None) names one region per direction word it holds (groups d1, d2).
REGION_PHRASES: Final[tuple[tuple[re.Pattern[str], str | None], ...]] = (
    # "the Afghan-Tajik border", "border areas with Tajikistan", "the Tajik border"
    (re.compile(r"\b(?:afghan[- ]tajik|tajik[- ]afghan|afghanistan[- ]?tajikistan|tajikistan[- ]?afghanistan)\s+"
                r"borders?\b|\bborders?\s+(?:areas?\s+)?(?:with|of)\s+tajikistan\b|\btajik\s+border\b"),
     "region:afghan-tajik-border"),
    # "the Afghan-Uzbek border"
    (re.compile(r"\b(?:afghan[- ]uzbek|uzbek[- ]afghan|afghanistan[- ]?uzbekistan)\s+borders?\b"),
     "region:afghan-uzbek-border"),
    # "captured at the Pak-Afghan border": Pakistani papers shorten the country's name (the full names are the
    # gazetteer's aliases)
    (re.compile(r"\b(?:pak[- ]afghan|afghan[- ]pak)\s+(?:borders?|frontier)\b"), "region:afghan-pakistani-border"),
    # "a mountainous area along the border with Pakistan", "border areas with Iran": written from Afghanistan, the
    # border zone on its side (the Afghan-Tajik pattern above says the same of Tajikistan)
    *((re.compile(rf"\bborders?\s+(?:areas?\s+)?with\s+{country}\b"), region)
      for country, region in (("pakistan", "region:afghan-pakistani-border"), ("iran", "region:afghan-iranian-border"),
                              ("uzbekistan", "region:afghan-uzbek-border"),
                              ("turkmenistan", "region:afghan-turkmen-border"),
                              ("china", "region:afghan-chinese-border"))),
    # "(the) eastern and northern provinces (of Afghanistan)", "northeastern Afghanistan"
    (re.compile(rf"\b(?P<d1>{_DIRECTION})(?:\s*(?:,|and|&)\s*(?P<d2>{_DIRECTION}))?\s+(?:provinces|afghanistan|"
                r"parts\s+of\s+afghanistan|regions?\s+of\s+afghanistan|regions?\b(?!\s+of))"), None),
    # "the east and north"
    (re.compile(rf"\bthe\s+(?P<d1>{_DIRECTION})\s+and\s+(?:the\s+)?(?P<d2>{_DIRECTION})\b(?!\s+of)"), None),
)  # fmt: skip


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
        while before > 0 and text[before - 1].isspace():
            before -= 1
        if before < at and before >= 3 and text.startswith("the", before - 3):
            positions.append(before - 3)
    return positions


# Where a match of each phrase can start: every phrase opens (at a word boundary) with one of a few words, found by
# plain substring search, far faster than letting the pattern scan every position.
DIRECTION_STARTS: Final = ("north", "south", "east", "west", "central")
REGION_STARTS: Final[tuple[Callable[[str, list[int]], list[int]], ...]] = (
    lambda text, _: _word_positions(text, ("afghan", "tajik", "border")),
    lambda text, _: _word_positions(text, ("afghan", "uzbek")),
    lambda text, _: _word_positions(text, ("pak", "afghan")),
    *(lambda text, _: _word_positions(text, ("border",)) for _ in range(5)),
    lambda _, directions: directions,
    _the_before_direction,
)


def finditer_from(pattern: re.Pattern[str], text: str, positions: list[int]) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` when every match starts at one of `positions`: the pattern is tried only there."""
    last_end = 0
    for at in sorted(positions):
        if at < last_end:
            continue
        match = pattern.match(text, at)
        if match is not None:
            yield match
            last_end = match.end()


def find_region_phrases(lowered: str) -> tuple[list[tuple[str, int, int]], list[tuple[int, int]]]:
    """In lower-cased text: (region id, start, end) of each region a phrase names, and the spans of the phrases."""
    found: list[tuple[int, int, list[tuple[str, int, int]]]] = []
    directions = _word_positions(lowered, DIRECTION_STARTS)
    for (pattern, region_id), starts in zip(REGION_PHRASES, REGION_STARTS, strict=True):
        positions = starts(lowered, directions)
        for match in finditer_from(pattern, lowered, positions) if positions else ():
            if region_id is not None:
                found.append((match.start(), match.end(), [(region_id, match.start(), match.end())]))
                continue
            parts = []
            for group in ("d1", "d2"):
                word = match.group(group)
                direction = DIRECTION_WORDS.get(word) if word else None
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


__all__ = [
    "BORDER_ZONES",
    "REGION_COUNTRIES",
    "REGION_PHRASES",
    "find_region_phrases",
    "finditer_from",
    "region_countries",
]
