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

**Rebuilds.** `load_sources` remembers, for the life of the process, what each article file parsed into, keyed by
the file's identity (path, size, modification time in nanoseconds, inode) and that of its sidecars and its
`sources.csv` row: an unchanged file is not read or parsed again. A file modified in the last two seconds is
never taken from the memo (a coarse clock could hide a second write). The content hash, not this memo, decides
whether an article's events are extracted again. `load_metadata` remembers each `sources.csv` row it checked, by
the row's cells (the rows of each file's last reading): an appended row is the only one checked again.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import re
import time
import unicodedata
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from isk_atlas.errors import InputError
from isk_atlas.pagedate import page_date
from isk_atlas.schema import SourceMeta

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
METADATA_FILE = "sources.csv"
META_FIELDS = ("title", "publisher", "author", "url", "published", "published_precision", "published_note")
CSV_COLUMNS = ("file", "source_id", *META_FIELDS)
# Size caps, checked before a file is read: a news article is well under 1 MB of text; extraction runs at
# about 3 s per MB, so the cap bounds one article's cost to about a minute and its memory to a few hundred MB.
MAX_ARTICLE_BYTES = 20_000_000
MAX_SIDECAR_BYTES = 1_000_000

_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_.\-]+")
_NOT_IN_URL = re.compile(r"[\s\"<>\\`\x00-\x1f\x7f]")
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


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


# ---------------------------------------------------------------------------------------------- helpers


