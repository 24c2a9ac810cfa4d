"""Resolve date phrases ("Sunday, March 12th", "mid-February", "one week after ...") against a publication date.

Articles often leave out the year ("On Monday, December 12, ...") or give only a relative date ("a day later").
`resolve_date` turns such a phrase into a window `[start, end]` with a precision, reading a missing year as the
latest one that puts the date on or before publication, and checking any weekday against the date. A weekday
that does not fit is flagged, never silently "corrected": the analyst decides.

Pure functions, no network, and they never raise on arbitrary text: what cannot be read is precision `unknown`.
Conventions: a month-precision result spans the month (or the part of it a phrase names, e.g. "mid-February"
= days 11-20); a year-precision result spans the year.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Literal

Precision = Literal["day", "month", "year", "unknown"]

_PRECISION_RANK: dict[str, int] = {"day": 0, "month": 1, "year": 2, "unknown": 3}

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
WEEKDAYS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        )
    )
    for name in names
}
_NUMBER_WORDS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_MONTH_FULL = r"(?P<month>" + "|".join(name for name in MONTHS if len(name) > 3 or name == "may") + r")"
_WEEKDAY = r"(?:(?P<weekday>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?,?\s+)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
# A year is four digits or a year relative to publication ("last year").
_YEAR = r"(?P<year>\d{4}|(?:of\s+)?(?:last|this|the\s+previous|previous|the\s+same|same)\s+year)"

_MONTH_DAY = re.compile(rf"\b{_WEEKDAY}(?:the\s+)?{_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR})?", re.IGNORECASE)
_DAY_MONTH = re.compile(rf"\b{_WEEKDAY}(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MONTH}(?:,?\s+{_YEAR})?\b", re.IGNORECASE)
_ISO_DAY = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")
_ISO_MONTH = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})$")
_PART = (
    r"(?P<part>mid|(?:the\s+)?middle\s+of|early(?:\s+in)?|(?:the\s+)?beginning\s+of|(?:the\s+)?start\s+of|late(?:\s+in)?"
    r"|(?:the\s+)?end\s+of)"
)
_PART_MONTH = re.compile(rf"\b{_PART}[\s-]+{_MONTH_FULL}\b(?:,?\s+{_YEAR})?", re.IGNORECASE)
_MONTH_YEAR = re.compile(rf"\b{_MONTH_FULL}(?:,|\s+of)?\s+{_YEAR}\b", re.IGNORECASE)
_BARE_MONTH = re.compile(rf"^{_MONTH_FULL}$", re.IGNORECASE)
_PART_YEAR = re.compile(r"^(?:(?P<part>early|mid|late)[\s-]+)?(?P<year>(?:19|20)\d{2})$", re.IGNORECASE)
_RELATIVE_YEAR = re.compile(r"^(?P<which>last|this|previous|the\s+previous|next)\s+year$", re.IGNORECASE)
_RELATIVE_MONTH = re.compile(r"^(?P<which>last|this|previous|the\s+previous)\s+month$", re.IGNORECASE)
_OFFSET = re.compile(
    r"^(?:(?P<count>\d{1,3}|" + "|".join(_NUMBER_WORDS) + r")\s+(?P<unit>day|week|month|year)s?\s+"
    r"(?P<direction>after|later|before|earlier)|(?P<next>the\s+(?:next|following)\s+day)|"
    r"(?P<previous>the\s+(?:previous|preceding)\s+day|the\s+day\s+before))\b(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_RANGE = re.compile(
    r"^(?:between|from)\s+(?P<first>.+?)\s+(?:and|to|until|till)\s+(?P<second>.+)$", re.IGNORECASE | re.DOTALL
)
_LEADING_WORDS = re.compile(r"^(?:(?:on|in|since|during|by|of|around|about|as\s+of)\s+)+", re.IGNORECASE)


@dataclass(frozen=True)
class ResolvedDate:
    """A date phrase read as a window [start, end] with a precision; `unknown` when it could not be read."""

    start: dt.date | None
    end: dt.date | None
    precision: Precision
    weekday_mismatch: bool = False
    note: str = ""

    @property
    def known(self) -> bool:
        return self.precision != "unknown" and self.start is not None


UNKNOWN = ResolvedDate(None, None, "unknown")


def _unknown(note: str) -> ResolvedDate:
    return ResolvedDate(None, None, "unknown", note=note)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def parse_partial_date(text: str) -> tuple[dt.date | None, Precision]:
    """Read an ISO date that may be partial: '2023-03-12' (day), '2023-03' (month), '2023' (year).

    A partial date is returned as the first day of its month or year. Anything else gives (None, 'unknown').
    """
    text = text.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text), "day"
        if match := _ISO_MONTH.match(text):
            return dt.date(int(match["year"]), int(match["month"]), 1), "month"
        if re.fullmatch(r"\d{4}", text):
            return dt.date(int(text), 1, 1), "year"
    except ValueError:
        pass
    return None, "unknown"


def publication_window(published: dt.date | None, precision: str = "day") -> tuple[dt.date, dt.date] | None:
    """The earliest and latest day a publication dated `published` at `precision` can have appeared."""
    if published is None or precision == "unknown":
        return None
    if precision == "year":
        return dt.date(published.year, 1, 1), dt.date(published.year, 12, 31)
    if precision == "month":
        return published.replace(day=1), _month_end(published.year, published.month)
    return published, published


def _weekday_name(day: dt.date) -> str:
    return calendar.day_name[day.weekday()]


def _weekday_note(weekday: int, day: dt.date) -> str:
    """Say that the weekday does not fit, and which nearby dates it would fit."""
    name = calendar.day_name[weekday]
    before = day - dt.timedelta(days=(day.weekday() - weekday) % 7 or 7)
    after = day + dt.timedelta(days=(weekday - day.weekday()) % 7 or 7)
    note = (
        f"the text says {name} but {day.isoformat()} was a {_weekday_name(day)}; "
        f"the nearest {name}s are {before.isoformat()} and {after.isoformat()}"
    )
    same_day_elsewhere = []
    for months in (-1, 1):
        month_index = day.year * 12 + day.month - 1 + months
        year, month = divmod(month_index, 12)
        try:
            candidate = dt.date(year, month + 1, day.day)
        except ValueError:
            continue
        if candidate.weekday() == weekday:
            same_day_elsewhere.append(candidate.isoformat())
    if same_day_elsewhere:
        note += f"; the same day of an adjacent month fits: {', '.join(same_day_elsewhere)}"
    return note


def _year_from(token: str | None, published: dt.date | None) -> int | None:
    """A four-digit year, or one relative to the publication year; None when it cannot be known."""
    if token is None:
        return None
    token = token.lower()
    if token.isdigit():
        return int(token)
    if published is None:
        return None
    if "last" in token or "previous" in token:
        return published.year - 1
    return published.year


def _check_weekday(weekday_token: str | None, day: dt.date, note: str = "") -> ResolvedDate:
    if weekday_token is None:
        return ResolvedDate(day, day, "day", note=note)
    weekday = WEEKDAYS[weekday_token.lower().rstrip(".")]
    if weekday == day.weekday():
        return ResolvedDate(day, day, "day", note=note)
    mismatch = _weekday_note(weekday, day)
    return ResolvedDate(day, day, "day", weekday_mismatch=True, note=f"{note}; {mismatch}" if note else mismatch)


def _day_without_year(month: int, day_of_month: int, weekday_token: str | None, latest: dt.date | None) -> ResolvedDate:
    """Month and day with no year: the latest such date on or before publication, preferring a fitting weekday.

    Only the last two candidate years are considered: an article that leaves out the year means a recent date.
    """
    if latest is None:
        return _unknown("a month and day without a year need a publication date")
    candidates: list[dt.date] = []
    for year in range(latest.year, latest.year - 3, -1):
        try:
            candidate = dt.date(year, month, day_of_month)
        except ValueError:
            continue
        if candidate <= latest:
            candidates.append(candidate)
        if len(candidates) == 2:
            break
    if not candidates:
        return _unknown(f"there is no day {day_of_month} in month {month}")
    note = "year taken as the latest that puts the date on or before publication"
    if weekday_token is not None:
        weekday = WEEKDAYS[weekday_token.lower().rstrip(".")]
        for candidate in candidates:
            if candidate.weekday() == weekday:
                if candidate != candidates[0]:
                    note = "year taken as the latest on or before publication whose weekday fits"
                return ResolvedDate(candidate, candidate, "day", note=note)
    return _check_weekday(weekday_token, candidates[0], note)


def _part_window(part: str | None, year: int, month: int) -> tuple[dt.date, dt.date, str]:
    end = _month_end(year, month)
    if part is None:
        return dt.date(year, month, 1), end, ""
    part = part.lower()
    if "mid" in part:
        return dt.date(year, month, 11), dt.date(year, month, 20), "the middle of a month read as days 11-20"
    if "early" in part or "beginning" in part or "start" in part:
        return dt.date(year, month, 1), dt.date(year, month, 10), "the start of a month read as days 1-10"
    return dt.date(year, month, 21), end, "the end of a month read as days 21 to the last"


def _latest_year_for_month(month: int, latest: dt.date) -> int:
    return latest.year if month <= latest.month else latest.year - 1


def _shift(day: dt.date, unit: str, count: int) -> dt.date:
    if unit == "day":
        return day + dt.timedelta(days=count)
    if unit == "week":
        return day + dt.timedelta(weeks=count)
    months = day.month - 1 + (count if unit == "month" else 12 * count)
    year = day.year + months // 12
    month = months % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _resolve_offset(
    match: re.Match[str], published: dt.date | None, precision: str, anchor: ResolvedDate | dt.date | None
) -> ResolvedDate:
    if match["next"]:
        unit, count = "day", 1
    elif match["previous"]:
        unit, count = "day", -1
    else:
        raw = match["count"].lower()
        count = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
        unit = match["unit"].lower()
        if match["direction"].lower() in {"before", "earlier"}:
            count = -count
    if anchor is None:
        rest = match["rest"].strip(" ,.;")
        anchor = resolve_date(rest, published, precision) if rest else None
    if isinstance(anchor, dt.date):
        anchor = ResolvedDate(anchor, anchor, "day")
    if anchor is None or not anchor.known or anchor.start is None or anchor.end is None:
        return _unknown("a relative date needs a known anchor date")
    note = f"{abs(count)} {unit}(s) {'after' if count > 0 else 'before'} {anchor.start.isoformat()}"
    try:
        return ResolvedDate(
            _shift(anchor.start, unit, count), _shift(anchor.end, unit, count), anchor.precision, note=note
        )
    except (ValueError, OverflowError):
        return _unknown("the shifted date is out of range")


def resolve_date(
    phrase: str,
    published: dt.date | str | None = None,
    published_precision: str | None = None,
    anchor: ResolvedDate | dt.date | None = None,
) -> ResolvedDate:
    """Read a date phrase; a missing year or a relative phrase is resolved against the publication date.

    `published` may be a date (with `published_precision`, default 'day') or a partial ISO string ('2023-03').
    `anchor` is the date a relative phrase ("one week after ...", "a day later") counts from; without it the
    rest of the phrase is read as the anchor ("one week after October 8, 2021").
    Never raises: anything unreadable gives precision 'unknown' with a note.
    """
    try:
        if isinstance(published, str):
            published, inferred = parse_partial_date(published)
            published_precision = published_precision or inferred
        return _resolve(phrase, published, published_precision or "day", anchor)
    except (ValueError, OverflowError, KeyError, TypeError, RecursionError) as error:
        return _unknown(f"could not read the date: {error}")


def _resolve(
    phrase: str, published: dt.date | None, precision: str, anchor: ResolvedDate | dt.date | None
) -> ResolvedDate:
    if not isinstance(phrase, str):
        return _unknown("not a text")
    text = re.sub(r"\s+", " ", phrase).strip(" \t\n,.;:()\"'")[:300]
    text = _LEADING_WORDS.sub("", text)
    if not text:
        return _unknown("empty phrase")
    window = publication_window(published, precision)
    latest = window[1] if window else None

    if match := _OFFSET.match(text):
        return _resolve_offset(match, published, precision, anchor)

    if match := _RANGE.match(text):
        second = _resolve(match["second"], published, precision, anchor)
        if second.known and second.end is not None:
            # The first part is read relative to the second: "between October and December of last year".
            first = _resolve(match["first"], second.end, "day", anchor)
            if first.known and first.start is not None and first.start <= second.end:
                coarser = max(first.precision, second.precision, key=_PRECISION_RANK.__getitem__)
                return ResolvedDate(first.start, second.end, coarser, note="a range of two dates")

    if match := _ISO_DAY.search(text):
        day = dt.date(int(match["year"]), int(match["month"]), int(match["day"]))
        return ResolvedDate(day, day, "day")

    for pattern in (_MONTH_DAY, _DAY_MONTH):
        if match := pattern.search(text):
            month = MONTHS[match["month"].lower()]
            day_of_month = int(match["day"])
            if match["year"] is None:
                return _day_without_year(month, day_of_month, match["weekday"], latest)
            year = _year_from(match["year"], published)
            if year is None:
                return _unknown("a relative year needs a publication date")
            try:
                day = dt.date(year, month, day_of_month)
            except ValueError:
                return _unknown(f"impossible date: {year}-{month:02d}-{day_of_month:02d}")
            return _check_weekday(match["weekday"], day)

    if match := _PART_MONTH.search(text):
        month = MONTHS[match["month"].lower()]
        if match["year"] is not None:
            year = _year_from(match["year"], published)
        else:
            year = _latest_year_for_month(month, latest) if latest else None
        if year is None:
            return _unknown("a month without a year needs a publication date")
        start, end, note = _part_window(match["part"], year, month)
        return ResolvedDate(start, end, "month", note=note)

    if match := _MONTH_YEAR.search(text):
        year = _year_from(match["year"], published)
        if year is None:
            return _unknown("a relative year needs a publication date")
        month = MONTHS[match["month"].lower()]
        return ResolvedDate(dt.date(year, month, 1), _month_end(year, month), "month")

    if match := _ISO_MONTH.match(text):
        year, month = int(match["year"]), int(match["month"])
        return ResolvedDate(dt.date(year, month, 1), _month_end(year, month), "month")

    if match := _BARE_MONTH.match(text):
        if latest is None:
            return _unknown("a month without a year needs a publication date")
        month = MONTHS[match["month"].lower()]
        year = _latest_year_for_month(month, latest)
        return ResolvedDate(
            dt.date(year, month, 1), _month_end(year, month), "month", note="the latest such month on or before"
        )

    if match := _PART_YEAR.match(text):
        year = int(match["year"])
        return ResolvedDate(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")

    if match := _RELATIVE_YEAR.match(text):
        if published is None:
            return _unknown("a relative year needs a publication date")
        which = match["which"].lower()
        year = published.year + (1 if which == "next" else 0 if which == "this" else -1)
        return ResolvedDate(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", note=f"{which} year")

    if match := _RELATIVE_MONTH.match(text):
        if published is None or precision not in {"day", "month"}:
            return _unknown("a relative month needs a publication date of day or month precision")
        month_start = published.replace(day=1)
        if match["which"].lower() != "this":
            month_start = _shift(month_start, "month", -1)
        return ResolvedDate(month_start, _month_end(month_start.year, month_start.month), "month")

    return _unknown(f"no date found in {text[:60]!r}")


def with_note(resolved: ResolvedDate, note: str) -> ResolvedDate:
    """The same date with an analyst's note added."""
    return replace(resolved, note=f"{resolved.note}; {note}" if resolved.note else note)
