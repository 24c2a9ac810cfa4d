from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from extract_fixtures import small_gazetteer, small_index

from isk_atlas.events.extract import Extractor
from isk_atlas.schema import Event
from isk_atlas.sources import load_sources


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(index=small_index())


@pytest.fixture(scope="module")
def shared_events(shared_sources: Path, extractor: Extractor) -> dict[str, list[Event]]:
    loaded = load_sources(shared_sources)
    return {
        s.source_id: extractor.extract(s.text, s.source_id, s.meta.published, s.meta.published_precision)
        for s in loaded.sources
    }


def keys(events: list[Event]) -> set[tuple[str, str | None, dt.date | None]]:
    return {(e.event_type, e.admin1 or e.place_id, e.date_start) for e in events}


def test_attacks_of_the_hasht_e_subh_article(shared_events: dict[str, list[Event]]) -> None:
    found = keys(shared_events["002_02b0efcd8147c7fa"])
    # Facts from the article, in our words: the mosque bombing in Kunduz in October 2021, the one in Kandahar a
    # week later, the ministry bombing in Kabul in January 2023, the Balkh governor killed in March 2023.
    for expected in [
        ("attack", "AF-KDZ", dt.date(2021, 10, 8)),
        ("attack", "AF-KAN", dt.date(2021, 10, 15)),
        ("attack", "AF-KAB", dt.date(2023, 1, 11)),
        ("attack", "AF-BAL", dt.date(2023, 3, 9)),
        ("attack", "AF-BDS", dt.date(2022, 12, 26)),
        ("cross_border_launch", "AF-TAK", dt.date(2022, 6, 8)),
        ("cross_border_launch", "AF-BAL", dt.date(2022, 4, 18)),
    ]:
        assert expected in found


def test_casualty_ranges_and_claims(shared_events: dict[str, list[Event]]) -> None:
    events = shared_events["002_02b0efcd8147c7fa"]
    kunduz = next(e for e in events if e.admin1 == "AF-KDZ" and e.date_start == dt.date(2021, 10, 8))
    assert (kunduz.killed_low, kunduz.killed_high, kunduz.injured_low) == (50, 100, 143)
    assert kunduz.claimed_by == "ISIS-K"
    guest_house = next(e for e in events if e.admin1 == "AF-KAB" and e.date_start == dt.date(2022, 12, 12))
    assert (guest_house.killed_low, guest_house.killed_high) == (3, 30)
    assert len(guest_house.figures) == 2
    ministry = next(e for e in events if e.date_start == dt.date(2023, 1, 11))
    assert (ministry.killed_low, ministry.injured_low) == (21, 40)
    assert ministry.sub_type == "suicide_bombing"


def test_launches_have_origin_and_target(shared_events: dict[str, list[Event]]) -> None:
    launches = [e for e in shared_events["002_02b0efcd8147c7fa"] if e.event_type == "cross_border_launch"]
    hairatan = next(e for e in launches if e.date_start == dt.date(2022, 4, 18))
    assert hairatan.country == "AFG" and hairatan.target_country == "UZB"
    assert hairatan.rockets == 10
    takhar = next(e for e in launches if e.admin1 == "AF-TAK")
    assert takhar.target_country == "TJK"
    july = next(e for e in launches if e.date_start == dt.date(2022, 7, 5))
    assert july.target_admin1 == "UZ-SU"


def test_airport_attack_and_counter_operation(shared_events: dict[str, list[Event]]) -> None:
    (airport,) = [e for e in shared_events["004_73b9f152af401fa2"] if e.event_type == "attack"]
    assert (airport.admin1, airport.date_start, airport.killed_low) == ("AF-KAB", dt.date(2021, 8, 26), 183)
    jawzjan = [e for e in shared_events["003_eb874b3569e05b4f"] if e.event_type == "counter_operation"]
    assert {(e.sub_type, e.admin1, e.date_start) for e in jawzjan} >= {
        ("military_operation", "AF-JOW", dt.date(2018, 8, 1)),
        ("surrender", "AF-JOW", dt.date(2018, 8, 2)),
    }
    assert not any(e.admin1 == "AF-KAB" for e in jawzjan)  # "the Kabul government" is not a place of events


def test_evidence_spans_and_stable_ids(shared_sources: Path, shared_events: dict[str, list[Event]]) -> None:
    loaded = load_sources(shared_sources).by_id()
    for source_id, events in shared_events.items():
        ids = [e.event_id for e in events]
        assert len(ids) == len(set(ids))
        for event in events:
            assert event.status == "extracted"
            ref = event.sources[0]
            assert ref.source_id == source_id and ref.start is not None and ref.end is not None
            evidence = loaded[source_id].text[ref.start : ref.end]
            assert event.place_text in evidence or event.event_type == "cross_border_launch" or "later" in evidence
    again = Extractor(index=small_index())
    source = loaded["002_02b0efcd8147c7fa"]
    rerun = again.extract(source.text, source.source_id, source.meta.published, source.meta.published_precision)
    assert [e.event_id for e in rerun] == [e.event_id for e in shared_events["002_02b0efcd8147c7fa"]]


def test_not_events(extractor: Extractor) -> None:
    text = (
        "Officials in Kabul warned that ISIS could launch attacks in Europe within six months. "
        "The Taliban has increased its attacks against the government in Herat. "
        "The weather in Balkh was mild."
    )
    assert extractor.extract(text, "t1", dt.date(2023, 3, 1), "month") == []


def test_a_happening_told_in_a_clause_of_its_own_is_an_event_of_its_own(extractor: Extractor) -> None:
    # Two happenings in one sentence, each clause with its own place: the group's presence and an operation.
    text = "ISIS-K keeps a firm presence in Kunar, where troops raided two of its camps in Nangarhar last week."
    found = {(e.event_type, e.admin1) for e in extractor.extract(text, "two", dt.date(2023, 5, 10), "day")}
    assert found == {("counter_operation", "AF-NAN"), ("presence", "AF-KNR")}
    # The second clause names no place of its own: it describes where the one happening was, no event of its own.
    text = "ISIS-K fighters attacked a checkpoint in Kunar on Monday, where the group has a firm presence."
    found = {(e.event_type, e.admin1) for e in extractor.extract(text, "one", dt.date(2023, 5, 10), "day")}
    assert found == {("attack", "AF-KNR")}
    # At the same province, a clause with a date of its own tells a happening of its own, dated by it.
    text = (
        "Police arrested two members of ISIS-K in Kunar on Monday; its fighters had attacked a checkpoint in Kunar on "
        "May 2."
    )
    found = {(e.event_type, e.date_start) for e in extractor.extract(text, "dated", dt.date(2023, 5, 10), "day")}
    assert found == {("counter_operation", dt.date(2023, 5, 8)), ("attack", dt.date(2023, 5, 2))}
    # Without one, it is the sentence's own event's background: no event of its own.
    text = "Police arrested two members of ISIS-K in Kunar on Monday; its fighters had attacked a checkpoint in Kunar."
    found = {(e.event_type, e.admin1) for e in extractor.extract(text, "undated", dt.date(2023, 5, 10), "day")}
    assert found == {("counter_operation", "AF-KNR")}


def test_paraphrased_report(extractor: Extractor) -> None:
    text = (
        "On Tuesday, May 2, a suicide bomber attacked a mosque in Jalalabad, killing nine people and wounding 14, "
        "officials said. ISIS-K claimed responsibility for the attack the next day.\n\n"
        "Separately, rockets fired from Afghanistan landed in Termez on May 5, according to Uzbek officials."
    )
    events = extractor.extract(text, "para", dt.date(2023, 5, 10), "day")
    attack = next(e for e in events if e.event_type == "attack")
    assert (attack.admin1, attack.date_start, attack.sub_type) == ("AF-NAN", dt.date(2023, 5, 2), "suicide_bombing")
    assert (attack.killed_low, attack.injured_low, attack.claimed_by) == (9, 14, "ISIS-K")
    assert attack.target == "a mosque"
    launch = next(e for e in events if e.event_type == "cross_border_launch")
    assert (launch.country, launch.target_country, launch.target_place_id) == ("AFG", "UZB", "gn:termez")
    assert launch.date_start == dt.date(2023, 5, 5)


def test_cli_extract(shared_sources: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    import isk_atlas.places.districts as districts
    from isk_atlas.cli import app

    monkeypatch.setattr(districts, "places_gazetteer", small_gazetteer)  # the command's place model reads it
    runner = CliRunner()
    result = runner.invoke(app, ["extract", str(shared_sources / "004_73b9f152af401fa2.txt"), "--published", "2021-09"])
    assert result.exit_code == 0, result.output
    events = [Event.model_validate(json.loads(line)) for line in result.stdout.splitlines()]
    assert any(e.event_type == "attack" and e.admin1 == "AF-KAB" for e in events)
    bad = runner.invoke(app, ["extract", str(shared_sources / "nothing.txt")])
    assert bad.exit_code == 1
    usage = runner.invoke(app, ["extract", str(shared_sources / "004_73b9f152af401fa2.txt"), "--published", "soon"])
    assert usage.exit_code == 2


def test_cache_processes_only_new_articles(shared_sources: Path, tmp_path: Path) -> None:
    import shutil

    from isk_atlas.events.cache import ExtractionCache

    folder = tmp_path / "sources"
    folder.mkdir()
    for name in ("002_02b0efcd8147c7fa.txt", "004_73b9f152af401fa2.txt", "sources.csv"):
        shutil.copy(shared_sources / name, folder / name)
    # sources.csv lists five files; keep only the rows of the two copied (the others would be reported missing).
    rows = (folder / "sources.csv").read_text(encoding="utf-8").splitlines()
    (folder / "sources.csv").write_text(
        "\n".join([rows[0], *(r for r in rows[1:] if r.startswith(("002_", "004_")))]) + "\n", encoding="utf-8"
    )

    calls: list[str] = []

    class Counting(Extractor):
        def extract_source(self, source):  # type: ignore[no-untyped-def]
            calls.append(source.source_id)
            return super().extract_source(source)

    extractor = Counting(index=small_index())
    cache = ExtractionCache(tmp_path / "cache")
    first = extractor.run(load_sources(folder).sources, cache)
    assert sorted(calls) == ["002_02b0efcd8147c7fa", "004_73b9f152af401fa2"]
    shutil.copy(shared_sources / "003_eb874b3569e05b4f.txt", folder / "003_eb874b3569e05b4f.txt")
    calls.clear()
    fresh_cache = ExtractionCache(tmp_path / "cache")  # a new process: read from disk
    second = extractor.run(load_sources(folder).sources, fresh_cache)
    assert calls == ["003_eb874b3569e05b4f"]
    assert fresh_cache.hits == 2
    assert [e.event_id for e in second["002_02b0efcd8147c7fa"]] == [e.event_id for e in first["002_02b0efcd8147c7fa"]]
    # A changed article or a corrupt cache file means extracting again.
    (tmp_path / "cache" / "004_73b9f152af401fa2.json").write_text("{not json", encoding="utf-8")
    calls.clear()
    extractor.run(load_sources(folder).sources, ExtractionCache(tmp_path / "cache"))
    assert calls == ["004_73b9f152af401fa2"]


def test_paraphrased_presence_and_raid(extractor: Extractor) -> None:
    text = (
        "Security sources say about 300 ISIS-K fighters have gathered in the mountains of Kunar.\n\n"
        "On Friday, March 3, Taliban forces raided a hideout of the group in Jalalabad and arrested four men, "
        "a spokesman said. Officials in Europe met to discuss trade the same week."
    )
    events = extractor.extract(text, "unseen", dt.date(2023, 3, 10), "day")
    found = {(e.event_type, e.admin1, e.sub_type) for e in events}
    assert ("presence", "AF-KNR", "fighters_reported") in found
    assert ("counter_operation", "AF-NAN", "raid") in found
    raid = next(e for e in events if e.event_type == "counter_operation")
    assert raid.date_start == dt.date(2023, 3, 3) and raid.actor == "Taliban"
    presence = next(e for e in events if e.event_type == "presence")
    # told without a date of its own, it holds as of the day of publication (not the month up to it)
    assert (presence.date_start, presence.date_end, presence.date_precision) == (
        dt.date(2023, 3, 10),
        dt.date(2023, 3, 10),
        "day",
    )
    assert "publication" in presence.notes
    assert len(events) == 2


def test_html_article_with_the_claim_in_the_next_paragraph(extractor: Extractor, tmp_path: Path) -> None:
    from isk_atlas.sources import load_source

    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Market blast</title><script>var tracker = 1;</script></head><body>"
        "<nav>Home | World | Contact</nav><article><h1>Market blast</h1>"
        "<p>On Monday, May 8, a bomber struck a crowded market in Jalalabad, killing 12 people and wounding 30, "
        "local officials said.</p><p>ISIS-K claimed the attack in a statement later that night.</p></article>"
        "<footer>All rights reserved</footer></body></html>",
        encoding="utf-8",
    )
    source = load_source(page)
    (event,) = extractor.extract(source.text, source.source_id, dt.date(2023, 5, 10), "day")
    assert (event.event_type, event.admin1, event.date_start) == ("attack", "AF-NAN", dt.date(2023, 5, 8))
    assert event.claimed_by == "ISIS-K"
    assert (event.killed_low, event.injured_low) == (12, 30)
    assert "claimed" in source.text[event.sources[0].start : event.sources[0].end]


def test_dateline_weekday_and_claimed_strike(extractor: Extractor) -> None:
    text = (
        "TERMEZ — Two rockets fired from Afghanistan's Balkh province hit an empty field near Termez on Saturday, "
        "border officials said. The Islamic State later claimed the strike."
    )
    (event,) = extractor.extract(text, "dl", dt.date(2022, 5, 10), "day")  # a Tuesday
    assert event.event_type == "cross_border_launch" and event.admin1 == "AF-BAL"
    assert event.date_start == dt.date(2022, 5, 7)  # the Saturday before publication
    assert event.claimed_by == "ISIS-K" and event.rockets == 2
    assert event.target_country == "UZB"


def test_attacks_across_the_border_and_speakers(extractor: Extractor) -> None:
    text = (
        "A suicide bomber hit a rally in Khyber Pakhtunkhwa on Sunday, killing 20 people; the Islamic State "
        "claimed the bombing. Kabul noted that the group was weakened."
    )
    events = extractor.extract(text, "pk", dt.date(2023, 8, 1), "day")
    assert [(e.event_type, e.admin1, e.country) for e in events] == [("attack", "PK-KP", "PAK")]


@pytest.fixture(scope="module")
def landmark_extractor() -> Extractor:
    from extract_fixtures import COLUMNS, small_gazetteer

    from isk_atlas.mentions import ToponymIndex

    extra = [
        ("cur:kabul-airport", "Kabul airport", "landmark", "AF-KAB", None, "AFG", 34.56, 69.21, 0, "", False),
        ("cur:serena", "Serena Hotel", "landmark", "AF-KAB", None, "AFG", 34.52, 69.18, 0, "", False),
    ]  # fmt: skip
    import pandas as pd

    gazetteer = pd.concat([small_gazetteer(), pd.DataFrame(extra, columns=COLUMNS)], ignore_index=True)
    return Extractor(index=ToponymIndex.from_gazetteer(gazetteer))


def test_a_list_of_attacks_gives_one_event_per_target(landmark_extractor: Extractor) -> None:
    text = (
        "Since then ISIS-K has been blamed for a string of attacks: on crowds at the Kabul airport, on "
        "worshippers in Herat, Kabul and Jalalabad, and on guests of the Serena Hotel.\n\n"
        "On Monday, May 8, a bomb hit a wedding hall in Kabul, a spokesman said. Two days earlier, gunmen of the "
        "group had attacked a checkpoint in Kabul."
    )
    events = landmark_extractor.extract(text, "unseen", dt.date(2023, 5, 10), "day")
    kabul = [e for e in events if e.event_type == "attack" and e.admin1 == "AF-KAB"]
    assert {e.place_id for e in kabul if e.date_start is None} == {"cur:kabul-airport", "gn:kabul", "cur:serena"}
    # The next paragraph's attack is its own event, not more about one of the listed targets.
    wedding = [e for e in kabul if e.date_start == dt.date(2023, 5, 8)]
    assert len(wedding) == 1 and wedding[0].sources[0].start > text.index("\n\n")
    assert {"AF-HER", "AF-NAN"} <= {e.admin1 for e in events if e.event_type == "attack"}


def test_a_landmark_and_its_town_are_one_target(landmark_extractor: Extractor) -> None:
    text = "ISIS-K gunmen stormed the Serena Hotel in Kabul, the airport of Kandahar and a market in Kunduz."
    events = landmark_extractor.extract(text, "unseen", dt.date(2023, 5, 10), "day")
    assert sorted((e.admin1, e.place_id) for e in events) == [
        ("AF-KAB", "cur:serena"), ("AF-KAN", "gn:kandahar"), ("AF-KDZ", "gn:kunduz")
    ]  # fmt: skip


def test_each_district_of_a_presence_list_is_its_own_event(extractor: Extractor) -> None:
    text = (
        "The group's fighters are active across the north of Afghanistan, officials say.\n\n"
        "Badakhshan has turned into a hub for foreign militants. A local official said some of these militants "
        "are based in Jurm and Warduj. Others are in Raghistan."
    )
    events = extractor.extract(text, "unseen", dt.date(2022, 6, 1), "month")
    places = {e.place_id for e in events if e.event_type == "presence"}
    assert {"AF-BDS.jurm", "AF-BDS.warduj", "AF-BDS.raghistan"} <= places
    assert len([e for e in events if e.place_id == "AF-BDS.raghistan"]) == 1


def test_a_presence_report_without_a_place_holds_for_the_articles_country(extractor: Extractor) -> None:
    about_afghanistan = (
        "Afghanistan after the takeover\n\n"
        "Afghanistan's new rulers face a rival. Aid to Afghanistan has fallen and jobs are scarce.\n\n"
        "Analysts say ISIS-K has recruited about 500 young men who lost their jobs when the old army was dissolved."
    )  # (a figure: a bare statement that the group recruits in the country is no event)
    events = extractor.extract(about_afghanistan, "unseen", dt.date(2022, 6, 1), "month")
    assert [(e.event_type, e.sub_type, e.country) for e in events] == [("presence", "recruitment", "AFG")]
    # The evidence reaches back to where the country is named.
    evidence = about_afghanistan[events[0].sources[0].start : events[0].sources[0].end]
    assert evidence.startswith("Aid to Afghanistan") and evidence.endswith("dissolved.")
    # An article about another country gives no such default; nor does a placeless attack.
    about_tajikistan = about_afghanistan.replace("Afghanistan", "Tajikistan").replace(
        "recruiting young men", "recruiting young men and bombed a bus"
    )
    assert extractor.extract(about_tajikistan, "unseen", dt.date(2022, 6, 1), "month") == []


