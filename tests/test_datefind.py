from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from isk_atlas.events import datefind as datefind_module
from isk_atlas.events.datefind import find_dates

PUBLISHED = dt.date(2023, 3, 1)


@pytest.mark.parametrize(
    ("phrase", "start", "end", "precision"),
    [
        ("on Thursday, March 16, officials said", dt.date(2023, 3, 16), dt.date(2023, 3, 16), "day"),
        ("on Monday, December 12, the hotel", dt.date(2022, 12, 12), dt.date(2022, 12, 12), "day"),
        ("On Saturday, 18th June 2022, a blast", dt.date(2022, 6, 18), dt.date(2022, 6, 18), "day"),
        ("on October 8, 2021 in the city", dt.date(2021, 10, 8), dt.date(2021, 10, 8), "day"),
        ("in mid-February the raid", dt.date(2023, 2, 11), dt.date(2023, 2, 20), "month"),
        ("In the middle of January officials", dt.date(2023, 1, 11), dt.date(2023, 1, 20), "month"),
        ("a blast early in November 2020 hurt", dt.date(2020, 11, 1), dt.date(2020, 11, 10), "month"),
        ("raids late in January left", dt.date(2023, 1, 21), dt.date(2023, 1, 31), "month"),
        ("Earlier in January, a blast", dt.date(2023, 1, 1), dt.date(2023, 1, 31), "month"),
        ("in October 2021 a report", dt.date(2021, 10, 1), dt.date(2021, 10, 31), "month"),
        ("began in 2014 with", dt.date(2014, 1, 1), dt.date(2014, 12, 31), "year"),
        ("on August 10 last year", dt.date(2022, 8, 10), dt.date(2022, 8, 10), "day"),
        ("between October and December of last year", dt.date(2022, 10, 1), dt.date(2022, 10, 31), "month"),
    ],
)
def test_dates(phrase: str, start: dt.date, end: dt.date, precision: str) -> None:
    found = find_dates(phrase, PUBLISHED, "month")
    best = max(found, key=lambda d: {"day": 3, "month": 2, "year": 1}[d.precision])
    assert (best.date_start, best.date_end, best.precision) == (start, end, precision)


def test_weekday_picks_the_year() -> None:
    # 11 August fell on a Thursday in 2022, not in 2023 (after publication) nor 2021.
    (found,) = find_dates("on Thursday, August 11, a death", dt.date(2023, 3, 1), "month")
    assert found.date_start == dt.date(2022, 8, 11) and "weekday" not in found.note
    (odd,) = find_dates("on Friday, June 8, 2022, a video", PUBLISHED, "month")
    assert "Friday" in odd.note


def test_relative_to_anchor() -> None:
    (later,) = find_dates("A day later, they surrendered", PUBLISHED, "month", anchor=dt.date(2018, 8, 1))
    assert later.date_start == dt.date(2018, 8, 2)
    (week,) = find_dates("one week after the first", PUBLISHED, "month", anchor=dt.date(2021, 10, 8))
    assert week.date_start == dt.date(2021, 10, 15)


def test_may_the_verb_is_not_a_date() -> None:
    assert find_dates("Fighters may move north.", PUBLISHED, "month") == []


