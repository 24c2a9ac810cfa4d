"""The build's hooks for reference datasets: reading them (through a live process's `DatasetMemo`), and beside
the news frame, the exports' rows and the maps' layers.

The exports always carry `also_in` and the dataset columns (empty for news-derived rows), so their schema does not
change with the folder's content; dataset rows follow the news rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd

from isk_atlas.datasets.actors import ACTORS_FILE, default_actors_path
from isk_atlas.datasets.crosscheck import also_in
from isk_atlas.datasets.load import Datasets, load_datasets
from isk_atlas.datasets.maplayer import DatasetLayer, dataset_layers
from isk_atlas.datasets.read import dataset_files
from isk_atlas.datasets.records import DATASET_COLUMNS
from isk_atlas.layers import geo_module

EXPORT_COLUMNS: tuple[str, ...] = ("also_in", *DATASET_COLUMNS)


def _file_state(paths: list[Path]) -> tuple[tuple[str, int, int], ...]:
    state = []
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            continue  # gone: its absence is part of the state
        state.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(state)


@dataclass
class DatasetMemo:
    """What a live process (`build --watch`, a notebook) read and drew of the reference datasets last: reading a
    hundred thousand GED rows costs seconds, a rebuild after one new article should not pay them again. The
    datasets are reused while the folder's files and the actor list are as they were (name, size, modification
    time, as the articles are), their map layers while the datasets' content digest and the province names are."""

    inputs: tuple[object, ...] | None = None
    datasets: Datasets | None = None
    layers_key: tuple[object, ...] | None = None
    layers: list[DatasetLayer] = field(default_factory=list)

    def load(self, folder: Path, all_actors: bool) -> Datasets:
        actors = folder / ACTORS_FILE if (folder / ACTORS_FILE).is_file() else default_actors_path()
        inputs = (str(folder), all_actors, _file_state([*dataset_files(folder), actors]))
        if self.datasets is None or inputs != self.inputs:
            self.datasets, self.inputs = load_datasets(folder, all_actors), inputs
        return self.datasets

    def layers_for(self, datasets: Datasets, names: dict[str, str]) -> list[DatasetLayer]:
        key = (datasets.digest, tuple(names.items()))
        if key != self.layers_key:
            self.layers, self.layers_key = dataset_layers(datasets, names), key
        return self.layers


def beside_news(
    frame: gpd.GeoDataFrame, datasets: Datasets | None, memo: DatasetMemo | None = None
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, list[DatasetLayer]]:
    """(the news frame with `also_in` for its popups, the frame to export, the datasets' map layers; the layers
    from `memo` when it drew the same datasets last)."""
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
    layers = memo.layers_for(datasets, names) if memo is not None else dataset_layers(datasets, names)
    return news, exported, layers
