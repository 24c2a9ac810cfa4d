"""The register's places: every event is pinned to a gazetteer entry and agrees with it."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from isk_atlas.geo import load_gazetteer, load_regions
from isk_atlas.register import check_places, load_register, read_register
from isk_atlas.schema import Event

ROOT = Path(__file__).resolve().parents[1]
REGISTER = ROOT / "data" / "register.yaml"

# How a gazetteer kind is drawn: anything below a district is a point.
PRECISION_OF_KIND = {
    "town": "point",
    "landmark": "point",
    "quarter": "point",
    "border_crossing": "point",
    "district": "district",
    "province": "province",
    "region": "region",
    "country": "country",
}
SUB_PROVINCE = {"district", "town", "landmark", "quarter", "border_crossing"}


@pytest.fixture(scope="module")
def register() -> list[Event]:
    return load_register(REGISTER)


@pytest.fixture(scope="module")
def gazetteer() -> pd.DataFrame:
    return load_gazetteer().set_index("id")


@pytest.fixture(scope="module")
def known_ids(gazetteer: pd.DataFrame) -> set[str]:
    return set(gazetteer.index) | set(load_regions()["id"])


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((phi2 - phi1) / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def _km_between(gazetteer: pd.DataFrame, first: str, second: str) -> float:
    a, b = gazetteer.loc[first], gazetteer.loc[second]
    return _km(a["lat"], a["lon"], b["lat"], b["lon"])


def _by_id(register: list[Event]) -> dict[str, Event]:
    return {event.event_id: event for event in register}


def test_every_event_is_pinned_to_a_known_place(register: list[Event], known_ids: set[str]) -> None:
    assert all(event.place_id for event in register), [e.event_id for e in register if not e.place_id]
    launches = [event for event in register if event.event_type == "cross_border_launch"]
    assert launches and all(event.target_place_id for event in launches)
    assert check_places(register, known_ids, REGISTER) == []
    # Reading with the gazetteer's ids as the known places finds nothing either (and points at lines if it did).
    assert read_register(REGISTER, known_places=known_ids)[1] == []


def test_an_unknown_place_id_is_reported(register: list[Event], known_ids: set[str]) -> None:
    # The check above could fail: an id the gazetteer does not hold is named with the event and field.
    broken = register[0].model_copy(update={"place_id": "gn:0", "target_place_id": "cur:nowhere"})
    problems = check_places([broken], known_ids)
    assert [problem.field for problem in problems] == ["place_id", "target_place_id"]
    assert "gn:0" in problems[0].message and "cur:nowhere" in problems[1].message


def test_geo_precision_agrees_with_the_gazetteer_kind(register: list[Event], gazetteer: pd.DataFrame) -> None:
    for event in register:
        kind = gazetteer.loc[event.place_id, "kind"]
        assert event.geo_precision == PRECISION_OF_KIND[kind], (event.event_id, kind, event.geo_precision)


def test_admin_codes_agree_with_the_gazetteer_row(register: list[Event], gazetteer: pd.DataFrame) -> None:
    district_names = gazetteer.loc[gazetteer["kind"] == "district", "name"]
    for event in register:
        row = gazetteer.loc[event.place_id]
        if row["kind"] != "region":
            assert event.country == row["country"], event.event_id
        if row["kind"] == "province":
            assert event.admin1 == event.place_id, event.event_id
        if row["kind"] in SUB_PROVINCE:
            assert event.admin1 == row["admin1"], (event.event_id, event.admin1, row["admin1"])
        if row["admin2"]:
            # The register keeps district names (schema: admin2 is the district name); they are the gazetteer's.
            assert event.admin2 == district_names[row["admin2"]], (event.event_id, event.admin2)
        elif event.admin2 is not None:
            # A curated place carries no district: the named one must be a district of the same province nearby.
            districts = gazetteer[(gazetteer["kind"] == "district") & (gazetteer["name"] == event.admin2)]
            districts = districts[districts["admin1"] == event.admin1]
            assert len(districts) == 1, (event.event_id, event.admin2)
            assert _km_between(gazetteer, event.place_id, districts.index[0]) < 15, event.event_id
        if event.target_place_id:
            target = gazetteer.loc[event.target_place_id]
            assert event.target_country == target["country"], event.event_id
            if target["kind"] != "country":
                assert event.target_admin1 == target["admin1"], event.event_id


def test_coordinates_are_kept_only_where_better_than_the_gazetteer(
    register: list[Event], gazetteer: pd.DataFrame
) -> None:
    for event in register:
        for place_id, lat, lon in (
            (event.place_id, event.lat, event.lon),
            (event.target_place_id, event.target_lat, event.target_lon),
        ):
            if place_id is None or lat is None or lon is None:
                continue
            row = gazetteer.loc[place_id]
            # A point that merely repeats the gazetteer's is noise; one that differs must say why.
            assert _km(lat, lon, row["lat"], row["lon"]) > 0.5, (event.event_id, place_id)
            assert "coordinates" in event.notes.lower(), event.event_id


@pytest.mark.parametrize(
    ("event_id", "place_id", "target_place_id"),
    [
        ("2021-10-08-kunduz-sayedabad-mosque-bombing", "cur:sayedabad-mosque-kunduz", None),
        ("2021-10-15-kandahar-imam-bargah-mosque-bombing", "cur:imam-bargah-mosque-kandahar", None),
        ("2023-03-12-mazar-tebiyan-bombing", "cur:tebiyan-cultural-center", None),
        ("2023-03-09-mazar-balkh-governor-assassination", "gn:1133616", None),
        ("2021-08-26-kabul-airport-bombing", "cur:kabul-airport", None),
        ("2023-02-kabul-karte-naw-raid", "cur:karte-naw", None),
        ("kabul-dasht-e-barchi-attacks", "cur:dasht-e-barchi", None),
        ("2022-09-05-kabul-russian-embassy-bombing", "cur:russia-embassy-kabul", None),
        ("2023-01-11-kabul-foreign-ministry-bombing", "cur:mofa-kabul", None),
        ("2021-03-badakhshan-jurm-foreign-fighters", "AF-BDS.jurm", None),
        ("2021-03-badakhshan-warduj-foreign-fighters", "AF-BDS.warduj", None),
        ("2021-03-badakhshan-nusay-foreign-fighters", "AF-BDS.nusay", None),
        ("2021-03-badakhshan-maymay-foreign-fighters", "AF-BDS.maymay", None),
        ("2021-03-badakhshan-raghistan-foreign-fighters", "AF-BDS.raghistan", None),
        ("2018-08-01-jawzjan-darzab-taliban-operation", "AF-JOW.darzab", None),
        ("2018-08-01-jawzjan-darzab-isis-surrender", "AF-JOW.darzab", None),
        ("2022-04-18-hairatan-rockets-uzbekistan", "cur:sarechaah", "gn:1215957"),
        ("2022-07-05-rockets-majnuntol-uzbekistan", "AFG", "cur:majnuntol"),
        ("2022-07-17-rockets-uzbekistan", "AFG", "UZB"),
        ("2022-05-takhar-rockets-tajikistan", "AF-TAK", "TJK"),
        ("2023-02-afghan-tajik-border-presence", "region:afghan-tajik-border", None),
    ],
)
def test_key_events_are_pinned(
    register: list[Event], event_id: str, place_id: str, target_place_id: str | None
) -> None:
    event = _by_id(register)[event_id]
    assert (event.place_id, event.target_place_id) == (place_id, target_place_id)


def test_city_events_sit_in_their_city(register: list[Event], gazetteer: pd.DataFrame) -> None:
    events = _by_id(register)
    # The Kunduz mosque bombing is in Kunduz city, the Tebiyan bombing in Mazar-e Sharif, the Kabul ones in Kabul.
    for event_id, city in (
        ("2021-10-08-kunduz-sayedabad-mosque-bombing", "gn:1135689"),
        ("2021-10-15-kandahar-imam-bargah-mosque-bombing", "gn:1138336"),
        ("2023-03-12-mazar-tebiyan-bombing", "gn:1133616"),
    ):
        event = events[event_id]
        assert event.place_id is not None
        assert _km_between(gazetteer, event.place_id, city) < 5, event_id
    kabul = [e for e in register if e.admin2 == "Kabul" and e.place_id is not None]
    assert len(kabul) >= 10
    assert all(_km_between(gazetteer, e.place_id, "gn:1138958") < 15 for e in kabul if e.place_id)


def test_hairatan_launch_goes_from_balkh_to_surxondaryo(register: list[Event], gazetteer: pd.DataFrame) -> None:
    hairatan = _by_id(register)["2022-04-18-hairatan-rockets-uzbekistan"]
    assert hairatan.place_id is not None and hairatan.target_place_id is not None
    assert (hairatan.admin1, hairatan.country) == ("AF-BAL", "AFG")
    assert gazetteer.loc[hairatan.place_id, "admin1"] == "AF-BAL"
    # Sar-e Chah lies in Hairatan port, on the Amu Darya facing Termez.
    assert _km_between(gazetteer, hairatan.place_id, "cur:hairatan") < 5
    assert (hairatan.target_admin1, hairatan.target_country) == ("UZ-SU", "UZB")
    assert gazetteer.loc[hairatan.target_place_id, "admin1"] == "UZ-SU"
    assert _km_between(gazetteer, hairatan.place_id, hairatan.target_place_id) < 20
    majnuntol = _by_id(register)["2022-07-05-rockets-majnuntol-uzbekistan"]
    assert majnuntol.target_place_id is not None
    assert gazetteer.loc[majnuntol.target_place_id, "admin1"] == majnuntol.target_admin1 == "UZ-SU"
