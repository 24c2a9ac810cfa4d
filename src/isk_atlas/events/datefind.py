"""Date phrases in a sentence, resolved against the publication date.

The extractor asks `find_dates(sentence, published, precision, anchor)`; it finds the phrases ("Thursday, March
16", "18th June 2022", "mid-February", "in 2014", "last year", "a day later", "one week after", "the 2019 bombing",
"in spring 2020", "before Christmas") and resolves each
through `isk_atlas.events.dates.resolve_date`, with a small built-in resolver standing in where that cannot read
the phrase (most recent date on or before the publication that fits the weekday).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from isk_atlas.events.dates import resolve_date

MONTHS = {name.lower(): index for index, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): index for index, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): index for index, name in enumerate(calendar.day_name)}

_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|" \
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?"  # fmt: skip
_WEEKDAY = r"(?:(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d{2})\b)?"
_LAST_YEAR = r"(?P<last>\s+(?:of\s+)?last\s+year)?"
DAY_MONTH = re.compile(
    rf"\b{_WEEKDAY}(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}{_YEAR}{_LAST_YEAR}"
)
MONTH_DAY = re.compile(
    rf"\b{_WEEKDAY}{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s*\d{{3}}\b){_YEAR}{_LAST_YEAR}"
)
MONTH_ONLY = re.compile(
    rf"\b(?P<part>early\s+in\s+|late\s+in\s+|early[- ]|mid-?|late[- ]|(?:in\s+)?the\s+middle\s+of\s+"
    rf"|(?:the\s+)?(?:beginning|end)\s+of\s+)?"
    rf"{_MONTH}(?!\s+\d{{1,2}}\b){_YEAR}{_LAST_YEAR}",
    re.IGNORECASE,
)
_THAT_YEAR = re.compile(r"\s+of\s+(?:that|the\s+same)\s+year\b", re.IGNORECASE)
YEAR_ONLY = re.compile(r"\b(?:in|since|during|of)\s+(?P<year>(?:19|20)\d{2})\b(?!\s*[-–]\s*\d)")
LAST_YEAR = re.compile(r"\blast\s+year\b", re.IGNORECASE)
RELATIVE = re.compile(
    r"\b(?P<n>a|one|two|three|four|five|six|\d)\s+(?P<unit>day|week|month)s?\s+(?P<dir>later|after|before|earlier)\b"
    # "the previous day", "the day before": one day before the date given
    r"|\bthe\s+day\s+before\b(?!\s+(?:the|a|an|its|his|their|yesterday)\b)|\bthe\s+(?:previous"
    r"|preceding)\s+day\b",
    re.IGNORECASE,
)
# Cheap, case-sensitive tests before the real patterns run (lower-case "may" and "march" are verbs anyway).
# Every alternative opens with a literal character (so the engine skips ahead to the next candidate instead of
# trying each position); `M(?<!\wM)ar` is `\bMar`: the capital, then "no word character before it".
_MONTH_STARTS = "|".join(f"{m[0]}(?<!\\w{m[0]}){m[1:]}" for m in ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
                                                                  "Aug", "Sep", "Oct", "Nov", "Dec"))  # fmt: skip
_DATE_HINT = re.compile(
    _MONTH_STARTS + r"|19\d\d|20\d\d|Last year|last year|Later|later|After|after|Before|before|Earlier|earlier|day\b"
)
# The phrases the hint leaves out ("in recent weeks", "last night", "earlier this month") hold "week", "month",
# "night" or "days": looked for by substring search, far cheaper than more alternatives in the hint (whose scan stops
# at every letter one of them opens with).
# "on Saturday" with no date: the latest such day on or before a day-precise publication date.
# "on Friday", "On Thursday, an explosion ...", "during Friday prayers".
WEEKDAY_ONLY = re.compile(
    r"\b(?:on|On|last|Last|this\s+past|early|Early|late|Late|during|During)\s+(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"\b(?!,?\s+(?:the\s+)?\d)(?!,?\s+(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\b)"
)
# "a blast at a rally in southwest Pakistan Friday", "officials said Sunday": agency style writes the weekday without
# "on"; the same day. Not in a name ("Good Friday", "the Friday Times") nor before a date ("Friday, 12 May").
BARE_WEEKDAY = re.compile(
    r"(?<!Good\s)(?<!Black\s)\b(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"(?!,?\s+(?:the\s+)?\d)(?!,?\s+(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\b)(?!\s+[A-Z])"
)
# A weekday that would be six days before the page's date ("police said Saturday" on a page dated Friday) is the
# day after it: news names a day that far back "last Saturday"; a page's date is often the day before in the time
# zone it was stamped in (wire copy dated in New York, filed from Kabul the next morning). "Last Saturday" is left
# as written.
_DAY_AFTER_THE_PAGE = "weekday read as the day after the page's date (a week back would be 'last ...')"
# "in recent weeks", "over the past few days": a stretch of time up to the publication.
RECENT = re.compile(
    r"\b(?:in|over|during)\s+(?:recent|the\s+(?:past|last)(?:\s+(?:few|several|couple\s+of))?)\s+"
    r"(?P<unit>days|weeks|months)\b",
    re.IGNORECASE,
)
_RECENT_DAYS = {"days": 7, "weeks": 30, "months": 90}
# "yesterday", "last week", "earlier this month": days, weeks and months counted from the publication day (the
# months from a publication known only to its month too).
NEARBY = re.compile(
    r"\b(?P<what>yesterday|today|tonight|last\s+night|(?:earlier\s+|late\s+)?this\s+(?:week|month)"
    r"|(?:last|the\s+previous)\s+(?:week|month))\b",
    re.IGNORECASE,
)
_NEARBY_HINT = re.compile(r"day|night|week|month")  # one of these is in every phrase of NEARBY
_NEARBY_WORDS = ("yesterday", "today", "tonight", "last night", "this week", "this month", "last week", "last month",
                 "previous week", "previous month")  # fmt: skip


def _nearby(what: str, published: dt.date, precision: str = "day") -> tuple[dt.date, dt.date, str] | None:
    """The window a phrase of `NEARBY` names, from the publication date: days and weeks from a day-precise one,
    "this month" and "last month" from one known to its month as well (they need no more); None otherwise."""
    what = " ".join(what.lower().split())
    if precision != "day":
        if precision != "month" or not what.endswith("month"):
            return None
        start = published.replace(day=1)
        if what.endswith("this month"):
            return start, _period_end(published, precision), "month"
        last = start - dt.timedelta(days=1)
        return last.replace(day=1), last, "month"
    if what in ("yesterday", "last night"):
        day = published - dt.timedelta(days=1)
        return day, day, "day"
    if what in ("today", "tonight"):
        return published, published, "day"
    monday = published - dt.timedelta(days=published.weekday())
    if what.endswith("this week"):
        return monday, published, "month"
    if what.endswith("this month"):
        return published.replace(day=1), published, "month"
    if what.endswith("week"):
        return monday - dt.timedelta(days=7), monday - dt.timedelta(days=1), "month"
    last = published.replace(day=1) - dt.timedelta(days=1)
    return last.replace(day=1), last, "month"


# The note of a date written as the modifier of a happening's noun ("the January 3 attacks", "the 2016 bombing"):
# `isk_atlas.events.lead.naming_date` marks days and months so; `NAMED_YEAR` years.
NAMING_NOTE = "the date the text names the happening by"
# "the 2017 suicide attack on a hospital", "a 2019 gunfight", "the 2022 mosque bombing in X": a year written before a
# happening's noun names the year it happened in, as "the January 3 bombings" names its day (the noun within a few
# words; "the 2001 invasion", "the 2020 agreement" name no happening the project codes).
NAMED_YEAR = re.compile(
    r"\b(?:[Tt]he|an?|its|their)\s+(?P<year>(?:19|20)\d{2})(?=\s+(?:[\w'’-]+\s+){0,3}?(?:attacks?|bombings?|blasts?"
    r"|explosions?|assaults?|shootings?|massacres?|gunfights?|raids?|strikes?|offensives?|sieges?)\b)"
)
NAMED_YEAR_EXAMPLES = (("the 2017 suicide attack on a hospital", 2017), ("a 2019 gunfight on the border", 2019))
NAMED_YEAR_COUNTER_EXAMPLES = ("since the 2001 invasion of the country", "after the 2020 agreement was signed")
# "in spring 2020", "in the summer of 2018", "fall 2019": a season and its year, as the months of that season
# (northern hemisphere, meteorological: spring March-May, summer June-August, autumn September-November). Winter
# straddles two years ("winter 2019" may be either): left unread.
SEASON_YEAR = re.compile(
    r"\b(?P<season>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all)\s+(?:of\s+)?(?P<year>(?:19|20)\d{2})\b(?!\s*[-–]\s*\d)"
)
SEASON_MONTHS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}
SEASON_EXAMPLES = (
    ("troops cleared the valley in spring 2020", dt.date(2020, 3, 1), dt.date(2020, 5, 31)),
    ("raids in the fall of 2019 pushed them out", dt.date(2019, 9, 1), dt.date(2019, 11, 30)),
)
SEASON_COUNTER_EXAMPLES = ("after the fall of Kabul in August", "the spring offensive began")
# "arrested before Christmas", "an attack on New Year's Eve", "on Nowruz": holidays on a fixed day of the calendar
# date what happened on them ("on", "at") or in the weeks before or after them ("before", "after": three weeks);
# the year is the latest that puts the day on or before the publication. Not a holiday's name as the modifier of a
# noun ("a Christmas market", "Nowruz celebrations"): no date.
HOLIDAY_DAYS = {"christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25),
                "new year's eve": (12, 31), "new year's day": (1, 1), "nowruz": (3, 21), "navruz": (3, 21),
                "norouz": (3, 21)}  # fmt: skip
HOLIDAY_SPAN_DAYS = 21
HOLIDAY = re.compile(
    r"\b(?P<rel>on|at|before|after)\s+(?:the\s+)?(?P<name>Christmas\s+Eve|Christmas\s+Day|Christmas"
    r"|New\s+Year['’]s\s+Eve|New\s+Year['’]s\s+Day|Nowruz|Navruz|Norouz)\b"
    r"(?!['’]s|\s+(?:markets?|trees?|part(?:y|ies)|celebrations?|services?|shopping|holidays?|festivities|season"
    r"|gatherings?|prayers?|ceremon(?:y|ies)|eve)\b)"
)
_HOLIDAY_HINT = re.compile(r"Christmas|New Year|Nowruz|Navruz|Norouz")
HOLIDAY_EXAMPLES = (
    ("two men were detained before Christmas", dt.date(2023, 12, 4), dt.date(2023, 12, 24)),
    ("a plot to strike on New Year's Eve", dt.date(2023, 12, 31), dt.date(2023, 12, 31)),
)
HOLIDAY_COUNTER_EXAMPLES = ("a truck rammed into a Christmas market", "the attack on Nowruz celebrations")


def _holiday(rel: str, name: str, published: dt.date, precision: str) -> tuple[dt.date, dt.date, str] | None:
    """The window a holiday phrase ("before Christmas") names: the latest such holiday whose window opens on or
    before the end of the publication's period, cut at that end."""
    month, day = HOLIDAY_DAYS[" ".join(name.lower().replace("’", "'").split())]
    limit = _period_end(published, precision)
    for year in (limit.year, limit.year - 1):
        holiday = dt.date(year, month, day)
        span = dt.timedelta(days=HOLIDAY_SPAN_DAYS)
        if rel == "before":
            start, end, prec = holiday - span, holiday - dt.timedelta(days=1), "month"
        elif rel == "after":
            start, end, prec = holiday + dt.timedelta(days=1), holiday + span, "month"
        else:
            start, end, prec = holiday, holiday, "day"
        if start <= limit:
            return start, min(end, limit), prec
    return None


