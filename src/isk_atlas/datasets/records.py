"""A dataset's kept rows as event records (the columns of `isk_atlas.layers.COLUMNS` plus the dataset's own), by
the rules of `isk_atlas.datasets.rules`, checked column by column.

A row whose id, date, coordinates or codes cannot be read is reported with its file and line and left out; a row
of an actor or country the filter does not keep is left out silently (that is what the filter is for).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

from isk_atlas.datasets.actors import ActorFilter
from isk_atlas.datasets.formats import ACLED, GED
from isk_atlas.datasets.read import LINE, RawTable
from isk_atlas.datasets.rules import (
    ACLED_GEO_PRECISION,
    ACLED_TIME_PRECISION,
    GED_DATE_PREC,
    GED_VIOLENCE,
    GED_WHERE_PREC,
    TypeRule,
    acled_type,
    inter_text,
)
from isk_atlas.errors import InputError

# The dataset's own columns, after the event record's in the exports (empty for news-derived events).
DATASET_COLUMNS: tuple[str, ...] = ("dataset", "dataset_id", "dataset_source")
# Columns of the records made here (places are resolved later, in `isk_atlas.datasets.frame`).
RECORD_COLUMNS: tuple[str, ...] = (
    "event_id", "event_type", "sub_type", "summary", "date_start", "date_end", "date_precision", "place_text",
    "admin1_name", "admin2", "country", "geo_precision", "lat", "lon", "actor", "target", "killed_low",
    "killed_high", "casualties", "sources", "notes", *DATASET_COLUMNS, "where", LINE,
)  # fmt: skip


class _Checks:
    """Rows found wrong so far, each with its first reason, reported together once every column is checked."""

    def __init__(self, table: RawTable) -> None:
        self.table = table
        self.bad = np.zeros(len(table.rows), dtype=bool)
        self.found: list[tuple[int, InputError]] = []

    def flag(self, wrong: np.ndarray, field: str, message: Callable[[str], str]) -> None:
        rows = self.table.rows
        for position in np.flatnonzero(wrong & ~self.bad).tolist():
            value = str(rows[field].iat[position]) if field in rows else ""
            line = int(str(rows[LINE].iat[position]))
            self.found.append((line, InputError(self.table.where, message(value), line=line, field=field)))
        self.bad |= wrong

    def report(self, problems: list[InputError]) -> None:
        problems += [error for _, error in sorted(self.found, key=lambda found: found[0])]


def _text(rows: pd.DataFrame, column: str) -> pd.Series:
    """A column as the reader gives it: stripped text, "" when empty (plain objects, see `read.RawTable`)."""
    return rows[column]


def _numbers(rows: pd.DataFrame, column: str, checks: _Checks, whole: bool = True) -> pd.Series:
    """A numeric column: empty cells NaN, anything else that is not a (whole, non-negative) number flagged."""
    text = _text(rows, column)
    values = pd.to_numeric(text, errors="coerce")  # "" too is NaN
    given = (text != "").to_numpy()
    wrong = given & values.isna().to_numpy()
    if whole:
        wrong |= given & ~wrong & ((values.fillna(0) < 0) | (values.fillna(0) % 1 != 0)).to_numpy()
    checks.flag(wrong, column, lambda v: f"{v!r} is not a {'whole non-negative ' if whole else ''}number")
    return values.astype("float64")


def _coordinates(rows: pd.DataFrame, checks: _Checks) -> tuple[pd.Series, pd.Series]:
    lat = _numbers(rows, "latitude", checks, whole=False)
    lon = _numbers(rows, "longitude", checks, whole=False)
    checks.flag((lat.abs() > 90).to_numpy(), "latitude", lambda v: f"latitude {v} is outside -90..90")
    checks.flag((lon.abs() > 180).to_numpy(), "longitude", lambda v: f"longitude {v} is outside -180..180")
    # One of the two alone places nothing: both are dropped (the row is still drawn by its province, if known).
    half = (lat.isna() != lon.isna()).to_numpy()
    return lat.mask(half), lon.mask(half)


def _dates(text: pd.Series) -> pd.Series:
    """ISO dates (GED's `2021-08-26` or `2021-08-26 00:00:00.000`) and ACLED's `26 August 2021` or `26-Aug-21`."""
    iso = pd.to_datetime(text, format="ISO8601", errors="coerce").dt.normalize()
    rest = iso.isna() & (text != "")
    if rest.any():
        for pattern in ("%d %B %Y", "%d-%b-%y", "%d %b %Y", "%d/%m/%Y"):
            parsed = pd.to_datetime(text[rest], format=pattern, errors="coerce")
            iso[rest] = parsed
            rest = iso.isna() & (text != "")
            if not rest.any():
                break
    return iso


def _codes(values: pd.Series, table: Mapping[str, object], column: str, checks: _Checks) -> pd.Series:
    """A code column looked up in a rule table (`1` and `1.0` alike); codes not in it flagged."""
    spellings = {code: code for code in table} | {f"{code}.0": code for code in table}
    codes = values.map(spellings)
    checks.flag(codes.isna().to_numpy(), column, lambda v: f"{v!r} is not one of the codes {', '.join(table)}")
    return codes.fillna("")


def ged_records(table: RawTable, keep: ActorFilter, problems: list[InputError]) -> pd.DataFrame:
    """The GED rows the filter keeps, as records; unreadable ones reported."""
    rows = table.rows
    side_a, side_b = _text(rows, "side_a"), _text(rows, "side_b")
    country = keep.country_codes(_text(rows, "country"))
    wanted = keep.ged_rows(side_a, side_b) & country.notna().to_numpy()
    rows = rows[wanted].reset_index(drop=True)
    table = RawTable(table.where, table.format, rows, table.accessed, table.sha256)
    checks = _Checks(table)
    side_a, side_b = side_a[wanted].reset_index(drop=True), side_b[wanted].reset_index(drop=True)
    country = country[wanted].reset_index(drop=True)

    row_id = _whole_number_text(_text(rows, "id"))
    checks.flag((row_id == "").to_numpy(), "id", lambda v: "the row has no id")
    violence = _codes(_text(rows, "type_of_violence"), {k: () for k in ("1", "2", "3")}, "type_of_violence", checks)
    where = _codes(_text(rows, "where_prec"), GED_WHERE_PREC, "where_prec", checks)
    date_prec = _codes(_text(rows, "date_prec"), GED_DATE_PREC, "date_prec", checks)
    start = _dates(_text(rows, "date_start"))
    checks.flag(start.isna().to_numpy(), "date_start", lambda v: f"{v!r} is not a date (YYYY-MM-DD)")
    end = _dates(_text(rows, "date_end"))
    end = end.where(end.notna(), start)
    checks.flag((end < start).to_numpy(), "date_end", lambda v: f"{v!r} is before date_start")
    lat, lon = _coordinates(rows, checks)
    low, best, high = (_numbers(rows, column, checks) for column in ("low", "best", "high"))
    deaths_a, deaths_b = _numbers(rows, "deaths_a", checks), _numbers(rows, "deaths_b", checks)
    low, high = low.fillna(best), high.fillna(best)
    checks.flag((low > high).to_numpy(), "low", lambda v: f"low ({v}) is above high")

    operation = (violence == "1") & (deaths_a.fillna(0) == 0) & (deaths_b.fillna(0) > 0)
    rule_key = violence.where(~operation, "1:operation")
    rules = rule_key.map(GED_VIOLENCE)
    actor, target = keep.listed_first(side_a, side_b)
    headline, article = _text(rows, "source_headline"), _text(rows, "source_article")
    place = _text(rows, "where_coordinates")
    adm1, adm2 = _text(rows, "adm_1"), _text(rows, "adm_2")
    casualties = pd.Series(
        [
            f"{killed} (best estimate {estimate:.0f}, UCDP GED)" if killed and estimate == estimate else killed
            for killed, estimate in zip(_killed_text(low, high).tolist(), best.tolist(), strict=True)
        ],
        index=low.index,
        dtype=object,
    )
    records = pd.DataFrame(
        {
            "event_id": GED.key + "-" + row_id,
            "event_type": [rule.event_type if isinstance(rule, TypeRule) else None for rule in rules],
            "sub_type": [rule.sub_type if isinstance(rule, TypeRule) else None for rule in rules],
            "summary": _text(rows, "dyad_name"),
            "date_start": start,
            "date_end": end,
            "date_precision": date_prec.map(lambda code: GED_DATE_PREC.get(code, ("unknown",))[0]),
            "place_text": _first_given(place, adm2, adm1, _text(rows, "country")),
            "admin1_name": adm1,
            "admin2": adm2.str.replace(r"\s+district$", "", regex=True),
            "country": country,
            "geo_precision": where.map(lambda code: GED_WHERE_PREC.get(code, ("country",))[0]),
            "lat": lat,
            "lon": lon,
            "actor": actor,
            "target": target,
            "killed_low": low,
            "killed_high": high,
            "casualties": casualties,
            "sources": GED.name + " #" + row_id,
            "notes": _text(rows, "where_description"),
            "dataset": GED.name,
            "dataset_id": row_id,
            "dataset_source": article.where(article != "", headline),
            "where": table.where,
            LINE: rows[LINE],
        }
    )
    checks.report(problems)
    return records[~checks.bad].reset_index(drop=True)


def acled_records(table: RawTable, keep: ActorFilter, problems: list[InputError]) -> pd.DataFrame:
    """The ACLED rows the filter keeps, as records; unreadable ones reported."""
    rows = table.rows
    actors = [_text(rows, column) for column in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")]
    country = keep.country_codes(_text(rows, "country"))
    wanted = keep.acled_rows(*actors) & country.notna().to_numpy()
    rows = rows[wanted].reset_index(drop=True)
    table = RawTable(table.where, table.format, rows, table.accessed, table.sha256)
    checks = _Checks(table)
    country = country[wanted].reset_index(drop=True)

    row_id = _text(rows, "event_id_cnty")
    checks.flag((row_id == "").to_numpy(), "event_id_cnty", lambda v: "the row has no event_id_cnty")
    event_type, sub_event_type = _text(rows, "event_type"), _text(rows, "sub_event_type")
    rules = [acled_type(e, s) for e, s in zip(event_type.tolist(), sub_event_type.tolist(), strict=True)]
    checks.flag(
        np.array([rule is None for rule in rules], dtype=bool),
        "event_type",
        lambda v: f"{v!r} is not an event type mapped onto ours (see datasets/rules.py)",
    )
    geo = _codes(_text(rows, "geo_precision"), ACLED_GEO_PRECISION, "geo_precision", checks)
    time = _codes(_text(rows, "time_precision"), ACLED_TIME_PRECISION, "time_precision", checks)
    start = _dates(_text(rows, "event_date"))
    checks.flag(start.isna().to_numpy(), "event_date", lambda v: f"{v!r} is not a date")
    week = time.map(lambda code: ACLED_TIME_PRECISION.get(code, ("", "", 0))[2]).astype(int)
    end = start + pd.to_timedelta(week, unit="D")
    lat, lon = _coordinates(rows, checks)
    fatalities = _numbers(rows, "fatalities", checks)

    actor1, actor2 = _text(rows, "actor1"), _text(rows, "actor2")
    inter1 = _text(rows, "inter1").map(inter_text)
    inter2 = _text(rows, "inter2").map(inter_text)
    adm1, adm2, location = _text(rows, "admin1"), _text(rows, "admin2"), _text(rows, "location")
    records = pd.DataFrame(
        {
            "event_id": ACLED.key + "-" + row_id,
            "event_type": [rule.event_type if rule else None for rule in rules],
            "sub_type": [rule.sub_type if rule else None for rule in rules],
            "summary": sub_event_type.where(sub_event_type != "", event_type),
            "date_start": start,
            "date_end": end,
            "date_precision": time.map(lambda code: ACLED_TIME_PRECISION.get(code, ("unknown",))[0]),
            "place_text": _first_given(location, adm2, adm1, _text(rows, "country")),
            "admin1_name": adm1,
            "admin2": adm2,
            "country": country,
            "geo_precision": geo.map(lambda code: ACLED_GEO_PRECISION.get(code, ("province",))[0]),
            "lat": lat,
            "lon": lon,
            "actor": _joined(actor1, inter1.where(inter1 != "", "")),
            "target": _joined(actor2, inter2),
            "killed_low": fatalities,
            "killed_high": fatalities,
            "casualties": _killed_text(fatalities, fatalities).where(
                fatalities.isna(), _killed_text(fatalities, fatalities) + " (ACLED)"
            ),
            "sources": ACLED.name + " #" + row_id,
            "notes": _text(rows, "notes"),
            "dataset": ACLED.name,
            "dataset_id": row_id,
            "dataset_source": _text(rows, "source"),
            "where": table.where,
            LINE: rows[LINE],
        }
    )
    checks.report(problems)
    return records[~checks.bad].reset_index(drop=True)


def _joined(first: pd.Series, second: pd.Series) -> pd.Series:
    """`first (second)`, or whichever is given."""
    both = (first != "") & (second != "")
    return first.where(~both, first + " (" + second + ")").where(first != "", second)


def _whole_number_text(ids: pd.Series) -> pd.Series:
    """Ids as GED writes them (`900001`), also when a spreadsheet wrote them as `900001.0`."""
    floats = ids.str.endswith(".0")
    return ids.where(~floats, ids.str.replace(r"\.0+$", "", regex=True)) if floats.any() else ids


def _first_given(*columns: pd.Series) -> pd.Series:
    """Per row, the first non-empty text of the columns."""
    out = columns[-1]
    for column in reversed(columns[:-1]):
        out = column.where(column != "", out)
    return out


def _killed_text(low: pd.Series, high: pd.Series) -> pd.Series:
    """`3 killed`, `3-5 killed`, or "" when a bound is not given."""
    texts = [
        "" if a != a or b != b else f"{a:.0f} killed" if a == b else f"{a:.0f}-{b:.0f} killed"
        for a, b in zip(low.to_numpy(dtype=float).tolist(), high.to_numpy(dtype=float).tolist(), strict=True)
    ]
    return pd.Series(texts, index=low.index, dtype=object)


READERS: dict[str, Callable[[RawTable, ActorFilter, list[InputError]], pd.DataFrame]] = {
    GED.key: ged_records,
    ACLED.key: acled_records,
}
