"""Offline pages: the installed assets replace the CDN links exactly as two regex substitutions would."""

from __future__ import annotations

import re

import pytest

from isk_atlas.maps import assets
from isk_atlas.maps.elements import LEAFLET_CSS, LEAFLET_JS
from isk_atlas.maps.export import _CSS_LINK, _SCRIPT_LINK, inline_assets


def _reference(page: str) -> str:
    """What inline_assets did with re.sub: every script link, then every stylesheet link of the result."""

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

    return _CSS_LINK.sub(stylesheet, _SCRIPT_LINK.sub(script, page))


JS = f'<script src="{LEAFLET_JS[1]}"></script>'
CSS = f'<link rel="stylesheet" href="{LEAFLET_CSS[1]}"/>'
UNKNOWN_JS = '<script src="https://example.invalid/x.js"></script>'
UNKNOWN_CSS = '<link rel="stylesheet" href="https://example.invalid/x.css">'


@pytest.mark.parametrize(
    "page",
    [
        f"<html><head>{JS}\n{CSS}</head><body><script>var a = 1;</script></body></html>",
        f"<head>{UNKNOWN_JS}{JS}{UNKNOWN_CSS}{CSS}</head>" + "x" * 10_000,
        f'<head><link rel="icon" href="a.png"><script>1</script>{JS}</head>',  # "<link" that is no stylesheet
        f"{CSS}{CSS}{JS}{JS}",
        "<head><script >no src</script><link>",
        "no links at all",
        f'<script src="{LEAFLET_JS[1]}">  \n  </script><link  rel="stylesheet"   href="{LEAFLET_CSS[1]}"  >',
    ],
)
def test_inlining_is_the_two_substitutions(page: str) -> None:
    assert inline_assets(page) == _reference(page)


def test_prepared_assets_are_remembered_by_content() -> None:
    path = assets.installed_file(LEAFLET_JS[1])
    assert path is not None
    first = assets.script_text(path)
    assert assets.script_text(path) is first  # the same text: prepared once
    assert "sourceMappingURL" not in first and "</script" not in first
    css = assets.installed_file(LEAFLET_CSS[1])
    assert css is not None and assets.css_text(css) == assets.css_text(css)
    assert "url(images/" not in assets.css_text(css)
