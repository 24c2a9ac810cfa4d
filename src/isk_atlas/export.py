"""Exports of the event table: GeoJSON, GeoPackage (one layer per event type, opens in QGIS) and CSV.

Every file is written to a temporary name and renamed into place, so an interrupted build leaves the
previous export whole; a GeoJSON or CSV export whose bytes would not change is left as it is (no write, same
modification time), and so is a GeoPackage whose rows are those this process last wrote to it, so an unchanged
rebuild rewrites nothing.

A rebuild in the same process formats only what changed: each row's GeoJSON feature and CSV line are remembered
by the row's content (values, dtypes and geometry), and a GeoPackage still as the last export left it gets only
its edited and added rows; the bytes (GeoJSON, CSV) and tables (GeoPackage) are those of a fresh export.
`forget_rows` drops what is remembered.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

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
        columns = [_key_values(column) for name, column in data.items() if name != geometry_name]
        self.keys: list[tuple[object, ...]] = list(zip(*columns, _wkb(data.geometry), strict=True))


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


class _RowTexts:
    """Each row's text in one format (a GeoJSON feature, a CSV line), UTF-8 encoded and remembered by the row's
    key under the table's columns and dtypes, so that an export after a small change formats only the rows that
    changed."""

    def __init__(self) -> None:
        self.memo: BatchMemo[bytes] = BatchMemo()

    def texts(self, table: _Table, make: Callable[[gpd.GeoDataFrame, list[int]], list[bytes]]) -> list[bytes]:
        try:
            texts, _ = self.memo.values_for(table.signature, table.keys, lambda rows: make(table.data, rows))
        except TypeError:  # a value that cannot be a key (unhashable): format every row
            self.clear()
            return make(table.data, list(range(len(table.data))))
        return texts

    def clear(self) -> None:
        self.memo.clear()


_GEOJSON_MEMO = _RowTexts()
_CSV_MEMO = _RowTexts()


def forget_rows() -> None:
    """Drop the remembered row texts and GeoPackage layers (the next export writes every row again)."""
    _GEOJSON_MEMO.clear()
    _CSV_MEMO.clear()
    _CSV_HEADER.clear()
    _GPKG_MEMO.clear()


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


def _geojson_bytes(table: _Table) -> bytes:
    """A FeatureCollection, one feature per row (features of rows unchanged since the last export remembered)."""
    features = _GEOJSON_MEMO.texts(table, _feature_texts)
    return b'{"type": "FeatureCollection", "features": [' + b", ".join(features) + b"]}"


def write_geojson(frame: gpd.GeoDataFrame, path: Path) -> Path:
    return _write_geojson(_Table(_for_files(frame.to_crs(CRS))), path)


def _write_geojson(table: _Table, path: Path) -> Path:
    _write_if_changed(path, _geojson_bytes(table))
    return path


def write_gpkg(frame: gpd.GeoDataFrame, path: Path) -> Path:
    """One layer per event type, named after it; a type with no events gets no layer."""
    return _write_gpkg(_Table(_for_files(frame.to_crs(CRS))), path)


class _GpkgMemo:
    """The rows (keys) of each layer of the GeoPackage last written, and the file's path, size, time and inode
    then: while the file is as that export left it, an export writes only its edited and added rows (see
    `_row_updates`), or nothing if no row changed. Only the last file is remembered."""

    def __init__(self) -> None:
        self.stamp: tuple[str, int, int, int] | None = None
        self.signature: tuple[object, ...] = ()
        self.layers: dict[str, tuple[tuple[object, ...], ...]] = {}

    def previous(self, path: Path, signature: tuple[object, ...]) -> dict[str, tuple[tuple[object, ...], ...]] | None:
        return (
            self.layers
            if self.stamp is not None and self.stamp == _stamp(path) and self.signature == signature
            else None
        )

    def remember(
        self, path: Path, signature: tuple[object, ...], layers: dict[str, tuple[tuple[object, ...], ...]]
    ) -> None:
        self.stamp, self.signature, self.layers = _stamp(path), signature, layers

    def clear(self) -> None:
        self.stamp, self.signature, self.layers = None, (), {}


def _stamp(path: Path) -> tuple[str, int, int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (str(path.resolve()), stat.st_size, stat.st_mtime_ns, stat.st_ino)


_GPKG_MEMO = _GpkgMemo()


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


def _write_layer(layer: gpd.GeoDataFrame, path: Path, name: str) -> None:
    # A layer mixes points, polygons and lines by precision; GPKG needs one declared type per layer, so the
    # geometry column is promoted to the generic type.
    layer.to_file(path, layer=name, driver="GPKG", engine="pyogrio", geometry_type="Unknown")


_LayerKeys = dict[str, tuple[tuple[object, ...], ...]]
# Past this share of rows changed, writing the file whole is as quick as updating it row by row.
_MOST_ROWS_UPDATED = 0.25


def _write_gpkg(table: _Table, path: Path) -> Path:
    data = table.data
    event_types = data["event_type"].to_numpy(dtype=object)
    rows = {name: np.flatnonzero(event_types == name) for name in EVENT_TYPES}
    layers = {name: tuple(table.keys[i] for i in where.tolist()) for name, where in rows.items() if len(where)}
    # geopandas writes the index as a column when it is named or not integers; row keys leave it out, so such a
    # frame is written whole.
    index_written = list(data.index.names) != [None] or not pd.api.types.is_integer_dtype(data.index.dtype)
    previous = None if index_written else _GPKG_MEMO.previous(path, table.signature)
    if previous == layers:
        return path  # every layer as the file holds it
    with atomic_path(path) as tmp, _unsynced_sqlite():
        updates = _row_updates(previous, layers, rows)
        if updates is None or not _updated_copy(path, tmp, data, rows, updates):
            tmp.unlink(missing_ok=True)
            for name in layers:
                _write_layer(data.iloc[rows[name]], tmp, name)
            if not layers:
                gpd.GeoDataFrame({"event_id": []}, geometry=[], crs=CRS).to_file(tmp, layer="events", driver="GPKG")
    _GPKG_MEMO.remember(path, table.signature, layers)
    return path


def _row_updates(
    previous: _LayerKeys | None, layers: _LayerKeys, rows: dict[str, np.ndarray]
) -> dict[str, list[tuple[int, int]]] | None:
    """Per layer, the features to write as `(fid, row of data)`: rows changed in place and rows added at the end.
    None when the file is better written whole: no previous file, layers added or gone, rows removed or moved, or
    most rows changed."""
    if previous is None or list(previous) != list(layers):
        return None
    updates: dict[str, list[tuple[int, int]]] = {}
    for name, keys in layers.items():
        old = previous[name]
        if len(keys) < len(old):
            return None
        fids = [i for i in range(len(old)) if old[i] != keys[i]] + list(range(len(old), len(keys)))
        if fids:
            updates[name] = [(i + 1, int(rows[name][i])) for i in fids]  # GeoPackage fids count from 1
    if sum(map(len, updates.values())) > _MOST_ROWS_UPDATED * sum(map(len, layers.values())):
        return None
    return updates


def _updated_copy(
    path: Path,
    tmp: Path,
    data: gpd.GeoDataFrame,
    rows: dict[str, np.ndarray],
    updates: dict[str, list[tuple[int, int]]],
) -> bool:
    """Copy `path` to `tmp` and replace or add the features `updates` names, as GDAL writes them: GDAL writes the
    new rows to a scratch GeoPackage (geometry blobs, field types and R-tree boxes of its own), and SQLite moves
    them in under their fids. False (tmp then unfinished) if the file does not look as expected."""
    shutil.copyfile(path, tmp)
    order = [(name, fid, row) for name, changes in updates.items() for fid, row in changes]
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder) / "rows.gpkg"
        _write_layer(data.iloc[[row for _, _, row in order]], scratch, "rows")
        connection = sqlite3.connect(tmp)
        try:
            connection.execute("PRAGMA synchronous = OFF")  # as `_UNSYNCED`
            connection.execute("PRAGMA journal_mode = MEMORY")
            with connection:
                connection.execute("ATTACH DATABASE ? AS scratch", (str(scratch),))
                scratch_columns = _columns(connection, "scratch", "rows")
                for name in updates:
                    moves = [(fid, i + 1) for i, (layer, fid, _) in enumerate(order) if layer == name]
                    bounds = data.geometry.iloc[rows[name]].total_bounds
                    if _columns(connection, "main", name) != scratch_columns or not np.isfinite(bounds).all():
                        return False
                    _move_rows(connection, name, [column for column, _, _ in scratch_columns], moves)
                    connection.execute(
                        "UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ?,"
                        " last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE table_name = ?",
                        (*map(float, bounds), name),
                    )
            connection.execute("DETACH DATABASE scratch")
        except sqlite3.Error:
            return False
        finally:
            connection.close()
    return True


def _columns(connection: Any, schema: str, table: str) -> list[tuple[str, str, int]]:
    """Name, declared type and primary-key rank of each column."""
    info = connection.execute(f"PRAGMA {schema}.table_info({_quoted(table)})").fetchall()
    return [(str(name), str(kind), int(key)) for _, name, kind, _, _, key in info]


def _quoted(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _move_rows(connection: Any, name: str, columns: list[str], moves: list[tuple[int, int]]) -> None:
    """Put scratch rows in layer `name` under the given fids, with their R-tree boxes. The layer's R-tree insert
    trigger (which computes the box with GDAL's SQL functions, unknown here) is set aside meanwhile: the box is
    copied from the scratch file's R-tree. Any other trigger runs as usual (the feature count follows)."""
    layer, rtree = _quoted(name), _quoted(f"rtree_{name}_{columns[1]}")
    fid, scratch_rtree = _quoted(columns[0]), _quoted(f"rtree_rows_{columns[1]}")
    others = ", ".join(_quoted(column) for column in columns[1:])
    trigger = f"rtree_{name}_{columns[1]}_insert"
    found = connection.execute(
        "SELECT sql FROM main.sqlite_master WHERE type = 'trigger' AND name = ?", (trigger,)
    ).fetchone()
    if found is None:
        raise sqlite3.DatabaseError(f"no trigger {trigger}")
    # Identifiers are quoted; the values go through parameters.
    statements = {
        "drop": f"DROP TRIGGER main.{_quoted(trigger)}",
        "delete": f"DELETE FROM main.{layer} WHERE {fid} = ?",  # noqa: S608
        "unbox": f"DELETE FROM main.{rtree} WHERE id = ?",  # noqa: S608
        "insert": f"INSERT INTO main.{layer} ({fid}, {others}) SELECT ?, {others} FROM scratch.rows WHERE {fid} = ?",  # noqa: S608
        "box": f"INSERT INTO main.{rtree} SELECT ?, minx, maxx, miny, maxy FROM scratch.{scratch_rtree} WHERE id = ?",  # noqa: S608
    }
    connection.execute(statements["drop"])
    connection.executemany(statements["delete"], [(old,) for old, _ in moves])
    connection.executemany(statements["unbox"], [(old,) for old, _ in moves])
    connection.executemany(statements["insert"], moves)
    connection.executemany(statements["box"], moves)
    connection.execute(found[0])


def write_csv(frame: gpd.GeoDataFrame, path: Path) -> Path:
    """Flat table with a WKT geometry column and a representative lon/lat for spreadsheet users."""
    return _write_csv(_Table(_for_files(frame.to_crs(CRS))), path)


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


_CSV_HEADER: dict[tuple[object, ...], bytes] = {}  # the header line of the last CSV, by its table's signature


def _csv_header(table: _Table) -> bytes:
    """The header line, as the whole table's `to_csv` writes it (lon/lat may replace columns of those names)."""
    header = _CSV_HEADER.get(table.signature)
    if header is None:
        header = _csv_table(table.data.iloc[:0]).to_csv(index=False).encode("utf-8")
        _CSV_HEADER.clear()
        _CSV_HEADER[table.signature] = header
    return header


def _csv_bytes(table: _Table) -> bytes:
    try:
        return _csv_header(table) + b"".join(_CSV_MEMO.texts(table, _csv_lines))
    except _NoRowTexts:
        return _csv_table(table.data).to_csv(index=False).encode("utf-8")


def _write_csv(table: _Table, path: Path) -> Path:
    _write_if_changed(path, _csv_bytes(table))
    return path


def write_all(frame: gpd.GeoDataFrame, out_dir: Path) -> list[Path]:
    """Write out_dir/events.{geojson,gpkg,csv} (the columns converted for files once, for all three)."""
    table = _Table(_for_files(frame.to_crs(CRS)))
    return [
        _write_geojson(table, out_dir / "events.geojson"),
        _write_gpkg(table, out_dir / "events.gpkg"),
        _write_csv(table, out_dir / "events.csv"),
    ]
