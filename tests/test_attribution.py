from __future__ import annotations

from isk_atlas.events.attribution import Attribution, claim_candidates
from isk_atlas.events.classify import Label, RuleClassifier
from isk_atlas.events.draft import GROUP, Draft
from isk_atlas.mentions import split_sentences


def _attribution(text: str) -> Attribution:
    sentences = split_sentences(text)
    classifier = RuleClassifier()
    labels = [classifier.classify(text[s.start : s.end]) for s in sentences]
    return Attribution(text, sentences, labels, {}, headline=False)


def test_a_claim_paragraphs_later_makes_the_leads_attack_the_groups() -> None:
    text = (
        "A bomb tore through a market on Sunday, killing 12 people.\n\n"
        "Witnesses said the blast was heard across the town.\n\n"
        "ISIS-K claimed responsibility for the bombing."
    )
    attribution = _attribution(text)
    assert claim_candidates(text, attribution.sentences) == [2]
    assert not attribution.naming(0) and attribution.naming(2)
    assert attribution.claimed_later(0) == "claim"
    attack = Label("attack", "bombing", 1.0, "bomb")
    assert attribution.about_the_group(0, attack)
    draft = Draft(attack, [attribution.sentences[0]], None)
    attribution.attach_later_claims([draft])
    assert (draft.claimed_by, draft.actor) == (GROUP, GROUP)


def test_an_unclaimed_attack_is_not_the_groups_and_blame_is_no_claim() -> None:
    unclaimed = "A bomb tore through a market on Sunday, killing 12 people. No group has claimed the attack."
    attribution = _attribution(unclaimed)
    assert not attribution.about_the_group(0, Label("attack", "bombing", 1.0, "bomb"))
    blamed = "A bomb tore through a market on Sunday, killing 12 people. Officials blamed the attack on ISIS-K."
    assert _attribution(blamed).claimed_later(0) == "blame"


def test_an_arrest_is_the_groups_when_the_suspects_are_tied_to_it_further_on() -> None:
    arrest = Label("counter_operation", "arrest", 1.0, "arrested")
    text = (
        "Police arrested two men at a railway station on Sunday.\n\n"
        "Officers searched their flat the same night.\n\n"
        "A court ordered them held for two weeks.\n\n"
        "The two suspects allegedly planned an attack for ISIS-K."
    )
    attribution = _attribution(text)
    assert not any(attribution.naming(i) for i in range(3))
    assert attribution.suspects_tied_later(0)
    assert attribution.about_the_group(0, arrest)
    # the group named further on, but not as the suspects' (a general remark): the arrest is no one's
    general = text.replace("The two suspects allegedly planned an attack for ISIS-K.", "ISIS-K has grown in Europe.")
    assert not _attribution(general).about_the_group(0, arrest)


def test_an_attack_another_actor_claims_is_not_the_groups_though_the_group_is_named_before() -> None:
    """The opposite error: the group named in the paragraph before does not make another actor's attack its own."""
    bomb = Label("attack", "bombing", 1.0, "bomb")
    for claimant in ("The TTP claimed the attack.", "The Baloch Liberation Army claimed responsibility."):
        text = (
            "ISKP has grown in the border districts, officials say.\n\n"
            f"On Monday a bomb hit a police post in the town, killing four officers. {claimant}"
        )
        assert not _attribution(text).about_the_group(1, bomb), claimant
    own = (
        "ISKP has grown in the border districts, officials say.\n\n"
        "On Monday a bomb hit a police post in the town, killing four officers. ISKP claimed the attack."
    )
    assert _attribution(own).about_the_group(1, bomb)


def test_a_deed_two_one_sentence_paragraphs_after_the_group_is_named_is_about_it() -> None:
    # Written for the test: a web page makes each sentence a paragraph; the group's leader is named, then what he
    # did two sentences on. A presence word ("fighters", anyone's) there needs the group in its paragraph or the one
    # before; three sentences on, a deed does too.
    text = (
        "The leader of ISIS-K was killed in a raid in the east last week.\n\n"
        "He had taken over the post a year before.\n\n"
        "He is said to have ordered an attack on a hospital in the capital in March.\n\n"
        "Fighters were seen in the hills nearby.\n\n"
        "A bomb hit a bus in the south in May."
    )
    attribution = _attribution(text)
    assert attribution.naming(0) and not any(attribution.naming(i) for i in range(1, 5))
    assert attribution.about_the_group(2, Label("attack", "attack", 0.6, "attack"))
    assert not attribution.about_the_group(2, Label("presence", "fighters_reported", 0.5, "Fighters"))
    assert not attribution.about_the_group(4, Label("attack", "bombing", 0.8, "bomb"))