# ---------------------------------------------------------------------------------------------- newswire rules
# Short texts of our own in the shape of wire reports: a lead that tells the attack without naming the group, the
# claim paragraphs later, datelines, references back to earlier attacks.


def test_a_later_claim_covers_the_attack_the_lead_tells(extractor: Extractor) -> None:
    text = (
        "KANDAHAR - A bomb tore through a crowded market in Kandahar on Sunday, killing 12 people and wounding 30, "
        "officials said.\n\nShop windows were shattered across the bazaar.\n\nWitnesses spoke of panic in the "
        "streets.\n\nThe Islamic State claimed responsibility for the blast in a statement."
    )
    (event,) = extractor.extract(text, "wire", dt.date(2023, 5, 9), "day")  # a Tuesday
    assert (event.event_type, event.admin1, event.date_start) == ("attack", "AF-KAN", dt.date(2023, 5, 7))
    assert (event.killed_low, event.injured_low, event.claimed_by, event.actor) == (12, 30, "ISIS-K", "ISIS-K")
    # A claim of a new attack ("for a bombing in Kabul") says nothing about the market bombing.
    other = text.replace("for the blast in a statement", "for a bombing in Kabul on Monday")
    events = extractor.extract(other, "wire", dt.date(2023, 5, 9), "day")
    assert {e.admin1 for e in events} == {"AF-KAB"}


def test_the_dateline_date_is_the_filing_day(extractor: Extractor) -> None:
    # Published on Wednesday 7 June 2023; the dateline says Sunday 4 June: "on Monday" is 29 May, before it.
    text = "KABUL, June 4 - Gunmen attacked a checkpoint in Jalalabad on Monday, and the Islamic State claimed it."
    (event,) = extractor.extract(text, "dl", dt.date(2023, 6, 7), "day")
    assert event.date_start == dt.date(2023, 5, 29)
    # With no other date in the text, the event is dated by the dateline.
    text = "KABUL, June 4 - A bomb hit a mosque in Kandahar, killing five; the Islamic State claimed the attack."
    (event,) = extractor.extract(text, "dl", dt.date(2023, 6, 7), "day")
    assert event.date_start == dt.date(2023, 6, 4)
    # A coarser date in the text (a year of the group's past) does not displace it.
    text = "KABUL, June 4 - The Islamic State, which emerged in 2015, bombed a mosque in Kandahar, killing five."
    (event,) = extractor.extract(text, "dl", dt.date(2023, 6, 7), "day")
    assert event.date_start == dt.date(2023, 6, 4)


def test_a_clause_about_an_earlier_attack_is_its_own_back_dated_event(extractor: Extractor) -> None:
    text = (
        "ISIS-K claimed an attack on a school in Kandahar on Friday, two days after its gunmen shot dead three "
        "guards at a checkpoint in Jalalabad."
    )
    events = extractor.extract(text, "back", dt.date(2023, 6, 10), "day")  # a Saturday
    by_province = {e.admin1: e for e in events}
    assert set(by_province) == {"AF-KAN", "AF-NAN"}
    assert by_province["AF-KAN"].date_start == dt.date(2023, 6, 9)
    assert by_province["AF-KAN"].killed_low is None  # the three guards died in Jalalabad
    jalalabad = by_province["AF-NAN"]
    assert (jalalabad.date_start, jalalabad.killed_low, jalalabad.claimed_by) == (dt.date(2023, 6, 7), 3, None)
    # "days after": a window before the date the sentence counts from (the raid's Sunday).
    text = (
        "Taliban forces raided ISIS-K hideouts in Kunduz on Sunday. The raid came days after gunmen of the group "
        "shot dead two policemen in Kandahar."
    )
    events = extractor.extract(text, "back", dt.date(2023, 6, 13), "day")
    (kandahar,) = [e for e in events if e.admin1 == "AF-KAN"]
    assert kandahar.event_type == "attack" and kandahar.date_start is not None and kandahar.date_end is not None
    assert kandahar.date_start < kandahar.date_end < dt.date(2023, 6, 11)
    # "a week after the attack in Kunduz" refers to an attack told before: no new event, no place for this one.
    text = "ISIS-K attacked a mosque in Kandahar on Friday, a week after the attack in Kunduz."
    events = extractor.extract(text, "back", dt.date(2023, 6, 10), "day")
    assert [(e.admin1, e.date_start) for e in events] == [("AF-KAN", dt.date(2023, 6, 9))]


def test_an_aside_about_a_persons_past_holds_no_event_place(extractor: Extractor) -> None:
    text = (
        "As governor of Nangarhar he led an offensive against ISIS-K in Jalalabad, before being sent to Herat "
        "last year."
    )
    events = extractor.extract(text, "aside", dt.date(2023, 3, 9), "day")
    assert [(e.event_type, e.admin1, e.date_start) for e in events] == [("counter_operation", "AF-NAN", None)]


def test_a_headline_and_two_attacks_in_one_town(extractor: Extractor) -> None:
    text = (
        "Blasts hit Kandahar twice in a week\n\n"
        "KANDAHAR - A bomb killed four people at a mosque in Kandahar on Tuesday.\n\n"
        "On Thursday, an explosion struck a market in Kandahar, killing two.\n\n"
        "The Islamic State claimed both attacks."
    )
    events = extractor.extract(text, "two", dt.date(2023, 6, 9), "day")  # a Friday
    assert sorted((e.admin1, e.date_start, e.killed_low, e.claimed_by) for e in events) == [
        ("AF-KAN", dt.date(2023, 6, 6), 4, "ISIS-K"),
        ("AF-KAN", dt.date(2023, 6, 8), 2, "ISIS-K"),
    ]


def test_a_country_level_launch_joins_the_precise_one(extractor: Extractor) -> None:
    text = (
        "Rockets from Afghanistan hit Termez\n\n"
        "TERMEZ - ISIS-K said on Monday that its fighters had fired five rockets at Termez from Hairatan."
    )
    (launch,) = extractor.extract(text, "launch", dt.date(2023, 6, 7), "day")
    assert (launch.event_type, launch.place_id, launch.target_country, launch.rockets) == (
        "cross_border_launch", "gn:hairatan", "UZB", 5
    )  # fmt: skip


def test_a_launch_target_read_exactly_beats_a_fuzzy_look_alike() -> None:
    import pandas as pd
    from extract_fixtures import COLUMNS, small_gazetteer

    from isk_atlas.mentions import ToponymIndex

    extra = [("gn:sovet", "Sovet", "town", "TJ-KT", None, "TJK", 37.8, 69.5, 20_000, "", False)]
    gazetteer = pd.concat([small_gazetteer(), pd.DataFrame(extra, columns=COLUMNS)], ignore_index=True)
    extractor = Extractor(index=ToponymIndex.from_gazetteer(gazetteer))
    text = (
        "ISIS-K said it fired rockets from Takhar into Tajikistan on Saturday, its first attack on the former "
        "Soviet republic."
    )
    (launch,) = extractor.extract(text, "fuzzy", dt.date(2023, 6, 12), "day")
    assert (launch.admin1, launch.target_place_id, launch.target_country) == ("AF-TAK", "TJK", "TJK")


def test_a_fighter_count_for_the_country_and_its_strongholds(extractor: Extractor) -> None:
    text = "A UN report says ISIS-K keeps 3,000 fighters in Afghanistan, with a strong presence in Kunar and Nangarhar."
    events = extractor.extract(text, "count", dt.date(2023, 2, 12), "day")
    assert {(e.event_type, e.admin1 or e.place_id) for e in events} == {
        ("presence", "AFG"), ("presence", "AF-KNR"), ("presence", "AF-NAN")
    }  # fmt: skip


def test_a_date_after_since_is_not_the_events(extractor: Extractor) -> None:
    text = (
        "It was the worst attack since the Taliban took power in August. ISIS-K has carried out a series of "
        "bombings in Nangarhar in recent weeks."
    )
    (event,) = extractor.extract(text, "since", dt.date(2021, 10, 8), "day")
    assert event.admin1 == "AF-NAN"
    assert (event.date_start, event.date_end) == (dt.date(2021, 9, 8), dt.date(2021, 10, 8))


def test_a_later_death_toll_and_named_victims_add_to_the_event(extractor: Extractor) -> None:
    text = (
        "A suicide bomber struck a mosque in Kunduz on Friday, killing at least 20 people, ISIS-K said.\n\n"
        "Doctors in Kunduz said the death toll had risen to 35."
    )
    (event,) = extractor.extract(text, "toll", dt.date(2021, 10, 8), "day")
    assert (event.killed_low, event.killed_high) == (20, 35)
    text = (
        "The police chief of Kunduz was killed on Friday when a bomb hit his car; ISIS-K claimed the attack. "
        "Two other people died in the blast."
    )
    (event,) = extractor.extract(text, "named", dt.date(2021, 10, 8), "day")
    assert (event.killed_low, event.killed_high) == (3, 3)


def test_blame_put_on_the_group_later_codes_the_attack_without_a_claim(extractor: Extractor) -> None:
    text = (
        "KUNDUZ - Gunmen opened fire on a bus in Kunduz on Monday, killing six passengers, police said.\n\n"
        "Relatives gathered outside the hospital.\n\nNo group has claimed it so far.\n\n"
        "Taliban officials blamed the attack on ISIS-K."
    )
    (event,) = extractor.extract(text, "blame", dt.date(2023, 6, 7), "day")
    assert (event.admin1, event.date_start, event.killed_low) == ("AF-KDZ", dt.date(2023, 6, 5), 6)
    assert (event.actor, event.claimed_by) == ("ISIS-K", None)
    assert "attributed to ISIS-K" in event.notes


def test_admin2_names_the_district_as_the_register_does() -> None:
    # The gazetteer's records carry a district id (AF-BDS.jurm); the event record, like the register, names it.
    text = (
        "ISIS-K fighters attacked a checkpoint in Jurm district of Badakhshan province on March 20, 2023, "
        "killing four guards, officials said."
    )
    (event,) = [e for e in Extractor().extract(text, "t", dt.date(2023, 3, 21)) if e.event_type == "attack"]
    assert event.admin1 == "AF-BDS"
    assert event.admin2 == "Jurm"


def test_cached_events_are_copies_the_caller_may_change(tmp_path: Path) -> None:
    import typing

    from isk_atlas.events.cache import EVENT_LIST_FIELDS, ExtractionCache
    from isk_atlas.schema import Figure, SourceMeta
    from isk_atlas.sources import Source

    # Every list an Event holds is copied on the way out of the cache (the rest of an Event is immutable).
    lists = {name for name, info in Event.model_fields.items() if typing.get_origin(info.annotation) is list}
    assert lists == set(EVENT_LIST_FIELDS)

    event = Event.model_validate(
        {"event_id": "e", "event_type": "attack", "place_text": "Kabul", "sources": [{"source_id": "s"}]}
    )
    meta = SourceMeta(source_id="s", file="s.txt", sha256="0" * 64)
    source = Source(meta=meta, text="x", path=tmp_path / "s.txt")
    cache = ExtractionCache(tmp_path / "cache")
    cache.put(source, "v1", [event])
    first = cache.get(source, "v1")
    assert first is not None
    first[0].sources.append(first[0].sources[0])
    first[0].figures.append(Figure(by="someone", killed=1))
    again = cache.get(source, "v1")
    assert again is not None and len(again[0].sources) == 1 and again[0].figures == []


def test_the_cache_hands_out_its_own_events_only_when_asked_to(tmp_path: Path) -> None:
    from isk_atlas.events.cache import ExtractionCache, copy_event, extract_all
    from isk_atlas.schema import SourceMeta
    from isk_atlas.sources import Source

    event = Event.model_validate(
        {"event_id": "e", "event_type": "attack", "place_text": "Kabul", "sources": [{"source_id": "s"}]}
    )
    source = Source(meta=SourceMeta(source_id="s", file="s.txt", sha256="0" * 64), text="x", path=tmp_path / "s.txt")
    cache = ExtractionCache(tmp_path / "cache")
    cache.put(source, "v1", [event])
    shared = cache.get(source, "v1", copies=False)
    assert shared is not None and shared[0] is cache.get(source, "v1", copies=False)[0]  # type: ignore[index]
    copied = cache.get(source, "v1")
    assert copied is not None and copied[0] is not shared[0] and copied[0] == shared[0]
    from_disk = extract_all([source], lambda _: [], "v1", ExtractionCache(tmp_path / "cache"), copies=False)
    assert from_disk["s"][0] == event

    # copy_event: equal, with lists of its own.
    twin = copy_event(event)
    assert twin == event and twin.sources is not event.sources
    twin.sources.append(twin.sources[0])
    assert twin != event and len(event.sources) == 1


