"""District boundaries the user brings: an Afghan district boundary set as analysts get it (OCHA's COD-AB shapefile or
GeoJSON with `ADM2_PCODE` / `ADM2_EN`-style fields, geoBoundaries' `shapeName`), matched to the gazetteer's districts
and written as a district layer under geo/.

    isk-atlas geo districts FILE|URL [--licence TEXT]

Each boundary's candidates are the gazetteer districts of the province its own province field names (`ADM1_EN`), of
the provinces (geo/admin1.geojson) it overlaps, and any district whose point lies near it (a district moved between
provinces, a province line drawn otherwise). Its name is compared with theirs by keys that fold transliteration
(`name_keys`: Khwaja/Khoja, Dasht-e Archi/Dashte Archi, Sherzad/Shirzad, a second name in brackets) and accepted by
declared rules (`ACCEPTANCE`: a close name, or a less close one beside the district's point inside the boundary). A
city's numbered districts ("PD 5", "District 12", "Nahia 3") are parts of the city's district. What does not match
is listed in the report with the closest name, never guessed; districts left without a boundary are listed. Written
(atomically): `geo/districts.user.geojson` (gazetteer id, name, province, the boundary set's own name and code,
polygon) and `geo/districts.user.json` (where it came from, the licence the user states, when, what matched and what
did not). Both are git-ignored: the boundaries are the user's.

With such a layer in geo/, the geocoder places each district's point inside its polygon (`district_points`):
a district point outside its polygon moves to the polygon's representative point. Without one everything works as
before.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import tempfile
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from rapidfuzz import fuzz

from isk_atlas.atomic import write_text, write_with
from isk_atlas.errors import InputError
from isk_atlas.names import compact, normalize, skeleton_of_compact
from isk_atlas.paths import geo_dir

LAYER_NAME: Final = "districts.user.geojson"
RECORD_NAME: Final = "districts.user.json"
MIN_SIMILARITY: Final = 80.0
# Fields that hold a district's name and code in the layouts analysts get, tried in order (case-insensitive).
NAME_FIELDS: Final = ("ADM2_EN", "ADM2_NAME", "ADM2NAME", "DIST_NAME", "DISTNAME", "DISTRICT", "shapeName", "NAME_2",
                      "NAME")  # fmt: skip
CODE_FIELDS: Final = ("ADM2_PCODE", "ADM2_CODE", "DIST_CODE", "shapeID", "GID_2", "PCODE")
_TIMEOUT_S: Final = 60


@dataclass
class DistrictReport:
    """What `import_districts` did: where from, how many boundaries, which matched, which did not (and why)."""

    source: str
    licence: str
    boundaries: int = 0
    matched: int = 0
    unmatched: list[dict[str, Any]] = field(default_factory=list)
    without_boundary: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "licence": self.licence,
            "boundaries": self.boundaries,
            "matched": self.matched,
            "unmatched": self.unmatched,
            "without_boundary": self.without_boundary,
            "written": self.written,
        }


def _field(frame: pd.DataFrame, wanted: Sequence[str]) -> str | None:
    by_lower = {str(column).lower(): str(column) for column in frame.columns}
    return next((by_lower[name.lower()] for name in wanted if name.lower() in by_lower), None)


def read_boundaries(source: str) -> gpd.GeoDataFrame:
    """The boundary set at `source` (a file geopandas reads: shapefile, zipped shapefile, GeoJSON, GeoPackage; or
    an http(s) URL of one) in EPSG:4326. Raises InputError naming the source when it cannot be read."""
    if source.startswith(("http://", "https://")):
        suffix = Path(source.split("?", 1)[0]).suffix or ".geojson"
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"districts{suffix}"
            try:
                with urllib.request.urlopen(source, timeout=_TIMEOUT_S) as response:  # noqa: S310 - the user's URL
                    path.write_bytes(response.read())
            except OSError as error:
                raise InputError(source, f"cannot download the district boundaries: {error}") from error
            return read_boundaries(str(path))
    path = Path(source)
    if not path.exists():
        raise InputError(path, "no such file")
    try:
        frame = gpd.read_file(path)
    except Exception as error:  # pyogrio's errors vary by driver
        raise InputError(path, f"not a boundary file geopandas can read: {error}") from error
    if frame.empty or frame.geometry is None:
        raise InputError(path, "holds no boundaries")
    if frame.crs is None:
        frame = frame.set_crs("EPSG:4326")
    return frame.to_crs("EPSG:4326")


@dataclass(frozen=True)
class Acceptance:
    """When a boundary's name is close enough to a candidate district's: a similarity alone, or a lower one with
    the district's gazetteer point inside the boundary (two independent pieces of evidence), where the skeletons
    of short names count too (`name_keys(..., short=True)`). `example`: a name as a boundary set writes it and
    the gazetteer's, which a test checks this rule accepts."""

    min_similarity: float
    point_inside: bool
    example: tuple[str, str]


