"""The extractor on the held-out set (data/heldout): articles no rule was written or tuned against.

Guards the level issue 6 asks of unseen articles (precision and recall on event type plus province at least
0.7). Do not tune rules to this set; see its README.
"""

from __future__ import annotations

from isk_atlas.evaluate import evaluate_folder
from tests.conftest import ROOT

HELDOUT = ROOT / "data" / "heldout"


def test_heldout_precision_and_recall() -> None:
    result, problems = evaluate_folder(HELDOUT / "gold.yaml", HELDOUT)
    assert problems == []
    assert result.gold == 17
    assert result.precision >= 0.7, result.as_dict()
    assert result.recall >= 0.7, result.as_dict()
