"""Each reference dataset as a layer of its own on the attacks and combined maps (`isk_atlas.maps.render.MapLayer`).

The layer travels as the event layers do (compact columns, drawn by `IskAtlas.eventLayer`), with the dataset's
name, row id and source as columns of their own (`ds`, `rid`, `dsrc`) and each row's event type (`et`), since one
dataset holds attacks, clashes and operations. Its popups cite no article: the dataset is the source.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import folium
import numpy as np
import pandas as pd
import shapely

from isk_atlas.datasets.load import Datasets
from isk_atlas.maps.elements import EventLayer, JsonText, js_json
from isk_atlas.maps.render import area_rings, killed_radius, layer_columns, page_column

# One colour per dataset, apart from the event types' and sub-types' colours.
DATASET_STYLE: dict[str, dict[str, str | int]] = {
    "UCDP GED": {"shape": "circle", "radius": 4, "color": "#6a3d9a"},
    "ACLED": {"shape": "circle", "radius": 4, "color": "#b35806"},
}
DATASET_MAPS = ("attacks", "combined")
_ROUND = 4
_EXTRA_COLUMNS = {"et": "event_type", "ds": "dataset", "rid": "dataset_id", "dsrc": "dataset_source"}
# A popup shows this much of the dataset's source text (the exports carry it whole): GED's source_article can run to
# hundreds of characters a row, a hundred thousand rows to tens of megabytes.
SOURCE_CHARS = 160


@dataclass(frozen=True)
class DatasetLayer:
    """One dataset's events as a map layer (see `isk_atlas.maps.render.MapLayer`)."""

    name: str
    color: str
    payload: JsonText
    config: dict[str, object]
    count: int
    legend_html: str
    attribution: str
    dates: pd.Series
    areas: dict[str, list[list[list[int]]]] = field(default_factory=dict)
    maps: tuple[str, ...] = DATASET_MAPS

    def element(self) -> folium.map.Layer:
        return EventLayer(self.name, self.payload, self.config, self.count)


def dataset_layers(datasets: Datasets, province_names: dict[str, str]) -> list[DatasetLayer]:
    """A layer per dataset with events (GED first), from the located rows of `datasets.frame`."""
    frame = datasets.frame
    located = frame[frame.geometry.notna()]
    layers = []
    for name in datasets.names:
        rows = pd.DataFrame(located[located["dataset"] == name])
        style = DATASET_STYLE.get(name, {"shape": "circle", "radius": 4, "color": "#555"})
        rows["province_name"] = rows["admin1"].map(province_names)
        rows["radius"] = killed_radius(rows["killed_high"].fillna(rows["killed_low"])).to_numpy()
        geometries = rows.geometry.to_numpy()
        points = (rows["drawn_as"] == "point").to_numpy()
        x, y = np.full(len(rows), np.nan), np.full(len(rows), np.nan)
        if points.any():
            x[points], y[points] = shapely.get_x(geometries[points]), shapely.get_y(geometries[points])
        rows["dataset_source"] = _shortened(rows["dataset_source"])
        columns = layer_columns(rows, {"x": np.round(x, _ROUND), "y": np.round(y, _ROUND)})
        # Each event id is the dataset's key and its row id: the page makes it from `rid` (config.idPrefix).
        prefix = str(rows["event_id"].iloc[0])[: -len(str(rows["dataset_id"].iloc[0]))] if len(rows) else ""
        if (rows["event_id"] == prefix + rows["dataset_id"].astype(str)).all():
            del columns["id"]
        else:
            prefix = ""
        for short, column in _EXTRA_COLUMNS.items():
            columns[short] = page_column(rows[column])
        countries = rows[rows["drawn_as"] == "country"].drop_duplicates("area_id")
        areas = {
            str(area_id): area_rings(geometry)
            for area_id, geometry in zip(countries["area_id"], countries.geometry, strict=True)
        }
        layers.append(
            DatasetLayer(
                name=name,
                color=str(style["color"]),
                payload=js_json({"n": len(rows), "cols": columns}),
                config={**style, "type": "attack", "colors": {"": style["color"]}, "dataset": name, "idPrefix": prefix},
                count=len(rows),
                legend_html=_legend(name, rows, str(style["color"])),
                attribution="",
                dates=rows["date_start"],
                areas=areas,
            )
        )
    if layers:  # the credits once, on the first layer: each map shows every dataset's layers
        layers[0] = DatasetLayer(**{**layers[0].__dict__, "attribution": datasets.attribution()})
    return layers


def _shortened(texts: pd.Series) -> pd.Series:
    long = texts.fillna("").str.len() > SOURCE_CHARS
    return texts.where(~long, texts.str.slice(0, SOURCE_CHARS - 1) + "\u2026")


def _legend(name: str, rows: pd.DataFrame, color: str) -> str:
    """The legend's part for a dataset: its name and count, its mark, what it holds by type, and that it is not
    merged with the news."""
    kinds = rows["sub_type"].fillna(rows["event_type"]).str.replace("_", " ").value_counts()
    held = ", ".join(f"{kind} {count}" for kind, count in kinds.items())
    mark = (
        f'<svg width="20" height="20"><circle cx="10" cy="10" r="6" fill="{color}" fill-opacity="0.8" '
        f'stroke="{color}" stroke-width="1.5"/></svg>'
    )
    parts = [f"<h4>{html.escape(name)} ({len(rows)})</h4>"]
    parts.append(f'<div class="row">{mark}<span>{html.escape(f"{name} events (reference dataset)")}</span></div>')
    if held:
        parts.append(f"<div>{html.escape(held)}</div>")
    parts.append(f"<div>{html.escape('kept apart from the news-derived events; popups name the row id')}</div>")
    return "".join(parts)