ACCEPTANCE: Final = (
    Acceptance(MIN_SIMILARITY, False, ("Dashte Archi", "Dasht-e Archi")),
    Acceptance(65.0, True, ("Kiti", "Gayti")),
)


@dataclass(frozen=True)
class SpellingFold:
    """A difference of transliteration (Dari/Pashto to Latin) folded away in a word before the skeleton key
    (`isk_atlas.names.skeleton`, which already folds vowels, v/w, q/k, kh/x and doubled letters) is taken."""

    pattern: re.Pattern[str]
    replacement: str
    example: tuple[str, str]


SPELLING_FOLDS: Final = (
    # the Persian final h (he) after a vowel is written or not: Darah/Dara, Qalah/Qala, Khwajah/Khwaja
    SpellingFold(re.compile(r"(?<=[aeiou])h$"), "", ("Gul Darah", "Guldara")),
    # khw (the Persian silent-w cluster) written kh, kho, khu: Khwaja/Khoja, Khwahan/Khahan
    SpellingFold(re.compile(r"^khw"), "kh", ("Khoja Ghar", "Khwajah Ghar")),
    # ts and dz of Pashto written ch and z: Tsamkani/Chamkani, Dzadran/Zadran
    SpellingFold(re.compile(r"^ts"), "ch", ("Chamkani", "Tsamkani")),
    SpellingFold(re.compile(r"^dz"), "z", ("Zadran", "Dzadran")),
)
# A second name in brackets or after a slash: "Khwaja Hejran (Jalga)", "Nawa / Nawa-e-Barakzai".
_NAME_PARTS: Final = re.compile(r"[()/\\]|\s-\s")
# The numbered districts (nahia) of a city, as boundary sets write them: "PD 5", "District 12", "Nahia 3". They
# are parts of the district of the city: the province's most populous town.
CITY_PART: Final = re.compile(
    r"^\s*(?:p\.?\s*d\.?|police\s+district|district|nahi(?:a|ya|yah|ye))\s*-?\s*\d{1,2}\s*$", re.I
)
# How far (metres) a district's gazetteer point may lie from a boundary for the district to be a candidate though
# the boundary is in another province (a district moved between provinces, a province line drawn otherwise).
NEAR_M: Final = 25_000.0
_METRIC_CRS: Final = "EPSG:32642"  # UTM 42N: metres across Afghanistan
# A skeleton this short says little (Kiti and Kot are kata and kat): short names are compared as written.
MIN_SKELETON: Final = 5
ADM1_FIELDS: Final = ("ADM1_EN", "ADM1_NAME", "ADM1NAME", "PROV_NAME", "PROVINCE", "PROV_34_NA", "NAME_1")


def name_keys(name: str, short: bool = False) -> frozenset[str]:
    """The keys a district name is compared by: per name (a second name in brackets is one too), the compact key
    and the skeleton of its words with the `SPELLING_FOLDS` applied (when at least `MIN_SKELETON` long, or with
    `short`)."""
    keys: set[str] = set()
    for part in _NAME_PARTS.split(name):
        words = normalize(part).split()
        if not words:
            continue
        keys.add("".join(words))
        folded = []
        for word in words:
            for fold in SPELLING_FOLDS:
                word = fold.pattern.sub(fold.replacement, word)
            folded.append(word)
        skeleton = skeleton_of_compact("".join(folded))
        if short or len(skeleton) >= MIN_SKELETON:
            keys.add(skeleton)
    keys.discard("")
    return frozenset(keys)


