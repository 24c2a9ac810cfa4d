"""A map's notebook output: the offline page in a sandboxed iframe, escaped so hostile text stays inside it, online
on request, and never naming a local path."""

from __future__ import annotations

import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from isk_atlas.maps import OfflineError, build_maps, external_references, render_html
from isk_atlas.maps.notebook import NOT_DRAWN_NOTE, NotebookMap
from isk_atlas.selection import Selection
from isk_atlas.workbench import Workbench
from tests.conftest import ROOT
from tests.hostile_fixtures import SCRIPT, TEXT, hostile_events, hostile_metadata


class _Tags(HTMLParser):
    """Every tag of an output with its attributes, and its text outside tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parsed(output: str) -> _Tags:
    parser = _Tags()
    parser.feed(output)
    parser.close()
    return parser


def _hostile_map(offline: bool = True) -> NotebookMap:
    fmap = build_maps(hostile_events(), hostile_metadata(), texts={"evil": TEXT})["attacks"]
    return NotebookMap(fmap, name="attacks", offline=offline)


def test_the_output_is_the_offline_page_in_a_sandboxed_frame() -> None:
    shown = _hostile_map()
    parsed = _parsed(shown._repr_html_())
    assert [tag for tag, _ in parsed.tags] == ["div", "p", "iframe"]  # hostile text never reaches the outer page
    frame = parsed.tags[2][1]
    assert frame["srcdoc"] == render_html(shown.folium_map, offline=True)
    assert external_references(frame["srcdoc"] or "") == []
    assert SCRIPT not in "".join(parsed.text)
    sandbox = set((frame["sandbox"] or "").split())
    assert "allow-scripts" in sandbox and "allow-same-origin" not in sandbox  # no reach into JupyterLab's page
    assert frame["title"] == "isk-atlas map: attacks"
    assert "".join(parsed.text) == NOT_DRAWN_NOTE  # what a front end that drops the frame shows


def test_offline_false_keeps_the_cdn_links_and_adds_web_tiles() -> None:
    shown = _hostile_map(offline=False)
    page = _parsed(shown._repr_html_()).tags[2][1]["srcdoc"] or ""
    found = external_references(page)
    assert any("leaflet" in ref and "https://" in ref for ref in found)
    assert "tile.openstreetmap.org" in page
    assert repr(shown) == "<isk-atlas map 'attacks', online>"


def test_save_writes_the_page_the_notebook_shows(tmp_path: Path) -> None:
    shown = _hostile_map()
    written = shown.save(tmp_path / "attacks.html")
    assert written.read_text(encoding="utf-8") == shown.page_html()


def test_a_map_naming_a_local_path_refuses_to_show_rather_than_leak_it() -> None:
    metadata = hostile_metadata()
    metadata["evil"] = metadata["evil"].model_copy(update={"title": f"notes in {Path.cwd() / 'x.txt'}"})
    shown = NotebookMap(build_maps(hostile_events(), metadata, texts={"evil": TEXT})["attacks"], name="attacks")
    with pytest.raises(OfflineError, match="local path"):
        shown._repr_html_()


def test_the_workbench_map_output_names_no_local_path() -> None:
    bench = Workbench()
    shown = bench.map("combined", Selection())
    assert isinstance(shown, NotebookMap) and shown.offline and shown.name == "combined"
    output = shown._repr_html_()
    for local in {str(ROOT), sys.prefix, str(Path.home()) + "/", str(Path.cwd()), str(bench.sources_dir)}:
        assert local not in output, local


def test_the_workbench_refuses_an_unknown_map() -> None:
    with pytest.raises(ValueError, match="unknown map 'nowhere'"):
        Workbench().map("nowhere")
