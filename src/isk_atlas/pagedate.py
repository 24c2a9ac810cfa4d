"""When a fetched article was published, read from the page: its metadata, else the dateline of its text.

`page_date(html, text)` gives the date and where it came from, for `isk-atlas add-source` to record in the
sidecar (`published`, `published_precision`, `published_note`): the page's own metadata (`article:published_time`
and the like, read by htmldate, with the original publication preferred over a later update), else a dateline
opening the text ("KABUL, May 10 (Reuters) -"), whose year is taken from the metadata's or, failing that, left
unknown. Weekdays in the text are then read against this date by the extractor.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

# "KABUL, May 10 (Example) -", "MAZAR-I-SHARIF, 9 March 2023 -": place in capitals, date, optional agency, dash.
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z.'\- ]{2,40}(?:,\s*[A-Z][A-Za-z]+)?,\s*"
    r"(?P<date>(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})(?:,?\s+(?P<year>\d{4}))?)"
    r"\s*(?:\([^)]{1,40}\)\s*)?[-–—]",
    re.MULTILINE,
)
_MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}  # fmt: skip


@dataclass(frozen=True)
class PageDate:
    """A publication date and where it was read."""

    date: dt.date
    precision: str  # day | month | year
    note: str  # where it came from, for the sidecar's published_note


def metadata_date(html: str) -> dt.date | None:
    """The publication date the page's metadata gives (original, not last modified); None when it gives none."""
    import htmldate

    try:
        found = htmldate.find_date(html, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
    except (ValueError, TypeError):
        return None
    if not found:
        return None
    try:
        return dt.date.fromisoformat(str(found))
    except ValueError:
        return None


def dateline_date(text: str, year: int | None) -> tuple[dt.date, str] | None:
    """The date of a dateline in the first lines of the text, and the dateline's words; None without one (or
    without a year to read it in)."""
    for line in text.lstrip().splitlines()[:6]:
        match = _DATELINE.match(line)
        if match is None:
            continue
        words = match.group("date").replace(",", " ").replace(".", " ").split()
        month_word = next(w for w in words if w[0].isalpha())
        day = int(next(w for w in words if w.isdigit() and len(w) <= 2))
        month = _MONTHS.get(month_word[:3].lower())
        found_year = int(match.group("year")) if match.group("year") else year
        if month is None or found_year is None:
            return None
        try:
            return dt.date(found_year, month, day), match.group("date")
        except ValueError:
            return None
    return None


def page_date(html: str | None, text: str) -> PageDate | None:
    """The publication date of a fetched page: from its metadata, else from the dateline of its text (read in the
    metadata's year when the dateline gives none); None when neither tells."""
    meta = metadata_date(html) if html else None
    line = dateline_date(text, meta.year if meta else None)
    if meta is not None:
        note = "from the page's metadata (published time)"
        if line is not None and line[0] != meta:
            note += f"; the dateline says {line[1]}"
        elif line is not None:
            note += f", as the dateline ({line[1]})"
        return PageDate(meta, "day", note)
    if line is not None:
        return PageDate(line[0], "day", f"from the dateline ({line[1]})")
    return None
