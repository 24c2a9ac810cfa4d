"""Reading dataset files: CSV and zip, broken rows reported with file and line, the other rows kept."""

from __future__ import annotations

from pathlib import Path

from datasets_fixtures import acled_row, csv_text, ged_row, write_acled, write_ged, write_ged_zip

from isk_atlas.datasets.formats import ACLED, GED, GED_COLUMNS
from isk_atlas.datasets.read import LINE, dataset_files, read_dataset_file
from isk_atlas.errors import InputError


def test_a_ged_csv_is_read_with_quoted_commas_and_line_numbers(tmp_path: Path) -> None:
    path = write_ged(tmp_path / "ged.csv", [ged_row(), ged_row(id=2)])
    problems: list[InputError] = []
    (table,) = read_dataset_file(path, problems)
    assert problems == []
    assert table.format is GED
    assert table.rows["id"].tolist() == ["900001", "2"]
    assert table.rows["source_article"].iat[0] == 'Test Wire, 2021-09-19, "Blasts in Jalalabad", 3 killed'
    assert table.rows[LINE].tolist() == [2, 3]


def test_a_broken_row_is_reported_with_file_and_line_and_the_others_are_read(tmp_path: Path) -> None:
    path = write_ged(tmp_path / "ged.csv", [ged_row(id=1), ged_row(id=2), ged_row(id=3)], {1: "4,too,few"})
    problems: list[InputError] = []
    (table,) = read_dataset_file(path, problems)
    assert table.rows["id"].tolist() == ["1", "2", "3"]
    assert table.rows[LINE].tolist() == [2, 4, 5]
    assert len(problems) == 1
    assert problems[0].path == str(path) and problems[0].line == 3
    assert "expected 49 fields" in str(problems[0])


def test_a_field_with_a_line_break_keeps_later_line_numbers_right(tmp_path: Path) -> None:
    path = write_acled(tmp_path / "a.csv", [acled_row(notes="first line\nsecond line"), acled_row(event_id_cnty="X2")])
    (table,) = read_dataset_file(path, [])
    assert table.format is ACLED
    assert table.rows["notes"].iat[0] == "first line\nsecond line"
    assert table.rows[LINE].tolist() == [2, 4]


def test_the_zip_ucdp_ships_is_read_and_problems_name_the_member(tmp_path: Path) -> None:
    path = write_ged_zip(tmp_path / "ged251-csv.zip", [ged_row(), ged_row(id=2, type_of_violence="")])
    problems: list[InputError] = []
    (table,) = read_dataset_file(path, problems)
    assert table.where == f"{path}:GEDEvent_v25_1.csv"
    assert len(table.rows) == 2


def test_unreadable_files_are_problems_not_crashes(tmp_path: Path) -> None:
    (tmp_path / "empty.csv").write_text("", encoding="utf-8")
    (tmp_path / "other.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (tmp_path / "bad.zip").write_bytes(b"not a zip")
    problems: list[InputError] = []
    for path in dataset_files(tmp_path):
        assert read_dataset_file(path, problems) == []
    messages = sorted(str(problem) for problem in problems)
    assert any("bad.zip" in m and "zip" in m for m in messages)
    assert any("empty.csv" in m and "no header" in m for m in messages)
    assert any("other.csv:1" in m and "not a UCDP GED or ACLED export" in m for m in messages)


def test_only_csv_and_zip_files_are_dataset_files(tmp_path: Path) -> None:
    for name in ("b.csv", "a.ZIP", "actors.yaml", "notes.md", "a.csv.meta.yaml"):
        (tmp_path / name).write_text("", encoding="utf-8")
    assert [p.name for p in dataset_files(tmp_path)] == ["a.ZIP", "b.csv"]
    assert dataset_files(tmp_path / "missing") == []


def test_a_stray_byte_costs_one_character(tmp_path: Path) -> None:
    text = csv_text(GED_COLUMNS, [ged_row(where_description="Kunar")]).encode().replace(b"Kunar", b"Kun\xffar")
    (tmp_path / "g.csv").write_bytes(text)
    (table,) = read_dataset_file(tmp_path / "g.csv", [])
    assert table.rows["where_description"].iat[0] == "Kun\ufffdar"
