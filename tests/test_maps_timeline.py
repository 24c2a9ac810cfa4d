"""The timeline: events per month by layer, and its map element."""

from __future__ import annotations

import json

import pandas as pd

from isk_atlas.maps.timeline import Timeline, monthly_counts


def test_months_are_counted_per_layer_with_empty_months_between() -> None:
    table = monthly_counts(
        {
            "Attacks": pd.Series(["2021-01-05", "2021-01-20", None, "2021-04-02"]),
            "UCDP GED": pd.Series(["2021-02-10"]),
        }
    )
    assert table.index.tolist() == ["2021-01", "2021-02", "2021-03", "2021-04"]
    assert table["Attacks"].tolist() == [2, 0, 0, 1]
    assert table["UCDP GED"].tolist() == [0, 1, 0, 0]


def test_no_dated_events_give_an_empty_table() -> None:
    assert monthly_counts({"Attacks": pd.Series([None])}).empty


def test_the_element_carries_the_counts_and_colours_as_escaped_json() -> None:
    table = monthly_counts({"<b>x</b>": pd.Series(["2021-01-05"])})
    element = Timeline(table, {"<b>x</b>": "#123456"})
    config = json.loads(element.config)
    assert config == {"months": ["2021-01"], "layers": ["<b>x</b>"], "colors": ["#123456"], "counts": [[1]]}
    assert "<b>" not in element.config
    assert "IskAtlasTimeline" in element.script_text


def test_the_script_holds_nothing_branca_would_read_as_a_template() -> None:
    # branca renders a macro's output as a Jinja template once more: the script must not look like one.
    script = Timeline(monthly_counts({"A": pd.Series(["2021-01-05"])}), {}).script_text
    assert not any(marker in script for marker in ("{{", "{%", "{#"))
