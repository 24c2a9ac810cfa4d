"""Per-source cache of extracted events, so that after adding one article only that article is processed.

One JSON file per source under `cache_dir()/extract/`, holding the key it was computed for: the SHA-256 of the
normalised text, the extractor version (rules, classifier and gazetteer fingerprint) and the publication date
the dates were resolved against. A changed key, a missing file or an unreadable one means: extract again.
Files are written atomically, so an interrupted run never leaves half a cache file. A cache object keeps what it
read or wrote in memory too: a live process that keeps it (`isk_atlas.state.BuildState`) reads no file twice.

The extractor's version includes a fingerprint of the toponym index, which takes seconds to build. The cache
remembers (`@extractor-version.json`) which version `code_signature()` (the package's code, the reference
geography, Python and the installed distributions) gave last time, so a build whose articles are all in the cache
never builds the index; the pipeline checks the remembered version against the real one whenever it builds the
index anyway.

Events handed out by `get` are copies unless the caller asks for the cache's own (`copies=False`, the pipeline,
whose merge copies them anyway); `copy_event` makes such a copy.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from isk_atlas.atomic import write_text
from isk_atlas.errors import InputError
from isk_atlas.schema import Event, Status
from isk_atlas.sources import Source

CACHE_FORMAT = 1
# '@' is never part of a source id, so no article's entry can take this name.
VERSION_FILE = "@extractor-version.json"


def code_signature() -> str:
    """A digest of everything the extractor's version is computed from, cheap to take (5-15 ms): the package's
    files, the reference geography, the Python version and the installed distributions (by the names of their
    metadata folders, which carry their versions)."""
    import isk_atlas
    from isk_atlas.paths import geo_dir

    digest = hashlib.sha256(sys.version.encode())
    package = Path(isk_atlas.__file__).resolve().parent
    for path in sorted(package.rglob("*")):
        if "__pycache__" in path.parts or not path.is_file():
            continue
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes() + b"\0")
    geo = geo_dir()
    for path in sorted(geo.iterdir()) if geo.is_dir() else []:
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for folder in sys.path:
        try:
            names = sorted(
                p.name for p in Path(folder or ".").iterdir() if p.name.endswith((".dist-info", ".egg-info"))
            )
        except OSError:
            continue
        digest.update("\n".join(names).encode())
    return digest.hexdigest()


# An Event's only mutable values are its lists (of frozen SourceRef and Figure models); a test checks the list.
EVENT_LIST_FIELDS = ("sources", "figures", "tags")


def copy_event(event: Event, status: Status | None = None) -> Event:
    """A copy that may be changed without changing the original, nor the original it: new lists make it
    independent, at a tenth of a deep copy's cost; with `status`, the copy has that review status."""
    update: dict[str, object] = {name: list(getattr(event, name)) for name in EVENT_LIST_FIELDS}
    if status is not None and status != event.status:
        update["status"] = status
    return event.model_copy(update=update)


def cache_key(source: Source, extractor_version: str) -> str:
    meta = source.meta
    published = meta.published.isoformat() if meta.published else "-"
    return f"{meta.sha256}|{extractor_version}|{published}|{meta.published_precision}"


class _CacheEntry(BaseModel):
    """A cache file as written by `ExtractionCache.put`."""

    format: int
    key: str
    events: list[Event]


@dataclass
class ExtractionCache:
    """Events per source id on disk; `hits`/`misses` count lookups (for tests and progress messages)."""

    folder: Path
    hits: int = 0
    misses: int = 0
    _memory: dict[str, tuple[str, list[Event]]] = field(default_factory=dict, repr=False)

    @classmethod
    def default(cls) -> ExtractionCache:
        """A cache on `cache_dir()/extract`. What it reads or writes it also keeps in memory, so a caller that keeps
        it (`isk_atlas.state.BuildState`) reads no cache file twice."""
        from isk_atlas.paths import cache_dir

        return cls(cache_dir() / "extract")

    def _path(self, source_id: str) -> Path:
        return self.folder / f"{source_id}.json"

    def remembered_version(self, signature: str) -> str | None:
        """The extractor version last computed with code and data of this `code_signature()`, if any."""
        try:
            data = json.loads((self.folder / VERSION_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("signature") != signature or not isinstance(data.get("version"), str):
            return None
        return str(data["version"])

    def remember_version(self, signature: str, version: str) -> None:
        payload = {"format": CACHE_FORMAT, "signature": signature, "version": version}
        write_text(self.folder / VERSION_FILE, json.dumps(payload, indent=1))

    def get(self, source: Source, extractor_version: str, copies: bool = True) -> list[Event] | None:
        """The source's cached events under this extractor version, or None (a miss).

        With `copies=False` the events are the cache's own, not copies (no cost per event): for a caller that
        never changes them, such as the pipeline, whose merge copies every event anyway.
        """
        key = cache_key(source, extractor_version)
        remembered = self._memory.get(source.source_id)
        if remembered is not None and remembered[0] == key:
            self.hits += 1
            return [copy_event(event) for event in remembered[1]] if copies else list(remembered[1])
        path = self._path(source.source_id)
        try:
            # One call parses and validates the whole file (a third faster than json.loads, then each event).
            entry = _CacheEntry.model_validate_json(path.read_bytes())
            if entry.format != CACHE_FORMAT or entry.key != key:
                raise ValueError("stale")
            events = entry.events
        except (OSError, ValueError, KeyError, TypeError, ValidationError):
            self.misses += 1
            return None
        self._memory[source.source_id] = (key, events)
        self.hits += 1
        return [copy_event(event) for event in events] if copies else list(events)

    def put(self, source: Source, extractor_version: str, events: list[Event]) -> None:
        key = cache_key(source, extractor_version)
        payload = {
            "format": CACHE_FORMAT,
            "key": key,
            "source_id": source.source_id,
            "events": [event.model_dump(mode="json", exclude_defaults=True) for event in events],
        }
        write_text(self._path(source.source_id), json.dumps(payload, ensure_ascii=False, indent=1))
        self._memory[source.source_id] = (key, [copy_event(event) for event in events])


def extract_all(
    sources: Iterable[Source],
    extract: Callable[[Source], list[Event]],
    version: str,
    cache: ExtractionCache | None = None,
    problems: list[InputError] | None = None,
    copies: bool = True,
) -> dict[str, list[Event]]:
    """Events per source id, from the cache where its key still holds, else from `extract` (then cached).

    With a `problems` list, an article whose extraction fails is recorded there (naming its file) and the
    others go on; without one, the error propagates. With `copies=False`, events from the cache are the
    cache's own (see `ExtractionCache.get`): the caller must not change them.
    """
    result: dict[str, list[Event]] = {}
    for source in sources:
        cached = cache.get(source, version, copies) if cache is not None else None
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
