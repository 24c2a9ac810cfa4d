"""The review widget driven from Python: buttons clicked, dropdowns and boxes set, keys sent; the register checked."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from isk_atlas.pipeline import Corpus
from isk_atlas.places import PlaceModel
from isk_atlas.register import read_register
from isk_atlas.review import ReviewRegister
from isk_atlas.review.widget import ReviewWidget
from isk_atlas.workbench import Workbench
from tests.hostile_fixtures import HOSTILE, TEXT, hostile_events, hostile_metadata
from tests.review_fixtures import NEW_SOURCE_ID, review_workspace


@pytest.fixture(scope="module")
def workspace(
    tmp_path_factory: pytest.TempPathFactory, shared_sources: Path, place_model: PlaceModel
) -> Iterator[Workbench]:
    """The five articles plus the new one, read once for the module (each test gets its own register copy)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ISK_ATLAS_CACHE", str(tmp_path_factory.mktemp("review-cache")))
        bench = review_workspace(tmp_path_factory.mktemp("review"), shared_sources, place_model)
        assert bench.corpus.events
        yield bench


@pytest.fixture
def corpus(workspace: Workbench) -> Corpus:
    return workspace.corpus


@pytest.fixture
def register(workspace: Workbench, tmp_path: Path) -> ReviewRegister:
    path = tmp_path / "register.yaml"
    shutil.copy(workspace.register_path, path)
    return ReviewRegister(path)


@pytest.fixture
def review(corpus: Corpus, register: ReviewRegister, place_model: PlaceModel) -> ReviewWidget:
    return ReviewWidget(corpus.events, corpus.metadata, corpus.texts, register, places=place_model)


def _status_in_register(register: ReviewRegister, event_id: str) -> str | None:
    events, problems = read_register(register.path)
    assert problems == []
    return next((e.status for e in events if e.event_id == event_id), None)


def _button(review: ReviewWidget, starts: str) -> Any:
    """The one button of the card whose description starts with `starts` (as a person finds it)."""
    found = [b for b in review.card.children[1].children if b.description.startswith(starts)]
    assert len(found) == 1
    return found[0]


def test_cards_show_the_new_article_first_with_its_evidence_marked(review: ReviewWidget) -> None:
    first, second = review.items[0], review.items[1]
    assert first.source_id == second.source_id == NEW_SOURCE_ID, "newest source first"
    assert {first.event.event_type, second.event.event_type} == {"attack", "counter_operation"}
    assert "Test wire report on Kunar" in review.header.value and "Test Wire" in review.header.value
    assert "2024-05-20" in review.header.value
    evidence = review.evidence.value
    assert 'title="place">Asadabad</mark>' in evidence
    assert 'title="date">Sunday, May 19</mark>' in evidence
    assert 'title="figure">seven</mark>' in evidence and 'title="figure">twelve</mark>' in evidence
    assert "AF-KNR" in review.proposal.value and "suicide_bombing" in review.proposal.value
    assert review.minimap.value.startswith("<iframe") and 'sandbox="allow-scripts"' in review.minimap.value
    assert review.counter.value == f"{len(review.items)} waiting, 0 decided"


def test_accept_and_reject_clicks_write_the_register_then_a_build_draws_only_the_accepted(
    workspace: Workbench, tmp_path: Path, place_model: PlaceModel
) -> None:
    """The issue's "done when": five articles plus a new one; accept one card, reject another; build."""
    bench = Workbench(workspace.sources_dir, tmp_path / "register.yaml", out_dir=tmp_path / "out", places=place_model)
    shutil.copy(workspace.register_path, bench.register_path)
    review = bench.review()
    new = [item.event.event_id for item in review.items if item.source_id == NEW_SOURCE_ID]
    assert len(new) == 2, "the new article's events are on the cards"
    accepted, rejected = new

    _button(review, "Accept").click()
    assert review.current() is not None and review.current().event.event_id == rejected, "moves to the next card"
    assert "confirmed" in review.status.value and accepted in review.status.value, "the card says what was written"
    _button(review, "Reject").click()

    register = ReviewRegister(bench.register_path)
    assert _status_in_register(register, accepted) == "confirmed"
    assert _status_in_register(register, rejected) == "rejected"

    rebuilt = Workbench(bench.sources_dir, bench.register_path, out_dir=tmp_path / "out", places=place_model)
    rebuilt.export()
    page = (tmp_path / "out" / "maps" / "combined.html").read_text(encoding="utf-8")
    assert accepted in page and rejected not in page
    features = json.loads((tmp_path / "out" / "events.geojson").read_text(encoding="utf-8"))["features"]
    statuses = {f["properties"]["event_id"]: f["properties"]["status"] for f in features}
    assert statuses.get(accepted) == "confirmed" and rejected not in statuses
    assert rejected not in set(rebuilt.review_queue()["event_id"]), "a rejected event never comes back"


