from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from isk_atlas.mentions import ToponymIndex, find_mentions, fold, split_sentences, squash

ROWS = [
    ("AFG", "Afghanistan", "country", None, None, "AFG", 34.0, 66.0, 38_000_000, "", True),
    ("TJK", "Tajikistan", "country", None, None, "TJK", 38.8, 71.0, 9_000_000, "", True),
    ("AF-KDZ", "Kunduz", "province", "AF-KDZ", None, "AFG", 36.7, 68.6, 1_000_000, "Kondoz|Qunduz", False),
    ("gn:1", "Kunduz", "town", "AF-KDZ", None, "AFG", 36.73, 68.86, 300_000, "Kondoz", True),
    ("AF-BAL", "Balkh", "province", "AF-BAL", None, "AFG", 36.7, 67.0, 1_300_000, "", False),
    ("gn:2", "Mazar-i-Sharif", "town", "AF-BAL", None, "AFG", 36.7, 67.1, 400_000, "Mazar-e Sharif|Mazari Sharif",
     True),
    ("AF-TAK", "Takhar", "province", "AF-TAK", None, "AFG", 36.6, 69.6, 900_000, "", False),
    ("AF-KAB", "Kabul", "province", "AF-KAB", None, "AFG", 34.5, 69.2, 4_000_000, "", False),
    ("gn:3", "Kabul", "town", "AF-KAB", None, "AFG", 34.53, 69.17, 3_000_000, "Kabol", True),
    ("gn:4", "Hairatan", "town", "AF-BAL", "Kaldar", "AFG", 37.2, 67.4, 5_000, "", False),
    ("gn:5", "Kunduz", "town", "AF-XXX", None, "AFG", 35.0, 65.0, 50, "", False),  # a tiny namesake elsewhere
    ("gn:6", "Said", "town", "AF-XXX", None, "AFG", 35.0, 65.0, 10, "", False),  # an English word as a name
]  # fmt: skip
COLUMNS = ["id", "name", "kind", "admin1", "admin2", "country", "lat", "lon", "population", "alternate_names",
           "is_seat"]  # fmt: skip


@pytest.fixture(scope="module")
def index() -> ToponymIndex:
    return ToponymIndex.from_gazetteer(pd.DataFrame(ROWS, columns=COLUMNS))


def test_fold_and_squash() -> None:
    assert fold("Mazār-i-Sharīf") == "mazar-i-sharif"
    assert squash("Mazar-i Sharif") == "mazarisharif"


def test_sentences_keep_offsets() -> None:
    text = "Gen. Smith spoke in the U.S. on Monday. Then he left!\nA heading\nAnother line ends. Last one"
    sentences = split_sentences(text)
    pieces = [s.text(text) for s in sentences]
    assert pieces == ["Gen. Smith spoke in the U.S. on Monday.", "Then he left!", "A heading", "Another line ends.",
                      "Last one"]  # fmt: skip
    assert [s.paragraph for s in sentences] == [0, 0, 1, 2, 2]


def test_hard_wrapped_lines_are_joined() -> None:
    text = "The minister said on Wednesday,\nFebruary 15, that the army was ready to respond to\nthreats. Next."
    assert split_sentences(text)[0].text(text).endswith("respond to\nthreats.")


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


def test_bare_name_prefers_big_place_and_word_boundaries(index: ToponymIndex) -> None:
    text = "A blast in Kabul. Kabuli food. He Said nothing."
    mentions = find_mentions(text, index, fuzzy=False)
    assert [(m.text, m.match.kind) for m in mentions] == [("Kabul", "town")]
    assert mentions[0].match.certain


def test_fuzzy_candidates(index: ToponymIndex) -> None:
    text = "An explosion in MazzarSharif, and rockets from Bandare-Hairataan. Unrelated Zzyzx words. MazareSharif."
    mentions = find_mentions(text, index)
    found = {m.text: m for m in mentions}
    assert found["MazzarSharif"].place_id == "gn:2"
    assert found["MazzarSharif"].method == "fuzzy"
    assert not found["MazzarSharif"].match.certain
    assert 0.85 <= found["MazzarSharif"].match.score < 1.0
    assert found["MazareSharif"].match.score == 1.0  # the same letters as an alternate name
    assert found["Bandare-Hairataan"].place_id == "gn:4"
    assert "Zzyzx" not in found


def test_sentence_index(index: ToponymIndex) -> None:
    text = "First sentence here. Second one names Takhar."
    (mention,) = find_mentions(text, index, fuzzy=False)
    assert mention.sentence == 1


def test_shared_sources_sentences(shared_sources: Path) -> None:
    text = (shared_sources / "001_3dc510abd316d3d7.txt").read_text(encoding="utf-8")
    sentences = split_sentences(text)
    assert 20 < len(sentences) < 60
    # Hard-wrapped lines do not cut sentences: after the title, only short headings end without punctuation.
    cut = [s for s in sentences[1:] if s.text(text)[-1] not in '.!?"”' and len(s.text(text)) > 60]
    assert cut == []


