"""Dataset formats: the published layouts, and the format told from a header."""

from __future__ import annotations

import pytest

from isk_atlas.datasets.formats import ACLED, ACLED_COLUMNS, GED, GED_COLUMNS, detect_format


def test_the_published_layouts_have_49_and_31_columns_each_once() -> None:
    assert len(GED_COLUMNS) == 49 and len(set(GED_COLUMNS)) == 49
    assert len(ACLED_COLUMNS) == 31 and len(set(ACLED_COLUMNS)) == 31
    assert set(GED.required) <= set(GED_COLUMNS)
    assert set(ACLED.required) <= set(ACLED_COLUMNS)


def test_format_is_told_from_the_header_whatever_the_order_and_case() -> None:
    assert detect_format(GED_COLUMNS) is GED
    assert detect_format(list(reversed(ACLED_COLUMNS))) is ACLED
    assert detect_format([name.upper() for name in GED_COLUMNS]) is GED
    # Older ACLED exports carry more columns (data_id, iso3, event_id_no_cnty): still ACLED.
    assert detect_format(["data_id", "iso3", "event_id_no_cnty", *ACLED_COLUMNS]) is ACLED


def test_a_header_lacking_needed_columns_says_which() -> None:
    header = [name for name in GED_COLUMNS if name not in ("best", "adm_1")] + ["best"]
    with pytest.raises(ValueError, match="adm_1"):
        detect_format(header)


def test_an_unknown_header_is_refused() -> None:
    with pytest.raises(ValueError, match="not a UCDP GED or ACLED export"):
        detect_format(["event", "date", "lat", "lon"])
