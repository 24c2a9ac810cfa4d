from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from isk_atlas.events.dates import ResolvedDate, parse_partial_date, publication_window, resolve_date

D = dt.date

# Date phrases as the five sources write them, with their publication dates (data/sources/sources.csv).
SOURCE_CASES = [
    # 002, published March 2023 (month precision): weekdays without a year
    ("Sunday, March 12th", "2023-03", D(2023, 3, 12), "day"),
    ("March 9", "2023-03", D(2023, 3, 9), "day"),
    ("On Thursday, March 9", "2023-03", D(2023, 3, 9), "day"),
    ("Thursday, March 16", "2023-03", D(2023, 3, 16), "day"),
    ("Wednesday, January 11", "2023-03", D(2023, 1, 11), "day"),
    ("Monday, December 12", "2023-03", D(2022, 12, 12), "day"),
    ("Thursday, August 11", "2023-03", D(2022, 8, 11), "day"),
    ("Saturday, February 11th", "2023-03", D(2023, 2, 11), "day"),
    ("October 12", "2023-03", D(2022, 10, 12), "day"),
    # 002: full dates
    ("December 26, 2022", "2023-03", D(2022, 12, 26), "day"),
    ("On Sunday, December 4, 2022", "2023-03", D(2022, 12, 4), "day"),
    ("Saturday, October 29, 2022", "2023-03", D(2022, 10, 29), "day"),
    ("On Saturday, 18th June 2022", "2023-03", D(2022, 6, 18), "day"),
    ("October 8, 2021", "2023-03", D(2021, 10, 8), "day"),
    ("Monday, April 18, 2022", "2023-03", D(2022, 4, 18), "day"),
    ("July 5, 2022", "2023-03", D(2022, 7, 5), "day"),
    ("Friday, January 20, 2023", "2023-03", D(2023, 1, 20), "day"),
    ("Tuesday, July 19, 2022", "2023-03", D(2022, 7, 19), "day"),
    ("October 2021", "2023-03", D(2021, 10, 1), "month"),
    ("last year", "2023-03", D(2022, 1, 1), "year"),
    # 001, published February 2023
    ("Wednesday, February 15", "2023-02", D(2023, 2, 15), "day"),
    ("In the middle of February", "2023-02", D(2023, 2, 11), "month"),
    ("in mid-August 2021", "2023-02", D(2021, 8, 11), "month"),
    # 000, published 4 March 2021
    ("August 10 last year", "2021-03-04", D(2020, 8, 10), "day"),
    ("in 2014", "2021-03-04", D(2014, 1, 1), "year"),
    # 003, published August 2018
    ("On August 1", "2018-08", D(2018, 8, 1), "day"),
    ("Aug. 1, 2018", "2018-08", D(2018, 8, 1), "day"),
    ("in 2015", "2018-08", D(2015, 1, 1), "year"),
    # 004, published September 2021
    ("August 26th", "2021-09", D(2021, 8, 26), "day"),
    ("In March 2019", "2021-09", D(2019, 3, 1), "month"),
    ("in 2019", "2021-09", D(2019, 1, 1), "year"),
]


@pytest.mark.parametrize(("phrase", "published", "start", "precision"), SOURCE_CASES)
def test_source_date_phrases_resolve(phrase: str, published: str, start: dt.date, precision: str) -> None:
    resolved = resolve_date(phrase, published)
    assert (resolved.start, resolved.precision) == (start, precision)
    assert not resolved.weekday_mismatch
    assert resolved.end is not None and resolved.end >= start


def test_weekday_that_does_not_fit_its_date_is_flagged_not_corrected() -> None:
    resolved = resolve_date("On Sunday, June 8, 2022", "2023-03")
    assert resolved.start == D(2022, 6, 8) and resolved.precision == "day"
    assert resolved.weekday_mismatch
    assert "Wednesday" in resolved.note
    # The note points at the likely intended date: 8 May 2022 was a Sunday.
    assert "2022-05-08" in resolved.note


def test_weekday_chooses_the_year_when_the_latest_does_not_fit() -> None:
    # Published in March 2023: 12 March 2023 was a Sunday, 12 March 2022 a Saturday.
    assert resolve_date("Saturday, March 12", "2023-03").start == D(2022, 3, 12)
    assert resolve_date("Sunday, March 12", "2023-03").start == D(2023, 3, 12)


def test_day_without_year_stays_on_or_before_a_day_precise_publication() -> None:
    # Published 4 March 2021: "March 9" cannot be 9 March 2021.
    assert resolve_date("March 9", "2021-03-04").start == D(2020, 3, 9)
    # A month-precise publication may have appeared any day of its month.
    assert resolve_date("March 30", "2021-03").start == D(2021, 3, 30)


