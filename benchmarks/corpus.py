"""Synthetic, seeded material for the benchmarks: news-like articles and `Event` records over real places.

Articles are written from this module's own invented sentence templates (never the source articles' text),
naming real places from the project's gazetteer (`isk_atlas.geo.load_gazetteer()`), or from a small built-in list
of real Afghan and border places when the gazetteer is not available. The same seed and the same place list give
a byte-identical corpus; article `i` depends only on the seed and `i`, so the 100-article corpus is the first
hundred of the 1,000-article one, and "one more article" is simply article number `n`.

    python -m benchmarks.corpus OUT_DIR --articles 1000 --seed 7
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import io
import json
import random
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from isk_atlas.schema import SUB_TYPES, Event, Figure, SourceMeta, SourceRef

SOURCES_COLUMNS = (
    "file",
    "source_id",
    "title",
    "publisher",
    "author",
    "url",
    "published",
    "published_precision",
    "published_note",
)
CORPUS_SIZES = (100, 1_000, 10_000)
FIRST_DAY = dt.date(2017, 1, 1)
LAST_DAY = dt.date(2025, 12, 31)


@dataclass(frozen=True)
class Place:
    """A real place the synthetic material names; ids follow the gazetteer's scheme."""

    id: str
    name: str
    kind: str  # province, district, town, region, country
    admin1: str | None
    country: str | None
    lat: float
    lon: float
    province: str = ""  # the province's name, for "X district of Y province"


@dataclass(frozen=True)
class Places:
    """The places the generators draw from, split by role."""

    provinces: tuple[Place, ...]
    districts: tuple[Place, ...]
    towns: tuple[Place, ...]
    regions: tuple[Place, ...]
    targets: tuple[Place, ...]  # across the northern border: where launched rockets land
    country: Place
    origin: str  # "gazetteer" or "builtin"

    @property
    def fingerprint(self) -> str:
        ids = "|".join(
            p.id for group in (self.provinces, self.districts, self.towns, self.regions, self.targets) for p in group
        )
        return hashlib.sha256(ids.encode()).hexdigest()[:12]


