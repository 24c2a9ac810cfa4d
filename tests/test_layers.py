"""Geometry by reported precision, on the curated register and on small hand-made events."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pytest
import shapely

from isk_atlas.geo import load_admin1, load_regions
from isk_atlas.layers import COLUMNS, casualties_text, events_frame, unlocated
from isk_atlas.register import load_register
from isk_atlas.schema import Event, Figure
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def register() -> list[Event]:
    return load_register(ROOT / "data" / "register.yaml")


@pytest.fixture(scope="module")
def frame(register: list[Event]) -> gpd.GeoDataFrame:
    return events_frame(register)


@pytest.fixture(scope="module")
def admin1() -> gpd.GeoSeries:
    return load_admin1().set_index("id").geometry


@pytest.fixture(scope="module")
def countries() -> gpd.GeoSeries:
    return load_admin1()[["country", "geometry"]].dissolve(by="country").geometry


def _event(event_id: str, **fields: Any) -> Event:
    fields.setdefault("event_type", "presence")
    fields.setdefault("place_text", event_id)
    return Event(event_id=event_id, sources=[{"source_id": "test"}], status="confirmed", **fields)


def _same_shape(a: Any, b: Any) -> bool:
    """Equal up to vertex order and float noise: the symmetric difference is a sliver."""
    return bool(shapely.symmetric_difference(a, b).area <= 1e-9 * max(b.area, 1e-12))


def test_one_row_per_event_flat_columns_in_wgs84(register: list[Event], frame: gpd.GeoDataFrame) -> None:
    assert len(frame) == len(register)
    assert list(frame["event_id"]) == [event.event_id for event in register]
    assert frame.crs is not None and frame.crs.to_epsg() == 4326
    assert [c for c in frame.columns if c != "geometry"] == list(COLUMNS)
    # Everything the register holds is placed; nothing is reported as unlocated.
    assert frame.geometry.notna().all() and not frame.geometry.is_empty.any()
    assert frame.attrs["unlocated"] == []
    assert unlocated(frame).empty


def test_a_province_report_is_the_province_polygon_never_a_pin(frame: gpd.GeoDataFrame, admin1: gpd.GeoSeries) -> None:
    rows = frame[frame["geo_precision"] == "province"]
    places = rows[rows["event_type"] != "cross_border_launch"]
    assert len(places) >= 10  # Badakhshan, Nangarhar, Herat, Kabul... in the register
    assert set(places.geometry.geom_type) <= {"Polygon", "MultiPolygon"}
    assert (places["drawn_as"] == "province").all()
    for area_id, geometry in zip(places["area_id"], places.geometry, strict=True):
        assert _same_shape(geometry, admin1[area_id]), area_id
    # The polygon is the one the event names, not a neighbour's.
    assert (places["area_id"] == places["admin1"]).all()


def test_a_region_report_is_the_region_polygon(frame: gpd.GeoDataFrame) -> None:
    regions = load_regions().set_index("id").geometry
    rows = frame[frame["geo_precision"] == "region"]
    assert len(rows) >= 5
    assert (rows["drawn_as"] == "region").all()
    assert (rows["area_id"] == rows["place_id"]).all()
    for area_id, geometry in zip(rows["area_id"], rows.geometry, strict=True):
        assert geometry.geom_type in {"Polygon", "MultiPolygon"}
        assert _same_shape(geometry, regions[area_id]), area_id


def test_district_and_town_reports_are_points_inside_their_province(
    frame: gpd.GeoDataFrame, admin1: gpd.GeoSeries
) -> None:
    rows = frame[frame["geo_precision"].isin(["point", "district"]) & (frame["event_type"] != "cross_border_launch")]
    assert set(rows["geo_precision"]) == {"point", "district"}
    assert (rows.geometry.geom_type == "Point").all()
    assert (rows["drawn_as"] == "point").all()
    provinces = gpd.GeoSeries(admin1.reindex(rows["admin1"]).to_numpy(), index=rows.index, crs="EPSG:4326")
    assert provinces.notna().all()
    inside = provinces.covers(rows.geometry)
    assert inside.all(), list(rows.loc[~inside, "event_id"])


def test_launches_are_lines_from_afghanistan_to_the_neighbour_hit(
    frame: gpd.GeoDataFrame, countries: gpd.GeoSeries
) -> None:
    launches = frame[frame["event_type"] == "cross_border_launch"]
    assert len(launches) == 4
    assert (launches.geometry.geom_type == "LineString").all()
    assert (launches["drawn_as"] == "line").all()
    assert set(launches["target_country"]) == {"TJK", "UZB"}
    for event_id, line, hit in zip(launches["event_id"], launches.geometry, launches["target_country"], strict=True):
        start, end = (shapely.Point(xy) for xy in (line.coords[0], line.coords[-1]))
        assert countries["AFG"].covers(start), f"{event_id} starts outside Afghanistan"
        assert countries[hit].covers(end), f"{event_id} does not end in {hit}"
        assert not countries["AFG"].covers(end)


def test_the_hairatan_launch_starts_on_the_afghan_bank_and_ends_in_surxondaryo(
    frame: gpd.GeoDataFrame, admin1: gpd.GeoSeries
) -> None:
    line = frame.set_index("event_id").geometry["2022-04-18-hairatan-rockets-uzbekistan"]
    assert admin1["AF-BAL"].covers(shapely.Point(line.coords[0]))
    assert admin1["UZ-SU"].covers(shapely.Point(line.coords[-1]))


def test_given_coordinates_win_over_the_gazetteer() -> None:
    frame = events_frame(
        [_event("pinned", place_id="gn:1138958", admin1="AF-KAB", geo_precision="point", lat=34.55, lon=69.2)]
    )
    point = frame.geometry.iloc[0]
    assert (point.x, point.y) == pytest.approx((69.2, 34.55))


def test_a_point_report_without_coordinates_is_drawn_coarser_as_its_province(admin1: gpd.GeoSeries) -> None:
    frame = events_frame(
        [_event("vague", place_id="cur:no-such-place", admin1="AF-KDZ", geo_precision="district", country="AFG")]
    )
    row = frame.iloc[0]
    assert row["drawn_as"] == "province" and row["area_id"] == "AF-KDZ"
    assert _same_shape(row.geometry, admin1["AF-KDZ"])
    assert row["unlocated_reason"] == ""


def test_events_that_cannot_be_placed_are_kept_and_reported() -> None:
    events = [
        _event("kabul", place_id="AF-KAB", admin1="AF-KAB", geo_precision="province"),
        _event("nowhere-point", place_id="gn:999999999", geo_precision="point"),
        _event("nowhere-province", admin1="AF-ZZZ", geo_precision="province"),
        _event("nowhere-region", place_id="region:atlantis", geo_precision="region"),
        _event(
            "launch-no-target",
            event_type="cross_border_launch",
            place_id="AF-TAK",
            admin1="AF-TAK",
            geo_precision="province",
            target_place_id="cur:no-such-village",
        ),
    ]
    frame = events_frame(events)
    assert list(frame["event_id"]) == [event.event_id for event in events]  # nothing dropped
    lost = {"nowhere-point", "nowhere-province", "nowhere-region", "launch-no-target"}
    missing = frame.geometry.isna() | frame.geometry.is_empty
    assert set(frame.loc[missing, "event_id"]) == lost
    reported = {item["event_id"]: item for item in frame.attrs["unlocated"]}
    assert set(reported) == lost
    assert "target" in reported["launch-no-target"]["reason"]
    assert "region" in reported["nowhere-region"]["reason"]
    assert all(item["place_text"] for item in reported.values())
    assert set(unlocated(frame)["event_id"]) == lost


def test_an_empty_register_gives_an_empty_frame_with_the_columns() -> None:
    frame = events_frame([])
    assert len(frame) == 0
    assert [c for c in frame.columns if c != "geometry"] == list(COLUMNS)
    assert frame.attrs["unlocated"] == []


def test_contested_casualties_are_written_out_with_who_says_what() -> None:
    event = _event(
        "contested",
        event_type="attack",
        place_id="AF-KAB",
        killed_low=3,
        killed_high=30,
        figures=[Figure(by="ISIS claim", killed=30), Figure(by="hospital", killed=3)],
    )
    assert casualties_text(event) == "3-30 killed: 30 by ISIS claim, 3 by hospital"


def test_a_launch_end_known_only_as_a_country_is_drawn_at_its_border_not_its_centre(
    frame: gpd.GeoDataFrame, admin1: gpd.GeoSeries, countries: gpd.GeoSeries
) -> None:
    launches = frame.set_index("event_id")
    border = countries["AFG"].boundary

    def ends(event_id: str) -> tuple[shapely.Point, shapely.Point]:
        line = launches.geometry[event_id]
        return shapely.Point(line.coords[0]), shapely.Point(line.coords[-1])

    # "From Afghanistan" to a known Uzbek village: starts just inside the Afghan border facing it (Balkh).
    start, end = ends("2022-07-05-rockets-majnuntol-uzbekistan")
    assert launches.loc["2022-07-05-rockets-majnuntol-uzbekistan", "target_precision"] == "point"
    assert border.distance(start) <= 0.11 and admin1["AF-BAL"].covers(start)
    assert not admin1["AF-DAY"].covers(start)  # Afghanistan's centroid is in Daykundi
    # Afghanistan to "Uzbekistan": a short arrow across the shared border, not into Navoiy.
    start, end = ends("2022-07-17-rockets-uzbekistan")
    assert launches.loc["2022-07-17-rockets-uzbekistan", "target_precision"] == "country"
    assert countries["AFG"].covers(start) and countries["UZB"].covers(end)
    assert border.distance(start) <= 0.11 and border.distance(end) <= 0.11
    assert not admin1["UZ-NW"].covers(end)
    # Takhar to "Tajikistan": from the province, ending just over the border.
    start, end = ends("2022-05-takhar-rockets-tajikistan")
    assert launches.loc["2022-05-takhar-rockets-tajikistan", "target_precision"] == "country"
    assert admin1["AF-TAK"].covers(start)
    assert countries["TJK"].covers(end) and border.distance(end) <= 0.11
    # Other events carry no target precision.
    assert frame.loc[frame["event_type"] != "cross_border_launch", "target_precision"].isna().all()


def test_repeated_frames_under_one_memo_build_the_reference_geography_once(
    register: list[Event], monkeypatch: pytest.MonkeyPatch
) -> None:
    from isk_atlas import layers

    built: list[object] = []
    real = layers._Reference.__init__

    def counting(self: object, *args: Any) -> None:
        built.append(self)
        real(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(layers._Reference, "__init__", counting)
    memo = layers.RowMemo()
    first = events_frame(register, memo)
    second = events_frame(register, memo)
    assert len(built) == 1 and memo.context is built[0]
    events_frame(register)  # without a memo: nothing is kept from one call to the next
    assert len(built) == 2
    assert first.drop(columns="geometry").equals(second.drop(columns="geometry"))
    assert first.geometry.geom_equals(second.geometry).sum() == first.geometry.notna().sum()


def _same_frames(a: gpd.GeoDataFrame, b: gpd.GeoDataFrame) -> None:
    assert a.dtypes.to_dict() == b.dtypes.to_dict()
    assert a.drop(columns="geometry").equals(b.drop(columns="geometry"))
    assert list(a.geometry.to_wkb()) == list(b.geometry.to_wkb())
    assert a.attrs == b.attrs


def test_remembered_rows_give_the_frame_placed_from_scratch(register: list[Event]) -> None:
    from isk_atlas.layers import RowMemo

    memo = RowMemo()
    events = [event.model_copy(deep=True) for event in register]
    events_frame(events, memo)  # remembers every row
    # Changed in place after the first frame: a moved launch, new casualties, a province report now a point.
    at = {event.event_id: i for i, event in enumerate(events)}
    launch = next(e for e in events if e.event_type == "cross_border_launch")
    launch = events[at[launch.event_id]] = launch.model_copy(
        update={"target_country": "TJK", "target_admin1": None, "target_place_id": None}
        | {"target_lat": None, "target_lon": None}
    )
    attack = next(e for e in events if e.event_type == "attack")
    attack.figures = [*attack.figures, Figure(by="a hospital", killed=7)]  # in place
    province = next(e for e in events if e.geo_precision == "province")
    province = events[at[province.event_id]] = province.model_copy(
        update={"geo_precision": "point", "lat": 36.5, "lon": 70.5}
    )
    added = _event("added-point", geo_precision="point", lat=35.0, lon=69.0)
    remembered = events_frame([added, *events[::-1]], memo)
    _same_frames(remembered, events_frame([added, *events[::-1]]))
    rows = remembered.set_index("event_id")
    assert rows.loc[launch.event_id, "target_precision"] == "country"
    assert "7 by a hospital" in rows.loc[attack.event_id, "casualties"]
    assert rows.loc[province.event_id, "drawn_as"] == "point"
    assert rows.loc[province.event_id, "geometry"].equals(shapely.Point(70.5, 36.5))
    # Without launches, target_precision stays as the records leave it, remembered or not.
    places = [event for event in events if event.event_type != "cross_border_launch"]
    remembered = events_frame(places, memo)
    _same_frames(remembered, events_frame(places))
    # The memo keeps at most twice the rows of the current frame.
    for summary in ("first", "second", "third"):
        events[0].summary = summary
        events_frame(events, memo)
        assert len(memo.values) <= 2 * len(events)
    events_frame(events[:3], memo)
    assert len(memo.values) == 3


def test_a_coordinate_of_minus_zero_is_not_taken_for_zero() -> None:
    plus = events_frame([_event("e", geo_precision="point", lat=0.0, lon=0.0)])
    minus = events_frame([_event("e", geo_precision="point", lat=-0.0, lon=-0.0)])
    assert not np.signbit(shapely.get_coordinates(plus.geometry.iloc[0])).any()
    assert np.signbit(shapely.get_coordinates(minus.geometry.iloc[0])).all()  # the remembered +0 row is not reused


def test_a_district_report_is_its_district_area_with_the_users_district_layer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.districts_fixtures import home_with_districts

    events = [
        _event("district", place_id="AF-KDZ.imam-sahib", admin1="AF-KDZ", geo_precision="district", country="AFG"),
        # a town reported at district precision is drawn as the district it lies in
        _event("town", place_id="gn:1139085", admin1="AF-BDS", geo_precision="district", country="AFG"),
        _event("exact", place_id="AF-KDZ.imam-sahib", admin1="AF-KDZ", geo_precision="point", country="AFG"),
        # a district the user's layer lacks stays a point
        _event("other", place_id="AF-NAN.achin", admin1="AF-NAN", geo_precision="district", country="AFG"),
    ]
    before = events_frame(events).set_index("event_id")
    assert set(before["drawn_as"]) == {"point"}
    polygons = {
        "AF-KDZ.imam-sahib": shapely.box(68.95, 37.15, 69.05, 37.25),
        "AF-BDS.jurm": shapely.box(70.8, 36.8, 70.9, 36.9),
    }
    home = home_with_districts(tmp_path / "home", dict(zip(("Emam Saheb", "Jorm"), polygons.values(), strict=True)))
    monkeypatch.setenv("ISK_ATLAS_HOME", str(home))
    after = events_frame(events).set_index("event_id")
    for event_id, district_id in (("district", "AF-KDZ.imam-sahib"), ("town", "AF-BDS.jurm")):
        row = after.loc[event_id]
        assert (row["drawn_as"], row["area_id"]) == ("district", district_id)
        assert _same_shape(row.geometry, polygons[district_id])
    assert after.loc["exact", "drawn_as"] == "point" and after.loc["other", "drawn_as"] == "point"
    # the district's point is moved inside its polygon, as the geocoder has it
    assert polygons["AF-KDZ.imam-sahib"].contains(after.loc["exact"].geometry)
    assert not polygons["AF-KDZ.imam-sahib"].contains(before.loc["exact"].geometry)


def test_a_filter_by_country_keeps_border_zones_and_regions_without_a_country() -> None:
    from isk_atlas.layers import in_country

    events = [
        _event("border", place_id="region:afghan-tajik-border", geo_precision="region", country="AFG"),
        _event("northeast", place_id="region:northeast", geo_precision="region"),  # no country recorded
        _event("central-asia", place_id="region:central-asia", geo_precision="region"),
        _event("kunduz", place_id="AF-KDZ", admin1="AF-KDZ", geo_precision="province", country="AFG"),
        _event("dushanbe", place_text="Dushanbe", geo_precision="country", country="TJK"),
    ]
    frame = events_frame(events).set_index("event_id")
    assert frame.loc["border", "countries"] == "AFG|TJK" and frame.loc["northeast", "countries"] == "AFG"
    assert sorted(frame.index[in_country(frame, "AFG")]) == ["border", "kunduz", "northeast"]
    assert sorted(frame.index[in_country(frame, "TJK")]) == ["border", "central-asia", "dushanbe"]


def test_an_event_abroad_beyond_the_outlines_is_a_point_naming_its_country() -> None:
    """Issue 17: a country-level arrest in Germany and a city attack in Moscow still draw (admin1.geojson covers
    neither country); an unknown Afghan province stays unlocated."""
    events = [
        _event("germany", place_id="DEU", country="DEU", geo_precision="country"),
        _event("moscow", place_id="gn:524901", country="RUS", geo_precision="point"),
        _event("nowhere-province", admin1="AF-ZZZ", country="AFG", geo_precision="province"),
    ]
    frame = events_frame(events).set_index("event_id")
    germany = frame.loc["germany"]
    assert germany["drawn_as"] == "point" and germany["unlocated_reason"] == ""
    assert 47 < germany.geometry.y < 55 and 5 < germany.geometry.x < 15  # inside Germany
    assert frame.loc["moscow", "drawn_as"] == "point"
    assert frame.loc["moscow"].geometry.x == pytest.approx(37.6, abs=0.1)
    assert frame.loc["nowhere-province"].geometry is None or frame.loc["nowhere-province"].geometry.is_empty
