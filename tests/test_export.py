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


@pytest.mark.parametrize("changed", [1, 2], ids=["first layer: written whole", "last layer: written alone"])
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
    assert len(export._GEOJSON_MEMO.by_key) == len(export._CSV_MEMO.by_key) == len(changed)  # the last export's rows
    export.forget_rows()
    write_all(changed, tmp_path / "fresh")
    for name in ("events.geojson", "events.csv"):
        assert (tmp_path / "remembered" / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes(), name
    _same_gpkg(tmp_path / "remembered" / "events.gpkg", tmp_path / "fresh" / "events.gpkg")
    csv = (tmp_path / "remembered" / "events.csv").read_text(encoding="utf-8")
    assert "'=an edited place" in csv and "a-new-event" in csv and "POINT (0 35.5)" in csv
    assert "[-0.0,35.5]" in (tmp_path / "remembered" / "events.geojson").read_text(encoding="utf-8")


def test_a_geopackage_export_rewrites_only_layers_from_the_first_changed_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from isk_atlas import export

    frame = _register_frame()
    path = tmp_path / "events.gpkg"
    write_gpkg(frame, path)
    layers = [name for name, _ in pyogrio.list_layers(path)]
    written: list[str] = []
    to_file = gpd.GeoDataFrame.to_file

    def counted(self: gpd.GeoDataFrame, *args: object, **kwargs: object) -> None:
        written.append(str(kwargs["layer"]))
        to_file(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(gpd.GeoDataFrame, "to_file", counted)
    write_gpkg(frame, path)
    assert written == []  # nothing changed: the file is left as it is
    last = frame.index[frame["event_type"] == layers[-1]][0]
    frame.loc[last, "summary"] = "an edited summary"
    write_gpkg(frame, path)
    assert written == [layers[-1]]
    second = frame.index[frame["event_type"] == layers[1]][0]
    frame.loc[second, "summary"] = "another edited summary"
    write_gpkg(frame, path)
    assert written == [layers[-1], *layers[1:]]
    export.forget_rows()
    write_gpkg(frame, tmp_path / "fresh.gpkg")
    _same_gpkg(path, tmp_path / "fresh.gpkg")
    assert "another edited summary" in set(gpd.read_file(path, layer=layers[1])["summary"])
    # A file changed by someone else since is written whole.
    path.write_bytes(path.read_bytes())
    written.clear()
    frame.loc[last, "summary"] = "edited again"
    write_gpkg(frame, path)
    assert written == layers
