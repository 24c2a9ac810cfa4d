"""The context reader (`isk_atlas.places.context`): the areas a sentence names and the clues it gives a name."""

from __future__ import annotations

from isk_atlas.places.context import ContextReader, kind_hint_in

AREAS = {
    "nangarhar": ("AF-NAN", "AFG"),
    "kunduz": ("AF-KDZ", "AFG"),
    "jalalabad": ("KG-J", "KGZ"),
    "afghanistan": (None, "AFG"),
    "mazaresharif": ("AF-BAL", "AFG"),
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


def test_kind_hint_read_back_over_a_list_and_at_every_occurrence() -> None:
    tokens = ["the", "provinces", "of", "badakhshan", "takhar", "and", "kunduz"]
    assert kind_hint_in(tokens, "Kunduz") == "province"
    # the first occurrence announces nothing; the second stands before "city"
    tokens = ["kunduz", "officials", "said", "the", "attack", "in", "kunduz", "city"]
    assert kind_hint_in(tokens, "Kunduz") == "town"
    assert kind_hint_in(["north", "of", "kunduz"], "Kunduz") is None
