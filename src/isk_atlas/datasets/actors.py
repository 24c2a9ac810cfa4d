"""The actor and country filter of reference datasets, read from one editable file (`data/datasets/actors.yaml`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from isk_atlas.errors import InputError
from isk_atlas.paths import data_dir

ACTORS_FILE = "actors.yaml"


def default_actors_path() -> Path:
    return data_dir() / "datasets" / ACTORS_FILE


@dataclass(frozen=True)
class ActorFilter:
    """Rows kept: an actor named in the lists (unless `all_actors`), in one of the countries (always)."""

    ged_sides: frozenset[str]
    acled_actors: frozenset[str]
    countries: dict[str, str]
    all_actors: bool = False

    def describe(self) -> str:
        """The filter in words, as the maps' attribution shows it (ACLED's terms ask for the filters used)."""
        where = ", ".join(sorted(set(self.countries.values())))
        if self.all_actors:
            return f"all actors; countries {where}"
        return f"actors {', '.join(sorted(self.acled_actors))}; countries {where}"

    def country_codes(self, names: pd.Series) -> pd.Series:
        """ISO3 code of each country name (NaN for a country not listed)."""
        folded = {name.strip().lower(): code for name, code in self.countries.items()}
        return names.map({name: folded.get(_fold(name)) for name in pd.unique(names)})

    def ged_rows(self, side_a: pd.Series, side_b: pd.Series) -> np.ndarray:
        """Which GED rows have a listed side (every row with `all_actors`)."""
        if self.all_actors:
            return np.ones(len(side_a), dtype=bool)
        names = {name.lower() for name in self.ged_sides}
        return np.asarray(_listed(side_a, names) | _listed(side_b, names), dtype=bool)

    def acled_rows(self, *actor_columns: pd.Series) -> np.ndarray:
        """Which ACLED rows name a listed actor in any actor column (associated actors split at ';')."""
        n = len(actor_columns[0]) if actor_columns else 0
        if self.all_actors:
            return np.ones(n, dtype=bool)
        names = {name.lower() for name in self.acled_actors}
        keep = np.zeros(n, dtype=bool)
        for column in actor_columns:
            parts = column.fillna("").str.split(";").explode().str.strip().str.lower()
            keep |= parts.isin(names).groupby(level=0).any().reindex(column.index, fill_value=False).to_numpy()
        return keep

    def listed_first(self, side_a: pd.Series, side_b: pd.Series) -> tuple[pd.Series, pd.Series]:
        """(the listed actor's side, the other side) of each GED row: side_b where only it is listed."""
        names = {name.lower() for name in self.ged_sides}
        swap = _listed(side_b, names) & ~_listed(side_a, names)
        return side_a.where(~swap, side_b), side_b.where(~swap, side_a)


def _fold(name: object) -> str:
    return name.strip().lower() if isinstance(name, str) else ""


def _listed(values: pd.Series, names: set[str]) -> pd.Series:
    """Which values are one of `names` (folded; each distinct value folded once)."""
    return values.isin([value for value in pd.unique(values) if _fold(value) in names])


def read_actor_filter(path: Path | None = None, all_actors: bool = False) -> ActorFilter:
    """The filter in `path` (default `data/datasets/actors.yaml`); InputError naming the file when it is wrong."""
    path = path or default_actors_path()
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        line = getattr(getattr(error, "problem_mark", None), "line", None)
        at = None if line is None else line + 1
        raise InputError(path, f"cannot read the actor list: {error}", line=at) from error
    if not isinstance(loaded, dict):
        raise InputError(path, "the actor list must be a mapping with ucdp_ged_sides, acled_actors and countries")
    lists: dict[str, list[str]] = {}
    for key in ("ucdp_ged_sides", "acled_actors"):
        value = loaded.get(key) or []
        if not isinstance(value, list) or not all(isinstance(name, str) and name.strip() for name in value):
            raise InputError(path, "must be a list of names", field=key)
        lists[key] = [name.strip() for name in value]
    countries = loaded.get("countries") or {}
    if not isinstance(countries, dict) or not all(
        isinstance(code, str) and len(code) == 3 and code.isupper() for code in countries.values()
    ):
        message = "must map country names to ISO 3166-1 alpha-3 codes (e.g. Afghanistan: AFG)"
        raise InputError(path, message, field="countries")
    return ActorFilter(
        ged_sides=frozenset(lists["ucdp_ged_sides"]),
        acled_actors=frozenset(lists["acled_actors"]),
        countries={str(name): code for name, code in countries.items()},
        all_actors=all_actors,
    )
