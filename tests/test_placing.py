from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from isk_atlas.events import cues
from isk_atlas.events.extract import Extractor
from isk_atlas.events.placing import (
    ABROAD_EXAMPLES,
    ADDRESS_EXAMPLES,
    BETWEEN_EXAMPLES,
    BORDER_EXAMPLES,
    could_locate_something_else,
)
from isk_atlas.places import PlaceModel


def test_the_pre_test_never_hides_a_place_that_locates_something_else(shared_sources: Path) -> None:
    windows = [
        "north of ",
        "five miles South OF\n",
        "after the attack on the mosque in ",
        "since the bombings in the ",
        "the province, which neighbours ",
        "a district bordering ",
        "they arrived via Dubai and ",
        "were detained on Monday and brought to the capital, ",
        "the wounded were flown to ",
    ]
    for path in sorted(shared_sources.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        windows.extend(text[max(0, at - 80) : at] for at in range(0, len(text), 7))
    hits = 0
    for window in windows:
        if cues.NOT_EVENT_PLACE_BEFORE.pattern.search(window):
            hits += 1
            assert could_locate_something_else(window), window
    assert hits >= 4


def test_far_abroad_a_place_is_told_at_its_country_near_it_not() -> None:
    import pandas as pd
    from extract_fixtures import small_gazetteer

    from isk_atlas.events.placing import far_abroad_country
    from isk_atlas.mentions import ToponymIndex, find_mentions

    germany = pd.DataFrame(
        [("DEU", "Germany", "country", None, None, "DEU", 51.0, 10.0, 83_000_000, "", False)],
        columns=small_gazetteer().columns,
    )
    index = ToponymIndex.from_gazetteer(pd.concat([small_gazetteer(), germany], ignore_index=True))
    found = {m.text: far_abroad_country(m) for m in find_mentions("Arrests in Germany, Pakistan and Kunduz.", index)}
    assert found == {"Germany": "DEU", "Pakistan": None, "Kunduz": None}


@pytest.fixture(scope="module")
def abroad_extractor() -> Extractor:
    import pandas as pd
    from extract_fixtures import COLUMNS, small_gazetteer

    from isk_atlas.mentions import ToponymIndex

    extra = [
        ("cur:imambargah", "Imam Bargah Mosque", "landmark", "AF-KAN", None, "AFG", 31.6, 65.7, 0, "Imambargah", False),
        ("KGZ", "Kyrgyzstan", "country", None, None, "KGZ", 41.0, 74.0, 6_000_000, "", False),
        ("gn:bishkek", "Bishkek", "town", "KG-GB", None, "KGZ", 42.87, 74.59, 1_000_000, "", True),
        ("gn:islamabad", "Islamabad", "town", "PK-IS", None, "PAK", 33.7, 73.0, 1_000_000, "", True),
        ("gn:dushanbe", "Dushanbe", "town", "TJ-DU", None, "TJK", 38.5, 68.8, 800_000, "", True),
        ("gn:peshawar", "Peshawar", "town", "PK-KP", None, "PAK", 34.0, 71.6, 1_900_000, "", True),
        ("gn:levakant", "Levakant", "town", "TJ-KT", None, "TJK", 37.8, 68.9, 15_000, "Sarband", False),
        ("RUS", "Russia", "country", None, None, "RUS", 55.7, 37.6, 144_000_000, "Russian Federation", False),
        ("cur:mofa-kabul", "Ministry of Foreign Affairs", "landmark", "AF-KAB", None, "AFG", 34.5, 69.2, 0, "",
         False),
    ]  # fmt: skip
    gazetteer = pd.concat([small_gazetteer(), pd.DataFrame(extra, columns=COLUMNS)], ignore_index=True)
    return Extractor(index=ToponymIndex.from_gazetteer(gazetteer))


@pytest.mark.parametrize(("text", "country"), ABROAD_EXAMPLES, ids=range(len(ABROAD_EXAMPLES)))
def test_no_happening_abroad_is_placed_in_afghanistan(abroad_extractor: Extractor, text: str, country: str) -> None:
    events = abroad_extractor.extract(text, "abroad", dt.date(2024, 5, 10), "day")
    assert [e.country for e in events] == ([country] if country else [])


def test_a_place_read_loosely_or_afghanistan_as_an_origin_is_no_afghan_marker(abroad_extractor: Extractor) -> None:
    from isk_atlas.events.placing import loosely_afghan
    from isk_atlas.mentions import find_mentions

    text = "Fighters came into Tajikistan from Afghanistan after clashes in Afghanistan, near Jalal-Abad and Kabul."
    found = [(m.text, loosely_afghan(m, text)) for m in find_mentions(text, abroad_extractor.index)]
    assert found == [("Tajikistan", False), ("Afghanistan", True), ("Afghanistan", False), ("Jalal-Abad", True),
                     ("Kabul", False)]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("ISIS-K runs a training camp near Islamabad, officials said.", ["Islamabad"]),
        ("Officials said ISIS-K leaders are based in Islamabad.", ["Islamabad"]),
        ("Officials said ISIS-K has 300 fighters in Islamabad.", ["Islamabad"]),
        ("Officials said ISIS-K militants fled to Islamabad years ago.", []),
        ("Officials said ISIS-K members are active in Islamabad.", []),
        ("Officials said ISIS-K members are active in Kunduz.", ["Kunduz"]),  # (at home the words suffice)
    ],
)
def test_a_presence_abroad_below_country_level_needs_a_foothold(
    abroad_extractor: Extractor, text: str, places: list[str]
) -> None:
    events = abroad_extractor.extract(text, "foothold", dt.date(2024, 5, 10), "day")
    assert [e.place_text for e in events if e.event_type == "presence"] == places