def test_the_code_signature_follows_the_reference_geography_and_the_installed_distributions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    import isk_atlas.paths
    from isk_atlas.events import cache

    geo = tmp_path / "geo"
    geo.mkdir()
    (geo / "places.csv").write_text("id,name\n1,Kabul\n", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.setattr(isk_atlas.paths, "geo_dir", lambda: geo)
    monkeypatch.setattr(sys, "path", [*sys.path, str(site)])
    first = cache.code_signature()
    assert cache.code_signature() == first
    (geo / "places.csv").write_text("id,name\n1,Kabol\n", encoding="utf-8")  # same size, other bytes
    changed = cache.code_signature()
    assert changed != first
    (site / "somelib-1.0.dist-info").mkdir()  # a distribution installed
    assert cache.code_signature() not in (first, changed)


def test_a_cache_file_is_read_back_as_written_and_any_other_file_is_a_miss(tmp_path: Path) -> None:
    import datetime as dt

    from isk_atlas.events.cache import ExtractionCache
    from isk_atlas.schema import SourceMeta
    from isk_atlas.sources import Source

    events = [
        Event.model_validate(
            {"event_id": "e1", "event_type": "attack", "place_text": "Kabul", "admin1": "AF-KAB", "lat": 34.5,
             "lon": 69.2, "date_start": dt.date(2022, 5, 1), "date_precision": "day", "killed_low": 2,
             "figures": [{"by": "police", "killed": 2}], "sources": [{"source_id": "s", "start": 3, "end": 9}]}
        ),
        Event.model_validate(
            {"event_id": "e2", "event_type": "presence", "place_text": "X", "sources": [{"source_id": "s"}]}
        ),
    ]  # fmt: skip
    source = Source(meta=SourceMeta(source_id="s", file="s.txt", sha256="0" * 64), text="x", path=tmp_path / "s.txt")
    ExtractionCache(tmp_path).put(source, "v1", events)
    read = ExtractionCache(tmp_path).get(source, "v1")
    assert read is not None and [e.model_dump() for e in read] == [e.model_dump() for e in events]
    assert ExtractionCache(tmp_path).get(source, "v2") is None  # another extractor version

    path = tmp_path / "s.json"
    written = json.loads(path.read_text(encoding="utf-8"))
    for broken in (
        written | {"format": 99},
        written | {"events": [{"event_id": "e1"}]},  # not an event any more
        {key: value for key, value in written.items() if key != "key"},
        [written],
    ):
        path.write_text(json.dumps(broken), encoding="utf-8")
        cache = ExtractionCache(tmp_path)
        assert cache.get(source, "v1") is None and cache.misses == 1


def test_copy_event_gives_what_pydantic_model_copy_gives() -> None:
    import pydantic

    from isk_atlas.events.cache import EVENT_LIST_FIELDS, copy_event

    event = Event.model_validate(
        {"event_id": "e", "event_type": "attack", "place_text": "Kabul", "killed_low": 2, "killed_high": 5,
         "figures": [{"by": "police", "killed": 2}], "sources": [{"source_id": "s", "start": 1, "end": 4}]}
    )  # fmt: skip
    reference = event.model_copy(update={name: list(getattr(event, name)) for name in EVENT_LIST_FIELDS})
    twin = copy_event(event)
    assert type(twin) is Event and twin == reference == event
    assert twin.model_dump_json() == event.model_dump_json()
    assert all(getattr(twin, name) is not getattr(event, name) for name in EVENT_LIST_FIELDS)
    twin.killed_low = 3  # assignment is still validated
    with pytest.raises(pydantic.ValidationError):
        twin.killed_low = 9  # above killed_high
    assert event.killed_low == 2


def test_copy_event_with_a_status_has_it_and_lists_of_its_own() -> None:
    from isk_atlas.events.cache import EVENT_LIST_FIELDS, copy_event

    event = Event.model_validate(
        {"event_id": "e", "event_type": "attack", "place_text": "Kabul", "status": "extracted",
         "sources": [{"source_id": "s", "start": 1, "end": 4}]}
    )  # fmt: skip
    restated = copy_event(event, "confirmed")
    assert restated.status == "confirmed" and event.status == "extracted"
    assert restated.model_dump(exclude={"status"}) == event.model_dump(exclude={"status"})
    assert all(getattr(restated, name) is not getattr(event, name) for name in EVENT_LIST_FIELDS)
    same = copy_event(event, "extracted")  # the status it has: a plain copy
    assert same == event and all(getattr(same, name) is not getattr(event, name) for name in EVENT_LIST_FIELDS)


def test_two_extractions_interleaved_in_threads_match_two_separate_runs(shared_sources: Path) -> None:
    """One extractor serves two threads at once: nothing of one extraction is kept where the other could see it."""
    import threading

    loaded = load_sources(shared_sources).sources[:2]
    extractor = Extractor(index=small_index())
    alone = {s.source_id: [e.model_dump() for e in extractor.extract_source(s)] for s in loaded}
    together: dict[str, list[list[dict[str, object]]]] = {s.source_id: [] for s in loaded}
    barrier = threading.Barrier(2)

    def work(source_index: int) -> None:
        source = loaded[source_index]
        barrier.wait()
        for _ in range(6):  # several rounds, so that the two threads' extractions overlap
            together[source.source_id].append([e.model_dump() for e in extractor.extract_source(source)])

    threads = [threading.Thread(target=work, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(alone[s.source_id] for s in loaded)
    for source in loaded:
        assert together[source.source_id] == [alone[source.source_id]] * 6


# The issue's four agency paragraphs: each attack keeps its own figures, date and place.
AGENCY_PARAGRAPHS = """Gunmen attacked a checkpoint in Khwaja Bahauddin district of Takhar province on Tuesday, \
killing three guards, officials said. ISIS-K claimed responsibility.

A roadside bomb exploded in Qala-i-Naw, the capital of Badghis province, on Wednesday, wounding two policemen. No \
group has claimed the attack.

Militants of ISIS-K attacked a mosque in Dashti Qala district, Takhar, wounding five worshippers.

A bombing in Kabul on Thursday killed seven people. ISIS-K said it was behind the bombing.
"""


def test_fields_stay_with_the_happening_they_are_written_about(extractor: Extractor) -> None:
    events = extractor.extract(AGENCY_PARAGRAPHS, "agency", dt.date(2023, 5, 12))
    by_place = {e.place_text: e for e in events}
    dashti = by_place["Dashti Qala"]
    assert dashti.admin1 == "AF-TAK"
    assert (dashti.killed_low, dashti.injured_low) == (None, 5)  # not the checkpoint's three killed
    assert dashti.date_start != dt.date(2023, 5, 9)  # nor the checkpoint attack's Tuesday
    checkpoint = by_place["Khwaja Bahauddin"]
    assert (checkpoint.admin1, checkpoint.date_start, checkpoint.killed_low) == ("AF-TAK", dt.date(2023, 5, 9), 3)
    assert checkpoint.claimed_by == "ISIS-K"
    kabul = by_place["Kabul"]
    assert (kabul.date_start, kabul.killed_low, kabul.injured_low) == (dt.date(2023, 5, 11), 7, None)
    assert len([e for e in events if e.admin1 == "AF-TAK"]) == 2  # two attacks in Takhar, neither folded in
    assert kabul.claimed_by == "ISIS-K"  # "ISIS-K said it was behind the bombing"
    assert "Qala-i-Naw" not in by_place  # "No group has claimed the attack", and the Kabul claim is not of it


def test_the_date_of_a_tape_told_in_the_next_paragraph(extractor: Extractor) -> None:
    text = (
        "ISIS-K fighters are active in Badakhshan, officials say.\n\n"
        "An audiotape released by the group in Badakhshan calls on young men to join it.\n\n"
        "The tape, released first on August 10 last year, says the group will liberate Tajikistan."
    )
    events = extractor.extract(text, "tape", dt.date(2021, 3, 4), "day")
    dated = [e for e in events if e.date_start == dt.date(2020, 8, 10)]
    assert [(e.event_type, e.sub_type, e.admin1) for e in dated] == [("presence", "propaganda", "AF-BDS")]


def test_a_piece_of_a_longer_name_or_a_persons_title_is_no_event_place(extractor: Extractor) -> None:
    import pandas as pd
    from extract_fixtures import small_gazetteer

    from isk_atlas.mentions import ToponymIndex

    extra = pd.DataFrame(
        [
            ("gn:shah", "Shah", "village", "AF-NAN", None, "AFG", 34.2, 70.5, 0, "", False),
            ("AF-GHA.ghani", "Ghani", "village", "AF-GHA", None, "AFG", 33.5, 68.4, 0, "", False),
            ("gn:shiraz", "Shiraz", "town", None, None, "IRN", 29.6, 52.5, 1_500_000, "", False),
        ],
        columns=small_gazetteer().columns,
    )
    index = ToponymIndex.from_gazetteer(pd.concat([small_gazetteer(), extra], ignore_index=True))
    shrine = Extractor(index=index).extract(
        "Gunmen claimed by ISIS-K attacked the Shah Cheragh mausoleum on Wednesday, killing 13 worshippers.",
        "shrine",
        dt.date(2022, 10, 27),
    )
    assert not any(e.country == "AFG" for e in shrine)  # "Shah" is a piece of the shrine's name
    praise = Extractor(index=index).extract(
        "President Ghani praised the forces for their operation against ISIS-K fighters in Nangarhar on Monday.",
        "praise",
        dt.date(2019, 11, 20),
    )
    assert {e.admin1 for e in praise} == {"AF-NAN"}  # a title makes "Ghani" a person
    alias = Extractor(index=index).extract(
        "Forces arrested the recruitment chief of ISIS-K, Saifullah aka Ghani, in Nangarhar on April 4, 2020.",
        "alias",
        dt.date(2020, 4, 5),
    )
    assert {e.admin1 for e in alias} == {"AF-NAN"}  # an alias is a person's name


def test_a_dateline_with_a_colon_is_no_event_place(extractor: Extractor) -> None:
    text = "KABUL: A suicide bomber claimed by ISIS-K struck a mosque in Kunduz on Friday, killing 40 people."
    events = extractor.extract(text, "colon", dt.date(2021, 10, 9))
    assert {e.admin1 for e in events} == {"AF-KDZ"}


def test_a_record_of_attacks_is_no_event_and_keeps_its_places_apart(extractor: Extractor) -> None:
    text = (
        "The Khorasan affiliate of ISIS controls several villages in eastern Nangarhar and has launched attacks "
        "on Kabul and Kunduz, analysts wrote."
    )
    events = extractor.extract(text, "record", dt.date(2015, 12, 3))
    assert [(e.event_type, e.sub_type, e.admin1) for e in events] == [("presence", "base_or_stronghold", "AF-NAN")]


def test_attacks_and_arrests_far_abroad_keep_their_country() -> None:
    import pandas as pd
    from extract_fixtures import small_gazetteer

    from isk_atlas.mentions import ToponymIndex

    extra = pd.DataFrame(
        [
            ("gn:moscow", "Moscow", "town", None, None, "RUS", 55.75, 37.62, 12_000_000, "", False),
            ("DEU", "Germany", "country", None, None, "DEU", 51.0, 10.0, 83_000_000, "", False),
            ("USA", "United States", "country", None, None, "USA", 39.0, -98.0, 330_000_000, "", False),
        ],
        columns=small_gazetteer().columns,
    )
    extractor = Extractor(index=ToponymIndex.from_gazetteer(pd.concat([small_gazetteer(), extra], ignore_index=True)))
    (hall,) = extractor.extract(
        "Gunmen stormed a concert hall near Moscow on Friday, killing 137 people; ISIS-K claimed the attack.",
        "hall",
        dt.date(2024, 3, 23),
    )
    assert (hall.event_type, hall.country, hall.admin1, hall.killed_low) == ("attack", "RUS", None, 137)
    (arrests,) = extractor.extract(
        "Germany arrested seven suspected ISIS-K members on July 6, 2023, prosecutors said.", "arrests"
    )
    assert (arrests.event_type, arrests.sub_type, arrests.country) == ("counter_operation", "arrest", "DEU")
    # an operation of another country's forces, told at country level, is no map event of its own
    assert not extractor.extract("The United States conducted operations against ISIS-K on July 6, 2023.", "operations")


def test_the_day_something_was_said_does_not_split_a_happening(extractor: Extractor) -> None:
    text = (
        "An overnight raid by Taliban forces in Balkh province killed six ISIS-K members, a spokesman said on "
        "Tuesday.\n\nThe group has been the Taliban's main rival.\n\n"
        "According to the police, the operation late Monday night targeted a hideout in Balkh and six members of "
        "the group were killed."
    )
    events = extractor.extract(text, "said", dt.date(2023, 4, 5), "month")
    assert [(e.event_type, e.admin1) for e in events] == [("counter_operation", "AF-BAL")]


def test_a_lead_that_goes_on_to_other_things_is_still_the_headlines_happening(extractor: Extractor) -> None:
    text = (
        "Taliban forces kill 2 ISIS-K members in Kabul raid\n\n"
        "KABUL (AP) - Security forces killed two ISIS-K militants and detained a third in an overnight operation in "
        "Kabul. The raid targeted militants who were planning other attacks in the city."
    )
    events = extractor.extract(text, "lead", dt.date(2023, 2, 26), "day")
    assert [(e.event_type, e.admin1, e.killed_low) for e in events] == [("counter_operation", "AF-KAB", 2)]


def test_another_actors_men_in_a_caption_are_no_presence(extractor: Extractor) -> None:
    text = "ISIS-K hideout raided in Kabul\n\nTaliban members on a Kabul street. File photo."
    events = extractor.extract(text, "caption", dt.date(2023, 2, 1), "month")
    assert [e.event_type for e in events] == ["counter_operation"]


def test_the_group_capturing_someone_is_its_attack(extractor: Extractor) -> None:
    text = "ISIS-K said its fighters captured, then beheaded, a Taliban fighter in Jalalabad on Wednesday."
    (event,) = extractor.extract(text, "capture", dt.date(2021, 10, 6))
    assert (event.event_type, event.admin1, event.date_start) == ("attack", "AF-NAN", dt.date(2021, 10, 6))


def test_a_record_of_the_suspects_is_no_event(extractor: Extractor) -> None:
    text = (
        "Taliban forces raided an ISIS-K hideout in Kabul on Monday. The members were involved in some minor blasts "
        "in Kabul city, the spokesman said."
    )
    events = extractor.extract(text, "record", dt.date(2022, 11, 8))
    assert [e.event_type for e in events] == ["counter_operation"]


def test_a_launch_from_afghanistan_takes_the_site_named_later(extractor: Extractor) -> None:
    text = (
        "The Taliban said a rocket attack on a base in Uzbekistan was launched by ISIS-K on April 18 from Afghan "
        "territory.\n\nOfficials met on Wednesday.\n\n"
        "The launching site for the rockets was said to be in Hairatan, a border town in Balkh."
    )
    events = extractor.extract(text, "site", dt.date(2022, 4, 21))
    assert [(e.event_type, e.place_id, e.admin1, e.date_start) for e in events] == [
        ("cross_border_launch", "gn:hairatan", "AF-BAL", dt.date(2022, 4, 18))
    ]


def test_a_launch_from_afghan_soil_is_placed_in_afghanistan(extractor: Extractor) -> None:
    text = (
        "Rockets hit Termez again\n\nOn April 18, ISIS-K fired rockets at Uzbekistan from Afghan soil, "
        "its first strike of the kind on a neighbour to the north, Afghan officials said."
    )
    events = extractor.extract(text, "soil", dt.date(2022, 5, 9))
    launches = [e for e in events if e.event_type == "cross_border_launch"]
    assert [(e.country, e.target_country, e.date_start) for e in launches] == [("AFG", "UZB", dt.date(2022, 4, 18))]


def test_a_region_named_beside_an_attack_across_the_border_does_not_hide_it(extractor: Extractor) -> None:
    text = "ISIS-K gunmen attacked a border post in Khatlon in 2019, across from northeast Afghanistan."
    events = extractor.extract(text, "region", dt.date(2024, 7, 19))
    assert [(e.event_type, e.admin1, e.country) for e in events] == [("attack", "TJ-KT", "TJK")]


def test_a_month_named_or_a_count_of_arrests_is_no_presence_report(extractor: Extractor) -> None:
    warned = extractor.extract(
        "The UN warned in March about the threat of ISIS-K in Afghanistan.", "warned", dt.date(2023, 6, 8)
    )
    assert not [e for e in warned if e.event_type == "presence"]
    arrested = extractor.extract(
        "Officials in Afghanistan said 600 ISIS-K members were arrested in the past three months.",
        "arrested",
        dt.date(2021, 11, 12),
    )
    assert not [e for e in arrested if e.event_type == "presence"]
    counted = extractor.extract(
        "The UN says ISIS-K has about 2,500 fighters in Afghanistan.", "counted", dt.date(2020, 2, 1)
    )
    assert [(e.event_type, e.country) for e in counted] == [("presence", "AFG")]


def test_a_headline_after_a_pages_leftovers_dates_the_lead(extractor: Extractor) -> None:
    text = (
        "Code 252877\n\nPublishDate: Tuesday, November 16, 2021 11:01\n\n"
        "Taliban arrest 11 ISIS-K suspects in Daikundi\n\n"
        "Officials in Daikundi said their forces arrested 11 members of ISIS-K."
    )
    (event,) = extractor.extract(text, "leftovers", dt.date(2021, 11, 16), "day")
    assert (event.event_type, event.admin1) == ("counter_operation", "AF-DAY")
    assert (event.date_start, event.date_end) == (dt.date(2021, 11, 15), dt.date(2021, 11, 16))


def test_a_date_line_before_the_headline_is_not_the_headline(extractor: Extractor) -> None:
    text = (
        "This story is from February 16, 2017\n\nISIS-K claims blast that killed 72 at Khatlon shrine\n\n"
        "Nearly 100 people were killed at a crowded shrine, police said."
    )
    events = extractor.extract(text, "dateline", dt.date(2017, 2, 16), "day")
    assert [(e.admin1, e.date_start, e.date_end) for e in events] == [
        ("TJ-KT", dt.date(2017, 2, 15), dt.date(2017, 2, 16))
    ]


def test_a_week_before_the_attack_just_told(extractor: Extractor) -> None:
    text = (
        "A suicide bomber claimed by ISIS-K struck a mosque in Kandahar on October 15, 2021, killing 47 people.\n\n"
        "The war ended in August.\n\n"
        "The attack in the city came a week after an ISIS-K suicide bomber killed 80 worshippers at a mosque in Kunduz."
    )
    events = extractor.extract(text, "week", dt.date(2021, 10, 16), "day")
    kunduz = [e for e in events if e.admin1 == "AF-KDZ"]
    assert [e.date_start for e in kunduz] == [dt.date(2021, 10, 8)]


def test_of_two_vague_dates_the_narrower_dates_the_happening(extractor: Extractor) -> None:
    text = (
        "In recent weeks the group has struck across the country, among them a bus station bombing in Kabul last "
        "week that killed seven."
    )
    events = extractor.extract(text, "narrow", dt.date(2021, 11, 12), "day")  # a Friday
    assert [(e.admin1, e.date_start, e.date_end) for e in events if e.event_type == "attack"] == [
        ("AF-KAB", dt.date(2021, 11, 1), dt.date(2021, 11, 7))
    ]


def test_a_sentence_referring_back_dates_the_happening_just_told(extractor: Extractor) -> None:
    text = (
        "Security forces raided an ISIS-K hideout in Kunduz province, killing three fighters.\n"
        "The operation ended late on October 20, police said."
    )
    events = extractor.extract(text, "back-date", dt.date(2024, 10, 22), "day")
    assert [(e.event_type, e.admin1, e.date_start, e.date_end) for e in events] == [
        ("counter_operation", "AF-KDZ", dt.date(2024, 10, 20), dt.date(2024, 10, 20))
    ]


def test_a_date_naming_an_attack_does_not_date_an_operation(extractor: Extractor) -> None:
    # "last month's attack" is the attack's time; the raid, told without a date of its own, is the day's news
    text = (
        "Taliban forces raided an ISIS-K hideout in Kunduz, arresting two men behind last month's attack on a wedding."
    )
    events = extractor.extract(text, "naming", dt.date(2024, 10, 22), "day")
    assert [(e.event_type, e.admin1, e.date_start, e.date_end) for e in events] == [
        ("counter_operation", "AF-KDZ", dt.date(2024, 10, 21), dt.date(2024, 10, 22))
    ]


def test_an_arrest_over_an_attack_dated_in_its_sentence_is_the_days_news(extractor: Extractor) -> None:
    # the date told with the attack is the attack's; the arrest, not the lead, is still the day's news
    text = (
        "ISIS-K gunmen killed 12 worshippers at a mosque in Kandahar on May 2.\n\n"
        "Officials gave no more details about the gunmen.\n\n"
        "Four men were arrested in Kabul in connection with the ISIS-K attack at a mosque in Kandahar on May 2."
    )
    events = extractor.extract(text, "linked", dt.date(2024, 5, 9), "day")
    assert sorted((e.event_type, e.admin1, e.date_start, e.date_end) for e in events) == [
        ("attack", "AF-KAN", dt.date(2024, 5, 2), dt.date(2024, 5, 2)),
        ("counter_operation", "AF-KAB", dt.date(2024, 5, 8), dt.date(2024, 5, 9)),
    ]


def test_an_earlier_happening_takes_the_date_its_clause_tells(extractor: Extractor) -> None:
    # "months after" alone reaches back a year; the clause's own date is the earlier happening's.
    text = (
        "Gunmen of ISIS-K stormed a market in Kandahar on Tuesday. The assault came months after ISIS-K gunmen "
        "stormed a school in Kunduz on March 3, 2023."
    )
    events = extractor.extract(text, "months", dt.date(2023, 10, 12), "day")
    kunduz = [e for e in events if e.admin1 == "AF-KDZ"]
    assert [(e.date_start, e.date_end) for e in kunduz] == [(dt.date(2023, 3, 3), dt.date(2023, 3, 3))]
    # without a date in the clause, the span counted back from the sentence's date
    text = text.replace(" on March 3, 2023", "")
    (kunduz,) = [e for e in extractor.extract(text, "months", dt.date(2023, 10, 12), "day") if e.admin1 == "AF-KDZ"]
    assert kunduz.date_start is not None and kunduz.date_end is not None
    assert (kunduz.date_end - kunduz.date_start).days > 300


def test_where_people_come_from_is_no_event_place(extractor: Extractor) -> None:
    origins = extractor.extract(
        "There were ISIS-K members from Tajikistan, Pakistan and Badakhshan staying in the guest house, a fighter "
        "who surrendered in Nangarhar said.",
        "origins",
        dt.date(2019, 11, 16),
    )
    assert {e.admin1 for e in origins} <= {"AF-NAN"}
    strength = extractor.extract(
        "Officials report 4,000 armed men from the Khorasan branch of ISIS in Badakhshan.", "men", dt.date(2023, 2, 1)
    )
    assert [e.admin1 for e in strength] == ["AF-BDS"]


def test_an_arrest_abroad_told_at_country_level_folds_into_its_place() -> None:
    import pandas as pd
    from extract_fixtures import small_gazetteer

    from isk_atlas.mentions import ToponymIndex

    extra = pd.DataFrame(
        [("gn:peshawar", "Peshawar", "town", "PK-KP", None, "PAK", 34.0, 71.6, 2_000_000, "", True)],
        columns=small_gazetteer().columns,
    )
    extractor = Extractor(index=ToponymIndex.from_gazetteer(pd.concat([small_gazetteer(), extra], ignore_index=True)))
    text = (
        "Police arrested two ISIS-K members in Pakistan on Friday, officials said.\n\n"
        "An intelligence-based operation detained the two men near Peshawar, officials said."
    )
    events = extractor.extract(text, "fold", dt.date(2024, 1, 12))
    assert [(e.event_type, e.admin1, e.date_start) for e in events] == [
        ("counter_operation", "PK-KP", dt.date(2024, 1, 12))
    ]


def test_a_launch_denied_at_country_level_is_the_one_claimed_from_its_site(extractor: Extractor) -> None:
    text = (
        "Uzbekistan denies rockets hit Termez\n\n"
        "TASHKENT - Uzbek officials on Tuesday rejected claims that rockets fired from Afghan territory landed in "
        "Termez.\n\n"
        "ISIS-K said on Monday that its fighters had fired ten rockets at Termez from Hairatan."
    )
    events = extractor.extract(text, "denied", dt.date(2022, 4, 20), "day")
    assert [(e.event_type, e.place_id) for e in events] == [("cross_border_launch", "gn:hairatan")]


def test_the_blast_told_in_the_next_paragraph_keeps_the_claim_on_the_lead(extractor: Extractor) -> None:
    text = (
        "Suicide bomber kills dozens in Kunduz\n\n"
        "KUNDUZ - A suicide bomber struck a mosque in Kunduz during Friday prayers, killing at least 46 people.\n\n"
        "The blast struck the main mosque of Kunduz, packed with worshippers.\n\n"
        "ISIS-K claimed responsibility for the bombing."
    )
    (event,) = extractor.extract(text, "blast", dt.date(2021, 10, 9), "day")
    assert (event.admin1, event.killed_low, event.claimed_by) == ("AF-KDZ", 46, "ISIS-K")


def test_the_group_named_in_the_previous_paragraph_of_short_sentences(extractor: Extractor) -> None:
    text = (
        "Officials spoke of a tense week.\n\n"
        "Now ISIS-K is saying the Taliban are not Islamic. Welcome to Afghanistan. My heart bleeds. For my people. "
        "And my country.\n\n"
        "Two civilians died in an explosion at a bus station in Jalalabad on Sunday morning, an eyewitness said."
    )
    events = extractor.extract(text, "tweet", dt.date(2021, 9, 20), "day")
    assert [(e.event_type, e.admin1, e.date_start) for e in events] == [("attack", "AF-NAN", dt.date(2021, 9, 19))]


def test_a_tally_listing_its_attacks_gives_one_event_per_attack(extractor: Extractor) -> None:
    text = (
        "ISIS-K has claimed responsibility for deadly attacks over the past two months, including an attack on the "
        "interior ministry in Kabul, an attack on a foreign embassy and an attack on foreign visitors at a hotel "
        "in Kabul."
    )
    events = extractor.extract(text, "tally", dt.date(2023, 2, 1), "month")
    assert [(e.event_type, e.admin1) for e in events] == [("attack", "AF-KAB")] * 3
    assert [e.target for e in events] == [
        "the interior ministry in Kabul",
        "a foreign embassy",
        "foreign visitors at a hotel in Kabul",
    ]
    # "over the past two months", read back from the publication, dates each of them
    assert {(e.date_start, e.date_end) for e in events} == {(dt.date(2022, 12, 3), dt.date(2023, 2, 1))}


def test_a_dateline_in_ordinary_case_is_no_event_place(extractor: Extractor) -> None:
    text = (
        "Kabul, 3 August 2020 (dpa) – At least 24 people were killed after ISIS-K militants attacked the prison in "
        "Jalalabad on Sunday."
    )
    events = extractor.extract(text, "dpa", dt.date(2020, 8, 3))
    assert {e.admin1 for e in events} == {"AF-NAN"}


def test_a_worry_about_the_group_in_the_country_is_no_presence_report(extractor: Extractor) -> None:
    text = (
        "After its latest attacks in Afghanistan, officials voiced fears that ISIS-K is widening its recruitment "
        "in the country."
    )
    assert not extractor.extract(text, "worry", dt.date(2022, 5, 9))


def test_where_the_wounded_were_taken_is_no_event_place(extractor: Extractor) -> None:
    text = (
        "An ISIS-K suicide bomber struck a shrine in Kunduz on Thursday, killing 70; many of the wounded were taken "
        "to hospitals in Kabul and Balkh."
    )
    events = extractor.extract(text, "hospital", dt.date(2017, 2, 17))
    assert {e.admin1 for e in events} == {"AF-KDZ"}


def test_an_arrest_the_lead_tells_without_a_place_is_in_the_articles_country(extractor: Extractor) -> None:
    text = (
        "The intelligence service says it has arrested the leader of ISIS-K along with 19 of his men in an "
        "operation of its special forces.\n\n"
        "He had led the group in Afghanistan since 2019, officials in Afghanistan said."
    )
    events = extractor.extract(text, "lead-arrest", dt.date(2020, 4, 4))
    assert [(e.event_type, e.sub_type, e.country, e.admin1) for e in events] == [
        ("counter_operation", "arrest", "AFG", None)
    ]
    # "says it has arrested": the news of the day, dated by the publication (that day or the one before)
    assert (events[0].date_start, events[0].date_end) == (dt.date(2020, 4, 3), dt.date(2020, 4, 4))


def test_the_attack_told_again_where_someone_speaks_is_no_new_event(extractor: Extractor) -> None:
    text = (
        "A suicide bomber of the group killed 33 people outside a bank in Nangarhar on Saturday.\n\n"
        "The Taliban did not claim responsibility for the attack, Daesh claimed responsibility for the attack, "
        "the president said on a visit to Badakhshan."
    )
    events = extractor.extract(text, "told-again", dt.date(2015, 4, 19))
    assert {(e.event_type, e.admin1) for e in events} == {("attack", "AF-NAN")}


def test_the_attack_on_a_target_of_its_own_stays_an_event(extractor: Extractor) -> None:
    text = (
        "A suicide bomber of the group killed 33 people outside a bank in Nangarhar on Saturday.\n\n"
        "The group also carried out the attack on a mosque in Badakhshan, officials said."
    )
    events = extractor.extract(text, "own-target", dt.date(2015, 4, 19))
    assert {(e.event_type, e.admin1) for e in events} == {("attack", "AF-NAN"), ("attack", "AF-BDS")}


def test_a_distance_from_the_capital_is_no_event_place(extractor: Extractor) -> None:
    text = (
        "Three foreign visitors were shot dead by gunmen of the group at a bazaar in Bamiyan on Friday, about 180 "
        "kilometers (110 miles) west of the capital Kabul."
    )
    events = extractor.extract(text, "distance", dt.date(2024, 5, 18))
    assert {e.admin1 for e in events} == {"AF-BAM"}


@pytest.mark.parametrize(
    ("heard", "events"),
    [
        # blasts and clashes told with no doer, then the state's forces killing the group's men: their operation
        ("On Sunday, explosions and clashes were reported in Kabul.", [("counter_operation", "AF-KAB")]),
        # the group's attack told with its doer stays the group's attack
        ("On Sunday, ISIS-K gunmen stormed a mosque in Kabul, killing five.", [("attack", "AF-KAB")]),
    ],
)
def test_what_was_heard_is_the_operation_the_next_sentence_tells(
    extractor: Extractor, heard: str, events: list[tuple[str, str]]
) -> None:
    text = (
        "Fighters of ISIS-K have been active in the capital for months.\n\n"
        f"{heard} The Taliban said their forces killed two key ISIS-K members."
    )
    found = extractor.extract(text, "heard", dt.date(2023, 2, 27))
    assert [(e.event_type, e.admin1) for e in found] == events


_BRIEFING = "The Taliban gave a news conference in Kabul on Monday about security in Afghanistan.\n\n"


@pytest.mark.parametrize(
    ("told", "events"),
    [
        # a tally over a period or over the whole country, with no place of its own: the country's news
        ("Hundreds of ISIS-K fighters have been killed in Taliban operations since the start of the year, a "
         "spokesman said.", [("counter_operation", "military_operation", "AFG")]),
        ("A spokesman said 21 ISIS-K sanctuaries were eliminated in several provinces.",
         [("counter_operation", "military_operation", "AFG")]),
        # one operation whose place the text leaves out is no event of the country
        ("Its forces killed five ISIS-K fighters in an operation, a spokesman said.", []),
    ],
)  # fmt: skip
def test_an_operation_told_over_the_whole_country_is_in_the_country(
    extractor: Extractor, told: str, events: list[tuple[str, str, str]]
) -> None:
    found = extractor.extract(_BRIEFING + told, "nationwide", dt.date(2025, 3, 10))
    assert [(e.event_type, e.sub_type, e.place_id) for e in found] == events


def test_an_operation_across_several_provinces_is_one_event_in_their_country(extractor: Extractor) -> None:
    text = (
        "Afghanistan's intelligence service said on Tuesday it had arrested 14 members of the group in the "
        "provinces of Kabul, Herat, Balkh and Kandahar."
    )
    events = extractor.extract(text, "spread", dt.date(2024, 11, 27))
    assert [(e.event_type, e.country, e.admin1) for e in events] == [("counter_operation", "AFG", None)]
    two = extractor.extract(text.replace("Kabul, Herat, Balkh and ", "Herat and "), "two", dt.date(2024, 11, 27))
    assert {e.admin1 for e in two} == {"AF-HER", "AF-KAN"}


def test_a_dateline_of_a_place_and_an_agency_in_brackets_is_no_event_place(extractor: Extractor) -> None:
    text = "Kabul (BNA) A commander of the ISIS group was killed in a drone strike in Nangarhar province."
    events = extractor.extract(text, "agency", dt.date(2016, 8, 12))
    assert [(e.event_type, e.sub_type, e.admin1) for e in events] == [("counter_operation", "airstrike", "AF-NAN")]
    inline = "Officials in Kabul (the capital) said a drone strike killed a commander of the ISIS group."
    assert {e.admin1 for e in extractor.extract(inline, "inline", dt.date(2016, 8, 12))} == {"AF-KAB"}


def test_the_country_of_a_dateline_is_no_event_place(extractor: Extractor) -> None:
    # the raid is told once at its place, not again at country level (issue 17); a page's lines before the lead
    text = (
        "Raid in the west\n\n24 Oct, 2021\n\nA checkpoint at dusk.\n\nArchive image\n\nA checkpoint at dusk.\n\n"
        "HERAT, Afghanistan: Taliban units clashed with ISIS militants for hours on Sunday,"
        " and three of the militants died.\n\nThe raid targeted their hideout in the city of Herat, officials said."
    )
    events = extractor.extract(text, "country-dateline", dt.date(2021, 10, 24))
    assert [(e.event_type, e.geo_precision, e.admin1) for e in events] == [("counter_operation", "point", "AF-HER")]
    inline = "Taliban units clashed with ISIS militants in Afghanistan: three of the militants died."
    assert {e.country for e in extractor.extract(inline, "inline", dt.date(2021, 10, 24))} == {"AFG"}


def test_a_dateline_with_a_double_hyphen_is_no_event_place(extractor: Extractor) -> None:
    text = "KABUL -- Fighting between ISIS and Taliban groups has escalated in Jawzjan province, officials said."
    events = extractor.extract(text, "double-hyphen", dt.date(2018, 2, 1))
    assert {e.admin1 for e in events} == {"AF-JOW"}


def test_how_an_attack_of_a_day_was_done_told_in_the_next_paragraph_is_the_same_attack(
    extractor: Extractor,
) -> None:
    text = (
        "The Islamic State group claimed an attack that killed a senior police officer in Nangarhar province on June"
        " 8.\n\nThe officer and two guards died when a car bomb went off near the police headquarters in Jalalabad,"
        " officials said."
    )
    events = extractor.extract(text, "how", dt.date(2020, 6, 10))
    assert [(e.event_type, e.admin1, e.date_start) for e in events] == [("attack", "AF-NAN", dt.date(2020, 6, 8))]
    assert events[0].place_id == "gn:jalalabad"  # placed where the next paragraph places it


def test_a_headline_the_page_repeats_further_on_is_one_operation(extractor: Extractor) -> None:
    headline = "Nine ISIS militants killed in Kunar"
    text = (
        f"{headline}\n\nSecurity forces raided a hideout of the group in Kunar province, officials said.\n\n"
        "The army said the fighters had planned attacks on the city.\n\nOfficials gave no figure for the wounded."
        f"\n\n{headline}"
    )
    events = extractor.extract(text, "repeated", dt.date(2020, 6, 10))
    assert [(e.event_type, e.admin1) for e in events] == [("counter_operation", "AF-KNR")]


def test_a_region_standing_for_the_province_of_the_days_news_is_no_place_of_its_own(extractor: Extractor) -> None:
    text = (
        "The main stronghold of the group in northern Afghanistan has fallen.\n\n"
        "Dozens of its fighters surrendered to the authorities in Jowzjan province on July 31, officials said."
    )
    events = extractor.extract(text, "region", dt.date(2018, 8, 1))
    assert [(e.event_type, e.admin1) for e in events] == [("counter_operation", "AF-JOW")]
    alone = extractor.extract(text.split("\n\n")[0], "region-alone", dt.date(2018, 8, 1))
    assert [(e.event_type, e.place_id) for e in alone] == [("presence", "region:north")]


def test_an_operation_told_at_a_region_is_placed_there_unless_recalled_or_told_by_province(
    extractor: Extractor,
) -> None:
    text = "Earlier this week more than 200 ISIS fighters surrendered to the army in northern Afghanistan."
    events = extractor.extract(text, "north", dt.date(2018, 8, 4))
    assert [(e.event_type, e.sub_type, e.place_id) for e in events] == [
        ("counter_operation", "surrender", "region:north")
    ]
    told = extractor.extract(
        text + " Officials said the fighters had laid down their arms in Jowzjan province.",
        "jowzjan",
        dt.date(2018, 8, 4),
    )
    assert [(e.event_type, e.admin1) for e in told] == [("counter_operation", "AF-JOW")]
    recalled = "In March, an air strike on an ISIS hideout in eastern Afghanistan killed dozens of fighters."
    assert not extractor.extract(recalled, "recalled", dt.date(2017, 6, 20))
    attack = "Gunmen of the ISIS group attacked a checkpoint in northern Afghanistan on Sunday."
    assert not [e for e in extractor.extract(attack, "attack", dt.date(2018, 8, 6)) if e.place_id == "region:north"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Since August 15, dozens of bombs of the group have been set off in Nangarhar province.",
        "The number of bombings and suicide attacks by the group in Kabul has reduced dramatically.",
        "ISIS-K continued to conduct deadly attacks on civilians and diplomatic missions in Kabul.",
    ],
)
def test_a_count_or_a_habit_of_attacks_is_no_attack(extractor: Extractor, sentence: str) -> None:
    events = extractor.extract(sentence, "tally", dt.date(2021, 11, 15))
    assert not [e for e in events if e.event_type == "attack"]


def test_where_a_shadow_governor_holds_his_post_is_no_event_place(extractor: Extractor) -> None:
    text = (
        "Clashes between the group and the Taliban broke out in Jowzjan province on January 17 after the killing of "
        "the brother of the Taliban shadow governor in Sar-e-Pul."
    )
    events = extractor.extract(text, "shadow", dt.date(2018, 2, 1))
    assert {e.admin1 for e in events} == {"AF-JOW"}


def test_an_operation_announced_without_a_place_is_placed_by_the_next_paragraph(extractor: Extractor) -> None:
    # Wire style: one sentence a paragraph, the arrest first, where it was in the next paragraph.
    text = (
        "Taliban forces captured three Islamic State members on Monday, a spokesman said.\n\n"
        "The operation was carried out in a village of Darzab district, he added.\n\n"
        "He gave no further details."
    )
    events = extractor.extract(text, "op", dt.date(2023, 6, 7), "day")  # a Wednesday
    assert [(e.event_type, e.admin1, e.date_start) for e in events] == [
        ("counter_operation", "AF-JOW", dt.date(2023, 6, 5))
    ]
    # Another operation told in the next paragraph is no place of this one.
    other = text.replace("The operation was carried out in", "Another operation was carried out in")
    assert "AF-JOW" not in {
        e.admin1
        for e in extractor.extract(other, "op", dt.date(2023, 6, 7), "day")
        if e.event_type == "counter_operation" and e.sub_type == "arrest"
    }


def test_a_lead_at_country_level_folds_into_the_place_the_next_paragraph_gives(extractor: Extractor) -> None:
    text = (
        "The Taliban in Afghanistan said on Friday that their forces had killed six Islamic State fighters "
        "and arrested two.\n\n"
        "Special forces raided a hideout of the group in Herat, a provincial official said.\n\n"
        "The group has not commented."
    )
    events = extractor.extract(text, "lead", dt.date(2023, 6, 10), "day")  # a Saturday
    assert [(e.event_type, e.admin1, e.date_start) for e in events] == [
        ("counter_operation", "AF-HER", dt.date(2023, 6, 9))
    ]
    assert events[0].killed_low == 6
    # A raid told paragraphs later is another happening: the lead stays at country level.
    far = text.replace("\n\nSpecial forces", "\n\nThe group emerged in 2015.\n\nIt is weaker now.\n\nSpecial forces")
    assert {e.admin1 or e.country for e in extractor.extract(far, "lead", dt.date(2023, 6, 10), "day")} == {
        "AFG",
        "AF-HER",
    }


def test_a_bare_retelling_of_an_attack_in_its_province_folds_whatever_manner_it_words(extractor: Extractor) -> None:
    # The lead dates the attack by its day; paragraphs on, a sentence with no date, toll or target of its own words
    # it otherwise (gunmen "raided") at the province: one attack, at the more precise place.
    text = (
        "Islamic State militants attacked a prison in Jalalabad on Sunday, killing 20 people, officials said.\n\n"
        "Families gathered outside the hospital.\n\nThe governor visited the wounded.\n\n"
        "The Islamic State gunmen raided the place to free their comrades in Nangarhar, a deputy governor said."
    )
    events = extractor.extract(text, "bare", dt.date(2023, 5, 9), "day")  # a Tuesday
    assert [(e.admin1, e.place_text, e.date_start) for e in events] == [("AF-NAN", "Jalalabad", dt.date(2023, 5, 7))]
    # One that says it is another, or next to an attack told by its month (perhaps a tally), stays apart.
    another = text.replace(
        "The Islamic State gunmen raided the place", "In another assault, Islamic State gunmen raided a post"
    )
    assert len(extractor.extract(another, "bare", dt.date(2023, 5, 9), "day")) == 2
    month = text.replace("on Sunday", "in April")
    assert len(extractor.extract(month, "bare", dt.date(2023, 5, 9), "day")) == 2


def test_when_a_presence_was_said_is_not_its_date(extractor: Extractor) -> None:
    text = (
        "Taliban forces raided a house in Kabul overnight, killing two Islamic State fighters.\n\n"
        "Officials said Monday that Darzab district is a stronghold of the group."
    )
    events = extractor.extract(text, "said", dt.date(2023, 6, 7), "day")  # a Wednesday; Monday is 5 June
    (presence,) = [e for e in events if e.event_type == "presence"]
    assert presence.admin1 == "AF-JOW" and presence.date_start != dt.date(2023, 6, 5)


def test_since_a_year_is_when_a_period_began(extractor: Extractor) -> None:
    text = "An Islamic State bomb killed nine people in Kandahar, the deadliest attack in the province since 2019."
    (event,) = extractor.extract(text, "since", dt.date(2023, 6, 7), "day")
    assert event.date_start is None or event.date_start.year == 2023


@pytest.mark.parametrize(
    "opening",
    ["Jalalabad: ", "Jalalabad, Nov 13 (Agency): ", " date 2019-04-13 Jalalabad: "],
)
def test_a_dateline_in_ordinary_case_with_a_colon_is_no_event_place(extractor: Extractor, opening: str) -> None:
    text = (
        "Bombing claimed by the group\n\n"
        f"{opening}The Islamic State on Saturday claimed a suicide bombing that killed 12 people at a market in "
        "Kunduz, the capital of the northern province.\n\nThe bomber struck in the morning."
    )
    events = extractor.extract(text, "colon-dateline", dt.date(2019, 4, 13))
    assert {e.admin1 for e in events} == {"AF-KDZ"}


def test_a_headline_naming_a_place_before_a_colon_keeps_it(extractor: Extractor) -> None:
    text = "Jalalabad: bomb claimed by Islamic State kills 12\n\nThe bomber struck a market on Friday."
    events = extractor.extract(text, "colon-headline", dt.date(2019, 4, 13))
    assert {e.admin1 for e in events} == {"AF-NAN"}


def test_the_day_a_claim_was_made_folds_into_the_attack_it_claims(extractor: Extractor) -> None:
    # 2019-04-13 is a Saturday: the claim came a day after the bombing.
    text = (
        "The Islamic State on Saturday claimed responsibility for a suicide bombing in Jalalabad.\n\n"
        "A suicide bomber struck a crowded fruit market in Jalalabad on Friday morning, killing 20 people.\n\n"
        "The Islamic State later released a photograph of the bomber, the monitoring group said."
    )
    (event,) = extractor.extract(text, "claim-day", dt.date(2019, 4, 13))
    assert (event.event_type, event.admin1, event.date_start) == ("attack", "AF-NAN", dt.date(2019, 4, 12))
    assert len(event.sources) == 2  # both tellings are its evidence


def test_an_attack_dated_apart_from_the_claim_stays_its_own(extractor: Extractor) -> None:
    # a week between the claim and the other attack: not the one claimed
    text = (
        "The Islamic State on Saturday claimed responsibility for a suicide bombing in Jalalabad.\n\n"
        "A week earlier, on April 6, a bomb hit a bus in Jalalabad, killing three people, and the group claimed it."
    )
    events = extractor.extract(text, "claim-day-apart", dt.date(2019, 4, 13))
    assert sorted(e.date_start for e in events if e.date_start) == [dt.date(2019, 4, 6), dt.date(2019, 4, 13)]


def test_a_target_told_again_in_other_words_is_the_same_one(extractor: Extractor) -> None:
    text = (
        "Islamic State claims attack on a classroom packed with students in Kabul\n\n"
        "A suicide bomber attacked a training class at an education centre in Kabul on Wednesday, killing 34 "
        "students, officials said. The Islamic State claimed the attack."
    )
    events = extractor.extract(text, "target-words", dt.date(2018, 8, 16))
    assert [(e.event_type, e.admin1, e.date_start) for e in events] == [("attack", "AF-KAB", dt.date(2018, 8, 15))]


def test_one_presence_report_per_place_and_article_as_of_the_latest_time_told(extractor: Extractor) -> None:
    text = (
        "Reports of Islamic State activity in Nangarhar emerged in 2014.\n\n"
        "The group now has about 1,500 fighters in Nangarhar, officials say, and recruits in its villages."
    )
    (event,) = extractor.extract(text, "presence-once", dt.date(2016, 4, 20))
    assert (event.event_type, event.admin1) == ("presence", "AF-NAN")
    assert event.date_start is not None and event.date_start.year == 2016  # as of publication, not 2014
    assert len(event.sources) == 2


def test_a_worry_does_not_hide_the_strength_figure_told_beside_it(extractor: Extractor) -> None:
    text = (
        "The UN warned in March about the threat of the Islamic State in Afghanistan.\n\n"
        "The US military has estimated that 2,000 Islamic State militants are in Afghanistan."
    )
    events = extractor.extract(text, "figure-kept", dt.date(2023, 6, 9))
    assert [(e.event_type, e.country) for e in events] == [("presence", "AFG")]


def test_figures_told_back_after_another_sentence_go_to_the_attack(extractor: Extractor) -> None:
    text = (
        "ISIS-K gunmen attacked a market in Kunduz on Friday, killing three traders.\n\n"
        "Police said on Saturday they had arrested two suspects in connection with the attack.\n\n"
        "He added that five shoppers were also injured in the attack."
    )
    events = [
        e for e in extractor.extract(text, "back-figures", dt.date(2023, 6, 12), "day") if e.event_type == "attack"
    ]
    (attack,) = events
    assert (attack.killed_low, attack.killed_high, attack.injured_low, attack.injured_high) == (3, 3, 5, 5)


def test_a_toll_told_with_the_attack_as_subject_goes_to_the_attack(extractor: Extractor) -> None:
    text = (
        "ISIS-K claimed a bombing at a school in Kunduz on Friday.\n\n"
        "The group said its fighter had planned it for weeks.\n\n"
        "Officials gave no details of the bomber.\n\n"
        "A witness said the guards had fled.\n\n"
        "The bombing on Friday left nine pupils dead and 14 wounded."
    )
    events = [e for e in extractor.extract(text, "toll-back", dt.date(2023, 6, 12), "day") if e.event_type == "attack"]
    (attack,) = events
    assert (attack.killed_low, attack.killed_high, attack.injured_low, attack.injured_high) == (9, 9, 14, 14)


def test_a_toll_on_a_day_of_its_own_is_another_happenings(extractor: Extractor) -> None:
    text = "ISIS-K claimed a bombing at a school in Kunduz on Friday.\n\nThe bombing on Monday left nine pupils dead."
    attacks = [e for e in extractor.extract(text, "toll-day", dt.date(2023, 6, 12), "day") if e.event_type == "attack"]
    assert all(e.killed_low is None for e in attacks if e.date_start == dt.date(2023, 6, 9))


def test_a_toll_in_a_paragraph_of_its_own_goes_to_the_happening_told_last(extractor: Extractor) -> None:
    # web pages make each sentence a paragraph: the toll after the attack is still its toll
    text = "ISIS-K gunmen attacked a market in Kunduz on Friday.\n\nFour traders were killed and nine were wounded."
    (attack,) = extractor.extract(text, "toll-para", dt.date(2023, 6, 12), "day")
    assert (attack.killed_low, attack.killed_high, attack.injured_low, attack.injured_high) == (4, 4, 9, 9)


def test_a_reporting_day_is_not_a_day_of_another_happening(extractor: Extractor) -> None:
    text = "ISIS-K gunmen attacked a market in Kunduz on Friday.\n\nFour traders died, officials said on Sunday."
    (attack,) = extractor.extract(text, "toll-said", dt.date(2023, 6, 12), "day")
    assert (attack.killed_low, attack.killed_high) == (4, 4)


def test_a_toll_after_another_happening_is_not_the_earlier_ones(extractor: Extractor) -> None:
    text = (
        "ISIS-K gunmen attacked a market in Kunduz on Friday.\n\n"
        "Last month Taliban fighters attacked a checkpoint in Herat.\n\n"
        "Four guards were killed."
    )
    attacks = [e for e in extractor.extract(text, "toll-between", dt.date(2023, 6, 12), "day") if e.admin1 == "AF-KDZ"]
    assert attacks and all(e.killed_low is None for e in attacks)


def test_a_tally_since_a_year_is_no_attacks_toll(extractor: Extractor) -> None:
    text = (
        "ISIS-K gunmen attacked a market in Kunduz on Friday.\n\n"
        "Seventy-two people have died in such violence in the city since 2019."
    )
    (attack,) = extractor.extract(text, "toll-since", dt.date(2023, 6, 12), "day")
    assert attack.killed_low is None


def test_figures_told_back_go_to_the_counter_operation_named_as_the_clash(extractor: Extractor) -> None:
    text = (
        "Taliban forces raided an ISIS-K hideout in Herat on Friday.\n\n"
        "Residents said they heard gunfire for hours.\n\n"
        "Officials said four militants were killed and two Taliban fighters wounded in the clash."
    )
    events = extractor.extract(text, "op-back", dt.date(2023, 6, 12), "day")
    (operation,) = [e for e in events if e.event_type == "counter_operation"]
    assert (operation.killed_low, operation.killed_high, operation.injured_low, operation.injured_high) == (4, 4, 2, 2)


def test_a_tally_of_operations_since_their_start_is_no_operations_toll(extractor: Extractor) -> None:
    text = (
        "Taliban forces raided an ISIS-K hideout in Herat on Friday.\n\n"
        "Residents said they heard gunfire for hours.\n\n"
        "Since the start of the campaign, 200 people have died in the fighting."
    )
    events = extractor.extract(text, "op-tally", dt.date(2023, 6, 12), "day")
    operations = [e for e in events if e.event_type == "counter_operation" and e.admin1 == "AF-HER"]
    assert operations and all(e.killed_low is None for e in operations)


def test_the_attackers_own_dead_are_not_victims(extractor: Extractor) -> None:
    text = (
        "ISIS-K gunmen stormed a checkpoint in Kunduz on Monday, killing four guards. "
        "Two attackers were killed in the gunfight."
    )
    (event,) = extractor.extract(text, "attackers", dt.date(2023, 6, 7), "day")
    assert (event.killed_low, event.killed_high) == (4, 4)
    assert "2 attackers killed (not counted as victims)" in event.notes


def _abroad_extractor() -> Extractor:
    """The small gazetteer with Germany, Turkey, Iraq, Syria, a Pakistani town and a Turkish town that needs its
    country."""
    import pandas as pd
    from extract_fixtures import small_gazetteer

    from isk_atlas.mentions import ToponymIndex

    extra = pd.DataFrame(
        [
            ("DEU", "Germany", "country", None, None, "DEU", 51.0, 10.0, 83_000_000, "", False, False),
            ("TUR", "Turkey", "country", None, None, "TUR", 39.9, 32.9, 85_000_000, "", False, False),
            ("IRQ", "Iraq", "country", None, None, "IRQ", 33.0, 44.0, 40_000_000, "", False, False),
            ("SYR", "Syria", "country", None, None, "SYR", 35.0, 38.0, 20_000_000, "", False, False),
            ("gn:khar", "Khar", "town", "PK-KP", None, "PAK", 34.73, 71.52, 10_000, "", False, False),
            ("gn:van", "Van", "town", None, None, "TUR", 38.49, 43.38, 525_000, "", False, True),
        ],
        columns=[*small_gazetteer().columns, "needs_country"],
    )
    frame = pd.concat([small_gazetteer().assign(needs_country=False), extra], ignore_index=True)
    return Extractor(index=ToponymIndex.from_gazetteer(frame))


def test_an_attack_abroad_known_by_its_country_then_its_town() -> None:
    extractor = _abroad_extractor()
    lead = "A suicide bombing at a political rally in Pakistan on 30 July 2023 killed 54 people."
    (country_only,) = extractor.extract(f"{lead} ISIS-K claimed the attack.", "pk", dt.date(2023, 8, 1))
    assert (country_only.event_type, country_only.country, country_only.geo_precision) == ("attack", "PAK", "country")
    text = f"{lead} The attack took place in Khar, near the Afghan border. ISIS-K claimed the attack."
    (town,) = extractor.extract(text, "khar", dt.date(2023, 8, 1))
    assert (town.place_id, town.admin1, town.country) == ("gn:khar", "PK-KP", "PAK")


def test_the_groups_home_does_not_place_a_happening_abroad_in_afghanistan() -> None:
    extractor = _abroad_extractor()
    text = (
        "Police in Germany arrested seven men on 6 July 2023 over a plot for ISIS-K, the group's branch in Afghanistan."
    )
    (arrest,) = extractor.extract(text, "de", dt.date(2023, 7, 7))
    assert (arrest.sub_type, arrest.country) == ("arrest", "DEU")
    text = "ISIS-K, the Afghanistan branch of the group, claimed a bombing in Pakistan on 30 July 2023 that killed 54."
    (attack,) = extractor.extract(text, "pk", dt.date(2023, 8, 1))
    assert attack.country == "PAK"


def test_a_town_needing_its_country_is_read_with_the_country_named_elsewhere() -> None:
    extractor = _abroad_extractor()
    text = (
        "Gunmen attacked a church in Van on 28 January 2024, killing one person. ISIS-K claimed the attack in Turkey."
    )
    (attack,) = extractor.extract(text, "van", dt.date(2024, 1, 29))
    assert (attack.place_id, attack.country) == ("gn:van", "TUR")
    # without Turkey named anywhere, "Van" is a word
    assert not extractor.extract("Van drivers blocked the road on 28 January 2024.", "word", dt.date(2024, 1, 29))


def test_an_undated_attack_far_abroad_is_background_unless_it_is_the_lead() -> None:
    extractor = _abroad_extractor()
    text = (
        "An Islamic State Khorasan suicide bomber killed four people at a market in Kabul on Tuesday.\n\n"
        "Islamic State Khorasan militants have also attacked a hotel in Van, in eastern Turkey, analysts said."
    )
    events = extractor.extract(text, "far", dt.date(2024, 5, 8), "day")
    assert {e.country for e in events} == {"AFG"}
    lead = "Gunmen of the Islamic State Khorasan group attacked a concert hall in Van, Turkey, killing dozens."
    (event,) = extractor.extract(lead, "lead", None, "day")
    assert (event.event_type, event.country) == ("attack", "TUR")


def test_the_version_keys_the_extraction_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cached extraction must not outlive a rule change: the version hashes the code of every module that
    decides what extraction proposes (a module it imports but the list misses would let stale results through)."""
    import importlib
    import sys

    from isk_atlas.events import extract

    events_modules = {name for name in sys.modules if name.startswith("isk_atlas.events.")}
    assert events_modules <= {*extract.EXTRACTION_MODULES, "isk_atlas.events.cache", "isk_atlas.events.merge"}
    # the sentences the rules read (and the page's leftovers marked in them) decide too
    mentions_modules = {name for name in sys.modules if name.startswith("isk_atlas.mentions.")}
    assert mentions_modules <= set(extract.EXTRACTION_MODULES)
    before = Extractor(index=small_index()).version
    # the same rules under another source text (a copy with a comment added) give another version
    spec = importlib.util.find_spec("isk_atlas.events.cues")
    assert spec is not None and spec.origin is not None
    copy = tmp_path / "isk_atlas" / "events"
    copy.mkdir(parents=True)
    (copy / "cues.py").write_text(Path(spec.origin).read_text(encoding="utf-8") + "\n# a new rule\n", encoding="utf-8")
    real = importlib.util.find_spec

    def patched(name: str, *args: object) -> object:
        if name == "isk_atlas.events.cues":
            return importlib.util.spec_from_file_location(name, copy / "cues.py")
        return real(name, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(importlib.util, "find_spec", patched)
    try:
        assert Extractor(index=small_index()).version != before
    finally:
        monkeypatch.undo()
    assert Extractor(index=small_index()).version == before


def test_a_country_inside_the_groups_name_places_no_attack() -> None:
    extractor = _abroad_extractor()
    text = (
        "Gunmen bombed a shrine in Van, Turkey on 3 March 2024.\n\nOn Friday, officials said the Islamic State's"
        " Afghanistan branch was behind the blasts."
    )
    events = extractor.extract(text, "tr", dt.date(2024, 3, 9))
    assert [e.country for e in events] == ["TUR"]
    # the group's home in Afghanistan still places a presence report
    (presence,) = extractor.extract("ISIS-K has 2,000 fighters in Afghanistan.", "af", dt.date(2024, 3, 4))
    assert presence.country == "AFG"


def test_an_arrest_is_not_placed_at_the_attack_its_suspect_is_linked_to() -> None:
    extractor = _abroad_extractor()
    for text in (
        "An ISIS-K commander behind the attack at Kabul airport was arrested in Germany on 3 March 2024.",
        "Police in Germany on 3 March 2024 arrested an ISIS-K planner involved in the Kabul attack.",
        "Police in Germany on 3 March 2024 detained two ISIS-K men in relation to the Kabul attack.",
        # the attack told in a clause about who did it: "the men who committed the attack at X", "its perpetrators"
        "Police in Germany on 3 March 2024 arrested two ISIS-K men linked to those who committed the attack at Kabul"
        " airport.",
        "Police in Germany on 3 March 2024 arrested the perpetrators of the ISIS-K attack in Kabul.",
    ):
        (arrest,) = extractor.extract(text, "de", dt.date(2024, 3, 4))
        assert (arrest.sub_type, arrest.country) == ("arrest", "DEU"), text
    # an arrest in the town of the attack is still placed there
    text = "Police in Kabul arrested three ISIS-K men involved in the attack on a school on 3 March 2024."
    (arrest,) = extractor.extract(text, "af", dt.date(2024, 3, 4))
    assert arrest.admin1 == "AF-KAB"


def test_the_attack_a_suspect_is_linked_to_is_recalled_when_dated_beside_its_place() -> None:
    extractor = _abroad_extractor()
    text = (
        "Police in Germany on 3 March 2024 arrested two ISIS-K men in connection with the attack in Kabul on 26"
        " August 2021."
    )
    events = extractor.extract(text, "de", dt.date(2024, 3, 4))
    arrest, attack = sorted(events, key=lambda e: e.event_type, reverse=True)
    assert (arrest.sub_type, arrest.country, arrest.date_start) == ("arrest", "DEU", dt.date(2024, 3, 3))
    assert (attack.event_type, attack.admin1, attack.date_start) == ("attack", "AF-KAB", dt.date(2021, 8, 26))
    # the arrest's own date beside the attack's place dates no attack; nor does an attack told without a date
    for text in (
        "An ISIS-K commander behind the attack at Kabul airport was arrested in Germany on 3 March 2024.",
        "Police in Germany arrested two ISIS-K men in connection with the attack in Kabul.",
    ):
        assert [e.event_type for e in extractor.extract(text, "de", dt.date(2024, 3, 4))] == ["counter_operation"]


def test_a_claim_of_an_attack_told_anew_is_not_the_claim_of_the_one_before(extractor: Extractor) -> None:
    text = (
        "A gunman opened fire at a mosque in Kunduz on Sunday, killing two people.\n\n"
        "In March, ten people were killed in an attack on a school in Kabul that was claimed by ISIS-K.\n\n"
        "No group has claimed the latest attack."
    )
    events = extractor.extract(text, "kdz", dt.date(2024, 6, 10))
    assert [(e.event_type, e.admin1) for e in events] == [("attack", "AF-KAB")]
    # a claim of the attack told before still covers it
    text = "A gunman opened fire at a mosque in Kunduz on Sunday, killing two people.\n\nISIS-K claimed the attack."
    (attack,) = extractor.extract(text, "kdz", dt.date(2024, 6, 10))
    assert (attack.admin1, attack.claimed_by) == ("AF-KDZ", "ISIS-K")


def test_countries_in_the_parent_groups_name_place_nothing() -> None:
    extractor = _abroad_extractor()
    text = "Four members of the Islamic State of Iraq and Syria were arrested in Germany on 3 March 2024."
    (arrest,) = extractor.extract(text, "de", dt.date(2024, 3, 4))
    assert (arrest.sub_type, arrest.country) == ("arrest", "DEU")
    # a country named for itself is still a place
    text = "Police in Iraq on 3 March 2024 arrested four members of the Islamic State."
    (arrest,) = extractor.extract(text, "iq", dt.date(2024, 3, 4))
    assert arrest.country == "IRQ"


def test_where_people_come_from_is_not_where_they_were_arrested() -> None:
    extractor = _abroad_extractor()
    for text in (
        "Six individuals from Tajikistan suspected of ISIS-K ties were detained in Germany on 3 March 2024.",
        "Six ISIS-K suspects, all of them citizens of Tajikistan, were detained in Germany on 3 March 2024.",
        "An ISIS-K suspect who had moved from Tajikistan last year was detained in Germany on 3 March 2024.",
    ):
        (arrest,) = extractor.extract(text, "de", dt.date(2024, 3, 4))
        assert (arrest.sub_type, arrest.country) == ("arrest", "DEU"), text


def test_a_street_named_after_a_place_is_not_that_place() -> None:
    extractor = _abroad_extractor()
    text = "ISIS-K gunmen attacked a church on Jalalabad Road in Khar on 17 December 2023, killing nine."
    (attack,) = extractor.extract(text, "pk", dt.date(2023, 12, 18))
    assert (attack.country, attack.place_text) == ("PAK", "Khar")
    # alone, the street's namesake is all the sentence says
    text = "ISIS-K gunmen attacked a church on Jalalabad Road on 17 December 2023, killing nine."
    (attack,) = extractor.extract(text, "af", dt.date(2023, 12, 18))
    assert attack.admin1 == "AF-NAN"


def test_a_happening_told_without_a_date_is_the_days_news(extractor: Extractor) -> None:
    # Written for the test: the lead is dated; a raid told further on without a date of its own is dated like an
    # undated lead (the day of publication or the one before); one attack of a record of many stays undated.
    text = (
        "On Monday, a bomb claimed by ISIS-K hit a market in Kunduz, killing four people.\n\n"
        "Separately, Taliban forces raided an ISIS-K hideout in Herat, killing two fighters, a police spokesman "
        "said.\n\n"
        "ISIS-K has carried out several attacks in recent years, including an attack on a shrine in Balkh."
    )
    events = extractor.extract(text, "news", dt.date(2023, 5, 10), "day")
    by_province = {(e.event_type, e.admin1): e for e in events}
    assert by_province["attack", "AF-KDZ"].date_start == dt.date(2023, 5, 8)
    raid = by_province["counter_operation", "AF-HER"]
    assert (raid.date_start, raid.date_end) == (dt.date(2023, 5, 9), dt.date(2023, 5, 10))
    assert "not dated in the report" in raid.notes
    assert all(e.date_start is None for e in events if e.admin1 == "AF-BAL")


def test_a_happening_in_a_sentence_that_dates_something_else_stays_undated(extractor: Extractor) -> None:
    # Written for the test: the date belongs to the aside about the commander, not to the clash.
    text = "Taliban fighters clashed with ISIS-K in Kunar, after having captured its commander in 2019."
    events = extractor.extract(text, "aside", dt.date(2023, 5, 10), "day")
    assert [(e.event_type, e.admin1, e.date_start) for e in events] == [("counter_operation", "AF-KNR", None)]


def test_a_date_written_before_the_happenings_noun_is_its_date(extractor: Extractor) -> None:
    # Written for the test: "On May 12" is when officials spoke; "the May 3 ... bombing" names the attack's day.
    text = (
        "On May 12, officials said the May 3 suicide bombing claimed by ISIS-K at a mosque in Kunduz killed nine "
        "people."
    )
    events = extractor.extract(text, "named", dt.date(2023, 5, 14), "day")
    assert [(e.event_type, e.admin1, e.date_start) for e in events] == [("attack", "AF-KDZ", dt.date(2023, 5, 3))]


def test_an_arrest_over_the_attack_just_told_is_at_its_place(extractor: Extractor) -> None:
    text = (
        "A bomb of the group killed nine worshippers at a mosque in Nangarhar on Friday, officials said.\n\n"
        "Police later detained four suspects in connection with the attack."
    )
    events = extractor.extract(text, "arrest-over-attack", dt.date(2021, 5, 9))
    assert {(e.event_type, e.admin1) for e in events} == {("attack", "AF-NAN"), ("counter_operation", "AF-NAN")}
    # without a reference back to the attack, the arrest has no place of its own
    unrelated = text.replace("in connection with the attack", "for smuggling weapons")
    events = extractor.extract(unrelated, "arrest-unrelated", dt.date(2021, 5, 9))
    assert {(e.event_type, e.admin1) for e in events} == {("attack", "AF-NAN")}


def test_how_an_attack_told_before_was_done_is_the_same_attack(extractor: Extractor) -> None:
    text = (
        "ISIS-K launched an attack on a church in Kandahar on Sunday, killing nine. Police sealed off the area on "
        "Monday. Two ISIS-K militants attacked the church in Kandahar during prayers; one attacker was killed by "
        "guards in a gunfight while the other fired on the crowd and detonated a suicide vest."
    )
    (attack,) = extractor.extract(text, "one", dt.date(2023, 6, 9), "day")
    assert (attack.admin1, attack.date_start) == ("AF-KAN", dt.date(2023, 6, 4))
    assert len(attack.sources) == 2
    # told first, in a paragraph of its own, the undated suicide bombing stays apart from a dated attack after it
    text = (
        "A suicide bomber blew himself up at a mosque in Kandahar, ISIS-K said.\n\n"
        "On 2 May 2023, ISIS-K launched an attack on a school in Kandahar."
    )
    assert len(extractor.extract(text, "two", dt.date(2023, 6, 10), "day")) == 2


def test_an_undated_attack_told_again_paragraphs_later_is_the_same_attack(extractor: Extractor) -> None:
    text = (
        "ISIS-K claims attack on a temple in Kandahar\n\n"
        "Officials gave no figures.\n\n"
        "Roads were closed.\n\n"
        "Shops stayed shut.\n\n"
        "The Islamic State group has claimed an attack on a temple in central Kandahar, a monitor said."
    )
    (attack,) = extractor.extract(text, "one", dt.date(2023, 6, 10), "day")
    assert attack.admin1 == "AF-KAN"
    assert len(attack.sources) == 2
    # fighting goes on for days: told again far on, it may be another day of it
    text = (
        "ISIS-K and Taliban fighters clash in Kandahar\n\n"
        "Officials gave no figures.\n\n"
        "Roads were closed.\n\n"
        "Shops stayed shut.\n\n"
        "Fighting between ISIS-K and the Taliban also broke out in Kandahar, officials said."
    )
    assert len(extractor.extract(text, "two", dt.date(2023, 6, 10), "day")) == 2
    # arrests come in sweeps: told again far on, it may be another round of them
    text = (
        "Taliban arrest ISIS-K suspects in Kandahar\n\n"
        "Officials gave no figures.\n\n"
        "Roads were closed.\n\n"
        "Shops stayed shut.\n\n"
        "Taliban intelligence detained ISIS-K suspects in Kandahar, officials said."
    )
    assert len(extractor.extract(text, "three", dt.date(2023, 6, 10), "day")) == 2


def test_an_attack_told_by_its_month_and_by_its_day_is_one_attack(extractor: Extractor) -> None:
    text = (
        "In May 2023, ISIS-K carried out one of its deadliest attacks in Kandahar.\n\n"
        "Officials gave no figures.\n\n"
        "A suicide bomber struck a rally in Kandahar on 14 May 2023, killing 40 people; ISIS-K claimed it."
    )
    (attack,) = extractor.extract(text, "one", dt.date(2023, 9, 1), "day")
    assert (attack.admin1, attack.date_start, attack.killed_low) == ("AF-KAN", dt.date(2023, 5, 14), 40)
    # a day in another month is another attack
    text = text.replace("14 May 2023", "14 June 2023")
    assert len(extractor.extract(text, "two", dt.date(2023, 9, 1), "day")) == 2


def test_the_items_of_a_dated_list_share_its_heading(extractor: Extractor) -> None:
    # Written for the test: a timeline whose heading names the group; no item names it, the later items are
    # paragraphs away from the heading.
    items = (
        "March 3, 2022: A bombing at a mosque in Kunduz killed 20.\n\n"
        "May 9, 2022: A blast at a school in Balkh killed 12.\n\n"
        "June 14, 2022: A bombing at a market in Herat killed nine.\n\n"
        "August 2, 2022: A blast at a shrine in Kandahar killed seven.\n"
    )
    heading = "Reporters listed the deadliest attacks of ISIS-K last year:\n\n"
    events = extractor.extract(heading + items, "timeline", dt.date(2023, 1, 10), "day")
    assert {(e.admin1, e.date_start) for e in events if e.event_type == "attack"} == {
        ("AF-KDZ", dt.date(2022, 3, 3)),
        ("AF-BAL", dt.date(2022, 5, 9)),
        ("AF-HER", dt.date(2022, 6, 14)),
        ("AF-KAN", dt.date(2022, 8, 2)),
    }
    # a heading that does not name the group makes no item the group's
    other = "Reporters listed the deadliest attacks in the country last year:\n\n"
    assert [e for e in extractor.extract(other + items, "timeline-other", dt.date(2023, 1, 10), "day")] == []


def test_a_happening_in_the_same_neighbourhood_is_at_the_place_just_named(extractor: Extractor) -> None:
    text = (
        "A bomb of ISIS-K killed six people at a school in Kabul on Monday, officials said. In late June, the group "
        "also claimed a blast at a wedding hall in the same neighbourhood that killed four."
    )
    events = extractor.extract(text, "neighbourhood", dt.date(2023, 7, 12), "day")
    assert sorted((e.admin1, e.date_start.month if e.date_start else None) for e in events) == [
        ("AF-KAB", 6),
        ("AF-KAB", 7),
    ]


def test_a_pages_leftovers_are_not_reporting(extractor: Extractor) -> None:
    """Other stories' headlines tell nothing of the report; a caption's scene is no presence report; a caption
    above the headline is not the headline."""
    from isk_atlas.events.lead import heading_index
    from isk_atlas.mentions import split_sentences

    text = (
        "ISIS-K fighters in Herat\n"
        "Photo: Some Agency\n\n"
        "Taliban raid a house in Herat\n\n"
        "Taliban forces killed five ISIS-K members in a raid on a house in Herat city on Sunday night, a spokesman "
        "for the interior ministry said.\n\n"
        "| ISIS-K suicide bomber kills ten in Kandahar mosque\n"
        "| ISIS-K fighters gather in Kunar\n\n"
        "ISIS-K fighters patrol a street in Kunduz. (Photo: Some Agency)\n\n"
        "The ministry gave no further details of the raid or of the weapons it said were seized in the building.\n"
    )
    events = extractor.extract(text, "page", dt.date(2023, 3, 6), "day")
    assert {(e.event_type, e.admin1) for e in events} == {("counter_operation", "AF-HER")}
    sentences = split_sentences(text)
    heading = heading_index(text, sentences, headline=True)
    assert heading is not None and sentences[heading].text(text) == "Taliban raid a house in Herat"
    # the same lines read as reporting give events of their own
    reporting = text.replace("| ", "").replace(" (Photo: Some Agency)", "")
    provinces = {e.admin1 for e in extractor.extract(reporting, "page", dt.date(2023, 3, 6), "day")}
    assert {"AF-KAN", "AF-KNR", "AF-KDZ"} <= provinces


@pytest.fixture(scope="module")
def atlas_extractor() -> Extractor:
    return Extractor()  # the project's gazetteer: towns abroad and their Afghan namesakes


# Happenings abroad with an Afghan place named nearby: where the group or its men come from, a look-alike of a town
# abroad, the next sentence's place (issue 17: no event abroad placed in Afghanistan). Short texts written for the
# test.
ABROAD_WITH_AN_AFGHAN_MENTION = [
    "ISIS-K, a group based in Afghanistan, claimed a bombing in Kerman, Iran, on Monday that killed 20 people.",
    "Police in Tajikistan arrested 9 members of ISIS-K on Monday. The group is based in Afghanistan.",
    "Turkish police detained 15 suspected ISIS-K members in Istanbul on Tuesday. They originated in Afghanistan.",
    "German police arrested two Afghan men suspected of planning an ISIS-K attack in Gera on Tuesday.",
    "A bomb went off at a shrine in Iran on Wednesday, killing 13 people.\n\n"
    "ISIS-K, which is headquartered in Nangarhar, claimed the attack.",
    "Militants of ISIS-K originating in Kunar attacked a checkpoint in Chitral, Pakistan, on Sunday.",
    "Iranian officials said two ISIS-K suicide bombers from Badakhshan carried out the attack in Kerman on Wednesday.",
    "Pakistani police killed three ISIS-K militants in a raid in Bajaur on Sunday. The militants had come from "
    "Afghanistan's Kunar province.",
    # a happening told abroad (by the country's police) without a place takes no Afghan place from the next sentence
    "Russian police said ISIS-K gunmen attacked a church on Sunday, killing 4 people. The attackers trained in Kunar.",
    "Tajik security services said on Monday they had arrested nine ISIS-K recruiters. Some fought in Nangarhar.",
    # an Afghan place reached only by a loose spelling beside a town abroad read as written
    "ISIS-K gunmen attacked a police post in Mazaar, near Peshawar, on Monday, killing two officers.",
]


@pytest.mark.parametrize("text", ABROAD_WITH_AN_AFGHAN_MENTION)
def test_a_happening_abroad_is_not_placed_in_afghanistan(atlas_extractor: Extractor, text: str) -> None:
    events = atlas_extractor.extract(text, "abroad", dt.date(2024, 3, 30), "day")
    assert [(e.event_type, e.admin1) for e in events if e.country == "AFG"] == []


# Attacks and arrests abroad told with Afghanistan named: where the attackers crossed from or trained, the group's
# Afghan branch, Afghan nationals arrested, a border town near the Afghan border (issue 17). Agency-style texts
# written for the test; each either names no event or places it abroad.
ABROAD_TOLD_WITH_AFGHANISTAN = [
    "Dushanbe said on Wednesday a clash that killed 17 was the work of Islamic State men who crossed the border "
    "from Afghanistan.",
    "Tajik officials said ISIS-K gunmen who came across the border from Afghanistan attacked a border post in "
    "Tajikistan on Monday.",
    "ISIS-K gunmen attacked a border post in Tajikistan on Monday after crossing from Afghanistan, killing two guards.",
    "Islamic State gunmen who crossed the river from Afghan territory attacked a Tajik border post on Sunday, "
    "killing two guards.",
    "ISIS-K militants fired across the river from Afghanistan and then stormed a Tajik border post on Tuesday, "
    "killing one guard.",
    "Two ISIS-K suicide bombers trained in Afghanistan killed 95 people at a memorial ceremony in Kerman, Iran, on "
    "Wednesday.",
    "Russian investigators said the four ISIS-K gunmen who attacked the concert hall on Friday were Tajik nationals "
    "who had trained in Afghanistan.",
    "Two Tajik men who trained at ISIS-K camps in Afghanistan attacked a church in Istanbul on Sunday, killing one "
    "worshipper.",
    "Gunmen killed 140 people at a concert hall near Moscow on Friday. The Afghan branch of the Islamic State "
    "claimed the attack.",
    "ISIS-K, the group's Afghanistan branch, claimed Friday's attack on a Moscow concert hall, which killed 140 "
    "people.",
    "Turkish police arrested 25 ISIS-K suspects on Monday over the shooting at a church in Istanbul, including Afghan "
    "nationals.",
    "Kyrgyz police detained five Afghan nationals linked to ISIS-K in Bishkek on Friday.",
    "An ISIS-K suicide bomber killed 54 people at a political rally in Bajaur, Pakistan, near the Afghan border, on "
    "Sunday.",
    "Pakistani forces killed four ISIS-K militants who had sneaked across the border from Afghanistan into Bajaur on "
    "Sunday.",
    "Uzbek border guards killed three ISIS-K gunmen who tried to cross from Afghanistan near Termez on Monday.",
]


@pytest.mark.parametrize("text", ABROAD_TOLD_WITH_AFGHANISTAN)
def test_an_attack_abroad_told_with_afghanistan_is_not_placed_there(atlas_extractor: Extractor, text: str) -> None:
    events = atlas_extractor.extract(text, "abroad", dt.date(2024, 3, 30), "day")
    assert [(e.event_type, e.place_text) for e in events if e.country == "AFG"] == []


def test_an_attack_abroad_keeps_its_country_once_the_crossing_is_set_aside(atlas_extractor: Extractor) -> None:
    # the place abroad the sentence names places the attack, not the country the attackers crossed from
    text = "ISIS-K fighters who crossed the border from Afghanistan attacked a post outside Dushanbe on Wednesday."
    events = atlas_extractor.extract(text, "tj", dt.date(2024, 3, 30), "day")
    assert [(e.event_type, e.admin1) for e in events] == [("attack", "TJ-DU")]
    # the same words about an Afghan district keep the attack there
    text = "ISIS-K fighters who crossed the border from Pakistan attacked a Taliban post in Achin on Wednesday."
    events = atlas_extractor.extract(text, "af", dt.date(2024, 3, 30), "day")
    assert [(e.event_type, e.admin1) for e in events] == [("attack", "AF-NAN")]


# Afghan happenings with a foreign word or place nearby: they stay Afghan.
AFGHAN_WITH_A_FOREIGN_WORD = [
    ("An ISIS-K suicide bomber killed 12 people at a mosque in Kunduz on Friday, a week after Pakistan closed the "
     "border.", "AF-KDZ"),
    ("ISIS-K claimed a bombing in Kabul on Monday that killed the Russian embassy's second secretary.", "AF-KAB"),
    ("Taliban forces raided an ISIS-K hideout in Jalalabad on Sunday, killing four militants, including a Tajik.",
     "AF-NAN"),
    ("An ISIS-K bomber killed a Taliban governor in Mazar-i-Sharif on Thursday, Iranian media reported.", "AF-BAL"),
    ("Pakistani officials said an ISIS-K bomber from Peshawar struck a mosque in Kabul on Friday, killing 10 people.",
     "AF-KAB"),
    ("ISIS-K fighters who came from Nangarhar attacked a Taliban checkpoint in Kunar on Monday, killing two guards.",
     "AF-KNR"),
    ("Pakistani officials said ISIS-K gunmen attacked a Taliban checkpoint on Monday. The checkpoint was in Kunar.",
     "AF-KNR"),
    ("An ISIS-K bomber struck a mosque in Nangahar on Friday, a week after Pakistan closed the border.", "AF-NAN"),
    ("ISIS-K gunmen attacked a police post in Mazaar on Monday, killing two officers.", "AF-BAL"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "province"), AFGHAN_WITH_A_FOREIGN_WORD)
def test_an_afghan_happening_stays_afghan(atlas_extractor: Extractor, text: str, province: str) -> None:
    events = atlas_extractor.extract(text, "home", dt.date(2024, 3, 30), "day")
    assert [e.admin1 for e in events if e.event_type != "presence"] == [province]


def test_a_presence_told_over_a_stretch_up_to_the_report_holds_as_of_the_report(extractor: Extractor) -> None:
    published = dt.date(2023, 3, 10)
    text = "Security sources say about 300 ISIS-K fighters have gathered in the mountains of Kunar in recent months."
    (presence,) = [e for e in extractor.extract(text, "stretch", published, "day") if e.event_type == "presence"]
    assert (presence.date_start, presence.date_end, presence.date_precision) == (published, published, "day")
    assert "holds as of that day" in presence.notes
    # a stretch that ends before the report dates the presence as told
    text = "Security sources say about 300 ISIS-K fighters gathered in the mountains of Kunar last month."
    (presence,) = [e for e in extractor.extract(text, "last-month", published, "day") if e.event_type == "presence"]
    assert (presence.date_start, presence.date_end) == (dt.date(2023, 2, 1), dt.date(2023, 2, 28))


def test_rockets_landing_across_the_border_are_a_launch_from_afghanistan(extractor: Extractor) -> None:
    text = (
        "Officials in Afghanistan said they would look into the matter.\n\n"
        "Uzbek officials said three rockets landed in Termez on May 2, damaging a warehouse."
    )
    events = extractor.extract(text, "landed", dt.date(2023, 5, 4))
    assert [(e.event_type, e.place_id, e.target_country, e.date_start) for e in events] == [
        ("cross_border_launch", "AFG", "UZB", dt.date(2023, 5, 2))
    ]


def test_launches_told_undated_in_the_plural_are_a_record(extractor: Extractor) -> None:
    text = "Officials in Afghanistan met.\n\nRecent years have seen ISIS-K launching rocket attacks into Uzbekistan."
    events = extractor.extract(text, "record", dt.date(2024, 7, 19))
    assert not [e for e in events if e.event_type == "cross_border_launch"]


def test_a_launch_site_belongs_to_the_launch_told_just_before_it(extractor: Extractor) -> None:
    text = (
        "On July 5, two rockets fired from Afghanistan landed in Termez, Uzbek officials said.\n\n"
        "On April 18, ISIS-K fired ten rockets at a base in Termez. Claiming the attack, the group said the "
        "missiles were launched from near Hairatan in Afghanistan's Balkh province."
    )
    events = extractor.extract(text, "sites", dt.date(2022, 8, 30))
    assert sorted((e.event_type, e.place_id, e.date_start) for e in events) == [
        ("cross_border_launch", "AFG", dt.date(2022, 7, 5)),
        ("cross_border_launch", "gn:hairatan", dt.date(2022, 4, 18)),
    ]


def test_a_launch_recalled_paragraphs_on_is_not_the_news_of_the_lead(extractor: Extractor) -> None:
    text = (
        "Rockets fired from Afghanistan hit Termez\n\n"
        "Uzbek officials said three rockets fell on Termez, causing no casualties.\n\n"
        "Officials met to discuss the matter.\n\nThe border crossing stayed open.\n\n"
        "In March, ISIS-K claimed a rocket attack on Uzbekistan."
    )
    events = extractor.extract(text, "recalled", dt.date(2023, 6, 7), "day")
    launches = sorted((e.date_start, e.rockets) for e in events if e.event_type == "cross_border_launch")
    assert [(start.month, rockets) for start, rockets in launches if start is not None] == [(3, None), (6, 3)]


def test_one_event_per_dated_happening_of_a_list(extractor: Extractor) -> None:
    # Two bombings told in one sentence, each with a date of its own that does not meet the other: two happenings,
    # however alike their type and province.
    text = (
        "ISIS-K claimed car bombings in Jalalabad in December 2022 and in June 2023 that killed local officials.\n\n"
        "The weather in Balkh was mild."
    )
    events = extractor.extract(text, "list", dt.date(2023, 9, 1), "month")
    attacks = sorted((e.admin1, e.date_start, e.date_end) for e in events if e.event_type == "attack")
    assert attacks == [
        ("AF-NAN", dt.date(2022, 12, 1), dt.date(2022, 12, 31)),
        ("AF-NAN", dt.date(2023, 6, 1), dt.date(2023, 6, 30)),
    ]


def test_a_month_and_a_day_inside_it_are_one_happening(extractor: Extractor) -> None:
    # Dates that differ only in precision (a month and a day in it), or a happening and its claim a day later,
    # meet: one happening.
    text = (
        "A suicide bomber attacked a mosque in Jalalabad in May 2023 and on May 2, killing nine people. "
        "ISIS-K claimed responsibility for the attack the next day."
    )
    events = extractor.extract(text, "month-day", dt.date(2023, 5, 10), "day")
    attacks = [e for e in events if e.event_type == "attack"]
    assert [(e.admin1, e.date_start) for e in attacks] == [("AF-NAN", dt.date(2023, 5, 2))]


@pytest.mark.parametrize(
    ("sentence", "provinces"),
    [
        ("The group keeps its old strongholds in eastern Afghanistan's Nangarhar province.", {"AF-NAN"}),
        (
            "Fighters of ISIS are active in the northern provinces of Jowzjan and Balkh, officials say.",
            {"AF-JOW", "AF-BAL"},
        ),
    ],
)
def test_a_region_that_only_says_where_a_named_province_lies_is_no_presence_of_its_own(
    extractor: Extractor, sentence: str, provinces: set[str]
) -> None:
    events = extractor.extract(sentence, "described", dt.date(2020, 12, 1))
    assert {e.admin1 for e in events if e.event_type == "presence"} == provinces
    assert not [e for e in events if e.geo_precision == "region"]
    # a region with no place of its own named beside it stays the presence's place
    alone = extractor.extract(
        "Fighters of ISIS are active in the northern provinces, officials say.", "alone", dt.date(2020, 12, 1)
    )
    assert [(e.event_type, e.place_id) for e in alone] == [("presence", "region:north")]


@pytest.mark.parametrize(
    "sentence",
    [
        "The Islamic State group is recruiting young men across Afghanistan, officials said.",
        "Islamic State Khorasan has bases in Afghanistan, the report says.",
        "The Islamic State group spreads its propaganda in Afghanistan, the report says.",
        # a year tells when the group came, not a happening (issue 17: background, however dated)
        "The Islamic State group emerged in Afghanistan in 2015, when it began recruiting fighters.",
        "Reports of the Islamic State group's activity in Afghanistan first emerged last year.",
    ],
)
def test_a_country_level_presence_without_a_figure_date_or_arrivals_is_no_event(
    extractor: Extractor, sentence: str
) -> None:
    assert not extractor.extract(sentence, "generic", dt.date(2020, 12, 1))


@pytest.mark.parametrize(
    "sentence",
    [
        "Some of the recruits travelled to Afghanistan to join the Islamic State, officials said.",
        "Islamic State Khorasan has about 4,000 fighters in Afghanistan, the report says.",
    ],
)
def test_a_country_level_presence_with_a_figure_or_arrivals_is_an_event(extractor: Extractor, sentence: str) -> None:
    events = extractor.extract(sentence, "told", dt.date(2020, 12, 1))
    assert [(e.event_type, e.place_id) for e in events] == [("presence", "AFG")]


def test_the_number_of_fighters_in_the_country_is_a_report_on_the_country(extractor: Extractor) -> None:
    text = (
        "Officials say the number of Islamic State fighters in Afghanistan has risen to 3,000 fighters, half of them"
        " in Nangarhar."
    )
    events = extractor.extract(text, "number", dt.date(2016, 3, 20))
    assert sorted((e.event_type, e.place_id) for e in events) == [("presence", "AF-NAN"), ("presence", "AFG")]


# An operation placed in the lead, then paragraphs of other things: what follows is told after the lead.
_AFTER_THE_LEAD = (
    "Afghan troops launched a military operation against ISIS in Nangarhar province, officials said. Officials said"
    " the push went on for days. Villagers fled to the city. Roads were closed.\n\nMore troops were sent.\n\n"
    "Shops stayed shut.\n\nSchools closed too.\n\n"
)


def test_an_undated_operation_restated_at_country_level_folds_into_the_placed_one(extractor: Extractor) -> None:
    text = _AFTER_THE_LEAD + "The operations against ISIS in Afghanistan come amid fears that it seeks a new foothold."
    events = extractor.extract(text, "restated", dt.date(2016, 8, 3))
    assert [(e.event_type, e.geo_precision, e.admin1) for e in events] == [("counter_operation", "province", "AF-NAN")]
    assert len(events[0].sources) == 2  # the restatement's evidence joins the placed operation's


_BACKGROUND_AFTER_AN_ATTACK = (
    "An ISIS suicide bomber killed ten people at a mosque in Kabul on Friday. Officials said the push went on for"
    " days. Villagers fled to the city. Roads were closed.\n\nMore troops were sent.\n\n"
)


@pytest.mark.parametrize(
    ("sentence", "country_level"),
    [
        # background: no date, no count, no place (issue 17)
        ("The group has been active in Afghanistan for years, fighting the Taliban and government forces.", []),
        # a count makes it a specific happening, known only at country level
        ("The Taliban said they had arrested 600 ISIS members across Afghanistan.", ["counter_operation"]),
        (
            "An American commander said US forces had carried out a single strike against ISIS in Afghanistan since"
            " the pull-out.",
            ["counter_operation"],
        ),
    ],
)
def test_an_undated_operation_told_only_at_country_level_after_the_lead_needs_a_count(
    extractor: Extractor, sentence: str, country_level: list[str]
) -> None:
    events = extractor.extract(_BACKGROUND_AFTER_AN_ATTACK + sentence, "country-level", dt.date(2016, 8, 3))
    assert [e.event_type for e in events if e.geo_precision == "country"] == country_level
    assert [(e.event_type, e.admin1) for e in events if e.geo_precision != "country"] == [("attack", "AF-KAB")]


def test_arrests_in_two_countries_far_abroad_told_one_after_the_other_are_two_events() -> None:
    import pandas as pd
    from extract_fixtures import small_gazetteer

    from isk_atlas.mentions import ToponymIndex

    extra = pd.DataFrame(
        [
            ("DEU", "Germany", "country", None, None, "DEU", 51.0, 10.0, 83_000_000, "", False),
            ("NLD", "Netherlands", "country", None, None, "NLD", 52.1, 5.3, 17_000_000, "", False),
        ],
        columns=small_gazetteer().columns,
    )
    extractor = Extractor(index=ToponymIndex.from_gazetteer(pd.concat([small_gazetteer(), extra], ignore_index=True)))
    text = (
        "Police arrested nine suspected ISIS-K members on 6 July 2023 in a joint operation. Six of them were "
        "arrested in Germany on suspicion of planning attacks. Three more were arrested in the Netherlands. "
        "The men had plotted attacks in Germany, prosecutors said."
    )
    events = extractor.extract(text, "two", dt.date(2023, 7, 10))
    assert sorted(e.country for e in events if e.sub_type == "arrest") == ["DEU", "NLD"]


def test_a_town_before_a_named_facility_is_its_place_a_village_a_piece_of_its_name() -> None:
    import pandas as pd
    from extract_fixtures import small_gazetteer

    from isk_atlas.mentions import ToponymIndex

    extra = pd.DataFrame(
        [
            ("gn:shah", "Shah", "village", "AF-NAN", None, "AFG", 34.2, 70.5, 0, "", False),
            ("gn:berlin", "Berlin", "town", None, None, "DEU", 52.5, 13.4, 3_600_000, "", False),
        ],
        columns=small_gazetteer().columns,
    )
    extractor = Extractor(index=ToponymIndex.from_gazetteer(pd.concat([small_gazetteer(), extra], ignore_index=True)))
    (market,) = extractor.extract(
        "In December 2016 ISIS-K gunmen attacked a Berlin Christmas market and wounded many shoppers.",
        "market",
        dt.date(2024, 1, 2),
    )
    assert (market.event_type, market.country) == ("attack", "DEU")
    shrine = extractor.extract(
        "ISIS-K gunmen attacked the Shah Cheragh shrine on Wednesday, killing 13 worshippers.",
        "shrine",
        dt.date(2022, 10, 27),
    )
    assert not any(e.country == "AFG" for e in shrine)


def test_a_toll_told_back_at_a_base_goes_to_the_attack(extractor: Extractor) -> None:
    text = (
        "A suicide bomber struck a mosque in Khost province on Friday, the group said.\n\n"
        "The provincial police said the explosion at a mosque inside an army base left 26 dead and 50 hurt."
    )
    (event,) = extractor.extract(text, "base", dt.date(2018, 11, 24), "day")
    assert (event.killed_low, event.killed_high, event.injured_low) == (26, 26, 50)


def test_figures_told_back_to_blasts_in_the_plural(extractor: Extractor) -> None:
    text = (
        "Two bombs tore through minibuses in Mazar-i-Sharif on Thursday, killing nine people; ISIS-K claimed them.\n\n"
        "Relatives gathered outside the hospital.\n\n"
        "A spokesman for the police said 13 more were hurt in the blasts."
    )
    (event,) = extractor.extract(text, "blasts", dt.date(2022, 4, 29), "day")
    assert (event.killed_low, event.injured_low, event.injured_high) == (9, 13, 13)


def test_the_attack_a_tally_singles_out_is_an_event(extractor: Extractor) -> None:
    # Written for the test: a record of many bombings is no event, but the worst of them, named with its place and
    # a date, is one; the record alone gives none.
    singled = (
        "ISIS-K says it was behind several blasts, the deadliest of which was a bombing at a mosque in Kunduz last "
        "month."
    )
    events = extractor.extract(singled, "tally", dt.date(2023, 5, 10), "day")
    assert [(e.event_type, e.admin1, e.date_start) for e in events] == [("attack", "AF-KDZ", dt.date(2023, 4, 1))]
    record = "ISIS-K has claimed a series of bombings in Kunduz in the past two months."
    told = extractor.extract(record, "tally", dt.date(2023, 5, 10), "day")
    assert [e for e in told if e.event_type == "attack"] == []


# An operation placed at a region that lies inside one province (a Pakistani tribal district, a mountain range) is
# placed there; only a border strip or a region spanning provinces or countries is too vague for an operation.
@pytest.mark.parametrize(
    ("text", "place", "admin1"),
    [
        ("Pakistani troops raided an ISIS-K hideout in Bajaur on Saturday, killing four militants.", "Bajaur", "PK-KP"),
        ("Security forces killed six ISIS-K fighters in an operation in North Waziristan on Friday.",
         "North Waziristan", "PK-KP"),
    ],
)  # fmt: skip
def test_an_operation_at_a_region_inside_one_province_is_placed_there(
    atlas_extractor: Extractor, text: str, place: str, admin1: str
) -> None:
    (event,) = atlas_extractor.extract(text, "t", dt.date(2022, 12, 11), "day")
    assert (event.event_type, event.place_text, event.admin1) == ("counter_operation", place, admin1)


def test_an_operation_along_a_border_strip_is_still_too_vague(atlas_extractor: Extractor) -> None:
    text = "Security forces killed six ISIS-K fighters in an operation along the Afghan-Pakistani border on Friday."
    assert [
        e for e in atlas_extractor.extract(text, "t", dt.date(2022, 12, 11), "day") if e.geo_precision == "region"
    ] == []


def test_a_happening_named_by_its_year_is_the_one_told_by_its_day(extractor: Extractor) -> None:
    # The headline names the bombing by its year, the body tells its day: one attack, dated by the day.
    text = (
        "A look back at the 2022 suicide bombing in Kunduz\n\n"
        "On October 8, 2022, an ISIS-K suicide bomber attacked a mosque in Kunduz, killing 40 worshippers."
    )
    found = [
        (e.event_type, e.admin1, e.date_start, e.date_end)
        for e in extractor.extract(text, "y", dt.date(2025, 6, 1), "day")
    ]
    assert found == [("attack", "AF-KDZ", dt.date(2022, 10, 8), dt.date(2022, 10, 8))]


def test_an_attack_told_before_the_group_is_blamed_gives_it_its_toll(extractor: Extractor) -> None:
    # the lead tells the toll without naming anyone; another telling at the place comes between; the blame is last
    text = (
        "At least 15 people were killed in an explosion at a mosque in Herat on Friday.\n\n"
        "The cleric who led the prayers was among the dead.\n\n"
        "His guards were also killed on their way to the mosque.\n\n"
        "Herat police said it was believed to be a suicide bombing.\n\n"
        "Relatives gathered at the hospital.\n\n"
        "The armed group Daesh has been blamed for the blast at the mosque in Herat."
    )
    (event,) = extractor.extract(text, "told-before", dt.date(2022, 9, 3), "day")
    assert (event.event_type, event.admin1, event.killed_low) == ("attack", "AF-HER", 15)
    assert any(text[span.start : span.end].startswith("At least 15 people") for span in event.sources)


@pytest.mark.parametrize(
    ("second", "event_type"),
    [
        # the next sentence tells the state's forces killing the group's men: the fighting was their operation
        ("Police said their officers had killed three ISKP militants, a local commander among them.",
         "counter_operation"),
        # the next sentence tells nothing of the kind: the fighting stays what it was read as
        ("Residents said the shops stayed closed on Monday.", "attack"),
    ],
)  # fmt: skip
def test_fighting_reported_is_the_operation_the_next_sentence_tells(
    extractor: Extractor, second: str, event_type: str
) -> None:
    text = (
        "ISKP cells have stepped up their activity in the east this winter.\n\n"
        f"On Sunday, explosions and clashes were reported in Jalalabad city. {second}"
    )
    events = [e for e in extractor.extract(text, "t", dt.date(2023, 3, 21)) if e.admin1 == "AF-NAN"]
    assert [e.event_type for e in events if e.event_type != "presence"] == [event_type]


def test_an_attack_said_to_be_unclaimed_is_not_the_groups_though_it_claimed_others_around_it(
    extractor: Extractor,
) -> None:
    """Wire copy in one paragraph: the group is named as the claimant of earlier attacks ("it follows three attacks
    on Thursday, all claimed by IS"), and a sentence says the new attack at the same place is unclaimed. The new
    attack is not the group's (nor dated from the earlier attacks' Thursday); the earlier one it claimed is kept;
    blame put on the group for the new one still makes it the group's."""
    text = (
        "Officials say a bomb went off inside a mosque in Kunduz city, leaving at least 30 dead. "
        "It follows three attacks around the country on Thursday, each of them claimed by ISIS-K. "
        "The Taliban insist the militants are beaten, yet ISIS-K still poses a danger. "
        "Nobody has admitted to Friday's attack in Kunduz. "
        "The explosion resembled Thursday's bombing of a mosque in Mazar-i-Sharif that left 31 dead."
    )
    events = extractor.extract(text, "unclaimed", dt.date(2022, 4, 22), "day")
    assert [(e.admin1, e.date_start) for e in events] == [("AF-BAL", dt.date(2022, 4, 21))]
    blamed = (
        "Officials say a bomb went off inside a mosque in Kunduz city, leaving at least 30 dead. "
        "No group has claimed the attack in Kunduz, but Taliban officials blamed Islamic State for the bombing."
    )
    assert [e.admin1 for e in extractor.extract(blamed, "blamed", dt.date(2022, 4, 22), "day")] == ["AF-KDZ"]


def test_a_happening_told_at_country_level_takes_the_place_the_next_sentence_gives_it(
    atlas_extractor: Extractor,
) -> None:
    """The lead places a bombing only in a country; the next sentence (its paragraph, or the next one referring back
    to its dead) names the town, telling nothing of its own: the bombing is at that town. A sentence with its own
    happening or date does not move it."""
    lead = "ISIS-K said a suicide bomber killed 40 people at a campaign rally in south-western Pakistan on Friday."
    for follow in (
        " A local candidate was among the dead in the town of Mastung, police say.",
        "\n\nA local candidate was among the dead in the town of Mastung, police say.",
    ):
        events = atlas_extractor.extract(lead + follow, "placed", dt.date(2018, 7, 14), "day")
        assert [(e.admin1, e.killed_low) for e in events] == [("PK-BA", 40)], follow
    other = lead + "\n\nA bomb attack on another rally in the town of Bannu killed four people on Tuesday."
    assert ("PK-BA", 40) not in [
        (e.admin1, e.killed_low) for e in atlas_extractor.extract(other, "o", dt.date(2018, 7, 14), "day")
    ]


def test_an_operation_told_at_country_level_is_where_the_cell_it_broke_up_was(atlas_extractor: Extractor) -> None:
    """ "Uzbekistan dismantles ISIS-K cell" and "the cell was based in Namangan": one operation, at Namangan (the
    cell's presence folds into it); with the group's men placed in two provinces the operation stays where told."""
    text = (
        "Uzbekistan Dismantles ISIS-K Cell\n\n"
        "Uzbekistan's security service said on Monday it had dismantled a cell of ISIS-K.\n\n"
        "A young woman was found to be the leader of the secret ISIS-K cell in Namangan, the service said."
    )
    events = atlas_extractor.extract(text, "cell", dt.date(2025, 7, 21), "day")
    assert [(e.event_type, e.admin1) for e in events] == [("counter_operation", "UZ-NG")]
    two = text + "\n\nAnother cell of ISIS-K members was active in Tashkent, the service said."
    kinds = [(e.event_type, e.admin1) for e in atlas_extractor.extract(two, "two", dt.date(2025, 7, 21), "day")]
    assert ("counter_operation", "UZ-NG") not in kinds


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # where the bomber came from ("an Afghan from X")
        ("PESHAWAR, Jan 30, 2023 - A suicide bomber blew himself up in a mosque inside a police compound in Peshawar"
         " on Monday, killing 84 people. Officials said the bomber, an Afghan from Nangarhar, was linked to ISIS-K.",
         [("attack", "PAK")]),
        # the way the bombers came ("entered the country from Afghanistan through X")
        ("TEHRAN, Jan 5, 2024 - Twin blasts at a memorial ceremony in Kerman killed 95 people on Wednesday, and"
         " ISIS-K claimed responsibility. Iranian officials said one of the bombers had entered the country from"
         " Afghanistan through Herat two weeks earlier.", [("attack", "IRN")]),
        # where the group is based, told with a possessive ("based in Afghanistan's X province")
        ("ISLAMABAD, July 31, 2023 - A suicide bombing at a political rally in Bajaur, Pakistan, killed 54 people on"
         " Sunday. ISIS-K, which is based in Afghanistan's Nangarhar province, claimed the attack on Monday.",
         [("attack", "PAK")]),
        # where a reaction came from ("In Kabul, a Taliban spokesman condemned the attack")
        ("MOSCOW, March 23, 2024 - Gunmen killed at least 60 people at a concert hall near Moscow on Friday in an"
         " attack claimed by ISIS-K. In Kabul, a Taliban spokesman condemned the attack on Saturday.",
         [("attack", "RUS")]),
        # where the attackers went to train ("had travelled to X for training")
        ("MOSCOW, March 24, 2024 - The Tajik men accused of the Moscow concert hall attack had travelled to"
         " Afghanistan's Kunar province for training, investigators said on Friday. ISIS-K claimed the attack,"
         " which killed 145 people.", [("attack", "RUS")]),
        # a hyphenated name read whole, not through its last part ("Sistan-Baluchestan" is Iran's, not Balochistan)
        ("TEHRAN, Sept 5, 2022 - Iranian intelligence said on Monday it had arrested 11 members of an ISIS-K cell in"
         " Sistan-Baluchestan province.", [("counter_operation", "IRN")]),
        # an arrest where the cell was, not where its planned bombings were to be
        ("TEHRAN, Sept 5, 2022 - Iranian intelligence said on Monday it had arrested 11 members of an ISIS-K cell in"
         " Kerman province who were planning bombings during religious ceremonies in Tehran.",
         [("counter_operation", "IRN")]),
        # a place after another's possessive that lies in another country is a namesake: the possessor's place
        ("PESHAWAR, Aug 1, 2023 - ISIS-K gunmen shot dead two policemen in Peshawar's Chamkani area on Monday.",
         [("attack", "PAK")]),
        # a relative clause on the group telling an attack abroad, beside the news at home
        ("KABUL, June 20, 2024 - ISIS-K, which killed 145 people at a Moscow concert hall in March, also claimed a"
         " suicide bombing in Kabul last week that killed six.", [("attack", "AFG"), ("attack", "RUS")]),
        # an arrest whose only place is the planned attack's: in the country whose police made it
        ("BERLIN, Dec 28, 2023 - German police arrested a 30-year-old Tajik man suspected of planning an attack on"
         " Cologne cathedral for ISIS-K on Sunday.", [("counter_operation", "DEU")]),
    ],
)  # fmt: skip
def test_a_happening_abroad_stays_abroad_whatever_afghan_place_is_named_beside_it(
    atlas_extractor: Extractor, text: str, expected: list[tuple[str, str]]
) -> None:
    events = atlas_extractor.extract(text, "abroad", None, "unknown")
    assert [(e.event_type, e.country) for e in events] == expected


