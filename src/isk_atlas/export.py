"""Exports of the event table: GeoJSON, GeoPackage (one layer per event type, opens in QGIS) and CSV.

Every file is written to a temporary name and renamed into place, so an interrupted build leaves the
previous export whole; a GeoJSON or CSV export whose bytes would not change is left as it is (no write, same
modification time), so an unchanged rebuild rewrites nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from isk_atlas.atomic import atomic_path, write_bytes
from isk_atlas.schema import EVENT_TYPES

CRS = "EPSG:4326"


def _for_files(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Columns that every format can hold: dates as ISO strings, lists and dicts as JSON."""
    out = frame.copy()
    for column in out.columns:
        if column == out.geometry.name:
            continue
        series = out[column]
        if series.dtype == object:
            out[column] = series.map(_scalar)
        elif pd.api.types.is_datetime64_any_dtype(series):
            out[column] = series.dt.strftime("%Y-%m-%d")
    return out


def _scalar(value: object) -> object:
    if isinstance(value, list | dict | tuple):
        return json.dumps(value, ensure_ascii=False, default=str)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


# A spreadsheet runs a cell that starts with one of these as a formula (=HYPERLINK(...), =cmd|...): article
# text in the CSV gets a leading apostrophe instead, which spreadsheets hide and treat as "this is text".
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _defuse_formula(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _is_number(value):
        return "'" + value
    return value


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _write_if_changed(path: Path, text: str) -> None:
    """Write `text` atomically, unless the file already holds exactly these bytes."""
    data = text.encode("utf-8")
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return
    except OSError:
        pass  # missing or unreadable: write it
    write_bytes(path, data)


def _json_value(value: object) -> object:
    """What json cannot write by itself: numpy scalars (as Python numbers)."""
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _json_ready(column: pd.Series) -> list[object]:
    """The column's values as Python objects, missing ones (NaN, NA, None) as None."""
    values: list[object] = column.tolist()
    missing = column.isna().to_numpy()
    if missing.any():
        values = [None if gone else value for value, gone in zip(values, missing, strict=True)]
    return values


def _geojson_text(data: gpd.GeoDataFrame) -> str:
    """A FeatureCollection, one feature per row, as `GeoDataFrame.to_json(drop_id=True)` writes it (missing values
    as null), at twice its speed: properties through `json`, geometries through shapely's vectorised writer."""
    properties = pd.DataFrame(data.drop(columns=data.geometry.name))
    names = [str(name) for name in properties.columns]
    columns = [_json_ready(properties[name]) for name in properties.columns]
    records = [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]
    geometries = shapely.to_geojson(np.asarray(data.geometry.array, dtype=object))
    features = [
        '{"type": "Feature", "properties": '
        + json.dumps(record, ensure_ascii=False, default=_json_value)
        + ', "geometry": '
        + (geometry if geometry is not None else "null")
        + "}"
        for record, geometry in zip(records, geometries, strict=True)
    ]
    return '{"type": "FeatureCollection", "features": [' + ", ".join(features) + "]}"


def write_geojson(frame: gpd.GeoDataFrame, path: Path) -> Path:
    return _write_geojson(_for_files(frame.to_crs(CRS)), path)


def _write_geojson(data: gpd.GeoDataFrame, path: Path) -> Path:
    _write_if_changed(path, _geojson_text(data))
    return path


def write_gpkg(frame: gpd.GeoDataFrame, path: Path) -> Path:
    """One layer per event type, named after it; a type with no events gets no layer."""
    return _write_gpkg(_for_files(frame.to_crs(CRS)), path)


def _write_gpkg(data: gpd.GeoDataFrame, path: Path) -> Path:
    with atomic_path(path) as tmp:
        tmp.unlink()
        written = False
        for event_type in EVENT_TYPES:
            layer = data[data["event_type"] == event_type]
            if layer.empty:
                continue
            # A layer mixes points, polygons and lines by precision; GPKG needs one declared type per
            # layer, so the geometry column is promoted to the generic type.
            layer.to_file(tmp, layer=event_type, driver="GPKG", engine="pyogrio", geometry_type="Unknown")
            written = True
        if not written:
            gpd.GeoDataFrame({"event_id": []}, geometry=[], crs=CRS).to_file(tmp, layer="events", driver="GPKG")
    return path


def write_csv(frame: gpd.GeoDataFrame, path: Path) -> Path:
    """Flat table with a WKT geometry column and a representative lon/lat for spreadsheet users."""
    return _write_csv(_for_files(frame.to_crs(CRS)), path)


def _write_csv(data: gpd.GeoDataFrame, path: Path) -> Path:
    points = data.geometry.representative_point()
    table = pd.DataFrame(data.drop(columns=data.geometry.name))
    table["lon"] = points.x.round(5)
    table["lat"] = points.y.round(5)
    table["geometry_wkt"] = data.geometry.to_wkt(rounding_precision=5)
    for column in table.select_dtypes(include=["object", "string"]).columns:
        table[column] = table[column].map(_defuse_formula)
    _write_if_changed(path, table.to_csv(index=False))
    return path


def write_all(frame: gpd.GeoDataFrame, out_dir: Path) -> list[Path]:
    """Write out_dir/events.{geojson,gpkg,csv} (the columns converted for files once, for all three)."""
    data = _for_files(frame.to_crs(CRS))
    return [
        _write_geojson(data, out_dir / "events.geojson"),
        _write_gpkg(data, out_dir / "events.gpkg"),
        _write_csv(data, out_dir / "events.csv"),
    ]
