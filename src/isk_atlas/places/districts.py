"""District boundaries the user brings: an Afghan district boundary set as analysts get it (OCHA's COD-AB shapefile or
GeoJSON with `ADM2_PCODE` / `ADM2_EN`-style fields, geoBoundaries' `shapeName`), matched to the gazetteer's districts
and written as a district layer under geo/.

    isk-atlas geo districts FILE|URL [--licence TEXT]

Each boundary's province is the gazetteer province (geo/admin1.geojson) holding its representative point; its name
is matched to that province's gazetteer districts by the geocoder (the name with "district" and the province as
context: spelling variants and fuzzy matching included), then by the closest spelling among the province's districts
(rapidfuzz ratio of compact keys, at least `MIN_SIMILARITY`). What does not match is listed in the report, never
guessed. Written (atomically): `geo/districts.user.geojson` (gazetteer id, name, province, the boundary set's own
name and code, polygon) and `geo/districts.user.json` (where it came from, the licence the user states, when, what
matched and what did not). Both are git-ignored: the boundaries are the user's.

With such a layer in geo/, the geocoder places each district's point inside its polygon (`district_points`):
a district point outside its polygon moves to the polygon's representative point. Without one everything works as
before.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import tempfile
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Final

import geopandas as gpd
import pandas as pd
import shapely
from rapidfuzz import fuzz

from isk_atlas.atomic import write_text, write_with
from isk_atlas.errors import InputError
from isk_atlas.names import compact
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
    written: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "licence": self.licence,
            "boundaries": self.boundaries,
            "matched": self.matched,
            "unmatched": self.unmatched,
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


def match_districts(
    boundaries: gpd.GeoDataFrame, gazetteer: pd.DataFrame, admin1: gpd.GeoDataFrame, source: str
) -> tuple[gpd.GeoDataFrame, list[dict[str, Any]]]:
    """The boundaries matched to gazetteer districts (one row per matched boundary), and the unmatched ones."""
    from isk_atlas.places import GazetteerGeocoder

    name_field = _field(boundaries, NAME_FIELDS)
    if name_field is None:
        raise InputError(source, f"no district name field (looked for {', '.join(NAME_FIELDS)})")
    code_field = _field(boundaries, CODE_FIELDS)
    geocoder = GazetteerGeocoder(gazetteer)
    districts = gazetteer[gazetteer["kind"] == "district"]
    provinces = admin1[admin1["country"] == "AFG"][["id", "name", "geometry"]]
    points = gpd.GeoDataFrame(
        {"row": range(len(boundaries))}, geometry=boundaries.geometry.representative_point(), crs="EPSG:4326"
    )
    placed = gpd.sjoin(points, provinces, how="left", predicate="within").drop_duplicates("row").set_index("row")
    rows: list[dict[str, Any]] = []
    unmatched: list[dict[str, Any]] = []
    for position, boundary in enumerate(boundaries.itertuples(index=False)):
        written = str(getattr(boundary, name_field) or "").strip()
        code = str(getattr(boundary, code_field) or "") if code_field else ""
        province = placed.at[position, "id"] if position in placed.index else None
        province_name = placed.at[position, "name"] if position in placed.index else None
        if not isinstance(province, str):
            unmatched.append({"name": written, "code": code, "why": "lies in no Afghan province"})
            continue
        candidates = districts[districts["admin1"] == province]
        district_id = _match_one(geocoder, written, province, str(province_name), candidates)
        if district_id is None:
            unmatched.append({"name": written, "code": code, "province": province, "why": "no district of that name"})
            continue
        name = str(candidates.loc[candidates["id"] == district_id, "name"].iloc[0])
        rows.append({"id": district_id, "name": name, "admin1": province, "source_name": written,
                     "source_code": code, "geometry": boundary.geometry})  # fmt: skip
    matched = gpd.GeoDataFrame(rows, columns=["id", "name", "admin1", "source_name", "source_code", "geometry"],
                               geometry="geometry", crs="EPSG:4326")  # fmt: skip
    # two boundaries matched to one district: the set splits it; the parts are one district's area
    matched = matched.dissolve(by="id", as_index=False, aggfunc="first") if len(matched) else matched
    return matched, unmatched


def _match_one(geocoder: Any, written: str, province: str, province_name: str, candidates: pd.DataFrame) -> str | None:
    if not written or candidates.empty:
        return None
    answer = geocoder.geocode(f"{written} district", f"{province_name} province, Afghanistan")
    if answer.resolved and answer.kind == "district" and answer.admin1 == province:
        return str(answer.place_id)
    key = compact(written)
    best: tuple[float, str] | None = None
    for row in candidates.itertuples(index=False):
        names = [str(row.name), *str(row.alternate_names or "").split("|")]
        score = max(fuzz.ratio(key, compact(name)) for name in names if name)
        if best is None or score > best[0]:
            best = (score, str(row.id))
    return best[1] if best is not None and best[0] >= MIN_SIMILARITY else None


def import_districts(source: str, licence: str, out: Path | None = None) -> DistrictReport:
    """Read, match and write a user's district boundaries (see the module docstring)."""
    from isk_atlas.geo import load_admin1, load_gazetteer

    folder = out or geo_dir()
    boundaries = read_boundaries(source)
    matched, unmatched = match_districts(boundaries, load_gazetteer(), load_admin1(), source)
    report = DistrictReport(source=source, licence=licence, boundaries=len(boundaries), matched=len(boundaries) -
                            len(unmatched), unmatched=unmatched)  # fmt: skip
    layer = folder / LAYER_NAME
    record = folder / RECORD_NAME
    write_with(layer, lambda path: matched.to_file(path, driver="GeoJSON"))
    details = {**report.to_dict(), "imported": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
               "districts": len(matched)}  # fmt: skip
    write_text(record, json.dumps(details, indent=1, ensure_ascii=False) + "\n")
    report.written = [str(layer), str(record)]
    return report


def load_district_areas(folder: Path | None = None) -> gpd.GeoDataFrame | None:
    """The user's district layer (gazetteer id, name, admin1, polygon), or None when there is none."""
    path = (folder or geo_dir()) / LAYER_NAME
    if not path.exists():
        return None
    try:
        return gpd.read_file(path)
    except Exception as error:
        raise InputError(path, f"unreadable district layer (run `isk-atlas geo districts` again): {error}") from error


@cache
def places_gazetteer() -> pd.DataFrame:
    """The gazetteer the place model indexes: geo/gazetteer.csv, with district points inside the user's district
    polygons when geo/ holds them. Read once per process (both files are read-only while it runs)."""
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
    "district_points",
    "import_districts",
    "load_district_areas",
    "match_districts",
    "places_gazetteer",
    "read_boundaries",
]
