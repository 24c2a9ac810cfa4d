"""Per-source cache of extracted events, so that after adding one article only that article is processed.

One JSON file per source under `cache_dir()/extract/`, holding the key it was computed for: the SHA-256 of the
normalised text, the extractor version (rules, classifier and gazetteer fingerprint) and the publication date
the dates were resolved against. A changed key, a missing file or an unreadable one means: extract again.
Files are written atomically, so an interrupted run never leaves half a cache file. What was read or written
is also remembered for the life of the process (keyed the same way), so a notebook's next build reads no file.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from isk_atlas.atomic import write_text
from isk_atlas.errors import InputError
from isk_atlas.schema import Event
from isk_atlas.sources import Source

CACHE_FORMAT = 1


def _copy(event: Event) -> Event:
    """A copy the caller may change without changing the cache: an Event's only mutable values are its lists
    (of frozen SourceRef and Figure models), so new lists make it independent, at a tenth of a deep copy's cost."""
    fresh = {name: list(value) for name, value in event.__dict__.items() if isinstance(value, list)}
    return event.model_copy(update=fresh)


def cache_key(source: Source, extractor_version: str) -> str:
    meta = source.meta
    published = meta.published.isoformat() if meta.published else "-"
    return f"{meta.sha256}|{extractor_version}|{published}|{meta.published_precision}"


@dataclass
class ExtractionCache:
    """Events per source id on disk; `hits`/`misses` count lookups (for tests and progress messages)."""

    folder: Path
    hits: int = 0
    misses: int = 0
    _memory: dict[str, tuple[str, list[Event]]] = field(default_factory=dict, repr=False)

    @classmethod
    def default(cls) -> ExtractionCache:
        """The process's cache on `cache_dir()/extract`: one object per folder, kept, so that what one build read
        or wrote is remembered by the next build of the process (a notebook's rebuild reads no cache file)."""
        from isk_atlas.paths import cache_dir

        folder = cache_dir() / "extract"
        where = str(folder.resolve())
        if where not in _PROCESS_CACHES:
            _PROCESS_CACHES[where] = cls(folder)
        return _PROCESS_CACHES[where]

    def _path(self, source_id: str) -> Path:
        return self.folder / f"{source_id}.json"

    def get(self, source: Source, extractor_version: str) -> list[Event] | None:
        key = cache_key(source, extractor_version)
        remembered = self._memory.get(source.source_id)
        if remembered is not None and remembered[0] == key:
            self.hits += 1
            return [_copy(event) for event in remembered[1]]
        path = self._path(source.source_id)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != CACHE_FORMAT or data.get("key") != key:
                raise ValueError("stale")
            events = [Event.model_validate(item) for item in data["events"]]
        except (OSError, ValueError, KeyError, TypeError, ValidationError):
            self.misses += 1
            return None
        self._memory[source.source_id] = (key, events)
        self.hits += 1
        return [_copy(event) for event in events]

    def put(self, source: Source, extractor_version: str, events: list[Event]) -> None:
        key = cache_key(source, extractor_version)
        payload = {
            "format": CACHE_FORMAT,
            "key": key,
            "source_id": source.source_id,
            "events": [event.model_dump(mode="json", exclude_defaults=True) for event in events],
        }
        write_text(self._path(source.source_id), json.dumps(payload, ensure_ascii=False, indent=1))
        self._memory[source.source_id] = (key, [_copy(event) for event in events])


_PROCESS_CACHES: dict[str, ExtractionCache] = {}


def extract_all(
    sources: Iterable[Source],
    extract: Callable[[Source], list[Event]],
    version: str,
    cache: ExtractionCache | None = None,
    problems: list[InputError] | None = None,
) -> dict[str, list[Event]]:
    """Events per source id, from the cache where its key still holds, else from `extract` (then cached).

    With a `problems` list, an article whose extraction fails is recorded there (naming its file) and the
    others go on; without one, the error propagates.
    """
    result: dict[str, list[Event]] = {}
    for source in sources:
        cached = cache.get(source, version) if cache is not None else None
        if cached is None:
            try:
                cached = extract(source)
            except (ValueError, ValidationError) as error:
                if problems is None:
                    raise
                where = source.path or source.source_id
                problems.append(InputError(where, f"extraction failed, article skipped: {error}"))
                continue
            if cache is not None:
                cache.put(source, version, cached)
        result[source.source_id] = cached
    return result