def test_an_attack_said_unclaimed_is_not_the_groups_when_only_that_sentence_names_it(extractor: Extractor) -> None:
    """ "No group claimed it, but IS has carried out similar attacks": the group is named for other attacks; blame
    put on it for this one ("police blamed Islamic State for the attack") still makes it the group's."""
    told = "A bomb blast tore through a minibus in Kabul on Thursday, killing six people. "
    similar = told + "No group immediately claimed responsibility, but Islamic State has carried out similar attacks."
    assert extractor.extract(similar, "similar", dt.date(2022, 9, 10), "day") == []
    blamed = told + "No group immediately claimed responsibility, but police blamed Islamic State for the attack."
    (event,) = extractor.extract(blamed, "blamed", dt.date(2022, 9, 10), "day")
    assert (event.admin1, event.actor) == ("AF-KAB", "ISIS-K")


def test_the_undated_record_of_the_men_an_operation_took_is_no_event(atlas_extractor: Extractor) -> None:
    """ "The Taliban killed a commander. He was responsible for the attacks on the embassies in X and a mosque in Y":
    his record, undated, after the operation; dated, a recalled attack is an event (the corpus convention)."""
    raid = "The Taliban said on Sunday they had killed a senior Islamic State commander in a raid in Balkh province. "
    record = (
        "Officials said the commander was responsible for the attacks on two embassies in Kabul and a mosque in Herat."
    )
    events = atlas_extractor.extract(raid + record, "record", dt.date(2022, 9, 10), "day")
    assert [(e.event_type, e.admin1) for e in events] == [("counter_operation", "AF-BAL")]
    dated = record.replace("a mosque in Herat.", "a mosque in Herat in March 2022.")
    kinds = [(e.event_type, e.admin1) for e in atlas_extractor.extract(raid + dated, "r", dt.date(2022, 9, 10), "day")]
    assert ("counter_operation", "AF-BAL") in kinds and len(kinds) > 1