def similarity(written: frozenset[str], known: frozenset[str]) -> float:
    """How alike two names are by their keys (rapidfuzz ratio, 0-100): the best pair."""
    return max((fuzz.ratio(a, b) for a in written for b in known), default=0.0)


@dataclass(frozen=True)
class _Candidate:
    place_id: str
    admin1: str
    keys: frozenset[str]
    loose: frozenset[str]  # with short names' skeletons
    point: Any


def match_districts(
    boundaries: gpd.GeoDataFrame, gazetteer: pd.DataFrame, admin1: gpd.GeoDataFrame, source: str
) -> tuple[gpd.GeoDataFrame, list[dict[str, Any]]]:
    """The boundaries matched to gazetteer districts (one row per matched district: boundaries matched to one
    district, such as a city's numbered parts, are dissolved into its area), and the unmatched ones with why.

    A boundary's candidates are the districts of the province its own province field names, of every province it
    overlaps (most overlap first) and every district whose gazetteer point lies within `NEAR_M` of it. The best by
    name similarity (`name_keys`) that an `ACCEPTANCE` rule accepts wins; ties go to the one whose point lies
    inside the boundary, then to the earlier province."""
    name_field = _field(boundaries, NAME_FIELDS)
    if name_field is None:
        raise InputError(source, f"no district name field (looked for {', '.join(NAME_FIELDS)})")
    code_field = _field(boundaries, CODE_FIELDS)
    province_field = _field(boundaries, ADM1_FIELDS)
    districts = gazetteer[gazetteer["kind"] == "district"].dropna(subset=["lat", "lon"])
    points = np.asarray(shapely.points(districts[["lon", "lat"]].to_numpy(dtype=float)), dtype=object)
    candidates = [
        _Candidate(
            str(row.id),
            str(row.admin1),
            frozenset().union(*(name_keys(n) for n in _names(row))),
            frozenset().union(*(name_keys(n, short=True) for n in _names(row))),
            point,
        )
        for row, point in zip(districts.itertuples(index=False), points, strict=True)
    ]
    provinces = admin1[admin1["country"] == "AFG"][["id", "name", "geometry"]].reset_index(drop=True)
    shapes = gpd.GeoDataFrame({"row": range(len(boundaries))}, geometry=boundaries.geometry.to_numpy(),
                              crs="EPSG:4326")  # fmt: skip
    overlaps = _overlapping_provinces(shapes, provinces)
    near = _near_districts(shapes, candidates)
    named_province = _provinces_by_name(gazetteer, provinces)
    city_district = _city_districts(gazetteer)
    rows: list[dict[str, Any]] = []
    unmatched: list[dict[str, Any]] = []
    for position, boundary in enumerate(boundaries.itertuples(index=False)):
        written = str(getattr(boundary, name_field) or "").strip()
        code = str(getattr(boundary, code_field) or "") if code_field else ""
        order = list(overlaps.get(position, []))
        stated = str(getattr(boundary, province_field) or "") if province_field else ""
        if (named := named_province.get(compact(stated))) is not None:
            order = [named, *(p for p in order if p != named)]
        if not order and not near.get(position):
            unmatched.append({"name": written, "code": code, "why": "lies in no Afghan province"})
            continue
        if CITY_PART.match(written) and order and order[0] in city_district:
            chosen: str | None = city_district[order[0]]
            best: tuple[float, str] | None = None
        else:
            pool = [c for c in candidates if c.admin1 in order] + [c for c in near.get(position, [])
                                                                   if c.admin1 not in order]  # fmt: skip
            chosen, best = _choose(written, pool, order, boundary.geometry)
        if chosen is None:
            closest = {"closest": best[1], "similarity": round(best[0], 1)} if best is not None else {}
            unmatched.append({"name": written, "code": code, "province": order[0] if order else None,
                              "why": "no district of that name in or near it", **closest})  # fmt: skip
            continue
        row = districts.loc[districts["id"] == chosen].iloc[0]
        rows.append({"id": chosen, "name": str(row["name"]), "admin1": str(row["admin1"]), "source_name": written,
                     "source_code": code, "geometry": boundary.geometry})  # fmt: skip
    matched = gpd.GeoDataFrame(rows, columns=["id", "name", "admin1", "source_name", "source_code", "geometry"],
                               geometry="geometry", crs="EPSG:4326")  # fmt: skip
    # two boundaries matched to one district: the set splits it; the parts are one district's area
    matched = matched.dissolve(by="id", as_index=False, aggfunc="first") if len(matched) else matched
    return matched, unmatched


