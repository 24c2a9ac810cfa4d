"""Extraction and `isk-atlas geocode` give the same place for the same span in the same context: every span the
development corpora yield (the five shared sources, data/devset, and the real-news development texts when they are
at hand) is resolved by mention finding exactly as `geocode(span, context=sentence)` resolves it (a town read only
beside its country, whose country the article names in another sentence, with that country's name added to the
sentence, as mention finding does), and every extracted event's place is that answer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from isk_atlas.events.extract import Extractor
from isk_atlas.mentions import split_sentences
from isk_atlas.places import PlaceModel, geocode

ROOT = Path(__file__).resolve().parents[1]


def _texts(shared_sources: Path) -> list[Path]:
    folders = [shared_sources, ROOT / "data" / "devset", ROOT / "data" / "realdev" / "texts"]
    return [path for folder in folders if folder.is_dir() for path in sorted(folder.glob("*.txt"))]


@pytest.fixture(scope="module")
def texts(shared_sources: Path) -> list[tuple[str, str]]:
    found = [(path.name, path.read_text(encoding="utf-8")) for path in _texts(shared_sources)]
    if not found:
        pytest.skip("no development texts at hand")
    return found


def test_every_span_is_what_the_geocoder_says_in_its_sentence(
    texts: list[tuple[str, str]], place_model: PlaceModel
) -> None:
    index = place_model.mentions
    compared = 0
    differing = []
    for name, text in texts:
        sentences = split_sentences(text)
        mentions = index.find(text, sentences)
        named = sorted({m.country for m in mentions if m.match.resolved and m.kind == "country" and m.country})
        for mention in mentions:
            if mention.method == "phrase":
                continue  # a region phrase's direction word ("eastern" of "the eastern provinces"): not a name
            context = sentences[mention.sentence].text(text)
            answer = geocode(mention.text, context=context, geocoder=place_model.geocoder)
            if not answer.resolved and mention.country in named and mention.kind == "town":
                # needs its country, named elsewhere in the article
                where = f"{context} {index.place_name(mention.country)}"
                answer = geocode(mention.text, context=where, geocoder=place_model.geocoder)
            compared += 1
            if answer != mention.match:
                differing.append((name, mention.text, answer.place_id, mention.place_id))
    assert compared > 300
    assert differing == []


def test_every_extracted_event_is_placed_where_the_geocoder_places_its_span(
    texts: list[tuple[str, str]], place_model: PlaceModel
) -> None:
    extractor = Extractor(places=place_model)
    checked = 0
    for name, text in texts[:20]:
        sentences = split_sentences(text)
        starts = [s.start for s in sentences]
        for event in extractor.extract(text, name, dt.date(2024, 1, 1), "day"):
            ref = event.sources[0]
            if event.place_text is None or ref.start is None or ref.end is None:
                continue
            at = text.find(event.place_text, ref.start, ref.end)
            if at < 0:
                continue
            sentence = sentences[max(0, sum(1 for s in starts if s <= at) - 1)]
            if (event.place_id or "").startswith("region:"):
                continue  # a region phrase's direction word ("eastern" of "the eastern provinces"): not a name
            answer = geocode(event.place_text, context=sentence.text(text), geocoder=place_model.geocoder)
            assert (answer.place_id, answer.admin1, answer.country) == (event.place_id, event.admin1, event.country), (
                name,
                event.place_text,
            )
            checked += 1
    assert checked > 20
