from __future__ import annotations

from pathlib import Path

from extract_fixtures import small_index

from isk_atlas.events import cues
from isk_atlas.events.placing import GROUP_HOME_EXAMPLES, could_locate_something_else, group_home
from isk_atlas.mentions import find_mentions


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


def test_the_groups_home_is_read_as_its_declared_examples_write_it() -> None:
    index = small_index()
    for sentence, home in GROUP_HOME_EXAMPLES:  # the declared patterns' examples
        (mention,) = [m for m in find_mentions(sentence, index) if m.text == home]
        assert group_home(mention, sentence), sentence
    (plain,) = [m for m in find_mentions("A bomb went off in Afghanistan.", index) if m.text == "Afghanistan"]
    assert not group_home(plain, "A bomb went off in Afghanistan.")