def test_region_phrases(index: ToponymIndex) -> None:
    text = "Cells work in the eastern and northern provinces and along the border areas with Tajikistan."
    found = [(m.text, m.place_id, m.match.precision) for m in find_mentions(text, index)]
    assert found == [
        ("eastern", "region:east", "region"),
        ("northern", "region:north", "region"),
        ("border areas with Tajikistan", "region:afghan-tajik-border", "region"),
    ]
    assert [m.place_id for m in find_mentions("Fighters gathered in northeastern Afghanistan.", index)] == [
        "region:northeast"
    ]


def test_fuzzy_candidates_go_through_the_resolver() -> None:
    from isk_atlas.mentions import GazetteerMatch

    asked: list[tuple[str, str | None]] = []

    def resolver(name: str, context: str | None) -> GazetteerMatch:
        asked.append((name, context))
        if name == "Boom":
            raise RuntimeError("geocoder failure")
        return GazetteerMatch(name, "Somewhere", "XYZ", "country", "AF-GHA", None, "AFG", 1.0, 2.0, "country", 0.9,
                              "test", resolved=True, certain=False)  # fmt: skip

    index = ToponymIndex.from_gazetteer(pd.DataFrame(ROWS, columns=COLUMNS), resolver=resolver)
    text = "Blasts hit MazzarSharif today. Kabul was calm."
    mentions = find_mentions(text, index)
    fuzzy = next(m for m in mentions if m.text == "MazzarSharif")
    assert fuzzy.place_id == "XYZ" and fuzzy.admin1 is None  # a country is above province level
    assert asked == [("MazzarSharif", "Blasts hit MazzarSharif today.")]  # exact names are not sent
    assert next(m for m in mentions if m.text == "Kabul").place_id == "gn:3"


def test_evidence_sentence_is_the_whole_sentence_holding_the_span() -> None:
    from isk_atlas.mentions import evidence_sentence

    text = "A title\nFirst sentence here. Rockets were fired from Takhar\ninto Tajikistan on Sunday. Last one."
    start = text.index("Takhar")
    assert evidence_sentence(text, start, start + 6) == "Rockets were fired from Takhar into Tajikistan on Sunday."
    assert evidence_sentence(text, None, None) == ""
    assert evidence_sentence(text, 8, 13, max_chars=10) == "First sen…"


def test_region_phrases_tried_at_start_words_match_the_plain_scan(shared_sources: Path) -> None:
    from isk_atlas import mentions

    texts = [
        "In northeastern Afghanistan and the east and north, the Afghan-Tajik border and the Tajik border areas.",
        "The\t\n north-east and  the west; the  southwest and the\u2003east of it; the North and the south.",
        "the east and west",
    ]
    texts += [path.read_text(encoding="utf-8") for path in sorted(shared_sources.glob("*.txt"))]
    found = 0
    for text in texts:
        lowered = mentions._fold_same_length(text)
        directions = mentions._word_positions(lowered, mentions._DIRECTION_STARTS)
        for (pattern, _), starts in zip(mentions.REGION_PHRASES, mentions._REGION_STARTS, strict=True):
            plain = [m.span() for m in pattern.finditer(lowered)]
            assert [m.span() for m in mentions._finditer_from(pattern, lowered, starts(lowered, directions))] == plain
            found += len(plain)
    assert found >= 5


def test_nationalities_are_not_fuzzy_places(index: ToponymIndex) -> None:
    # The adjective is close enough to "Tajikistan" to be a fuzzy candidate, and is still not a place.
    assert index.fuzzy("Tajikistani") is not None
    text = "Tajikistani and Afghan officials met in Kunduz. Tajikistan hosted them."
    mentions = find_mentions(text, index)
    assert [m.text for m in mentions if m.method == "fuzzy"] == []
    assert {m.text for m in mentions} == {"Kunduz", "Tajikistan"}


def test_sentence_splitting_reads_the_word_before_a_stop_as_the_regex_does() -> None:
    """`_word_before_stop` walks characters where `_LAST_WORD` searched a window: same word on random texts."""
    import random

    from isk_atlas import mentions

    rng = random.Random(11)
    alphabet = ["a", "b", "U", "S", "é", "_", "1", ".", ".", ".", "!", "?", '"', "”", ")", "]", " ", " ", "\n", "-"]
    compared = 0
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 60))) + " "
        start = rng.randint(0, 10)
        for match in mentions._SENTENCE_END.finditer(text):
            if match.start() < start or text[match.start()] != ".":
                continue
            window = max(start, match.end() - 40)
            expected = mentions._LAST_WORD.search(text, window, match.end())
            assert expected is not None
            assert mentions._word_before_stop(text, match.start(), window) == expected.group(1), (text, start)
            compared += 1
    assert compared > 1000


def _small_gazetteer() -> pd.DataFrame:
    return pd.DataFrame(ROWS, columns=COLUMNS)


