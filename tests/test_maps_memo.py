"""A build of the maps remembers what the next one can reuse (render.py): the pages are the same as built afresh,
and a change to an event, a source's metadata or an article's text always reaches them."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from isk_atlas.maps import build_maps, render_html
from isk_atlas.maps.elements import js_json
from isk_atlas.maps.render import PageMemo, _json_list, _json_object, _Page
from isk_atlas.register import load_register
from isk_atlas.schema import Event, SourceMeta
from isk_atlas.sources import load_sources
from tests.conftest import ROOT
from tests.hostile_fixtures import BREAKOUT, SCRIPT, TEXT

Corpus = tuple[list[Event], dict[str, SourceMeta], dict[str, str]]


@pytest.fixture
def corpus(shared_sources: Path) -> Corpus:
    sources = load_sources(shared_sources)
    texts = {source.source_id: source.text for source in sources.sources}
    return load_register(ROOT / "data" / "register.yaml"), sources.metadata(), texts


def _pages(corpus: Corpus, memo: PageMemo | None) -> dict[str, str]:
    maps = build_maps(*corpus, memo=memo)
    # folium's element names are random: made uniform, a page is a function of its data alone
    return {key: re.sub(r"_[0-9a-f]{32}", "_id", render_html(fmap)) for key, fmap in maps.items()}


def _afresh(corpus: Corpus) -> dict[str, str]:
    return _pages(corpus, None)


def _by_id(events: list[Event], event_id: str) -> Event:
    return next(event for event in events if event.event_id == event_id)


def _first(events: list[Event], event_type: str, **having: Any) -> Event:
    return next(
        event
        for event in events
        if event.event_type == event_type and all(getattr(event, k) == v for k, v in having.items())
    )


def _new_summary(c: Corpus) -> None:
    _first(c[0], "presence").summary = "a summary changed in place"


def _more_killed(c: Corpus) -> None:
    event = _first(c[0], "attack", geo_precision="point", killed_high=21)
    event.killed_high = 90  # a bigger mark, and the legend's range


def _moved(c: Corpus) -> None:
    event = next(e for e in c[0] if e.event_type == "attack" and e.place_id == "gn:1133616")
    event.place_id = "gn:1138958"


def _rejected(c: Corpus) -> None:
    _first(c[0], "counter_operation").status = "rejected"


def _added_first(c: Corpus) -> None:
    # A new event before all others: every row index moves, and the evidence sentences are numbered anew.
    template = _first(c[0], "cross_border_launch")
    c[0].insert(0, template.model_copy(update={"event_id": "added-first", "summary": "another launch"}))


def _retitled(c: Corpus) -> None:
    source_id = c[0][5].sources[0].source_id
    c[1][source_id].title = "A title changed in place"


def _rewritten(c: Corpus) -> None:
    # The same length, other words: only the evidence sentences of that article change.
    ref = next(ref for event in c[0] for ref in event.sources if ref.start is not None)
    text = c[2][ref.source_id]
    assert ref.start is not None and ref.end is not None
    c[2][ref.source_id] = text[: ref.start] + "x" * (ref.end - ref.start) + text[ref.end :]


CHANGES: list[Callable[[Corpus], None]] = [
    _new_summary,
    _more_killed,
    _moved,
    _rejected,
    _added_first,
    _retitled,
    _rewritten,
]


def test_remembered_pages_are_the_pages_built_afresh_after_every_kind_of_change(corpus: Corpus) -> None:
    memo = PageMemo()
    before = _pages(corpus, memo)
    assert _pages(corpus, memo) == before == _afresh(corpus)  # nothing changed: all remembered
    for change in CHANGES:
        change(corpus)
        remembered = _pages(corpus, memo)  # the memo holds the build before the change
        afresh = _afresh(corpus)
        assert remembered == afresh, change.__name__
        assert remembered["combined"] != before["combined"], f"{change.__name__} should show"
        before = afresh


def test_an_unchanged_layer_is_reused_and_a_changed_one_computed_again(corpus: Corpus) -> None:
    events, metadata, texts = corpus
    memo = PageMemo()
    first = _Page(events, metadata, texts, memo=memo)
    again = _Page(events, metadata, texts, memo=memo)
    assert all(again.layers[t] is first.layers[t] for t in first.layers)
    assert again.sources_json is first.sources_json
    _more_killed(corpus)
    changed = _Page(events, metadata, texts, memo=memo)
    assert changed.layers["attack"] is not first.layers["attack"]
    assert changed.layers["presence"] is first.layers["presence"]


def test_memo_is_bounded_to_the_last_build(corpus: Corpus) -> None:
    events, metadata, texts = corpus
    memo = PageMemo()
    _Page(events, metadata, texts, memo=memo)
    assert 0 < len(memo.sentences) <= len(texts)
    _Page(events[:3], metadata, texts, memo=memo)  # cites fewer articles: the others' sentences are let go
    cited = {ref.source_id for event in events[:3] for ref in event.sources}
    assert len(memo.sentences) <= len(cited)
    assert len(memo.results) <= 8  # one entry per slot: reference, four layers, sources, areas


@pytest.mark.parametrize(
    "value",
    [
        {"a": "plain", "b": [1, 2.5, None]},
        {"evil": SCRIPT, "break": BREAKOUT, "text": TEXT[:300]},
        {"jinja": "{{ 6*7 }} {% if %} {# c #}", "sep": "\u2028\u2029", "amp": "&<>"},
        {"nested": {"{": "{{", "}": ["}}"]}, "empty": {}},
    ],
)
def test_json_pieces_join_to_the_same_text_as_one_encoding(value: dict[str, Any]) -> None:
    parts = {key: js_json(item) for key, item in value.items()}
    assert _json_object(parts) == js_json(value)
    items = list(value.values())
    assert _json_list([js_json(item) for item in items]) == js_json(items)
