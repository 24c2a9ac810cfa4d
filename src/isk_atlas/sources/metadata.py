"""An article's metadata: `sources.csv` rows, sidecar files and what an HTML page says, checked field by field
(single values, dates as text, http(s) links only) into `SourceMeta` records; an error names its file and line."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from isk_atlas.errors import InputError
from isk_atlas.schema import SourceMeta
from isk_atlas.sources.model import ARTICLE_SUFFIXES
from isk_atlas.sources.text import PARSE_ERRORS, MetaLoader, decode_bytes, normalize_text

METADATA_FILE = "sources.csv"
META_FIELDS = ("title", "publisher", "author", "url", "published", "published_precision", "published_note")
CSV_COLUMNS = ("file", "source_id", *META_FIELDS)
# A sidecar is a few lines of metadata; the cap is checked before it is read.
MAX_SIDECAR_BYTES = 1_000_000

_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_.\-]+")
_NOT_IN_URL = re.compile(r"[\s\"<>\\`\x00-\x1f\x7f]")
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def source_id_for(file_name: str) -> str:
    """The default source id of an article file: its name without extension, reduced to safe characters."""
    stem = Path(file_name).name
    for suffix in ARTICLE_SUFFIXES:
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    return _UNSAFE_ID.sub("_", stem).strip("_.") or "source"


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


def meta_values(
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


def make_meta(values: dict[str, Any], where: Path, line: int | None) -> SourceMeta:
    try:
        return SourceMeta(**values)
    except ValidationError as error:
        first = error.errors()[0]
        loc = ".".join(str(part) for part in first["loc"]) or None
        raise InputError(where, first["msg"], line=line, field=loc) from None


def load_metadata(folder: str | Path, problems: list[InputError] | None = None) -> dict[str, SourceMeta]:
    """Read `folder/sources.csv` into SourceMeta records keyed by source id.

    Only the `file` column is required; `source_id` defaults to the file name without extension, and a partial
    `published` date (`2023-03`) gets month precision unless `published_precision` says otherwise.
    A bad row raises InputError naming the line, or, when `problems` is given, is recorded there and skipped.
    """
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
    result: dict[str, SourceMeta] = {}

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
    for row in reader:
        line = reader.line_num
        try:
            if None in row:
                raise InputError(path, "more cells than columns", line=line)
            meta = _checked_row(row, path, line)
            if meta.source_id in result:
                raise InputError(path, f"source id {meta.source_id!r} appears twice", line=line, field="source_id")
            result[meta.source_id] = meta
        except InputError as error:
            fail(error)
    return result


def _checked_row(row: Mapping[str, str | None], path: Path, line: int) -> SourceMeta:
    """One sources.csv row as a SourceMeta record; InputError naming the line when a cell is wrong."""
    file_name = (row.get("file") or "").strip()
    if not file_name:
        raise InputError(path, "empty file name", line=line, field="file")
    source_id = (row.get("source_id") or "").strip() or source_id_for(file_name)
    values = meta_values(row, path, line)
    return make_meta({"source_id": source_id, "file": file_name, **values}, path, line)


def _sidecar_lines(raw: str) -> dict[str, int]:
    """The 1-based line of each field of a YAML (`key:` at the margin) or JSON (`"key":`) sidecar."""
    lines: dict[str, int] = {}
    for number, line in enumerate(raw.split("\n"), start=1):
        key = re.match(r'^\s*"([^"]+)"\s*:', line) or re.match(r"^([A-Za-z_][\w-]*)\s*:", line)
        if key:
            lines.setdefault(key.group(1), number)
    return lines


def read_sidecar(
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
            data = json.loads(raw) if suffix == ".meta.json" else yaml.load(raw, Loader=MetaLoader)  # noqa: S506
        except json.JSONDecodeError as error:
            raise InputError(sidecar, f"malformed JSON: {error.msg}", line=error.lineno) from None
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            raise InputError(sidecar, "malformed YAML", line=mark.line + 1 if mark is not None else None) from None
        except PARSE_ERRORS as error:
            raise InputError(sidecar, f"malformed metadata: {error}") from None
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise InputError(sidecar, "metadata must be a mapping of field: value", line=1)
        return data, sidecar, _sidecar_lines(raw)
    return {}, None, {}


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
