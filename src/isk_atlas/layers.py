"""Events as a GeoDataFrame: one row per event, geometry by how precisely the sources place it.

Reported precision decides the shape: a point report is a point; a district report is its district's polygon when
the user has brought district boundaries (`isk-atlas geo districts`, geo/districts.user.geojson), else a point; a
province report is the province's polygon (never a pin on its capital), a region report is the region's polygon, a
country report is the country's outline, and a cross-border launch is a line from launch site to target. Geometry
comes from the reference geography in `isk_atlas.geo` by vectorised joins on ids. Events that cannot be placed keep
their row (empty geometry, `unlocated_reason` says why) and are logged, never dropped.
"""

from __future__ import annotations

import importlib
import logging
import operator
import re
import warnings
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from isk_atlas.memo import BatchMemo
from isk_atlas.paths import geo_dir
from isk_atlas.places.districts import district_layer_signature, district_points, load_district_areas
from isk_atlas.places.regions import region_countries
from isk_atlas.schema import Event

log = logging.getLogger(__name__)

CRS = "EPSG:4326"
# Areas' centroids are taken in an equal-area projection, not in degrees.
_EQUAL_AREA_CRS = "EPSG:6933"

# Flat columns, in export order. Dates are ISO strings so GeoJSON, GPKG and CSV agree.
COLUMNS: tuple[str, ...] = (
    "event_id",
    "event_type",
    "sub_type",
    "summary",
    "date_start",
    "date_end",
    "date_precision",
    "place_text",
    "place_id",
    "admin1",
    "admin2",
    "country",
    "countries",
    "geo_precision",
    "drawn_as",
    "area_id",
    "target_place_text",
    "target_place_id",
    "target_admin1",
    "target_country",
    "target_precision",
    "rockets",
    "actor",
    "claimed_by",
    "target",
    "killed_low",
    "killed_high",
    "injured_low",
    "injured_high",
    "casualties",
    "figures",
    "sources",
    "status",
    "notes",
    "unlocated_reason",
)
_INT_COLUMNS = ("rockets", "killed_low", "killed_high", "injured_low", "injured_high")
_POINT_PRECISIONS = ("point", "district")
_AREA_PRECISIONS = ("province", "region", "country")
# How far (degrees, about 10 km) a launch end known only as a country is drawn inside it from the border, so the
# arrow visibly crosses the border instead of inventing a place deep inside the country.
_BORDER_STEP = 0.1


def geo_module() -> ModuleType:
    """The reference-geography module, imported when first needed (tests may stand in a small one)."""
    return importlib.import_module("isk_atlas.geo")


def sources_text(event: Event) -> str:
    """The event's sources as one string: `id:start-end;id2` (span only when known)."""
    parts = []
    for ref in event.sources:
        span = f":{ref.start}-{ref.end}" if ref.start is not None and ref.end is not None else ""
        parts.append(f"{ref.source_id}{span}")
    return ";".join(parts)


def figures_text(event: Event) -> str:
    """Who gives which figure, readable: `ISIS claim: 30 killed; Emergency Hospital: 3 killed, 5 injured`."""
    parts = []
    for figure in event.figures:
        counts = [
            f"{n} {what}" for n, what in ((figure.killed, "killed"), (figure.injured, "injured")) if n is not None
        ]
        parts.append(f"{figure.by}: {', '.join(counts) or 'no figure'}")
    return "; ".join(parts)


def _range(low: int | None, high: int | None) -> str:
    if low is None and high is None:
        return ""
    if low is None or high is None or low == high:
        return str(high if high is not None else low)
    return f"{low}-{high}"


def casualties_text(event: Event) -> str:
    """Casualties written out with who says what: `3-30 killed: 30 by ISIS claim, 3 by Emergency Hospital`."""
    parts = []
    for what, low, high in (
        ("killed", event.killed_low, event.killed_high),
        ("injured", event.injured_low, event.injured_high),
    ):
        given = [(figure.by, getattr(figure, what)) for figure in event.figures if getattr(figure, what) is not None]
        span = _range(low, high)
        if not span and given:
            span = _range(min(n for _, n in given), max(n for _, n in given))
        if span:
            by = ", ".join(f"{n} by {who}" for who, n in given)
            parts.append(f"{span} {what}" + (f": {by}" if by else ""))
    return "; ".join(parts)


