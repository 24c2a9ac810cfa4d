"""Saving pages: the installed assets replace the CDN links exactly as two regex substitutions would, and a page
rendered with its data set aside is checked and joined into the same page as one rendered whole."""

from __future__ import annotations

import re
from pathlib import Path

import folium
import pytest

from isk_atlas.maps import OfflineError, assets, build_maps, render_html, save
from isk_atlas.maps.elements import LEAFLET_CSS, LEAFLET_JS, Payloads, js_json
from isk_atlas.maps.export import _CSS_LINK, _SCRIPT_LINK, _mentions, inline_assets
from tests.hostile_fixtures import TEXT, hostile_events, hostile_metadata


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


def test_prepared_assets_lose_their_source_maps_and_closing_tags() -> None:
    path = assets.installed_file(LEAFLET_JS[1])
    assert path is not None
    script = assets.script_text(path)
    assert "sourceMappingURL" in path.read_text(encoding="utf-8")  # the installed file has one to drop
    assert "sourceMappingURL" not in script and "</script" not in script
    css = assets.installed_file(LEAFLET_CSS[1])
    assert css is not None and assets.css_text(css) == assets.css_text(css)
    assert "url(images/" not in assets.css_text(css)


def _plain_page(fmap: folium.Map, offline: bool) -> str:
    """What render_html did before payloads were set aside: render the whole page, inline and check it whole."""
    if not offline:
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap", overlay=False, control=True).add_to(fmap)
    page: str = fmap.get_root().render()
    return inline_assets(page) if offline else page


@pytest.mark.parametrize("offline", [True, False])
def test_a_page_rendered_with_its_payloads_set_aside_is_the_whole_page(offline: bool) -> None:
    def built() -> dict[str, folium.Map]:
        return build_maps(hostile_events(), hostile_metadata(), texts={"evil": TEXT})

    for key, fmap in built().items():
        page = render_html(fmap, offline=offline)
        plain = _plain_page(built()[key], offline)
        # folium's element names are random: made uniform, the pages must agree byte for byte
        assert re.sub(r"_[0-9a-f]{32}", "_id", page) == re.sub(r"_[0-9a-f]{32}", "_id", plain)
        assert "\x00" not in page


def test_a_map_rendered_again_is_the_same_page() -> None:
    fmap = build_maps(hostile_events(), hostile_metadata(), texts={"evil": TEXT})["combined"]
    assert render_html(fmap) == render_html(fmap)


def test_payload_tokens_are_cut_out_in_order() -> None:
    payloads = Payloads()
    skeleton = f"a{payloads.token(js_json({'x': 1}))}b{payloads.token(js_json([2]))}c"
    assert payloads.pieces(skeleton) == ["a", '{"x":1}', "b", "[2]", "c"]
    assert payloads.pieces(skeleton + "\x00") == ["a", '{"x":1}', "b", "[2]", "c\x00"]  # a NUL of its own
    assert payloads.pieces(skeleton.replace('"1', '"7')) is None


def test_a_local_path_is_found_across_every_join() -> None:
    path = "/home/analyst/isk"
    page = f'<script>var a = {{"p":"{path}"}};</script>'
    for start in range(len(page)):
        for end in range(start + 1, len(page) + 1):
            pieces = [page[:start], page[start:end], page[end:]]
            assert _mentions(path, pieces, page) == (path in page)
    assert not _mentions(path, ["abc", '{"p":"/home/anal', "yst/is"], 'abc{"p":"/home/analyst/is')


def test_a_local_path_in_a_payload_is_refused(tmp_path: Path) -> None:
    metadata = hostile_metadata()
    metadata["evil"] = metadata["evil"].model_copy(update={"title": f"notes in {Path.cwd() / 'x.txt'}"})
    fmap = build_maps(hostile_events(), metadata, texts={"evil": TEXT})["attacks"]
    with pytest.raises(OfflineError, match="local path"):
        save(fmap, tmp_path / "attacks.html")
    assert list(tmp_path.iterdir()) == []


def test_a_saved_page_never_compiles_article_text_as_a_template(monkeypatch: pytest.MonkeyPatch) -> None:
    # branca's MacroElement compiles each macro's output as a template once more; with the data set aside, that
    # output holds only code and tokens. Every template branca compiles while the page is rendered is recorded.
    import branca.element

    compiled: list[str] = []
    real_template = branca.element.Template

    def recorded(source: str, *args: object, **kwargs: object) -> object:
        compiled.append(source)
        return real_template(source, *args, **kwargs)

    events = hostile_events()
    events[0] = events[0].model_copy(update={"summary": "A summary only the article gives"})
    fmap = build_maps(events, hostile_metadata(), texts={"evil": TEXT})["combined"]
    monkeypatch.setattr(branca.element, "Template", recorded)
    page = render_html(fmap)
    assert compiled and "A summary only the article gives" in page
    assert not any("only the article gives" in source or TEXT[:40] in source for source in compiled)


def test_a_map_shown_in_a_notebook_is_the_saved_page_in_a_frame() -> None:
    import html

    fmap = build_maps(hostile_events(), hostile_metadata(), texts={"evil": TEXT})["combined"]
    shown = fmap._repr_html_()
    assert shown.count("<iframe ") == 1 and 'sandbox="allow-scripts' in shown  # as isk_atlas.maps.notebook shows
    page = html.unescape(shown.split('srcdoc="', 1)[1].split('"', 1)[0])
    assert re.sub(r"_[0-9a-f]{32}", "_id", page) == re.sub(r"_[0-9a-f]{32}", "_id", render_html(fmap))


def test_each_layer_is_added_to_its_map_once_however_often_the_map_is_rendered() -> None:
    # Our layers add themselves in their own script; folium is told show=False and must add nor remove nothing
    # for them (folium >= 0.20: an older LayerControl removed layers with show=False, a newer one might).
    from isk_atlas.maps.elements import AreaLayer, EventLayer

    fmap = build_maps(hostile_events(), hostile_metadata(), texts={"evil": TEXT})["combined"]
    layers = [child for child in fmap._children.values() if isinstance(child, AreaLayer | EventLayer)]
    assert len(layers) >= 5
    for page in (render_html(fmap), render_html(fmap), fmap._repr_html_()):
        for layer in layers:
            name = layer.get_name()
            assert page.count(f"{name}.addTo(") == (1 if layer.shown else 0), name
            assert f"{name}.remove()" not in page
