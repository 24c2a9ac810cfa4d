"""Drafts and the places an event of a kind can be at (`isk_atlas.events.draft`)."""

from __future__ import annotations

from extract_fixtures import small_index

from isk_atlas.events.draft import GROUP_HOME_EXAMPLES, group_home
from isk_atlas.mentions import find_mentions


def test_the_groups_home_is_read_as_its_declared_examples_write_it() -> None:
    index = small_index()
    for sentence, home in GROUP_HOME_EXAMPLES:  # the declared patterns' examples
        (mention,) = [m for m in find_mentions(sentence, index) if m.text == home]
        assert group_home(mention, sentence), sentence
    (plain,) = [m for m in find_mentions("A bomb went off in Afghanistan.", index) if m.text == "Afghanistan"]
    assert not group_home(plain, "A bomb went off in Afghanistan.")