# Real places, coordinates rounded; used only when the gazetteer is not importable (ids as the gazetteer writes them).
_BUILTIN_PROVINCES = (
    ("AF-BDS", "Badakhshan", 37.12, 70.58),
    ("AF-BDG", "Badghis", 35.17, 63.77),
    ("AF-BGL", "Baghlan", 36.13, 68.70),
    ("AF-BAL", "Balkh", 36.52, 67.04),
    ("AF-BAM", "Bamyan", 34.82, 67.82),
    ("AF-DAY", "Daykundi", 33.87, 66.12),
    ("AF-FRA", "Farah", 32.37, 62.12),
    ("AF-FYB", "Faryab", 35.92, 64.78),
    ("AF-GHA", "Ghazni", 33.55, 68.42),
    ("AF-GHO", "Ghor", 34.52, 65.25),
    ("AF-HEL", "Helmand", 31.58, 64.37),
    ("AF-HER", "Herat", 34.35, 62.20),
    ("AF-JOW", "Jowzjan", 36.67, 65.75),
    ("AF-KAB", "Kabul", 34.53, 69.17),
    ("AF-KAN", "Kandahar", 31.61, 65.71),
    ("AF-KAP", "Kapisa", 34.98, 69.62),
    ("AF-KHO", "Khost", 33.34, 69.92),
    ("AF-KNR", "Kunar", 34.87, 71.15),
    ("AF-KDZ", "Kunduz", 36.73, 68.86),
    ("AF-LAG", "Laghman", 34.67, 70.21),
    ("AF-LOG", "Logar", 33.98, 69.02),
    ("AF-NAN", "Nangarhar", 34.43, 70.45),
    ("AF-NIM", "Nimroz", 30.96, 61.86),
    ("AF-NUR", "Nuristan", 35.42, 70.91),
    ("AF-PKA", "Paktika", 32.26, 68.52),
    ("AF-PIA", "Paktiya", 33.60, 69.22),
    ("AF-PAN", "Panjshir", 35.31, 69.52),
    ("AF-PAR", "Parwan", 35.01, 69.17),
    ("AF-SAM", "Samangan", 36.26, 68.02),
    ("AF-SAR", "Sar-e Pol", 36.22, 65.93),
    ("AF-TAK", "Takhar", 36.74, 69.53),
    ("AF-URU", "Uruzgan", 32.93, 65.63),
    ("AF-WAR", "Wardak", 34.40, 68.87),
    ("AF-ZAB", "Zabul", 32.11, 66.91),
)
_BUILTIN_DISTRICTS = (
    ("AF-NAN.achin", "Achin", "AF-NAN", 34.08, 70.68),
    ("AF-NAN.deh-bala", "Deh Bala", "AF-NAN", 34.07, 70.47),
    ("AF-NAN.spin-ghar", "Spin Ghar", "AF-NAN", 34.10, 70.30),
    ("AF-KNR.chapa-dara", "Chapa Dara", "AF-KNR", 35.03, 71.00),
    ("AF-JOW.darzab", "Darzab", "AF-JOW", 35.98, 65.38),
    ("AF-BDS.jurm", "Jurm", "AF-BDS", 36.86, 70.83),
    ("AF-TAK.dasht-e-qala", "Dasht-e Qala", "AF-TAK", 37.27, 69.48),
    ("AF-KDZ.imam-sahib", "Imam Sahib", "AF-KDZ", 37.18, 68.92),
    ("AF-BAL.kaldar", "Kaldar", "AF-BAL", 37.18, 67.80),
)
_BUILTIN_TOWNS = (
    ("cur:kabul", "Kabul", "AF-KAB", 34.53, 69.17),
    ("cur:jalalabad", "Jalalabad", "AF-NAN", 34.43, 70.45),
    ("cur:mazar-i-sharif", "Mazar-i-Sharif", "AF-BAL", 36.71, 67.11),
    ("cur:kunduz", "Kunduz", "AF-KDZ", 36.73, 68.86),
    ("cur:kandahar", "Kandahar", "AF-KAN", 31.61, 65.71),
    ("cur:herat", "Herat", "AF-HER", 34.35, 62.20),
    ("cur:faizabad", "Faizabad", "AF-BDS", 37.12, 70.58),
    ("cur:taloqan", "Taloqan", "AF-TAK", 36.74, 69.53),
    ("cur:hairatan", "Hairatan", "AF-BAL", 37.22, 67.42),
    ("cur:sheberghan", "Sheberghan", "AF-JOW", 36.67, 65.75),
    ("cur:asadabad", "Asadabad", "AF-KNR", 34.87, 71.15),
    ("cur:pul-e-khumri", "Pul-e Khumri", "AF-BGL", 35.94, 68.71),
)
_BUILTIN_TARGETS = (
    ("cur:termez", "Termez", "UZ-SU", "UZB", 37.22, 67.28),
    ("cur:panj", "Panj", "TJ-KT", "TJK", 37.24, 69.10),
    ("cur:shahrituz", "Shahrituz", "TJ-KT", "TJK", 37.26, 68.14),
    ("cur:kulob", "Kulob", "TJ-KT", "TJK", 37.91, 69.78),
)
_BUILTIN_REGIONS = (
    ("region:east", "East Afghanistan", 34.98, 70.68),
    ("region:north", "North Afghanistan", 36.18, 66.39),
    ("region:northeast", "Northeast Afghanistan", 36.73, 69.84),
    ("region:afghan-tajik-border", "Afghan-Tajik border", 37.57, 73.91),
)
_BORDER_ADMIN1 = ("TJ-KT", "TJ-GB", "UZ-SU", "TM-L", "TM-M")


def builtin_places() -> Places:
    province_names = {code: name for code, name, _, _ in _BUILTIN_PROVINCES}
    return Places(
        provinces=tuple(Place(c, n, "province", c, "AFG", la, lo, n) for c, n, la, lo in _BUILTIN_PROVINCES),
        districts=tuple(
            Place(i, n, "district", a, "AFG", la, lo, province_names[a]) for i, n, a, la, lo in _BUILTIN_DISTRICTS
        ),
        towns=tuple(Place(i, n, "town", a, "AFG", la, lo, province_names[a]) for i, n, a, la, lo in _BUILTIN_TOWNS),
        regions=tuple(Place(i, n, "region", None, None, la, lo) for i, n, la, lo in _BUILTIN_REGIONS),
        targets=tuple(Place(i, n, "town", a, c, la, lo) for i, n, a, c, la, lo in _BUILTIN_TARGETS),
        country=Place("AFG", "Afghanistan", "country", None, "AFG", 33.94, 67.71),
        origin="builtin",
    )


