"""People's names that hold words of places (`isk_atlas.places.persons`): read as people by the geocoder and by
mention finding, while places named like people stay places. Texts written for these tests."""

from __future__ import annotations

import re

import pytest

from isk_atlas.errors import InputError
from isk_atlas.mentions import ToponymIndex, split_sentences
from isk_atlas.places import GazetteerGeocoder, PlaceModel
from isk_atlas.places.persons import (
    PERSON_CUES,
    PersonCue,
    person_at,
    person_name_words,
    query_is_person,
    reads_as_person,
)


@pytest.fixture(scope="module")
def geocoder(place_model: PlaceModel) -> GazetteerGeocoder:
    try:
        return place_model.geocoder
    except InputError:
        pytest.skip("the project gazetteer is not built")


@pytest.fixture(scope="module")
def index(place_model: PlaceModel, geocoder: GazetteerGeocoder) -> ToponymIndex:
    # the session's place model: the mention finder extraction uses, built once for all tests
    return place_model.mentions


def _at(text: str, name: str) -> str | None:
    start = text.index(name)
    return person_at(text, start, start + len(name))


@pytest.mark.parametrize("cue", PERSON_CUES, ids=lambda cue: cue.name)
def test_each_cue_reads_its_example_and_not_its_counter_example(cue: PersonCue) -> None:
    text, name = cue.example
    assert _at(text, name) is not None, cue.name
    text, name = cue.counter_example
    assert _at(text, name) is None, cue.name


# Names of the kind militants' reports use, each beside a real town that must stay a place.
PERSON_TEXTS = [
    ("The group named the driver as brother Talha al-Khurasani; the car exploded in Jalalabad.", "Talha", "Jalalabad"),
    ("Mawlawi Kunduzi told fighters in Kunduz to hold the road.", "Kunduzi", "Kunduz"),
    ("Abu Talha led the attack on a checkpoint near Jalalabad.", "Talha", "Jalalabad"),
    ("The bomber, Talha, the son of Omar, came from a village near Herat.", "Talha", "Herat"),
    ("Ahmad Talha, the group's spokesman, said its men struck Kandahar.", "Talha", "Kandahar"),
    ("Police in Peshawar arrested a man named Hamid Talha on Monday.", "Talha", "Peshawar"),
    ("Qari Talha was killed in a raid in Achin district.", "Talha", "Achin"),
    ("Commander Abdul Talha surrendered to forces in Kunar.", "Talha", "Kunar"),
    # a name the gazetteer knows whole as a district is a person's by the words around it
    ("Ahmad Khogyani, the governor's spokesman, said the blast hit Jalalabad.", "Khogyani", "Jalalabad"),
]


@pytest.mark.parametrize(("text", "person", "town"), PERSON_TEXTS)
def test_a_persons_name_beside_a_town_is_a_person_and_the_town_a_place(
    geocoder: GazetteerGeocoder, text: str, person: str, town: str
) -> None:
    assert reads_as_person(text, person)
    assert not geocoder.geocode(person, text).resolved
    assert not reads_as_person(text, town)
    assert geocoder.geocode(town, text).country == "AFG" or geocoder.geocode(town, text).country == "PAK"


def test_a_name_read_alone_is_still_its_place(geocoder: GazetteerGeocoder) -> None:
    # the same word, written as a place, is the town the gazetteer knows
    assert geocoder.geocode("Talha", "The blast hit Talha in Sindh on Friday.").resolved


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("A delegation flew to Abu Dhabi on Monday.", "Abu Dhabi"),
        ("Fighters were seen near Al-Qaim last year.", "Al-Qaim"),
        ("Traffic stopped on Sheikh Zayed Road after the alarm.", "Sheikh Zayed Road"),
        ("In Kunduz, the police chief said two men died.", "Kunduz"),
        ("The governor of Nangarhar said the raid ended.", "Nangarhar"),
        ("President Ghani flew to Kunduz on Sunday.", "Kunduz"),
        ("Group Claims Attack That Killed Police Chief In Kunduz", "Kunduz"),  # a heading in title case
    ],
)
def test_places_that_look_like_names_stay_places(text: str, name: str) -> None:
    assert not reads_as_person(text, name)


def test_places_named_like_people_keep_their_answer(geocoder: GazetteerGeocoder) -> None:
    assert geocoder.geocode("Abu Dhabi").country == "ARE"
    assert geocoder.geocode("Abu Dhabi", "The talks in Abu Dhabi ended on Monday.").country == "ARE"


@pytest.mark.parametrize(
    ("query", "person"),
    [
        ("Abu Omar al-Khorasani", True),
        ("brother Talha al-Khurasani", True),
        ("Talha al-Khurasani", True),
        ("Mullah Kunduzi", True),
        ("Sheikh Zayed Road", False),  # a place named after a person ends in a facility word
        ("Kabul airport", False),
        ("President Ghani said on a visit to Badakhshan", False),  # a phrase, not a name
    ],
)
def test_a_query_that_is_a_persons_name(geocoder: GazetteerGeocoder, query: str, person: bool) -> None:
    assert query_is_person(query) is person
    if person:
        assert not geocoder.geocode(query).resolved


def test_a_name_the_gazetteer_knows_whole_is_its_place_though_it_reads_as_a_kunya(geocoder: GazetteerGeocoder) -> None:
    assert query_is_person("Abu Dhabi")  # by its words alone
    assert geocoder.geocode("Abu Dhabi").country == "ARE"
    assert geocoder.geocode("Kabul airport").resolved


def test_mention_finding_reads_the_name_as_a_person(index: ToponymIndex) -> None:
    text = "The statement named the driver as brother Talha al-Khurasani. The car exploded in Jalalabad."
    mentions = index.find(text, split_sentences(text), fuzzy=False)
    resolved = {m.text: m.match.name for m in mentions if m.match.resolved}
    assert "Talha" not in resolved
    assert resolved.get("Jalalabad") == "Jalalabad"


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Brother Talha drove the car; later brother Talha fled.", True),  # every occurrence reads as a person
        ("Brother Talha drove the car toward Talha in Sindh.", False),  # one occurrence is a place
        ("Brother Talhar drove the car.", False),  # the name is not written there as a word of its own
        ("The Talha-based cell and brother Talha_x were named.", False),
        ("Brother Talha.", True),  # a name at the very end of the text
    ],
)
def test_a_name_is_a_person_where_every_occurrence_of_it_as_a_word_is(text: str, person: bool) -> None:
    assert reads_as_person(text, "Talha") is person


@pytest.mark.parametrize("cue", [cue for cue in PERSON_CUES if cue.side == "before"], ids=lambda cue: cue.name)
def test_each_before_cue_declares_the_words_it_needs_and_its_example_holds_one(cue: PersonCue) -> None:
    # a stretch before a name without one of them is not searched: the example must hold one, as a word of its own
    text, name = cue.example
    words = set(re.findall(r"\w+", text[: text.index(name)].casefold()))
    assert cue.needs and not cue.needs.isdisjoint(words), cue.name


def test_a_word_of_a_titled_name_alone_further_on_is_that_person(index: ToponymIndex) -> None:
    text = "Three days earlier President Ashraf Ghani visited Jalalabad. Ghani urged people to resist the group."
    assert person_name_words(text) == {"Ashraf", "Ghani"}
    assert [m.text for m in index.find(text)] == ["Jalalabad"]
    # without the title, the loose spelling is still read (a place the text may mean)
    assert "Ghani" in [m.text for m in index.find("Fighting was reported in Ghani on Monday.")]
