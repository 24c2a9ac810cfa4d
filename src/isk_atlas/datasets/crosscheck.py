"""Which news-derived events a reference dataset has too: same type, same province, dates within a window.

Only a pointer is made ("also in UCDP GED #123" in the news event's popup and the exports' `also_in` column); the
events stay apart (design.md: dataset events are never merged into the register).
"""

from __future__ import annotations

import pandas as pd

# Days either side of the news event's dates within which a dataset event may fall: datasets date an attack by
# when it happened, articles often by when it was reported.
WINDOW_DAYS = 3
# A clash (attack/armed_clash) is read as an attack by one source and as an operation by another: it matches both.
CLASH = "armed_clash"
_KEYS = ["event_id", "event_type", "sub_type", "admin1", "date_start", "date_end"]


def _dated(frame: pd.DataFrame) -> pd.DataFrame:
    rows = pd.DataFrame(frame[_KEYS]).dropna(subset=["admin1", "date_start"])
    rows["start"] = pd.to_datetime(rows["date_start"], format="ISO8601", errors="coerce")
    rows["end"] = pd.to_datetime(rows["date_end"], format="ISO8601", errors="coerce").fillna(rows["start"])
    return rows.dropna(subset=["start"])


def match_pairs(news: pd.DataFrame, datasets: pd.DataFrame, window_days: int = WINDOW_DAYS) -> pd.DataFrame:
    """Every (news event, dataset event) pair of the same type, province and date window: columns `event_id`,
    `dataset_event_id`, `dataset`, `dataset_id`."""
    columns = ["event_id", "dataset_event_id", "dataset", "dataset_id"]
    if news.empty or datasets.empty:
        return pd.DataFrame(columns=columns)
    ours = _dated(news)
    theirs = _dated(datasets).join(pd.DataFrame(datasets[["dataset", "dataset_id"]]))
    pairs = ours.merge(theirs, on="admin1", suffixes=("", "_ds"))
    window = pd.Timedelta(days=window_days)
    same_type = (pairs["event_type"] == pairs["event_type_ds"]) | (pairs["sub_type"] == CLASH)
    same_type |= pairs["sub_type_ds"] == CLASH
    overlap = (pairs["start"] - window <= pairs["end_ds"]) & (pairs["start_ds"] <= pairs["end"] + window)
    found = pairs[same_type & overlap].rename(columns={"event_id_ds": "dataset_event_id"})
    return pd.DataFrame(found[columns]).sort_values(columns[:2]).reset_index(drop=True)


def also_in(news: pd.DataFrame, datasets: pd.DataFrame, window_days: int = WINDOW_DAYS) -> pd.Series:
    """For each news row (same index), the dataset events it matches, as `UCDP GED #123; ACLED #AFG9`, or None."""
    pairs = match_pairs(news, datasets, window_days)
    labels = (pairs["dataset"] + " #" + pairs["dataset_id"].astype(str)).groupby(pairs["event_id"]).agg("; ".join)
    return news["event_id"].map(labels).astype(object).where(lambda values: values.notna(), None)