def test_date_patterns_tried_at_start_words_match_the_plain_scan(shared_sources: Path) -> None:
    from isk_atlas.events import datefind
    from isk_atlas.mentions import split_sentences

    sentences = [
        "On Thursday, March 16, and on the 18th of June 2022, then in mid-February and early May last year.",
        "By the end of March, 12 fighters had left; 2 March and March 3 2021, in the middle of April.",
    ]
    for path in sorted(shared_sources.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        sentences.extend(text[s.start : s.end] for s in split_sentences(text))
    rng = random.Random(5)
    words = ["in", "the", "middle", "of", "early", "mid-", "late", "end", "beginning", "March", "mar", "Sept", "may"]
    words += ["16", "2021", "1999", "since", "during", "Thursday,", "16th", "\n", "  ", "early-", "midApril", "of2020"]
    sentences += [" ".join(rng.choice(words) for _ in range(14)) for _ in range(2000)]
    found = 0
    for sentence in sentences:
        for pattern, starts in (
            (datefind.DAY_MONTH, datefind._day_month_starts),
            (datefind.MONTH_DAY, datefind._month_day_starts),
            (datefind.YEAR_ONLY, datefind._year_only_starts),
        ):
            plain = [m.span() for m in pattern.finditer(sentence)]
            assert [m.span() for m in datefind._finditer_from(pattern, sentence, starts(sentence))] == plain, sentence
            found += len(plain)
        if sentence.isascii():
            plain = [m.span() for m in datefind.MONTH_ONLY.finditer(sentence)]
            fast = datefind._finditer_from(datefind.MONTH_ONLY, sentence, datefind._month_only_starts(sentence.lower()))
            assert [m.span() for m in fast] == plain, sentence
            found += len(plain)
    assert found >= 10


def test_weekdays_opening_a_sentence_or_naming_prayers() -> None:
    friday = dt.date(2021, 10, 8)  # the publication day is itself a Friday
    (thursday,) = find_dates("On Thursday, an explosion tore through the hall.", friday, "day")
    assert thursday.date_start == dt.date(2021, 10, 7)
    (prayers,) = find_dates("a bomber struck during Friday prayers", friday, "day")
    assert prayers.date_start == friday
    assert find_dates("a bomber struck during prayers", friday, "day") == []


@pytest.mark.parametrize(
    ("phrase", "day"),
    [
        # the day after a page dated Friday, not six days before it
        ("Two guards were wounded, police confirmed on Saturday.", dt.date(2024, 12, 7)),
        ("Police said Saturday that a raid killed two.", dt.date(2024, 12, 7)),
        # "last Saturday" is a week back as written; other weekdays count back as before
        ("The clash broke out last Saturday.", dt.date(2024, 11, 30)),
        ("The clash broke out on Thursday.", dt.date(2024, 12, 5)),
    ],
)
def test_a_weekday_six_days_before_the_page_is_the_day_after_it(phrase: str, day: dt.date) -> None:
    (found,) = find_dates(phrase, dt.date(2024, 12, 6), "day")  # a Friday
    assert (found.date_start, found.date_end) == (day, day)


def test_recent_weeks_reach_back_from_publication() -> None:
    (recent,) = find_dates("The group has stepped up attacks in recent weeks.", dt.date(2021, 10, 8), "day")
    assert (recent.date_start, recent.date_end, recent.precision) == (dt.date(2021, 9, 8), dt.date(2021, 10, 8),
                                                                      "month")  # fmt: skip
    (days,) = find_dates("Over the past few days, raids continued.", dt.date(2021, 10, 8), "day")
    assert days.date_start == dt.date(2021, 10, 1)
    assert find_dates("The group has stepped up attacks in recent weeks.", None, "day") == []


@pytest.mark.parametrize(
    ("phrase", "start", "end", "precision"),
    [
        ("A bomb went off yesterday near the gate.", dt.date(2023, 6, 7), dt.date(2023, 6, 7), "day"),
        ("The group claimed a blast last night.", dt.date(2023, 6, 7), dt.date(2023, 6, 7), "day"),
        ("Officials said today that ten were held.", dt.date(2023, 6, 8), dt.date(2023, 6, 8), "day"),
        ("Gunmen attacked a post last week.", dt.date(2023, 5, 29), dt.date(2023, 6, 4), "month"),
        ("Earlier this week, a blast hit a bus.", dt.date(2023, 6, 5), dt.date(2023, 6, 8), "month"),
        ("Raids last month left five dead.", dt.date(2023, 5, 1), dt.date(2023, 5, 31), "month"),
    ],
)
def test_days_and_weeks_counted_from_publication(phrase: str, start: dt.date, end: dt.date, precision: str) -> None:
    (found,) = find_dates(phrase, dt.date(2023, 6, 8), "day")  # a Thursday
    assert (found.date_start, found.date_end, found.precision) == (start, end, precision)
    if "month" not in phrase:
        assert find_dates(phrase, dt.date(2023, 6, 8), "month") == []  # only from a day-precise publication


@pytest.mark.parametrize(
    ("phrase", "start", "end"),
    [
        ("Raids last month left five dead.", dt.date(2023, 5, 1), dt.date(2023, 5, 31)),
        ("The group claimed a bombing the previous month.", dt.date(2023, 5, 1), dt.date(2023, 5, 31)),
        ("Earlier this month, a blast hit a bus.", dt.date(2023, 6, 1), dt.date(2023, 6, 30)),
    ],
)
def test_last_and_this_month_need_only_the_month_of_publication(phrase: str, start: dt.date, end: dt.date) -> None:
    (found,) = find_dates(phrase, dt.date(2023, 6, 1), "month")  # published some day in June 2023
    assert (found.date_start, found.date_end, found.precision) == (start, end, "month")
    assert find_dates(phrase, dt.date(2023, 1, 1), "year") == []  # a year's publication: which month is unknown
    assert find_dates("Gunmen attacked a post last week.", dt.date(2023, 6, 1), "month") == []  # needs the day


def test_a_weekday_without_on_in_agency_style() -> None:
    saturday = dt.date(2018, 7, 14)
    (friday,) = find_dates("A blast at a rally in the south Friday killed dozens.", saturday, "day")
    assert friday.date_start == dt.date(2018, 7, 13)
    (said,) = find_dates("Officials said Thursday that the toll rose.", saturday, "day")
    assert said.date_start == dt.date(2018, 7, 12)
    # Not in names, nor a weekday that opens a full date (read with the date).
    assert find_dates("Prayers on Good Friday; the Friday Times reported.", saturday, "day") == []
    (full,) = find_dates("It happened Friday, 13 July.", saturday, "day")
    assert full.date_start == dt.date(2018, 7, 13) and full.text.startswith("Friday, 13 July")


def _widest(sentence: str, published: dt.date) -> tuple[dt.date, dt.date, str]:
    (found,) = find_dates(sentence, published, "day")
    return found.date_start, found.date_end, found.note


@pytest.mark.parametrize(("sentence", "year"), datefind_module.NAMED_YEAR_EXAMPLES)
def test_a_year_before_a_happenings_noun_names_its_year(sentence: str, year: int) -> None:
    start, end, note = _widest(sentence, dt.date(2024, 5, 1))
    assert (start, end) == (dt.date(year, 1, 1), dt.date(year, 12, 31))
    assert note == datefind_module.NAMING_NOTE  # (read as naming the happening, as "the January 3 attacks")


@pytest.mark.parametrize("sentence", datefind_module.NAMED_YEAR_COUNTER_EXAMPLES)
def test_a_year_before_other_nouns_names_no_happening(sentence: str) -> None:
    assert find_dates(sentence, dt.date(2024, 5, 1), "day") == []


@pytest.mark.parametrize(("sentence", "start", "end"), datefind_module.SEASON_EXAMPLES)
def test_a_season_and_its_year_are_its_months(sentence: str, start: dt.date, end: dt.date) -> None:
    assert _widest(sentence, dt.date(2024, 5, 1))[:2] == (start, end)


@pytest.mark.parametrize("sentence", datefind_module.SEASON_COUNTER_EXAMPLES)
def test_a_season_without_a_year_or_the_fall_of_a_city_is_no_date(sentence: str) -> None:
    assert [d for d in find_dates(sentence, dt.date(2024, 5, 1), "day") if "read as its months" in d.note] == []


@pytest.mark.parametrize(("sentence", "start", "end"), datefind_module.HOLIDAY_EXAMPLES)
def test_a_holiday_dates_what_happened_on_it_or_in_the_weeks_before(
    sentence: str, start: dt.date, end: dt.date
) -> None:
    assert _widest(sentence, dt.date(2024, 1, 2))[:2] == (start, end)


@pytest.mark.parametrize("sentence", datefind_module.HOLIDAY_COUNTER_EXAMPLES)
def test_a_holiday_naming_a_thing_is_no_date(sentence: str) -> None:
    assert find_dates(sentence, dt.date(2024, 1, 2), "day") == []


def test_a_holiday_is_the_latest_on_or_before_publication() -> None:
    # Published on 20 December: "before Christmas" is this December's weeks up to publication, "on Christmas Day" the
    # year before's.
    assert _widest("two men were arrested before Christmas", dt.date(2023, 12, 20))[:2] == (
        dt.date(2023, 12, 4),
        dt.date(2023, 12, 20),
    )
    assert _widest("a bomb went off on Christmas Day", dt.date(2023, 12, 20))[:2] == (
        dt.date(2022, 12, 25),
        dt.date(2022, 12, 25),
    )


def test_a_month_of_that_year_takes_the_year_told_before_it() -> None:
    text = "From the bombings in January 2024 to the massacre in March of that year, the group struck far."
    found = [(d.text, d.date_start, d.precision) for d in find_dates(text, dt.date(2025, 9, 15))]
    assert found == [("January 2024", dt.date(2024, 1, 1), "month"), ("March", dt.date(2024, 3, 1), "month")]


@pytest.mark.parametrize(
    "text",
    [
        "A roadside bomb killed three fighters a day earlier, the police chief said on Tuesday.",
        "The group said on Tuesday its fighters had fired rockets across the border the previous day.",
    ],
)
def test_a_day_before_the_day_the_sentence_tells_with_no_date_given_before(text: str) -> None:
    days = {d.date_start for d in find_dates(text, dt.date(2023, 3, 14))}
    assert days == {dt.date(2023, 3, 13), dt.date(2023, 3, 14)}


def test_the_day_before_another_happening_is_no_date() -> None:
    assert find_dates("The blast came the day before the election.", dt.date(2023, 3, 14)) == []
