"""Events as a GeoDataFrame: one row per event, geometry by how precisely the sources place it.

Reported precision decides the shape: a point or district report is a point, a province report is the
province's polygon (never a pin on its capital), a region report is the region's polygon, a country report is
the country's outline, and a cross-border launch is a line from launch site to target. Geometry comes from the
reference geography in `isk_atlas.geo` by vectorised joins on ids. Events that cannot be placed keep their row
(empty geometry, `unlocated_reason` says why) and are logged, never dropped.
"""

from __future__ import annotations

import importlib
import logging
import warnings
from collections.abc import Sequence
from types import ModuleType
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

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
    "geo_precision",
    "drawn_as",
    "area_id",
    "target_place_text",
    "target_place_id",
    "target_admin1",
    "target_country",
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
    }


class _Reference:
    """The reference geography as lookup tables keyed by id, loaded once per `events_frame` call."""

    def __init__(self) -> None:
        geo = geo_module()
        gazetteer = geo.load_gazetteer()
        gazetteer = gazetteer.dropna(subset=["lat", "lon"]).drop_duplicates("id").set_index("id")
        self.points = gpd.GeoSeries(
            gpd.points_from_xy(gazetteer["lon"], gazetteer["lat"]), index=gazetteer.index, crs=CRS
        )
        admin1 = geo.load_admin1().to_crs(CRS)
        regions = geo.load_regions().to_crs(CRS)
        countries = admin1[["country", "geometry"]].dissolve(by="country")
        self.admin1_ids = pd.Index(admin1["id"])
        self.region_ids = pd.Index(regions["id"])
        self.country_ids = pd.Index(countries.index)
        areas = pd.concat(
            [
                admin1[["id", "geometry"]],
                regions[["id", "geometry"]],
                countries.reset_index().rename(columns={"country": "id"})[["id", "geometry"]],
            ],
            ignore_index=True,
        )
        areas = gpd.GeoDataFrame(areas, geometry="geometry", crs=CRS).drop_duplicates("id").set_index("id")
        self.areas: gpd.GeoSeries = areas.geometry
        self.centroids = areas.geometry.to_crs(_EQUAL_AREA_CRS).centroid.to_crs(CRS)
        self.inner_points = areas.geometry.representative_point()


def _pick(*candidates: pd.Series) -> pd.Series:
    """The first non-null value per row across candidate id columns."""
    out = candidates[0].copy()
    for other in candidates[1:]:
        out = out.where(out.notna(), other)
    return out


def _only_in(ids: pd.Series, allowed: pd.Index) -> pd.Series:
    return ids.where(ids.isin(allowed))


def _lookup(series: gpd.GeoSeries, keys: pd.Series) -> np.ndarray:
    """Geometries for `keys` (None where the key is missing or unknown), as a plain object array."""
    found = series.reindex(keys.fillna("").to_numpy())
    return np.asarray(found.array, dtype=object)


def _latlon_points(lat: pd.Series, lon: pd.Series) -> np.ndarray:
    points = np.asarray(shapely.points(lon.to_numpy(dtype=float), lat.to_numpy(dtype=float)), dtype=object)
    points[lat.isna().to_numpy() | lon.isna().to_numpy()] = None
    return points


def _first(*arrays: np.ndarray) -> np.ndarray:
    out = arrays[0].copy()
    for other in arrays[1:]:
        missing = pd.isna(out)
        out[missing] = other[missing]
    return out


def events_frame(events: Sequence[Event]) -> gpd.GeoDataFrame:
    """One row per event (EPSG:4326), flat columns for GeoJSON/GPKG/CSV, geometry by reported precision.

    `drawn_as` says what the geometry is (`point`, `province`, `region`, `country`, `line`); `area_id` names
    the polygon drawn for area reports; rows that cannot be placed have no geometry and an
    `unlocated_reason` (see `unlocated`).
    """
    columns = [*COLUMNS, "_lat", "_lon", "_target_lat", "_target_lon"]
    df = pd.DataFrame.from_records([_record(event) for event in events], columns=columns)
    for name in _INT_COLUMNS:
        df[name] = df[name].astype("Int64")
    n = len(df)
    geometry = np.full(n, None, dtype=object)
    drawn_as = np.full(n, None, dtype=object)
    area_id = np.full(n, None, dtype=object)
    reason = np.full(n, "", dtype=object)
    if n:
        ref = _Reference()
        precision = df["geo_precision"]
        is_launch = (df["event_type"] == "cross_border_launch").to_numpy()

        # Candidate geometries for the place (origin for launches), each by a vectorised id lookup.
        point = _first(_latlon_points(df["_lat"], df["_lon"]), _lookup(ref.points, df["place_id"]))
        province_key = _pick(_only_in(df["admin1"], ref.admin1_ids), _only_in(df["place_id"], ref.admin1_ids))
        region_key = _only_in(df["place_id"], ref.region_ids)
        country_key = _pick(_only_in(df["country"], ref.country_ids), _only_in(df["place_id"], ref.country_ids))
        area_key = pd.Series(np.full(n, None, dtype=object), index=df.index)
        wants_point = precision.isin(_POINT_PRECISIONS).to_numpy()
        has_point = ~pd.isna(point)
        for level, keys in (("province", province_key), ("region", region_key), ("country", country_key)):
            mask = (precision == level).to_numpy()
            area_key[mask] = keys[mask]
        # A point or district report without coordinates is drawn, honestly coarser, as its province.
        coarse = wants_point & ~has_point & province_key.notna().to_numpy()
        area_key[coarse] = province_key[coarse]
        area_geometry = _lookup(ref.areas, area_key)

        # Places (every type but launches).
        use_point = wants_point & has_point
        geometry[use_point] = point[use_point]
        drawn_as[use_point] = "point"
        use_area = ~use_point & ~pd.isna(area_geometry)
        geometry[use_area] = area_geometry[use_area]
        area_id[use_area] = area_key[use_area]
        drawn_as[use_area] = np.where(coarse[use_area], "province", precision[use_area].to_numpy())

        # Launches: a line from the launch site (point or area centroid) to the target (point or inner point).
        if is_launch.any():
            origin = _first(np.where(use_point, point, None), _lookup(ref.centroids, area_key))  # type: ignore[call-overload]
            target_key = _pick(
                _only_in(df["target_place_id"], ref.areas.index),
                _only_in(df["target_admin1"], ref.admin1_ids),
                _only_in(df["target_country"], ref.country_ids),
            )
            target = _first(
                _latlon_points(df["_target_lat"], df["_target_lon"]),
                _lookup(ref.points, df["target_place_id"]),
                _lookup(ref.inner_points, target_key),
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
        for event_id, why in zip(df["event_id"][reason != ""], reason[reason != ""], strict=True):
            log.warning("event %s not placed on the map: %s", event_id, why)

    df["drawn_as"] = drawn_as
    df["area_id"] = area_id
    df["unlocated_reason"] = reason
    df = df.drop(columns=["_lat", "_lon", "_target_lat", "_target_lon"])[list(COLUMNS)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return gpd.GeoDataFrame(df, geometry=gpd.GeoSeries(list(geometry), index=df.index, crs=CRS), crs=CRS)


def unlocated(frame: pd.DataFrame) -> pd.DataFrame:
    """The events that could not be placed, with the reason: `event_id, place_text, unlocated_reason`."""
    rows = frame[frame["unlocated_reason"] != ""]
    return pd.DataFrame(rows[["event_id", "place_text", "unlocated_reason"]])
