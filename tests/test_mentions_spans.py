from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from isk_atlas.mentions import ToponymIndex, find_mentions, fold, split_sentences, squash
from isk_atlas.places import GazetteerGeocoder

ROWS = [
    ("AFG", "Afghanistan", "country", None, None, "AFG", 34.0, 66.0, 38_000_000, "", True),
    ("TJK", "Tajikistan", "country", None, None, "TJK", 38.8, 71.0, 9_000_000, "", True),
    ("AF-KDZ", "Kunduz", "province", "AF-KDZ", None, "AFG", 36.7, 68.6, 1_000_000, "Kondoz|Qunduz", False),
    ("gn:1", "Kunduz", "town", "AF-KDZ", None, "AFG", 36.73, 68.86, 300_000, "Kondoz", True),
    ("AF-BAL", "Balkh", "province", "AF-BAL", None, "AFG", 36.7, 67.0, 1_300_000, "", False),
    ("gn:2", "Mazar-i-Sharif", "town", "AF-BAL", None, "AFG", 36.7, 67.1, 400_000, "Mazar-e Sharif|Mazari Sharif",
     True),
    ("AF-TAK", "Takhar", "province", "AF-TAK", None, "AFG", 36.6, 69.6, 900_000, "", False),
    ("AF-TAK.khb", "Khwajah Bahawuddin", "district", "AF-TAK", "AF-TAK.khb", "AFG", 37.3, 69.6, 50_000, "",
     False),
    ("gn:7", "Khwaja", "town", "AF-KDZ", None, "AFG", 37.1, 68.9, 2_000, "", False),  # the bare first word
    ("AF-KAB", "Kabul", "province", "AF-KAB", None, "AFG", 34.5, 69.2, 4_000_000, "", False),
    ("gn:3", "Kabul", "town", "AF-KAB", None, "AFG", 34.53, 69.17, 3_000_000, "Kabol", True),
    ("gn:4", "Hairatan", "town", "AF-BAL", "Kaldar", "AFG", 37.2, 67.4, 5_000, "", False),
    ("gn:5", "Kunduz", "town", "AF-XXX", None, "AFG", 35.0, 65.0, 50, "", False),  # a tiny namesake elsewhere
    ("gn:6", "Said", "town", "AF-XXX", None, "AFG", 35.0, 65.0, 10, "", False),  # an English word as a name
    ("region:east", "East Afghanistan", "region", None, None, None, 34.9, 70.5, 0, "east|eastern|eastern provinces",
     False),
    ("region:north", "North Afghanistan", "region", None, None, None, 36.2, 66.1, 0, "north|northern", False),
    ("region:afghan-tajik-border", "Afghan-Tajik border", "region", None, None, None, 37.7, 70.2, 0,
     "Tajik border|border with Tajikistan", False),
]  # fmt: skip
COLUMNS = ["id", "name", "kind", "admin1", "admin2", "country", "lat", "lon", "population", "alternate_names",
           "is_seat"]  # fmt: skip


def _small_gazetteer() -> pd.DataFrame:
    return pd.DataFrame(ROWS, columns=COLUMNS)


@pytest.fixture(scope="module")
def index() -> ToponymIndex:
    return ToponymIndex.from_gazetteer(_small_gazetteer())


def test_fold_and_squash() -> None:
    assert fold("Mazār-i-Sharīf") == "mazar-i-sharif"
    assert squash("Mazar-i Sharif") == "mazarisharif"


def test_exact_mentions(index: ToponymIndex) -> None:
    text = "Fighters moved from Kunduz province to Mazar-e Sharif, then toward Tajikistan; kunduz was quiet."
    mentions = find_mentions(text, index, fuzzy=False)
    assert [(m.text, m.place_id) for m in mentions] == [
        ("Kunduz", "AF-KDZ"),
        ("Mazar-e Sharif", "gn:2"),
        ("Tajikistan", "TJK"),
    ]
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
    assert mentions[1].admin1 == "AF-BAL"


def test_bare_name_prefers_the_city_and_word_boundaries(index: ToponymIndex) -> None:
    text = "A blast in Kabul. Kabuli food. He Said nothing."
    mentions = find_mentions(text, index, fuzzy=False)
    assert [(m.text, m.match.kind) for m in mentions] == [("Kabul", "town")]
    assert mentions[0].match.certain


