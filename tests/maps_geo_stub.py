"""A tiny stand-in for `isk_atlas.geo` (boxes for provinces, a handful of places) for the layers and maps tests.

The shapes are rough rectangles in the right places: enough to check geometry by precision, not geography.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Iterator

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from isk_atlas.schema import Event, Figure, SourceMeta, SourceRef

ADMIN1 = [
    # id, name, country, kind, (min lon, min lat, max lon, max lat)
    ("AF-KAB", "Kabul", "AFG", "province", (68.8, 34.2, 69.8, 35.0)),
    ("AF-NAN", "Nangarhar", "AFG", "province", (69.8, 33.9, 71.2, 34.5)),
    ("AF-KNR", "Kunar", "AFG", "province", (70.8, 34.5, 71.6, 35.3)),
    ("AF-BAL", "Balkh", "AFG", "province", (66.3, 36.0, 67.6, 37.2)),
    ("AF-TAK", "Takhar", "AFG", "province", (69.0, 36.0, 70.3, 37.3)),
    ("AF-BDS", "Badakhshan", "AFG", "province", (70.3, 36.0, 74.9, 37.6)),
    ("UZ-SU", "Surxondaryo", "UZB", "region", (66.5, 37.2, 68.5, 38.9)),
    ("TJ-KT", "Khatlon", "TJK", "region", (68.5, 37.3, 70.3, 38.6)),
    ("TJ-GB", "Gorno-Badakhshan", "TJK", "region", (70.3, 37.6, 75.0, 39.5)),
]

GAZETTEER = [
    # id, name, kind, admin1, country, lat, lon
    ("gn:1138958", "Kabul", "town", "AF-KAB", "AFG", 34.53, 69.17),
    ("gn:1142240", "Jalalabad", "town", "AF-NAN", "AFG", 34.43, 70.45),
    ("AF-NAN.achin", "Achin", "district", "AF-NAN", "AFG", 34.13, 70.68),
    ("cur:hairatan", "Hairatan", "town", "AF-BAL", "AFG", 37.21, 67.42),
    ("gn:1514019", "Termez", "town", "UZ-SU", "UZB", 37.22, 67.28),
    ("gn:1147290", "Taloqan", "town", "AF-TAK", "AFG", 36.73, 69.53),
    ("AF-KAB", "Kabul", "province", "AF-KAB", "AFG", 34.5, 69.2),
]

ATTRIBUTION = "Boundaries: test boxes; places: test list"


def load_admin1() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "id": [row[0] for row in ADMIN1],
            "name": [row[1] for row in ADMIN1],
            "country": [row[2] for row in ADMIN1],
            "kind": [row[3] for row in ADMIN1],
        },
        geometry=[box(*row[4]) for row in ADMIN1],
        crs="EPSG:4326",
    )


def load_regions() -> gpd.GeoDataFrame:
    admin1 = load_admin1().set_index("id")
    northeast = admin1.loc[["AF-TAK", "AF-BDS", "AF-KNR"]].union_all()
    border = box(67.0, 36.9, 75.0, 37.8)
    return gpd.GeoDataFrame(
        {
            "id": ["region:northeast", "region:afghan-tajik-border"],
            "name": ["Northeast", "Afghan-Tajik border"],
            "aliases": ["north-east", "Tajik border"],
        },
        geometry=[northeast, border],
        crs="EPSG:4326",
    )


def load_gazetteer() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": [row[0] for row in GAZETTEER],
            "name": [row[1] for row in GAZETTEER],
            "kind": [row[2] for row in GAZETTEER],
            "admin1": [row[3] for row in GAZETTEER],
            "admin2": [None] * len(GAZETTEER),
            "country": [row[4] for row in GAZETTEER],
            "lat": [row[5] for row in GAZETTEER],
            "lon": [row[6] for row in GAZETTEER],
            "population": [0] * len(GAZETTEER),
            "source": ["test"] * len(GAZETTEER),
            "alternate_names": [""] * len(GAZETTEER),
            "is_seat": [False] * len(GAZETTEER),
        }
    )


def stub_module() -> types.ModuleType:
    module = types.ModuleType("isk_atlas.geo")
    module.load_admin1 = load_admin1  # type: ignore[attr-defined]
    module.load_regions = load_regions  # type: ignore[attr-defined]
    module.load_gazetteer = load_gazetteer  # type: ignore[attr-defined]
    module.ATTRIBUTION = ATTRIBUTION  # type: ignore[attr-defined]
    return module


@pytest.fixture
def stub_geo(monkeypatch: pytest.MonkeyPatch) -> Iterator[types.ModuleType]:
    """Stand the tiny geography in for `isk_atlas.geo` (whether or not the real one exists)."""
    module = stub_module()
    monkeypatch.setitem(sys.modules, "isk_atlas.geo", module)
    yield module


HOSTILE_TITLE = '<script>alert("title")</script>"><img src=x onerror=alert(1)>'
HOSTILE_PLACE = '"><img src=x onerror=alert(2)><script>alert(3)</script>'


def sample_metadata() -> dict[str, SourceMeta]:
    return {
        "s1": SourceMeta(
            source_id="s1",
            file="s1.txt",
            title="Report on attacks in the east",
            publisher="Test Wire",
            published=pd.Timestamp("2023-03-01").date(),
            published_precision="month",
            url="https://example.org/a",
        ),
        "s2": SourceMeta(source_id="s2", file="s2.txt", title=HOSTILE_TITLE, publisher="Hostile <b>Press</b>"),
    }


SAMPLE_TEXTS = {
    "s1": "Intro line. Gunmen attacked a clinic in Jalalabad on Monday. Later news followed.",
    "s2": "Nothing useful here.",
}


def sample_events() -> list[Event]:
    """One event per precision and type, plus an unreviewed, a rejected and an unplaceable one."""
    s1 = [SourceRef(source_id="s1", start=12, end=58)]
    s2 = [SourceRef(source_id="s2")]
    return [
        Event(
            event_id="e-point",
            event_type="attack",
            sub_type="armed_assault",
            summary="Clinic attacked",
            date_start=pd.Timestamp("2023-01-02").date(),
            date_precision="day",
            place_text="Jalalabad",
            place_id="gn:1142240",
            admin1="AF-NAN",
            country="AFG",
            geo_precision="point",
            killed_low=3,
            killed_high=30,
            figures=[Figure(by="ISIS claim", killed=30), Figure(by="Emergency Hospital", killed=3)],
            sources=s1,
            status="confirmed",
        ),
        Event(
            event_id="e-district",
            event_type="counter_operation",
            sub_type="raid",
            date_start=pd.Timestamp("2022-06-01").date(),
            date_precision="month",
            place_text="Achin",
            place_id="AF-NAN.achin",
            admin1="AF-NAN",
            country="AFG",
            geo_precision="district",
            sources=s1,
            status="confirmed",
        ),
        Event(
            event_id="e-province",
            event_type="presence",
            sub_type="fighters_reported",
            date_start=pd.Timestamp("2021-03-01").date(),
            date_precision="month",
            place_text="Kunar",
            place_id="AF-KNR",
            admin1="AF-KNR",
            country="AFG",
            geo_precision="province",
            sources=s1,
            status="confirmed",
        ),
        Event(
            event_id="e-region",
            event_type="presence",
            sub_type="fighters_reported",
            place_text="the northeast",
            place_id="region:northeast",
            country="AFG",
            geo_precision="region",
            sources=s1,
            status="edited",
        ),
        Event(
            event_id="e-country",
            event_type="presence",
            place_text="Afghanistan",
            place_id="AFG",
            country="AFG",
            geo_precision="country",
            sources=s1,
            status="confirmed",
        ),
        Event(
            event_id="e-launch",
            event_type="cross_border_launch",
            sub_type="rocket_fire",
            summary="Rockets fired toward Termez",
            date_start=pd.Timestamp("2022-04-18").date(),
            date_precision="day",
            place_text="Hairatan",
            place_id="cur:hairatan",
            admin1="AF-BAL",
            country="AFG",
            geo_precision="point",
            target_place_text="Termez",
            target_place_id="gn:1514019",
            target_country="UZB",
            rockets=10,
            sources=s1,
            status="confirmed",
        ),
        Event(
            event_id="e-launch-area",
            event_type="cross_border_launch",
            sub_type="rocket_fire",
            date_start=pd.Timestamp("2022-05-07").date(),
            date_precision="day",
            place_text="Takhar",
            admin1="AF-TAK",
            country="AFG",
            geo_precision="province",
            target_place_text="Tajikistan",
            target_country="TJK",
            rockets=7,
            sources=s1,
            status="confirmed",
        ),
        Event(
            event_id="e-hostile",
            event_type="attack",
            sub_type="bombing",
            summary=HOSTILE_TITLE,
            date_start=pd.Timestamp("2023-02-10").date(),
            date_precision="day",
            place_text=HOSTILE_PLACE,
            lat=34.5,
            lon=69.2,
            country="AFG",
            geo_precision="point",
            killed_low=2,
            killed_high=2,
            sources=s2,
            status="extracted",
        ),
        Event(
            event_id="e-rejected",
            event_type="attack",
            place_text="Kabul",
            place_id="gn:1138958",
            geo_precision="point",
            sources=s1,
            status="rejected",
        ),
        Event(
            event_id="e-nowhere",
            event_type="presence",
            place_text="Atlantis",
            geo_precision="province",
            sources=s1,
            status="confirmed",
        ),
    ]