def gazetteer_places() -> Places | None:
    """Places from the project's gazetteer, or None when `isk_atlas.geo` (or its data) is not there."""
    try:
        from isk_atlas.geo import load_gazetteer

        frame = load_gazetteer()
    except Exception:  # the geo package not merged yet, or its data missing: fall back to the built-in list
        return None
    frame = frame.sort_values("id", kind="stable")
    ascii_name = frame["name"].astype(str).map(lambda s: bool(re.fullmatch(r"[A-Za-z][A-Za-z' \-]+", s)))
    frame = frame[ascii_name]
    afghan = frame["country"] == "AFG"
    provinces = frame[afghan & (frame["kind"] == "province")]
    province_names = dict(zip(provinces["id"], provinces["name"], strict=True))

    def rows(selection: object, kind: str) -> tuple[Place, ...]:
        part = frame[selection]  # type: ignore[index]
        return tuple(
            Place(
                str(r.id),
                str(r.name),
                kind,
                str(r.admin1) or None,
                str(r.country) or None,
                round(float(r.lat), 5),
                round(float(r.lon), 5),
                province_names.get(str(r.admin1), ""),
            )
            for r in part.itertuples(index=False)
        )

    places = Places(
        provinces=rows(afghan & (frame["kind"] == "province"), "province"),
        districts=rows(afghan & (frame["kind"] == "district") & frame["admin1"].isin(province_names), "district"),
        towns=rows(afghan & (frame["kind"] == "town") & frame["admin1"].isin(province_names), "town"),
        regions=rows((frame["kind"] == "region") & frame["id"].str.startswith("region:"), "region"),
        targets=rows(frame["admin1"].isin(_BORDER_ADMIN1) & (frame["kind"] == "town") & (frame["lat"] < 38.5), "town"),
        country=Place("AFG", "Afghanistan", "country", None, "AFG", 33.94, 67.71),
        origin="gazetteer",
    )
    if min(len(places.provinces), len(places.districts), len(places.towns), len(places.targets)) == 0:
        return None
    return places


def load_places(prefer_gazetteer: bool = True) -> Places:
    return (gazetteer_places() if prefer_gazetteer else None) or builtin_places()


# ------------------------------------------------------------------------------------------------ articles

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_PUBLISHERS = (
    "Northern Frontier Review",
    "Khorasan Watch Bulletin",
    "Hindu Kush Dispatch",
    "Amu Darya Monitor",
    "Border Affairs Weekly",
)
_AUTHORS = ("Staff reporter", "Our correspondent", "A. Rahimi", "L. Sharifi", "N. Karimova", "")
_TARGETS = ("a mosque", "a checkpoint", "a school bus", "a market", "a wedding hall", "a government office")
_OFFICIALS = ("a provincial spokesman", "the district police chief", "a hospital official", "local elders")

