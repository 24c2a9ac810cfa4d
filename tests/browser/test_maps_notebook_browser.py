"""The map notebooks (02-05) in a real JupyterLab with every request outside the Jupyter server blocked: Run All
draws each map in its cell's frame (Leaflet loaded, every layer drawn, popups, time filter, labels), the page logs
no error, a saved output names no local path, and a colleague's copy draws its map again once its cells run."""

from __future__ import annotations

import collections
import json
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from isk_atlas.geo import load_admin1
from isk_atlas.maps import LAYER_NAMES
from isk_atlas.maps.notebook import NOT_DRAWN_NOTE
from isk_atlas.maps.render import BASEMAP_NAME, CHOROPLETH_NAME, NEIGHBOURS_NAME
from isk_atlas.schema import Event
from isk_atlas.selection import Selection
from isk_atlas.workbench import Workbench
from tests.conftest import ROOT
from tests.jupyterlab_fixture import JupyterLabServer, LabPage, open_notebook, run_all_cells, save_notebook

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "test-artifacts"
MAP_FRAME = "iframe[title^='isk-atlas map']"
SCREENSHOT_OF = "05_combined_and_export.ipynb"  # the README's picture of a map in JupyterLab
# Drawn: the runtime has its map, and the map has measured the frame JupyterLab laid out (until then it has no
# canvas to draw on or to point at).
DRAWN_JS = """() => {
  const maps = window.IskAtlas ? Object.values(window.IskAtlas.maps) : [];
  return maps.length > 0 && maps.every(({map}) => {
    const box = map.getContainer(), size = map.getSize();
    return size.x > 0 && size.y > 0 && size.x === box.clientWidth && size.y === box.clientHeight;
  });
}"""


@dataclass(frozen=True)
class MapNotebook:
    """A notebook that draws one map, its parameters' event types, and an event whose popup a click must open."""

    file: str
    event_types: tuple[str, ...]
    layer: str
    event_id: str
    popup_says: tuple[str, ...]


NOTEBOOKS = [
    MapNotebook(
        "02_presence.ipynb",
        ("presence",),
        LAYER_NAMES["presence"],
        "2021-03-badakhshan-jurm-foreign-fighters",
        ("Jaram", "Sources"),
    ),
    MapNotebook(
        "03_attacks.ipynb",
        ("attack",),
        LAYER_NAMES["attack"],
        "2021-10-15-kandahar-imam-bargah-mosque-bombing",
        ("Kandahar", "Sources"),
    ),
    MapNotebook(
        "04_cross_border.ipynb",
        ("cross_border_launch",),
        LAYER_NAMES["cross_border_launch"],
        "2022-04-18-hairatan-rockets-uzbekistan",
        ("Cross-border launch", "Target"),
    ),
    MapNotebook(
        "05_combined_and_export.ipynb",
        (),
        LAYER_NAMES["attack"],
        "2021-10-15-kandahar-imam-bargah-mosque-bombing",
        ("Kandahar", "Sources"),
    ),
]


@pytest.fixture(scope="module")
def lab(jupyterlab: JupyterLabServer) -> JupyterLabServer:
    """The server with the four map notebooks copied into its root (they read the project's data themselves)."""
    for notebook in NOTEBOOKS:
        shutil.copy(ROOT / "notebooks" / notebook.file, jupyterlab.root / notebook.file)
    return jupyterlab


@pytest.fixture(scope="module")
def bench(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workbench]:
    """The notebooks' workbench in this process, with a cache of its own (the per-test one comes later)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ISK_ATLAS_CACHE", str(tmp_path_factory.mktemp("bench-cache")))
        yield Workbench()


def _map_frame(opened: LabPage) -> Any:
    """The frame of the notebook's map output, scrolled to the middle of the window and drawn."""
    frames = opened.page.locator(MAP_FRAME)
    assert frames.count() == 1
    frames.evaluate("frame => frame.scrollIntoView({block: 'center'})")  # whole, so a click on it lands on it
    frame = frames.element_handle().content_frame()
    frame.wait_for_function(DRAWN_JS, timeout=15_000)
    return frame


