"""BuildState: a rebuild through a live state writes what a fresh build writes, after every kind of change."""

from __future__ import annotations

import re
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from isk_atlas.pipeline import BuildOptions, run_build
from isk_atlas.register import load_register, save_register
from isk_atlas.state import BuildState
from tests.conftest import ROOT


def _gpkg_tables(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows (a GeoPackage records when it was written: `last_change` is left out) and the schema."""
    connection = sqlite3.connect(path)
    try:
        tables: dict[str, list[tuple[object, ...]]] = {}
        for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
            columns = [row[1] for row in connection.execute(f'PRAGMA table_info("{name}")') if row[1] != "last_change"]
            query = f'SELECT {", ".join(f"[{column}]" for column in columns)} FROM "{name}"'
            tables[name] = sorted(connection.execute(query).fetchall(), key=repr)
        tables["schema"] = connection.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
        return tables
    finally:
        connection.close()


def _numbered_ids(page: bytes) -> bytes:
    """folium names each map element with a random id: numbered in order of appearance, the pages compare."""
    seen: dict[bytes, int] = {}
    return re.sub(rb"_[0-9a-f]{32}(?![0-9a-f])", lambda m: b"_%d" % seen.setdefault(m.group(0), len(seen)), page)


def assert_same_outputs(ours: Path, fresh: Path) -> None:
    names = sorted(path.relative_to(fresh) for path in fresh.rglob("*") if path.is_file() and path.name[0] != ".")
    assert names == sorted(path.relative_to(ours) for path in ours.rglob("*") if path.is_file() and path.name[0] != ".")
    assert len(names) == 7
    for name in names:
        if name.suffix == ".gpkg":
            assert _gpkg_tables(ours / name) == _gpkg_tables(fresh / name), name
        elif name.suffix == ".html":
            assert _numbered_ids((ours / name).read_bytes()) == _numbered_ids((fresh / name).read_bytes()), name
        else:
            assert (ours / name).read_bytes() == (fresh / name).read_bytes(), name


def _edit_register(path: Path, edit: Callable[[list], list]) -> None:  # type: ignore[type-arg]
    save_register(edit(load_register(path)), path)


def _edited_first(events: list) -> list:  # type: ignore[type-arg]
    events[0] = events[0].model_copy(update={"summary": "An edited summary.", "killed_high": 7, "killed_low": 2})
    return events


def _moved(events: list) -> list:  # type: ignore[type-arg]
    at = next(i for i, event in enumerate(events) if event.geo_precision == "province")
    events[at] = events[at].model_copy(update={"admin1": "AF-KAN", "place_text": "Kandahar", "place_id": "AF-KAN"})
    return events


def _rejected(events: list) -> list:  # type: ignore[type-arg]
    events[1] = events[1].model_copy(update={"status": "rejected"})
    return events


def _inserted_first(events: list) -> list:  # type: ignore[type-arg]
    return [events[2].model_copy(update={"event_id": "a-new-first-event"}), *events]


def test_a_live_state_rebuild_writes_what_a_fresh_build_writes_after_each_kind_of_change(
    tmp_path: Path, shared_sources: Path
) -> None:
    folder, register = tmp_path / "sources", tmp_path / "register.yaml"
    folder.mkdir()
    articles = sorted(shared_sources.glob("*.txt"))
    for article in articles[:-1]:
        shutil.copy(article, folder / article.name)
    shutil.copy(shared_sources / "sources.csv", folder / "sources.csv")
    shutil.copy(ROOT / "data" / "register.yaml", register)
    live = BuildOptions(sources_dir=folder, register_path=register, out_dir=tmp_path / "live", quiet=True)
    fresh = BuildOptions(sources_dir=folder, register_path=register, out_dir=tmp_path / "fresh", quiet=True)
    state = BuildState()
    first = run_build(live, state)
    assert first.problems == [] and first.events

    def add_article() -> None:
        shutil.copy(articles[-1], folder / articles[-1].name)

    def edit_article() -> None:
        path = folder / articles[0].name
        path.write_text(path.read_text(encoding="utf-8") + "\nA closing line added later.\n", encoding="utf-8")

    def retitle_source() -> None:
        table = folder / "sources.csv"
        lines = table.read_text(encoding="utf-8").splitlines(keepends=True)
        name = articles[1].name
        lines = [f'{name},"A new title, with a comma",,2023-02,\n' if line.startswith(name) else line for line in lines]
        table.write_text("".join(lines), encoding="utf-8")

    def remove_article() -> None:
        (folder / articles[2].name).unlink()

    changes: list[tuple[str, Callable[[], None]]] = [
        ("an article added", add_article),
        ("an article's text edited", edit_article),
        ("a source's metadata changed", retitle_source),
        ("a register event edited", lambda: _edit_register(register, _edited_first)),
        ("a register event moved", lambda: _edit_register(register, _moved)),
        ("a register event rejected", lambda: _edit_register(register, _rejected)),
        ("a register event inserted first", lambda: _edit_register(register, _inserted_first)),
        ("an article removed", remove_article),
    ]
    for what, change in changes:
        change()
        rebuilt = run_build(live, state)
        assert "maps" in rebuilt.stages.wall_s, what
        run_build(fresh)
        assert_same_outputs(tmp_path / "live", tmp_path / "fresh"), what


def test_a_stage_without_a_state_keeps_nothing_and_a_new_state_starts_afresh(tmp_path: Path) -> None:
    from isk_atlas.layers import events_frame
    from isk_atlas.register import load_register

    events = load_register(ROOT / "data" / "register.yaml")
    state = BuildState()
    assert events_frame(events, state.rows).equals(events_frame(events))
    assert len(state.rows.values) == len(events) and BuildState().rows.values == {}


@pytest.mark.parametrize("folder_name", ["one", "two"])
def test_the_state_keeps_one_extraction_cache_per_folder(tmp_path: Path, folder_name: str) -> None:
    state = BuildState()
    cache = state.extraction_cache(tmp_path / folder_name)
    assert state.extraction_cache(tmp_path / folder_name) is cache
    assert state.extraction_cache(tmp_path / "elsewhere") is not cache
