"""How a map shows itself in a notebook: the same page `save` writes, inside a sandboxed iframe in the cell's output.

Offline (the default) the page carries Leaflet, its plugins and the project's runtime inlined from the installed
packages, exactly as the exported page does, so the map draws in JupyterLab with no network; online it keeps the
CDN links and adds web tiles, as `isk-atlas build --online` does. The page goes into the iframe's `srcdoc`, so the
output needs no server of its own and draws wherever the notebook is run again (JupyterLab, a colleague's copy,
another front end). The sandbox lets the map's scripts run but gives them no access to the notebook page or the
Jupyter server (no same origin): article text shown in popups is escaped anyway, and this keeps it that way if
escaping ever failed.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import folium

from isk_atlas.maps.export import render_html, save

FRAME_HEIGHT = "700px"  # room for the combined map's legend and time control beside each other
# Scripts run; links in popups may open a new tab outside the sandbox; no same-origin, forms or top navigation.
FRAME_SANDBOX = "allow-scripts allow-popups allow-popups-to-escape-sandbox"
# Shown behind the frame: visible only where the front end drops the frame (a saved notebook not run again).
NOT_DRAWN_NOTE = "The map is drawn when this cell runs (a saved notebook's map needs its cells run again)."


@dataclass(frozen=True)
class NotebookMap:
    """One of the atlas maps as a notebook cell shows it (`_repr_html_`); `save` writes the same page to a file."""

    folium_map: folium.Map
    name: str
    offline: bool = True

    def page_html(self) -> str:
        """The whole page, as `save` writes it (offline: checked to refer to nothing outside itself)."""
        return render_html(self.folium_map, offline=self.offline)

    def _repr_html_(self) -> str:
        return frame_html(self.page_html(), title=f"isk-atlas map: {self.name}")

    def save(self, path: str | Path) -> Path:
        """Write the page as one HTML file (offline or online, as this map)."""
        return save(self.folium_map, path, offline=self.offline)

    def __repr__(self) -> str:
        return f"<isk-atlas map {self.name!r}, {'offline' if self.offline else 'online'}>"


def frame_html(page: str, title: str) -> str:
    """A cell output holding `page` in a sandboxed iframe (its `srcdoc`, escaped) over a note saying how to draw
    it, in the output's full width."""
    return (
        f'<div class="isk-atlas-frame" style="position:relative;width:100%;height:{FRAME_HEIGHT};">'
        f'<p style="position:absolute;margin:1em;color:#565656;">{html.escape(NOT_DRAWN_NOTE)}</p>'
        f'<iframe title="{html.escape(title)}" sandbox="{FRAME_SANDBOX}" srcdoc="{html.escape(page, quote=True)}"'
        ' style="position:absolute;left:0;top:0;width:100%;height:100%;border:none;" allowfullscreen></iframe>'
        "</div>"
    )