_DIGIT = re.compile(r"\d")
_DIGITS = re.compile(r"\d+")
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAY_NAME = re.compile("|".join(_WEEKDAY_NAMES))
_LOWER_MONTHS = tuple(m.lower() for m in _MONTH_ABBREVIATIONS)
_RELATIVE_DIRECTIONS = ("later", "after", "before", "earlier")


def _positions(text: str, words: tuple[str, ...]) -> list[int]:
    """Where each of `words` occurs in `text` (substring search)."""
    found: list[int] = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            found.append(at)
            at = text.find(word, at + 1)
    return found


def _words_before(text: str, at: int, words: tuple[str, ...]) -> list[tuple[int, str]]:
    """(start, word) of each of `words` that ends right before a run of white space ending at `at` (`\\s+`)."""
    end = at
    while end > 0 and text[end - 1].isspace():  # str.isspace is the regex's \s, character for character
        end -= 1
    if end == at:
        return []
    return [(end - len(word), word) for word in words if end >= len(word) and text.startswith(word, end - len(word))]


# Where matches of each pattern can start (a superset): the pattern is tried only there, in order (`_finditer_from`).
def _day_month_starts(sentence: str) -> list[int]:
    """DAY_MONTH ("Thursday, 16 March", "the 16th of March", "16 March"): a weekday, "the" before a number, a digit."""
    starts = _positions(sentence, _WEEKDAY_NAMES)
    size = len(sentence)
    for at in _positions(sentence, ("the",)):
        after = at + 3
        while after < size and sentence[after].isspace():
            after += 1
        if after > at + 3 and after < size and sentence[after].isdigit():
            starts.append(at)
    starts.extend(match.start() for match in _DIGITS.finditer(sentence))
    return starts


