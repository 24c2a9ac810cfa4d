from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
from shapely.geometry import LineString, Point, box

from isk_atlas.export import write_all, write_gpkg


@pytest.fixture
def frame() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "event_id": ["a", "b", "c"],
            "event_type": ["attack", "presence", "cross_border_launch"],
            "date_start": [dt.date(2023, 3, 12), None, dt.date(2022, 4, 18)],
            "place_text": ["MazareSharif", "Badakhshan", 'x"><img src=x onerror=alert(1)>'],
            "killed_high": [2, None, 0],
            "sources": [["002"], ["000"], ["002"]],
        },
        geometry=[Point(67.11, 36.71), box(70, 36, 71, 37), LineString([(67.4, 37.2), (67.3, 37.3)])],
        crs="EPSG:4326",
    )


def test_write_all_writes_three_readable_files(tmp_path: Path, frame: gpd.GeoDataFrame) -> None:
    paths = write_all(frame, tmp_path)
    assert [p.name for p in paths] == ["events.geojson", "events.gpkg", "events.csv"]
    geojson = json.loads((tmp_path / "events.geojson").read_text())
    assert [f["properties"]["event_id"] for f in geojson["features"]] == ["a", "b", "c"]
    assert geojson["features"][0]["properties"]["date_start"] == "2023-03-12"
    assert geojson["features"][2]["geometry"]["type"] == "LineString"
    table = pd.read_csv(tmp_path / "events.csv")
    assert list(table["event_id"]) == ["a", "b", "c"]
    assert table.loc[0, "lon"] == pytest.approx(67.11)
    assert table.loc[1, "geometry_wkt"].startswith("POLYGON")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.csv", "events.geojson", "events.gpkg"]


def test_gpkg_has_one_layer_per_event_type(tmp_path: Path, frame: gpd.GeoDataFrame) -> None:
    path = write_gpkg(frame, tmp_path / "events.gpkg")
    layers = {name for name, _ in pyogrio.list_layers(path)}
    assert layers == {"attack", "presence", "cross_border_launch"}
    attacks = gpd.read_file(path, layer="attack")
    assert attacks.crs.to_epsg() == 4326
    assert list(attacks["event_id"]) == ["a"]
    # SQLite is unsynced only while the temporary file is filled.
    assert pyogrio.get_gdal_config_option("OGR_SQLITE_SYNCHRONOUS") is None
    assert pyogrio.get_gdal_config_option("OGR_SQLITE_JOURNAL") is None


