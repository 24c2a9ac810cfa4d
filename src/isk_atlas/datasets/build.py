"""The build's one hook for reference datasets: beside the news frame, the exports' rows and the maps' layers.

The exports always carry `also_in` and the dataset columns (empty for news-derived rows), so their schema does not
change with the folder's content; dataset rows follow the news rows.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from isk_atlas.datasets.crosscheck import also_in
from isk_atlas.datasets.load import Datasets
from isk_atlas.datasets.maplayer import DatasetLayer, dataset_layers
from isk_atlas.datasets.records import DATASET_COLUMNS
from isk_atlas.layers import geo_module

EXPORT_COLUMNS: tuple[str, ...] = ("also_in", *DATASET_COLUMNS)


def beside_news(
    frame: gpd.GeoDataFrame, datasets: Datasets | None
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, list[DatasetLayer]]:
    """(the news frame with `also_in` for its popups, the frame to export, the datasets' map layers)."""
    if datasets is None or datasets.frame.empty:
        news = frame.assign(also_in=None)
        return news, news.assign(**{column: None for column in DATASET_COLUMNS}), []
    news = frame.assign(also_in=also_in(frame, datasets.frame).to_numpy())
    exported = pd.concat(
        [news.assign(**{column: None for column in DATASET_COLUMNS}), datasets.frame.assign(also_in=None)],
        ignore_index=True,
    )
    admin1 = geo_module().load_admin1()
    names = dict(zip(admin1["id"].astype(str), admin1["name"].astype(str), strict=True))
    exported = gpd.GeoDataFrame(exported, geometry="geometry", crs=frame.crs)
    return news, exported, dataset_layers(datasets, names)