def test_a_multi_word_name_resolves_as_a_whole_never_through_a_word(index: ToponymIndex) -> None:
    """The issue's example: "Khwaja" alone is a village in Kunduz; the sentence names Takhar's district."""
    text = "ISIS-K fighters attacked a Taliban checkpoint in Khwaja Bahauddin district of Takhar province."
    found = [(m.text, m.place_id, m.method) for m in find_mentions(text, index)]
    assert found == [("Khwaja Bahauddin", "AF-TAK.khb", "span"), ("Takhar", "AF-TAK", "exact")]


def test_a_name_written_with_diacritics_is_one_span_too(index: ToponymIndex) -> None:
    text = "Gunmen attacked a checkpoint in Khwaja Bahāuddin district of Takhar province. A raid hit Khwaja Zarbūlak."
    found = [(m.text, m.place_id, m.method) for m in find_mentions(text, index)]
    assert found == [
        ("Khwaja Bahāuddin", "AF-TAK.khb", "span"),
        ("Takhar", "AF-TAK", "exact"),
        ("Khwaja Zarbūlak", None, "unresolved"),
    ]


def test_a_span_that_names_nothing_is_reported_unresolved_not_as_its_piece(index: ToponymIndex) -> None:
    text = "The raid was in Khwaja Zarbulak village, officials said."
    (mention,) = find_mentions(text, index)
    assert (mention.text, mention.method, mention.match.resolved) == ("Khwaja Zarbulak", "unresolved", False)


def test_facility_words_and_common_words_end_a_name(index: ToponymIndex) -> None:
    text = "Officials of the Kunduz Water Department met. Local Kabul residents fled. US-backed Kabul fell."
    found = [(m.text, m.place_id) for m in find_mentions(text, index)]
    assert found == [("Kunduz", "gn:1"), ("Kabul", "gn:3"), ("Kabul", "gn:3")]


def test_names_side_by_side_stay_two_names(index: ToponymIndex) -> None:
    found = [(m.text, m.place_id) for m in find_mentions("The Kabul Takhar road was cut.", index)]
    assert found == [("Kabul", "gn:3"), ("Takhar", "AF-TAK")]


def test_fuzzy_candidates(index: ToponymIndex) -> None:
    text = "An explosion in MazzarSharif, and rockets from Bandare-Hairataan. Unrelated Zzyzx words. MazareSharif."
    mentions = find_mentions(text, index)
    found = {m.text: m for m in mentions}
    assert found["MazzarSharif"].place_id == "gn:2"
    assert found["MazzarSharif"].method == "fuzzy"
    assert found["MazareSharif"].place_id == "gn:2"
    assert found["Bandare-Hairataan"].place_id == "gn:4"
    assert "Zzyzx" not in found


def test_sentence_index(index: ToponymIndex) -> None:
    text = "First sentence here. Second one names Takhar."
    (mention,) = find_mentions(text, index, fuzzy=False)
    assert mention.sentence == 1


def test_region_phrases_carry_their_countries(index: ToponymIndex) -> None:
    text = "Cells work in the eastern and northern provinces and along the border areas with Tajikistan."
    found = [(m.text, m.place_id, m.match.precision, m.country, m.match.countries) for m in find_mentions(text, index)]
    assert found == [
        ("eastern", "region:east", "region", "AFG", ("AFG",)),
        ("northern", "region:north", "region", "AFG", ("AFG",)),
        ("border areas with Tajikistan", "region:afghan-tajik-border", "region", "AFG", ("AFG", "TJK")),
    ]


def test_direction_words_alone_are_no_region(index: ToponymIndex) -> None:
    text = "Western officials met in the Middle East. Eastern winds blew."
    assert find_mentions(text, index) == []


def test_nationalities_are_not_fuzzy_places(index: ToponymIndex) -> None:
    text = "Tajikistani and Afghan officials met in Kunduz. Tajikistan hosted them."
    mentions = find_mentions(text, index)
    assert [m.text for m in mentions if m.method == "fuzzy"] == []
    assert {m.text for m in mentions} == {"Kunduz", "Tajikistan"}