def _month_day_starts(sentence: str) -> list[int]:
    """MONTH_DAY ("Thursday, March 16", "March 16"): a weekday or a month, as written."""
    return _positions(sentence, (*_WEEKDAY_NAMES, *_MONTH_ABBREVIATIONS))


def _month_only_starts(lowered: str) -> list[int]:
    """MONTH_ONLY (case-blind, on the lower-cased sentence): a month, or the part of it written before it ("early",
    "early in", "mid-", "late", "late in", "the middle of", "in the middle of", "the beginning of", "end of")."""
    months = _positions(lowered, _LOWER_MONTHS)
    starts = list(months)
    for month in months:
        for in_start, _ in _words_before(lowered, month, ("in",)):  # "early in", "late in"
            starts.extend(part_start for part_start, _ in _words_before(lowered, in_start, ("early", "late")))
        for part in ("early ", "early-", "late ", "late-", "mid-", "mid"):
            if month >= len(part) and lowered.startswith(part, month - len(part)):
                starts.append(month - len(part))
        for of_start, _ in _words_before(lowered, month, ("of",)):
            for unit_start, unit in _words_before(lowered, of_start, ("beginning", "end", "middle")):
                if unit != "middle":
                    starts.append(unit_start)
                for the_start, _ in _words_before(lowered, unit_start, ("the",)):
                    starts.append(the_start)
                    if unit == "middle":
                        starts.extend(in_start for in_start, _ in _words_before(lowered, the_start, ("in",)))
    return starts


