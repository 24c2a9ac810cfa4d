"""The context reader (`isk_atlas.places.context`): the areas a sentence names and the clues it gives a name."""

from __future__ import annotations

import pytest

from isk_atlas.places.context import HELD_IN_EXAMPLES, MARKED_IN_EXAMPLES, ContextReader, kind_hint_in

AREAS = {
    "nangarhar": ("AF-NAN", "AFG"),
    "kunduz": ("AF-KDZ", "AFG"),
    "jalalabad": ("KG-J", "KGZ"),
    "afghanistan": (None, "AFG"),
    "mazaresharif": ("AF-BAL", "AFG"),
    "kyrgyzstan": (None, "KGZ"),
    "pakistan": (None, "PAK"),
    "sistan": ("IR-11", "IRN"),
}
SKELETONS = {"nangarhar": ("AF-NAN", "AFG")}


def reader() -> ContextReader:
    return ContextReader(AREAS, SKELETONS)


def test_areas_named_by_words_adjectives_and_words_run_together() -> None:
    clues = reader().read("Afghan forces moved from Kunduz to Mazar e Sharif.")
    assert clues.admin1 == frozenset({"AF-KDZ", "AF-BAL"})
    assert clues.countries == frozenset({"AFG"})


def test_the_names_own_words_are_no_clue_but_another_mention_is() -> None:
    # "Jalalabad" is also a region of Kyrgyzstan: the name itself says nothing of where it lies
    assert reader().read("A mosque in Jalalabad was hit.", "Jalalabad").countries == frozenset()
    # only the name's own occurrences are left out: the other areas the sentence names stay clues
    clues = reader().read("Police in Jalalabad and Kunduz said.", "Kunduz")
    assert clues.admin1 == frozenset({"KG-J"})
    assert reader().read("Kunduz police said a blast hit Kunduz.", "Kunduz").admin1 == frozenset()


def test_qualifier_after_the_name_and_kind_announced() -> None:
    clues = reader().read("Fighters gathered in Behsud district of Nangarhar on Monday.", "Behsud")
    assert clues.qualifiers == frozenset({"AF-NAN"})
    assert clues.kind_hint == "district"
    # a list of places is no qualifier
    assert reader().read("Attacks hit Kunduz, Nangarhar and Kabul.", "Kunduz").qualifiers == frozenset()


def test_qualifier_of_words_run_together_spelt_otherwise_and_never_a_country() -> None:
    # the province named by the longest group of words after the name, its usual spelling or its skeleton's
    assert reader().read("Fighters met in Dehdadi of Mazar e Sharif.", "Dehdadi").qualifiers == frozenset({"AF-BAL"})
    assert reader().read("A blast hit Behsud in Nangarhaar.", "Behsud").qualifiers == frozenset({"AF-NAN"})
    assert reader().read("Fighters gathered in Kunduz city, Nangarhar province.", "Kunduz").qualifiers == frozenset(
        {"AF-NAN"}
    )
    # a country is no province: no qualifier
    assert reader().read("Two men were held in Jalalabad in Kyrgyzstan.", "Jalalabad").qualifiers == frozenset()


@pytest.mark.parametrize(("text", "name", "held_in"), HELD_IN_EXAMPLES)
def test_the_country_the_words_around_a_name_say_it_lies_in(text: str, name: str, held_in: frozenset[str]) -> None:
    assert reader().read(text, name).held_in == held_in


@pytest.mark.parametrize(("text", "name", "marked_in"), MARKED_IN_EXAMPLES)
def test_the_country_an_administrative_word_beside_a_name_marks(
    text: str, name: str, marked_in: frozenset[str]
) -> None:
    clues = reader().read(text, name)
    assert clues.marked_in == marked_in
    assert clues.held_in == frozenset() or clues.held_in == marked_in


def test_a_country_named_elsewhere_in_the_sentence_holds_nothing() -> None:
    clues = reader().read("Kyrgyz officials said the attack in Kunduz killed two.", "Kunduz")
    assert clues.countries == frozenset({"KGZ"})
    assert clues.held_in == frozenset()


def test_kind_hint_read_back_over_a_list_and_at_every_occurrence() -> None:
    tokens = ["the", "provinces", "of", "badakhshan", "takhar", "and", "kunduz"]
    assert kind_hint_in(tokens, "Kunduz") == "province"
    # the first occurrence announces nothing; the second stands before "city"
    tokens = ["kunduz", "officials", "said", "the", "attack", "in", "kunduz", "city"]
    assert kind_hint_in(tokens, "Kunduz") == "town"
    assert kind_hint_in(["north", "of", "kunduz"], "Kunduz") is None


def test_a_key_and_its_skeleton_share_a_signature() -> None:
    from isk_atlas.names import skeleton_of_key
    from isk_atlas.places.context import signature, signatures_of

    words = ["nangarhar", "khowst", "qaraqul", "pharah", "jowzjan", "paktya", "hayratan", "nusay", "sheberghan",
             "kunnduz", "badakhshan", "the", "attack", "ayyub"]  # fmt: skip
    for word in words:
        assert signature(skeleton_of_key(word)) == signature(word)
    assert signatures_of(words) == [signature(word) for word in words]
    assert signature("badakhshan") == "b*d*s*n"  # "kh", "sh": the h is a letter a skeleton may rewrite
    # words run together: their signatures joined, a run across the join written once
    assert signature("kunduz" + "zone") == "*nd*z*n*"


def test_areas_found_with_the_prefix_tables_are_those_every_word_group_finds() -> None:
    from isk_atlas.names import fold, skeleton_of_key

    areas = {**AREAS, "sarepol": ("AF-SAR", "AFG"), "uzbekistan": (None, "UZB")}
    skeletons = {**SKELETONS, skeleton_of_key("sarepol"): ("AF-SAR", "AFG")}
    read = ContextReader(areas, skeletons)
    texts = [
        "Fighters moved from Nengarhar to Sar e Pol and Mazar e Sharif.",  # a skeleton spelling; words run together
        "Sari Pul and the Uzbek border, north of Kunduz, then Uzbekistan.",
        "An attack in Nan Garhar city; the nangarhar governor said.",
        "Nothing here names a place at all.",
    ]
    for text in texts:
        tokens = fold(text).split()
        expected = set()  # every group of up to three words, as a key or a skeleton
        for n in range(1, 4):
            for i in range(len(tokens) - n + 1):
                key = "".join(tokens[i : i + n])
                ref = areas.get(key) or (skeletons.get(skeleton_of_key(key)) if len(key) >= 5 else None)
                if ref is not None:
                    expected.add((i, i + n, *ref))
        found = read._named_in(tokens)
        assert set(found) == expected | {(i, i + 1, None, "UZB") for i, t in enumerate(tokens) if t == "uzbek"}
    assert read.read(texts[0]).admin1 == frozenset({"AF-NAN", "AF-SAR", "AF-BAL"})
    # a fresh reader has the same tables and has read nothing
    assert read.fresh().read(texts[2]).admin1 == frozenset({"AF-NAN"})
