"""Exports of the event table: GeoJSON, GeoPackage (one layer per event type, opens in QGIS) and CSV.

Every file is written whole to a temporary name and renamed into place, so an interrupted build leaves the
previous export whole; a GeoJSON or CSV export whose bytes would not change is left as it is (no write, same
modification time).

Writing each format whole costs, at 10,000 events, about 0.7 s of CPU for the GeoJSON, 0.7 s for the CSV and
0.3 s for the GeoPackage (`benchmarks/bench_export.py`). With an `ExportMemo` (kept by a live process's
`BuildState`), each row's GeoJSON feature and CSV line are remembered by the row's content (values, dtypes and
geometry) and only new or changed rows are formatted; the bytes are those of a fresh export. The GeoPackage is
written whole by GDAL each time: updating it row by row would leave an R-tree shaped by that history, not the
tables a fresh build writes.
"""

from __future__ import annotations

import contextlib
import functools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from isk_atlas.atomic import atomic_path, write_bytes
from isk_atlas.memo import BatchMemo
from isk_atlas.schema import EVENT_TYPES

CRS = "EPSG:4326"


def _for_files(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Columns that every format can hold: dates as ISO strings, lists and dicts as JSON."""
    out = frame.copy()
    geometry_name = out.geometry.name
    for column, dtype in out.dtypes.items():
        if column == geometry_name:
            continue
        if pd.api.types.is_object_dtype(dtype):
            out[column] = out[column].map(_scalar)
        elif pd.api.types.is_datetime64_any_dtype(dtype):
            out[column] = out[column].dt.strftime("%Y-%m-%d")
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


def _write_if_changed(path: Path, data: bytes) -> None:
    """Write `data` atomically, unless the file already holds exactly these bytes."""
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


class _Table:
    """The rows to export (columns already converted for files), with a key per row that holds everything the
    row's text is made of: its values, typed where a column may mix types, and its geometry as WKB."""

    def __init__(self, data: gpd.GeoDataFrame) -> None:
        self.data = data
        geometry_name = data.geometry.name
        names = [name for name in data.columns if name != geometry_name]
        # Texts made under other column names or dtypes are never reused (1 and 1.0 and True are equal keys).
        dtypes = data.dtypes
        self.signature = (str(geometry_name), *((str(name), str(dtypes[name])) for name in names))

    @functools.cached_property
    def keys(self) -> list[tuple[object, ...]]:
        """Of each row, what its texts are made of (only a memo needs them)."""
        data = self.data
        geometry_name = data.geometry.name
        columns = [_key_values(column) for name, column in data.items() if name != geometry_name]
        return list(zip(*columns, _wkb(data.geometry), strict=True))


def _wkb(geometry: gpd.GeoSeries) -> list[object]:
    """Each geometry as WKB (None where missing); a shape shared by many rows (a province) is written once."""
    shapes = np.asarray(geometry.array, dtype=object).tolist()
    by_id = {id(shape): shape for shape in shapes}  # all alive meanwhile, so ids are not reused
    unique = np.empty(len(by_id), dtype=object)
    unique[:] = list(by_id.values())
    wkb = dict(zip(by_id, shapely.to_wkb(unique).tolist(), strict=True))
    return [wkb[id(shape)] for shape in shapes]


def _key_values(column: pd.Series) -> list[object]:
    dtype = column.dtype
    if isinstance(dtype, pd.StringDtype) and dtype.na_value is np.nan:
        # Strings, and NaN where missing (the same object every time; a NaN that is not would only miss the memo).
        values: list[object] = column.tolist()
        return values
    values = _json_ready(column)
    if pd.api.types.is_integer_dtype(dtype) or pd.api.types.is_bool_dtype(dtype) or isinstance(dtype, pd.StringDtype):
        return values  # one type per column
    if pd.api.types.is_float_dtype(dtype):
        return [None if value is None else repr(value) for value in values]  # -0.0 equals 0.0 but is written so
    return [value if value is None or type(value) is str else (type(value), repr(value)) for value in values]


class _NoRowTexts(Exception):
    """The rows' texts cannot be told apart; write the file from scratch."""


@dataclass
class ExportMemo:
    """Each row's GeoJSON feature and CSV line from the last exports, UTF-8 encoded and keyed by the row's content
    under the table's columns and dtypes: an export after a small change formats only the rows that changed.
    Owned by the caller (`isk_atlas.state.BuildState`); a new memo starts afresh."""

    features: BatchMemo[bytes] = field(default_factory=BatchMemo)
    csv_lines: BatchMemo[bytes] = field(default_factory=BatchMemo)


def _row_texts(
    memo: BatchMemo[bytes] | None, table: _Table, make: Callable[[gpd.GeoDataFrame, list[int]], list[bytes]]
) -> list[bytes]:
    every_row = list(range(len(table.data)))
    if memo is None:
        return make(table.data, every_row)
    try:
        texts, _ = memo.values_for(table.signature, table.keys, lambda rows: make(table.data, rows))
    except TypeError:  # a value that cannot be a key (unhashable): format every row
        memo.clear()
        return make(table.data, every_row)
    return texts


def _feature_texts(data: gpd.GeoDataFrame, rows: list[int]) -> list[bytes]:
    """The GeoJSON features of `rows`, as `GeoDataFrame.to_json(drop_id=True)` writes them (missing values as null),
    at twice its speed: properties through `json`, geometries through shapely's vectorised writer."""
    part = data.iloc[rows]
    properties = pd.DataFrame(part.drop(columns=part.geometry.name))
    names = [str(name) for name in properties.columns]
    columns = [_json_ready(properties[name]) for name in properties.columns]
    records = [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]
    geometries = shapely.to_geojson(np.asarray(part.geometry.array, dtype=object))
    return [
        (
            '{"type": "Feature", "properties": '
            + json.dumps(record, ensure_ascii=False, default=_json_value)
            + ', "geometry": '
            + (geometry if geometry is not None else "null")
            + "}"
        ).encode("utf-8")
        for record, geometry in zip(records, geometries, strict=True)
    ]


def _geojson_bytes(table: _Table, memo: ExportMemo | None) -> bytes:
    """A FeatureCollection, one feature per row."""
    features = _row_texts(memo.features if memo else None, table, _feature_texts)
    return b'{"type": "FeatureCollection", "features": [' + b", ".join(features) + b"]}"


def write_geojson(frame: gpd.GeoDataFrame, path: Path) -> Path:
    return _write_geojson(_Table(_for_files(frame.to_crs(CRS))), path, None)


def _write_geojson(table: _Table, path: Path, memo: ExportMemo | None) -> Path:
    _write_if_changed(path, _geojson_bytes(table, memo))
    return path


def write_gpkg(frame: gpd.GeoDataFrame, path: Path) -> Path:
    """One layer per event type, named after it; a type with no events gets no layer."""
    return _write_gpkg(_Table(_for_files(frame.to_crs(CRS))), path)


# SQLite settings while a temporary GeoPackage is filled: no fsync per transaction and the rollback journal in
# memory (no journal file beside it). The file is synced once, whole, before it is renamed into place
# (`atomic_path`); a crash before that leaves only the temporary file, which is thrown away.
_UNSYNCED = {"OGR_SQLITE_SYNCHRONOUS": "OFF", "OGR_SQLITE_JOURNAL": "MEMORY"}


@contextlib.contextmanager
def _unsynced_sqlite() -> Iterator[None]:
    before = {option: pyogrio.get_gdal_config_option(option) for option in _UNSYNCED}
    pyogrio.set_gdal_config_options(_UNSYNCED)
    try:
        yield
    finally:
        pyogrio.set_gdal_config_options(before)


def _write_gpkg(table: _Table, path: Path) -> Path:
    """The whole file, each time (see the module's docstring for what that costs)."""
    data = table.data
    event_types = data["event_type"].to_numpy(dtype=object)
    with atomic_path(path) as tmp, _unsynced_sqlite():
        tmp.unlink(missing_ok=True)
        written = False
        for name in EVENT_TYPES:
            rows = np.flatnonzero(event_types == name)
            if len(rows):
                # A layer mixes points, polygons and lines by precision; GPKG needs one declared type per layer,
                # so the geometry column is promoted to the generic type.
                layer = data.iloc[rows]
                layer.to_file(tmp, layer=name, driver="GPKG", engine="pyogrio", geometry_type="Unknown")
                written = True
        if not written:
            gpd.GeoDataFrame({"event_id": []}, geometry=[], crs=CRS).to_file(tmp, layer="events", driver="GPKG")
    return path


def write_csv(frame: gpd.GeoDataFrame, path: Path) -> Path:
    """Flat table with a WKT geometry column and a representative lon/lat for spreadsheet users."""
    return _write_csv(_Table(_for_files(frame.to_crs(CRS))), path, None)


def _csv_table(data: gpd.GeoDataFrame) -> pd.DataFrame:
    points = data.geometry.representative_point()
    table = pd.DataFrame(data.drop(columns=data.geometry.name))
    table["lon"] = points.x.round(5)
    table["lat"] = points.y.round(5)
    table["geometry_wkt"] = data.geometry.to_wkt(rounding_precision=5)
    for column in table.select_dtypes(include=["object", "string"]).columns:
        series = table[column]
        # A string column without a formula-like cell is left as it is (mapping it would write the same text).
        if isinstance(series.dtype, pd.StringDtype) and not any(
            isinstance(value, str) and value.startswith(_FORMULA_START) for value in series.tolist()
        ):
            continue
        table[column] = series.map(_defuse_formula)
    return table


# Marks where each row's line starts when a few rows are written at once (see `_csv_lines`).
_ROW_MARK = "\x1e"


def _csv_lines(data: gpd.GeoDataFrame, rows: list[int]) -> list[bytes]:
    """The lines of `rows` as the whole table's `to_csv` writes them: pandas formats and quotes every value on
    its own (by its column's dtype, which a slice keeps), so a row's line does not depend on the other rows."""
    table = _csv_table(data.iloc[rows])
    if _ROW_MARK in table.columns:
        raise _NoRowTexts
    table.insert(0, _ROW_MARK, [f"{_ROW_MARK}{i}{_ROW_MARK}" for i in range(len(rows))])
    pieces = table.to_csv(index=False, header=False).split(_ROW_MARK)
    if (
        len(pieces) != 2 * len(rows) + 1
        or pieces[0]
        or pieces[1::2] != [str(i) for i in range(len(rows))]
        or not all(line.startswith(",") for line in pieces[2::2])
    ):
        raise _NoRowTexts  # the mark occurs in the data itself
    return [line[1:].encode("utf-8") for line in pieces[2::2]]


def _csv_bytes(table: _Table, memo: ExportMemo | None) -> bytes:
    if memo is not None:
        # The header line as the whole table's `to_csv` writes it (lon/lat may replace columns of those names).
        header = _csv_table(table.data.iloc[:0]).to_csv(index=False).encode("utf-8")
        try:
            return header + b"".join(_row_texts(memo.csv_lines, table, _csv_lines))
        except _NoRowTexts:
            pass
    return _csv_table(table.data).to_csv(index=False).encode("utf-8")


def _write_csv(table: _Table, path: Path, memo: ExportMemo | None) -> Path:
    _write_if_changed(path, _csv_bytes(table, memo))
    return path


def write_all(frame: gpd.GeoDataFrame, out_dir: Path, memo: ExportMemo | None = None) -> list[Path]:
    """Write out_dir/events.{geojson,gpkg,csv} (the columns converted for files once, for all three). With a
    `memo`, rows formatted by an earlier export under it are not formatted again (the bytes are the same)."""
    table = _Table(_for_files(frame.to_crs(CRS)))
    return [
        _write_geojson(table, out_dir / "events.geojson", memo),
        _write_gpkg(table, out_dir / "events.gpkg"),
        _write_csv(table, out_dir / "events.csv", memo),
    ]
