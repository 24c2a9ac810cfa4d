"""The cross-check: a news event and a dataset event of the same type, province and dates are pointed at."""

from __future__ import annotations

import pandas as pd

from isk_atlas.datasets.crosscheck import also_in, match_pairs


def _news(**changes: object) -> pd.DataFrame:
    row = {
        "event_id": "news-1",
        "event_type": "attack",
        "sub_type": "suicide_bombing",
        "admin1": "AF-KDZ",
        "date_start": "2021-10-08",
        "date_end": None,
    }
    row.update(changes)
    return pd.DataFrame([row])


def _dataset(**changes: object) -> pd.DataFrame:
    row = {
        "event_id": "ucdp-ged-7",
        "event_type": "attack",
        "sub_type": "attack",
        "admin1": "AF-KDZ",
        "date_start": "2021-10-10",
        "date_end": "2021-10-10",
        "dataset": "UCDP GED",
        "dataset_id": "7",
    }
    row.update(changes)
    return pd.DataFrame([row])


def test_same_type_province_and_window_is_a_match() -> None:
    assert also_in(_news(), _dataset()).tolist() == ["UCDP GED #7"]
    pairs = match_pairs(_news(), _dataset())
    assert pairs.to_dict("records") == [
        {"event_id": "news-1", "dataset_event_id": "ucdp-ged-7", "dataset": "UCDP GED", "dataset_id": "7"}
    ]


def test_another_province_type_or_week_is_not() -> None:
    assert also_in(_news(), _dataset(admin1="AF-KAB")).tolist() == [None]
    assert also_in(_news(), _dataset(event_type="counter_operation", sub_type="raid")).tolist() == [None]
    assert also_in(_news(), _dataset(date_start="2021-10-20", date_end="2021-10-20")).tolist() == [None]
    assert also_in(_news(date_start=None), _dataset()).tolist() == [None]


def test_a_clash_matches_an_attack_or_an_operation_and_several_matches_are_all_named() -> None:
    clash = _dataset(event_type="attack", sub_type="armed_clash")
    operation = _news(event_type="counter_operation", sub_type="raid")
    assert also_in(operation, clash).tolist() == ["UCDP GED #7"]
    two = pd.concat([_dataset(), _dataset(event_id="acled-A1", dataset="ACLED", dataset_id="A1")], ignore_index=True)
    assert also_in(_news(), two).tolist() == ["ACLED #A1; UCDP GED #7"]  # in event id order


def test_a_news_span_counts_its_whole_range() -> None:
    assert also_in(_news(date_start="2021-09-01", date_end="2021-10-30"), _dataset()).tolist() == ["UCDP GED #7"]