def test_places_told_each_in_a_clause_of_its_own_keep_their_clauses_figures(extractor: Extractor) -> None:
    """ "In X, a bomb killed ...; in Y, a roadside bomb wounded three": the three wounded are Y's only."""
    text = (
        "Two explosions hit Kabul and Kunduz on Saturday. In Kabul, a car bomb killed two Taliban officials; in Kunduz,"
        " a roadside bomb wounded three civilians. ISIS-K claimed both attacks."
    )
    events = extractor.extract(text, "clauses", dt.date(2022, 10, 2), "day")
    figures = {e.admin1: (e.killed_low, e.injured_low) for e in events}
    assert figures == {"AF-KAB": (2, None), "AF-KDZ": (None, 3)}


def test_a_strength_figure_for_the_country_is_kept_beside_the_provinces_it_names(extractor: Extractor) -> None:
    """ "4,000 to 6,000 fighters and family members in Afghanistan, with its main presence in Kunar and Nangarhar":
    presence in the country (the count) and in each province named (the corpus convention)."""
    text = (
        "A United Nations report estimated that ISIS-K has between 4,000 and 6,000 fighters and family members in"
        " Afghanistan, with its main presence in Kunar and Nangarhar provinces."
    )
    places = {(e.event_type, e.admin1 or e.country) for e in extractor.extract(text, "un", dt.date(2023, 7, 20), "day")}
    assert places == {("presence", "AFG"), ("presence", "AF-KNR"), ("presence", "AF-NAN")}


