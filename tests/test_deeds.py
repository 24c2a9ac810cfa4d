import datetime as dt
import re

import pytest

from isk_atlas.events.deeds import DEEDS, Deed, deeds_in, force_of_country, named_force, relabel
from isk_atlas.events.extract import Extractor


def _reading_of(sentence: str, deed: Deed) -> tuple[str | None, str | None, tuple[str, str] | None]:
    (reading,) = [r for r in deeds_in(sentence) if r.deed is deed]
    return reading.doer, reading.target, reading.label


@pytest.mark.parametrize("deed", DEEDS, ids=lambda d: d.name)
def test_every_deed_reads_its_examples(deed: Deed) -> None:
    if deed.example_by_group:
        assert _reading_of(deed.example_by_group, deed)[0] == "group"
        assert _reading_of(deed.example_by_group, deed)[2] == deed.by_group
    assert _reading_of(deed.example_on_group, deed)[:2] == ("others", "group")
    assert _reading_of(deed.example_on_group, deed)[2] == deed.on_group


@pytest.mark.parametrize(
    ("sentence", "doer", "target"),
    [
        # the leftmost noun phrase names the doer: "Taliban fighters" are not the group's fighters
        ("Taliban fighters raided a compound of the group at dawn.", "others", "group"),
        ("The group's gunmen on Friday stormed a hospital in the city.", "group", None),
        ("Militants loyal to Daesh have overrun several border posts.", "group", None),
        # the state's forces by the names news gives them: agencies, nationalities, corps
        ("NDS special forces raided a Daesh hideout in the city.", "others", "group"),
        ("The CTD killed three IS militants in the district.", "others", "group"),
        ("The Frontier Corps stormed a compound of the group.", "others", "group"),
        # a headline tells the deed in the present tense
        ("Border police kill four Daesh fighters near the river", "others", "group"),
        ("Taliban capture 14 ISKP members in the west", "others", "group"),
        ("ISKP attacks a shrine in the city", "group", None),
        # passive: the agent after "by" or "at the hands of" did it, the subject was done to
        ("Two ISKP hideouts were raided by the police overnight.", "others", "group"),
        ("Six Daesh fighters were killed at the hands of local militiamen.", "others", "group"),
        # a target the sentence does not name as the group's is none
        ("Three others were killed by Taliban forces.", "others", None),
        ("A shrine was attacked by IS-K gunmen.", "group", None),
        # no doer told: nothing to say
        ("The hospital was stormed on Tuesday.", None, None),
    ],
)
def test_who_did_the_deed(sentence: str, doer: str | None, target: str | None) -> None:
    reading = deeds_in(sentence)[-1]
    assert (reading.doer, reading.target) == (doer, target)


def test_others_deed_on_something_else_is_no_operation_against_the_group() -> None:
    (reading,) = deeds_in("The Taliban seized power in August 2021.")
    assert reading.doer == "others" and reading.label is None
    assert relabel("The Taliban seized power in August 2021.", "attack", "seized") is None


def test_relabel_reads_the_deed_at_the_cue() -> None:
    sentence = "IS fighters on November 2 raided a military hospital, killing at least 19 people."
    assert relabel(sentence, "counter_operation", "raided") == ("attack", "armed_assault")
    assert relabel(sentence, "attack", "raided") is None  # already the group's attack
    # a presence cue is no deed: the deed the group had done to it tells the happening
    sentence = "Five IS-K members were killed by Taliban forces in the district."
    assert relabel(sentence, "presence", "members") == ("counter_operation", "military_operation")
    # a headline's present tense: the same deed
    assert relabel("Taliban capture 14 ISKP members in the west", "presence", "members") == (
        "counter_operation",
        "arrest",
    )


def test_one_scan_finds_what_a_scan_per_deed_finds() -> None:
    sentences = [d.example_by_group for d in DEEDS] + [d.example_on_group for d in DEEDS]
    sentences.append("They stormed, seized and hit the post; two were shot dead, others arrested or overrun.")
    for sentence in sentences:
        per_deed = sorted(
            (m.start(), m.end(), deed.name)
            for deed in DEEDS
            for m in re.finditer(rf"\b(?:{deed.verbs})\b", sentence, re.I)
        )
        assert [(r.start, r.end, r.deed.name) for r in deeds_in(sentence)] == per_deed


def test_relabel_reads_only_the_verb_at_the_cue() -> None:
    sentence = "Taliban forces attacked the town, and IS fighters later raided a hospital there."
    assert [reading.label for reading in deeds_in(sentence)] == [None, ("attack", "armed_assault")]
    # the raid's cue: its verb decides; a cue the sentence lacks reads no verb
    assert relabel(sentence, "counter_operation", "raided") == ("attack", "armed_assault")
    assert relabel(sentence, "counter_operation", "stormed") is None
    assert relabel(sentence, "presence", "fighters") == ("attack", "armed_assault")


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()  # the project's gazetteer


