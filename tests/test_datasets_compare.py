"""The comparison tables and chart of notebook 07."""

from __future__ import annotations

import pandas as pd

from isk_atlas.datasets.compare import (
    datasets_not_in_news,
    monthly_chart,
    monthly_table,
    news_not_in_datasets,
    province_names,
)

NEWS = pd.DataFrame(
    {
        "event_id": ["n1", "n2", "n3"],
        "event_type": ["attack", "attack", "presence"],
        "sub_type": ["bombing", "attack", "fighters_reported"],
        "admin1": ["AF-KAB", "AF-NAN", "AF-KNR"],
        "date_start": ["2021-08-26", "2021-09-10", "2021-09-01"],
        "date_end": [None, None, None],
        "place_text": ["Kabul", "Jalalabad", "Kunar"],
    }
)
DATASETS = pd.DataFrame(
    {
        "event_id": ["ucdp-ged-1", "ucdp-ged-2", "ucdp-ged-3"],
        "event_type": ["attack", "attack", "attack"],
        "sub_type": ["attack", "attack", "attack"],
        "admin1": ["AF-KAB", "AF-KNR", "AF-KNR"],
        "date_start": ["2021-08-27", "2021-09-03", "2022-01-03"],
        "date_end": ["2021-08-27", "2021-09-03", "2022-01-03"],
        "place_text": ["Kabul", "Asadabad", "Asadabad"],
        "casualties": ["", "", ""],
        "dataset": ["UCDP GED"] * 3,
        "dataset_id": ["1", "2", "3"],
    }
)


def test_news_events_no_dataset_has_leave_out_presence() -> None:
    listed, by_month = news_not_in_datasets(NEWS, DATASETS, province_names())
    assert listed["event_id"].tolist() == ["n2"]
    assert by_month.to_dict("records") == [{"province": "Nangarhar", "month": "2021-09", "events": 1}]


def test_dataset_events_no_article_mentions_in_the_period_and_provinces() -> None:
    listed, by_month = datasets_not_in_news(NEWS, DATASETS, province_names(), "2021-08-01", "2021-12-31")
    assert listed["dataset_id"].tolist() == ["2"]  # 1 is the Kabul news event; 3 is after the period
    assert by_month.to_dict("records") == [{"province": "Kunar", "month": "2021-09", "events": 1}]
    listed, _ = datasets_not_in_news(NEWS, DATASETS, province_names(), provinces=["AF-KAB"])
    assert listed.empty


def test_the_monthly_table_and_chart_hold_news_and_each_dataset() -> None:
    table = monthly_table(NEWS, DATASETS)
    assert table.columns.tolist() == ["News", "UCDP GED"]
    assert table.loc["2021-09"].tolist() == [2, 1] and table.loc["2022-01"].tolist() == [0, 1]
    assert monthly_chart(table).png().startswith(b"\x89PNG")