def test_every_mention_is_what_the_geocoder_says_of_its_span_in_its_sentence(index: ToponymIndex) -> None:
    text = (
        "ISIS-K attacked Khwaja Bahauddin district of Takhar province. Kunduz province and Kunduz city were calm.\n"
        "Rockets hit Kondoz and MazzarSharif."
    )
    sentences = split_sentences(text)
    for mention in find_mentions(text, index):
        if mention.method == "phrase":
            continue
        context = sentences[mention.sentence].text(text)
        assert index.geocoder.geocode(mention.text, context) == mention.match, mention


def test_a_name_in_the_same_sentence_is_resolved_once_per_text(monkeypatch: pytest.MonkeyPatch) -> None:
    geocoder = GazetteerGeocoder(_small_gazetteer())
    index = ToponymIndex.from_gazetteer(_small_gazetteer(), geocoder)
    asked: list[tuple[str, str | None]] = []
    answer = geocoder.geocode

    def counted(query: str, context: str | None = None) -> object:
        asked.append((query, context))
        return answer(query, context)

    monkeypatch.setattr(geocoder, "geocode", counted)
    text = "Kunduz police said Kunduz was calm. Kunduz traders agreed."
    found = find_mentions(text, index, fuzzy=False)
    assert [m.text for m in found] == ["Kunduz", "Kunduz", "Kunduz"]
    assert found[0].match == found[1].match
    # twice in the first sentence, once in the second: two questions, one per sentence
    assert [query for query, _ in asked] == ["Kunduz", "Kunduz"]
    assert len({context for _, context in asked}) == 2
    asked.clear()
    find_mentions(text, index, fuzzy=False)  # a new text (reading) asks again: nothing is kept between texts
    assert len(asked) == 2


def test_one_index_serves_two_texts_at_once(index: ToponymIndex) -> None:
    from concurrent.futures import ThreadPoolExecutor

    texts = ["Rockets hit Takhar and Kunduz.", "Police in Kabul and Mazar-e Sharif."] * 20
    alone = [[m.place_id for m in find_mentions(t, index)] for t in texts]
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda t: [m.place_id for m in find_mentions(t, index)], texts))
    assert together == alone


def test_shared_geocoder_is_used_as_given() -> None:
    geocoder = GazetteerGeocoder(_small_gazetteer())
    index = ToponymIndex.from_gazetteer(_small_gazetteer(), geocoder)
    assert index.geocoder is geocoder
    assert index.place_name("AF-TAK.khb") == "Khwajah Bahawuddin" and index.place_name("nowhere") is None


def test_span_keys_come_from_the_cache_as_built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from isk_atlas.mentions import spans

    monkeypatch.setenv("ISK_ATLAS_CACHE", str(tmp_path))
    monkeypatch.delenv("ISK_ATLAS_INDEX_CACHE")  # the cache's own folder, cache_dir()/index
    gazetteer = _small_gazetteer()
    built = spans.cached_span_keys(gazetteer)
    assert len(list((tmp_path / "index").glob("spans-*.pickle"))) == 1
    assert spans.cached_span_keys(gazetteer) == built == spans.span_keys(gazetteer)
    keys = dict(built)
    assert keys["kunduz"] is False and keys["border with tajikistan"] is True
    assert "said" not in keys and "eastern" not in keys  # an English word; a bare direction
    changed = gazetteer.copy()
    changed.loc[changed["id"] == "gn:4", "alternate_names"] = "Hayratan"
    assert "hayratan" in dict(spans.cached_span_keys(changed))
    assert len(list((tmp_path / "index").glob("spans-*.pickle"))) == 1


def test_a_heading_in_title_case_gives_its_names_alone(index: ToponymIndex) -> None:
    """In a title-case heading capitals say nothing about names: each hit stands alone, in every run of it; the
    next sentence, in plain case, reads a multi-word name as a whole again."""
    text = "Militants Raid Khwaja Zarbulak And Hit Kabul Market\nGunmen hit Khwaja Zarbulak village in Kunduz."
    found = [(m.text, m.method) for m in find_mentions(text, index)]
    assert found == [("Khwaja", "exact"), ("Kabul", "exact"), ("Khwaja Zarbulak", "unresolved"),
                     ("Kunduz", "exact")]  # fmt: skip