def _names(row: Any) -> list[str]:
    return [str(row.name), *(name for name in str(row.alternate_names or "").split("|") if name)]


def _choose(
    written: str, pool: list[_Candidate], order: list[str], area: Any
) -> tuple[str | None, tuple[float, str] | None]:
    """The candidate an acceptance rule takes (best similarity, then point inside, then earlier province), and the
    closest candidate by name (for the report)."""
    keys, loose = name_keys(written), name_keys(written, short=True)
    scored = [(similarity(keys, c.keys), similarity(loose, c.loose), bool(area.covers(c.point)), c) for c in pool]
    scored.sort(key=lambda item: (-item[0], -item[1], not item[2], _rank(order, item[3].admin1)))
    if not scored:
        return None, None
    closest = (scored[0][0], scored[0][3].place_id)
    for strict, relaxed, inside, candidate in scored:
        for rule in ACCEPTANCE:
            score = relaxed if rule.point_inside else strict
            if score >= rule.min_similarity and (inside or not rule.point_inside):
                return candidate.place_id, closest
    return None, closest


def _rank(order: list[str], province: str) -> int:
    return order.index(province) if province in order else len(order)


def _overlapping_provinces(shapes: gpd.GeoDataFrame, provinces: gpd.GeoDataFrame) -> dict[int, list[str]]:
    """Each boundary's Afghan provinces by how much of it they hold, most first."""
    pairs = gpd.sjoin(shapes, provinces, how="inner", predicate="intersects")
    if pairs.empty:
        return {}
    mine = shapes.geometry.to_numpy()[pairs["row"].to_numpy()]
    theirs = provinces.geometry.to_numpy()[pairs["index_right"].to_numpy()]
    shared = shapely.area(shapely.intersection(mine, theirs))
    pairs = pairs.assign(shared=shared).sort_values(["row", "shared"], ascending=[True, False])
    pairs = pairs[pairs["shared"] > 0]
    return {int(row): list(group["id"]) for row, group in pairs.groupby("row", sort=False)}


def _near_districts(shapes: gpd.GeoDataFrame, candidates: list[_Candidate]) -> dict[int, list[_Candidate]]:
    """Each boundary's districts whose gazetteer point lies within NEAR_M of it."""
    points = gpd.GeoDataFrame({"k": range(len(candidates))}, geometry=[c.point for c in candidates], crs="EPSG:4326")
    grown = shapes.to_crs(_METRIC_CRS)
    grown = grown.set_geometry(grown.geometry.buffer(NEAR_M))
    pairs = gpd.sjoin(points.to_crs(_METRIC_CRS), grown, how="inner", predicate="within")
    near: dict[int, list[_Candidate]] = {}
    for row, k in zip(pairs["row"], pairs["k"], strict=True):
        near.setdefault(int(row), []).append(candidates[int(k)])
    return near


def _provinces_by_name(gazetteer: pd.DataFrame, provinces: gpd.GeoDataFrame) -> dict[str, str]:
    """Afghan province ids by the compact key of each of their names (gazetteer names and alternates)."""
    rows = gazetteer[gazetteer["id"].isin(provinces["id"])]
    return {compact(name): str(row.id) for row in rows.itertuples(index=False) for name in _names(row) if compact(name)}