@pytest.mark.parametrize(("text", "provinces"), BETWEEN_EXAMPLES, ids=range(len(BETWEEN_EXAMPLES)))
def test_places_that_bound_one_place_tell_one_happening(text: str, provinces: tuple[str, ...]) -> None:
    from extract_fixtures import small_index

    events = Extractor(index=small_index()).extract(text, "between", dt.date(2023, 5, 9), "day")
    assert tuple(e.admin1 for e in events) == provinces


@pytest.mark.parametrize(("text", "provinces"), ADDRESS_EXAMPLES, ids=range(len(ADDRESS_EXAMPLES)))
def test_places_written_as_an_address_tell_one_happening(text: str, provinces: tuple[str, ...]) -> None:
    from extract_fixtures import small_index

    events = Extractor(index=small_index()).extract(text, "address", dt.date(2023, 5, 9), "day")
    assert tuple(e.admin1 for e in events) == provinces


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        # a border before its guards names a force, so the operation keeps the place it was told at
        ("Tajik border guards arrested three members of ISIS-K in Dushanbe province on Saturday.", "TJ-DU"),
        ("Tajik border guards raided a hideout of the group's fighters in Kulob on Saturday.", "TJ-KT"),
    ],
)
def test_a_border_before_its_guards_is_no_place_of_the_event(place_model: PlaceModel, text: str, admin1: str) -> None:
    events = Extractor(places=place_model).extract(text, "guards", dt.date(2024, 12, 9))
    assert [(e.event_type, e.admin1) for e in events] == [("counter_operation", admin1)]


def test_the_border_itself_is_still_a_place(place_model: PlaceModel) -> None:
    text = "Fighters of ISIS-K gathered in camps along the Tajik border, officials said on Saturday."
    (event,) = Extractor(places=place_model).extract(text, "border", dt.date(2024, 12, 9))
    assert event.event_type == "presence" and event.place_text == "Tajik border"


def test_a_place_named_as_where_the_speakers_are_is_the_events() -> None:
    from extract_fixtures import small_index

    text = (
        "The group claimed a suicide bombing of a bank in the north on Wednesday.\n\n"
        "Police in the northern city of Kunduz said a suicide bomber struck outside a bank, killing five people."
    )
    events = Extractor(index=small_index()).extract(text, "speakers", dt.date(2025, 2, 12), "day")
    assert [(e.event_type, e.admin1, e.killed_low) for e in events] == [("attack", "AF-KDZ", 5)]


@pytest.mark.parametrize(("text", "events"), BORDER_EXAMPLES, ids=range(len(BORDER_EXAMPLES)))
def test_an_arrest_at_a_border_is_placed_at_the_border_zone(
    place_model: PlaceModel, text: str, events: tuple[tuple[str, str], ...]
) -> None:
    found = Extractor(places=place_model).extract(text, "border", dt.date(2025, 3, 10))
    assert tuple((e.event_type, e.place_id) for e in found) == events


@pytest.mark.parametrize(
    ("named", "presence"),
    [
        # "the eastern province" stands for the eastern province named just before: a place of the clause's own
        ("Nangarhar", {"AF-NAN", "AF-KNR"}),
        # a description that does not fit the province named before stands for nothing
        ("Herat", {"AF-KNR"}),
    ],
)
def test_a_province_named_by_its_description_is_the_one_named_before(named: str, presence: set[str]) -> None:
    from extract_fixtures import small_index

    text = (
        f"Despite a long campaign against its strongholds in {named} province, ISIS-K has kept bases in the "
        "eastern province and has spread into Kunar province."
    )
    events = Extractor(index=small_index()).extract(text, "described", dt.date(2018, 5, 14))
    assert {e.admin1 for e in events if e.event_type == "presence"} == presence


