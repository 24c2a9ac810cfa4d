"""The published column layouts of UCDP GED and ACLED exports, and which one a file's header is."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# UCDP GED (global versions 20.1 onwards, and the candidate events), in the order UCDP publishes them.
GED_COLUMNS: tuple[str, ...] = (
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id", "conflict_new_id",
    "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id", "side_a_new_id", "side_a",
    "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources", "source_article", "source_office",
    "source_date", "source_headline", "source_original", "where_prec", "where_coordinates", "where_description",
    "adm_1", "adm_2", "latitude", "longitude", "geom_wkt", "priogrid_gid", "country", "country_id", "region",
    "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians",
    "deaths_unknown", "best", "high", "low", "gwnoa", "gwnob",
)  # fmt: skip

# ACLED's export (the data export tool and the API's CSV), in the order ACLED publishes them.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip


@dataclass(frozen=True)
class Format:
    """One dataset's layout: its key (a prefix of event ids), the name shown on maps, the columns the reader
    needs (a header may hold more, in any order), the columns that tell it apart, and its row id column."""

    key: str
    name: str
    required: tuple[str, ...]
    signature: tuple[str, ...]
    id_column: str


GED = Format(
    key="ucdp-ged",
    name="UCDP GED",
    required=(
        "id",
        "type_of_violence",
        "dyad_name",
        "side_a",
        "side_b",
        "source_article",
        "source_headline",
        "where_prec",
        "where_coordinates",
        "where_description",
        "adm_1",
        "adm_2",
        "latitude",
        "longitude",
        "country",
        "date_prec",
        "date_start",
        "date_end",
        "deaths_a",
        "deaths_b",
        "best",
        "high",
        "low",
    ),
    signature=("type_of_violence", "where_prec", "side_a", "best"),
    id_column="id",
)
ACLED = Format(
    key="acled",
    name="ACLED",
    required=(
        "event_id_cnty",
        "event_date",
        "time_precision",
        "event_type",
        "sub_event_type",
        "actor1",
        "assoc_actor_1",
        "inter1",
        "actor2",
        "assoc_actor_2",
        "inter2",
        "country",
        "admin1",
        "admin2",
        "location",
        "latitude",
        "longitude",
        "geo_precision",
        "source",
        "notes",
        "fatalities",
    ),
    signature=("event_id_cnty", "sub_event_type", "geo_precision"),
    id_column="event_id_cnty",
)
FORMATS: tuple[Format, ...] = (GED, ACLED)


def detect_format(header: Sequence[str]) -> Format:
    """The format whose signature columns the header has; ValueError naming what is missing otherwise (a header
    with the signature but not every needed column is named as that format's, with the columns it lacks)."""
    names = {name.strip().lower() for name in header}
    for candidate in FORMATS:
        if set(candidate.signature) <= names:
            missing = [column for column in candidate.required if column not in names]
            if missing:
                raise ValueError(f"a {candidate.name} header without the columns {', '.join(missing)}")
            return candidate
    raise ValueError(
        "not a UCDP GED or ACLED export: the header has neither "
        + " nor ".join("/".join(candidate.signature) for candidate in FORMATS)
    )
