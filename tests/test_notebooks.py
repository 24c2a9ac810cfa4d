"""The notebooks: stored without outputs, free of logic of their own, and runnable headless (papermill)."""

from __future__ import annotations

import ast
import json
import shutil
from pathlib import Path
from typing import Any

import nbformat
import pytest

from tests.conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
NAMES = [p.stem for p in NOTEBOOKS]
# What a notebook cell may do: assign, call, import from isk_atlas, show a value. Anything else is logic that
# belongs in src/.
ALLOWED_STATEMENTS = (ast.Assign, ast.Expr, ast.ImportFrom)

# An article the project has never seen, written for this test (a fictitious report).
NEW_ARTICLE = """---
title: Test wire report on Kunar
publisher: Test Wire
published: 2024-05-20
---
Test Wire, May 20, 2024.

On Sunday, May 19, a suicide bomber attacked a checkpoint in Asadabad, the capital of Kunar province, killing
seven people and wounding twelve. The Islamic State Khorasan Province claimed responsibility for the attack.
"""


def _code_cells(path: Path) -> list[Any]:
    notebook = nbformat.read(path, as_version=4)
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def test_there_are_seven_notebooks() -> None:
    assert NAMES == [
        "01_sources_and_places",
        "02_presence",
        "03_attacks",
        "04_cross_border",
        "05_combined_and_export",
        "06_review_new_sources",
        "07_compare_datasets",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_notebook_is_valid_and_stored_without_outputs(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name}: a cell has outputs"
            assert cell.execution_count is None, f"{path.name}: a cell has an execution count"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_notebook_starts_with_a_parameters_cell(path: Path) -> None:
    first = _code_cells(path)[0]
    assert "parameters" in first.metadata.get("tags", [])
    assigned = {t.id for node in ast.parse(first.source).body for t in node.targets if isinstance(node, ast.Assign)}  # type: ignore[attr-defined]
    assert {"sources_dir", "register_path", "out_dir", "date_from", "date_to", "provinces"} <= assigned


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_notebook_cells_only_call_into_the_package(path: Path) -> None:
    for cell in _code_cells(path):
        for node in ast.parse(cell.source).body:
            assert isinstance(node, ALLOWED_STATEMENTS), f"{path.name}: logic in a cell: {ast.unparse(node)[:80]}"
            if isinstance(node, ast.ImportFrom):
                assert (node.module or "").startswith("isk_atlas"), f"{path.name}: imports {node.module}"


def _run(name: str, tmp_path: Path, **parameters: Any) -> Any:
    papermill = pytest.importorskip("papermill")
    output = tmp_path / f"{name}.out.ipynb"
    papermill.execute_notebook(
        str(ROOT / "notebooks" / f"{name}.ipynb"),
        str(output),
        parameters=parameters,
        kernel_name="python3",
        cwd=str(tmp_path),
        progress_bar=False,
        log_output=False,
    )
    return nbformat.read(output, as_version=4)


def _outputs_text(notebook: Any, call: str = "") -> str:
    """The text of every output, or only of the cells whose source contains `call`."""
    chunks = []
    for cell in notebook.cells:
        if call and call not in cell.source:
            continue
        for output in cell.get("outputs", []):
            chunks.append(json.dumps(output.get("data", {})) + output.get("text", ""))
    return "\n".join(chunks)


@pytest.fixture
def workspace(tmp_path: Path, shared_sources: Path) -> dict[str, str]:
    """A copy of the register and of the five articles, so runs never touch the repository's data."""
    sources = tmp_path / "sources"
    shutil.copytree(shared_sources, sources, ignore=shutil.ignore_patterns("README*"))
    register = tmp_path / "register.yaml"
    shutil.copy(ROOT / "data" / "register.yaml", register)
    return {"sources_dir": str(sources), "register_path": str(register), "out_dir": str(tmp_path / "out")}


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_headless_on_the_embedded_data(name: str, tmp_path: Path) -> None:
    register = tmp_path / "register.yaml"
    shutil.copy(ROOT / "data" / "register.yaml", register)
    notebook = _run(name, tmp_path, register_path=str(register), out_dir=str(tmp_path / "out"))
    assert not any(o.get("output_type") == "error" for c in notebook.cells for o in c.get("outputs", []))


@pytest.mark.slow
def test_rerun_after_a_new_article_shows_its_events_as_new(workspace: dict[str, str], tmp_path: Path) -> None:
    first = _run("01_sources_and_places", tmp_path, **workspace)
    assert "002_02b0efcd8147c7fa" in _outputs_text(first, "new_sources"), "a first run sees every article as new"

    (Path(workspace["sources_dir"]) / "900_test_wire_kunar.md").write_text(NEW_ARTICLE, encoding="utf-8")
    rerun = _run("01_sources_and_places", tmp_path, **workspace)
    new_sources = _outputs_text(rerun, "new_sources")
    assert "900_test_wire_kunar" in new_sources, "the new article is listed as new"
    assert "002_02b0efcd8147c7fa" not in new_sources, "the articles of the last run are not"
    assert "Asadabad" in _outputs_text(rerun, "places_table"), "its places are found"

    combined = _run("05_combined_and_export", tmp_path, **workspace)
    assert not any(o.get("output_type") == "error" for c in combined.cells for o in c.get("outputs", []))
    events = json.loads((Path(workspace["out_dir"]) / "events.geojson").read_text())
    new = [f["properties"] for f in events["features"] if "900_test_wire_kunar" in str(f["properties"]["sources"])]
    assert new, "the new article's event is exported"
    assert all(p["status"] == "extracted" for p in new), "and marked new (extracted, unreviewed)"
    assert any(p["event_type"] == "attack" and p["admin1"] == "AF-KNR" for p in new)
    html = (Path(workspace["out_dir"]) / "maps" / "combined.html").read_text()
    assert new[0]["event_id"] in html

    review = _run("06_review_new_sources", tmp_path, **workspace, decisions={new[0]["event_id"]: "accept"})
    assert new[0]["event_id"] in _outputs_text(review)
    assert "application/vnd.jupyter.widget-view+json" in _outputs_text(review, "bench.review("), "the review widget"
    register_text = Path(workspace["register_path"]).read_text()
    assert new[0]["event_id"] in register_text, "accepting writes the register"


@pytest.mark.slow
def test_the_comparison_notebook_lists_what_each_side_lacks(tmp_path: Path) -> None:
    from datasets_fixtures import ged_row, write_ged

    folder = tmp_path / "datasets"
    folder.mkdir()
    # One dataset event the register has (the Kabul airport bombing of 26 August 2021), one it has not, one bad row.
    write_ged(
        folder / "ged.csv",
        [
            ged_row(id=301, adm_1="Kabul province", latitude="34.56", longitude="69.21", date_start="2021-08-26",
                    date_end="2021-08-26"),
            ged_row(id=302, adm_1="Kunar province", latitude="34.87", longitude="71.15", date_start="2021-08-20",
                    date_end="2021-08-20"),
            ged_row(id=303, date_start="soon"),
        ],
    )  # fmt: skip
    register = tmp_path / "register.yaml"
    shutil.copy(ROOT / "data" / "register.yaml", register)
    notebook = _run(
        "07_compare_datasets",
        tmp_path,
        register_path=str(register),
        out_dir=str(tmp_path / "out"),
        datasets_dir=str(folder),
        date_from="2021-08-01",
        date_to="2021-08-31",
    )
    assert not any(o.get("output_type") == "error" for c in notebook.cells for o in c.get("outputs", []))
    (listing,) = [cell for cell in notebook.cells if cell.source == "datasets_missing"]
    unmentioned = json.dumps([output.get("data", {}) for output in listing.outputs])
    assert "302" in unmentioned and "301" not in unmentioned
    assert "Kunar" in _outputs_text(notebook, "datasets_missing_by_month")
    assert "ged.csv:4" in _outputs_text(notebook, "datasets.problems")
    assert "image/png" in _outputs_text(notebook, "monthly_chart")
