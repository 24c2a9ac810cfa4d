"""Place descriptions as articles write them, read by the geocoder on the embedded gazetteer (the issue's examples)."""

from __future__ import annotations

import pytest

from isk_atlas.errors import InputError
from isk_atlas.places import GazetteerGeocoder, Match
from isk_atlas.places.phrases import reads_as_phrase


@pytest.fixture(scope="module")
def geocoder() -> GazetteerGeocoder:
    try:
        return GazetteerGeocoder()
    except InputError:
        pytest.skip("the project gazetteer is not built")


@pytest.mark.parametrize(
    ("phrase", "place", "precision", "relation"),
    [
        ("Ministry of Education in Kabul", "gn:1138958", "point", "within"),
        ("Kunduz Water Department", "gn:1135689", "point", "within"),
        ("Taloqan, the capital of Takhar", "gn:1123004", "point", "is"),
        ("south of Kunduz province", "AF-KDZ", "province", "south of"),
        ("the village of Qarluq in Imam Sahib district of Kunduz", "AF-KDZ.imam-sahib", "district", "within"),
        ("the third police district of Kunduz city", "gn:1135689", "point", "within"),
        ("Peshawar, Pakistan", "gn:1168197", "point", "is"),
        ("the Afghan capital", "gn:1138958", "point", "is"),
        ("the Paghman district, an area to the west of Kabul", "AF-KAB.paghman", "district", "is"),
        ("near Jalalabad", "gn:1139715", "point", "near"),
    ],
)
def test_a_phrase_resolves_to_the_most_specific_place_it_names(
    geocoder: GazetteerGeocoder, phrase: str, place: str, precision: str, relation: str
) -> None:
    match = geocoder.geocode(phrase)
    assert (match.place_id, match.precision, match.relation) == (place, precision, relation)
    assert match.country is not None and match.country in match.countries


def test_a_village_the_gazetteer_lacks_is_named_unresolved(geocoder: GazetteerGeocoder) -> None:
    match = geocoder.geocode("the village of Qarluq in Imam Sahib district of Kunduz")
    assert match.unnamed == ("Qarluq",)
    assert match.span == "Imam Sahib"


def test_a_list_of_regions_names_both(geocoder: GazetteerGeocoder) -> None:
    for phrase, first, second in [
        ("eastern and northern provinces", "region:east", "region:north"),
        ("western and southern provinces", "region:west", "region:south"),
    ]:
        match = geocoder.geocode(phrase)
        assert (match.place_id, [place.place_id for place in match.also]) == (first, [second])
        assert match.country == "AFG" and all(place.country == "AFG" for place in match.also)


def test_known_landmarks_resolve_to_themselves(geocoder: GazetteerGeocoder) -> None:
    assert geocoder.geocode("Kabul airport").place_id == "cur:kabul-airport"
    assert geocoder.geocode("Russian embassy").place_id == "cur:russia-embassy-kabul"
    assert geocoder.geocode("Ministry of Foreign Affairs").place_id == "cur:mofa-kabul"


def test_context_still_disambiguates(geocoder: GazetteerGeocoder) -> None:
    assert geocoder.geocode("Faizabad", "Jawzjan").admin1 == "AF-JOW"
    assert geocoder.geocode("Faizabad", "Badakhshan").admin1 == "AF-BDS"
    assert geocoder.geocode("the city of Faizabad", "Badakhshan").admin1 == "AF-BDS"


def test_a_namesake_abroad_gives_way_to_the_country_the_phrase_names(geocoder: GazetteerGeocoder) -> None:
    match = geocoder.geocode("Iranian Baluchistan")
    assert (match.place_id, match.relation, match.unnamed) == ("IRN", "within", ("Baluchistan",))


def test_regions_carry_their_countries(geocoder: GazetteerGeocoder) -> None:
    assert geocoder.geocode("the northeast").countries == ("AFG",)
    border = geocoder.geocode("Afghan-Tajik border")
    assert (border.country, border.countries) == ("AFG", ("AFG", "TJK"))
    central_asia = geocoder.geocode("Central Asia")
    assert central_asia.country is None and "UZB" in central_asia.countries


def test_a_name_is_no_phrase_and_an_unknown_name_stays_unresolved(geocoder: GazetteerGeocoder) -> None:
    assert not reads_as_phrase("Khwaja Bahauddin") and reads_as_phrase("south of Kunduz")
    assert geocoder.geocode("Zzyzx Qqq") == Match.unresolved("Zzyzx Qqq")
    assert not geocoder.geocode("the Ministry of Magic").resolved
