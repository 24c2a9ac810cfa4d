"""Source intake: the articles of a sources folder as normalised text with their metadata.

A sources folder holds articles (`.txt`, `.md`, `.html`/`.htm`) and, optionally, metadata in three places,
later ones overriding earlier ones field by field:

1. `sources.csv` (columns `file,source_id,title,publisher,author,url,published,published_precision,
   published_note`; only `file` is required),
2. a sidecar `<name>.meta.yaml` or `<name>.meta.json` beside the article,
3. YAML front matter at the top of a `.txt`/`.md` article (between two `---` lines).

`README*` files, `sources.csv` and sidecars are not articles.

**Limits.** An article file above `MAX_ARTICLE_BYTES` (20 MB) is refused with an `InputError` before it is
read (a 50 MB file costs neither memory nor time); a sidecar above `MAX_SIDECAR_BYTES` likewise. Metadata
values must be single values (a YAML list or alias bomb is refused, never expanded into text); dates in
front matter and sidecars are read as text, so an impossible date is an error naming its field and line.

**Offsets.** Every character offset in the project (mentions, evidence spans of events) indexes
`Source.text`, the *normalised* text: decoded, byte-order mark removed, front matter removed, line ends turned
into `\\n`, Unicode NFC; for HTML, the main text that was extracted (scripts, styles and navigation dropped).
`Source.sha256` is the SHA-256 of that normalised text in UTF-8, so the same article saved in another encoding
or with other line ends counts as a duplicate.

Every load reads and parses every file (about 0.1 s for 1,000 articles); the content hash decides whether an
article's events are extracted again.

Modules: `model` (Source, Duplicate, SourceSet), `text` (decoding, normalisation, front matter), `html` (a page's
main text), `metadata` (sources.csv, sidecars), `duplicates` (one article per text and id), `intake` (loading
files and folders), `add` (add-source).
"""

from __future__ import annotations

from isk_atlas.sources.add import add_source, fetch_url
from isk_atlas.sources.html import html_fallback_text, html_to_text
from isk_atlas.sources.intake import MAX_ARTICLE_BYTES, load_source, load_sources
from isk_atlas.sources.metadata import (
    CSV_COLUMNS,
    META_FIELDS,
    METADATA_FILE,
    load_metadata,
    parse_published,
    source_id_for,
)
from isk_atlas.sources.model import ARTICLE_SUFFIXES, Duplicate, Source, SourceSet
from isk_atlas.sources.text import content_hash, decode_bytes, normalize_text, split_front_matter

__all__ = [
    "ARTICLE_SUFFIXES",
    "CSV_COLUMNS",
    "MAX_ARTICLE_BYTES",
    "METADATA_FILE",
    "META_FIELDS",
    "Duplicate",
    "Source",
    "SourceSet",
    "add_source",
    "content_hash",
    "decode_bytes",
    "fetch_url",
    "html_fallback_text",
    "html_to_text",
    "load_metadata",
    "load_source",
    "load_sources",
    "normalize_text",
    "parse_published",
    "source_id_for",
    "split_front_matter",
]
