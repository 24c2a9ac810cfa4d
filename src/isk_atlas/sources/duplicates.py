"""One article per text and per source id within a load: a second copy of a text (whatever its encoding or line
ends: the hash is of the normalised text) is a `Duplicate`, skipped and listed; a second article claiming an id
already used is a problem."""

from __future__ import annotations

from pathlib import Path

from isk_atlas.errors import InputError
from isk_atlas.sources.model import Duplicate, Source


class SeenTexts:
    """The texts (by SHA-256) and source ids of the articles kept so far in one load."""

    def __init__(self) -> None:
        self.by_hash: dict[str, str] = {}
        self.ids: set[str] = set()

    def admit(self, source: Source, path: Path) -> Duplicate | InputError | None:
        """None when `source` is kept (and now seen), else why it is not."""
        if source.sha256 in self.by_hash:
            return Duplicate(path, source.source_id, self.by_hash[source.sha256])
        if source.source_id in self.ids:
            return InputError(path, f"source id {source.source_id!r} is already used by another article")
        self.by_hash[source.sha256] = source.source_id
        self.ids.add(source.source_id)
        return None
