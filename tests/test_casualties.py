from __future__ import annotations

from pathlib import Path

import pytest

from isk_atlas.events.casualties import (
    VICTIM_RULES,
    VictimRule,
    attribute,
    combine,
    find_figures,
    parse_number,
    with_named_victims,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [("21", 21), ("4,000", 4000), ("two", 2), ("eighteen", 18), ("thirty-five", 35), ("two hundred", 200),
     ("a dozen", 12), ("seventy two", 72), ("banana", None)],
)  # fmt: skip
def test_parse_number(text: str, value: int | None) -> None:
    assert parse_number(text) == value


def kinds(text: str) -> list[tuple[str, int, str]]:
    return [(f.kind, f.count, f.qualifier) for f in find_figures(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The blast left 12 killed and 35 injured near the gate.", [("killed", 12, "exact"), ("injured", 35, "exact")]),
        ("It caused three fatalities and over 20 injuries.", [("killed", 3, "exact"), ("injured", 20, "at_least")]),
        ("Residents said the deaths of nearly 90 people went unreported.", [("killed", 90, "about")]),
        ("A gunman killed 4 police officers and at least 11 bystanders.", [("killed", 15, "at_least")]),
        ("Roughly 40 worshippers died and the wounding of 120 others followed.",
         [("killed", 40, "about"), ("injured", 120, "exact")]),
        ("Some 60 guards were wounded or killed in the raid.", [("combined", 60, "about")]),
        ("The attacks caused a minimum of 500 deaths and injuries.", [("combined", 500, "at_least")]),
        ("Nine people, among them the local chief, were killed and six others were hurt.",
         [("killed", 9, "exact"), ("injured", 6, "exact")]),
        ("leaving 30 people injured and 14 being killed", [("injured", 30, "exact"), ("killed", 14, "exact")]),
        ("Five deaths and eighteen injuries were recorded.", [("killed", 5, "exact"), ("injured", 18, "exact")]),
    ],
)  # fmt: skip
def test_find_figures(text: str, expected: list[tuple[str, int, str]]) -> None:
    assert kinds(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "About 600 foreign fighters were present in the valley.",
        "On March 9, 2023 the office was attacked.",
        "Troops rose from 8,500 to 14,000 over two years.",
        "Some 250 members surrendered to the government.",
        "Five rockets were launched across the river.",
        "The group has around 4,000 members.",
    ],
)
def test_not_casualties(text: str) -> None:
    assert find_figures(text) == []


def test_spans_are_offsets() -> None:
    text = "Earlier text. The bombing killed 7 and injured 9."
    figures = find_figures(text, offset=100)
    assert [(f.kind, text[f.start - 100 : f.end - 100]) for f in figures] == [("killed", "7"), ("injured", "9")]


def test_attribution_and_range() -> None:
    text = (
        "According to a statement by the militants, 25 people were killed in the attack, however, the city "
        "hospital reported that four people had died and 11 were injured."
    )
    figures = attribute(text, find_figures(text))
    assert [(f.kind, f.count) for f in figures] == [("killed", 25), ("killed", 4), ("injured", 11)]
    assert figures[0].by == "statement by the militants"
    assert figures[1].by == "city hospital"
    result = combine(figures, source_id="s1")
    assert (result.killed_low, result.killed_high) == (4, 25)
    assert (result.injured_low, result.injured_high) == (11, 11)
    assert {f.by: (f.killed, f.injured) for f in result.figures} == {
        "statement by the militants": (25, None),
        "city hospital": (4, 11),
    }


def test_attribution_contrary_claims() -> None:
    text = (
        "A blast caused two deaths and over 30 injuries, contrary to the authorities' claims that only one "
        "guard was killed and six others were injured."
    )
    figures = attribute(text, find_figures(text))
    assert [(f.kind, f.count) for f in figures] == [("killed", 2), ("injured", 30), ("killed", 1), ("injured", 6)]
    assert figures[2].by is not None and "authorities" in figures[2].by
    assert figures[0].by is None
    result = combine(figures)
    # "over 30" injured is more than the authorities' six: no upper bound on the injured.
    assert (result.killed_low, result.killed_high, result.injured_low, result.injured_high) == (1, 2, 6, None)
    assert any("at least 30" in note for note in result.notes)


