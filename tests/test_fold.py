"""Folding tellings of one happening (`isk_atlas.events.fold`), on drafts built by hand."""

from __future__ import annotations

import datetime as dt

from isk_atlas.events.classify import Label
from isk_atlas.events.datefind import DateMention
from isk_atlas.events.draft import Draft
from isk_atlas.events.fold import _share_a_day


def _day(day: int, month: int = 12) -> DateMention:
    date = dt.date(2022, month, day)
    return DateMention(str(date), 0, 1, date, date, "day")


def _draft(*dates: DateMention) -> Draft:
    return Draft(Label("attack", "bombing", 0.8, "bombing"), [], None, dates=list(dates))


def test_a_telling_that_gives_the_others_day_among_its_own_is_dated_alike() -> None:
    # the attack on the 26th; the claim quoted on the 27th that also gives the 26th
    claim = _draft(_day(27), _day(26))
    assert _share_a_day(claim, _day(26), _day(27))
    # a telling of another day only is another happening
    assert not _share_a_day(_draft(_day(27)), _day(26), _day(27))
    # a month is no day to share
    month = DateMention("December", 0, 1, dt.date(2022, 12, 1), dt.date(2022, 12, 31), "month")
    assert not _share_a_day(claim, month, _day(27))