def test_index_cache_gives_the_index_built_afresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The second process (here: call) loads the index from the cache; it finds what a fresh build finds."""
    from isk_atlas import mentions

    monkeypatch.setenv("ISK_ATLAS_CACHE", str(tmp_path))
    gazetteer = _small_gazetteer()
    built = mentions.gazetteer_toponym_index(gazetteer)
    files = list((tmp_path / "index").glob("toponyms-*.pickle"))
    assert len(files) == 1
    loaded = mentions.gazetteer_toponym_index(gazetteer)
    assert loaded is not built
    fresh = ToponymIndex.from_gazetteer(gazetteer)
    text = "Fighters moved from Kondoz to MazareSharif and Kabul.\nThe Kunduz province police said the border areas."
    found = [(m.text, m.start, m.place_id, m.method, m.match.certain) for m in loaded.find(text)]
    assert found == [(m.text, m.start, m.place_id, m.method, m.match.certain) for m in fresh.find(text)]
    assert {m.place_id for m in loaded.find(text)} >= {"AF-KDZ", "gn:2", "gn:3"}
    assert loaded.fingerprint == fresh.fingerprint
    resolved = mentions.gazetteer_toponym_index(
        gazetteer, resolver=lambda name, context: fresh._region_match("x", name)
    )
    assert resolved.fingerprint == ToponymIndex.from_gazetteer(gazetteer, resolver=print).fingerprint


def test_index_cache_key_follows_the_gazetteer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from isk_atlas import mentions

    monkeypatch.setenv("ISK_ATLAS_CACHE", str(tmp_path))
    gazetteer = _small_gazetteer()
    mentions.gazetteer_toponym_index(gazetteer)
    changed = gazetteer.copy()
    changed.loc[changed["id"] == "gn:4", "alternate_names"] = "Hayratan"
    assert mentions.gazetteer_digest(changed) != mentions.gazetteer_digest(gazetteer)
    index = mentions.gazetteer_toponym_index(changed)
    assert [m.place_id for m in index.find("Trucks reached Hayratan on Monday.")] == ["gn:4"]
    # The index of the old gazetteer is gone: one file per kind of index.
    assert len(list((tmp_path / "index").glob("toponyms-*.pickle"))) == 1


@pytest.mark.parametrize("damage", ["truncate", "flip", "magic", "empty", "evil"])
def test_a_damaged_or_foreign_index_cache_is_rebuilt_not_read(
    damage: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Torn, corrupt or foreign files are never unpickled as they are; the index is rebuilt and the file rewritten.
    A file with a valid checksum that would call anything but the index's own classes is refused too."""
    import hashlib
    import os
    import pickle

    from isk_atlas import mentions

    monkeypatch.setenv("ISK_ATLAS_CACHE", str(tmp_path))
    gazetteer = _small_gazetteer()
    mentions.gazetteer_toponym_index(gazetteer)
    (path,) = (tmp_path / "index").glob("toponyms-*.pickle")
    data = path.read_bytes()
    marker = tmp_path / "ran"

    class Evil:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.system, (f"touch {marker}",))

    if damage == "truncate":
        data = data[: len(data) // 2]
    elif damage == "flip":
        data = data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:]
    elif damage == "magic":
        data = b"something else" + data[14:]
    elif damage == "empty":
        data = b""
    else:
        payload = pickle.dumps(Evil())
        data = mentions._CACHE_MAGIC + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload
    path.write_bytes(data)
    assert mentions._read_index(path, mentions._TOPONYM_CLASSES) is None
    index = mentions.gazetteer_toponym_index(gazetteer)
    assert not marker.exists()
    assert [m.place_id for m in index.find("Rockets hit Takhar.")] == ["AF-TAK"]
    assert mentions._read_index(path, mentions._TOPONYM_CLASSES) is not None  # rewritten whole


def test_index_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from isk_atlas import mentions

    monkeypatch.setenv("ISK_ATLAS_CACHE", str(tmp_path))
    monkeypatch.setenv("ISK_ATLAS_INDEX_CACHE", "0")
    mentions.gazetteer_toponym_index(_small_gazetteer())
    assert not (tmp_path / "index").exists()


def test_the_project_gazetteer_index_loads_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The real gazetteer's index holds only what the cache may load (a numpy number in it would make every load
    fail and every process build again, silently)."""
    from isk_atlas import mentions
    from isk_atlas.geo import load_gazetteer

    try:
        gazetteer = load_gazetteer()
    except Exception:
        pytest.skip("the project gazetteer is not built")
    monkeypatch.setenv("ISK_ATLAS_CACHE", str(tmp_path))
    built = mentions.gazetteer_toponym_index(gazetteer)
    (path,) = (tmp_path / "index").glob("toponyms-*.pickle")
    assert mentions._read_index(path, mentions._TOPONYM_CLASSES) is not None
    loaded = mentions.gazetteer_toponym_index(gazetteer)
    assert loaded.by_key == built.by_key and loaded.fingerprint == built.fingerprint


def test_index_cache_folder_can_be_chosen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from isk_atlas import mentions

    monkeypatch.setenv("ISK_ATLAS_CACHE", str(tmp_path / "extraction"))
    monkeypatch.setenv("ISK_ATLAS_INDEX_CACHE", str(tmp_path / "indexes"))
    mentions.gazetteer_toponym_index(_small_gazetteer())
    assert len(list((tmp_path / "indexes").glob("toponyms-*.pickle"))) == 1
    assert not (tmp_path / "extraction").exists()