def test_the_groups_raid_is_its_attack_and_a_raid_on_it_an_operation(extractor: Extractor) -> None:
    text = "Fighters of the Daesh group raided a village in Kunar province on Friday, burning dozens of houses."
    (event,) = extractor.extract(text, "raid", dt.date(2017, 1, 14), "day")
    assert (event.event_type, event.sub_type, event.admin1) == ("attack", "armed_assault", "AF-KNR")
    text = "Taliban forces raided an ISIS-K hideout in Kunar province on Friday, the spokesman said."
    (event,) = extractor.extract(text, "raid", dt.date(2017, 1, 14), "day")
    assert (event.event_type, event.sub_type) == ("counter_operation", "raid")


@pytest.mark.parametrize(
    ("sentence", "force"),
    [
        # the force as the sentence names it: a nationality, a country's possessive, an agency and its acronym
        ("Turkish security forces detained nine suspects in the city.", "Turkish security forces"),
        ("Russia's Federal Security Service (FSB) said it killed two gunmen of the group.",
         "Russia's Federal Security Service (FSB)"),
        ("Iran's ministry of intelligence said it had arrested ten members of the cell.",
         "Iran's ministry of intelligence"),
        ("The MIT detained a courier of the group near the border.", "MIT"),
        ("Kazakhstan's KNB arrested three men tied to ISIS-K.", "Kazakhstan's KNB"),
        ("Austrian prosecutors charged two men with membership of the group.", "Austrian prosecutors"),
        ("The CTD said the men were killed in an exchange of fire.", "CTD"),
        # a nationality before border guards or security services, as before forces
        ("Tajik border guards killed three fighters of the group near the river.", "Tajik border guards"),
        ("Russian security services detained two men tied to the group.", "Russian security services"),
        # words that name no country, without their article or a capital's sentence start
        ("The police detained four men in the capital.", "police"),
        # a level or branch of the state is no country ("Provincial police" are the country's police)
        ("Provincial police detained four men in the district.", "police"),
        # a force named as the target is no doer: the one after it is
        ("The men had carried out attacks on security forces before the CTD arrested them.", "CTD"),
        ("Two members of the cell were arrested.", None),
    ],
)  # fmt: skip
def test_the_force_a_sentence_names(sentence: str, force: str | None) -> None:
    assert named_force(sentence) == force


@pytest.mark.parametrize(
    ("force", "adjective", "actor"),
    [
        ("Turkish security forces", "Afghan", "Turkish security forces"),  # never another country's default
        ("Russia's Federal Security Service (FSB)", "Russian", "Russia's Federal Security Service (FSB)"),
        ("Islamic Emirate", "Afghan", "Taliban"),  # a known actor by its canonical name
        ("Taliban forces", "Afghan", "Taliban"),
        ("Afghan forces", "Afghan", "Afghan security forces"),
        ("Uzbek authorities", "Uzbek", "Uzbek forces"),  # only its authorities named: the country's forces
        ("police", "Turkish", "Turkish police"),  # no country named: the country of the operation
        ("authorities", "Iranian", "Iranian forces"),
        ("security forces", None, None),  # nor that known: none
        (None, "Afghan", None),
    ],
)
def test_the_actor_a_named_force_gives(force: str | None, adjective: str | None, actor: str | None) -> None:
    assert force_of_country(force, adjective) == actor


def test_a_counter_operation_abroad_is_done_by_the_force_named_not_another_countrys(extractor: Extractor) -> None:
    text = "ANKARA - Turkish security forces detained 14 people linked to ISIS-K in raids across Istanbul on Monday."
    (event,) = extractor.extract(text, "turkey", dt.date(2024, 5, 8), "day")
    assert (event.event_type, event.country, event.actor) == ("counter_operation", "TUR", "Turkish security forces")
    text = "Police detained 14 people linked to ISIS-K in raids across Istanbul on Monday, officials said."
    (event,) = extractor.extract(text, "turkey", dt.date(2024, 5, 8), "day")
    assert (event.country, event.actor) == ("TUR", "Turkish police")


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        # the group as the object of an active deed whose doer is not named as the group: others' deed on it
        ("A months-long campaign that targeted ISKP hideouts in the valley ended in May.",
         ("counter_operation", "military_operation")),
        ("An unmanned aircraft struck Daesh positions near the river.", ("counter_operation", "military_operation")),
        # the passive without an agent says nothing: the attackers dying in their own attack as often as not
        ("Two of the attackers were shot dead at the gate.", None),
        # a doer named as the group is the group's deed
        ("The militants attacked a checkpoint near the river.", ("attack", "attack")),
    ],
)  # fmt: skip
def test_a_deed_on_the_group_by_an_unnamed_doer(sentence: str, label: tuple[str, str] | None) -> None:
    assert deeds_in(sentence)[0].label == label