def test_combine_empty() -> None:
    result = combine([])
    assert result.killed_low is None and result.injured_high is None and result.figures == ()


def test_subcounts_and_forward_lists() -> None:
    assert kinds("Ten others, including four children, were injured.") == [("injured", 10, "exact")]
    assert kinds("Six guards and at least 9 visitors were killed.") == [("killed", 15, "at_least")]
    assert kinds("Two bystanders and 5 guards were hurt, and three others died.") == [
        ("injured", 7, "exact"),
        ("killed", 3, "exact"),
    ]


def test_one_more_in_a_list_and_combined_bounds() -> None:
    assert kinds("The blast caused the death of one shopkeeper and a member of the guard.") == [("killed", 2, "exact")]
    result = combine(find_figures("Some 40 soldiers were killed or wounded."))
    assert (result.killed_low, result.killed_high, result.injured_high, result.combined) == (None, 40, 40, 40)


def test_numbers_tried_at_first_words_are_the_plain_scan(shared_sources: Path) -> None:
    """`_number_matches` tries NUMBER_RE only at digits and the words a match can open with: same matches."""
    import random

    from isk_atlas.events import casualties

    texts = [path.read_text(encoding="utf-8") for path in sorted(shared_sources.glob("*.txt"))]
    texts = [text.encode("ascii", "replace").decode() for text in texts]
    words = [
        "at",
        "least",
        "a",
        "dozen",
        "hundred",
        "no",
        "fewer",
        "than",
        "twenty-one",
        "seventeen",
        "seven",
        "an",
        "estimated",
        "1,200",
        "40",
        "about",
        "Over",
    ]
    words += ["killed", "some", "as", "many", "and", "only", "thousand"]
    rng = random.Random(3)
    texts += [" ".join(rng.choice(words) for _ in range(30)) for _ in range(300)]
    found = 0
    for text in texts:
        plain = [m.span() for m in casualties.NUMBER_RE.finditer(text)]
        assert [m.span() for m in casualties._number_matches(text)] == plain
        found += len(plain)
    assert found > 1000


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Active voice: the number before the verb counts the attackers, the one after it the victims.
        ("Two gunmen killed 5 guards at the gate.", [("killed", 5, "exact")]),
        ("A week after one of its bombers killed dozens of people at a shrine.", []),
        ("Three attackers wounded the guards.", []),
        # Passive voice and bare counts are unchanged.
        ("At least 47 people were killed and 68 wounded on Friday.", [("killed", 47, "at_least"),
                                                                      ("injured", 68, "at_least")]),
        ("The blast left 3 killed 5 injured.", [("killed", 3, "exact"), ("killed", 5, "exact")]),
        ("Gunmen shot dead two policemen at a checkpoint.", [("killed", 2, "exact")]),
        ("An official later put the number of dead at more than 50.", [("killed", 50, "at_least")]),
        ("Doctors said the death toll had risen to 35.", [("killed", 35, "exact")]),
    ],
)  # fmt: skip
def test_who_kills_and_who_is_killed(text: str, expected: list[tuple[str, int, str]]) -> None:
    assert kinds(text) == expected


def test_named_victims_count_one_each() -> None:
    from isk_atlas.events.casualties import with_named_victims

    def killed(text: str) -> tuple[int | None, int | None]:
        casualties = combine(with_named_victims(find_figures(text), text, [(0, len(text))]))
        return casualties.killed_low, casualties.killed_high

    assert killed("The district chief was killed by a bomb. His bodyguard also died.") == (2, 2)
    assert killed("The mayor was killed on Monday. At least two other people died in the blast.") == (3, None)
    # A count that may already include the named victim is left as it is; nobody killed is nobody.
    assert killed("The mayor was killed with his guards; 6 people were killed in all.") == (6, 6)
    assert killed("No one was killed in the blast.") == (None, None)


def test_a_party_named_with_its_owner() -> None:
    text = "The blast killed at least 11 people, the Taliban's interior ministry said."
    (figure,) = attribute(text, find_figures(text))
    assert figure.by == "Taliban's interior ministry"


def test_the_day_a_party_spoke_is_not_the_party() -> None:
    text = "The Taliban on Sunday claimed that they killed three fighters in a raid."
    (figure,) = attribute(text, find_figures(text))
    assert figure.by == "Taliban"


