"""Dataset records placed as the news-derived events are (`isk_atlas.layers`): a point where the dataset gives the
place, the province's polygon where it gives only the province (never a pin at its centre), the country's outline
where it gives only the country. The province is the one the dataset names (`adm_1`, `admin1`), matched against the
reference provinces' names and their alternate spellings; only when the name is unknown is it the province the
coordinates fall in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from anyascii import anyascii

from isk_atlas.datasets.records import DATASET_COLUMNS
from isk_atlas.layers import COLUMNS, CRS, geo_module

FRAME_COLUMNS: tuple[str, ...] = (*COLUMNS, *DATASET_COLUMNS)
_NAME_NOISE = re.compile(r"\b(province|provincial|wilayat|velayat|region|oblast|viloyati|district)\b|[^a-z0-9]")


def fold_name(name: str) -> str:
    """A place name reduced for matching: ASCII, lower case, no 'province', spaces or punctuation."""
    return _NAME_NOISE.sub("", anyascii(name).lower())


@dataclass(frozen=True)
class Areas:
    """The reference areas dataset events are drawn on: provinces (and the neighbours' regions) by id, their
    names (and alternate names) folded by country, and each country's outline."""

    admin1: gpd.GeoDataFrame
    by_name: dict[tuple[str, str], str]
    countries: gpd.GeoSeries

    @classmethod
    def load(cls) -> Areas:
        geo = geo_module()
        admin1 = geo.load_admin1().to_crs(CRS)
        by_name: dict[tuple[str, str], str] = {}
        gazetteer = geo.load_gazetteer()
        alternates = gazetteer[gazetteer["id"].isin(admin1["id"])].set_index("id")["alternate_names"]
        for area_id, name, country in zip(admin1["id"], admin1["name"], admin1["country"], strict=True):
            spellings = [str(name), *str(alternates.get(area_id, "") or "").split("|")]
            for spelling in spellings:
                folded = fold_name(spelling)
                if folded:
                    by_name.setdefault((str(country), folded), str(area_id))
        countries = admin1[["country", "geometry"]].dissolve(by="country").geometry
        return cls(admin1=admin1, by_name=by_name, countries=countries)

    def admin1_of(self, names: pd.Series, countries: pd.Series, lat: pd.Series, lon: pd.Series) -> pd.Series:
        """Each row's province id: by name within its country, else by the province its coordinates fall in."""
        folded = {name: fold_name(name) for name in names.dropna().unique().tolist()}
        ids = [
            self.by_name.get((str(country), folded.get(name, ""))) if isinstance(name, str) else None
            for name, country in zip(names.tolist(), countries.tolist(), strict=True)
        ]
        found = pd.Series(ids, index=names.index, dtype=object)
        missing = found.isna() & lat.notna() & lon.notna()
        if missing.any():
            points = gpd.GeoDataFrame(
                geometry=gpd.points_from_xy(lon[missing], lat[missing]), index=found.index[missing], crs=CRS
            )
            inside = gpd.sjoin(points, self.admin1[["id", "geometry"]], predicate="within", how="left")
            inside = inside[~inside.index.duplicated()]
            found[missing] = inside["id"].reindex(found.index[missing]).to_numpy()
        return found


def dataset_frame(records: pd.DataFrame, areas: Areas) -> gpd.GeoDataFrame:
    """The records as a frame of `FRAME_COLUMNS` with geometry (EPSG:4326); rows that cannot be placed keep their
    row with an `unlocated_reason`, as news-derived ones do."""
    n = len(records)
    lat, lon = records["lat"].astype("float64"), records["lon"].astype("float64")
    admin1 = areas.admin1_of(records["admin1_name"], records["country"], lat, lon)
    precision = records["geo_precision"].to_numpy(dtype=object)
    has_point = (lat.notna() & lon.notna()).to_numpy()
    geometry = np.full(n, None, dtype=object)
    drawn_as = np.full(n, None, dtype=object)
    area_id = np.full(n, None, dtype=object)
    reason = np.full(n, "", dtype=object)

    wants_point = np.isin(precision, ("point", "district"))
    use_point = wants_point & has_point
    if use_point.any():
        geometry[use_point] = shapely.points(lon.to_numpy()[use_point], lat.to_numpy()[use_point])
        drawn_as[use_point] = "point"
    # A province report, or a point report without coordinates: the province's polygon.
    as_province = ((precision == "province") | (wants_point & ~has_point)) & admin1.notna().to_numpy()
    province_polygons = pd.Series(areas.admin1.geometry.to_numpy(), index=areas.admin1["id"].to_numpy())
    geometry[as_province] = province_polygons.reindex(admin1[as_province]).to_numpy()
    area_id[as_province] = admin1[as_province].to_numpy()
    drawn_as[as_province] = "province"
    # Only the country (or a province the reference does not have): its outline.
    countries = records["country"]
    as_country = pd.isna(geometry) & countries.isin(areas.countries.index).to_numpy()
    geometry[as_country] = areas.countries.reindex(countries[as_country]).to_numpy()
    area_id[as_country] = countries[as_country].to_numpy()
    drawn_as[as_country] = "country"
    reason[pd.isna(geometry)] = "no coordinates, and neither its province nor its country is known"

    frame: dict[str, Any] = {column: records[column] for column in records.columns if column in FRAME_COLUMNS}
    frame["date_start"] = records["date_start"].dt.strftime("%Y-%m-%d")
    frame["date_end"] = records["date_end"].dt.strftime("%Y-%m-%d")
    frame["admin1"] = admin1.to_numpy()
    frame["drawn_as"] = drawn_as
    frame["area_id"] = area_id
    frame["unlocated_reason"] = reason
    out = pd.DataFrame(frame, index=records.index).reindex(columns=list(FRAME_COLUMNS))
    for column in ("killed_low", "killed_high", "rockets", "injured_low", "injured_high"):
        out[column] = out[column].astype("Int64")
    return gpd.GeoDataFrame(out, geometry=gpd.GeoSeries(geometry, index=out.index, crs=CRS), crs=CRS)
