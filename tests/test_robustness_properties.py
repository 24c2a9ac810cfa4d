"""Property-based tests: the text-reading functions never raise on any string, and their outputs stay sane.

Strategies mix plain Unicode with what hostile or broken articles contain: control characters, bidi
overrides, right-to-left scripts, combining marks, huge numbers, markup, and the words the readers look for.
Example counts are modest so this file stays within a few seconds.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hostile import payloads
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from isk_atlas.errors import InputError
from isk_atlas.events.casualties import attribute, combine, find_figures, parse_number
from isk_atlas.events.dates import resolve_date
from isk_atlas.names import compact, normalize, skeleton, variants
from isk_atlas.places import PlaceModel, geocode
from isk_atlas.sources import decode_bytes, html_to_text, normalize_text, split_front_matter

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

CONTROL = "".join(chr(c) for c in [*range(0, 32), 127, *range(0x80, 0xA0)])
BIDI = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"
# Arabic, Hebrew and Dari words (the group's name, a province) written right to left.
RTL = (
    "\u0627\u0644\u062f\u0648\u0644\u0629 \u05d3\u05d0\u05e2\u05e9 "
    "\u06a9\u0646\u062f\u0632 \u0628\u062f\u062e\u0634\u0627\u0646"
)
ODD = "\ufeff\u00ad\u200b\u200c\u200d\u2028\u2029\u0301\u0308\u036f\ufffd\U0001f4a3\u0660\u0663\u00b2\u2155\u216b"
WORDS = [
    "killed",
    "wounded",
    "injured",
    "casualties",
    "at least",
    "according to",
    "officials said",
    "province",
    "district",
    "Kunduz",
    "Badakhshan",
    "Mazar-i-Sharif",
    "Bandare-Hairataan",
    "Sunday",
    "March 12",
    "12th of March",
    "last year",
    "mid-February",
    "a week after",
    "between October and December",
    "2023-02-30",
    "9999-12-31",
    "0001-01-01",
    "thirty-five",
    "two hundred",
    "a dozen",
    "4,000",
    "9" * 5000,
    "1e308",
    "-17",
    "ISIS-K",
    "e",
    "-e-",
    "of the",
]
FRAGMENTS = st.one_of(
    st.text(max_size=30),
    st.text(alphabet=CONTROL + BIDI + RTL + ODD + " -'", max_size=30),
    st.sampled_from(WORDS),
    st.sampled_from(payloads()),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)
HOSTILE_TEXT = st.lists(FRAGMENTS, max_size=12).map(" ".join)
DATES = st.one_of(st.none(), st.dates(), st.sampled_from([dt.date.min, dt.date.max, dt.date(2023, 3, 16)]))
PRECISIONS = st.one_of(st.none(), st.sampled_from(["day", "month", "year", "unknown"]), st.text(max_size=8))


# ---------------------------------------------------------------------------------------------- names


@FAST
@given(HOSTILE_TEXT)
@example("\u202eKunduz\u202c province")
@example("\x00" * 50)
@example("-e- -i- -ye-")
@example("Mazar-\u0336i-\u0336Sharif")
def test_normalisation_never_raises_is_ascii_and_idempotent(name: str) -> None:
    key = normalize(name)
    assert isinstance(key, str) and key.isascii()
    assert normalize(key) == key
    assert key == key.strip() and "  " not in key
    assert compact(name) == key.replace(" ", "")
    assert skeleton(name) == skeleton(key)
    found = variants(name)
    assert all(isinstance(v, str) and v.isascii() and v for v in found)
    assert len(found) <= 1024


# ---------------------------------------------------------------------------------------------- dates


@FAST
@given(phrase=HOSTILE_TEXT, published=DATES, precision=PRECISIONS)
@example(phrase="Sunday, March 12", published=dt.date.max, precision="day")
@example(phrase="one year after December 31, 9999", published=None, precision=None)
@example(phrase="last year", published=dt.date.min, precision="day")
@example(phrase="January 1", published=dt.date.min, precision="day")
@example(phrase="999 months before March 2023", published=dt.date(2023, 3, 16), precision="day")
def test_date_resolution_never_raises_and_gives_an_ordered_window(
    phrase: str, published: dt.date | None, precision: str | None
) -> None:
    resolved = resolve_date(phrase, published, precision)
    assert resolved.precision in {"day", "month", "year", "unknown"}
    if resolved.precision != "unknown":
        assert resolved.start is not None and resolved.end is not None and resolved.start <= resolved.end


@FAST
@given(phrase=HOSTILE_TEXT, published=st.text(max_size=12))
def test_date_resolution_accepts_any_published_string(phrase: str, published: str) -> None:
    assert resolve_date(phrase, published).precision in {"day", "month", "year", "unknown"}


# ---------------------------------------------------------------------------------------------- casualties


@FAST
@given(HOSTILE_TEXT)
@example("at least " + "9" * 5000 + " people were killed")
@example("\u00b2 killed and \u0663\u0664 wounded")
@example("99999999999999999999 killed, 12 wounded according to officials")
def test_casualty_parsing_never_raises_and_counts_stay_plausible(text: str) -> None:
    figures = find_figures(text, offset=7)
    for figure in figures:
        assert 0 <= figure.count < 10**10
        assert 7 <= figure.start <= figure.end <= len(text) + 7
    attributed = attribute(text, figures, offset=7)
    totals = combine(attributed, source_id="s1")
    for low, high in ((totals.killed_low, totals.killed_high), (totals.injured_low, totals.injured_high)):
        # A combined figure ("50 killed or wounded") bounds both highs without giving a low.
        assert low is None or (high is not None and 0 <= low <= high)


@FAST
@given(st.one_of(HOSTILE_TEXT, st.text(alphabet="0123456789,\u0660\u0663\u00b2 ", max_size=6000)))
@example("9" * 5000)
@example("\u00b2")
def test_parse_number_never_raises(text: str) -> None:
    number = parse_number(text)
    assert number is None or 0 <= number < 10**10


# ---------------------------------------------------------------------------------------------- geocoding


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=HOSTILE_TEXT, context=st.one_of(st.none(), HOSTILE_TEXT))
@example(name="\u202eKunduz", context=None)
@example(name="<script>alert(1)</script> district", context="Badakhshan province")
@example(name="Jurm" * 2000, context=None)
def test_geocoding_never_raises_and_resolved_places_have_sane_coordinates(
    place_model: PlaceModel, name: str, context: str | None
) -> None:
    match = geocode(name, context, geocoder=place_model.geocoder)
    assert match.query == name
    if match.resolved:
        assert match.lat is not None and match.lon is not None
        assert -90 <= match.lat <= 90 and -180 <= match.lon <= 180
        assert 0 <= match.score <= 1
    else:
        assert match.name is None and match.lat is None


# ---------------------------------------------------------------------------------------------- intake


@FAST
@given(st.one_of(st.binary(max_size=400), HOSTILE_TEXT.map(lambda t: t.encode("utf-8", "surrogatepass"))))
@example(b"\xff\xfe\x00")  # a UTF-16 BOM and an odd byte count
@example(b"\xef\xbb\xbf\x00\x00")
@example(bytes(range(1, 9)) * 50)
def test_decoding_any_bytes_gives_text_or_an_input_error(data: bytes) -> None:
    path = Path("article.txt")
    try:
        text = decode_bytes(data, path)
    except InputError as error:
        assert error.path == "article.txt"
        return
    once = normalize_text(text)
    assert normalize_text(once) == once and "\r" not in once


@FAST
@given(HOSTILE_TEXT)
@example("---\n" + "a: [" * 3000 + "\n---\nbody")
@example("---\ntitle: *x\n---\n")
@example("---\n!!python/object/apply:os.system ['true']\n---\n")
def test_front_matter_gives_metadata_or_an_input_error(body: str) -> None:
    for text in (body, "---\n" + body, "---\n" + body + "\n---\nText."):
        try:
            meta, rest = split_front_matter(text, Path("a.md"))
        except InputError as error:
            assert error.path == "a.md"
            continue
        assert isinstance(meta, dict) and isinstance(rest, str)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(FRAGMENTS, st.sampled_from(["<p>", "</p>", "<script>", "</script>", "<!--", "<iframe>"])), max_size=15
    ).map("".join)
)
def test_html_to_text_never_raises(html: str) -> None:
    text, meta = html_to_text(f"<html><body><article><p>Kunduz.</p>{html}</article></body></html>")
    assert isinstance(text, str) and all(isinstance(v, str) for v in meta.values())


@pytest.mark.parametrize("payload", payloads())
def test_extraction_of_payload_articles_never_raises(payload: str) -> None:
    from isk_atlas.events.extract import Extractor

    text = f"ISIS-K fighters attacked {payload} in {payload} district of Kunduz province on March 3, 2023, killing 5."
    events = Extractor().extract(text, "payload", dt.date(2023, 3, 16), "day")
    for event in events:
        start, end = event.sources[0].start, event.sources[0].end
        assert start is not None and end is not None and 0 <= start < end <= len(text)


@pytest.mark.parametrize(
    "filler",
    ["Taliban's ", "Kunduz Badakhshan ", "according to the ", "1,000,", "officials in the ", "ISIS-K "],
)
def test_long_sentences_stay_linear(filler: str) -> None:
    """Patterns that backtrack over runs of words must not turn one long hostile sentence into minutes of work."""
    import time

    from isk_atlas.events.extract import Extractor

    extractor = Extractor()
    extractor.extract("ISIS-K attacked Kunduz, killing 3, officials said.", "warm", None, "unknown")
    timings = []
    for repeats in (400, 3200):
        text = (
            f"ISIS-K attacked a checkpoint in Kunduz on March 3, 2023, and {filler * repeats}claims say 4 were killed."
        )
        started = time.perf_counter()
        extractor.extract(text, "long", dt.date(2023, 3, 16), "day")
        figures = find_figures(text)
        attribute(text, figures)
        timings.append(time.perf_counter() - started)
    # Eight times the text may cost about eight times the time (12 allows for noise); quadratic costs 64 times.
    assert timings[1] < max(2.0, 12 * timings[0]), timings
