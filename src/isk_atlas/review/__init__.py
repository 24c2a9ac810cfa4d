"""Review of proposed events in JupyterLab: one card per event beside its evidence, each decision written to the
register at once.

`decisions` writes (`ReviewRegister`: accept, reject, save edits, undo), `evidence` marks up the evidence,
`places` offers the places a name could mean, `minimap` draws where an event would be, `widget` puts them on
a card (`ReviewWidget`, what `Workbench.review()` returns).
"""

from __future__ import annotations

from isk_atlas.review.decisions import Decision, ReviewRegister, UndoError

__all__ = ["Decision", "ReviewRegister", "UndoError"]
