from __future__ import annotations

from pathlib import Path

from isk_atlas.events import cues
from isk_atlas.events.placing import could_locate_something_else


def test_the_pre_test_never_hides_a_place_that_locates_something_else(shared_sources: Path) -> None:
    windows = ["north of ", "five miles South OF\n", "after the attack on the mosque in ", "since the bombings in the "]
    for path in sorted(shared_sources.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        windows.extend(text[max(0, at - 80) : at] for at in range(0, len(text), 7))
    hits = 0
    for window in windows:
        if cues.NOT_EVENT_PLACE_BEFORE.pattern.search(window):
            hits += 1
            assert could_locate_something_else(window), window
    assert hits >= 4


def test_far_abroad_a_place_is_told_at_its_country_near_it_not() -> None:
    import pandas as pd
    from extract_fixtures import small_gazetteer

    from isk_atlas.events.placing import far_abroad_country
    from isk_atlas.mentions import ToponymIndex, find_mentions

    germany = pd.DataFrame(
        [("DEU", "Germany", "country", None, None, "DEU", 51.0, 10.0, 83_000_000, "", False)],
        columns=small_gazetteer().columns,
    )
    index = ToponymIndex.from_gazetteer(pd.concat([small_gazetteer(), germany], ignore_index=True))
    found = {m.text: far_abroad_country(m) for m in find_mentions("Arrests in Germany, Pakistan and Kunduz.", index)}
    assert found == {"Germany": "DEU", "Pakistan": None, "Kunduz": None}
