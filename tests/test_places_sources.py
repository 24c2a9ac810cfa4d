"""Every place the five source articles name, as written and with its sentence as context, geocodes to the
right province and country, certain. Run on the test gazetteer and on the embedded one."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from isk_atlas.geo import load_gazetteer
from isk_atlas.places import GazetteerGeocoder

FIXTURE = Path(__file__).with_name("places_fixture.csv")

# (article file prefix, place as written, province ISO 3166-2 or None for a country, country ISO3)
SOURCE_PLACES: list[tuple[str, str, str | None, str]] = [
    ("000", "Badakhshan", "AF-BDS", "AFG"),
    ("000", "Jaram", "AF-BDS", "AFG"),
    ("000", "Varduj", "AF-BDS", "AFG"),
    ("000", "Nasi", "AF-BDS", "AFG"),
    ("000", "Mayami", "AF-BDS", "AFG"),
    ("000", "Raghestan", "AF-BDS", "AFG"),
    ("000", "Nangarhar", "AF-NAN", "AFG"),
    ("000", "Kunar", "AF-KNR", "AFG"),
    ("000", "Tajikistan", None, "TJK"),
    ("000", "Uzbekistan", None, "UZB"),
    ("000", "Pakistan", None, "PAK"),
    ("000", "China", None, "CHN"),
    ("001", "Karte Naw", "AF-KAB", "AFG"),
    ("001", "Kabul", "AF-KAB", "AFG"),
    ("001", "Tashkent", None, "UZB"),
    ("001", "Moscow", None, "RUS"),
    ("002", "Balkh", "AF-BAL", "AFG"),
    ("002", "Mazar-i-Sharif", "AF-BAL", "AFG"),
    ("002", "MazareSharif", "AF-BAL", "AFG"),
    ("002", "Kunduz", "AF-KDZ", "AFG"),
    ("002", "Kandahar", "AF-KAN", "AFG"),
    ("002", "Herat", "AF-HER", "AFG"),
    ("002", "DashteBarchi", "AF-KAB", "AFG"),
    ("002", "Takhar", "AF-TAK", "AFG"),
    ("002", "Bandare-Hairataan", "AF-BAL", "AFG"),
    ("002", "Majnoontal", "UZ-SU", "UZB"),
    ("002", "SarkhanDarya", "UZ-SU", "UZB"),
    ("003", "Nangarhar", "AF-NAN", "AFG"),
    ("003", "Jawzjan", "AF-JOW", "AFG"),
    ("003", "Darzab", "AF-JOW", "AFG"),
    ("004", "Kabul", "AF-KAB", "AFG"),
    ("004", "Kyrgyzstan", None, "KGZ"),
]


def sentence_with(text: str, name: str) -> str:
    """The first sentence (or line) of `text` that names `name`: the context an extractor would pass."""
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
        if name in sentence:
            return sentence
    raise AssertionError(f"{name!r} is not in the article")


@pytest.fixture(scope="module", params=["test-gazetteer", "embedded"])
def geocoder(request: pytest.FixtureRequest) -> GazetteerGeocoder:
    frame = pd.read_csv(FIXTURE) if request.param == "test-gazetteer" else load_gazetteer()
    return GazetteerGeocoder(frame)


@pytest.fixture(scope="module")
def articles(shared_sources: Path) -> dict[str, str]:
    return {path.name[:3]: path.read_text(encoding="utf-8") for path in sorted(shared_sources.glob("*.txt"))}


def test_every_source_place_resolves(geocoder: GazetteerGeocoder, articles: dict[str, str]) -> None:
    wrong: list[str] = []
    for prefix, written, admin1, country in SOURCE_PLACES:
        context = sentence_with(articles[prefix], written)
        match = geocoder.geocode(written, context=context)
        got_admin1 = match.admin1 if admin1 is not None else None
        if (got_admin1, match.country) != (admin1, country) and not (admin1 is None and match.country == country):
            wrong.append(f"{prefix} {written}: {match.admin1} {match.country} ({match.name}, {match.reason})")
        elif not match.certain:
            wrong.append(f"{prefix} {written}: right place {match.place_id} but not certain")
    assert not wrong, "\n".join(wrong)


def test_unknown_source_words_stay_unresolved(geocoder: GazetteerGeocoder, articles: dict[str, str]) -> None:
    # actors and people named in the articles are not places
    for prefix, word in [("000", "Taliban"), ("002", "Kabulov"), ("001", "Rahimzoda"), ("000", "Ansarullah")]:
        assert word in articles[prefix]
        assert not geocoder.geocode(word, context=sentence_with(articles[prefix], word)).resolved, word