def test_an_attack_whose_men_the_forces_killed_in_it_is_the_attack(extractor: Extractor) -> None:
    """ "Gunmen stormed a temple, killing two, before Taliban forces killed the attackers": one attack, its toll."""
    text = (
        "Gunmen stormed a Sikh temple in Kabul on Saturday, killing two people before Taliban forces killed the"
        " attackers, officials said. ISIS-K later claimed the attack."
    )
    events = extractor.extract(text, "temple", dt.date(2022, 6, 19), "day")
    assert [(e.event_type, e.admin1, e.killed_low) for e in events] == [("attack", "AF-KAB", 2)]


def test_an_attack_of_the_same_kind_told_in_a_clause_of_its_own_is_one_more_event(extractor: Extractor) -> None:
    """ "... the bombing in X on Monday; in March, its fighters bombed a mosque in Y, killing 50": two attacks, each
    with its place, date and figures."""
    text = (
        "ISIS-K claimed the bombing in Kabul on Monday; in March, its fighters bombed a mosque in Kunduz, killing 50."
    )
    events = extractor.extract(text, "two", dt.date(2024, 6, 20), "day")
    found = {(e.admin1, e.date_start, e.killed_low) for e in events}
    assert found == {("AF-KAB", dt.date(2024, 6, 17), None), ("AF-KDZ", dt.date(2024, 3, 1), 50)}