@pytest.mark.parametrize(
    "text",
    ["Officials said the death toll in the town of Kot “has risen to 31”.", "The toll from the blast climbed to 31."],
)
def test_a_toll_that_rose_some_words_after_toll(text: str) -> None:
    assert [(f.kind, f.count) for f in find_figures(text)] == [("killed", 31)]


def test_a_toll_road_counts_no_dead() -> None:
    assert find_figures("The toll road was closed for 3 days.") == []


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        # An open count leaves the high bound open; "up to" gives a high bound only.
        ("At least 10 people were killed and more than 20 wounded.", (10, None), (20, None)),
        ("Over 7 worshippers died in the blast.", (7, None), (None, None)),
        ("Up to 36 fighters were killed in the strike.", (None, 36), (None, None)),
        ("Nine people were killed and four were hurt.", (9, 9), (4, 4)),
        # Two parties' counts of one happening: a range over both.
        ("Police said 5 people were killed; hospital officials said 8 people died.", (5, 8), (None, None)),
        # The precise count fills in the open one when it reaches it, not when it falls short of it.
        ("At least 10 people died. The hospital said 12 people were killed.", (10, 12), (None, None)),
        ("At least 10 people died. The police said 8 people were killed.", (8, None), (None, None)),
    ],
)
def test_combine_reads_each_count_as_an_interval(
    text: str, killed: tuple[int | None, int | None], injured: tuple[int | None, int | None]
) -> None:
    result = combine(attribute(text, find_figures(text)))
    assert (result.killed_low, result.killed_high) == killed
    assert (result.injured_low, result.injured_high) == injured


def test_two_parties_say_who_said_what_in_the_notes() -> None:
    text = "Police said 5 people were killed; hospital officials said 8 people died."
    result = combine(attribute(text, find_figures(text)))
    assert {f.by: f.killed for f in result.figures} == {"Police": 5, "hospital officials": 8}
    assert "5 killed (according to Police)" in result.notes
    assert "8 killed (according to hospital officials)" in result.notes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("At least 7 people were killed and 20 injured in the blast.",
         [("killed", 7, "at_least"), ("injured", 20, "at_least")]),
        ("The bomb killed more than 12 worshippers and wounded 30 others.",
         [("killed", 12, "at_least"), ("injured", 30, "at_least")]),
        ("The blast killed at-least 3 people and injured 9.", [("killed", 3, "at_least"), ("injured", 9, "at_least")]),
        # A floor does not reach a count of another clause or another party, nor one told before it.
        ("At least 7 people were killed, and police said 20 were injured.",
         [("killed", 7, "at_least"), ("injured", 20, "exact")]),
        ("At least 7 people were killed. Later 20 were reported injured.",
         [("killed", 7, "at_least"), ("injured", 20, "exact")]),
        ("The attack killed 4 people and wounded more than 10.", [("killed", 4, "exact"), ("injured", 10, "at_least")]),
    ],
)  # fmt: skip
def test_a_floor_opening_a_toll_holds_for_its_joined_count(text: str, expected: list[tuple[str, int, str]]) -> None:
    assert kinds(text) == expected


def test_the_shared_floor_example() -> None:
    from isk_atlas.events.casualties import _SHARED_FLOOR_EXAMPLE

    assert {f.qualifier for f in find_figures(_SHARED_FLOOR_EXAMPLE)} == {"at_least"}


def test_one_more_named_by_role_and_the_attackers_flagged() -> None:
    from isk_atlas.events.casualties import _ATTACKERS_EXAMPLE

    assert kinds("The gunmen killed three tourists and their local guide.") == [("killed", 4, "exact")]
    assert kinds("The blast killed five soldiers and their driver.") == [("killed", 6, "exact")]
    flagged = [(f.kind, f.count, f.attackers) for f in find_figures(_ATTACKERS_EXAMPLE)]
    assert flagged == [("killed", 2, True), ("injured", 6, False)]
    assert [f.attackers for f in find_figures("Security forces killed 3 gunmen after a siege.")] == [True]
    # A count of people that includes the attackers is of people.
    assert [f.attackers for f in find_figures("17 people, including two attackers, were killed.")] == [False]