# One template set per event kind; every sentence is this project's own wording.
_ATTACK_LEAD = (
    "A suicide bomber struck {target} in {place}, {province} province, on {weekday}, killing at least {killed} "
    "people and wounding {injured}, {official} said.",
    "Gunmen opened fire on {target} in {place} in {province} on {date_text}, leaving {killed} dead and {injured} "
    "injured according to {official}.",
    "An explosion tore through {target} in {place}, {province}, on {date_text}; {official} counted {killed} dead.",
)
_ATTACK_CLAIM = (
    "The Islamic State Khorasan Province (ISIS-K) claimed responsibility and put the toll at {claim}.",
    "ISIS-K said in a statement that its fighters carried out the attack, claiming {claim} casualties.",
    "No group claimed the attack at first, but ISIS-K later said its members were behind it.",
)
_LAUNCH_LEAD = (
    "Rockets fired from {place} in {province} province landed near {target_town}, {target_country}, on "
    "{date_text}, border guards said.",
    "{rockets} rockets were launched from Afghan territory around {place} and struck near {target_town} on "
    "{weekday}, officials in {target_country} reported.",
)
_LAUNCH_CLAIM = (
    "ISIS-K claimed the cross-border launch and said it would continue.",
    "Border officials said {rockets} projectiles fell in open ground and caused no casualties.",
)
_COUNTER_LEAD = (
    "Taliban security forces raided an ISIS-K hideout in {place} district of {province} on {weekday} and arrested "
    "{arrested} suspected members.",
    "Security forces carried out an operation against ISIS-K cells around {place}, {province}, on {date_text}, "
    "killing {killed} fighters, a spokesman said.",
    "{arrested} ISIS-K members surrendered to the authorities in {place}, {province}, on {date_text}.",
)
_PRESENCE_LEAD = (
    "Residents of {place} in {province} say ISIS-K fighters have been active in nearby villages for months.",
    "About {members} ISIS-K members are based in the mountains of {place}, {province}, according to {official}.",
    "Local officials say ISIS-K is recruiting young men in {place}, {province}, through mosques and schools.",
)
_BACKGROUND = (
    "Analysts note that the group has shifted its focus from the east toward the northern provinces.",
    "The area has seen repeated fighting between rival armed groups since the change of government.",
    "Diplomats in the region describe the situation along the Amu Darya as fragile.",
    "Aid workers say access to the affected valleys remains limited during the winter months.",
    "Officials in Dushanbe and Tashkent have increased patrols along their southern frontiers.",
    "Humanitarian agencies warn that displacement is rising in several districts.",
    "Independent verification of the figures was not possible because of restrictions on the press.",
    "Observers say the group uses online channels in several Central Asian languages.",
)
# Background sentences are assembled from parts so that articles differ in wording and length like real ones.
_WHO = (
    "Regional analysts",
    "Security researchers",
    "Former officials",
    "Local journalists",
    "Diplomats in Islamabad",
    "Community leaders",
    "Researchers who follow militant media",
    "Western intelligence assessments",
)
_SAY = ("say", "believe", "have argued", "point out", "suggest", "caution")
_THAT = (
    "recruitment has grown where unemployment is highest",
    "the movement of fighters between provinces is hard to track",
    "winter usually slows operations in the high valleys",
    "smuggling routes along the river finance several armed groups",
    "the authorities have struggled to hold remote districts",
    "propaganda in Uzbek and Tajik has become more frequent",
    "small cells rather than large units carry out most operations",
    "the border police lack vehicles and night-vision equipment",
    "many incidents in rural areas are never reported",
    "casualty figures given by opposing sides rarely agree",
)
_WHEN = ("", " this year", " in recent months", " since the spring", " over the past decade", " after the withdrawal")


def _date_text(day: dt.date) -> str:
    return f"{day.strftime('%B')} {day.day}"


@dataclass(frozen=True)
class Article:
    file: str
    text: str
    meta: dict[str, str]


def _background_paragraph(rng: random.Random) -> str:
    sentences = [
        f"{rng.choice(_WHO)} {rng.choice(_SAY)} that {rng.choice(_THAT)}{rng.choice(_WHEN)}."
        for _ in range(rng.randint(2, 5))
    ]
    sentences.insert(rng.randint(0, len(sentences)), rng.choice(_BACKGROUND))
    return " ".join(sentences)


def _choose_place(rng: random.Random, places: Places) -> Place:
    pool = places.districts if rng.random() < 0.55 else places.towns
    return rng.choice(pool)


def _province_name(place: Place, places: Places) -> str:
    if place.province:
        return place.province
    for province in places.provinces:
        if province.id == place.admin1:
            return province.name
    return "Afghanistan"


def _event_paragraph(rng: random.Random, places: Places, published: dt.date) -> str:
    place = _choose_place(rng, places)
    day = published - dt.timedelta(days=rng.randint(1, 6))
    killed = rng.choice((0, 1, 2, 3, 4, 5, 7, 9, 12, 15, 20, 31))
    values = {
        "place": place.name,
        "province": _province_name(place, places),
        "weekday": _WEEKDAYS[day.weekday()],
        "date_text": _date_text(day),
        "target": rng.choice(_TARGETS),
        "official": rng.choice(_OFFICIALS),
        "killed": killed,
        "injured": killed * rng.randint(1, 3) + rng.randint(0, 5),
        "claim": killed * rng.choice((1, 2, 3)) + rng.randint(0, 10),
        "arrested": rng.randint(2, 40),
        "members": rng.choice((50, 120, 200, 400, 1_500, 4_000)),
        "rockets": rng.randint(2, 12),
    }
    kind = rng.choices(("attack", "launch", "counter", "presence"), weights=(35, 8, 27, 30))[0]
    if kind == "attack":
        sentences = [rng.choice(_ATTACK_LEAD), rng.choice(_ATTACK_CLAIM)]
    elif kind == "launch":
        target = rng.choice(places.targets)
        values["target_town"] = target.name
        values["target_country"] = {"UZB": "Uzbekistan", "TJK": "Tajikistan", "TKM": "Turkmenistan"}.get(
            target.country or "", "Tajikistan"
        )
        sentences = [rng.choice(_LAUNCH_LEAD), rng.choice(_LAUNCH_CLAIM)]
    elif kind == "counter":
        sentences = [rng.choice(_COUNTER_LEAD)]
    else:
        sentences = [rng.choice(_PRESENCE_LEAD)]
    sentences.append(rng.choice(_BACKGROUND))
    return " ".join(s.format(**values) for s in sentences)


