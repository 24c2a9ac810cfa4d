"""Reference geography: the gazetteer, admin-1 boundaries and named regions in geo/ (built by `geo build`).

All frames are in EPSG:4326. Each loader reads its file on every call (a gazetteer read costs about 12 ms, the
boundaries about 30: a caller that needs them again keeps what it got, as the place model does).
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd

from isk_atlas.errors import InputError
from isk_atlas.paths import geo_dir

__all__ = [
    "ADMIN1_COLUMNS",
    "ATTRIBUTION",
    "GAZETTEER_COLUMNS",
    "KINDS",
    "REGION_COLUMNS",
    "load_admin1",
    "load_gazetteer",
    "load_regions",
]

ATTRIBUTION = (
    "Boundaries: Natural Earth (public domain), Afghan province labels corrected. "
    "Places: GeoNames (geonames.org), CC BY 4.0, with isk-atlas curated additions."
)

GAZETTEER_COLUMNS = (
    "id",
    "name",
    "kind",
    "admin1",
    "admin2",
    "country",
    "lat",
    "lon",
    "population",
    "source",
    "alternate_names",
    "is_seat",
    "needs_country",
)
# True/false columns of the gazetteer. `needs_country`: a place abroad that a report names only with its country
# nearby (a small town far away, or a town whose name is a common English word or given name: "Van", "Batman").
_FLAGS = ("is_seat", "needs_country")
ADMIN1_COLUMNS = ("id", "name", "country", "kind", "geometry")
REGION_COLUMNS = ("id", "name", "aliases", "geometry")
KINDS = frozenset({"country", "province", "district", "town", "quarter", "landmark", "region", "border_crossing"})
CRS = "EPSG:4326"
# What a gazetteer kind means for drawing: a district or province is an area, not a pin on its seat.
KIND_PRECISION: dict[str, str] = {
    "country": "country",
    "province": "province",
    "region": "region",
    "district": "district",
    "town": "point",
    "quarter": "point",
    "landmark": "point",
    "border_crossing": "point",
}


def _require(path: Path) -> Path:
    if not path.is_file():
        raise InputError(path, "reference geography missing; rebuild it with `isk-atlas geo build`")
    return path


def _check_columns(path: Path, columns: pd.Index, expected: tuple[str, ...]) -> None:
    missing = [c for c in expected if c not in columns]
    if missing:
        raise InputError(path, f"columns missing: {', '.join(missing)}", line=1)


def _gazetteer(path: Path) -> pd.DataFrame:
    frame = pd.read_csv(
        _require(path),
        dtype={c: "string" for c in GAZETTEER_COLUMNS if c not in {"lat", "lon", "population", *_FLAGS}},
        keep_default_na=False,
        encoding="utf-8",
    )
    _check_columns(path, frame.columns, GAZETTEER_COLUMNS)
    for column in ("lat", "lon"):
        values = pd.to_numeric(frame[column], errors="coerce")
        bad = values.isna()
        if bad.any():
            row = int(bad.to_numpy().nonzero()[0][0])
            raise InputError(path, f"not a number: {frame[column].iloc[row]!r}", line=row + 2, field=column)
        frame[column] = values.astype(float)
    frame["population"] = pd.to_numeric(frame["population"], errors="coerce").fillna(0).astype("int64")
    for flag in _FLAGS:
        frame[flag] = frame[flag].astype(str).str.lower().eq("true")
    for column in GAZETTEER_COLUMNS:
        if frame[column].dtype == "string":
            frame[column] = frame[column].astype(object)
    return frame.loc[:, list(GAZETTEER_COLUMNS)]


def _geojson(path: Path, columns: tuple[str, ...]) -> gpd.GeoDataFrame:
    frame = gpd.read_file(_require(path))
    _check_columns(path, frame.columns, columns)
    frame = frame.set_crs(CRS, allow_override=True) if frame.crs is None else frame.to_crs(CRS)
    return frame.loc[:, list(columns)]


def load_gazetteer() -> pd.DataFrame:
    """Every place: columns id, name, kind, admin1, admin2, country, lat, lon, population, source,
    alternate_names ('|'-joined), is_seat, needs_country (see `_FLAGS`). Districts have admin2 = their own id
    (`AF-BDS.jurm`), towns the id of the district GeoNames puts them in."""
    path = geo_dir() / "gazetteer.csv"
    return _gazetteer(path)


def load_admin1() -> gpd.GeoDataFrame:
    """Afghanistan's 34 provinces (kind `province`) and the neighbours' first-level regions (kind `region`)."""
    path = geo_dir() / "admin1.geojson"
    return _geojson(path, ADMIN1_COLUMNS)


def load_regions() -> gpd.GeoDataFrame:
    """Named regions (northeast, the Afghan-Tajik border, Central Asia...) with '|'-joined aliases."""
    path = geo_dir() / "regions.geojson"
    return _geojson(path, REGION_COLUMNS)