def test_save_writes_the_edits_from_dropdowns_and_boxes(review: ReviewWidget, register: ReviewRegister) -> None:
    event_id = review.items[0].event.event_id
    review.type_edit.value = "counter_operation"
    assert "raid" in [value for _, value in review.sub_type_edit.options], "sub-types follow the type"
    review.sub_type_edit.value = "raid"
    district = next(i for i, c in enumerate(review.place_options) if c.fields["geo_precision"] == "district")
    review.place_edit.value = district
    review.count_edits["killed_low"].value = "5"
    review.count_edits["killed_high"].value = "9"
    review.notes_edit.value = "checked against a second report"
    review.save_button.click()
    events, _ = read_register(register.path)
    stored = next(e for e in events if e.event_id == event_id)
    assert (stored.status, stored.event_type, stored.sub_type) == ("edited", "counter_operation", "raid")
    assert (stored.geo_precision, stored.admin1) == ("district", "AF-KNR")
    assert (stored.killed_low, stored.killed_high) == (5, 9)
    assert stored.notes == "checked against a second report"
    assert stored.place_text == review.items[0].event.place_text, "the place as written is evidence: kept"


def test_the_text_box_geocodes_what_the_analyst_types(review: ReviewWidget, register: ReviewRegister) -> None:
    before = list(review.place_edit.options)
    review.place_query.value = "Zzyzxabad"
    assert "not in the gazetteer" in review.place_message.value
    assert list(review.place_edit.options) == before
    review.place_query.value = "Jalalabad"
    chosen = review.place_options[review.place_edit.value]
    assert chosen.label.startswith("Jalalabad") and chosen.fields["admin1"] == "AF-NAN"
    review.save_button.click()
    events, _ = read_register(register.path)
    stored = next(e for e in events if e.event_id == review.items[0].event.event_id)
    assert (stored.status, stored.admin1, stored.place_id) == ("edited", "AF-NAN", chosen.place_id)


def test_a_bad_number_is_reported_and_nothing_written(review: ReviewWidget, register: ReviewRegister) -> None:
    before = register.path.read_text()
    review.count_edits["killed_low"].value = "seven"
    review.save_button.click()
    assert "killed low" in review.status.value and "not a whole number" in review.status.value
    review.count_edits["killed_low"].value = "20"  # above killed_high (7)
    review.save_button.click()
    assert "not written" in review.status.value
    assert register.path.read_text() == before


def test_save_without_edits_writes_nothing(review: ReviewWidget, register: ReviewRegister) -> None:
    before = register.path.read_text()
    review.save_button.click()
    assert "nothing edited" in review.status.value
    assert register.path.read_text() == before


def test_undo_takes_back_the_last_click(review: ReviewWidget, register: ReviewRegister) -> None:
    first = review.items[0].event.event_id
    assert review.undo_button.disabled
    review.reject_button.click()
    assert _status_in_register(register, first) == "rejected"
    review.undo_button.click()
    assert _status_in_register(register, first) is None, "the proposal was not in the register: removed again"
    assert review.current() is not None and review.current().event.event_id == first, "back on its card"
    assert "undone" in review.status.value and review.undo_button.disabled