def make_article(index: int, seed: int, places: Places) -> Article:
    """Article number `index` of the corpus with this seed: 1 to 4 event paragraphs among background ones."""
    rng = random.Random(f"isk-atlas-bench:{seed}:{index}")
    published = FIRST_DAY + dt.timedelta(days=rng.randint(7, (LAST_DAY - FIRST_DAY).days))
    paragraphs = [_event_paragraph(rng, places, published) for _ in range(rng.randint(1, 4))]
    for _ in range(rng.randint(4, 12)):
        paragraphs.insert(rng.randint(0, len(paragraphs)), _background_paragraph(rng))
    province = rng.choice(places.provinces).name
    title = rng.choice(
        (
            f"ISIS-K activity reported in {province}",
            f"Security incidents in {province} and the north",
            "Border tensions rise along the Amu Darya",
            f"What the latest attacks in {province} mean",
        )
    )
    text = title + "\n\n" + "\n\n".join(paragraphs) + "\n"
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    source_id = f"{index:05d}_{digest}"
    month_only = rng.random() < 0.15
    meta = {
        "file": f"{source_id}.txt",
        "source_id": source_id,
        "title": title,
        "publisher": rng.choice(_PUBLISHERS),
        "author": rng.choice(_AUTHORS),
        "url": f"https://news.example.org/{published.year}/{source_id}" if rng.random() < 0.8 else "",
        "published": published.strftime("%Y-%m") if month_only else published.isoformat(),
        "published_precision": "month" if month_only else "day",
        "published_note": "synthetic benchmark article" + (" (month only)" if month_only else ""),
    }
    return Article(meta["file"], text, meta)


