"""Datasets through the whole build: exports, maps, legend, attribution, cross-check and problems."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from datasets_fixtures import acled_row, ged_row, write_acled, write_ged, write_ged_zip
from typer.testing import CliRunner

from isk_atlas.cli import app
from isk_atlas.datasets.load import UCDP_CITATION, load_datasets
from isk_atlas.pipeline import BuildOptions, run_build

IS_ROWS = [
    ged_row(id=101),  # Jalalabad, an exact point
    ged_row(id=102, where_prec=4, adm_1="Kunar province", adm_2="", latitude="", longitude="", date_start="2022-03-04",
            date_end="2022-03-04"),  # only the province, no coordinates
    ged_row(id=103, side_a="Government of Afghanistan", side_b="IS", type_of_violence=1, deaths_a=0, deaths_b=4,
            adm_1="Kabul province", latitude="34.52", longitude="69.18", date_start="2021-08-26",
            date_end="2021-08-26"),
]  # fmt: skip
OTHER_ROWS = [
    ged_row(id=201, side_a="Government of Afghanistan", side_b="Taleban", type_of_violence=1),
    ged_row(id=202, country="Iraq", latitude="36.3", longitude="43.1", adm_1="Ninewa province"),
]


@pytest.fixture
def datasets_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "datasets"
    folder.mkdir()
    write_ged(folder / "GEDEvent_v25_1.csv", [*IS_ROWS, *OTHER_ROWS])
    return folder


def _build(tmp_path: Path, datasets_dir: Path) -> tuple[Path, list[str]]:
    sources = tmp_path / "no_articles"
    sources.mkdir(exist_ok=True)
    out = tmp_path / "out"
    report = run_build(BuildOptions(sources_dir=sources, out_dir=out, datasets_dir=datasets_dir, quiet=True))
    return out, [str(problem) for problem in report.problems]


def test_one_event_per_islamic_state_row_in_the_province_of_its_adm_1_and_none_of_the_others(
    tmp_path: Path, datasets_dir: Path
) -> None:
    out, problems = _build(tmp_path, datasets_dir)
    assert problems == []
    features = json.loads((out / "events.geojson").read_text(encoding="utf-8"))["features"]
    rows = {f["properties"]["dataset_id"]: f for f in features if f["properties"]["dataset"] == "UCDP GED"}
    assert sorted(rows) == ["101", "102", "103"]
    assert {k: rows[k]["properties"]["admin1"] for k in rows} == {"101": "AF-NAN", "102": "AF-KNR", "103": "AF-KAB"}
    assert rows["102"]["properties"]["date_start"] == "2022-03-04"
    assert rows["102"]["geometry"]["type"] in ("Polygon", "MultiPolygon")  # a province report is the province
    assert rows["103"]["properties"]["event_type"] == "counter_operation"
    news = [f["properties"] for f in features if not f["properties"]["dataset"]]
    assert news and all(p["dataset_id"] is None for p in news)
    csv_header = (out / "events.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert {"dataset", "dataset_id", "dataset_source", "also_in"} <= set(csv_header)


def test_the_maps_draw_the_dataset_as_its_own_layer_with_its_count_and_credit(
    tmp_path: Path, datasets_dir: Path
) -> None:
    out, _ = _build(tmp_path, datasets_dir)
    combined = (out / "maps" / "combined.html").read_text(encoding="utf-8")
    assert '"name":"UCDP GED"' in combined
    assert "UCDP GED (3)" in combined  # the legend's count
    assert '"rid":["101","102","103"]' in combined and '"idPrefix":"ucdp-ged-"' in combined  # not 201, 202
    assert "Sundberg, Ralph and Erik Melander (2013)" in combined
    assert "IskAtlasTimeline.attach" in combined
    assert '"name":"UCDP GED"' in (out / "maps" / "attacks.html").read_text(encoding="utf-8")
    assert '"name":"UCDP GED"' not in (out / "maps" / "presence.html").read_text(encoding="utf-8")


def test_a_news_event_the_dataset_has_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "datasets"
    folder.mkdir()
    # The register's Kabul airport (Abbey Gate) bombing of 26 August 2021, as a dataset row of its own.
    write_acled(folder / "acled.csv", [acled_row(event_id_cnty="AFG77", event_date="26 August 2021", admin1="Kabul",
                                                 location="Kabul", latitude="34.56", longitude="69.21")])  # fmt: skip
    out, problems = _build(tmp_path, folder)
    assert problems == []
    features = json.loads((out / "events.geojson").read_text(encoding="utf-8"))["features"]
    pointing = [f["properties"] for f in features if f["properties"]["also_in"]]
    assert pointing and all(p["also_in"] == "ACLED #AFG77" and p["admin1"] == "AF-KAB" for p in pointing)
    combined = (out / "maps" / "combined.html").read_text(encoding="utf-8")
    assert "ACLED #AFG77" in combined
    # ACLED's terms: its name, the access date and the filters applied.
    assert re.search(
        r"Event Data \(ACLED\), acleddata\.com, accessed \d{4}-\d\d-\d\d; filters: actors [^\"]*ISKP", combined
    )


def test_bad_rows_are_reported_with_file_and_line_and_the_rest_is_built(tmp_path: Path) -> None:
    folder = tmp_path / "datasets"
    folder.mkdir()
    write_ged(folder / "ged.csv", [ged_row(id=1), ged_row(id=2, date_start="not a date")], {1: "broken,row"})
    out, problems = _build(tmp_path, folder)
    assert problems == [
        f"{folder / 'ged.csv'}:3: expected 49 fields as in the header, found 2",
        f"{folder / 'ged.csv'}:4: date_start: 'not a date' is not a date (YYYY-MM-DD)",
    ]
    assert '"ucdp-ged-1"' in (out / "events.geojson").read_text(encoding="utf-8")


def test_the_same_row_in_two_files_is_one_event_and_the_zip_is_read(tmp_path: Path) -> None:
    folder = tmp_path / "datasets"
    folder.mkdir()
    write_ged_zip(folder / "ged251-csv.zip", [ged_row(id=5), ged_row(id=6)])
    write_ged(folder / "GEDEvent_v25_0_1.csv", [ged_row(id=5)])
    loaded = load_datasets(folder)
    assert sorted(loaded.frame["dataset_id"]) == ["5", "6"]
    assert loaded.attribution() == UCDP_CITATION


def test_the_command_line_takes_datasets_and_all_actors(tmp_path: Path, datasets_dir: Path) -> None:
    sources = tmp_path / "no_articles"
    sources.mkdir()
    out = tmp_path / "out"
    args = ["build", "--sources", str(sources), "--out", str(out), "--datasets", str(datasets_dir), "--quiet"]
    result = CliRunner().invoke(app, [*args, "--all-actors"])
    assert result.exit_code == 0, result.output
    features = json.loads((out / "events.geojson").read_text(encoding="utf-8"))["features"]
    ids = sorted(f["properties"]["dataset_id"] for f in features if f["properties"]["dataset"])
    assert ids == ["101", "102", "103", "201"]  # every actor, still not abroad


def test_a_dataset_file_dropped_in_later_is_built_and_watched(tmp_path: Path) -> None:
    from isk_atlas.pipeline import input_state

    folder = tmp_path / "datasets"
    folder.mkdir()
    out, _ = _build(tmp_path, folder)
    assert '"UCDP GED"' not in (out / "events.geojson").read_text(encoding="utf-8")
    options = BuildOptions(sources_dir=tmp_path / "no_articles", out_dir=out, datasets_dir=folder, quiet=True)
    before = input_state(options)
    write_ged(folder / "ged.csv", [ged_row(id=9)])
    assert input_state(options) != before  # `build --watch` builds again
    out, _ = _build(tmp_path, folder)  # the outputs' record no longer matches: drawn and written again
    assert '"ucdp-ged-9"' in (out / "events.geojson").read_text(encoding="utf-8")


def test_a_live_state_reads_the_datasets_once_while_their_files_are_unchanged(
    tmp_path: Path, datasets_dir: Path
) -> None:
    from isk_atlas.state import BuildState

    sources = tmp_path / "no_articles"
    sources.mkdir()
    state = BuildState()
    options = BuildOptions(sources_dir=sources, out_dir=tmp_path / "live", datasets_dir=datasets_dir, quiet=True)
    run_build(options, state)
    first, layers = state.datasets.datasets, state.datasets.layers
    (sources / "new.md").write_text("---\ntitle: T\npublished: 2024-05-20\n---\nNothing happened.\n", encoding="utf-8")
    run_build(options, state)
    assert state.datasets.datasets is first and state.datasets.layers is layers  # neither read nor drawn again
    fresh = run_build(
        BuildOptions(sources_dir=sources, out_dir=tmp_path / "fresh", datasets_dir=datasets_dir, quiet=True)
    )
    for name in ("events.geojson", "events.csv", "maps/combined.html"):
        live, again = ((tmp_path / where / name).read_bytes() for where in ("live", "fresh"))
        assert _named_in_order(live) == _named_in_order(again), name
    assert fresh.problems == []
    write_ged(datasets_dir / "GEDEvent_v25_1.csv", [ged_row(id=101)])
    run_build(options, state)
    assert state.datasets.datasets is not first and list(state.datasets.datasets.frame["dataset_id"]) == ["101"]


def _named_in_order(page: bytes) -> bytes:
    """A page with its elements' random names numbered in order of appearance (as tests/test_state.py does)."""
    seen: dict[bytes, int] = {}
    return re.sub(rb"_[0-9a-f]{32}(?![0-9a-f])", lambda m: b"_%d" % seen.setdefault(m.group(0), len(seen)), page)