def test_attacks_told_each_with_its_date_right_after_its_place_keep_their_dates(atlas_extractor: Extractor) -> None:
    """ "from the bombings in X in January 2024 to the massacre in Y in March of that year": each its own month."""
    text = (
        "Its attacks abroad, from the Kerman bombings in Iran in January 2024 to the Moscow concert hall massacre"
        " in March of that year, were claimed by ISIS-K."
    )
    events = atlas_extractor.extract(text, "abroad", dt.date(2025, 9, 15), "day")
    assert {(e.country, e.date_start) for e in events} == {("IRN", dt.date(2024, 1, 1)), ("RUS", dt.date(2024, 3, 1))}


def test_a_beheading_the_group_did_is_its_attack(atlas_extractor: Extractor) -> None:
    """ "The militants, who had seized villages in X this week, beheaded four civilians on Thursday": an attack (four
    killed), not a presence report."""
    text = (
        "Afghan forces killed 15 ISIS-K fighters in Achin district of Nangarhar province on Saturday, officials said."
        " The militants, who had seized several villages in Achin early this week, beheaded four civilians on"
        " Thursday, the governor's spokesman said."
    )
    events = atlas_extractor.extract(text, "beheaded", dt.date(2016, 6, 25), "day")
    attacks = [(e.admin1, e.date_start, e.killed_low) for e in events if e.event_type == "attack"]
    assert attacks == [("AF-NAN", dt.date(2016, 6, 23), 4)]