def _click_event(opened: LabPage, frame: Any, layer: str, event_id: str) -> str:
    """Zoom the map on the event, click its mark as a user would and return the text of the popup that opens."""
    # A first click in the output makes its cell the active one, which JupyterLab may scroll to: only then is
    # where the mark sits in the window known (the legend takes the click and does nothing with it).
    frame.locator(".isk-legend").click()
    opened.page.wait_for_timeout(300)
    assert frame.evaluate("([l, e]) => IskAtlas.focus(l, e, 9)", [layer, event_id]), f"{event_id} not in {layer}"
    frame.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    where = frame.evaluate("([l, e]) => IskAtlas.locate(l, e)", [layer, event_id])
    box = opened.page.locator(MAP_FRAME).bounding_box()
    x, y = box["x"] + where["x"], box["y"] + where["y"]
    # The mouse comes to rest on the mark first, as a user's does, until the map shows it knows (a pointer), however
    # slowly a loaded machine delivers the events: Leaflet looks at one move in 32 ms, so a move it skipped is
    # followed by another, half a pixel off and back.
    for nudge in [0.0, 0.5, 0.0, -0.5] * 10:
        opened.page.mouse.move(x, y + nudge)
        opened.page.wait_for_timeout(50)
        if frame.evaluate("() => !!document.querySelector('canvas.leaflet-interactive')"):
            break
    else:
        raise AssertionError(f"the map never showed a pointer over {event_id}")
    opened.page.mouse.click(x, y + nudge)
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(state="visible", timeout=5_000)
    text: str = popup.inner_text()
    return text


def _expected_counts(events: list[Event]) -> collections.Counter[str]:
    return collections.Counter(LAYER_NAMES[e.event_type] for e in events if e.status != "rejected")


def _assert_clean(opened: LabPage) -> None:
    assert opened.cell_errors == []
    assert opened.requests_blocked == [], opened.requests_blocked
    assert opened.page_errors == []
    assert opened.console_errors == []


def _assert_the_time_filter_keeps_only_the_reports_in_range(frame: Any, events: list[Event]) -> None:
    start, end = "2021-01-01", "2022-06-30"  # some reports of each map's type, not all
    in_range = [
        e
        for e in events
        if e.date_start is not None
        and (e.date_end or e.date_start).isoformat() >= start
        and e.date_start.isoformat() <= end
    ]
    assert 0 < len(in_range) < len(events)
    frame.fill(".isk-from", start)
    frame.fill(".isk-to", end)
    frame.locator(".isk-undated input").uncheck()
    counts = frame.evaluate("() => IskAtlas.counts()")
    expected = _expected_counts(in_range)
    assert {name: n for name, n in counts.items() if name in LAYER_NAMES.values()} == {
        name: expected[name] for name in counts if name in LAYER_NAMES.values()
    }


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[n.file.split("_")[0] for n in NOTEBOOKS])
def test_run_all_draws_the_map_with_no_network_and_saves_no_local_path(
    lab_browser: Any, lab: JupyterLabServer, bench: Workbench, notebook: MapNotebook
) -> None:
    events = bench.events(Selection.from_parameters(event_types=list(notebook.event_types)))
    with open_notebook(lab_browser, lab, notebook.file) as opened:
        frame = _map_frame(opened)
        if notebook.file == SCREENSHOT_OF:  # as drawn, before the test clicks and filters (`make lab-screenshot`)
            ARTIFACTS.mkdir(exist_ok=True)
            opened.page.screenshot(path=str(ARTIFACTS / "jupyterlab-05.png"))
        assert frame.evaluate("() => typeof L === 'object' && L.version") == "1.9.3"
        counts = frame.evaluate("() => IskAtlas.counts()")
        expected = _expected_counts(events)
        drawn_event_layers = {name: n for name, n in counts.items() if name in LAYER_NAMES.values()}
        assert drawn_event_layers == {name: expected[name] for name in drawn_event_layers}
        assert notebook.layer in drawn_event_layers and drawn_event_layers[notebook.layer] > 0
        admin1 = load_admin1()
        assert counts[BASEMAP_NAME] == len(admin1)
        if NEIGHBOURS_NAME in counts:
            assert counts[NEIGHBOURS_NAME] == int((admin1["country"] != "AFG").sum())
        if CHOROPLETH_NAME in counts:
            assert counts[CHOROPLETH_NAME] == int((admin1["kind"] == "province").sum())
        assert frame.evaluate("() => IskAtlas.labels()")["areas"]  # the area names are placed
        text = _click_event(opened, frame, notebook.layer, notebook.event_id)
        assert all(part in text for part in notebook.popup_says), text
        event = next(e for e in events if e.event_id == notebook.event_id)
        title = bench.corpus.metadata[event.source_ids[0]].title
        assert title and title in text
        _assert_the_time_filter_keeps_only_the_reports_in_range(frame, events)
        opened.page.wait_for_timeout(300)  # late requests (fonts, tiles) would show up here
        _assert_clean(opened)
        save_notebook(opened)
        _assert_saved_outputs_name_no_local_path(json.loads((lab.root / notebook.file).read_text()), lab)
        assert opened.requests_made  # the page did talk to the server: the blocking counted the right side
        print(
            f"{notebook.file}: ran and drew in {opened.run_seconds:.1f} s, {len(opened.requests_made)} requests to"
            f" the Jupyter server, {len(opened.requests_blocked)} blocked; Chromium's own: {opened.chromium_calls}"
        )


