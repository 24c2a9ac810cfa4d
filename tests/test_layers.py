"""events_frame: geometry by precision, flat export columns, unplaceable events reported."""

from __future__ import annotations

import types

import geopandas as gpd
import pytest

from isk_atlas.layers import casualties_text, events_frame, sources_text, unlocated
from tests.maps_geo_stub import sample_events, stub_geo  # noqa: F401 - fixture


def test_geometry_follows_precision(stub_geo: types.ModuleType) -> None:  # noqa: F811
    frame = events_frame(sample_events()).set_index("event_id")
    assert frame.crs == "EPSG:4326"
    assert frame.loc["e-point"].geometry.geom_type == "Point"
    assert frame.loc["e-district"].geometry.geom_type == "Point"
    province = frame.loc["e-province"].geometry
    assert province.geom_type in {"Polygon", "MultiPolygon"}  # never a pin on the capital
    assert frame.loc["e-province"]["area_id"] == "AF-KNR"
    assert frame.loc["e-region"].geometry.geom_type in {"Polygon", "MultiPolygon"}
    assert frame.loc["e-country"]["drawn_as"] == "country"
    launch = frame.loc["e-launch"].geometry
    assert launch.geom_type == "LineString"
    (x0, y0), (x1, y1) = launch.coords
    assert (round(x0, 2), round(y0, 2), round(x1, 2), round(y1, 2)) == (67.42, 37.21, 67.28, 37.22)
    area_launch = frame.loc["e-launch-area"].geometry
    assert area_launch.geom_type == "LineString"
    assert 69.0 < area_launch.coords[0][0] < 70.3  # from inside Takhar


def test_unplaceable_event_is_kept_and_reported(stub_geo: types.ModuleType, caplog: pytest.LogCaptureFixture) -> None:  # noqa: F811
    frame = events_frame(sample_events())
    missing = unlocated(frame)
    assert list(missing["event_id"]) == ["e-nowhere"]
    assert "e-nowhere" in caplog.text
    assert len(frame) == len(sample_events())


def test_flat_columns_export(stub_geo: types.ModuleType, tmp_path) -> None:  # noqa: F811
    events = sample_events()
    frame = events_frame(events)
    row = frame.set_index("event_id").loc["e-point"]
    assert row["sources"] == "s1:12-58"
    assert row["casualties"] == "3-30 killed: 30 by ISIS claim, 3 by Emergency Hospital"
    assert casualties_text(events[0]) == row["casualties"]
    assert sources_text(events[0]) == "s1:12-58"
    located = frame[frame.geometry.notna()]
    located.to_file(tmp_path / "e.gpkg", driver="GPKG")
    assert len(gpd.read_file(tmp_path / "e.gpkg")) == len(located)
