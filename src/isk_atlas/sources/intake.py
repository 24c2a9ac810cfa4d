"""Loading articles: one file (`load_source`, size-capped before it is read) or every article of a sources folder
(`load_sources`: bad files become problems, duplicates are skipped and listed)."""

from __future__ import annotations

import os
from collections.abc import Collection
from pathlib import Path
from typing import Any

from isk_atlas.errors import InputError
from isk_atlas.schema import SourceMeta
from isk_atlas.sources.duplicates import SeenTexts
from isk_atlas.sources.html import html_to_text
from isk_atlas.sources.metadata import (
    html_meta_safe,
    load_metadata,
    make_meta,
    meta_values,
    read_sidecar,
    source_id_for,
)
from isk_atlas.sources.model import ARTICLE_SUFFIXES, Duplicate, Source, SourceSet
from isk_atlas.sources.text import content_hash, decode_bytes, front_matter_lines, normalize_text, split_front_matter

# Size caps, checked before a file is read: a news article is well under 1 MB of text; extraction runs at
# about 3 s per MB, so the cap bounds one article's cost to about a minute and its memory to a few hundred MB.
MAX_ARTICLE_BYTES = 20_000_000


def load_source(
    path: str | Path,
    csv_meta: SourceMeta | None = None,
    source_id: str | None = None,
    folder_files: Collection[str] | None = None,
) -> Source:
    """Load one article file; raises InputError when it cannot be used.

    `folder_files`, when the caller has listed the article's folder, names the files in it: sidecars are then
    looked up there instead of with a stat call for each possible name."""
    path = Path(path)
    # The size is checked before reading, so a huge file costs no memory; read at most the cap (the file may grow).
    size = path.stat().st_size
    if size > MAX_ARTICLE_BYTES:
        raise InputError(path, f"file is {size} bytes, above the {MAX_ARTICLE_BYTES}-byte limit for an article")
    with path.open("rb") as handle:
        data = handle.read(size + 1)  # read(n) allocates n bytes up front: ask for the size, not the cap
        if len(data) > size:  # the file grew since stat: read on, up to the cap
            data += handle.read(max(0, MAX_ARTICLE_BYTES + 1 - len(data)))
    if len(data) > MAX_ARTICLE_BYTES:
        raise InputError(path, f"file is larger than the {MAX_ARTICLE_BYTES}-byte limit for an article")
    if not data.strip():
        raise InputError(path, "empty file")
    text = normalize_text(decode_bytes(data, path))
    values: dict[str, Any] = {}
    if csv_meta is not None:
        values.update(csv_meta.model_dump(exclude_defaults=True, exclude={"sha256"}))
    sidecar, sidecar_path, sidecar_lines = read_sidecar(path, folder_files)
    values.update(meta_values(sidecar, sidecar_path or path, None, sidecar_lines))
    if path.suffix.lower() in (".html", ".htm"):
        text, html_meta = html_to_text(text)
        for key, value in meta_values(html_meta_safe(html_meta), path, None).items():
            values.setdefault(key, value)
        text = normalize_text(text)
    else:
        lines = front_matter_lines(text)
        front, text = split_front_matter(text, path)
        values.update(meta_values(front, path, 1, lines))
    if not text.strip():
        raise InputError(path, "no text left after removing markup and front matter")
    values["source_id"] = source_id or (csv_meta.source_id if csv_meta else source_id_for(path.name))
    values["file"] = path.name
    values["sha256"] = content_hash(text)
    return Source(meta=make_meta(values, path, None), text=text, path=path)


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()  # follows a symbolic link, as Path.is_file does
    except OSError:
        return False


def _is_article(entry: os.DirEntry[str]) -> bool:
    name = entry.name.lower()
    if not name.endswith(ARTICLE_SUFFIXES) or name.startswith((".", "readme")) or ".meta." in name:
        return False
    return _is_file(entry)


def load_sources(folder: str | Path) -> SourceSet:
    """Load every article of a sources folder; bad files become problems, duplicates are skipped and listed."""
    folder = Path(folder)
    result = SourceSet()
    if not folder.is_dir():
        result.problems.append(InputError(folder, "sources folder not found"))
        return result
    by_file = {meta.file: meta for meta in load_metadata(folder, result.problems).values()}
    seen = SeenTexts()
    # One directory listing: each entry's stat is taken once (os.scandir) and shared by the checks below.
    with os.scandir(folder) as scan:
        listing = {entry.name: entry for entry in scan}
    names = sorted(name for name, entry in listing.items() if _is_article(entry))
    sidecars = {name for name, entry in listing.items() if ".meta." in name and _is_file(entry)}
    for file_name in sorted(set(by_file) - set(names)):
        result.without_text.append(by_file[file_name])
    for name in names:
        try:
            source = load_source(folder / name, by_file.get(name), folder_files=sidecars)
        except InputError as error:
            result.problems.append(error)
            continue
        except OSError as error:
            result.problems.append(InputError(folder / name, f"cannot read: {error.strerror or error}"))
            continue
        refused = seen.admit(source, folder / name)
        if isinstance(refused, Duplicate):
            result.duplicates.append(refused)
            continue
        if refused is not None:
            result.problems.append(refused)
            continue
        result.sources.append(source)
    return result
