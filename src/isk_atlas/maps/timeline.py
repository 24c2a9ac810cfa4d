"""The time filter's histogram: events per month, stacked by layer, following the layer toggles.

`monthly_counts` counts the dated events of each layer per month (the notebooks chart the same table); `Timeline`
is the map element that draws it inside the time filter (`IskAtlas.timeControl`) with its own script,
`timeline.js`, built in the page from textContent and SVG nodes only.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd
from branca.element import MacroElement
from folium.template import Template

from isk_atlas.maps.elements import js_json

_SCRIPT = Path(__file__).resolve().parent / "timeline.js"


def monthly_counts(dates_by_layer: Mapping[str, pd.Series]) -> pd.DataFrame:
    """Events per month (rows, `YYYY-MM`, every month from the first to the last, empty ones included) and layer
    (columns, in the order given), from each layer's ISO start dates; undated events are not counted."""
    counts = {}
    for name, dates in dates_by_layer.items():
        months = pd.to_datetime(pd.Series(dates, dtype=object), errors="coerce", format="ISO8601").dt.to_period("M")
        counts[name] = months.dropna().value_counts()
    table = pd.DataFrame(counts).fillna(0).astype(int)
    if table.empty:
        return pd.DataFrame(columns=list(dates_by_layer), dtype=int)
    every = pd.period_range(table.index.min(), table.index.max(), freq="M")
    table = table.reindex(every, fill_value=0)
    table.index = table.index.astype(str)
    return table[[name for name in dates_by_layer]]


class Timeline(MacroElement):
    """A histogram of events per month stacked by layer, drawn in the map's time filter (add it after the
    `TimeControl`); a layer switched off in the layer control leaves the stacks, and months outside the chosen
    dates are faded."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
            <script>{{ this.script_text }}</script>
        {% endmacro %}
        {% macro script(this, kwargs) %}
            IskAtlasTimeline.attach({{ this._parent.get_name() }}, {{ this.config }});
        {% endmacro %}
        """
    )

    def __init__(self, counts: pd.DataFrame, colors: Mapping[str, str]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "Timeline"
        self.script_text = _SCRIPT.read_text(encoding="utf-8")
        layers = [str(name) for name in counts.columns]
        self.config = js_json(
            {
                "months": [str(month) for month in counts.index],
                "layers": layers,
                "colors": [colors.get(name, "#777") for name in layers],
                "counts": [[int(n) for n in counts[name].tolist()] for name in counts.columns],
            }
        )