def test_keys_accept_reject_and_move(review: ReviewWidget, register: ReviewRegister) -> None:
    ids = [item.event.event_id for item in review.visible()]
    review.on_key({"type": "keydown", "key": "j"})
    assert review.position == 1
    review.on_key({"type": "keydown", "key": "k"})
    assert review.position == 0
    review.on_key({"type": "keydown", "key": "a", "ctrlKey": True})
    assert _status_in_register(register, ids[0]) is None, "Ctrl+A is not a decision"
    review.on_key({"type": "keydown", "key": "a"})
    review.on_key({"type": "keydown", "key": "r"})
    assert _status_in_register(register, ids[0]) == "confirmed"
    assert _status_in_register(register, ids[1]) == "rejected"
    assert review.keyboard.watched_events == ["keydown"] and review.keyboard.source is review.card


def test_filters_by_source_and_type(review: ReviewWidget) -> None:
    review.type_filter.value = "counter_operation"
    assert {item.event.event_type for item in review.visible()} == {"counter_operation"}
    review.type_filter.value = ""
    review.source_filter.value = NEW_SOURCE_ID
    assert {item.source_id for item in review.visible()} == {NEW_SOURCE_ID}
    assert len(review.visible()) < len(review.items)


def test_papermill_decisions_and_the_map_selection(review: ReviewWidget, register: ReviewRegister) -> None:
    first = review.items[0].event.event_id
    assert review.selection().sources == {item.source_id for item in review.items}
    review.decide({first: "accept"})
    assert _status_in_register(register, first) == "confirmed"
    assert review.selection().sources == {NEW_SOURCE_ID}
    assert "1 decided" in review.counter.value


def test_article_text_and_metadata_are_escaped(tmp_path: Path, place_model: PlaceModel) -> None:
    proposed = hostile_events()[0].model_copy(update={"status": "extracted"})
    register = ReviewRegister(tmp_path / "r.yaml")
    review = ReviewWidget([proposed], hostile_metadata(), {"evil": TEXT}, register, places=place_model)
    shown = review.header.value + review.evidence.value + review.proposal.value + review.status.value
    assert "<script" not in shown and "<img" not in shown
    assert "&lt;script&gt;" in review.evidence.value
    # The map page travels inside srcdoc: escaped once there, so no raw tag of the article's survives in it.
    assert "<script>window.__pwned" not in review.minimap.value
    assert HOSTILE not in review.minimap.value
    review.place_query.value = HOSTILE
    assert "<script" not in review.place_message.value


def test_an_empty_queue_says_so(tmp_path: Path, corpus: Corpus, place_model: PlaceModel) -> None:
    decided = [e.model_copy(update={"status": "confirmed"}) for e in corpus.events]
    register = ReviewRegister(tmp_path / "r.yaml")
    review = ReviewWidget(decided, corpus.metadata, corpus.texts, register, places=place_model)
    assert "No proposed events" in review.header.value
    assert review.accept_button.disabled and review.reject_button.disabled
    assert review.accept() is None


def test_an_unknown_event_in_decisions_is_refused(review: ReviewWidget, register: ReviewRegister) -> None:
    from isk_atlas.errors import InputError

    before = register.path.read_text()
    with pytest.raises(InputError, match="no-such-event"):
        review.decide({"no-such-event": "accept"})
    assert register.path.read_text() == before


def test_workbench_review_takes_sources_and_types(workspace: Workbench) -> None:
    only_new = workspace.review(sources=[NEW_SOURCE_ID], event_types=["attack"])
    assert [(i.source_id, i.event.event_type) for i in only_new.items] == [(NEW_SOURCE_ID, "attack")]


def test_without_the_notebook_extra_review_says_what_to_install(
    workspace: Workbench, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "ipyevents", None)  # as if not installed
    monkeypatch.delitem(sys.modules, "isk_atlas.review.widget")
    with pytest.raises(ModuleNotFoundError, match=r"pip install 'isk-atlas\[notebook\]'"):
        workspace.review()