def test_a_claim_of_the_attack_after_a_launch_is_the_launchs_claim(atlas_extractor: Extractor) -> None:
    """ "Rockets fired from X hit Termez. ISIS-K later claimed the attack.": one launch, claimed, no attack at X."""
    text = (
        "TASHKENT, April 18 (Reuters) - Uzbekistan said several rockets fired from Afghanistan's Hairatan area hit"
        " the southern city of Termez on Monday, causing no casualties. ISIS-K later claimed the attack."
    )
    events = atlas_extractor.extract(text, "launch", dt.date(2022, 4, 18), "day")
    assert [(e.event_type, e.admin1, e.target_country, e.claimed_by) for e in events] == [
        ("cross_border_launch", "AF-BAL", "UZB", "ISIS-K")
    ]


def test_rockets_aimed_at_a_place_across_the_border_are_the_launchs_target(extractor: Extractor) -> None:
    text = (
        "ISIS-K militants fired a volley of rockets from Afghanistan toward Uzbekistan on April 18, Taliban "
        "officials admitted on Tuesday.\n\n"
        "In its claim of the attack, the group said eight rockets had been aimed at a military post near Termez."
    )
    events = extractor.extract(text, "aimed", dt.date(2022, 4, 25))
    assert [(e.event_type, e.place_id, e.target_country) for e in events] == [("cross_border_launch", "AFG", "UZB")]
    assert events[0].target_place_id == "gn:termez"
    assert any(text[ref.start : ref.end].startswith("In its claim") for ref in events[0].sources)


def test_the_day_a_toll_rose_is_not_the_day_of_the_attack(extractor: Extractor) -> None:
    text = (
        "The toll rose today to 20 dead from the suicide bombing Sunday by ISIS-K fighters at the prison in "
        "Jalalabad, officials said."
    )
    (event,) = extractor.extract(text, "toll-day", dt.date(2020, 8, 4), "day")
    assert (event.event_type, event.date_start) == ("attack", dt.date(2020, 8, 2))


def test_the_attack_told_back_a_day_apart_is_the_one_told_before(extractor: Extractor) -> None:
    text = (
        "ISIS-K fighters stormed the prison in Jalalabad on Sunday, officials said.\n\n"
        "The attack claimed by the group began yesterday evening and went on through the night in Jalalabad."
    )
    events = extractor.extract(text, "a-day-apart", dt.date(2020, 8, 4), "day")
    assert [(e.event_type, e.date_start) for e in events] == [("attack", dt.date(2020, 8, 2))]


def test_an_arrest_of_the_suspect_behind_the_attack_is_at_its_place_and_takes_no_toll(extractor: Extractor) -> None:
    text = (
        "Mortars fired by ISIS-K fighters hit a ceremony in Kabul on Thursday, officials said.\n\n"
        '"Police have detained the man thought to be behind the attack," a spokesman added.\n\n'
        '"Three dead and twenty wounded have been taken to hospitals," a health official said.'
    )
    events = extractor.extract(text, "behind", dt.date(2019, 3, 7), "day")
    found = {(e.event_type, e.place_id): (e.killed_low, e.injured_low) for e in events}
    assert found == {("attack", "gn:kabul"): (3, 20), ("counter_operation", "gn:kabul"): (None, None)}


def test_an_arrest_abroad_told_without_a_place_is_where_its_paragraph_placed_the_plot(extractor: Extractor) -> None:
    text = (
        "Officials described the plot on Monday.\n\n"
        "The man was helped by three ISIS-K fighters who stayed in Termez. Before they struck, he told the "
        "authorities of the plan. Twenty suspects were arrested."
    )
    events = extractor.extract(text, "plot-abroad", dt.date(2024, 3, 25), "day")
    assert [(e.event_type, e.sub_type, e.place_id) for e in events if e.event_type == "counter_operation"] == [
        ("counter_operation", "arrest", "gn:termez")
    ]


def test_an_earlier_attack_a_clause_gives_to_another_group_is_not_the_groups(extractor: Extractor) -> None:
    text = (
        "ISIS-K gunmen stormed a ministry in Kabul on Monday, officials said. The assault came a week after "
        "30 people were killed in a Taliban attack on a bus in Kunduz."
    )
    events = extractor.extract(text, "others-earlier", dt.date(2017, 7, 31), "day")
    assert [(e.event_type, e.admin1) for e in events] == [("attack", "AF-KAB")]
    own = text.replace("a Taliban attack", "an ISIS-K attack")
    assert sorted(e.admin1 or "" for e in extractor.extract(own, "own-earlier", dt.date(2017, 7, 31), "day")) == [
        "AF-KAB",
        "AF-KDZ",
    ]


def test_afghanistan_named_to_say_what_the_group_is_is_no_presence_report(extractor: Extractor) -> None:
    text = (
        "US officials spoke on Monday.\n\n"
        "ISIS-K, the branch of the group that operates in Afghanistan, claimed the suicide bombing at Kabul airport "
        "on Aug. 26. When the Taliban took the base on Aug. 15, the group's fighters were freed from its prison."
    )
    events = extractor.extract(text, "what-it-is", dt.date(2021, 8, 30), "day")
    assert [(e.event_type, e.place_id) for e in events] == [("attack", "gn:kabul")]


def test_a_headlines_count_of_the_dead_is_no_strength_report(extractor: Extractor) -> None:
    text = (
        "Afghanistan: At least 16 IS militants dead\n\n"
        "At least 16 IS militants were killed in air strikes by US forces in Achin district of Nangarhar on Saturday."
    )
    events = extractor.extract(text, "headline-dead", dt.date(2017, 3, 12), "day")
    assert [e.event_type for e in events] == ["counter_operation"]


def test_a_claim_naming_the_attack_far_into_the_report_reaches_back_to_it(extractor: Extractor) -> None:
    background = " ".join(f"Residents recalled earlier years of unrest in the city, number {n}." for n in range(8))
    text = (
        "A suicide bombing at a mosque in Kabul on Friday killed 12 worshippers, hospital officials said.\n\n"
        f"{background}\n\n"
        "The Islamic State's Khorasan chapter claimed responsibility for the suicide bombing on its website."
    )
    events = extractor.extract(text, "far-claim", dt.date(2022, 3, 5), "day")
    assert [(e.event_type, e.place_id, e.claimed_by) for e in events] == [("attack", "gn:kabul", "ISIS-K")]


def test_a_verdicts_day_is_not_the_day_of_the_attack_it_names_by_its_year(extractor: Extractor) -> None:
    text = (
        "A court in Kabul on Thursday convicted nine men of involvement in the 2023 bombing of a mosque in Kabul that "
        "killed 20 worshippers.\n\n"
        "ISIS-K claimed the March 5, 2023, bombing of the mosque in Kabul, in which a suicide bomber struck."
    )
    events = extractor.extract(text, "verdict", dt.date(2026, 3, 13), "day")
    assert [(e.event_type, e.place_id, e.date_start) for e in events] == [("attack", "gn:kabul", dt.date(2023, 3, 5))]


def test_an_air_strike_told_by_its_day_without_a_place_is_at_the_articles_country(extractor: Extractor) -> None:
    text = (
        "The number of ISIS-K fighters in Afghanistan has grown, a US general said.\n\n"
        "US forces said an airstrike on Sunday killed a planner of ISIS-K."
    )
    events = extractor.extract(text, "strike-day", dt.date(2021, 8, 30), "day")
    strikes = [e for e in events if e.event_type == "counter_operation"]
    assert [(e.sub_type, e.place_id, e.date_start) for e in strikes] == [("airstrike", "AFG", dt.date(2021, 8, 29))]
