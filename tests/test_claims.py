from __future__ import annotations

from pathlib import Path

import pytest

from isk_atlas.events.claims import canonical_actor, find_actors, find_attributions, find_claims


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Days later ISIS-K claimed responsibility for the blast.", "ISIS-K"),
        ("The Islamic State asserted responsibility for the bombing near the ministry.", "ISIS-K"),
        ("Daesh took responsibility in a short statement.", "ISIS-K"),
        ("The raid was claimed by the Taliban on social media.", "Taliban"),
        ("In a newsletter the group ISIS declared responsibility for the rocket fire.", "ISIS-K"),
        ("IS accepted responsibility for eleven attacks on the minority.", "ISIS-K"),
    ],
)
def test_claims(text: str, actor: str) -> None:
    claims = find_claims(text)
    assert [c.claimed_by for c in claims] == [actor]
    assert "respons" in text[claims[0].start : claims[0].end] or "claimed by" in text[claims[0].start : claims[0].end]


def test_no_claim_without_actor_or_verb() -> None:
    assert find_claims("The ministry is responsible for roads.") == []
    assert find_claims("Nobody claimed responsibility for the blast.") == []


def test_is_is_not_the_islamic_state() -> None:
    assert find_actors("This is what it is.") == []
    assert [a.actor for a in find_actors("IS and the Taliban; ISKP and Al-Qaeda")] == [
        "ISIS-K",
        "Taliban",
        "ISIS-K",
        "Al-Qaeda",
    ]


def test_canonical_actor() -> None:
    assert canonical_actor("Daesh") == "ISIS-K"
    assert canonical_actor("Islamic Emirate") == "Taliban"
    assert canonical_actor("someone") is None


def test_attributions() -> None:
    text = "According to the Taliban, the raid ended; local elders said otherwise."
    found = find_attributions(text, offset=10)
    assert [a.who for a in found] == ["Taliban"]
    assert text[found[0].start - 10 : found[0].end - 10].startswith("According to the Taliban")
    assert [a.who for a in find_attributions("Provincial Police Chief Ahmad reported three arrests.")] == [
        "Provincial Police Chief Ahmad"
    ]


def test_actors_tried_at_their_first_words_are_the_plain_scan(shared_sources: Path) -> None:
    """`find_actors` tries the actor pattern only where a spelling can start: it finds what the pattern's own scan
    finds, on the articles and on spellings packed together."""
    from isk_atlas.events import claims

    texts = [path.read_text(encoding="utf-8") for path in sorted(shared_sources.glob("*.txt"))]
    texts.append(
        "ISIS-K, IS Khorasan, ISIS K, ISKP, IS-KP, Daesh, Daish; the Islamic State of Iraq and the Levant Khorasan "
        "Province and the Islamic Emirate of Afghanistan; Afghan national forces, government security forces, US-led "
        "coalition, U.S. troops, American forces, Tajik border guards, Uzbek army, National Resistance Front, NRF, "
        "al-Qaeda, Al Qaida, alQaeda, Jamaat Ansarullah, Ansarullah, IMU, Eastern Turkistan Islamic Movement, ETIM, "
        "Islamic Movement of East Turkestan, Khorasan branch, Lashkar-e-Jhangvi, LeJ, Lashkar, Afghanistan, Afghans, "
        "Also, Analysts, USA, ISISK."
    )
    found = 0
    for text in texts:
        plain = [(m.start(), m.end(), m.lastgroup) for m in claims._ANY_ACTOR.finditer(text)]
        fast = [(a.start, a.end, f"a{claims._ACTOR_NAMES.index(a.actor)}") for a in claims.find_actors(text)]
        assert fast == plain
        found += len(plain)
    assert found > 40


def test_a_claim_of_several_attacks_told_before() -> None:
    claims = find_claims("The Islamic State's Khorasan branch claimed both attacks on its channel.")
    assert [c.claimed_by for c in claims] == ["ISIS-K"]
    assert find_claims("Daesh claimed the two bombings a day later.")[0].claimed_by == "ISIS-K"


def test_blame_is_attribution_not_a_claim() -> None:
    (blame,) = find_claims("Officials blamed the attack on ISIS-K within hours.")
    assert (blame.claimed_by, blame.attributed) == ("ISIS-K", True)
    (blame,) = find_claims("Daesh was blamed for the blast at the gate.")
    assert (blame.claimed_by, blame.attributed) == ("ISIS-K", True)
    (blame,) = find_claims("The armed group Daesh has been blamed for the blast at the gate.")
    assert (blame.claimed_by, blame.attributed) == ("ISIS-K", True)


@pytest.mark.parametrize(
    "name",
    ["Islamic State-Khorasan", "Islamic State in Khorasan Province", "ISIL-K", "ISIL-KP", "Daesh-Khorasan", "Daesh-K"],
)
def test_more_spellings_of_the_group(name: str) -> None:
    (actor,) = find_actors(f"Officials said {name} fighters were behind it.")
    assert (actor.actor, actor.text) == ("ISIS-K", name)


@pytest.mark.parametrize(
    "text",
    [
        "ISIS-K said it was behind the bombing.",
        "Wilayat Khorasan said it carried out the attack on the checkpoint.",
        "The Islamic State Khurasan Province claimed responsibility.",
        "ISK claimed responsibility for the blast in a statement.",
    ],
)
def test_the_groups_own_word_is_a_claim(text: str) -> None:
    assert [(c.claimed_by, c.attributed) for c in find_claims(text)] == [("ISIS-K", False)]


def test_saying_something_else_is_no_claim() -> None:
    assert find_claims("ISIS-K said it would continue its campaign.") == []


@pytest.mark.parametrize(
    "text", ["An Islamic State-claimed blast hit a rally.", "IS-linked cells were broken up.", "a Daesh-affiliated man"]
)
def test_the_group_named_in_a_compound_adjective(text: str) -> None:
    assert [a.actor for a in find_actors(text)] == ["ISIS-K"]


def test_a_hyphen_and_a_capital_go_on_with_the_name() -> None:
    assert [a.text for a in find_actors("IS-K and IS-Khorasan, not anti-IS forces")] == ["IS-K", "IS-Khorasan"]


def test_islamic_state_in_lower_case_names_the_group_before_its_men() -> None:
    """ "an Islamic state bomber" names the group; "an Islamic state" alone is a kind of state."""
    assert [a.text for a in find_actors("Police said an Islamic state bomber struck the hall.")] == ["Islamic state"]
    assert [a.text for a in find_actors("the Islamic state group said")] == ["Islamic state"]
    assert find_actors("They want to build an Islamic state in the region.") == []


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Tehreek-e-Taliban Pakistan (TTP) fighters", "Tehrik-i-Taliban Pakistan"),
        ("Tahrik-i-Taliban Pakistan said", "Tehrik-i-Taliban Pakistan"),  # the spelling with "a" ("Tah" starts it)
        ("the Pakistani Taliban said", "Tehrik-i-Taliban Pakistan"),
        ("the Baloch Liberation Army said", "Baloch separatists"),
        ("the sectarian Lashkar-e-Jhangvi (LeJ) claimed it", "Lashkar-e-Jhangvi"),
        ("The LeJ has attacked Shia pilgrims before", "Lashkar-e-Jhangvi"),
    ],
)
def test_other_groups_of_the_region_are_actors_of_their_own(text: str, actor: str) -> None:
    """The TTP and the Baloch separatists are other actors, not the Afghan Taliban or the group."""
    assert find_actors(text)[0].actor == actor
