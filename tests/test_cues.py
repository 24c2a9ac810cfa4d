from __future__ import annotations

import pytest

from isk_atlas.events.cues import ANOTHER, CUES, GENERIC_PLURAL, TextCue


@pytest.mark.parametrize("cue", CUES, ids=lambda cue: cue.name)
def test_every_cue_finds_its_example_and_not_its_counter_example(cue: TextCue) -> None:
    assert cue.found(cue.example)
    if cue.counter_example:
        assert not cue.found(cue.counter_example)


def test_cue_names_are_unique() -> None:
    assert len({cue.name for cue in CUES}) == len(CUES)


@pytest.mark.parametrize(
    "sentence",
    [
        "The city has been where the group has managed to carry out its deadliest attacks.",
        "Both insurgent groups have stepped up their attacks in the capital.",
        "The commander was responsible for planning several attacks, including those on embassies.",
        "Air strikes and commando raids had killed about half of its fighters, the general said.",
        "Months of raids have killed 40 percent of the group's men and weakened its hold.",
        "The group regrouped in the cities, carrying out bombings in the capital and two northern provinces.",
    ],
)
def test_a_record_or_a_trend_of_attacks_is_a_generic_plural(sentence: str) -> None:
    assert GENERIC_PLURAL.found(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The group has claimed the attack on the bridge.",
        "A strike on Tuesday killed two commanders of the group.",
        "Gunmen stormed the ministry and killed five guards.",
        "Drone strikes have killed twelve of its fighters in the valley, officials said.",
        "Night raids had killed 14 militants in the district by Sunday.",
        "Gunmen carrying out the attack on the hotel were killed by the guards.",
    ],
)
def test_one_happening_is_no_generic_plural(sentence: str) -> None:
    assert not GENERIC_PLURAL.found(sentence)


def test_a_person_told_by_age_comes_from_a_place() -> None:
    from isk_atlas.events.cues import PEOPLE_FROM

    assert PEOPLE_FROM.found("Police said one suspect is a 31-year-old from ")
    assert PEOPLE_FROM.found("the arrested were two twenty-year-olds from ")
    assert not PEOPLE_FROM.found("the 31-year-old was arrested in ")


def test_figures_told_back_to_attacks_named_in_the_plural() -> None:
    from isk_atlas.events.cues import FIGURES_BACK, TOLL_BACK

    assert FIGURES_BACK.found("Thirteen more were hurt in the blasts, a doctor said.")
    assert TOLL_BACK.found("The bombings killed nine people.")


def test_a_dateline_city_is_found_after_a_stored_pages_date_prefix() -> None:
    from isk_atlas.events.cues import DATELINE_CITY_BEFORE, PARAGRAPH_OPENING

    assert DATELINE_CITY_BEFORE.found(" date 2022-05-08 HERAT, ")
    assert PARAGRAPH_OPENING.found(" date 2022-05-08 ")
    # not after other words that open a line
    assert not DATELINE_CITY_BEFORE.found(" dated 2022 HERAT, ")


@pytest.mark.parametrize(
    "text",
    [
        "many attacks, including an attack on a school",
        "a string of bombings, the worst of which was a blast at a shrine",
        "several raids this year, the deadliest of them a bombing at a bus stop",
        "three attacks, one of which, a shooting at a wedding",
    ],
)
def test_a_tally_naming_one_of_its_attacks(text: str) -> None:
    from isk_atlas.events.cues import INCLUDING

    assert INCLUDING.found(text)


def test_a_tally_naming_none_of_its_attacks() -> None:
    from isk_atlas.events.cues import INCLUDING

    assert not INCLUDING.found("a string of bombings, the worst in years")
    assert not INCLUDING.found("one of the attackers was a teenager")


@pytest.mark.parametrize(
    ("sentence", "another"),
    [
        ("The group has carried out two other major suicide attacks in the city this month.", True),
        ("Police said other raids were under way in the north.", True),
        ("In a separate incident, two guards were shot.", True),
        ("Some other members of the cell were arrested and their hideout was destroyed.", False),
        ("One attacker was shot; the other detonated his vest at the gate.", False),
        ("Weapons and other explosive materials were found in the house.", False),
    ],
)
def test_other_marks_another_happening_only_when_it_qualifies_one(sentence: str, another: bool) -> None:
    assert ANOTHER.found(sentence) is another


def test_a_count_an_operation_took_is_no_strength_figure() -> None:
    from isk_atlas.events.cues import FIGURE_OF_A_HAPPENING

    assert FIGURE_OF_A_HAPPENING.found("Troops killed several of its commanders and up to 200 of their fighters.")
    assert FIGURE_OF_A_HAPPENING.found("Police arrested at least 40 suspected militants in the sweep.")
    assert not FIGURE_OF_A_HAPPENING.found("The group is believed to have about 2,000 fighters in the country.")