def event_countries(event: Event) -> str:
    """Every country the event's place lies in, `|`-joined: its country, and for a named region all the countries
    the region spans (a border zone both sides; a region inside Afghanistan Afghanistan, though the event records no
    country). Filter by country with `in_country`, never by the single `country` column, so those are kept."""
    countries = [event.country] if event.country else []
    placed = region_countries(event.place_id) if event.place_id else None
    if placed is not None:
        countries += [code for code in (placed[0], *placed[1]) if code]
    return "|".join(dict.fromkeys(countries))


def in_country(frame: pd.DataFrame, country: str) -> pd.Series:
    """Which rows lie (wholly or partly) in `country` (ISO3), by their `countries`."""
    return frame["countries"].fillna("").str.contains(rf"(?:^|\|){re.escape(country)}(?:\||$)", regex=True)


def _record(event: Event) -> dict[str, Any]:
    return {
        "event_id": event.event_id,
        "event_type": event.event_type,
        "sub_type": event.sub_type,
        "summary": event.summary,
        "date_start": event.date_start.isoformat() if event.date_start else None,
        "date_end": event.date_end.isoformat() if event.date_end else None,
        "date_precision": event.date_precision,
        "place_text": event.place_text,
        "place_id": event.place_id,
        "admin1": event.admin1,
        "admin2": event.admin2,
        "country": event.country,
        "countries": event_countries(event),
        "geo_precision": event.geo_precision,
        "target_place_text": event.target_place_text,
        "target_place_id": event.target_place_id,
        "target_admin1": event.target_admin1,
        "target_country": event.target_country,
        "rockets": event.rockets,
        "actor": event.actor,
        "claimed_by": event.claimed_by,
        "target": event.target,
        "killed_low": event.killed_low,
        "killed_high": event.killed_high,
        "injured_low": event.injured_low,
        "injured_high": event.injured_high,
        "casualties": casualties_text(event),
        "figures": figures_text(event),
        "sources": sources_text(event),
        "status": event.status,
        "notes": event.notes,
        "_lat": event.lat,
        "_lon": event.lon,
        "_target_lat": event.target_lat,
        "_target_lon": event.target_lon,
        # Worked out by `_place`: missing until then (NaN, as `from_records` leaves an absent key).
        "drawn_as": np.nan,
        "area_id": np.nan,
        "target_precision": np.nan,
        "unlocated_reason": np.nan,
    }


class _Reference:
    """The reference geography as lookup tables keyed by id (kept by the caller's row memo, see `_reference`)."""

    def __init__(self, geo: ModuleType, folder: Path) -> None:
        self.key: tuple[object, ...] = (geo, folder)

        # The user's district polygons (none unless `isk-atlas geo districts` wrote them), and the district points
        # moved inside them as the geocoder has them, so a map and `isk-atlas geocode` agree.
        districts = load_district_areas(folder)
        districts = districts.to_crs(CRS) if districts is not None else None
        gazetteer = district_points(geo.load_gazetteer(), districts)
        gazetteer = gazetteer.dropna(subset=["lat", "lon"]).drop_duplicates("id").set_index("id")
        self.points = gpd.GeoSeries(
            gpd.points_from_xy(gazetteer["lon"], gazetteer["lat"]), index=gazetteer.index, crs=CRS
        )
        # The district each place lies in (a district's own id for a district): a town reported at district
        # precision is drawn as its district.
        self.district_of = gazetteer["admin2"].where(gazetteer["kind"] != "district", gazetteer.index.to_series())
        admin1 = geo.load_admin1().to_crs(CRS)
        regions = geo.load_regions().to_crs(CRS)
        countries = admin1[["country", "geometry"]].dissolve(by="country")
        self.admin1_ids = pd.Index(admin1["id"])
        self.region_ids = pd.Index(regions["id"])
        self.country_ids = pd.Index(countries.index)
        self.district_ids = pd.Index(districts["id"] if districts is not None else [], dtype=object)
        self.district_names: dict[str, str] = (
            dict(zip(districts["id"], districts["name"], strict=True)) if districts is not None else {}
        )
        areas = pd.concat(
            [
                admin1[["id", "geometry"]],
                regions[["id", "geometry"]],
                countries.reset_index().rename(columns={"country": "id"})[["id", "geometry"]],
                *([districts[["id", "geometry"]]] if districts is not None else []),
            ],
            ignore_index=True,
        )
        areas = gpd.GeoDataFrame(areas, geometry="geometry", crs=CRS).drop_duplicates("id").set_index("id")
        self.areas: gpd.GeoSeries = areas.geometry
        self.centroids = areas.geometry.to_crs(_EQUAL_AREA_CRS).centroid.to_crs(CRS)
        self.inner_points = areas.geometry.representative_point()
        self.point_by_id = _by_id(self.points)
        self.area_by_id = _by_id(self.areas)
        self.centroid_by_id = _by_id(self.centroids)
        self.inner_point_by_id = _by_id(self.inner_points)