@pytest.mark.parametrize("changed", [1, 2], ids=["first layer", "last layer"])
def test_a_failing_export_keeps_the_previous_file(
    tmp_path: Path, frame: gpd.GeoDataFrame, monkeypatch: pytest.MonkeyPatch, changed: int
) -> None:
    path = write_gpkg(frame, tmp_path / "events.gpkg")
    before = path.read_bytes()

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(gpd.GeoDataFrame, "to_file", broken)
    frame.loc[changed, "place_text"] = "somewhere else"
    with pytest.raises(OSError, match="disk full"):
        write_gpkg(frame, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["events.gpkg"]


def test_geojson_says_what_geopandas_to_json_says(tmp_path: Path, frame: gpd.GeoDataFrame) -> None:
    from isk_atlas.export import _for_files, write_geojson

    frame["rockets"] = pd.array([3, None, 12], dtype="Int64")
    frame["lat"] = [36.71, float("nan"), 37.2]
    frame["certain"] = [True, False, True]
    frame.loc[1, "geometry"] = None
    write_geojson(frame, tmp_path / "events.geojson")
    ours = json.loads((tmp_path / "events.geojson").read_text(encoding="utf-8"))
    theirs = json.loads(_for_files(frame).to_json(drop_id=True, ensure_ascii=False))
    assert ours == theirs
    assert ours["features"][1]["geometry"] is None and ours["features"][1]["properties"]["lat"] is None
    assert ours["features"][2]["properties"]["rockets"] == 12
    assert 'onerror=alert(1)>"' in (tmp_path / "events.geojson").read_text(encoding="utf-8")  # as data, in JSON


def test_geojson_of_the_register_says_what_geopandas_says(tmp_path: Path) -> None:
    from isk_atlas.export import _for_files, write_geojson
    from isk_atlas.layers import events_frame
    from isk_atlas.register import load_register
    from tests.conftest import ROOT

    frame = events_frame(load_register(ROOT / "data" / "register.yaml"))
    write_geojson(frame, tmp_path / "events.geojson")
    ours = json.loads((tmp_path / "events.geojson").read_text(encoding="utf-8"))
    assert ours == json.loads(_for_files(frame).to_json(drop_id=True, ensure_ascii=False))
    assert len(ours["features"]) == len(frame) > 50


def test_an_export_that_would_not_change_is_not_rewritten(tmp_path: Path, frame: gpd.GeoDataFrame) -> None:
    write_all(frame, tmp_path)
    before = {name: (tmp_path / name).stat() for name in ("events.geojson", "events.csv")}
    write_all(frame, tmp_path)
    for name, stat in before.items():
        again = (tmp_path / name).stat()
        assert (again.st_ino, again.st_mtime_ns) == (stat.st_ino, stat.st_mtime_ns), name
    frame.loc[0, "place_text"] = "Mazar-e Sharif"
    write_all(frame, tmp_path)
    assert "Mazar-e Sharif" in (tmp_path / "events.geojson").read_text(encoding="utf-8")
    assert "Mazar-e Sharif" in (tmp_path / "events.csv").read_text(encoding="utf-8")


def _register_frame() -> gpd.GeoDataFrame:
    from isk_atlas.layers import events_frame
    from isk_atlas.register import load_register
    from tests.conftest import ROOT

    return events_frame(load_register(ROOT / "data" / "register.yaml"))


def _same_gpkg(a: Path, b: Path) -> None:
    assert pyogrio.list_layers(a).tolist() == pyogrio.list_layers(b).tolist()
    for name, _ in pyogrio.list_layers(a):
        ours = gpd.read_file(a, layer=name, fid_as_index=True)
        theirs = gpd.read_file(b, layer=name, fid_as_index=True)
        assert ours.equals(theirs), name
        assert pyogrio.read_info(a, layer=name)["total_bounds"] == pyogrio.read_info(b, layer=name)["total_bounds"]


def test_remembered_rows_write_what_a_fresh_export_writes(tmp_path: Path) -> None:
    from isk_atlas.export import ExportMemo

    memo = ExportMemo()
    frame = _register_frame()
    write_all(frame, tmp_path / "first", memo)  # remembers every row
    changed = frame.iloc[::-1].copy()  # rows reordered, one edited, one gone, one new
    changed.loc[changed.index[0], "place_text"] = "=an edited place"
    changed.loc[changed.index[1], "geometry"] = Point(-0.0, 35.5)
    changed = pd.concat([changed.iloc[:-1], frame.iloc[[0]].assign(event_id="a-new-event")])
    write_all(changed, tmp_path / "remembered", memo)
    assert len(frame) < len(memo.features.values) == len(memo.csv_lines.values) <= 2 * len(changed)
    write_all(changed.iloc[:3], tmp_path / "few", memo)
    assert len(memo.features.values) == len(memo.csv_lines.values) == 3  # cut back to the current rows
    write_all(changed, tmp_path / "remembered", memo)
    write_all(changed, tmp_path / "fresh")
    for name in ("events.geojson", "events.csv"):
        assert (tmp_path / "remembered" / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes(), name
    _same_gpkg(tmp_path / "remembered" / "events.gpkg", tmp_path / "fresh" / "events.gpkg")
    csv = (tmp_path / "remembered" / "events.csv").read_text(encoding="utf-8")
    assert "'=an edited place" in csv and "a-new-event" in csv and "POINT (0 35.5)" in csv
    assert "[-0.0,35.5]" in (tmp_path / "remembered" / "events.geojson").read_text(encoding="utf-8")


def test_csv_lines_remembered_or_not_say_what_the_whole_tables_to_csv_says(
    tmp_path: Path, frame: gpd.GeoDataFrame
) -> None:
    from isk_atlas.export import ExportMemo, _csv_bytes, _csv_table, _for_files, _Table, write_csv

    frame["place_text"] = ['=HYPERLINK("x")', 'a line\nbreak, "quoted"', "-5"]
    frame["mixed"] = [1, 2.5, None]  # an object column: ints and floats
    frame["lat"] = [36.71, float("nan"), -0.0]  # replaced by the representative point's, in place
    frame["rockets"] = pd.array([3, None, 12], dtype="Int64")
    memo = ExportMemo()
    for edited in (frame, frame.assign(summary="now with a summary").iloc[[2, 0, 1]]):
        write_csv(edited, tmp_path / "events.csv")
        expected = _csv_table(_for_files(edited)).to_csv(index=False)
        assert (tmp_path / "events.csv").read_text(encoding="utf-8") == expected
        assert _csv_bytes(_Table(_for_files(edited)), memo).decode("utf-8") == expected
    assert expected.splitlines()[0].count(",lat,") == 1


def test_a_geopackage_with_its_index_written_is_written_whole(tmp_path: Path, frame: gpd.GeoDataFrame) -> None:
    path = tmp_path / "events.gpkg"
    named = frame.rename_axis("row")  # a named index is written as a column
    write_gpkg(named, path)
    write_gpkg(named.set_axis([10, 11, 12]).rename_axis("row"), path)  # only the index changed
    assert sorted(gpd.read_file(path, layer="attack")["row"]) == [10]
