from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from isk_atlas.pagedate import dateline_date, metadata_date, page_date

PAGE = """<!doctype html><html><head><title>Blast kills 4 in Kabul</title>
<meta property="article:published_time" content="2023-05-10T09:00:00Z"></head>
<body><nav>Home | World | NAV</nav><article><h1>Blast kills 4 in Kabul</h1>
<p>KABUL, May 10 (Example) - An ISIS-K suicide bomber struck a Shia mosque in western Kabul on Wednesday, killing
four worshippers, police said.</p>
<p>Islamic State Khorasan claimed responsibility for the attack in a statement on its Amaq news agency.</p>
</article></body></html>"""


def test_metadata_gives_the_publication_day() -> None:
    assert metadata_date(PAGE) == dt.date(2023, 5, 10)
    assert metadata_date("<html><body><p>No date here at all.</p></body></html>") is None


def test_a_dateline_is_read_in_the_metadata_year_or_its_own() -> None:
    assert dateline_date("KABUL, May 10 (Example) - A bomb ...", 2023) == (dt.date(2023, 5, 10), "May 10")
    assert dateline_date("Headline\n\nMAZAR-I-SHARIF, 9 March 2023 — Text", None) == (
        dt.date(2023, 3, 9),
        "9 March 2023",
    )
    assert dateline_date("KABUL, May 10 - no year anywhere", None) is None
    assert dateline_date("The group said on May 10 - nothing more", 2023) is None


def test_page_date_says_where_it_came_from() -> None:
    found = page_date(PAGE, "Blast kills 4 in Kabul\n\nKABUL, May 10 (Example) - An ISIS-K suicide bomber ...")
    assert found is not None and (found.date, found.precision) == (dt.date(2023, 5, 10), "day")
    assert "metadata" in found.note and "May 10" in found.note
    only_dateline = page_date(None, "DUSHANBE, July 5, 2022 (Agency) - Rockets ...")
    assert only_dateline is not None and only_dateline.date == dt.date(2022, 7, 5)
    assert "dateline" in only_dateline.note
    assert page_date("<html><body>nothing</body></html>", "Nothing dated here.") is None


def test_add_source_records_the_date_and_the_lead_is_one_dated_attack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The issue's page: add-source records the publication date and its origin; the extractor then proposes one
    attack (headline and lead are one happening), dated by the weekday read against the publication."""
    from isk_atlas import sources
    from isk_atlas.events.extract import Extractor

    # add_source fetches through its own module's name (isk_atlas.sources.add)
    monkeypatch.setattr(sources.add, "fetch_url", lambda url, *args, **kwargs: (PAGE.encode(), "text/html"))
    added = sources.add_source("https://news.example.org/blast", tmp_path)
    sidecar = yaml.safe_load(added.with_name(added.name.replace(".txt", ".meta.yaml")).read_text(encoding="utf-8"))
    assert str(sidecar["published"]) == "2023-05-10" and sidecar["published_precision"] == "day"
    assert "metadata" in sidecar["published_note"] and "add-source" in sidecar["published_note"]
    (source,) = sources.load_sources(tmp_path).sources
    events = [e for e in Extractor().extract_source(source) if e.event_type == "attack"]
    assert len(events) == 1, events
    (attack,) = events
    assert (attack.admin1, attack.date_start, attack.killed_low) == ("AF-KAB", dt.date(2023, 5, 10), 4)
