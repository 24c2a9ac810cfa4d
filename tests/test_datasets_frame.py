"""Dataset records placed: the province adm_1 names, points where given, areas where only an area is known."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from isk_atlas.datasets.frame import FRAME_COLUMNS, Areas, dataset_frame, fold_name


@pytest.fixture(scope="module")
def areas() -> Areas:
    return Areas.load()


def _records(**columns: list[object]) -> pd.DataFrame:
    n = len(next(iter(columns.values())))
    base: dict[str, list[object]] = {
        "event_id": [f"x-{i}" for i in range(n)],
        "event_type": ["attack"] * n,
        "date_start": [pd.Timestamp("2021-09-18")] * n,
        "date_end": [pd.Timestamp("2021-09-18")] * n,
        "place_text": ["somewhere"] * n,
        "country": ["AFG"] * n,
        "lat": [np.nan] * n,
        "lon": [np.nan] * n,
        "killed_low": [1.0] * n,
        "killed_high": [2.0] * n,
        "dataset": ["UCDP GED"] * n,
        "dataset_id": [str(i) for i in range(n)],
    }
    base.update(columns)
    return pd.DataFrame(base)


def test_names_fold_to_match_the_reference_spellings() -> None:
    assert fold_name("Nangarhar province") == fold_name("Nangarhar") == "nangarhar"
    assert fold_name("Sar-e Pul") == "sarepul"


def test_adm_1_names_the_province_in_any_spelling(areas: Areas) -> None:
    names = pd.Series(["Nangarhar province", "Bamian province", "Kunar", "Khyber Pakhtunkhwa province", "Nowhere"])
    countries = pd.Series(["AFG", "AFG", "AFG", "PAK", "AFG"])
    none = pd.Series([np.nan] * 5)
    assert areas.admin1_of(names, countries, none, none).tolist() == ["AF-NAN", "AF-BAM", "AF-KNR", "PK-KP", None]


def test_an_unknown_name_falls_back_to_the_province_the_coordinates_fall_in(areas: Areas) -> None:
    found = areas.admin1_of(pd.Series(["Unknown"]), pd.Series(["AFG"]), pd.Series([34.43]), pd.Series([70.45]))
    assert found.tolist() == ["AF-NAN"]


def test_points_areas_and_countries_are_drawn_by_precision(areas: Areas) -> None:
    records = _records(
        geo_precision=["point", "province", "district", "country", "province"],
        admin1_name=["Nangarhar province", "Kunar province", "Kunduz", "", ""],
        lat=[34.4342, 34.9, np.nan, np.nan, np.nan],
        lon=[70.4478, 71.1, np.nan, np.nan, np.nan],
        country=["AFG", "AFG", "AFG", "AFG", "XXX"],
    )
    frame = dataset_frame(records, areas)
    assert [c for c in frame.columns if c != "geometry"] == list(FRAME_COLUMNS)
    assert frame["drawn_as"].tolist()[:4] == ["point", "province", "province", "country"]
    assert pd.isna(frame["drawn_as"].iloc[4])
    assert frame["area_id"].tolist()[1:4] == ["AF-KNR", "AF-KDZ", "AFG"]
    assert frame.geometry.iloc[0].x == pytest.approx(70.4478)
    assert frame.geometry.iloc[1].geom_type in ("Polygon", "MultiPolygon")  # the province, never a pin at its centre
    assert frame["admin1"].tolist()[:3] == ["AF-NAN", "AF-KNR", "AF-KDZ"]
    assert frame["unlocated_reason"].iloc[4] != "" and frame.geometry.iloc[4] is None
    assert frame["unlocated_reason"].iloc[0] == ""
    assert frame["date_start"].tolist()[0] == "2021-09-18"
    assert str(frame["killed_high"].dtype) == "Int64"
