"""The build step's pure functions on tiny in-memory data, and (opt-in) a full rebuild from the registries."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from isk_atlas.errors import InputError
from isk_atlas.geo import build


def _feature(gn_name: str, iso: str, name: str, gn_code: str, box: tuple[float, float, float, float]) -> dict[str, Any]:
    return {
        "type": "Feature",
        "properties": {
            "adm0_a3": "AFG",
            "gn_name": gn_name,
            "iso_3166_2": iso,
            "name": name,
            "gn_a1_code": gn_code,
            "name_alt": "",
        },
        "geometry": shapely.geometry.mapping(shapely.box(*box)),
    }


def test_fix_afghan_labels_trusts_the_geonames_code() -> None:
    features = [
        _feature("Panjshir", "AF-PAR", "Parwan", "AF.42", (0, 0, 1, 1)),
        _feature("Parwan", "AF-PAR", "Parwan", "AF.40", (1, 0, 2, 1)),
        _feature("Wilayat-e Daykundi", "AF-URU", "Uruzgan", "AF.41", (2, 0, 3, 1)),
        _feature("Wilayat-e Paktiya", "AF-PKA", "Paktya", "AF.36", (3, 0, 4, 1)),
    ]
    fixed = {f["id"]: f for f in build.fix_afghan_labels(features)}
    assert set(fixed) == {"AF-PAN", "AF-PAR", "AF-DAY", "AF-PIA"}
    assert fixed["AF-PAN"]["name"] == "Panjshir"
    assert fixed["AF-DAY"]["name"] == "Daykundi"
    assert fixed["AF-PIA"]["name"] == "Paktia"
    # the wrong label is not kept as a spelling of the fixed province
    assert "Parwan" not in fixed["AF-PAN"]["names"]
    assert fixed["AF-PAN"]["geometry"].equals(shapely.box(0, 0, 1, 1))


def test_fix_afghan_labels_rejects_unknown_codes() -> None:
    with pytest.raises(InputError, match="unknown GeoNames code"):
        build.fix_afghan_labels([_feature("Nowhere", "AF-XXX", "Nowhere", "AF.99", (0, 0, 1, 1))])


def _squares() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"id": ["AF-AAA", "AF-BBB"], "country": ["AFG", "AFG"]},
        geometry=[shapely.box(60, 30, 61, 31), shapely.box(61, 30, 62, 31)],
        crs=4326,
    )


def test_assign_admin1_uses_the_point_not_the_label() -> None:
    points = gpd.GeoDataFrame(
        {"label": ["AF-BBB", "AF-AAA", "AF-AAA", "AF-AAA"]},
        geometry=[
            shapely.Point(60.5, 30.5),
            shapely.Point(61.5, 30.5),
            shapely.Point(62.02, 30.5),
            shapely.Point(70, 40),
        ],
        crs=4326,
    )
    assigned = build.assign_admin1(points, _squares(), max_km=5.0)
    # the last-but-one lies 2 km outside the east square (a simplified border): it snaps; the last is far away
    assert list(assigned) == ["AF-AAA", "AF-BBB", "AF-BBB", ""]


def test_choose_district_seats_prefers_the_namesake_then_the_seat_word() -> None:
    districts = pd.DataFrame({"code": ["AF.01.1", "AF.01.2", "AF.01.3"], "name": ["Jurm", "Warduj", "Nowhere"]})
    places = pd.DataFrame(
        {
            "geonameid": [1, 2, 3, 4],
            "name": ["Big Town", "Jurm", "Chakaran", "Wuleswali Warduj"],
            "alternatenames": [[], ["Jerm"], [], []],
            "latitude": [36.0, 36.86, 36.9, 36.95],
            "longitude": [70.0, 70.83, 71.0, 71.05],
            "population": [50000, 20000, 3000, 0],
            "gn_admin2": ["AF.01.1", "AF.01.1", "AF.01.2", "AF.01.2"],
        }
    )
    seats = build.choose_district_seats(districts, places).set_index("code")
    assert seats.loc["AF.01.1", "geonameid"] == 2  # the namesake beats the more populous place
    assert seats.loc["AF.01.2", "geonameid"] == 4  # 'Wuleswali Warduj' names the district administration
    assert bool(seats.loc["AF.01.2", "is_seat"])
    assert "AF.01.3" not in seats.index  # no place: left to the curated table


def test_ascii_name_and_slug() -> None:
    assert build.ascii_name("Darwāz-e Pā’īn") == "Darwaz-e Pain"
    assert build.ascii_name("Faīẕābād") == "Faizabad"
    assert build.slug("Kuran Wa Munjan") == "kuran-wa-munjan"


def test_noise_alternates_are_dropped() -> None:
    kept = build._alternates("Zōr Kōṯ", ["zwr kwt", "KBL", "Zor Kot", "زور کوت", "ゾルコット"])
    assert "zwr kwt" not in kept
    assert "KBL" not in kept
    assert "ゾルコット" not in kept
    assert {"Zor Kot", "زور کوت", "Zōr Kōṯ"} <= set(kept)


def test_simplify_coverage_keeps_shared_borders() -> None:
    wiggly = shapely.Polygon([(0, 0), (1, 0), (1, 0.3), (1.001, 0.5), (1, 0.7), (1, 1), (0, 1)])
    right = shapely.box(0, 0, 2, 1).difference(wiggly)
    frame = gpd.GeoDataFrame({"id": ["a", "b"]}, geometry=[wiggly, right], crs=4326)
    simplified = build.simplify_coverage(frame, tolerance=0.01)
    a, b = simplified.geometry
    assert a.intersection(b).area < 1e-9
    assert abs(a.area + b.area - 2.0) < 1e-6


def test_read_curated_points_at_the_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "curated.csv"
    path.write_text(
        "# comment\nid,name,kind,admin1,admin2,country,lat,lon,population,alternate_names,is_seat,note\n"
        "cur:a,A,town,,,AFG,34.5,69.1,,,,\ncur:b,B,town,,,AFG,north,69.1,,,,\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        build.read_curated(path)
    assert caught.value.line == 4
    assert caught.value.field == "lat"


def test_read_curated_rejects_unknown_kinds(tmp_path: Path) -> None:
    path = tmp_path / "curated.csv"
    path.write_text(
        "id,name,kind,admin1,admin2,country,lat,lon,population,alternate_names,is_seat,note\n"
        "cur:a,A,village,,,AFG,34.5,69.1,,,,\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="unknown kind"):
        build.read_curated(path)


def test_the_committed_curated_table_reads() -> None:
    curated = build.read_curated(build.curated_path())
    assert len(curated) > 50
    assert curated["id"].is_unique


@pytest.mark.network_build
@pytest.mark.skipif(os.environ.get("ISK_ATLAS_GEO_BUILD") != "1", reason="set ISK_ATLAS_GEO_BUILD=1 to rebuild")
def test_full_rebuild_matches_the_committed_files(tmp_path: Path) -> None:
    from isk_atlas.paths import geo_dir

    build.run(out=tmp_path)
    for name in ("admin1.geojson", "regions.geojson", "gazetteer.csv", "versions.json"):
        assert (tmp_path / name).read_bytes() == (geo_dir() / name).read_bytes(), name


def test_snap_inside_moves_border_points_into_their_province() -> None:
    frame = pd.DataFrame({"admin1": ["AF-BBB", "AF-AAA"], "lat": [30.5, 30.5], "lon": [62.01, 60.5]})
    snapped = build.snap_inside(frame, _squares())
    assert 61.9 < snapped.loc[0, "lon"] < 62.0  # pulled back inside, about 200 m from the edge
    assert snapped.loc[1, "lon"] == 60.5  # already inside: untouched


def test_geo_build_command_is_registered() -> None:
    from typer.testing import CliRunner

    from isk_atlas.cli import app

    result = CliRunner().invoke(app, ["geo", "build", "--help"])
    assert result.exit_code == 0
    assert "--cache" in result.output


def test_geonames_admin1_names_map_to_iso_codes() -> None:
    names = build.geonames_admin1_names(
        [
            {"code": "AF.27", "name": "Maidan Wardak Province"},
            {"code": "AF.42", "name": "Panjshir"},
            {"code": "TJ.01", "name": "GBAO"},
        ]
    )
    assert names == {"AF-WAR": ["Maidan Wardak Province", "Maidan Wardak"], "AF-PAN": ["Panjshir", "Panjshir"]}


def test_border_aliases_cover_both_word_orders() -> None:
    aliases = build.border_aliases("Tajikistan", "Tajik", ["Panj river border"])
    assert {"Afghan-Tajik border", "Tajik-Afghan border", "border with Tajikistan", "Panj river border"} <= set(aliases)


def _tiny_inputs(curated_rows: list[dict[str, str]]) -> build.Inputs:
    columns = ["id", "name", "kind", "admin1", "admin2", "country", "lat", "lon", "population", "alternate_names"]
    curated = pd.DataFrame(curated_rows, columns=[*columns, "is_seat", "note"], dtype=object).fillna("")
    curated["line"] = range(2, len(curated) + 2)
    return build.Inputs(
        ne_features=[],
        cj_places=[],
        cj_admin2=[{"code": "AF.01.1103", "name": "Jurm"}, {"code": "AF.01.1110", "name": "Darwāz-e Pā’īn"}],
        cj_admin1=[],
        gn_cities=[],
        curated=curated,
        versions={},
    )


_NO_PLACES = pd.DataFrame(
    columns=["geonameid", "name", "alternatenames", "latitude", "longitude", "population", "gn_admin2"]
)


def _badakhshan() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"id": ["AF-BDS"], "country": ["AFG"]}, geometry=[shapely.box(70.0, 36.0, 72.0, 39.0)], crs=4326
    )


def test_curated_district_points_and_names_apply() -> None:
    inputs = _tiny_inputs(
        [
            {"id": "AF.01.1103", "lat": "36.86", "lon": "70.83", "alternate_names": "Jaram"},
            {"id": "AF.01.1110", "name": "Nusay", "lat": "38.44", "lon": "70.80", "alternate_names": "Nasi"},
        ]
    )
    rows, ids = build.build_districts(inputs, _NO_PLACES, _badakhshan())
    assert ids == {"AF.01.1103": "AF-BDS.jurm", "AF.01.1110": "AF-BDS.nusay"}
    nusay = rows.set_index("id").loc["AF-BDS.nusay"]
    assert nusay["source"] == "curated"
    assert {"Nasi", "Darwaz-e Pain"} <= set(nusay["alternate_names"].split("|"))


def test_curated_district_point_in_the_wrong_province_is_rejected() -> None:
    inputs = _tiny_inputs([{"id": "AF.01.1103", "lat": "34.5", "lon": "69.2"}])
    with pytest.raises(InputError, match="belongs to AF-BDS"):
        build.build_districts(inputs, _NO_PLACES, _badakhshan())


def test_curated_unknown_district_code_is_rejected() -> None:
    inputs = _tiny_inputs([{"id": "AF.01.9999", "lat": "36.9", "lon": "70.8"}])
    with pytest.raises(InputError, match="not a GeoNames district code"):
        build.build_districts(inputs, _NO_PLACES, _badakhshan())


def test_prune_unit_names_drops_other_units_names() -> None:
    units = pd.DataFrame(
        {
            "id": ["AF-PIA", "AF-PKA", "AF-PAR", "AF-PAN", "UZ-SU"],
            "country": ["AFG", "AFG", "AFG", "AFG", "UZB"],
            "labels": [["Paktia"], ["Paktika"], ["Parwan"], ["Panjshir"], ["Surxondaryo"]],
            "names": [
                ["Paktiya", "Southern Province"],
                ["Paktiya", "Paktya", "Southern Province", "Paktīkā"],
                ["Charikar", "ولایت پروان"],
                ["Parwan", "Charikar", "ولایت پروان", "Panjsher"],
                ["Paktia"],  # another country's province: not this rule's business
            ],
            "label_ok": [True, True, True, False, True],
        }
    )
    pruned = dict(zip(units["id"], build.prune_unit_names(units), strict=True))
    assert pruned["AF-PIA"] == ["Paktiya"]
    assert pruned["AF-PKA"] == ["Paktīkā"]
    assert pruned["AF-PAR"] == ["Charikar", "ولایت پروان"]
    assert pruned["AF-PAN"] == ["Panjsher"]
    assert pruned["UZ-SU"] == ["Paktia"]


def test_town_names_are_dropped_from_provinces_but_namesake_spellings_stay() -> None:
    rows = pd.DataFrame(
        {
            "id": ["AF-BAL", "AF-KDZ", "PK-IS", "gn:1", "gn:2", "gn:3"],
            "name": ["Balkh", "Kunduz", "Islamabad Capital Territory", "Mazar-e Sharif", "Kunduz", "Islamabad"],
            "kind": ["province", "province", "province", "town", "town", "town"],
            "alternate_names": [
                "Balh|Mazar|Mazar-i-Sharif|بلخ",
                "Qunduz|Kondoz",
                "Federal Capital Territory|Islamabad",
                "Mazar|Mazar-i-Sharif",
                "Qunduz|Kondoz",
                "Islāmābād",
            ],
        }
    )
    out = build.drop_town_names_from_units(rows).set_index("id")["alternate_names"]
    assert out["AF-BAL"] == "Balh|بلخ"  # the city's names go, the province's own spellings stay
    assert out["AF-KDZ"] == "Qunduz|Kondoz"  # Kunduz city is the province's namesake: shared spellings stay
    assert out["PK-IS"] == "Federal Capital Territory"
    assert out["gn:1"] == "Mazar|Mazar-i-Sharif"  # towns keep theirs


def test_the_built_provinces_carry_no_capital_names() -> None:
    from isk_atlas.geo import load_gazetteer

    gazetteer = load_gazetteer().set_index("id")
    for unit, city in [("AF-BAL", "Mazar"), ("AF-FYB", "Maimana"), ("AF-HEL", "Girishk"), ("AF-PAR", "Charikar")]:
        assert city not in gazetteer.loc[unit, "alternate_names"].split("|")
    assert "Qunduz" in gazetteer.loc["AF-KDZ", "alternate_names"].split("|")


def test_common_words_and_given_names_mark_homographs() -> None:
    words = {"van": 4.8, "berlin": 4.4, "male": 4.9}
    names = frozenset({"mary"})
    assert build.is_common_word("Van", words, names)
    assert build.is_common_word("Mary", words, names)
    assert not build.is_common_word("Berlin", words, names, prominent=True)  # a capital is what text means
    assert build.is_common_word("Male", words, names, prominent=True)  # too common a word even for a capital
    assert not build.is_common_word("Shiraz", words, names)


def test_towns_far_abroad_keep_latin_names_and_small_ones_need_their_country() -> None:
    places = pd.DataFrame(
        {
            "geonameid": [1, 2, 3],
            "name": ["Van", "Berlin", "Quetta"],
            "countrycode": ["TR", "DE", "PK"],
            "latitude": [38.5, 52.5, 30.2],
            "longitude": [43.4, 13.4, 67.0],
            "population": [525_000, 3_400_000, 730_000],
            "alternatenames": [["Wan"], ["Berlín", "Берлин", "Ship"], ["Kwatah"]],
            "gn_admin2": ["", "", ""],
        }
    )
    admin1 = gpd.GeoDataFrame({"id": ["PK-BA"], "country": ["PAK"]}, geometry=[shapely.box(60, 24, 71, 32)], crs=4326)
    rows = build.build_towns(places, admin1, {}, set(), {2: "DEU"}, {"van": 4.8, "ship": 4.9}, frozenset())
    rows = rows.set_index("name")
    assert rows.loc["Van", "needs_country"] and not rows.loc["Berlin", "needs_country"]
    assert not rows.loc["Quetta", "needs_country"] and rows.loc["Quetta", "admin1"] == "PK-BA"
    assert rows.loc["Berlin", "alternate_names"] == "Berlín"  # Latin script only; the word "Ship" dropped
    assert (rows["country"] == ["TUR", "DEU", "PAK"]).all()


def test_country_names_are_dropped_from_towns() -> None:
    rows = pd.DataFrame(
        {
            "kind": ["country", "town"],
            "name": ["Iraq", "Arak"],
            "alternate_names": ["Republic of Iraq", "`Iraq|Sultanabad"],
        }
    )
    assert build.drop_country_names_from_towns(rows)["alternate_names"].tolist() == [
        "Republic of Iraq",
        "Sultanabad",
    ]


def test_towns_of_100000_are_kept_only_in_the_countries_where_the_group_is_reported() -> None:
    def city(geonameid: int, name: str, country: str, population: int) -> dict[str, Any]:
        return {"geonameid": geonameid, "name": name, "countrycode": country, "population": population,
                "latitude": 50.0, "longitude": 10.0, "alternatenames": []}  # fmt: skip

    cities = [
        city(1, "Gera", "DE", 104_000),  # Germany: plots and arrests are reported there
        city(2, "Salamanca", "ES", 144_000),  # Spain is not in the list
        city(3, "Kleinstadt", "DE", 60_000),  # too small
        city(4, "Madrid", "ES", 3_300_000),  # a city of a million anywhere
    ]
    inputs = build.Inputs([], [], [], [], cities, pd.DataFrame(), {})
    chosen = build.far_places(inputs, {}, set())
    assert chosen["name"].tolist() == ["Gera", "Madrid"]
    assert all(len(code) == 2 and reason for code, reason in build.REPORTED_COUNTRIES.items())


def _far_unit(iso2: str, country: str, code: str, name_en: str, alt: str = "") -> dict[str, Any]:
    props = {"iso_a2": iso2, "adm0_a3": country, "iso_3166_2": code, "name_en": name_en, "name": name_en,
             "name_alt": alt, "latitude": 50.0, "longitude": 10.0}  # fmt: skip
    return {"type": "Feature", "properties": props, "geometry": None}


def test_far_units_of_reported_countries_are_provinces_unless_a_town_or_country_has_the_name() -> None:
    rows = pd.DataFrame(
        {
            "id": ["gn:1", "DEU", "cur:chechnya"],
            "name": ["Hamburg", "Georgia", "Chechnya"],
            "kind": ["town", "country", "province"],
            "admin1": ["", "", "RU-CE"],
            "alternate_names": ["", "", ""],
        }
    )
    features = [
        _far_unit("DE", "DEU", "DE-NW", "North Rhine-Westphalia", "Nordrhein-Westfalen|NRW."),
        _far_unit("DE", "DEU", "DE-HH", "Hamburg"),  # the city's name: the town stands for it
        _far_unit("US", "USA", "US-GA", "Georgia"),  # a country's name
        _far_unit("US", "USA", "US-VA", "Virginia"),  # a given name: needs its country named
        _far_unit("RU", "RUS", "RU-CE", "Chechnya"),  # already curated
        _far_unit("RU", "RUS", "UA-43", "Crimea"),  # another country's code
        _far_unit("FR", "FRA", "FR-75", "Paris"),  # France's units are not taken
        _far_unit("PK", "PAK", "PK-SD", "Sindh"),  # a neighbour's regions come with their polygons
        _far_unit("RU", "RUS", "RU-MOS", "Московская область"),  # no Latin-script name: no row
    ]
    out = build.far_unit_rows(features, rows, {}, frozenset({"virginia"})).set_index("id")
    assert sorted(out.index) == ["DE-NW", "US-VA"]
    assert out.loc["DE-NW", "kind"] == "province" and out.loc["DE-NW", "country"] == "DEU"
    assert out.loc["DE-NW", "alternate_names"] == "Nordrhein-Westfalen"  # no abbreviation
    assert bool(out.loc["US-VA", "needs_country"]) and not bool(out.loc["DE-NW", "needs_country"])


def test_home_places_lose_titles_and_common_nouns_and_villages_so_named_need_their_country() -> None:
    rows = pd.DataFrame(
        {
            "id": ["AF-KDZ.imam-sahib", "gn:1", "gn:2", "gn:3", "PK-KP.x"],
            "name": ["Imam Sahib", "March", "Giro", "Darzab", "Peshawar"],
            "kind": ["district", "town", "town", "town", "town"],
            "country": ["AFG", "AFG", "AFG", "AFG", "PAK"],
            "alternate_names": ["Hazrat|Khwaja|Imam Saheb|Bazaar", "Marc", "Giro District", "Chowk|Darzaab", "Chowk"],
            "is_seat": [False, False, True, False, False],
            "needs_country": [False, False, False, False, False],
        }
    )
    out = build.mark_home_homographs(rows, {"march": 3.5, "giro": 3.2}, frozenset())
    assert out.loc[0, "alternate_names"] == "Imam Saheb"  # titles and a market are no name of the district
    assert out.loc[3, "alternate_names"] == "Darzaab"
    assert out.loc[2, "alternate_names"] == "Giro District"  # the row's own name stays
    assert out.loc[4, "alternate_names"] == "Chowk"  # abroad: the build's other rules decide
    assert out["needs_country"].tolist() == [False, True, False, False, False]  # a seat is read alone