def _reference(memo: RowMemo | None) -> _Reference:
    """The lookup tables for the current geo module and folder (and the user's district layer in it, by its size
    and time, so a layer written while a notebook runs is drawn on its next build). Dissolving countries and
    projecting centroids costs 0.11 s of CPU (files read included), a third of a one-process rebuild, so the
    tables the caller's `memo` was last used with (its context) serve again while the key is the same. Nothing
    here is changed by its users (lookups reindex into new arrays)."""
    folder = geo_dir()
    geo = geo_module()
    key = (geo, folder, district_layer_signature(folder))
    last = memo.context if memo is not None else None
    if isinstance(last, _Reference) and last.key == key:
        return last
    reference = _Reference(geo, folder)
    reference.key = key
    return reference


def _pick(*candidates: pd.Series) -> pd.Series:
    """The first non-null value per row across candidate id columns."""
    out = candidates[0].copy()
    for other in candidates[1:]:
        out = out.where(out.notna(), other)
    return out


def _only_in(ids: pd.Series, allowed: pd.Index) -> pd.Series:
    return ids.where(ids.isin(allowed))


def _lookup(table: dict[object, Any], keys: pd.Series) -> np.ndarray:
    """Geometries for `keys` (None where the key is missing or unknown), as a plain object array."""
    found = np.empty(len(keys), dtype=object)
    found[:] = [table.get(key) for key in keys.fillna("").tolist()]
    return found


def _by_id(series: gpd.GeoSeries) -> dict[object, Any]:
    """A reference table as a dict: looking a few ids up costs far less than a reindex (a rebuild places a few
    events), and as little for thousands."""
    return dict(zip(series.index.tolist(), np.asarray(series.array, dtype=object).tolist(), strict=True))


def _latlon_points(lat: pd.Series, lon: pd.Series) -> np.ndarray:
    points = np.full(len(lat), None, dtype=object)
    given = (lat.notna() & lon.notna()).to_numpy()
    if given.any():
        points[given] = shapely.points(lon.to_numpy(dtype=float)[given], lat.to_numpy(dtype=float)[given])
    return points


def _first(*arrays: np.ndarray) -> np.ndarray:
    out = arrays[0].copy()
    for other in arrays[1:]:
        missing = pd.isna(out)
        out[missing] = other[missing]
    return out