def source_id_for(file_name: str) -> str:
    """The default source id of an article file: its name without extension, reduced to safe characters."""
    stem = Path(file_name).name
    for suffix in ARTICLE_SUFFIXES:
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    return _UNSAFE_ID.sub("_", stem).strip("_.") or "source"


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def normalize_text(text: str) -> str:
    """The normalisation every offset refers to: no BOM, `\\n` line ends, Unicode NFC."""
    text = text.removeprefix("\ufeff")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def parse_published(value: object) -> tuple[dt.date | None, str]:
    """An ISO date, possibly partial (`2023`, `2023-03`, `2023-03-16`), as (first day, precision)."""
    if value is None or value == "":
        return None, "unknown"
    if isinstance(value, dt.datetime):
        return value.date(), "day"
    if isinstance(value, dt.date):
        return value, "day"
    text = str(value).strip()
    match = _PARTIAL_DATE.match(text)
    if not match:
        # Timestamps such as 2023-03-16T10:00:00Z keep their date part.
        head = re.match(r"^(\d{4}-\d{2}-\d{2})[T ]", text)
        if not head:
            raise ValueError(f"{text!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
        match = _PARTIAL_DATE.match(head.group(1))
        assert match is not None
    year, month, day = match.groups()
    try:
        if day is not None:
            return dt.date(int(year), int(month), int(day)), "day"
        if month is not None:
            return dt.date(int(year), int(month), 1), "month"
        return dt.date(int(year), 1, 1), "year"
    except ValueError as error:
        raise ValueError(f"{text!r} is not a valid date: {error}") from None


def _meta_values(
    raw: Mapping[str, Any], where: Path, line: int | None, lines: Mapping[str, int] | None = None
) -> dict[str, Any]:
    """Check and convert metadata fields (from CSV, sidecar or front matter) into SourceMeta keyword values.

    `lines`, when given, is the line of each field (front matter), else every field is reported at `line`.
    """
    values: dict[str, Any] = {}
    for key, value in raw.items():
        line = (lines or {}).get(str(key), line)
        if key in ("file", "source_id", "sha256"):
            continue
        if not isinstance(key, str) or key not in META_FIELDS:
            raise InputError(where, f"unknown metadata field (known: {', '.join(META_FIELDS)})", line=line, field=key)
        if value is None or value == "":
            continue
        if not isinstance(value, str | int | float | dt.date):
            # A list or mapping (possibly a YAML alias bomb) is never a title or a date; never stringify it.
            raise InputError(where, f"must be a single value, not a {type(value).__name__}", line=line, field=key)
        if key == "published":
            try:
                date, precision = parse_published(value)
            except ValueError as error:
                raise InputError(where, str(error), line=line, field=key) from None
            values["published"] = date
            values.setdefault("published_precision", precision)
        elif key == "url" and not str(value).strip().lower().startswith(("http://", "https://")):
            # A javascript: or data: link would run in the browser of whoever opens the map.
            raise InputError(where, f"{value!r} must start with http:// or https://", line=line, field=key)
        elif key == "url" and _NOT_IN_URL.search(str(value).strip()):
            # Quotes, angle brackets and spaces are never part of an address; they are how markup is smuggled.
            raise InputError(
                where, f"{value!r} holds characters an address cannot (quotes, <, >, spaces)", line=line, field=key
            )
        else:
            values[key] = str(value).strip()
    return values


def _make_meta(values: dict[str, Any], where: Path, line: int | None) -> SourceMeta:
    try:
        return SourceMeta(**values)
    except ValidationError as error:
        first = error.errors()[0]
        loc = ".".join(str(part) for part in first["loc"]) or None
        raise InputError(where, first["msg"], line=line, field=loc) from None


# ---------------------------------------------------------------------------------------------- metadata


def load_metadata(folder: str | Path, problems: list[InputError] | None = None) -> dict[str, SourceMeta]:
    """Read `folder/sources.csv` into SourceMeta records keyed by source id.

    Only the `file` column is required; `source_id` defaults to the file name without extension, and a partial
    `published` date (`2023-03`) gets month precision unless `published_precision` says otherwise.
    A bad row raises InputError naming the line, or, when `problems` is given, is recorded there and skipped.
    """
    # The caller's own records: changing one never reaches the memo.
    return {source_id: row[0].model_copy() for source_id, row in _read_metadata(folder, problems).items()}


# A checked sources.csv row: its record, and the record as JSON (what the parse memo's key holds of it). Both are
# the memo's own, never handed out, so never changed.
_CheckedRow = tuple[SourceMeta, str]


def _read_metadata(folder: str | Path, problems: list[InputError] | None) -> dict[str, _CheckedRow]:
    """`load_metadata`, with the memo's own records: for callers that only read them."""
    path = Path(folder) / METADATA_FILE
    if not path.is_file():
        return {}
    try:
        raw = decode_bytes(path.read_bytes(), path)
    except InputError as error:
        if problems is None:
            raise
        problems.append(error)
        return {}
    reader = csv.DictReader(io.StringIO(normalize_text(raw)))
    header = reader.fieldnames or []
    result: dict[str, _CheckedRow] = {}

    def fail(error: InputError) -> None:
        if problems is None:
            raise error
        problems.append(error)

    if "file" not in header:
        fail(InputError(path, "the header has no 'file' column", line=1))
        return result
    unknown = [name for name in header if name not in CSV_COLUMNS]
    if unknown:
        fail(InputError(path, f"unknown column(s) {', '.join(unknown)}; known: {', '.join(CSV_COLUMNS)}", line=1))
        return result
    where = str(path.absolute())
    remembered = _checked_rows.pop(where, {})
    checked: dict[tuple[tuple[str, str | None], ...], _CheckedRow] = {}
    for row in reader:
        line = reader.line_num
        try:
            if None in row:
                raise InputError(path, "more cells than columns", line=line)
            # A row is checked once: the same cells (in this file, last time) give the same record.
            cells = tuple(row.items())
            known = checked.get(cells) or remembered.get(cells)
            if known is None:
                meta = _checked_row(row, path, line)
                known = (meta, meta.model_dump_json())
            checked[cells] = known
            source_id = known[0].source_id
            if source_id in result:
                raise InputError(path, f"source id {source_id!r} appears twice", line=line, field="source_id")
            result[source_id] = known
        except InputError as error:
            fail(error)
    _checked_rows[where] = checked
    while len(_checked_rows) > MEMO_MAX_METADATA_FILES:
        del _checked_rows[next(iter(_checked_rows))]  # the file read longest ago
    return result


# Checked rows of the sources.csv files read last, by file: the rows of its last reading only, by their cells.
MEMO_MAX_METADATA_FILES = 8
_checked_rows: dict[str, dict[tuple[tuple[str, str | None], ...], _CheckedRow]] = {}


def _checked_row(row: Mapping[str, str | None], path: Path, line: int) -> SourceMeta:
    """One sources.csv row as a SourceMeta record; InputError naming the line when a cell is wrong."""
    file_name = (row.get("file") or "").strip()
    if not file_name:
        raise InputError(path, "empty file name", line=line, field="file")
    source_id = (row.get("source_id") or "").strip() or source_id_for(file_name)
    values = _meta_values(row, path, line)
    return _make_meta({"source_id": source_id, "file": file_name, **values}, path, line)


# ---------------------------------------------------------------------------------------------- decoding


class _MetaLoader(yaml.SafeLoader):
    """A safe loader that keeps dates as text: an impossible date is then one field's error, not a crash."""


_MetaLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
# What a malformed YAML or JSON document can raise besides its own error class (deep nesting, odd scalars).
_PARSE_ERRORS = (ValueError, TypeError, RecursionError)

_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# The same characters as bytes: in UTF-8 a byte below 0x80 is always the character of that code, so deleting these
# bytes from the encoded text counts the characters (ten times faster than the regular expression).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])


def _control_count(text: str) -> int:
    encoded = text.encode("utf-8", "surrogatepass")
    return len(encoded) - len(encoded.translate(None, _CONTROL_BYTES))


def decode_bytes(data: bytes, path: Path) -> str:
    """Decode an article: BOM first, then strict UTF-8, then cp1252, then charset-normalizer's best guess.

    Whatever the encoding, text made mostly of control characters is refused as binary: such bytes are valid
    UTF-8 and would otherwise pass as an article.
    """
    text, encoding = _decode(data, path)
    if _control_count(text) > max(3, len(text) // 100):
        raise InputError(path, f"looks binary (control characters after decoding as {encoding}); not an article")
    return text


def _decode(data: bytes, path: Path) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding.removesuffix("-sig")), encoding
            except UnicodeDecodeError as error:
                raise InputError(path, f"not valid {encoding} despite its byte-order mark: {error.reason}") from None
    if b"\x00" in data:
        raise InputError(path, "binary file (NUL bytes and no UTF-16 byte-order mark); not an article")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = ""
    if text and not _CONTROL.search(text):
        return text, "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(path, "cannot tell the text encoding (tried UTF-8, UTF-16/32 with BOM, cp1252 and others)")
    return str(best), str(best.encoding)


# ---------------------------------------------------------------------------------------------- front matter


def split_front_matter(text: str, path: Path) -> tuple[dict[str, Any], str]:
    """Split YAML front matter (`---` ... `---` at the very top) from the article body."""
    if not text.startswith("---\n"):
        return {}, text
    end = re.search(r"^(?:---|\.\.\.)[ \t]*$", text[4:], flags=re.MULTILINE)
    if end is None:
        raise InputError(path, "front matter opened with '---' is never closed", line=1)
    block = text[4 : 4 + end.start()]
    body = text[4 + end.end() :].removeprefix("\n")
    try:
        data = yaml.load(block, Loader=_MetaLoader) if block.strip() else {}  # noqa: S506 - a SafeLoader
    except _PARSE_ERRORS as error:
        raise InputError(path, f"malformed front matter: {error}", line=1) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        if mark is None or mark.line >= block.count("\n"):  # at the end of the block: point at what was opened
            mark = getattr(error, "context_mark", None) or mark
        line = mark.line + 2 if mark is not None else 1  # +1 for the opening '---', +1 for 1-based lines
        problem = getattr(error, "problem", None) or "invalid YAML"
        raise InputError(path, f"malformed front matter: {problem}", line=line) from None
    if not isinstance(data, dict):
        raise InputError(path, "front matter must be a mapping of field: value", line=2)
    return data, body


def front_matter_lines(text: str) -> dict[str, int]:
    """The 1-based line of each top-level field of the front matter at the top of `text` (to point errors)."""
    if not text.startswith("---\n"):
        return {}
    lines: dict[str, int] = {}
    for number, line in enumerate(text.split("\n")[1:], start=2):
        if re.match(r"^(?:---|\.\.\.)[ \t]*$", line):
            break
        key = re.match(r"^([A-Za-z_][\w-]*)\s*:", line)
        if key:
            lines.setdefault(key.group(1), number)
    return lines


def _sidecar_lines(raw: str) -> dict[str, int]:
    """The 1-based line of each field of a YAML (`key:` at the margin) or JSON (`"key":`) sidecar."""
    lines: dict[str, int] = {}
    for number, line in enumerate(raw.split("\n"), start=1):
        key = re.match(r'^\s*"([^"]+)"\s*:', line) or re.match(r"^([A-Za-z_][\w-]*)\s*:", line)
        if key:
            lines.setdefault(key.group(1), number)
    return lines


def _read_sidecar(
    article: Path, files: Collection[str] | None = None
) -> tuple[dict[str, Any], Path | None, dict[str, int]]:
    """The article's sidecar metadata; `files`, when given, names the files of its folder (no stat per name)."""
    stem = article.name[: -len(article.suffix)]
    for suffix in (".meta.yaml", ".meta.yml", ".meta.json"):
        if files is not None and stem + suffix not in files:
            continue
        sidecar = article.with_name(stem + suffix)
        if files is None and not sidecar.is_file():
            continue
        if sidecar.stat().st_size > MAX_SIDECAR_BYTES:
            raise InputError(sidecar, f"metadata file is larger than {MAX_SIDECAR_BYTES} bytes")
        try:
            raw = sidecar.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as error:
            raise InputError(sidecar, f"metadata is not UTF-8 text: {error.reason}") from None
        try:
            data = json.loads(raw) if suffix == ".meta.json" else yaml.load(raw, Loader=_MetaLoader)  # noqa: S506
        except json.JSONDecodeError as error:
            raise InputError(sidecar, f"malformed JSON: {error.msg}", line=error.lineno) from None
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            raise InputError(sidecar, "malformed YAML", line=mark.line + 1 if mark is not None else None) from None
        except _PARSE_ERRORS as error:
            raise InputError(sidecar, f"malformed metadata: {error}") from None
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise InputError(sidecar, "metadata must be a mapping of field: value", line=1)
        return data, sidecar, _sidecar_lines(raw)
    return {}, None, {}


# ---------------------------------------------------------------------------------------------- HTML

_SKIP_TAGS = frozenset(
    {"script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form", "iframe",
     "button", "select", "head", "figure"}
)  # fmt: skip
_BLOCK_TAGS = frozenset(
    {"p", "div", "section", "article", "main", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
     "blockquote", "pre", "table", "tr", "td", "th", "hr", "dd", "dt", "figcaption"}
)  # fmt: skip
_VOID_TAGS = frozenset({"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "wbr"})


class _MainTextParser(HTMLParser):
    """Stdlib fallback: the text of <article> or <main> if present, else of <body>, without boilerplate tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._skip_depth = 0
        self._stack: list[str] = []
        self.title_parts: list[str] = []
        self._in_title = False
        self.parts: dict[str, list[str]] = {"article": [], "main": [], "body": []}
        self._open_main: dict[str, int] = {"article": 0, "main": 0}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID_TAGS:
            if tag in ("br", "hr"):
                self._emit("\n")
            return
        self._stack.append(tag)
        role = dict(attrs).get("role") or ""
        if tag in _SKIP_TAGS or role in ("navigation", "banner", "contentinfo", "complementary"):
            self._skip_depth += 1
            self._stack[-1] = f"skip:{tag}"
        if tag == "title":
            self._in_title = True
        if tag in self._open_main:
            self._open_main[tag] += 1
        if tag in _BLOCK_TAGS:
            self._emit("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID_TAGS:
            return
        # Close up to the matching open tag, tolerating unclosed children.
        for index in range(len(self._stack) - 1, -1, -1):
            name = self._stack[index]
            if name.removeprefix("skip:") == tag:
                for closed in self._stack[index:]:
                    if closed.startswith("skip:"):
                        self._skip_depth -= 1
                    plain = closed.removeprefix("skip:")
                    if plain in self._open_main:
                        self._open_main[plain] -= 1
                    if plain == "title":
                        self._in_title = False
                del self._stack[index:]
                break
        if tag in _BLOCK_TAGS:
            self._emit("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title_parts.append(data)
            return
        self._emit(data)

    def _emit(self, data: str) -> None:
        if self._skip_depth:
            return
        self.parts["body"].append(data)
        for name, depth in self._open_main.items():
            if depth:
                self.parts[name].append(data)

    def main_text(self) -> str:
        for name in ("article", "main", "body"):
            text = _tidy_whitespace("".join(self.parts[name]))
            if text:
                return text
        return ""


def _tidy_whitespace(text: str) -> str:
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def html_fallback_text(html: str) -> tuple[str, str]:
    """(main text, title) with the standard library only."""
    parser = _MainTextParser()
    parser.feed(html)
    parser.close()
    return parser.main_text(), _tidy_whitespace("".join(parser.title_parts))


def html_to_text(html: str) -> tuple[str, dict[str, str]]:
    """Main text of an HTML page and what its metadata says (title, author, publisher, url, published).

    trafilatura does the work; when it finds nothing (tiny pages) the stdlib parser takes over.
    """
    # A required dependency: imported outside the try, so a broken install fails loudly instead of quietly
    # losing every page's metadata to the fallback parser.
    import trafilatura

    meta: dict[str, str] = {}
    text = ""
    try:
        text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True) or ""
        doc = trafilatura.extract_metadata(html)
        if doc is not None:
            for key, attr in (("title", "title"), ("author", "author"), ("publisher", "sitename"), ("url", "url")):
                value = getattr(doc, attr, None)
                if value:
                    meta[key] = str(value)
            if getattr(doc, "date", None):
                meta["published"] = str(doc.date)
    except Exception:
        text = ""
    fallback_text, fallback_title = html_fallback_text(html)
    if not text.strip():
        text = fallback_text
    if fallback_title and "title" not in meta:
        meta["title"] = fallback_title
    return _tidy_whitespace(text), meta


# ---------------------------------------------------------------------------------------------- loading


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
    sidecar, sidecar_path, sidecar_lines = _read_sidecar(path, folder_files)
    values.update(_meta_values(sidecar, sidecar_path or path, None, sidecar_lines))
    if path.suffix.lower() in (".html", ".htm"):
        text, html_meta = html_to_text(text)
        for key, value in _meta_values(html_meta_safe(html_meta), path, None).items():
            values.setdefault(key, value)
        text = normalize_text(text)
    else:
        lines = front_matter_lines(text)
        front, text = split_front_matter(text, path)
        values.update(_meta_values(front, path, 1, lines))
    if not text.strip():
        raise InputError(path, "no text left after removing markup and front matter")
    values["source_id"] = source_id or (csv_meta.source_id if csv_meta else source_id_for(path.name))
    values["file"] = path.name
    values["sha256"] = content_hash(text)
    return Source(meta=_make_meta(values, path, None), text=text, path=path)


def html_meta_safe(meta: dict[str, str]) -> dict[str, str]:
    """HTML metadata is a hint only: drop what would not validate (relative urls, odd dates)."""
    safe = dict(meta)
    url = safe.get("url", "").strip()
    if not url.lower().startswith(("http://", "https://")) or _NOT_IN_URL.search(url):
        safe.pop("url", None)
    if "published" in safe:
        try:
            parse_published(safe["published"])
        except ValueError:
            safe.pop("published")
    return safe


# ---------------------------------------------------------------------------------------------- parse memo

# A file whose modification time is this close to now may still change within the same clock tick.
RACY_NS = 2_000_000_000
# Parsed articles kept at most (their texts are held in memory): a corpus beyond that is parsed each time.
MEMO_MAX_ARTICLES = 50_000
_SIDECAR_SUFFIXES = (".meta.yaml", ".meta.yml", ".meta.json")
_parsed: dict[str, tuple[tuple[object, ...], Source]] = {}


def _stat_key(stat: os.stat_result, now_ns: int) -> tuple[int, int, int, int] | None:
    """(size, mtime_ns, inode, device), or None when the file changed too recently to be told apart."""
    if now_ns - stat.st_mtime_ns < RACY_NS:
        return None
    return (stat.st_size, stat.st_mtime_ns, stat.st_ino, stat.st_dev)


def _memo_key(
    entry: os.DirEntry[str], row: _CheckedRow | None, listing: Mapping[str, os.DirEntry[str]], now_ns: int
) -> tuple[object, ...] | None:
    """Everything a parse of the article `entry` depends on, by identity: the file, its sidecars and its
    sources.csv row (as JSON; `listing` is the folder's entries by name, whose stat is taken once)."""
    article = _stat_key(entry.stat(), now_ns)
    if article is None:
        return None
    sidecars: list[tuple[str, tuple[int, int, int, int]]] = []
    stem = entry.name.rpartition(".")[0]  # an article name always ends in one of ARTICLE_SUFFIXES
    for suffix in _SIDECAR_SUFFIXES:
        sidecar_entry = listing.get(stem + suffix)
        if sidecar_entry is not None:
            sidecar = _stat_key(sidecar_entry.stat(), now_ns)
            if sidecar is None:
                return None
            sidecars.append((suffix, sidecar))
    return (article, row[1] if row is not None else None, tuple(sidecars))


def forget_parsed() -> None:
    """Empty the parse memos (tests; or to free the texts they hold)."""
    _parsed.clear()
    _checked_rows.clear()


def _load_remembered(
    folder: Path,
    entry: os.DirEntry[str],
    row: _CheckedRow | None,
    listing: Mapping[str, os.DirEntry[str]],
    files: Collection[str],
    where: str,
    now_ns: int,
) -> Source:
    """`load_source(folder / entry.name, csv_meta)` (the record of `row`), from the memo when neither the file, nor
    its sidecars, nor its row changed.

    `files` names the sidecar files of the folder. `where` names the file in the memo (its folder resolved once
    per load, not each file: resolving costs a system call per path component)."""
    try:
        key = _memo_key(entry, row, listing, now_ns)
    except OSError:
        key = None
    remembered = _parsed.get(where)
    if key is not None and remembered is not None and remembered[0] == key:
        return remembered[1]
    source = load_source(folder / entry.name, row[0] if row is not None else None, folder_files=files)
    if key is not None and (where in _parsed or len(_parsed) < MEMO_MAX_ARTICLES):
        _parsed[where] = (key, source)
    return source


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
    by_file = {row[0].file: row for row in _read_metadata(folder, result.problems).values()}
    seen: dict[str, str] = {}
    # One directory listing: each entry's stat is taken once (os.scandir) and shared by the checks below.
    with os.scandir(folder) as scan:
        listing = {entry.name: entry for entry in scan}
    names = sorted(name for name, entry in listing.items() if _is_article(entry))
    sidecars = {name for name, entry in listing.items() if ".meta." in name and _is_file(entry)}
    for file_name in sorted(set(by_file) - set(names)):
        result.without_text.append(by_file[file_name][0].model_copy())  # the caller's own
    memo_folder = os.path.realpath(folder)
    now_ns = time.time_ns()
    used_ids: set[str] = set()
    for name in names:
        try:
            source = _load_remembered(
                folder, listing[name], by_file.get(name), listing, sidecars, memo_folder + os.sep + name, now_ns
            )
        except InputError as error:
            result.problems.append(error)
            continue
        except OSError as error:
            result.problems.append(InputError(folder / name, f"cannot read: {error.strerror or error}"))
            continue
        if source.sha256 in seen:
            result.duplicates.append(Duplicate(folder / name, source.source_id, seen[source.sha256]))
            continue
        if source.source_id in used_ids:
            result.problems.append(
                InputError(folder / name, f"source id {source.source_id!r} is already used by another article")
            )
            continue
        seen[source.sha256] = source.source_id
        used_ids.add(source.source_id)
        result.sources.append(source)
    return result


# ---------------------------------------------------------------------------------------------- add-source

FETCH_TIMEOUT_S = 20.0
FETCH_MAX_BYTES = 5_000_000
_ARTICLE_NAME = re.compile(r"^(\d{3})_")


def fetch_url(url: str, timeout: float = FETCH_TIMEOUT_S, max_bytes: int = FETCH_MAX_BYTES) -> tuple[bytes, str]:
    """GET an http(s) URL: (body, content type). Refuses other schemes and bodies above `max_bytes`."""
    import urllib.error
    import urllib.parse
    import urllib.request

    scheme = urllib.parse.urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise InputError(url, "only http:// and https:// addresses can be fetched")
    headers = {"User-Agent": "isk-atlas add-source", "Accept": "text/html,*/*"}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - scheme checked above
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - scheme checked above
            final_scheme = urllib.parse.urlsplit(response.geturl()).scheme.lower()
            if final_scheme not in ("http", "https"):
                raise InputError(url, f"redirected to a {final_scheme}: address")
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise InputError(url, f"page is {length} bytes, above the {max_bytes}-byte limit")
            body: bytes = response.read(max_bytes + 1)
            content_type = response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as error:
        raise InputError(url, f"HTTP {error.code} {error.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise InputError(url, f"cannot fetch: {reason}") from None
    if len(body) > max_bytes:
        raise InputError(url, f"page is larger than the {max_bytes}-byte limit")
    return body, str(content_type)


def _next_article_name(folder: Path, text: str) -> str:
    """`NNN_<16 hex of the text's hash>`, continuing the folder's numbering."""
    numbers = [int(m.group(1)) for p in folder.iterdir() if (m := _ARTICLE_NAME.match(p.name))]
    return f"{max(numbers, default=-1) + 1:03d}_{content_hash(text)[:16]}"


def add_source(target: str, folder: str | Path) -> Path:
    """Copy an article file, or fetch a URL and keep its main text, into the sources folder; returns the new file.

    A fetched page becomes `NNN_<hash>.txt` with a `.meta.yaml` sidecar (title, publisher, author, url,
    published as far as the page tells). Raises InputError for unusable input or an article already present.
    """
    import shutil

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    existing = load_sources(folder)
    known = {s.sha256: s.source_id for s in existing.sources}
    if re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*://", target):
        body, content_type = fetch_url(target)
        if not body.strip():
            raise InputError(target, "the page is empty")
        decoded = normalize_text(decode_bytes(body, Path(target)))
        looks_html = "html" in content_type.lower() or decoded.lstrip()[:200].lower().startswith(("<!doctype", "<html"))
        if looks_html:
            text, page_meta = html_to_text(decoded)
        else:
            text, page_meta = decoded, {}
        text = normalize_text(text).strip() + "\n"
        if not text.strip():
            raise InputError(target, "no article text found on the page")
        if content_hash(text) in known:
            raise InputError(target, f"already in the sources folder as {known[content_hash(text)]}")
        meta = _meta_values(html_meta_safe(page_meta), Path(target), None)
        meta["url"] = target if target.lower().startswith(("http://", "https://")) else meta.get("url", "")
        meta.setdefault("published_note", "")
        if meta.get("published") is None and (found := page_date(decoded if looks_html else None, text)):
            meta.update(published=found.date, published_precision=found.precision, published_note=found.note)
        meta["published_note"] = (meta["published_note"] + " " if meta["published_note"] else "") + (
            f"fetched with isk-atlas add-source on {dt.date.today().isoformat()}"
        )
        name = _next_article_name(folder, text)
        article = folder / f"{name}.txt"
        sidecar = {key: (value.isoformat() if isinstance(value, dt.date) else value) for key, value in meta.items()}
        from isk_atlas.atomic import write_text

        write_text(article.with_name(f"{name}.meta.yaml"), yaml.safe_dump(sidecar, sort_keys=False, allow_unicode=True))
        write_text(article, text)
        return article
    source_path = Path(target)
    if not source_path.is_file():
        raise InputError(source_path, "no such file")
    if not source_path.name.lower().endswith(ARTICLE_SUFFIXES):
        raise InputError(source_path, f"not an article file (expected one of {', '.join(ARTICLE_SUFFIXES)})")
    source = load_source(source_path)  # refuses empty, binary and malformed files before copying
    if source.sha256 in known:
        raise InputError(source_path, f"already in the sources folder as {known[source.sha256]}")
    destination = folder / source_path.name
    if destination.exists():
        raise InputError(source_path, f"{destination} exists with other text; rename the file first")
    from isk_atlas.atomic import write_bytes

    write_bytes(destination, source_path.read_bytes())
    stem = source_path.name[: -len(source_path.suffix)]
    for suffix in (".meta.yaml", ".meta.yml", ".meta.json"):
        sidecar_path = source_path.with_name(stem + suffix)
        if sidecar_path.is_file():
            shutil.copyfile(sidecar_path, folder / sidecar_path.name)
    return destination
