"""The committed files of the real-news corpus (`data/realdev`): manifest, gold and place phrases agree.

The article texts are not in git, so these checks read only what is committed: they catch a gold event that
does not load, a place id the gazetteer lacks, an article in the wrong split or a phrase without an answer.
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pandas as pd
import pytest

from isk_atlas.register import load_register

CORPUS = Path(__file__).resolve().parents[1] / "data" / "realdev"
GAZETTEER = Path(__file__).resolve().parents[1] / "geo" / "gazetteer.csv"


def _manifest() -> list[dict[str, str]]:
    with open(CORPUS / "sources.csv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _split_of(url: str) -> str:
    # The README's rule, decided from the URL alone before coding.
    return "holdout" if hashlib.sha256(url.encode()).hexdigest()[0] in "012345" else "dev"


def test_manifest_ids_urls_and_splits() -> None:
    rows = _manifest()
    ids = [row["source_id"] for row in rows]
    urls = [row["url"] for row in rows]
    assert len(ids) == len(set(ids)), "a source id is listed twice"
    assert len(urls) == len(set(urls)), "a URL is listed twice"
    wrong = [row["source_id"] for row in rows if row["split"] != _split_of(row["url"])]
    assert wrong == [], f"split differs from the URL rule: {wrong}"
    for row in rows:
        assert row["file"] == f"{row['source_id']}.txt"
        assert len(row["sha256"]) == 64 and int(row["chars"]) > 0
        assert row["published_precision"] in {"day", "month", "year"}


def test_no_excluded_page_in_the_manifest() -> None:
    excluded = CORPUS.parents[2] / "shared" / "evaluation" / "excluded-urls.txt"
    if not excluded.is_file():
        pytest.skip("the evaluation's excluded-URL list is not beside this checkout")
    listed = {line.strip().rstrip("/") for line in excluded.read_text(encoding="utf-8").splitlines() if line.strip()}
    assert [row["url"] for row in _manifest() if row["url"].rstrip("/") in listed] == []


@pytest.mark.parametrize("split", ["dev", "holdout"])
def test_gold_loads_cites_its_split_and_known_places(split: str) -> None:
    rows = {row["source_id"]: row["split"] for row in _manifest()}
    gold = CORPUS / ("gold.yaml" if split == "dev" else "holdout/gold.yaml")
    places = set(pd.read_csv(GAZETTEER, usecols=["id"])["id"])
    events = load_register(gold, known_places=places)  # raises with file and line on any problem
    assert events
    ids = [event.event_id for event in events]
    assert len(ids) == len(set(ids))
    for event in events:
        for source in event.sources:
            assert rows.get(source.source_id) == split, f"{event.event_id} cites {source.source_id} of another split"


@pytest.mark.parametrize("name", ["place_phrases.csv", "holdout/place_phrases.csv"])
def test_place_phrases_are_short_and_answered(name: str) -> None:
    rows = {row["source_id"]: row["split"] for row in _manifest()}
    split = "holdout" if name.startswith("holdout") else "dev"
    places = set(pd.read_csv(GAZETTEER, usecols=["id"])["id"])
    phrases = pd.read_csv(CORPUS / name, dtype=str, keep_default_na=False)
    assert len(phrases) > 0
    for line, row in enumerate(phrases.to_dict("records"), start=2):
        where = f"{name}:{line}"
        assert rows.get(row["source_id"]) == split, where
        assert 0 < len(row["phrase"].split()) <= 12, where
        assert row["country"] or row["admin1"] or row["place_id"], f"{where}: no answer"
        assert not row["place_id"] or row["place_id"] in places or len(row["place_id"]) == 3, where