def _unit(dx: np.ndarray, dy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    length = np.hypot(dx, dy)
    length[length == 0] = 1.0
    return dx / length, dy / length


def _country_ends(
    origin: np.ndarray,
    target: np.ndarray,
    origin_area: np.ndarray,
    target_area: np.ndarray,
    origin_country: np.ndarray,
    target_country: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Launch ends known only as a country, moved from its centroid to just inside its border facing the other
    end (a centroid would be a fake place: Daykundi for Afghanistan, Navoiy for Uzbekistan)."""
    origin, target = origin.copy(), target.copy()
    both = origin_country & target_country
    only_origin = origin_country & ~target_country
    only_target = target_country & ~origin_country
    if both.any():
        # Country to country: a short arrow across the middle of their shared border (or their nearest points).
        shared = shapely.intersection(shapely.boundary(origin_area[both]), target_area[both])
        nearest = shapely.shortest_line(origin_area[both], target_area[both])
        anchor = np.where(
            shapely.is_empty(shared),
            shapely.line_interpolate_point(nearest, 0.5, normalized=True),
            shapely.line_interpolate_point(shapely.line_merge(shared), 0.5, normalized=True),
        )
        a = shapely.get_coordinates(shapely.centroid(origin_area[both]))
        b = shapely.get_coordinates(shapely.centroid(target_area[both]))
        ux, uy = _unit(b[:, 0] - a[:, 0], b[:, 1] - a[:, 1])
        xy = shapely.get_coordinates(anchor)
        origin[both] = _inside(
            shapely.points(xy[:, 0] - ux * _BORDER_STEP, xy[:, 1] - uy * _BORDER_STEP), anchor, origin_area[both]
        )
        target[both] = _inside(
            shapely.points(xy[:, 0] + ux * _BORDER_STEP, xy[:, 1] + uy * _BORDER_STEP), anchor, target_area[both]
        )
    if only_origin.any():
        near = shapely.get_point(shapely.shortest_line(origin_area[only_origin], target[only_origin].astype(object)), 0)
        n, t = shapely.get_coordinates(near), shapely.get_coordinates(target[only_origin].astype(object))
        ux, uy = _unit(t[:, 0] - n[:, 0], t[:, 1] - n[:, 1])
        stepped = shapely.points(n[:, 0] - ux * _BORDER_STEP, n[:, 1] - uy * _BORDER_STEP)
        origin[only_origin] = _inside(stepped, near, origin_area[only_origin])
    if only_target.any():
        near = shapely.get_point(shapely.shortest_line(origin[only_target].astype(object), target_area[only_target]), 1)
        o, n = shapely.get_coordinates(origin[only_target].astype(object)), shapely.get_coordinates(near)
        ux, uy = _unit(n[:, 0] - o[:, 0], n[:, 1] - o[:, 1])
        stepped = shapely.points(n[:, 0] + ux * _BORDER_STEP, n[:, 1] + uy * _BORDER_STEP)
        target[only_target] = _inside(stepped, near, target_area[only_target])
    return origin, target


def _inside(stepped: Any, fallback: Any, area: np.ndarray) -> np.ndarray:
    """The stepped point where it lies in the area, else the border point itself."""
    return np.asarray(np.where(shapely.covers(area, stepped), stepped, fallback), dtype=object)


class PlacedRow(NamedTuple):
    """One event's row of the frame: its flat record (values in `_FRAME_COLUMNS` order, NaN for the columns the
    record leaves out, as `from_records` fills them) and where it is drawn (what `_place` works out)."""

    values: tuple[Any, ...]
    geometry: Any
    drawn_as: str | None
    area_id: str | None
    reason: str
    target_precision: str | None


_FRAME_COLUMNS = [*COLUMNS, "_lat", "_lon", "_target_lat", "_target_lon"]
_in_column_order = operator.itemgetter(*_FRAME_COLUMNS)
_FLOAT_FIELDS = ("lat", "lon", "target_lat", "target_lon")


def _records_frame(records: list[tuple[Any, ...]]) -> pd.DataFrame:
    df = pd.DataFrame.from_records(records, columns=_FRAME_COLUMNS)
    for name in _INT_COLUMNS:
        df[name] = df[name].astype("Int64")
    return df


def _place(events: Sequence[Event], ref: _Reference) -> tuple[list[PlacedRow], pd.DataFrame]:
    """The rows of `events`, placed by vectorised lookups (each row depends on its own event only), and the
    frame of their records they were placed from (left as `_records_frame` makes it)."""
    values = [_in_column_order(_record(event)) for event in events]
    df = _records_frame(values)
    n = len(df)
    geometry = np.full(n, None, dtype=object)
    drawn_as = np.full(n, None, dtype=object)
    area_id = np.full(n, None, dtype=object)
    reason = np.full(n, "", dtype=object)
    target_precision = np.full(n, None, dtype=object)
    precision = df["geo_precision"]
    is_launch = (df["event_type"] == "cross_border_launch").to_numpy()

    # Candidate geometries for the place (origin for launches), each by a vectorised id lookup.
    point = _first(_latlon_points(df["_lat"], df["_lon"]), _lookup(ref.point_by_id, df["place_id"]))
    province_key = _pick(_only_in(df["admin1"], ref.admin1_ids), _only_in(df["place_id"], ref.admin1_ids))
    region_key = _only_in(df["place_id"], ref.region_ids)
    country_key = _pick(_only_in(df["country"], ref.country_ids), _only_in(df["place_id"], ref.country_ids))
    district_key = _only_in(df["place_id"].map(ref.district_of), ref.district_ids)
    area_key = pd.Series(np.full(n, None, dtype=object), index=df.index)
    # A district report is its district's area where the user's district layer has it (not for a launch: its
    # site stays the end of a line).
    as_district = ((precision == "district") & district_key.notna()).to_numpy() & ~is_launch
    wants_point = precision.isin(_POINT_PRECISIONS).to_numpy() & ~as_district
    has_point = ~pd.isna(point)
    for level, keys in (("province", province_key), ("region", region_key), ("country", country_key)):
        mask = (precision == level).to_numpy()
        area_key[mask] = keys[mask]
    area_key[as_district] = district_key[as_district]
    # A point or district report without coordinates is drawn, honestly coarser, as its province.
    coarse = wants_point & ~has_point & province_key.notna().to_numpy()
    area_key[coarse] = province_key[coarse]
    area_geometry = _lookup(ref.area_by_id, area_key)

    # Places (every type but launches).
    use_point = wants_point & has_point
    geometry[use_point] = point[use_point]
    drawn_as[use_point] = "point"
    use_area = ~use_point & ~pd.isna(area_geometry)
    geometry[use_area] = area_geometry[use_area]
    area_id[use_area] = area_key[use_area]
    drawn_as[use_area] = np.where(coarse[use_area], "province", precision[use_area].to_numpy())
    # An area in a country the boundary set does not cover (Germany, a Russian oblast, a Syrian governorate) is
    # drawn at the gazetteer's point for it (the place, else its province, else its country: a capital or a
    # centroid), so an event abroad still shows; the popup names its country.
    stand_in = _first(
        _lookup(ref.point_by_id, df["place_id"]),
        _lookup(ref.point_by_id, df["admin1"]),
        _lookup(ref.point_by_id, df["country"]),
    )
    uncovered = ~df["country"].isin(ref.country_ids).to_numpy()  # a country the boundary set does not cover
    use_stand_in = (
        ~use_point
        & uncovered
        & pd.isna(area_geometry)
        & ~pd.isna(stand_in)
        & precision.isin(_AREA_PRECISIONS).to_numpy()
    )
    geometry[use_stand_in] = stand_in[use_stand_in]
    drawn_as[use_stand_in] = "point"

    # Launches: a line from the launch site (point or area centroid) to the target (point or inner point);
    # an end known only as a country is put just inside that country's border facing the other end.
    if is_launch.any():
        origin = _first(np.where(use_point, point, None), _lookup(ref.centroid_by_id, area_key))  # type: ignore[call-overload]
        target_key = _pick(
            _only_in(df["target_place_id"], ref.areas.index),
            _only_in(df["target_admin1"], ref.admin1_ids),
            _only_in(df["target_country"], ref.country_ids),
        )
        # A gazetteer point for a country or province id is its centre, not a place: those are areas here.
        target_place = df["target_place_id"].where(~df["target_place_id"].isin(ref.areas.index))
        target_point = _first(
            _latlon_points(df["_target_lat"], df["_target_lon"]), _lookup(ref.point_by_id, target_place)
        )
        target = _first(target_point, _lookup(ref.inner_point_by_id, target_key))
        has_target_point = ~pd.isna(target_point)
        # How precisely the target is known; later masks win (a point beats the country it lies in).
        for label, mask in (
            ("province", target_key.isin(ref.admin1_ids).to_numpy()),
            ("region", target_key.isin(ref.region_ids).to_numpy()),
            ("country", target_key.isin(ref.country_ids).to_numpy()),
            ("point", has_target_point),
        ):
            target_precision[mask & is_launch] = label
        origin_country = is_launch & ~use_point & area_key.isin(ref.country_ids).to_numpy()
        target_country = is_launch & ~has_target_point & target_key.isin(ref.country_ids).to_numpy()
        origin, target = _country_ends(
            origin,
            target,
            _lookup(ref.area_by_id, area_key),
            _lookup(ref.area_by_id, target_key),
            origin_country & ~pd.isna(target),
            target_country & ~pd.isna(origin),
        )
        both = is_launch & ~pd.isna(origin) & ~pd.isna(target)
        if both.any():
            origin_xy = shapely.get_coordinates(origin[both].astype(object))
            target_xy = shapely.get_coordinates(target[both].astype(object))
            geometry[both] = shapely.linestrings(np.stack([origin_xy, target_xy], axis=1))
        geometry[is_launch & ~both] = None
        drawn_as[is_launch] = np.where(both[is_launch], "line", None)  # type: ignore[call-overload]
        area_id[is_launch] = None
        reason[is_launch & pd.isna(origin)] = "launch site cannot be located"
        reason[is_launch & ~pd.isna(origin) & pd.isna(target)] = "launch target cannot be located"

    missing = ~is_launch & pd.isna(geometry)
    reason[missing] = np.where(
        wants_point[missing],
        "no coordinates, no gazetteer point for place_id and no known province",
        "no " + precision[missing].astype(str).to_numpy() + " polygon for this event's ids",
    )
    rows = [
        PlacedRow(*row)
        for row in zip(
            values,
            geometry.tolist(),
            drawn_as.tolist(),
            area_id.tolist(),
            reason.tolist(),
            target_precision.tolist(),
            strict=True,
        )
    ]
    return rows, df


def _event_key(event: Event) -> tuple[Any, ...]:
    """Everything about the event that its row is made of, hashable and compared by value."""
    fields = dict(event.__dict__)
    fields["figures"] = tuple(fields["figures"])
    fields["sources"] = tuple(fields["sources"])
    fields["tags"] = tuple(fields["tags"])
    for name in _FLOAT_FIELDS:
        if fields[name] == 0.0:  # -0.0 equals 0.0 but is drawn (and written) with its sign
            fields[name] = str(fields[name])
    return (type(event), *fields.values())


# Rows of recent frames by their event's content, under the lookup tables they were placed with (kept by a live
# process's `isk_atlas.state.BuildState`): placing every event again costs far more than comparing them, so a
# rebuild after one new article places only the events that are new or changed.
RowMemo = BatchMemo[PlacedRow]


def _rows_for(
    events: Sequence[Event], ref: _Reference, memo: RowMemo | None
) -> tuple[list[PlacedRow], pd.DataFrame | None]:
    """The events' rows, and their records' frame when every row was placed just now (a first frame)."""
    if memo is None:
        return _place(events, ref)
    records: pd.DataFrame | None = None

    def place(positions: list[int]) -> list[PlacedRow]:
        nonlocal records
        placed, records = _place([events[i] for i in positions], ref)
        return placed

    rows, made = memo.values_for(ref, [_event_key(event) for event in events], place)
    return rows, records if made == len(rows) else None


def events_frame(events: Sequence[Event], memo: RowMemo | None = None) -> gpd.GeoDataFrame:
    """One row per event (EPSG:4326), flat columns for GeoJSON/GPKG/CSV, geometry by reported precision.

    `drawn_as` says what the geometry is (`point`, `district`, `province`, `region`, `country`, `line`; `district`
    only with the user's district layer); `area_id` names
    the polygon drawn for area reports; rows that cannot be placed have no geometry and an
    `unlocated_reason`, and are listed in `frame.attrs["unlocated"]` as `{event_id, place_text, reason}` records.
    With a `memo`, rows of events placed by an earlier frame under it are not placed again (the frame is the same).
    """
    rows, records = _rows_for(events, _reference(memo), memo) if events else ([], None)
    df = records if records is not None else _records_frame([row.values for row in rows])
    if any(event.event_type == "cross_border_launch" for event in events):
        df["target_precision"] = np.array([row.target_precision for row in rows], dtype=object)
    reason = np.array([row.reason for row in rows], dtype=object)
    for event_id, why in zip(df["event_id"][reason != ""], reason[reason != ""], strict=True):
        log.warning("event %s not placed on the map: %s", event_id, why)
    df["drawn_as"] = np.array([row.drawn_as for row in rows], dtype=object)
    df["area_id"] = np.array([row.area_id for row in rows], dtype=object)
    df["unlocated_reason"] = reason
    df = df.drop(columns=["_lat", "_lon", "_target_lat", "_target_lon"])[list(COLUMNS)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        geometry = gpd.GeoSeries([row.geometry for row in rows], index=df.index, crs=CRS)
        frame = gpd.GeoDataFrame(df, geometry=geometry, crs=CRS)
    # Plain records (not a frame) so pandas can copy and compare attrs when the frame is sliced or joined.
    frame.attrs["unlocated"] = unlocated(frame).rename(columns={"unlocated_reason": "reason"}).to_dict("records")
    return frame


def unlocated(frame: pd.DataFrame) -> pd.DataFrame:
    """The events that could not be placed, with the reason: `event_id, place_text, unlocated_reason`."""
    rows = pd.DataFrame(frame[["event_id", "place_text", "unlocated_reason"]])  # columns first: far fewer to filter
    return rows[rows["unlocated_reason"] != ""]
