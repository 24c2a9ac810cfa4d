"""What a sources folder yields: `Source` (one article: metadata and the normalised text every offset indexes),
`Duplicate` (an article skipped for its text) and `SourceSet` (everything one folder gave)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from isk_atlas.errors import InputError
from isk_atlas.schema import SourceMeta

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")


@dataclass(frozen=True)
class Source:
    """One article: its metadata and the normalised text all offsets refer to."""

    meta: SourceMeta
    text: str
    path: Path | None = None

    @property
    def source_id(self) -> str:
        return self.meta.source_id

    @property
    def sha256(self) -> str:
        return self.meta.sha256


@dataclass(frozen=True)
class Duplicate:
    """An article whose normalised text is identical to one already loaded; it is skipped."""

    path: Path
    source_id: str
    duplicate_of: str

    def __str__(self) -> str:
        return f"{self.path}: same text as source {self.duplicate_of}; skipped"


@dataclass
class SourceSet:
    """What a sources folder yields: the articles that loaded, and what was wrong with the others."""

    sources: list[Source] = field(default_factory=list)
    problems: list[InputError] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    # Sources known from sources.csv whose text is not in the folder: the embedded default data cites articles
    # whose text may not be redistributed, so their metadata still serves the popups, without evidence.
    without_text: list[SourceMeta] = field(default_factory=list)

    def by_id(self) -> dict[str, Source]:
        return {source.source_id: source for source in self.sources}

    def metadata(self) -> dict[str, SourceMeta]:
        """Metadata of every source, with or without its text."""
        known = {meta.source_id: meta for meta in self.without_text}
        known.update({source.source_id: source.meta for source in self.sources})
        return known
