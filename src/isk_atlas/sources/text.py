"""An article's text as every offset indexes it: decoded (byte-order marks, UTF-8, cp1252, a guess), refused when
binary, normalised (`\\n` line ends, NFC), its YAML front matter split off, and its SHA-256; and what a page store's
copy of a page may open with (`STORE_DATE_PREFIX`), which the text keeps."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from isk_atlas.errors import InputError


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def normalize_text(text: str) -> str:
    """The normalisation every offset refers to: no BOM, `\\n` line ends, Unicode NFC."""
    text = text.removeprefix("\ufeff")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


# A page store's record of the page's date, opening some stored copies of a page: " date 2022-05-08 " and then the
# page's first words on the same line. It is the store's format, not news writing: the excerpts of the real-news
# corpus were saved exactly as the store returned them (data/realdev/README.md, "Notes on the texts"), and the
# text keeps the prefix, since every offset and the manifest's SHA-256 count it (the manifest's `published` holds
# the date it tells). So what the prefix is, is declared here, where stored texts are read; the patterns that look
# for a paragraph's opening (`isk_atlas.events.cues.PARAGRAPH_OPENING`, `DATELINE_CITY_BEFORE`) allow it there. A
# fragment of a regular expression (no anchors, no capturing group), for those patterns to embed.
STORE_DATE_PREFIX = r"date\s+\d{4}-\d\d(?:-\d\d)?\s+"


class MetaLoader(yaml.SafeLoader):
    """A safe loader that keeps dates as text: an impossible date is then one field's error, not a crash."""


MetaLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
# What a malformed YAML or JSON document can raise besides its own error class (deep nesting, odd scalars).
PARSE_ERRORS = (ValueError, TypeError, RecursionError)

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
        data = yaml.load(block, Loader=MetaLoader) if block.strip() else {}  # noqa: S506 - a SafeLoader
    except PARSE_ERRORS as error:
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
