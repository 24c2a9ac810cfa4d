"""Dataset rows onto the event record: the declared rules, the filter, and rows that cannot be read."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from datasets_fixtures import acled_row, ged_row, write_acled, write_ged

from isk_atlas.datasets.actors import read_actor_filter
from isk_atlas.datasets.read import read_dataset_file
from isk_atlas.datasets.records import acled_records, ged_records
from isk_atlas.errors import InputError


def _ged(tmp_path: Path, rows: list[dict[str, str]], all_actors: bool = False) -> tuple[pd.DataFrame, list[InputError]]:
    problems: list[InputError] = []
    (table,) = read_dataset_file(write_ged(tmp_path / "ged.csv", rows), problems)
    return ged_records(table, read_actor_filter(all_actors=all_actors), problems), problems


def _acled(tmp_path: Path, rows: list[dict[str, str]]) -> tuple[pd.DataFrame, list[InputError]]:
    problems: list[InputError] = []
    (table,) = read_dataset_file(write_acled(tmp_path / "acled.csv", rows), problems)
    return acled_records(table, read_actor_filter(), problems), problems


def test_a_ged_row_keeps_its_id_dates_killed_range_and_source(tmp_path: Path) -> None:
    records, problems = _ged(tmp_path, [ged_row()])
    assert problems == []
    (row,) = records.to_dict("records")
    assert row["event_id"] == "ucdp-ged-900001" and row["dataset"] == "UCDP GED" and row["dataset_id"] == "900001"
    assert (row["event_type"], row["sub_type"]) == ("attack", "attack")  # one-sided violence
    assert row["date_start"] == pd.Timestamp("2021-09-18") and row["date_precision"] == "day"
    assert (row["killed_low"], row["killed_high"]) == (3, 5)
    assert row["casualties"] == "3-5 killed (best estimate 3, UCDP GED)"
    assert row["dataset_source"].startswith('Test Wire, 2021-09-19, "Blasts in Jalalabad", 3 killed')
    assert row["admin1_name"] == "Nangarhar province" and row["country"] == "AFG"
    assert (row["actor"], row["target"]) == ("IS", "Civilians")


@pytest.mark.parametrize(
    ("violence", "deaths_a", "deaths_b", "expected"),
    [
        ("1", "0", "6", ("counter_operation", "military_operation")),  # only the group's fighters died
        ("1", "2", "6", ("attack", "armed_clash")),
        ("2", "0", "4", ("attack", "armed_clash")),
        ("3", "0", "0", ("attack", "attack")),
    ],
)
def test_ged_violence_and_dyad_give_attack_operation_or_clash(
    tmp_path: Path, violence: str, deaths_a: str, deaths_b: str, expected: tuple[str, str]
) -> None:
    row = ged_row(type_of_violence=violence, deaths_a=deaths_a, deaths_b=deaths_b)
    if violence == "1":
        row.update(side_a="Government of Afghanistan", side_b="IS")
    records, _ = _ged(tmp_path, [row])
    assert tuple(records.loc[0, ["event_type", "sub_type"]]) == expected
    assert records.loc[0, "actor"] == "IS"  # the listed side, wherever it stands in the dyad


@pytest.mark.parametrize(
    ("where_prec", "precision"),
    [("1", "point"), ("2", "district"), ("3", "district"), ("4", "province"), ("5", "province"), ("6", "country")],
)
def test_ged_where_prec_gives_our_geo_precision(tmp_path: Path, where_prec: str, precision: str) -> None:
    records, _ = _ged(tmp_path, [ged_row(where_prec=where_prec)])
    assert records.loc[0, "geo_precision"] == precision


@pytest.mark.parametrize(("date_prec", "precision"), [("1", "day"), ("3", "day"), ("4", "month"), ("5", "year")])
def test_ged_date_prec_gives_our_date_precision(tmp_path: Path, date_prec: str, precision: str) -> None:
    records, _ = _ged(tmp_path, [ged_row(date_prec=date_prec, date_end="2021-09-30")])
    assert records.loc[0, "date_precision"] == precision
    assert records.loc[0, "date_end"] == pd.Timestamp("2021-09-30")


def test_ged_rows_of_other_actors_and_abroad_are_left_out_silently(tmp_path: Path) -> None:
    rows = [
        ged_row(id=1),
        ged_row(id=2, side_a="Government of Afghanistan", side_b="Taleban"),  # another dyad
        ged_row(id=3, country="Syria", latitude="35.9", longitude="38.9"),  # the group, abroad
        ged_row(id=4, country="Russia (Soviet Union)", latitude="55.8", longitude="37.4"),
    ]
    records, problems = _ged(tmp_path, rows)
    assert records["dataset_id"].tolist() == ["1"] and problems == []
    everyone, _ = _ged(tmp_path, rows, all_actors=True)
    assert everyone["dataset_id"].tolist() == ["1", "2"]  # every actor, still only the listed countries


def test_ged_rows_that_cannot_be_read_are_reported_by_line_and_field_and_skipped(tmp_path: Path) -> None:
    rows = [
        ged_row(id=1),
        ged_row(id=2, date_start="18/09/2021x"),
        ged_row(id=3, latitude="north"),
        ged_row(id=4, type_of_violence="9"),
        ged_row(id=5, best="-2"),
        ged_row(id=6, latitude="", longitude=""),  # empty coordinates are no error: drawn by its province
        ged_row(id=7, low="9", high="2"),
    ]
    records, problems = _ged(tmp_path, rows)
    assert records["dataset_id"].tolist() == ["1", "6"]
    assert [(p.line, p.field) for p in problems] == [
        (3, "date_start"),
        (4, "latitude"),
        (5, "type_of_violence"),
        (6, "best"),
        (8, "low"),
    ]
    assert all(p.path == str(tmp_path / "ged.csv") for p in problems)
    assert pd.isna(records.loc[1, "lat"])


def test_an_acled_row_maps_type_precision_fatalities_notes_and_source(tmp_path: Path) -> None:
    records, problems = _acled(tmp_path, [acled_row()])
    assert problems == []
    (row,) = records.to_dict("records")
    assert row["event_id"] == "acled-AFG90001" and row["dataset"] == "ACLED" and row["dataset_id"] == "AFG90001"
    assert (row["event_type"], row["sub_type"]) == ("attack", "suicide_bombing")
    assert row["date_start"] == pd.Timestamp("2021-10-08") and row["date_precision"] == "day"
    assert row["geo_precision"] == "point"
    assert (row["killed_low"], row["killed_high"]) == (46, 46)
    assert row["notes"].startswith("On 8 October 2021") and row["dataset_source"] == "Test Wire; Test Daily"
    assert row["actor"] == "Islamic State Khorasan Province (Rebel group)"
    assert row["target"] == "Civilians (Afghanistan) (Civilians)"


@pytest.mark.parametrize("inter", ["2", "Rebel group"])
def test_acled_inter_codes_read_as_numbers_or_text(tmp_path: Path, inter: str) -> None:
    records, _ = _acled(tmp_path, [acled_row(inter1=inter)])
    assert records.loc[0, "actor"].endswith("(Rebel group)")


@pytest.mark.parametrize(
    ("event_type", "sub_event_type", "expected"),
    [
        ("Battles", "Armed clash", ("attack", "armed_clash")),
        ("Battles", "Government regains territory", ("counter_operation", "military_operation")),
        ("Explosions/Remote violence", "Remote explosive/landmine/IED", ("attack", "bombing")),
        ("Explosions/Remote violence", "Air/drone strike", ("counter_operation", "airstrike")),
        ("Explosions/Remote violence", "Shelling/artillery/missile attack", ("attack", "attack")),
        ("Violence against civilians", "Abduction/forced disappearance", ("attack", "hostage_taking")),
        ("Strategic developments", "Arrests", ("counter_operation", "arrest")),
        ("Strategic developments", "Headquarters or base established", ("presence", "base_or_stronghold")),
    ],
)
def test_acled_event_and_sub_event_types_map_onto_ours(
    tmp_path: Path, event_type: str, sub_event_type: str, expected: tuple[str, str]
) -> None:
    records, _ = _acled(tmp_path, [acled_row(event_type=event_type, sub_event_type=sub_event_type)])
    assert tuple(records.loc[0, ["event_type", "sub_type"]]) == expected


def test_acled_precisions_week_and_associated_actors(tmp_path: Path) -> None:
    rows = [
        acled_row(event_id_cnty="A1", time_precision="2", geo_precision="3", event_date="2021-10-08"),
        acled_row(event_id_cnty="A2", time_precision="3", geo_precision="2"),
        # The group only as an associated actor of a list.
        acled_row(event_id_cnty="A3", actor1="Unidentified Armed Group (Afghanistan)", assoc_actor_1="Militia; ISKP"),
        acled_row(event_id_cnty="A4", actor1="Taliban", assoc_actor_1=""),  # not the group: left out
        acled_row(event_id_cnty="A5", country="Russia"),  # abroad: left out
    ]
    records, problems = _acled(tmp_path, rows)
    assert problems == []
    assert records["dataset_id"].tolist() == ["A1", "A2", "A3"]
    assert records.loc[0, "date_end"] == pd.Timestamp("2021-10-14")  # a week
    assert records.loc[0, "geo_precision"] == "province"
    assert records.loc[1, "date_precision"] == "month" and records.loc[1, "geo_precision"] == "district"


def test_acled_rows_that_cannot_be_read_are_reported_and_skipped(tmp_path: Path) -> None:
    rows = [
        acled_row(event_id_cnty="A1"),
        acled_row(event_id_cnty="A2", event_date="someday"),
        acled_row(event_id_cnty="A3", event_type="Protests", sub_event_type="Peaceful protest"),
        acled_row(event_id_cnty="A4", fatalities="many"),
        acled_row(event_id_cnty="A5", geo_precision="7"),
    ]
    records, problems = _acled(tmp_path, rows)
    assert records["dataset_id"].tolist() == ["A1"]
    assert [(p.line, p.field) for p in problems] == [
        (3, "event_date"),
        (4, "event_type"),
        (5, "fatalities"),
        (6, "geo_precision"),
    ]
