"""The main text and metadata of an HTML page (trafilatura, with a standard-library fallback)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

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