def test_a_described_province_reaches_back_one_sentence_of_its_paragraph() -> None:
    from extract_fixtures import small_index

    from isk_atlas.events.placing import described_provinces
    from isk_atlas.mentions import split_sentences

    text = "Fighting went on in Kunar province.\n\nA week later the group struck the eastern province again."
    sentences = split_sentences(text)
    mentions = small_index().find(text, sentences)
    assert described_provinces(text, sentences, mentions) == []  # (another paragraph)
    joined = text.replace("\n\n", " ")
    sentences = split_sentences(joined)
    (found,) = described_provinces(joined, sentences, small_index().find(joined, sentences))
    assert (found.text, found.admin1) == ("the eastern province", "AF-KNR")


def test_a_neighbour_named_to_locate_a_place_is_no_place_of_the_event(place_model: PlaceModel) -> None:
    text = "Taliban forces raided an ISKP hideout in Kunar province, which neighbours Nangarhar, on Monday."
    events = Extractor(places=place_model).extract(text, "neighbour", dt.date(2024, 12, 9))
    assert [(e.event_type, e.admin1) for e in events] == [("counter_operation", "AF-KNR")]


@pytest.mark.parametrize(
    ("text", "provinces"),
    [
        # the place attacks struck, named before the presence word, is not where the group is
        (
            "ISIS-K has claimed several attacks on civilians in Kandahar and Herat, the capital of Herat province, "
            "where the group is mainly based.",
            ["AF-HER"],
        ),
        (
            "ISIS-K has recently reduced the number of its attacks on Kandahar and has instead built up its "
            "strongholds in remote provinces.",
            [],
        ),
        # unless the presence is told of that place in a clause of its own
        (
            "ISIS-K has claimed several attacks against the Taliban in Kunar, where the group is mainly based.",
            ["AF-KNR"],
        ),
    ],
)
def test_a_place_named_as_attacked_is_no_place_of_a_presence(
    place_model: PlaceModel, text: str, provinces: list[str]
) -> None:
    events = Extractor(places=place_model).extract(text, "attacked", dt.date(2024, 12, 9))
    assert [e.admin1 for e in events if e.event_type == "presence"] == provinces


@pytest.mark.parametrize(
    ("text", "places"),
    [
        # the road taken is not where the group is; where the men were taken is
        (
            "ISIS-K recruits arrived via Dubai and Tehran airports before being moved to camps in Zahedan.",
            ["Zahedan"],
        ),
        # a neighbour or a road named earlier in the sentence does not hide a place named after it
        (
            "ISIS-K fighters arrived via Mashhad, and the group keeps training camps in Zahedan.",
            ["Zahedan"],
        ),
    ],
)
def test_a_road_taken_is_no_place_of_the_event(place_model: PlaceModel, text: str, places: list[str]) -> None:
    events = Extractor(places=place_model).extract(text, "via", dt.date(2024, 12, 9))
    assert [e.place_text for e in events if e.event_type == "presence"] == places


def test_a_place_named_after_a_neighbour_is_still_a_place(place_model: PlaceModel) -> None:
    text = "The group holds bases in Kunar, which neighbours Nangarhar, and in Nuristan, officials said on Monday."
    events = Extractor(places=place_model).extract(text, "neighbour", dt.date(2024, 12, 9))
    assert sorted(e.admin1 for e in events if e.event_type == "presence") == ["AF-KNR", "AF-NUR"]


@pytest.mark.parametrize(
    ("before", "elsewhere"),
    [
        ("nine men were detained in the town and brought to the capital, ", True),
        ("the wounded were flown to ", True),
        ("a village in Jowzjan on the border with the province of ", True),
        ("Emomali Rahmon, the President of ", True),
        ("said the governor of ", False),
        ("gunmen attacked a post on the border of ", False),
        ("two suspects were handed over to ", True),
        ("nine men were detained in the capital, ", False),
        ("the group has taken over ", False),
    ],
)
def test_a_destination_or_a_neighbouring_province_is_not_where_it_happened(before: str, elsewhere: bool) -> None:
    found = could_locate_something_else(before) and cues.NOT_EVENT_PLACE_BEFORE.pattern.search(before) is not None
    assert found is elsewhere


@pytest.mark.parametrize(
    ("before", "origin"),
    [
        ("the group may number 3,000 Sunni extremists from ", True),
        ("two men were arrested after a tipoff from ", True),
        ("acting on intelligence from ", True),
        ("two men were arrested in ", False),
    ],
)
def test_where_people_or_word_came_from_is_not_where_it_happened(before: str, origin: bool) -> None:
    assert (cues.PEOPLE_FROM.pattern.search(before) is not None) is origin
