"""What a live process keeps from one build for the next: one `BuildState`, owned by the caller and passed in.

`isk-atlas build` makes a fresh one for its one build; `isk-atlas build --watch` and a notebook's `Workbench` keep
one alive, so that a rebuild after one new article does only what changed. To forget, make a new state. A stage
called without a state computes everything from its inputs.

Each field is a memo a rebuild feels (benchmarks/README.md, the rebuild of 1,000 articles after adding one): the
extracted events in memory beside their cache files, each event's row of the frame, each row's GeoJSON feature
and CSV line, and each map layer's page data. Every memo is keyed by content (never by object identity) and gives
the bytes a fresh build gives (tests/test_state.py). The place model (`isk_atlas.places.PlaceModel`: the
gazetteer, its index and the mention finder, seconds to build or load) is kept with them; it reads geo/ once, so a
changed gazetteer needs a new state.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from isk_atlas.datasets.build import DatasetMemo
from isk_atlas.events.cache import ExtractionCache
from isk_atlas.export import ExportMemo
from isk_atlas.layers import RowMemo
from isk_atlas.maps.render import PageMemo
from isk_atlas.paths import cache_dir
from isk_atlas.places import PlaceModel


@dataclass
class BuildState:
    """The memos one build leaves for the next, in the process that owns it."""

    # Events per article, read from or written to the cache folder, kept in memory (one per folder: the last).
    extraction: ExtractionCache | None = None
    rows: RowMemo = field(default_factory=RowMemo)
    exports: ExportMemo = field(default_factory=ExportMemo)
    pages: PageMemo = field(default_factory=PageMemo)
    # The reference datasets read and drawn last (isk_atlas.datasets), while their files are unchanged.
    datasets: DatasetMemo = field(default_factory=DatasetMemo)
    # The place model extraction reads places with, built when first needed.
    places: PlaceModel = field(default_factory=PlaceModel)

    def extraction_cache(self, folder: Path | None = None) -> ExtractionCache:
        """The extraction cache on `folder` (default: `cache_dir()/extract`), the same object while the folder is."""
        folder = folder if folder is not None else cache_dir() / "extract"
        if self.extraction is None or self.extraction.folder != folder:
            self.extraction = ExtractionCache(folder)
        return self.extraction
