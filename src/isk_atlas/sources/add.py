"""`isk-atlas add-source`: copy an article file, or fetch a page and keep its main text, into a sources folder."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from isk_atlas.errors import InputError
from isk_atlas.pagedate import page_date
from isk_atlas.sources.html import html_to_text
from isk_atlas.sources.intake import load_source, load_sources
from isk_atlas.sources.metadata import html_meta_safe, meta_values
from isk_atlas.sources.model import ARTICLE_SUFFIXES
from isk_atlas.sources.text import content_hash, decode_bytes, normalize_text

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
        meta = meta_values(html_meta_safe(page_meta), Path(target), None)
        meta["url"] = target if target.lower().startswith(("http://", "https://")) else meta.get("url", "")
        meta.setdefault("published_note", "")
        # page_date says where the date came from and prefers the original publication over a later update, so it
        # goes before the generic metadata reader's date.
        if found := page_date(decoded if looks_html else None, text):
            meta.update(published=found.date, published_precision=found.precision, published_note=found.note)
        elif meta.get("published") is not None and not meta["published_note"]:
            meta["published_note"] = "from the page's metadata"
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