def sources_csv(metas: Sequence[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=SOURCES_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(metas)
    return buffer.getvalue()


def write_corpus(folder: Path, articles: int, seed: int = 7, places: Places | None = None) -> list[Article]:
    """Write `articles` .txt files and sources.csv into `folder` (created); returns the articles."""
    places = places or load_places()
    folder.mkdir(parents=True, exist_ok=True)
    written = [make_article(i, seed, places) for i in range(articles)]
    for article in written:
        (folder / article.file).write_text(article.text, encoding="utf-8")
    (folder / "sources.csv").write_text(sources_csv([a.meta for a in written]), encoding="utf-8")
    return written


def add_article(folder: Path, index: int, seed: int = 7, places: Places | None = None) -> Article:
    """Append article number `index` to a corpus folder (its file and its sources.csv row)."""
    article = make_article(index, seed, places or load_places())
    (folder / article.file).write_text(article.text, encoding="utf-8")
    with (folder / "sources.csv").open("a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, fieldnames=SOURCES_COLUMNS, lineterminator="\n").writerow(article.meta)
    return article


# -------------------------------------------------------------------------------------------------- events

_EVENT_MIX = (("presence", 35), ("attack", 35), ("cross_border_launch", 5), ("counter_operation", 25))
_PRECISION_MIX = (("point", 45), ("district", 15), ("province", 25), ("region", 10), ("country", 5))
_DATE_MIX = (("day", 80), ("month", 15), ("year", 5))


def synthetic_metadata(sources: int) -> dict[str, SourceMeta]:
    """Metadata of `sources` synthetic articles, ids `syn-00000`..."""
    out: dict[str, SourceMeta] = {}
    for i in range(sources):
        source_id = f"syn-{i:05d}"
        published = FIRST_DAY + dt.timedelta(days=(i * 37) % (LAST_DAY - FIRST_DAY).days)
        out[source_id] = SourceMeta(
            source_id=source_id,
            file=f"{source_id}.txt",
            title=f"Synthetic report {i} on ISIS-K activity",
            publisher=_PUBLISHERS[i % len(_PUBLISHERS)],
            url=f"https://news.example.org/{published.year}/{source_id}",
            published=published,
            published_precision="day",
        )
    return out


def _pick(rng: random.Random, mix: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([k for k, _ in mix], weights=[w for _, w in mix])[0]


def synthetic_events(
    count: int, seed: int = 11, places: Places | None = None, sources_per_event: float = 0.2
) -> tuple[list[Event], dict[str, SourceMeta]]:
    """`count` validated events spread over real places, and the metadata of the sources they cite.

    Mixes types, sub-types, date and place precisions roughly as the curated register does; about one source per
    five events (`sources_per_event`), each event citing one or two with evidence spans.
    """
    places = places or load_places()
    rng = random.Random(f"isk-atlas-events:{seed}")
    metadata = synthetic_metadata(max(1, round(count * sources_per_event)))
    source_ids = list(metadata)
    span_days = (LAST_DAY - FIRST_DAY).days
    events: list[Event] = []
    for i in range(count):
        event_type = _pick(rng, _EVENT_MIX)
        precision = "point" if event_type == "cross_border_launch" else _pick(rng, _PRECISION_MIX)
        date_precision = _pick(rng, _DATE_MIX)
        start = FIRST_DAY + dt.timedelta(days=rng.randint(0, span_days))
        if date_precision == "month":
            start = start.replace(day=1)
            end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        elif date_precision == "year":
            start, end = start.replace(month=1, day=1), start.replace(month=12, day=31)
        else:
            end = start
        fields: dict[str, object] = {}
        if precision == "point":
            place = rng.choice(places.towns)
            fields |= {"lat": place.lat, "lon": place.lon, "admin1": place.admin1}
        elif precision == "district":
            place = rng.choice(places.districts)
            fields |= {"lat": place.lat, "lon": place.lon, "admin1": place.admin1, "admin2": place.name}
        elif precision == "province":
            place = rng.choice(places.provinces)
            fields["admin1"] = place.admin1
        elif precision == "region":
            place = rng.choice(places.regions)
        else:
            place = places.country
        if event_type == "cross_border_launch":
            target = rng.choice(places.targets)
            fields |= {
                "target_place_text": target.name,
                "target_place_id": target.id,
                "target_admin1": target.admin1,
                "target_country": target.country,
                "target_lat": target.lat,
                "target_lon": target.lon,
                "rockets": rng.randint(1, 12),
            }
        if event_type in ("attack", "counter_operation"):
            low = rng.choice((0, 1, 2, 3, 5, 8, 13, 21))
            high = low + rng.choice((0, 0, 0, 2, 10, 27))
            fields |= {"killed_low": low, "killed_high": high, "injured_low": low, "injured_high": high * 2}
            if high > low:
                fields["figures"] = [
                    Figure(by="ISIS claim", killed=high),
                    Figure(by="hospital", killed=low),
                ]
        cited = rng.sample(source_ids, k=min(len(source_ids), rng.choice((1, 1, 1, 2))))
        span = rng.randint(0, 4000)
        sources = [SourceRef(source_id=s, start=span, end=span + rng.randint(40, 300)) for s in cited]
        sub_type = rng.choice(SUB_TYPES[event_type])
        events.append(
            Event(
                event_id=f"syn-{i:06d}-{event_type}",
                event_type=event_type,  # type: ignore[arg-type]
                sub_type=sub_type,
                summary=f"Synthetic {sub_type.replace('_', ' ')} reported at {place.name}.",
                date_start=start,
                date_end=end,
                date_precision=date_precision,  # type: ignore[arg-type]
                place_text=place.name,
                place_id=place.id,
                country=place.country,
                geo_precision=precision,  # type: ignore[arg-type]
                actor="ISIS-K" if event_type != "counter_operation" else "Taliban",
                claimed_by="ISIS-K" if event_type == "attack" and rng.random() < 0.5 else None,
                sources=sources,
                status=rng.choice(("extracted", "confirmed", "confirmed")),  # type: ignore[arg-type]
                **fields,  # type: ignore[arg-type]
            )
        )
    return events, metadata


def corpus_digest(folder: Path) -> str:
    """SHA-256 over every file of a corpus folder (names and bytes), to check reproducibility."""
    digest = hashlib.sha256()
    for path in sorted(folder.iterdir()):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="write a synthetic benchmark corpus")
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    places = load_places()
    articles = write_corpus(args.out, args.articles, args.seed, places)
    report = {
        "articles": len(articles),
        "bytes": sum(len(a.text.encode()) for a in articles),
        "places": places.origin,
        "places_fingerprint": places.fingerprint,
        "sha256": corpus_digest(args.out),
    }
    json.dump(report, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
