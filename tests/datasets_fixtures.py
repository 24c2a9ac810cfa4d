"""Small dataset files in the published column layouts (UCDP GED's 49 columns, ACLED's 31), written at test time.

Every row is invented for the tests (no real GED or ACLED row: ACLED's terms keep its data out of the repository).
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import Any

from isk_atlas.datasets.formats import ACLED_COLUMNS, GED_COLUMNS


def ged_row(**values: Any) -> dict[str, str]:
    """A GED row: an IS attack on civilians in Jalalabad (Nangarhar), with any field replaced."""
    row = {column: "" for column in GED_COLUMNS}
    row.update(
        id="900001",
        relid="AFG-2021-1-900001",
        year="2021",
        active_year="1",
        code_status="Clear",
        type_of_violence="3",
        conflict_dset_id="14402",
        conflict_new_id="14402",
        conflict_name="IS - Civilians",
        dyad_dset_id="15000",
        dyad_new_id="15000",
        dyad_name="IS - Civilians",
        side_a_dset_id="234",
        side_a_new_id="234",
        side_a="IS",
        side_b_dset_id="1",
        side_b_new_id="1",
        side_b="Civilians",
        number_of_sources="2",
        source_article='Test Wire, 2021-09-19, "Blasts in Jalalabad", 3 killed',
        source_office="Test Wire",
        source_date="2021-09-19",
        source_headline="Blasts hit Jalalabad, killing three",
        source_original="police",
        where_prec="1",
        where_coordinates="Jalalabad town",
        where_description="Jalalabad, Nangarhar",
        adm_1="Nangarhar province",
        adm_2="Jalalabad district",
        latitude="34.4342",
        longitude="70.4478",
        geom_wkt="POINT (70.4478 34.4342)",
        priogrid_gid="178341",
        country="Afghanistan",
        country_id="700",
        region="Asia",
        event_clarity="1",
        date_prec="1",
        date_start="2021-09-18 00:00:00.000",
        date_end="2021-09-18 00:00:00.000",
        deaths_a="0",
        deaths_b="3",
        deaths_civilians="3",
        deaths_unknown="0",
        best="3",
        high="5",
        low="3",
        gwnoa="",
        gwnob="",
    )
    row.update({key: str(value) for key, value in values.items()})
    return row


def acled_row(**values: Any) -> dict[str, str]:
    """An ACLED row: an ISKP suicide bombing in Kunduz, with any field replaced."""
    row = {column: "" for column in ACLED_COLUMNS}
    row.update(
        event_id_cnty="AFG90001",
        event_date="08 October 2021",
        year="2021",
        time_precision="1",
        disorder_type="Political violence",
        event_type="Explosions/Remote violence",
        sub_event_type="Suicide bomb",
        actor1="Islamic State Khorasan Province",
        assoc_actor_1="",
        inter1="2",
        actor2="Civilians (Afghanistan)",
        assoc_actor_2="Muslim Group (Afghanistan); Shia Muslim Group (Afghanistan)",
        inter2="7",
        interaction="27",
        civilian_targeting="Civilian targeting",
        iso="4",
        region="Caucasus and Central Asia",
        country="Afghanistan",
        admin1="Kunduz",
        admin2="Kunduz",
        admin3="",
        location="Kunduz",
        latitude="36.7286",
        longitude="68.8681",
        geo_precision="1",
        source="Test Wire; Test Daily",
        source_scale="National-International",
        notes="On 8 October 2021, a suicide bomber attacked a mosque in Kunduz city, killing 46 (invented note).",
        fatalities="46",
        tags="",
        timestamp="1634000000",
    )
    row.update({key: str(value) for key, value in values.items()})
    return row


def csv_text(columns: tuple[str, ...], rows: list[dict[str, str]], raw_lines: dict[int, str] | None = None) -> str:
    """The rows as CSV under the header (quoted as the datasets quote: where needed); `raw_lines` puts a literal
    line (a broken row) before the row of that index."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    text = out.getvalue()
    for i, row in enumerate(rows):
        if raw_lines and i in raw_lines:
            text += raw_lines[i] + "\n"
        line = io.StringIO()
        csv.DictWriter(line, fieldnames=list(columns), lineterminator="\n").writerow(row)
        text += line.getvalue()
    return text


def write_ged(path: Path, rows: list[dict[str, str]], raw_lines: dict[int, str] | None = None) -> Path:
    path.write_text(csv_text(GED_COLUMNS, rows, raw_lines), encoding="utf-8")
    return path


def write_ged_zip(path: Path, rows: list[dict[str, str]], member: str = "GEDEvent_v25_1.csv") -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member, csv_text(GED_COLUMNS, rows))
    return path


def write_acled(path: Path, rows: list[dict[str, str]], raw_lines: dict[int, str] | None = None) -> Path:
    path.write_text(csv_text(ACLED_COLUMNS, rows, raw_lines), encoding="utf-8")
    return path