def test_well_over_is_a_floor() -> None:
    figures = find_figures("The bombing killed over 60 people and wounded well over 100.")
    assert [(f.kind, f.count, f.qualifier) for f in figures] == [
        ("killed", 60, "at_least"),
        ("injured", 100, "at_least"),
    ]


@pytest.mark.parametrize(
    "text",
    ["One of the dead was a child.", "Two of the wounded were guards.", "One of the killed gunmen led the cell."],
)
def test_some_of_the_dead_is_part_of_a_count_not_a_count(text: str) -> None:
    assert find_figures(text) == []


def test_one_of_the_guards_killed_is_still_a_count() -> None:
    assert kinds("One of the guards was killed.") == [("killed", 1, "exact")]


@pytest.mark.parametrize("rule", VICTIM_RULES, ids=lambda rule: rule.name)
def test_every_victim_rule_counts_its_example_and_not_its_counter_example(rule: VictimRule) -> None:
    def count(text: str) -> int | None:
        casualties = combine(with_named_victims(find_figures(text), text, [(0, len(text))]))
        return casualties.killed_low if rule.kind == "killed" else casualties.injured_low

    assert count(rule.example) == rule.count
    assert rule.pattern.search(rule.counter_example) is None


def test_a_person_named_by_role_counts_one() -> None:
    def counts(text: str) -> tuple[int | None, int | None]:
        casualties = combine(with_named_victims(find_figures(text), text, [(0, len(text))]))
        return casualties.killed_low, casualties.injured_low

    assert counts("A bomb on a bus killed a reporter and wounded four others.") == (1, 4)
    # a count told already is not added to; several guards are no one person
    assert counts("Six people were killed, and gunmen killed a guard.") == (6, None)
    assert counts("The guards were injured.") == (None, None)


@pytest.mark.parametrize(
    "text",
    [
        "Families buried on Oct. 26, 2016, the men who were killed.",
        "The men killed on 5 Sept were buried.",
        "Relatives mourned those killed on Nov 12.",
    ],
)
def test_a_day_after_an_abbreviated_month_is_no_count(text: str) -> None:
    assert find_figures(text) == []


def test_a_count_beside_an_abbreviated_date_is_still_read() -> None:
    assert [(f.kind, f.count) for f in find_figures("Gunmen killed 26 civilians on Oct. 25.")] == [("killed", 26)]


def test_a_titled_victim_and_those_killed_with_them() -> None:
    def killed(text: str, attack: bool = False) -> tuple[int | None, int | None]:
        casualties = combine(with_named_victims(find_figures(text), text, [(0, len(text))], attack=attack))
        return casualties.killed_low, casualties.killed_high

    # a notable victim named alone is a floor (others may have died with them); companions told make it exact
    assert killed("A roadside bomb killed the deputy mayor of the town.") == (1, None)
    assert killed("Gunmen shot dead Ali Noor, the district's governor, and his driver.") == (2, 2)
    assert killed("He and one of his cousins were killed in the raid.") == (2, 2)
    assert killed("Gunmen killed a constable and two farm workers at the gate.") == (3, 3)
    # those hurt beside a named victim are not killed
    assert killed("The governor was killed and two others were wounded.") == (1, 1)
    # several leaders are no count; in an attack the bomber is no victim, though he may kill one
    assert killed("The strike killed the group's commanders.") == (None, None)
    assert killed("The bomber was killed at the gate.", attack=True) == (None, None)
    assert killed("A bomber killed the police chief at the gate.", attack=True) == (1, None)


@pytest.mark.parametrize(
    "text",
    [
        "The death toll from Thursday's suicide bombing at an education centre in the capital rose to 53.",
        "The number of dead rose to 53, officials said.",
    ],
)
def test_a_toll_whose_verb_comes_far_after_it_is_a_count_of_the_dead(text: str) -> None:
    """The happening named between "toll" and its verb, or "the number of dead" for the toll."""
    assert [(f.kind, f.count) for f in find_figures(text)] == [("killed", 53)]


def test_the_beheaded_are_counted_among_the_dead() -> None:
    assert [(f.kind, f.count) for f in find_figures("Militants beheaded two shepherds in the district.")] == [
        ("killed", 2)
    ]
