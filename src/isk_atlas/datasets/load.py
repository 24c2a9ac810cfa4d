"""Every dataset file of a folder read, filtered, mapped and placed: what a build adds beside the news events."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd

from isk_atlas.datasets.actors import ACTORS_FILE, ActorFilter, default_actors_path, read_actor_filter
from isk_atlas.datasets.formats import ACLED, GED
from isk_atlas.datasets.frame import FRAME_COLUMNS, Areas, dataset_frame
from isk_atlas.datasets.read import dataset_files, read_dataset_file
from isk_atlas.datasets.records import READERS, RECORD_COLUMNS
from isk_atlas.errors import InputError
from isk_atlas.layers import CRS

UCDP_CITATION = (
    "UCDP Georeferenced Event Dataset (GED), Uppsala Conflict Data Program, CC BY 4.0: Sundberg, Ralph and Erik "
    "Melander (2013) Introducing the UCDP Georeferenced Event Dataset. Journal of Peace Research 50(4): 523-532."
)
ACLED_CREDIT = "Armed Conflict Location & Event Data (ACLED), acleddata.com"


@dataclass(frozen=True)
class DatasetFile:
    """One table read: where from, which dataset, how many rows it had and kept, and when it was obtained (the
    file's date: ACLED's terms ask for the access date)."""

    where: str
    dataset: str
    rows: int
    kept: int
    accessed: dt.date


@dataclass
class Datasets:
    """The dataset events of a build (one frame, `FRAME_COLUMNS`), the files they came from and the filter."""

    frame: gpd.GeoDataFrame
    files: list[DatasetFile] = field(default_factory=list)
    problems: list[InputError] = field(default_factory=list)
    keep: ActorFilter | None = None
    digest: str = ""

    @property
    def names(self) -> list[str]:
        """The datasets with events, in a fixed order (GED first)."""
        present = set(self.frame["dataset"].dropna().unique().tolist())
        return [name for name in (GED.name, ACLED.name) if name in present]

    def attribution(self) -> str:
        """Credits as each licence asks: UCDP's citation; ACLED's name, access date and the filters used."""
        parts = []
        used = {file.dataset for file in self.files}
        if GED.name in used:
            parts.append(UCDP_CITATION)
        if ACLED.name in used:
            accessed = max(file.accessed for file in self.files if file.dataset == ACLED.name)
            filters = self.keep.describe() if self.keep is not None else "none"
            parts.append(f"{ACLED_CREDIT}, accessed {accessed.isoformat()}; filters: {filters}.")
        return " ".join(parts)


def default_datasets_dir() -> Path:
    """Where an analyst drops dataset files: data/datasets/ (its actor list, actors.yaml, lives there too)."""
    return default_actors_path().parent


def empty_frame() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(pd.DataFrame(columns=list(FRAME_COLUMNS)), geometry=gpd.GeoSeries([], crs=CRS), crs=CRS)


def load_datasets(folder: Path | str, all_actors: bool = False, actors_path: Path | None = None) -> Datasets:
    """Every dataset file in `folder`, filtered by the actor list (`folder/actors.yaml` when there is one, else
    `data/datasets/actors.yaml`; `all_actors` keeps every actor), mapped and placed. Problems are collected, never
    raised: a broken row or file costs itself only. The same event id read twice (GED and its candidates) is kept
    once, as first read."""
    folder = Path(folder)
    problems: list[InputError] = []
    if actors_path is None:
        actors_path = folder / ACTORS_FILE if (folder / ACTORS_FILE).is_file() else default_actors_path()
    try:
        keep = read_actor_filter(actors_path, all_actors)
    except InputError as error:
        return Datasets(empty_frame(), problems=[error])
    digest = hashlib.sha256(f"{keep.describe()}|{sorted(keep.ged_sides)}".encode())
    files: list[DatasetFile] = []
    parts: list[pd.DataFrame] = []
    for path in dataset_files(folder):
        for table in read_dataset_file(path, problems):
            records = READERS[table.format.key](table, keep, problems)
            files.append(DatasetFile(table.where, table.format.name, len(table.rows), len(records), table.accessed))
            digest.update(f"{table.where}|{table.sha256}|{table.accessed}".encode())
            parts.append(records)
    if not parts or not any(len(part) for part in parts):
        return Datasets(empty_frame(), files, problems, keep, digest.hexdigest())
    records = pd.concat([part for part in parts if len(part)], ignore_index=True)[list(RECORD_COLUMNS)]
    records = records.drop_duplicates("event_id").reset_index(drop=True)
    frame = dataset_frame(records, Areas.load())
    return Datasets(frame, files, problems, keep, digest.hexdigest())