def test_another_bodys_men_or_holding_named_after_the_presence_word_is_no_presence() -> None:
    from isk_atlas.events.attribution import others_members

    for sentence, cue in (
        ("The bomb killed and wounded nine members of the border patrol near the town.", "members"),
        ("Rockets hit the district where the headquarters of the Afghan National Army stand.", "headquarters"),
    ):
        label = Label("presence", "fighters_reported", 0.5, cue, sentence.find(cue))
        assert others_members(sentence, label, [])
    own = "The province holds the main bases of the Islamic State in the east."
    assert not others_members(own, Label("presence", "base_or_stronghold", 0.5, "bases", own.find("bases")), [])


def test_the_groups_men_named_as_the_doers_of_a_deed_are_no_presence_report() -> None:
    from isk_atlas.events.attribution import men_doing_a_deed

    for sentence, cue in (
        ("Officials say fighters loyal to the group have beheaded four villagers in the valley.", "fighters"),
        ("The town was emptied by the militants who overran it in the spring.", "militants"),
        ("Police said the two members were involved in several kidnappings across the province.", "members"),
    ):
        assert men_doing_a_deed(sentence, Label("presence", "fighters_reported", 0.5, cue, sentence.find(cue)))
    active = "Members of the group are active in the district, where troops killed two of them."
    assert not men_doing_a_deed(active, Label("presence", "fighters_reported", 0.5, "Members", 0))


def test_an_attack_told_as_a_separate_one_is_not_the_groups_by_the_name_before_it() -> None:
    """The group named before as the claimant of the attack told first is not named for an attack a sentence opens
    as another one ("Separately, ...", "Earlier, a bomb ..."); its own naming or a later claim still counts."""
    bomb = Label("attack", "bombing", 1.0, "bomb")
    first = "A suicide bomber killed 20 people at a rally on Friday. ISIS-K claimed the attack.\n\n"
    for opening in ("Separately, a roadside bomb", "Earlier, a bomb", "In another attack, a bomb"):
        attribution = _attribution(first + f"{opening} killed two policemen near the border.")
        assert not attribution.about_the_group(2, bomb), opening
    assert _attribution(first + "A roadside bomb killed two policemen near the border.").about_the_group(2, bomb)
    own = _attribution(first + "Separately, an ISIS-K bomb killed two policemen near the border.")
    assert own.about_the_group(2, bomb)


def test_a_claim_reaches_back_over_one_sentence_paragraphs_but_not_from_a_sentence_saying_unclaimed() -> None:
    """Wire copy gives each sentence a paragraph: a claim five paragraphs after the attack still refers back to
    it; a sentence saying the attack is unclaimed and naming the group's claim of another one does not."""
    lines = [
        "At least one person was killed on Sunday in an attack on a shrine in the city.",
        "Two gunmen opened fire at the entrance.",
        "The attackers were foreign nationals, a news agency reported.",
        "One of the gunmen was caught, while the other fled.",
        "Earlier on Sunday, state media said four people were killed.",
        "State TV said ISIS claimed responsibility for the attack.",
    ]
    assert _attribution("\n\n".join(lines)).claimed_later(0) == "claim"
    lines[-1] = "No group has claimed the attack, though ISIS claimed responsibility for the attack on a governor."
    assert _attribution("\n\n".join(lines)).claimed_later(0) is None


def test_a_forces_own_presence_told_with_its_possessive_is_no_presence_of_the_group() -> None:
    from isk_atlas.events.attribution import others_members

    def label(sentence: str) -> Label:
        return Label("presence", "fighters_reported", 0.5, "presence", sentence.find("presence"))

    theirs = "Officials say the Pakistan Army has doubled its presence along the border with the district."
    own = "Officials say the group has doubled its presence along the border with the district."
    assert others_members(theirs, label(theirs), [])
    assert not others_members(own, label(own), [])


def test_the_wire_services_ways_of_saying_an_attack_is_unclaimed() -> None:
    from isk_atlas.events.cues import UNCLAIMED

    for said in (
        "There was no immediate claim of responsibility for the blast.",
        "The bombing was not immediately claimed.",
        "No claim has been made so far.",
        "The attack remains unclaimed.",
        "No one immediately claimed responsibility.",
    ):
        assert UNCLAIMED.pattern.search(said), said
    for said in ("The group claimed responsibility for the blast.", "Its claim of responsibility came a day later."):
        assert not UNCLAIMED.pattern.search(said), said
