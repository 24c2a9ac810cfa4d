"""The extractor on the development set (data/devset): articles it was not written against.

Guards generalisation beyond the five sources: precision and recall on event type plus province stay at or
above the 0.7 that issue 6 asks of unseen articles.
"""

from __future__ import annotations

from isk_atlas.evaluate import evaluate_folder
from isk_atlas.sources import load_sources
from tests.conftest import ROOT

DEVSET = ROOT / "data" / "devset"


def test_devset_loads_whole() -> None:
    loaded = load_sources(DEVSET)
    assert loaded.problems == []
    assert len(loaded.sources) == 8
    assert all(source.meta.published is not None for source in loaded.sources)


def test_devset_precision_and_recall() -> None:
    result, problems = evaluate_folder(DEVSET / "gold.yaml", DEVSET)
    assert problems == []
    assert result.gold == 18
    assert result.precision >= 0.7, result.as_dict()
    assert result.recall >= 0.7, result.as_dict()
