"""District boundaries a user brings (`isk-atlas geo districts`): small boundary files written here in the two
layouts analysts get (COD-AB's ADM2_EN/ADM2_PCODE as GeoJSON, geoBoundaries' shapeName as a shapefile), read from a
file and from a URL on a local server."""

from __future__ import annotations

import functools
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from typer.testing import CliRunner

from isk_atlas.cli import app
from isk_atlas.errors import InputError
from isk_atlas.geo import load_gazetteer
from isk_atlas.places.districts import LAYER_NAME, RECORD_NAME, district_points, import_districts, load_district_areas


def _square(lon: float, lat: float, half: float = 0.01) -> shapely.Polygon:
    return shapely.box(lon - half, lat - half, lon + half, lat + half)


# (name as the boundary set writes it, code, polygon): two districts spelt otherwise than the gazetteer, one the
# gazetteer lacks (in Kunduz), one outside Afghanistan
BOUNDARIES = [
    ("Khwaja Bahauddin", "AF1709", _square(69.62, 37.30)),
    ("Emam Saheb", "AF1703", _square(68.95, 37.20)),  # the gazetteer's point (68.936, 37.189) lies outside
    ("Atlantis", "AF1799", _square(68.80, 36.75)),
    ("Somewhere", "XX0001", _square(10.0, 50.0)),
]


@pytest.fixture
def cod_ab(tmp_path: Path) -> Path:
    frame = gpd.GeoDataFrame(
        {"ADM2_EN": [b[0] for b in BOUNDARIES], "ADM2_PCODE": [b[1] for b in BOUNDARIES], "ADM1_EN": "x"},
        geometry=[b[2] for b in BOUNDARIES],
        crs="EPSG:4326",
    )
    path = tmp_path / "afg_admbnda_adm2.geojson"
    frame.to_file(path, driver="GeoJSON")
    return path


@pytest.fixture
def geoboundaries(tmp_path: Path) -> Path:
    frame = gpd.GeoDataFrame(
        {"shapeName": [b[0] for b in BOUNDARIES], "shapeID": [b[1] for b in BOUNDARIES], "shapeGroup": "AFG"},
        geometry=[b[2] for b in BOUNDARIES],
        crs="EPSG:4326",
    )
    folder = tmp_path / "geoBoundaries-AFG-ADM2"
    folder.mkdir()
    path = folder / "geoBoundaries-AFG-ADM2.shp"
    frame.to_file(path)
    return path


def _check(out: Path, source: str) -> None:
    layer = gpd.read_file(out / LAYER_NAME)
    assert sorted(layer["id"]) == ["AF-KDZ.imam-sahib", "AF-TAK.khwajah-bahawuddin"]
    assert set(layer["admin1"]) == {"AF-KDZ", "AF-TAK"}
    record = json.loads((out / RECORD_NAME).read_text(encoding="utf-8"))
    assert record["source"] == source and record["licence"] == "CC BY-IGO" and record["districts"] == 2
    why = {item["name"]: item["why"] for item in record["unmatched"]}
    assert why == {"Atlantis": "no district of that name", "Somewhere": "lies in no Afghan province"}


def test_cod_ab_geojson_is_matched_by_name_and_province(cod_ab: Path, tmp_path: Path) -> None:
    out = tmp_path / "geo"
    report = import_districts(str(cod_ab), "CC BY-IGO", out)
    assert (report.boundaries, report.matched) == (4, 2)
    _check(out, str(cod_ab))


def test_geoboundaries_shapefile_is_matched_too(geoboundaries: Path, tmp_path: Path) -> None:
    out = tmp_path / "geo"
    import_districts(str(geoboundaries), "CC BY-IGO", out)
    _check(out, str(geoboundaries))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """No request log on stderr (the command's output is read as JSON)."""


@pytest.fixture
def server(cod_ab: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(cod_ab.parent))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def test_a_url_is_downloaded_and_matched(server: str, cod_ab: Path, tmp_path: Path) -> None:
    out = tmp_path / "geo"
    url = f"{server}/{cod_ab.name}"
    result = CliRunner().invoke(app, ["geo", "districts", url, "--licence", "CC BY-IGO", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["matched"] == 2
    _check(out, url)
    missing = CliRunner().invoke(app, ["geo", "districts", f"{server}/nothing.geojson", "--out", str(out)])
    assert missing.exit_code == 1 and "nothing.geojson" in missing.output


def test_an_unreadable_file_is_a_clear_error_and_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "districts.geojson"
    bad.write_text("not json", encoding="utf-8")
    with pytest.raises(InputError, match=r"districts\.geojson"):
        import_districts(str(bad), "x", tmp_path / "geo")
    assert not (tmp_path / "geo" / LAYER_NAME).exists()
    result = CliRunner().invoke(app, ["geo", "districts", str(tmp_path / "missing.shp"), "--out", str(tmp_path)])
    assert result.exit_code == 1 and "missing.shp" in result.output


def test_district_points_move_inside_their_polygon(cod_ab: Path, tmp_path: Path) -> None:
    out = tmp_path / "geo"
    import_districts(str(cod_ab), "CC BY-IGO", out)
    areas = load_district_areas(out)
    assert areas is not None
    gazetteer = load_gazetteer()
    moved = district_points(gazetteer, areas).set_index("id")
    before = gazetteer.set_index("id")
    polygon = areas.set_index("id").geometry.loc["AF-KDZ.imam-sahib"]
    point = moved.loc["AF-KDZ.imam-sahib"]
    assert polygon.contains(shapely.Point(point["lon"], point["lat"]))
    assert (before.loc["AF-KDZ.imam-sahib", "lat"], before.loc["AF-KDZ.imam-sahib", "lon"]) != (
        point["lat"],
        point["lon"],
    )
    # inside already, or no polygon: unchanged
    for kept in ("AF-TAK.khwajah-bahawuddin", "AF-NAN.achin"):
        assert tuple(moved.loc[kept, ["lat", "lon"]]) == tuple(before.loc[kept, ["lat", "lon"]])
    assert district_points(gazetteer, None) is gazetteer
    assert load_district_areas(tmp_path / "empty") is None
    pd.testing.assert_frame_equal(district_points(gazetteer, areas.iloc[0:0]), gazetteer)
