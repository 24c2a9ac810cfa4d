"""Save a map as one HTML file. Offline: every script, stylesheet and image inlined from installed packages, no
tiles, and a check that nothing in the page still points outside it (raises `OfflineError` if anything does)."""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import folium

from isk_atlas import atomic
from isk_atlas.maps import assets
from isk_atlas.maps.elements import AtlasMap, Payloads

_SCRIPT_LINK = re.compile(r'<script\s+src="([^"]+)"\s*>\s*</script>')
_CSS_LINK = re.compile(r'<link\s+rel="stylesheet"\s+href="([^"]+)"\s*/?>')
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]*)", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"@import", re.IGNORECASE)
# Attributes that make a browser fetch something (or navigate) when the page loads or is clicked.
_URL_ATTRIBUTES = {"src", "href", "srcset", "data", "poster", "background", "action", "xlink:href"}


class OfflineError(RuntimeError):
    """The page still refers to something outside itself."""

    def __init__(self, references: list[str]) -> None:
        self.references = references
        listed = "\n  ".join(references[:20])
        super().__init__(f"the offline page still refers to {len(references)} outside asset(s):\n  {listed}")


def _internal(value: str) -> bool:
    value = value.strip()
    return value == "" or value.startswith(("data:", "#"))


class _References(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in _URL_ATTRIBUTES and not _internal(value):
                self.found.append(f"<{tag} {name}={value!r}>")
            elif name == "style":
                self._check_css(value, f"<{tag} style>")
        self._in_style = tag == "style"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self._in_style = False

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self._check_css(data, "<style>")

    def _check_css(self, css: str, where: str) -> None:
        for match in _CSS_URL.finditer(css):
            if not _internal(match.group(1)):
                self.found.append(f"{where} url({match.group(1)})")
        if _CSS_IMPORT.search(css):
            self.found.append(f"{where} @import")


def external_references(page: str) -> list[str]:
    """Every src/href/url(...) in the page's markup and styles that is not a data: URI or a #fragment."""
    parser = _References()
    parser.feed(page)
    parser.close()
    return parser.found


def inline_assets(page: str) -> str:
    """Replace CDN script and stylesheet links by the installed files' contents (unknown links stay, to be caught)."""

    def script(match: re.Match[str]) -> str:
        path = assets.installed_file(match.group(1))
        if path is None:
            return match.group(0)
        text = f"<script>{assets.script_text(path)}</script>"
        if path.name == "leaflet.js":
            text += f"\n<script>{assets.leaflet_icon_script()}</script>"
        return text

    def stylesheet(match: re.Match[str]) -> str:
        path = assets.installed_file(match.group(1))
        return match.group(0) if path is None else f"<style>{assets.css_text(path)}</style>"

    # As `_CSS_LINK.sub(stylesheet, _SCRIPT_LINK.sub(script, page))`, joining the page once instead of twice: the
    # stylesheet links are looked for in each piece of the first substitution's result, which finds the same
    # links unless one could span two pieces (a "<link" that is no whole link, before the last piece).
    pieces = _substituted(_SCRIPT_LINK, "<script", script, page, whole=True)
    assert pieces is not None
    done: list[str] = []
    for i, piece in enumerate(pieces):
        found = _substituted(_CSS_LINK, "<link", stylesheet, piece, whole=i == len(pieces) - 1)
        if found is None:
            return "".join(_substituted(_CSS_LINK, "<link", stylesheet, "".join(pieces), whole=True) or [])
        done += found
    return "".join(done)


def _substituted(
    pattern: re.Pattern[str], start: str, replace: Callable[[re.Match[str]], str], text: str, whole: bool
) -> list[str] | None:
    """`pattern.sub(replace, text)` in pieces (to be joined), for a pattern whose every match begins with `start`:
    the regex is tried only where `start` occurs (str.find skips megabytes of page data far faster than the regex
    engine does). When the text is not `whole` (more follows it), None if a `start` in it is not a match."""
    pieces = []
    done = 0
    at = text.find(start)
    while at >= 0:
        match = pattern.match(text, at)
        if match is None:
            if not whole:
                return None
            at = text.find(start, at + 1)
            continue
        pieces += [text[done:at], replace(match)]
        done = match.end()
        at = text.find(start, done)
    pieces.append(text[done:])
    return pieces


def _private_paths() -> list[str]:
    paths = {str(Path.home()), str(Path.cwd()), str(Path(__file__).resolve().parents[3])}
    return sorted(p for p in paths if len(p) > 1)


def render_html(fmap: folium.Map, offline: bool = True) -> str:
    """The page as one string; offline pages are checked to be self-contained (raises `OfflineError`)."""
    if not offline and isinstance(fmap, AtlasMap) and not fmap.tiles_added:
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap", overlay=False, control=True).add_to(fmap)
        fmap.tiles_added = True
    # Rendered with the big JSON payloads set aside (see elements.Payloads): the links are inlined and the page
    # checked without copying and scanning megabytes of data four times over, and joined once at the end.
    payloads = Payloads()
    skeleton: str = fmap.get_root().render(payloads=payloads)
    if offline:
        skeleton = inline_assets(skeleton)
    pieces = payloads.pieces(skeleton)
    if pieces is None:  # a token lost or repeated (not expected): render and check the page whole
        page: str = fmap.get_root().render()
        pieces = [inline_assets(page) if offline else page]
        skeleton = pieces[0]
    if offline:
        found = external_references(skeleton)
        if found:
            raise OfflineError(found)
    page = "".join(pieces)
    leaked = [p for p in _private_paths() if _mentions(p, pieces, page)]
    if leaked:
        raise OfflineError([f"local path {p}" for p in leaked])
    return page


def _mentions(path: str, pieces: list[str], page: str) -> bool:
    """`path in page`, page being `"".join(pieces)` (text, payload, text, ...): searched piece by piece, and around
    each join only the characters a match across it uses."""
    if any(path in piece for piece in pieces):
        return True
    reach = len(path) - 1
    at = 0
    for piece in pieces[:-1]:
        at += len(piece)
        if reach and path in page[max(0, at - reach) : at + reach]:
            return True
    return False


def save(fmap: folium.Map, path: str | Path, offline: bool = True) -> Path:
    """Write the map as one HTML file (atomically). Offline: works with no network, or raises `OfflineError`.

    `offline=False` keeps folium's CDN links and adds a web tile layer under the provinces.
    """
    target = Path(path)
    atomic.write_text(target, render_html(fmap, offline=offline))
    return target