def _city_districts(gazetteer: pd.DataFrame) -> dict[str, str]:
    """Each Afghan province's city district: the district of its most populous town."""
    towns = gazetteer[(gazetteer["kind"] == "town") & (gazetteer["country"] == "AFG") & gazetteer["admin2"].notna()]
    towns = towns.assign(people=pd.to_numeric(towns["population"], errors="coerce").fillna(0))
    biggest = towns.sort_values("people", ascending=False).drop_duplicates("admin1")
    return {str(a): str(d) for a, d in zip(biggest["admin1"], biggest["admin2"], strict=True) if str(d)}


def import_districts(source: str, licence: str, out: Path | None = None) -> DistrictReport:
    """Read, match and write a user's district boundaries (see the module docstring)."""
    from isk_atlas.geo import load_admin1, load_gazetteer

    folder = out or geo_dir()
    boundaries = read_boundaries(source)
    gazetteer = load_gazetteer()
    matched, unmatched = match_districts(boundaries, gazetteer, load_admin1(), source)
    districts = gazetteer.loc[gazetteer["kind"] == "district", "id"]
    report = DistrictReport(
        source=source,
        licence=licence,
        boundaries=len(boundaries),
        matched=len(boundaries) - len(unmatched),
        unmatched=unmatched,
        without_boundary=sorted(set(districts) - set(matched["id"])),
    )
    layer = folder / LAYER_NAME
    record = folder / RECORD_NAME
    write_with(layer, lambda path: matched.to_file(path, driver="GeoJSON"))
    details = {**report.to_dict(), "imported": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
               "districts": len(matched)}  # fmt: skip
    write_text(record, json.dumps(details, indent=1, ensure_ascii=False) + "\n")
    report.written = [str(layer), str(record)]
    return report


def district_layer_signature(folder: Path | None = None) -> tuple[int, int] | None:
    """The user's district layer's size and modification time (None without one): what a memo of it is keyed by."""
    try:
        stat = ((folder or geo_dir()) / LAYER_NAME).stat()
    except FileNotFoundError:
        return None
    return (stat.st_size, stat.st_mtime_ns)


def load_district_areas(folder: Path | None = None) -> gpd.GeoDataFrame | None:
    """The user's district layer (gazetteer id, name, admin1, polygon), or None when there is none."""
    path = (folder or geo_dir()) / LAYER_NAME
    if not path.exists():
        return None
    try:
        return gpd.read_file(path)
    except Exception as error:
        raise InputError(path, f"unreadable district layer (run `isk-atlas geo districts` again): {error}") from error


def places_gazetteer() -> pd.DataFrame:
    """The gazetteer the place model indexes: geo/gazetteer.csv, with district points inside the user's district
    polygons when geo/ holds them. Read anew each call (`isk_atlas.places.PlaceModel` keeps what it read)."""
    from isk_atlas.geo import load_gazetteer

    return district_points(load_gazetteer(), load_district_areas())


def district_points(gazetteer: pd.DataFrame, areas: gpd.GeoDataFrame | None) -> pd.DataFrame:
    """The gazetteer with each district's point inside its polygon: a point outside moves to the polygon's
    representative point. Unchanged without areas."""
    if areas is None or areas.empty:
        return gazetteer
    inside = areas.set_index("id").geometry
    result = gazetteer.copy()
    for position in result.index[result["kind"] == "district"]:
        district_id = result.at[position, "id"]
        if district_id not in inside.index:
            continue
        polygon = inside.loc[district_id]
        lat, lon = _coordinate(result.at[position, "lat"]), _coordinate(result.at[position, "lon"])
        if lat is None or lon is None or not polygon.contains(shapely.Point(lon, lat)):
            where = polygon.representative_point()
            result.at[position, "lat"], result.at[position, "lon"] = round(where.y, 5), round(where.x, 5)
    return result


def _coordinate(value: object) -> float | None:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


__all__ = [
    "CODE_FIELDS",
    "NAME_FIELDS",
    "DistrictReport",
    "district_layer_signature",
    "district_points",
    "import_districts",
    "load_district_areas",
    "match_districts",
    "places_gazetteer",
    "read_boundaries",
]