def test_one_week_after_an_anchor() -> None:
    kunduz = resolve_date("October 8, 2021", "2023-03")
    kandahar = resolve_date("one week after the attack on Shia worshippers in Kunduz", "2023-03", anchor=kunduz)
    assert (kandahar.start, kandahar.precision) == (D(2021, 10, 15), "day")
    assert resolve_date("one week after October 8, 2021").start == D(2021, 10, 15)
    assert resolve_date("A day later", anchor=D(2018, 8, 1)).start == D(2018, 8, 2)
    assert resolve_date("two days before", anchor=D(2018, 8, 1)).start == D(2018, 7, 30)
    assert resolve_date("a day later").precision == "unknown"


def test_ranges_and_parts_of_months() -> None:
    between = resolve_date("between October and December of last year", "2023-03")
    assert (between.start, between.end, between.precision) == (D(2022, 10, 1), D(2022, 12, 31), "month")
    span = resolve_date("from August 2021 to August 2022")
    assert (span.start, span.end) == (D(2021, 8, 1), D(2022, 8, 31))
    late = resolve_date("late February", "2023-03")
    assert (late.start, late.end) == (D(2023, 2, 21), D(2023, 2, 28))
    # A month after the publication month is read in the previous year.
    assert resolve_date("mid-November", "2023-03").start == D(2022, 11, 11)
    # "early in November", "late in February": the same parts, written with "in"
    early = resolve_date("early in November 2020")
    assert (early.start, early.end) == (D(2020, 11, 1), D(2020, 11, 10))
    assert (resolve_date("late in February", "2023-03").start, resolve_date("late in February", "2023-03").end) == (
        D(2023, 2, 21),
        D(2023, 2, 28),
    )


@pytest.mark.parametrize(
    "phrase",
    ["February 30, 2023", "ISIS may attack", "4,000 fighters", "", "Sunday", "the current solar year", "2023-13-01"],
)
def test_unreadable_phrases_are_unknown(phrase: str) -> None:
    resolved = resolve_date(phrase, "2023-03")
    assert resolved.precision == "unknown" and resolved.start is None
    assert not resolved.known


def test_month_and_day_without_publication_is_unknown() -> None:
    assert resolve_date("Monday, December 12").precision == "unknown"
    assert resolve_date("last year").precision == "unknown"


def test_partial_dates_and_publication_windows() -> None:
    assert parse_partial_date("2023-03") == (D(2023, 3, 1), "month")
    assert parse_partial_date("2021-03-04") == (D(2021, 3, 4), "day")
    assert parse_partial_date("2018") == (D(2018, 1, 1), "year")
    assert parse_partial_date("2023-02-30") == (None, "unknown")
    assert publication_window(D(2023, 2, 1), "month") == (D(2023, 2, 1), D(2023, 2, 28))
    assert publication_window(None) is None


def test_resolved_date_is_frozen() -> None:
    resolved = resolve_date("October 8, 2021")
    assert isinstance(resolved, ResolvedDate)
    with pytest.raises(AttributeError):
        resolved.start = None  # type: ignore[misc]


@settings(max_examples=300, deadline=None)
@given(
    phrase=st.text(max_size=80),
    published=st.one_of(st.none(), st.dates(min_value=D(1, 1, 1), max_value=D(9999, 12, 31))),
    precision=st.sampled_from(["day", "month", "year", "unknown"]),
)
def test_never_raises_on_arbitrary_text(phrase: str, published: dt.date | None, precision: str) -> None:
    resolved = resolve_date(phrase, published, precision)
    assert resolved.precision in {"day", "month", "year", "unknown"}
    if resolved.start is not None and resolved.end is not None:
        assert resolved.start <= resolved.end


@settings(max_examples=200, deadline=None)
@given(
    day=st.dates(min_value=D(1900, 1, 1), max_value=D(2099, 12, 31)),
    style=st.sampled_from(["{m} {d}, {y}", "{d} {m} {y}", "{w}, {m} {d}, {y}", "{m}. {d}, {y}"]),
)
def test_written_dates_read_back(day: dt.date, style: str) -> None:
    month = day.strftime("%B") if "{m}." not in style else day.strftime("%b")
    phrase = style.format(m=month, d=day.day, y=day.year, w=day.strftime("%A"))
    resolved = resolve_date(phrase)
    assert (resolved.start, resolved.precision, resolved.weekday_mismatch) == (day, "day", False)
