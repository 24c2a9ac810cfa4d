"""What the news and the reference datasets have that the other has not, per province and month, and the monthly
chart of both (notebook `07_compare_datasets`)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from isk_atlas.datasets.crosscheck import WINDOW_DAYS, match_pairs
from isk_atlas.layers import geo_module
from isk_atlas.maps.timeline import monthly_counts

NEWS = "News"


def province_names() -> dict[str, str]:
    """Province (and neighbouring region) names by ISO 3166-2 code, from the reference geography."""
    admin1 = geo_module().load_admin1()
    return dict(zip(admin1["id"].astype(str), admin1["name"].astype(str), strict=True))


def _in_period(
    frame: pd.DataFrame,
    date_from: dt.date | str | None,
    date_to: dt.date | str | None,
    provinces: Sequence[str] = (),
) -> pd.DataFrame:
    """The rows dated within the period (an open end is no bound), in the provinces (all when none are given)."""
    start = pd.to_datetime(frame["date_start"], format="ISO8601", errors="coerce")
    end = pd.to_datetime(frame["date_end"], format="ISO8601", errors="coerce").fillna(start)
    keep = start.notna()
    if date_from:
        keep &= end >= pd.Timestamp(str(date_from))
    if date_to:
        keep &= start <= pd.Timestamp(str(date_to))
    if provinces:
        keep &= frame["admin1"].isin(list(provinces))
    return frame[keep.to_numpy()]


def _per_province_month(rows: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    table = pd.DataFrame(
        {
            "province": rows["admin1"].map(names).fillna(rows["admin1"]).fillna("(unknown)"),
            "month": pd.to_datetime(rows["date_start"], format="ISO8601").dt.strftime("%Y-%m"),
        }
    )
    return table.groupby(["province", "month"]).size().rename("events").reset_index()


def news_not_in_datasets(
    news: pd.DataFrame,
    datasets: pd.DataFrame,
    names: dict[str, str],
    date_from: Any = None,
    date_to: Any = None,
    provinces: Sequence[str] = (),
    window_days: int = WINDOW_DAYS,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """News events (attacks and counter-operations: datasets code no presence) in the period that no dataset has:
    the events, and their count per province and month."""
    news = _in_period(news[news["event_type"].isin(["attack", "counter_operation"])], date_from, date_to, provinces)
    matched = set(match_pairs(news, datasets, window_days)["event_id"])
    missing = news[~news["event_id"].isin(matched)]
    listed = pd.DataFrame(missing[["event_id", "event_type", "sub_type", "date_start", "admin1", "place_text"]])
    return listed.reset_index(drop=True), _per_province_month(missing, names)


def datasets_not_in_news(
    news: pd.DataFrame,
    datasets: pd.DataFrame,
    names: dict[str, str],
    date_from: Any = None,
    date_to: Any = None,
    provinces: Sequence[str] = (),
    window_days: int = WINDOW_DAYS,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Dataset events in the period that no article mentions: the events, and their count per province and month."""
    period = _in_period(datasets, date_from, date_to, provinces)
    matched = set(match_pairs(news, period, window_days)["dataset_event_id"])
    missing = period[~period["event_id"].isin(matched)]
    columns = ["dataset", "dataset_id", "event_type", "sub_type", "date_start", "admin1", "place_text", "casualties"]
    return pd.DataFrame(missing[columns]).reset_index(drop=True), _per_province_month(missing, names)


def monthly_table(news: pd.DataFrame, datasets: pd.DataFrame) -> pd.DataFrame:
    """Events per month: the news-derived ones (one column) and each dataset's (see `maps.timeline.monthly_counts`,
    the table the combined map's time filter draws)."""
    dates = {NEWS: news["date_start"]}
    for name in datasets["dataset"].dropna().unique().tolist():
        dates[str(name)] = datasets.loc[datasets["dataset"] == name, "date_start"]
    return monthly_counts(dates)


@dataclass(frozen=True)
class Chart:
    """A matplotlib figure that shows itself in a notebook as a PNG (no pyplot, no global figure state)."""

    figure: Any

    def png(self) -> bytes:
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=100)
        return buffer.getvalue()

    def _repr_png_(self) -> bytes:
        return self.png()


def monthly_chart(table: pd.DataFrame, colors: dict[str, str] | None = None) -> Chart:
    """The monthly table as a stacked bar chart, one colour per column (news, then each dataset)."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(10, 3.2), layout="constrained")
    axes = figure.subplots()
    bottom = pd.Series(0, index=table.index)
    for column in table.columns:
        color = (colors or {}).get(str(column))
        axes.bar(range(len(table)), table[column], bottom=bottom, label=str(column), color=color, width=0.9)
        bottom = bottom + table[column]
    ticks = list(range(0, len(table), max(1, len(table) // 12)))
    axes.set_xticks(ticks, [table.index[i] for i in ticks], rotation=45, ha="right")
    axes.set_ylabel("events per month")
    if len(table.columns):
        axes.legend(loc="upper left", frameon=False)
    return Chart(figure)