def _year_only_starts(sentence: str) -> list[int]:
    """YEAR_ONLY ("in 2014", "since 2015"): the word before a year, found from the year."""
    starts: list[int] = []
    for at in _positions(sentence, ("19", "20")):
        starts.extend(start for start, _ in _words_before(sentence, at, ("in", "since", "during", "of")))
    return starts


def _finditer_from(pattern: re.Pattern[str], sentence: str, positions: list[int]) -> Iterator[re.Match[str]]:
    """`pattern.finditer(sentence)` for a pattern whose every match starts at one of `positions`: the pattern is
    tried only there (a substring search is far cheaper than the pattern's own scan)."""
    last_end = 0
    for at in sorted(positions):
        if at < last_end:
            continue
        match = pattern.match(sentence, at)
        if match is not None:
            yield match
            last_end = match.end()


_MONTH_HINT = re.compile(_MONTH_STARTS)  # \b(?:Jan|Feb|...|Dec)
_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


@dataclass(frozen=True)
class DateMention:
    text: str
    start: int
    end: int
    date_start: dt.date
    date_end: dt.date
    precision: str  # day | month | year
    note: str = ""

    def overlaps(self, other: DateMention) -> bool:
        """Whether the two dates share a day."""
        return self.date_start <= other.date_end and other.date_start <= self.date_end


