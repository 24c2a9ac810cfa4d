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
from isk_atlas.geo import load_admin1, load_gazetteer
from isk_atlas.places import GazetteerGeocoder
from isk_atlas.places.districts import (
    ACCEPTANCE,
    CITY_PART,
    LAYER_NAME,
    MIN_SIMILARITY,
    RECORD_NAME,
    SPELLING_FOLDS,
    Acceptance,
    SpellingFold,
    district_points,
    import_districts,
    load_district_areas,
    match_districts,
    name_keys,
    similarity,
)
from tests.districts_fixtures import geo_home, synthetic_districts


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
    assert len(record["without_boundary"]) == 396 and "AF-KDZ.imam-sahib" not in record["without_boundary"]
    why = {item["name"]: item["why"] for item in record["unmatched"]}
    assert why == {"Atlantis": "no district of that name in or near it", "Somewhere": "lies in no Afghan province"}


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


# --- matching rules: each declared rule's example is checked -------------------------------------------------------


@pytest.mark.parametrize("rule", ACCEPTANCE, ids=lambda rule: rule.example[0])
def test_each_acceptance_rule_takes_its_example(rule: Acceptance) -> None:
    written, known = rule.example
    short = rule.point_inside
    assert similarity(name_keys(written, short), name_keys(known, short)) >= rule.min_similarity
    if rule.point_inside:  # a lower similarity is enough only beside a point inside the boundary
        assert similarity(name_keys(written), name_keys(known)) < MIN_SIMILARITY


@pytest.mark.parametrize("fold", SPELLING_FOLDS, ids=lambda fold: fold.example[0])
def test_each_spelling_fold_brings_its_example_together(fold: SpellingFold) -> None:
    written, known = fold.example
    assert name_keys(written) & name_keys(known), fold.example


@pytest.mark.parametrize(
    ("written", "known"),
    [("Dashte Archi", "Dasht-e Archi"), ("Shirzad", "Sherzad"), ("Khoja Bahauddin", "Khwajah Bahawuddin"),
     ("Qala-i-Zal", "Qalah-ye Zal"), ("Khwaja Hejran (Jalga)", "Khwajah Hijran"), ("Tirinkot", "Tarin Kot")],
)  # fmt: skip
def test_transliterations_are_alike(written: str, known: str) -> None:
    assert similarity(name_keys(written), name_keys(known)) >= MIN_SIMILARITY


def test_other_districts_are_not_alike() -> None:
    for written, known in (("Atlantis", "Achin"), ("Kiti", "Kot"), ("Shirzad", "Shinwar"), ("Bak", "Nesh")):
        assert similarity(name_keys(written), name_keys(known)) < 65, (written, known)


def test_numbered_city_districts_are_recognised() -> None:
    for written in ("PD 1", "P.D. 12", "District 5", "Nahia 3", "nahiya-7", "Police District 22"):
        assert CITY_PART.match(written), written
    for written in ("District", "Kabul", "Kabul District 5 area", "PD"):
        assert not CITY_PART.match(written), written


# --- a realistic set: all 398 districts in the AGCHO style (tests/districts_fixtures.py) -----------------------------


@pytest.fixture(scope="module")
def synthetic() -> tuple[gpd.GeoDataFrame, pd.Series]:
    return synthetic_districts()


def _correct(matched: gpd.GeoDataFrame, frame: gpd.GeoDataFrame, truth: pd.Series) -> None:
    expected = frame.assign(made_from=truth.to_numpy()).dissolve(by="made_from").geometry
    areas = matched.set_index("id").geometry
    assert sorted(areas.index) == sorted(expected.index)
    wrong = [i for i, area in areas.items() if area.symmetric_difference(expected[i]).area > 1e-9]
    assert wrong == []


def test_an_agcho_style_set_is_matched_whole_in_both_layouts(synthetic: tuple[gpd.GeoDataFrame, pd.Series]) -> None:
    frame, truth = synthetic
    gazetteer, admin1 = load_gazetteer(), load_admin1()
    assert len(frame) == 401 and frame["ADM2_EN"].str.fullmatch(r"PD \d|District \d").sum() == 4
    # the set's own province lines: some districts lie mostly in another Natural Earth province than the
    # gazetteer's, so matching by the province holding them alone would miss them
    inner = gpd.GeoDataFrame(geometry=frame.geometry.representative_point(), crs="EPSG:4326")
    held = gpd.sjoin(inner, admin1[admin1["country"] == "AFG"], predicate="within")["id"]
    province_of = gazetteer.set_index("id")["admin1"]
    assert (held != truth.map(province_of).reindex(held.index)).sum() >= 5
    matched, unmatched = match_districts(frame, gazetteer, admin1, "agcho-style")
    assert unmatched == []
    _correct(matched, frame, truth)
    geoboundaries = frame.rename(columns={"ADM2_EN": "shapeName", "ADM2_PCODE": "shapeID"})
    matched, unmatched = match_districts(geoboundaries.drop(columns=["ADM1_EN", "ADM1_PCODE"]), gazetteer, admin1, "gb")
    assert unmatched == []
    _correct(matched, frame, truth)


def test_geocode_answers_a_point_inside_the_polygon_for_95_percent(
    synthetic: tuple[gpd.GeoDataFrame, pd.Series],
) -> None:
    frame, _ = synthetic
    gazetteer = load_gazetteer()
    matched, _ = match_districts(frame, gazetteer, load_admin1(), "agcho-style")
    areas = matched.set_index("id").geometry
    place = gazetteer.set_index("id")

    def inside(geocoder: GazetteerGeocoder) -> int:
        count = 0
        for district_id, area in areas.items():
            province = place.loc[place.loc[district_id, "admin1"], "name"]
            answer = geocoder.geocode(str(place.loc[district_id, "name"]), f"{province} province, Afghanistan")
            count += answer.lat is not None and area.contains(shapely.Point(answer.lon, answer.lat))
        return count

    assert inside(GazetteerGeocoder(district_points(gazetteer, matched))) >= 0.95 * len(areas)
    assert inside(GazetteerGeocoder(gazetteer)) < 0.95 * len(areas)  # the set really moves points


def test_an_unmatched_boundary_is_reported_with_the_closest_name(tmp_path: Path) -> None:
    frame = gpd.GeoDataFrame({"ADM2_EN": ["Zzyzx"]}, geometry=[_square(68.95, 37.20, 0.05)], crs="EPSG:4326")
    _, unmatched = match_districts(frame, load_gazetteer(), load_admin1(), "x")
    (row,) = unmatched
    assert row["province"] == "AF-KDZ" and row["why"] == "no district of that name in or near it"
    assert row["closest"].startswith("AF-") and row["similarity"] < MIN_SIMILARITY


# --- with a district layer, `isk-atlas geocode` answers the point inside the polygon -------------------------------


def test_geocode_command_answers_inside_the_users_polygon(
    cod_ab: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = geo_home(tmp_path / "home")
    import_districts(str(cod_ab), "CC BY-IGO", home / "geo")
    monkeypatch.setenv("ISK_ATLAS_HOME", str(home))
    monkeypatch.setenv("ISK_ATLAS_CACHE", str(tmp_path / "cache"))
    polygon = load_district_areas(home / "geo").set_index("id").geometry.loc["AF-KDZ.imam-sahib"]  # type: ignore[union-attr]
    # The command's own place model reads this home's geo/.
    result = CliRunner().invoke(app, ["geocode", "--context", "Kunduz province, Afghanistan", "Imam Sahib district"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert answer["place_id"] == "AF-KDZ.imam-sahib"
    assert polygon.contains(shapely.Point(answer["lon"], answer["lat"]))
