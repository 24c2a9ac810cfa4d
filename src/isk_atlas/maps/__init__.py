"""Layered maps of reported ISIS-K activity: build them, save them (offline or online), photograph them."""

from __future__ import annotations

from isk_atlas.maps.export import OfflineError, external_references, render_html, save
from isk_atlas.maps.render import LAYER_NAMES, MAP_KEYS, build_maps
from isk_atlas.maps.screenshot import ScreenshotError, screenshot

__all__ = [
    "LAYER_NAMES",
    "MAP_KEYS",
    "OfflineError",
    "ScreenshotError",
    "build_maps",
    "external_references",
    "render_html",
    "save",
    "screenshot",
]