def _assert_saved_outputs_name_no_local_path(saved: dict[str, Any], server: JupyterLabServer) -> None:
    outputs = [json.dumps(cell["outputs"]) for cell in saved["cells"] if cell["cell_type"] == "code"]
    maps = [text for text in outputs if "isk-atlas map" in text]
    assert len(maps) == 1 and len(maps[0]) > 100_000  # the map is in the saved file, Leaflet and all
    for local in {str(ROOT), str(server.root), sys.prefix, str(Path.home()) + "/", str(Path.cwd())}:
        assert local not in maps[0], local


def _saved_by_a_colleague(notebook: Path, bench: Workbench) -> dict[str, Any]:
    """The notebook as a colleague would send it, run elsewhere: its map cell holds the output the kernel sends
    (the map's HTML and its text repr), which this JupyterLab has no reason to trust."""
    copy: dict[str, Any] = json.loads(notebook.read_text(encoding="utf-8"))
    shown = bench.map("presence", Selection.from_parameters(event_types=["presence"]))
    for count, cell in enumerate(c for c in copy["cells"] if c["cell_type"] == "code"):
        cell["execution_count"] = count + 1
        if "bench.map(" in "".join(cell["source"]):
            data = {"text/html": shown._repr_html_(), "text/plain": repr(shown)}
            cell["outputs"] = [
                {"output_type": "execute_result", "execution_count": count + 1, "data": data, "metadata": {}}
            ]
    return copy


def test_a_colleagues_copy_draws_its_map_again_after_a_rerun(
    lab_browser: Any, lab: JupyterLabServer, bench: Workbench
) -> None:
    copy = _saved_by_a_colleague(ROOT / "notebooks" / "02_presence.ipynb", bench)
    (lab.root / "colleague.ipynb").write_text(json.dumps(copy), encoding="utf-8")
    with open_notebook(lab_browser, lab, "colleague.ipynb", run_all=False) as opened:
        # Untrusted, the saved output loses its frame (JupyterLab drops it) and shows how to draw the map.
        opened.page.get_by_text(NOT_DRAWN_NOTE).wait_for(timeout=15_000)
        assert opened.page.locator(MAP_FRAME).count() == 0
        run_all_cells(opened)
        frame = _map_frame(opened)
        assert frame.evaluate("() => IskAtlas.counts()")[LAYER_NAMES["presence"]] > 0
        _assert_clean(opened)


def test_an_online_map_asks_the_web_and_the_test_sees_it_from_inside_the_frame(
    lab_browser: Any, lab: JupyterLabServer
) -> None:
    # offline=False stays available (CDN links and web tiles); with the network cut it cannot draw, and the
    # blocking and error collection above see that from inside the sandboxed frame: they would catch a regression.
    notebook = {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": None,
                "id": "online-map",
                "metadata": {},
                "outputs": [],
                "source": 'from isk_atlas.workbench import Workbench\nWorkbench().map("cross_border", offline=False)',
            }
        ],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    (lab.root / "online.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    with open_notebook(lab_browser, lab, "online.ipynb") as opened:
        frame = opened.page.locator(MAP_FRAME).element_handle().content_frame()
        frame.wait_for_load_state("load")
        assert opened.cell_errors == []
        opened.page.wait_for_timeout(300)  # the proxy's threads record what the frame asked for
        assert any("cdn.jsdelivr.net" in url for url in opened.requests_blocked), opened.requests_blocked
        assert any("L is not defined" in error for error in opened.page_errors)
        assert frame.evaluate("() => typeof L") == "undefined"