def _period_end(published: dt.date, precision: str) -> dt.date:
    if precision == "month":
        return published.replace(day=calendar.monthrange(published.year, published.month)[1])
    if precision == "year":
        return published.replace(month=12, day=31)
    return published


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def builtin_resolve(
    year: int | None, month: int, day: int | None, weekday: int | None, published: dt.date | None, precision: str
) -> tuple[dt.date, dt.date, str, str] | None:
    """(start, end, precision, note) for a date without or with a year, read against the publication date."""
    if year is not None:
        if day is None:
            last = calendar.monthrange(year, month)[1]
            return dt.date(year, month, 1), dt.date(year, month, last), "month", ""
        date = _safe_date(year, month, day)
        if date is None:
            return None
        note = ""
        if weekday is not None and date.weekday() != weekday:
            note = f"the text's weekday ({calendar.day_name[weekday]}) does not match {date.isoformat()}"
        return date, date, "day", note
    if published is None:
        return None
    limit = _period_end(published, precision)
    if day is None:
        candidate_year = limit.year if month <= limit.month else limit.year - 1
        last = calendar.monthrange(candidate_year, month)[1]
        return dt.date(candidate_year, month, 1), dt.date(candidate_year, month, last), "month", ""
    first_year = limit.year
    candidates = []
    for back in range(0, 8):
        date = _safe_date(first_year - back, month, day)
        if date is not None and date <= limit:
            candidates.append(date)
    if not candidates:
        return None
    if weekday is not None:
        matching = [d for d in candidates if d.weekday() == weekday]
        if matching and matching[0].year >= candidates[0].year - 1:
            return matching[0], matching[0], "day", ""
        note = f"the text's weekday ({calendar.day_name[weekday]}) fits no year near the publication"
        return candidates[0], candidates[0], "day", note
    return candidates[0], candidates[0], "day", ""


