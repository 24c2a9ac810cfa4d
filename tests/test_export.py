from __future__ import annotations

import datetime as dt
import json
import sqlite3
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
    from isk_atlas import export

    frame = _register_frame()
    write_all(frame, tmp_path / "first")  # remembers every row
    changed = frame.iloc[::-1].copy()  # rows reordered, one edited, one gone, one new
    changed.loc[changed.index[0], "place_text"] = "=an edited place"
    changed.loc[changed.index[1], "geometry"] = Point(-0.0, 35.5)
    changed = pd.concat([changed.iloc[:-1], frame.iloc[[0]].assign(event_id="a-new-event")])
    write_all(changed, tmp_path / "remembered")
    assert len(frame) < len(export._GEOJSON_MEMO.memo.values) == len(export._CSV_MEMO.memo.values) <= 2 * len(changed)
    write_all(changed.iloc[:3], tmp_path / "few")
    assert (
        len(export._GEOJSON_MEMO.memo.values) == len(export._CSV_MEMO.memo.values) == 3
    )  # cut back to the current rows
    write_all(changed, tmp_path / "remembered")
    export.forget_rows()
    write_all(changed, tmp_path / "fresh")
    for name in ("events.geojson", "events.csv"):
        assert (tmp_path / "remembered" / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes(), name
    _same_gpkg(tmp_path / "remembered" / "events.gpkg", tmp_path / "fresh" / "events.gpkg")
    csv = (tmp_path / "remembered" / "events.csv").read_text(encoding="utf-8")
    assert "'=an edited place" in csv and "a-new-event" in csv and "POINT (0 35.5)" in csv
    assert "[-0.0,35.5]" in (tmp_path / "remembered" / "events.geojson").read_text(encoding="utf-8")


def _same_tables(a: Path, b: Path) -> None:
    """The same rows (geometry blobs included), R-tree boxes, extents, counts and schema, table by table."""
    ours, theirs = sqlite3.connect(a), sqlite3.connect(b)
    try:
        assert ours.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        tables = [name for (name,) in theirs.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            if table.startswith("rtree_") and table.endswith(("_node", "_parent", "_rowid")):
                continue  # the R-tree's own pages, shaped by the order of inserts; its boxes are compared
            columns = [row[1] for row in theirs.execute(f'PRAGMA table_info("{table}")') if row[1] != "last_change"]
            query = f'SELECT {", ".join(f"[{c}]" for c in columns)} FROM "{table}" ORDER BY 1, 2'
            assert ours.execute(query).fetchall() == theirs.execute(query).fetchall(), table
        schema = "SELECT type, name, sql FROM sqlite_master ORDER BY name"
        assert ours.execute(schema).fetchall() == theirs.execute(schema).fetchall()
    finally:
        ours.close()
        theirs.close()


def test_a_geopackage_export_writes_only_the_rows_that_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from isk_atlas import export

    frame = _register_frame()
    path = tmp_path / "events.gpkg"
    write_gpkg(frame, path)
    layers = [name for name, _ in pyogrio.list_layers(path)]
    written: list[tuple[str, int]] = []
    to_file = gpd.GeoDataFrame.to_file

    def counted(self: gpd.GeoDataFrame, *args: object, **kwargs: object) -> None:
        written.append((str(kwargs["layer"]), len(self)))
        to_file(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(gpd.GeoDataFrame, "to_file", counted)
    stamp = path.stat().st_mtime_ns
    write_gpkg(frame, path)
    assert written == [] and path.stat().st_mtime_ns == stamp  # nothing changed: the file is left as it is

    def same_as_fresh(frame: gpd.GeoDataFrame) -> None:
        export.forget_rows()
        write_gpkg(frame, tmp_path / "fresh.gpkg")
        _same_tables(path, tmp_path / "fresh.gpkg")
        _same_gpkg(path, tmp_path / "fresh.gpkg")
        write_gpkg(frame, path)  # remembered again (written whole)
        written.clear()

    # An edited row of the first layer, a moved point in the last, and a new row: three rows written, in place.
    first = frame.index[frame["event_type"] == layers[0]][0]
    last = frame.index[frame["event_type"] == layers[-1]][-1]
    frame.loc[first, "summary"] = "an edited summary"
    frame.loc[last, "geometry"] = Point(88.5, 47.5)  # past the layer's extent
    frame = pd.concat([frame, frame.loc[[first]].assign(event_id="a-new-event")], ignore_index=True)
    write_gpkg(frame, path)
    assert written == [("rows", 3)]
    same_as_fresh(frame)
    assert "an edited summary" in set(gpd.read_file(path, layer=layers[0])["summary"])
    # A removed row moves the rows after it: the file is written whole.
    frame = frame.drop(index=first)
    write_gpkg(frame, path)
    assert sorted(written) == sorted((name, int((frame["event_type"] == name).sum())) for name in layers)
    same_as_fresh(frame)
    # So is a file changed by someone else since, and one whose update SQLite refuses.
    path.write_bytes(path.read_bytes())
    frame.loc[last, "summary"] = "edited again"
    write_gpkg(frame, path)
    assert len(written) == len(layers)
    same_as_fresh(frame)

    def refused(*args: object) -> None:
        raise sqlite3.OperationalError("no such function: ST_IsEmpty")

    monkeypatch.setattr(export, "_move_rows", refused)
    frame.loc[last, "summary"] = "edited once more"
    write_gpkg(frame, path)
    assert written[0] == ("rows", 1) and len(written) == 1 + len(layers)
    same_as_fresh(frame)


def test_csv_lines_remembered_or_not_say_what_the_whole_tables_to_csv_says(
    tmp_path: Path, frame: gpd.GeoDataFrame
) -> None:
    from isk_atlas.export import _csv_table, _for_files, write_csv

    frame["place_text"] = ['=HYPERLINK("x")', 'a line\nbreak, "quoted"', "-5"]
    frame["mixed"] = [1, 2.5, None]  # an object column: ints and floats
    frame["lat"] = [36.71, float("nan"), -0.0]  # replaced by the representative point's, in place
    frame["rockets"] = pd.array([3, None, 12], dtype="Int64")
    for edited in (frame, frame.assign(summary="now with a summary").iloc[[2, 0, 1]]):
        write_csv(edited, tmp_path / "events.csv")
        expected = _csv_table(_for_files(edited)).to_csv(index=False)
        assert (tmp_path / "events.csv").read_text(encoding="utf-8") == expected
    assert expected.splitlines()[0].count(",lat,") == 1


def test_a_geopackage_with_its_index_written_is_written_whole(tmp_path: Path, frame: gpd.GeoDataFrame) -> None:
    path = tmp_path / "events.gpkg"
    named = frame.rename_axis("row")  # a named index is written as a column
    write_gpkg(named, path)
    write_gpkg(named.set_axis([10, 11, 12]).rename_axis("row"), path)  # only the index changed
    assert sorted(gpd.read_file(path, layer="attack")["row"]) == [10]
