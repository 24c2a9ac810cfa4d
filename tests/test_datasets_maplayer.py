"""A dataset's map layer: its page columns, legend, credit and the outlines it needs."""

from __future__ import annotations

import json
from pathlib import Path

from datasets_fixtures import ged_row, write_ged

from isk_atlas.datasets.compare import province_names
from isk_atlas.datasets.load import UCDP_CITATION, load_datasets
from isk_atlas.datasets.maplayer import SOURCE_CHARS, dataset_layers


def test_the_layer_carries_row_ids_sources_and_types_and_makes_ids_from_them(tmp_path: Path) -> None:
    long_source = "Test Wire, " + "x" * 400
    write_ged(
        tmp_path / "ged.csv",
        [
            ged_row(id=1, source_article=long_source),
            ged_row(id=2, where_prec=6, latitude="", longitude="", adm_1="", side_b="<b>Civilians</b>"),
        ],
    )
    (layer,) = dataset_layers(load_datasets(tmp_path), province_names())
    payload = json.loads(layer.payload)
    assert payload["n"] == 2 and "id" not in payload["cols"]
    assert layer.config["idPrefix"] == "ucdp-ged-" and payload["cols"]["rid"] == ["1", "2"]
    sources = payload["cols"]["dsrc"]
    assert len(sources[0]) == SOURCE_CHARS and sources[0].endswith("\u2026")
    assert "AFG" in layer.areas  # the country outline a country-level row is drawn as
    assert "<b>" not in layer.payload  # escaped for a <script>
    assert layer.name == "UCDP GED" and "UCDP GED (2)" in layer.legend_html
    assert layer.attribution == UCDP_CITATION
    assert layer.dates.tolist() == ["2021-09-18", "2021-09-18"]


def test_no_dataset_events_no_layers(tmp_path: Path) -> None:
    write_ged(tmp_path / "ged.csv", [ged_row(side_a="Taleban", side_b="Civilians")])
    assert dataset_layers(load_datasets(tmp_path), province_names()) == []
