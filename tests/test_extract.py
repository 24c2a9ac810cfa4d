from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from extract_fixtures import small_index

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

    import isk_atlas.events.extract as extract_module
    from isk_atlas.cli import app

    monkeypatch.setattr(extract_module, "default_index", small_index)
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
    assert presence.date_precision == "month" and "publication" in presence.notes
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