def find_dates(
    sentence: str,
    published: dt.date | None,
    precision: str = "day",
    anchor: dt.date | None = None,
    offset: int = 0,
    stamped: bool = True,
) -> list[DateMention]:
    """Date phrases in `sentence`, resolved; `anchor` is the last date the text gave before (for 'a day later').

    `stamped`: `published` is a page's date stamp (which may be a time zone early, see `_DAY_AFTER_THE_PAGE`), not
    a dateline's day, written where the report was filed."""
    if not _DATE_HINT.search(sentence) and not (
        "week" in sentence
        or "month" in sentence
        or "night" in sentence
        or "days" in sentence
        or (published is not None and _HOLIDAY_HINT.search(sentence) is not None)
    ):
        return []  # (every alternative of the hint opens with a literal: a quick scan)
    has_month = bool(_MONTH_HINT.search(sentence))
    # Fragments each pattern needs; ASCII text lower-cased gives what the case-blind patterns match.
    lowered = sentence.lower() if sentence.isascii() else None
    has_digit = bool(_DIGIT.search(sentence))
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def add(match: re.Match[str], resolved: tuple[dt.date, dt.date, str, str] | None, readable: bool = True) -> None:
        if readable:
            # The project's resolver (isk_atlas.events.dates) reads the phrase; ours stands in where it cannot.
            result = resolve_date(match.group(), published, precision, anchor)
            if result.known and result.start is not None:
                note = result.note if result.weekday_mismatch or not resolved else resolved[3] or result.note
                resolved = (result.start, result.end or result.start, result.precision, note)
        if resolved is None:
            return
        taken.append(match.span())
        start, end, prec, note = resolved
        found.append(DateMention(match.group(), offset + match.start(), offset + match.end(), start, end, prec, note))

    day_dates = ((DAY_MONTH, _day_month_starts), (MONTH_DAY, _month_day_starts)) if has_month and has_digit else ()
    for pattern, starts in day_dates:
        for match in _finditer_from(pattern, sentence, starts(sentence)):
            if not free(*match.span()):
                continue
            groups = match.groupdict()
            year = int(groups["year"]) if groups.get("year") else None
            if groups.get("last") and published is not None:
                year = published.year - 1
            weekday = WEEKDAYS.get((groups.get("weekday") or "").lower())
            add(match, builtin_resolve(year, MONTHS[groups["month"].lower()], int(groups["day"]), weekday,
                                       published, precision))  # fmt: skip
    month_only: Iterable[re.Match[str]] = ()
    if has_month:  # (the starts are looked for only then)
        month_only = (
            MONTH_ONLY.finditer(sentence)
            if lowered is None
            else _finditer_from(MONTH_ONLY, sentence, _month_only_starts(lowered))
        )
    for match in month_only:
        if not free(*match.span()):
            continue
        groups = match.groupdict()
        month_word = groups["month"]
        if month_word == "May" and not groups.get("year") and not groups.get("part"):
            continue  # "may" the verb
        if not month_word[0].isupper():
            continue
        year = int(groups["year"]) if groups.get("year") else None
        if groups.get("last") and published is not None:
            year = published.year - 1
        that_year = None
        if year is None and _THAT_YEAR.match(sentence, match.end()):
            # "from the bombings in January 2024 to the massacre in March of that year": the year told before
            before = [d for d in found if d.start - offset < match.start() and d.precision in ("day", "month")]
            year = that_year = max(before, key=lambda d: d.start).date_start.year if before else None
        resolved = builtin_resolve(year, MONTHS[month_word.lower()], None, None, published, precision)
        if resolved is not None and groups.get("part"):
            part = groups["part"].lower()
            start, end, _, note = resolved
            if part.startswith("early") or "beginning" in part:
                resolved = (start, start.replace(day=10), "month", note)
            elif part.startswith("mid") or "middle" in part:
                resolved = (start.replace(day=11), start.replace(day=20), "month", note)
            else:
                resolved = (start.replace(day=21), end, "month", note)
        add(match, resolved, readable=that_year is None)
    if published is not None and precision == "day" and "day" in sentence and _WEEKDAY_NAME.search(sentence):
        for pattern in (WEEKDAY_ONLY, BARE_WEEKDAY):
            for match in pattern.finditer(sentence):
                if free(*match.span()):
                    back = (published.weekday() - WEEKDAYS[match.group("weekday").lower()]) % 7
                    if stamped and back == 6 and not match.group().lower().startswith("last"):
                        # "police said Saturday" on a page dated Friday: the page's date is a time zone early
                        day = published + dt.timedelta(days=1)
                        add(match, (day, day, "day", _DAY_AFTER_THE_PAGE))
                        continue
                    day = published - dt.timedelta(days=back)
                    add(match, (day, day, "day", "weekday read as the latest such day up to publication"))
    if has_digit:
        for match in SEASON_YEAR.finditer(sentence):
            if free(*match.span()):
                year = int(match.group("year"))
                first, last = SEASON_MONTHS[match.group("season").lower()]
                start, end = dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])
                add(match, (start, end, "month", f"{match.group('season').lower()} read as its months"), False)
        for match in NAMED_YEAR.finditer(sentence):
            if free(*match.span()):
                year = int(match.group("year"))
                add(match, (dt.date(year, 1, 1), dt.date(year, 12, 31), "year", NAMING_NOTE), False)
    if published is not None and _HOLIDAY_HINT.search(sentence):
        for match in HOLIDAY.finditer(sentence):
            window = _holiday(match.group("rel").lower(), match.group("name"), published, precision)
            if free(*match.span()) and window is not None:
                start, end, prec = window
                add(match, (start, end, prec, f"{match.group()} read against the publication"), False)
    for match in _finditer_from(YEAR_ONLY, sentence, _year_only_starts(sentence)):
        if free(*match.span()):
            year = int(match.group("year"))
            add(match, (dt.date(year, 1, 1), dt.date(year, 12, 31), "year", ""))
    for match in LAST_YEAR.finditer(sentence) if lowered is None or "year" in lowered else ():
        if free(*match.span()) and published is not None:
            year = published.year - 1
            add(match, (dt.date(year, 1, 1), dt.date(year, 12, 31), "year", ""))
    if published is not None and (lowered is None or "recent" in lowered or "past" in lowered or "last" in lowered):
        for match in RECENT.finditer(sentence):
            if free(*match.span()):
                end = _period_end(published, precision)
                start = end - dt.timedelta(days=_RECENT_DAYS[match.group("unit").lower()])
                # (The project's resolver does not read these phrases: not asked.)
                add(match, (start, end, "month", f"{match.group()} read as the stretch up to publication"), False)
    if (
        published is not None
        and precision in ("day", "month")
        and (lowered is None or (_NEARBY_HINT.search(lowered) is not None and any(w in lowered for w in _NEARBY_WORDS)))
    ):
        for match in NEARBY.finditer(sentence):
            if free(*match.span()) and (window := _nearby(match.group("what"), published, precision)) is not None:
                start, end, prec = window
                add(match, (start, end, prec, f"{match.group()} counted from publication"), False)
    # (with no date given before, the day the sentence itself tells, "a day earlier, police said on Tuesday")
    own_day = next((d.date_start for d in found if d.precision == "day" and d.date_start == d.date_end), None)
    from_own_day = anchor is None  # (then only "earlier" and "the previous day" count back from it)
    anchor = anchor if anchor is not None else own_day
    if anchor is not None and (
        lowered is None
        or (
            any(unit in lowered for unit in ("day", "week", "month"))
            and any(d in lowered for d in (*_RELATIVE_DIRECTIONS, "previous", "preceding"))
        )
    ):
        for match in RELATIVE.finditer(sentence):
            if not free(*match.span()):
                continue
            if match.group("n") is None:  # "the previous day", "the day before"
                date = anchor - dt.timedelta(days=1)
                add(match, (date, date, "day", f"{match.group()} the date given before ({anchor.isoformat()})"), False)
                continue
            if from_own_day and match.group("dir").lower() != "earlier":
                continue  # ("a week after the attack in X": that attack's date, told from this one's)
            count = _NUMBERS.get(match.group("n").lower()) or int(match.group("n"))
            days = {"day": 1, "week": 7, "month": 30}[match.group("unit").lower()] * count
            sign = -1 if match.group("dir").lower() in ("before", "earlier") else 1
            date = anchor + dt.timedelta(days=sign * days)
            prec = "day" if match.group("unit").lower() != "month" else "month"
            add(match, (date, date, prec, f"{match.group()} the date given before ({anchor.isoformat()})"))
    found.sort(key=lambda d: d.start)
    return found
