"""Systematic probes: plain one- or two-sentence reports the extractor should read, one per cell of the grid (issue 17)

    python -m benchmarks.probes [--cells] [--kind KIND] [--json OUT]

A gap in the rules is rarely about one article's wording: it is a whole cell of (event kind x place kind x how the
group is named x how the doer of an operation is named x how the date is given) that no rule handles. This script
writes a plain report for every cell, in this project's own words, runs the extractor on each and prints the cells
that fail, with counts, by class:

- `none`: no event proposed;
- `type`: events proposed, none of the expected type;
- `place`: the type is right but no such event is at the expected province (near countries, `NEAR_COUNTRIES`) or
  country (farther abroad), as the evaluator compares places; for a launch, the target country too;
- `date`: type and place right, the date more than `DATE_WINDOW` days off (the evaluator's window);
- `extra`: one event is right but the probe, which tells one happening, got more than one.

A sub-type differing from the one the kind states (`EventKind.sub_type`, where it is obvious) is counted apart
(`sub`) and does not fail the probe.

The grid (`probes()`): every event kind (`EVENT_KINDS`) at every place kind (`place_kinds()`: gazetteer places
picked by a fixed rule, never by hand), every way of naming the group (`GROUP_NAMES`, including the group named
only in the next sentence) and both date forms (`DATE_FORMS`); operations once per doer that fits the place's
country (`doers_for`). Launches go from Afghan places only, into Tajikistan and into Uzbekistan. Each probe's
answer is known by construction: type, sub-type, the place's province or country from the gazetteer, the date.
A presence report is dated to the report (the publication), as data/realdev/README.md codes it.

Result (2026-12-07, 297,880 probes). With the rules of 8775414: 57,075 fail (none 51,165, type 3,120, date 2,790).
The general gaps found and fixed: "Daesh-K" was no name of the group (every probe naming it so); "fighting broke
out between <force> and <the group>" was read as presence or nothing; a nationality before "police", "troops",
"border guards" or "security services" hid the force ("an operation by Turkish police"); "Tajik border guards" was
read as the border zone, which left the operation without a place. After: 13,079 fail, in three cells that are
conventions, left as they are: presence far abroad (a base, cell, recruitment or strength figure in Russia, Turkey,
Germany, France: 7,040; letting it through cost dev precision and a match), towns abroad the gazetteer marks as
needing their country named (Marseille, Lyon, Toulouse: 2,970 for the other kinds), and a strength figure "according
to a report released on <day>" dated to that day rather than to the publication (3,069).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from isk_atlas.events.extract import Extractor
from isk_atlas.places.gazetteer import NEAR_COUNTRIES
from isk_atlas.schema import Event

DATE_WINDOW = 2  # days, as `isk_atlas.evaluate.evaluate_corpus` matches dates
PLACES_PER_KIND = 4


@dataclass(frozen=True)
class Place:
    """One gazetteer place as a probe writes it: the phrase with its preposition, and the answer it stands for."""

    kind: str
    name: str
    phrase: str
    admin1: str | None
    country: str

    @property
    def key(self) -> str:
        """The place as the evaluator compares it: the province near Afghanistan, the country farther off."""
        if self.country not in NEAR_COUNTRIES or not self.admin1:
            return self.country
        return self.admin1


@dataclass(frozen=True)
class EventKind:
    """One kind of happening: its expected type and sub-type, and the sentence that tells it.

    The template's fields: `{group}` the group's name, `{place}` the place phrase, `{when}` the date phrase
    (`{When}` at a sentence's start), `{doer}` the doer of an operation (`{doer_obj}` inside a sentence);
    `next_sentence` names the group after a first sentence (`unnamed`) that does not. Each kind has two wordings
    (the second's name ends in "/2"): the group as doer or owner first, then a passive, claim-first or
    place-first sentence.
    """

    name: str
    event_type: str
    sub_type: str | None
    template: str
    unnamed: str  # the first sentence when the group is named only in the next one
    next_sentence: str
    needs_doer: bool = False


EVENT_KINDS: tuple[EventKind, ...] = (
    EventKind(
        "bombing",
        "attack",
        "bombing",
        "A roadside bomb planted by {group} killed five people {place} {when}.",
        "A roadside bomb killed five people {place} {when}.",
        "{group} claimed responsibility for the blast.",
    ),
    EventKind(
        "suicide bombing",
        "attack",
        "suicide_bombing",
        "A suicide bomber from {group} blew himself up in a crowded mosque {place} {when}, killing 12 worshippers.",
        "A suicide bomber blew himself up in a crowded mosque {place} {when}, killing 12 worshippers.",
        "{group} claimed responsibility for the bombing.",
    ),
    EventKind(
        "shooting",
        "attack",
        "armed_assault",
        "Gunmen from {group} opened fire on a minibus {place} {when}, killing four passengers.",
        "Gunmen opened fire on a minibus {place} {when}, killing four passengers.",
        "{group} claimed responsibility for the shooting.",
    ),
    EventKind(
        "assault on a checkpoint",
        "attack",
        None,
        "Fighters of {group} stormed a police checkpoint {place} {when}, killing three officers.",
        "Fighters stormed a police checkpoint {place} {when}, killing three officers.",
        "{group} claimed responsibility for the assault.",
    ),
    EventKind(
        "raid",
        "counter_operation",
        "raid",
        "{doer} raided a hideout of {group} {place} {when}, officials said.",
        "{doer} raided a militant hideout {place} {when}, officials said.",
        "The hideout belonged to {group}, they said.",
        needs_doer=True,
    ),
    EventKind(
        "arrest",
        "counter_operation",
        "arrest",
        "{doer} arrested three members of {group} {place} {when}.",
        "{doer} arrested three suspected militants {place} {when}.",
        "The men were members of {group}, officials said.",
        needs_doer=True,
    ),
    EventKind(
        "killing of members",
        "counter_operation",
        None,
        "{doer} killed six fighters of {group} in an operation {place} {when}.",
        "{doer} killed six militants in an operation {place} {when}.",
        "The dead militants belonged to {group}, officials said.",
        needs_doer=True,
    ),
    EventKind(
        "airstrike",
        "counter_operation",
        "airstrike",
        "An airstrike by {doer} hit a camp of {group} {place} {when}, killing eight militants.",
        "An airstrike by {doer} hit a militant camp {place} {when}, killing eight militants.",
        "The camp was run by {group}, officials said.",
        needs_doer=True,
    ),
    EventKind(
        "clash with the state's forces",
        "counter_operation",
        None,
        "{doer} clashed with fighters of {group} {place} {when}, leaving several dead on both sides.",
        "{doer} clashed with militants {place} {when}, leaving several dead on both sides.",
        "The militants belonged to {group}, officials said.",
        needs_doer=True,
    ),
    EventKind(
        "base",
        "presence",
        None,
        "{group} has set up a base {place}, local officials said {when}.",
        "Militants have set up a base {place}, local officials said {when}.",
        "The militants belong to {group}, they said.",
    ),
    EventKind(
        "cell",
        "presence",
        None,
        "Police said {when} that a cell of {group} was operating {place}.",
        "Police said {when} that a militant cell was operating {place}.",
        "The cell belongs to {group}, police said.",
    ),
    EventKind(
        "recruitment",
        "presence",
        None,
        "{group} has been recruiting young men {place}, local elders said {when}.",
        "Militants have been recruiting young men {place}, local elders said {when}.",
        "The recruiters work for {group}, the elders said.",
    ),
    EventKind(
        "strength figure",
        "presence",
        None,
        "{group} has about 2,000 fighters {place}, a UN report said {when}.",
        "About 2,000 militants are active {place}, a UN report said {when}.",
        "The militants belong to {group}, the report said.",
    ),
    EventKind(
        "bombing/2",
        "attack",
        "bombing",
        "{group} claimed a bomb blast that killed five people {place} {when}.",
        "A bomb blast killed five people {place} {when}.",
        "{group} said it had planted the bomb.",
    ),
    EventKind(
        "suicide bombing/2",
        "attack",
        "suicide_bombing",
        "{When}, a suicide attack claimed by {group} killed 12 people at a mosque {place}.",
        "{When}, a suicide attack killed 12 people at a mosque {place}.",
        "{group} said one of its fighters carried out the attack.",
    ),
    EventKind(
        "shooting/2",
        "attack",
        "armed_assault",
        "Four passengers were shot dead {place} {when} in an attack claimed by {group}.",
        "Four passengers were shot dead {place} {when} by unknown gunmen.",
        "{group} later said its men carried out the shooting.",
    ),
    EventKind(
        "assault on a checkpoint/2",
        "attack",
        None,
        "{group} attacked a police checkpoint {place} {when}, killing three officers.",
        "Militants attacked a police checkpoint {place} {when}, killing three officers.",
        "{group} claimed the attack.",
    ),
    EventKind(
        "raid/2",
        "counter_operation",
        "raid",
        "A hideout of {group} was raided by {doer_obj} {place} {when}.",
        "A militant hideout was raided by {doer_obj} {place} {when}.",
        "Officials said the hideout was used by {group}.",
        needs_doer=True,
    ),
    EventKind(
        "arrest/2",
        "counter_operation",
        "arrest",
        "Three suspected members of {group} were arrested by {doer_obj} {place} {when}.",
        "Three suspected militants were arrested by {doer_obj} {place} {when}.",
        "Officials said the three belonged to {group}.",
        needs_doer=True,
    ),
    EventKind(
        "killing of members/2",
        "counter_operation",
        None,
        "Six militants of {group} were killed {place} {when} in an operation by {doer_obj}.",
        "Six militants were killed {place} {when} in an operation by {doer_obj}.",
        "Officials said the dead were members of {group}.",
        needs_doer=True,
    ),
    EventKind(
        "airstrike/2",
        "counter_operation",
        "airstrike",
        "{doer} carried out airstrikes on positions of {group} {place} {when}.",
        "{doer} carried out airstrikes on militant positions {place} {when}.",
        "The positions were held by {group}, officials said.",
        needs_doer=True,
    ),
    EventKind(
        "clash with the state's forces/2",
        "counter_operation",
        None,
        "Fighting broke out between {doer_obj} and militants of {group} {place} {when}.",
        "Fighting broke out between {doer_obj} and militants {place} {when}.",
        "The militants belonged to {group}, officials said.",
        needs_doer=True,
    ),
    EventKind(
        "base/2",
        "presence",
        None,
        "Officials said {when} that {group} runs training camps {place}.",
        "Officials said {when} that militants run training camps {place}.",
        "The camps belong to {group}, they said.",
    ),
    EventKind(
        "cell/2",
        "presence",
        None,
        "Intelligence officials said {when} that {group} has sleeper cells {place}.",
        "Intelligence officials said {when} that militants have sleeper cells {place}.",
        "The cells belong to {group}, they said.",
    ),
    EventKind(
        "recruitment/2",
        "presence",
        None,
        "{group} is recruiting fighters {place}, a security official told reporters {when}.",
        "Militants are recruiting fighters {place}, a security official told reporters {when}.",
        "The recruiters work for {group}, the official said.",
    ),
    EventKind(
        "strength figure/2",
        "presence",
        None,
        "Some 1,500 fighters of {group} are based {place}, according to a report released {when}.",
        "Some 1,500 militants are based {place}, according to a report released {when}.",
        "The militants belong to {group}, the report said.",
    ),
)

LAUNCH = EventKind(
    "launch",
    "cross_border_launch",
    "rocket_fire",
    "Fighters of {group} fired rockets from {where} into {target} {when}.",
    "Rockets fired from {where} landed in {target} {when}.",
    "{group} claimed responsibility for the rocket fire.",
)
LAUNCH_2 = EventKind(
    "launch/2",
    "cross_border_launch",
    "rocket_fire",
    "{When}, several rockets fired by {group} from across the border in {where} hit a village in {target}.",
    "{When}, several rockets fired from across the border in {where} hit a village in {target}.",
    "{group} said its fighters fired them.",
)
LAUNCH_TARGETS: tuple[tuple[str, str], ...] = (("Tajikistan", "TJK"), ("Uzbekistan", "UZB"))

# How reports name the group; "next" names it only in the sentence after the happening (as the claimant).
GROUP_NAMES: tuple[str, ...] = (
    "ISIS-K",
    "IS-K",
    "ISKP",
    "Daesh",
    "Islamic State Khorasan",
    "the Islamic State group",
    "Daesh-K",
    "ISIL-K",
    "IS-Khorasan",
    "Islamic State Khorasan Province (ISKP)",
    "next",
)

# The doers of operations, by the country of the place; "Security forces" anywhere.
DOERS: dict[str, tuple[str, ...]] = {
    "AFG": ("Taliban forces", "The Taliban", "Taliban intelligence agents"),
    "PAK": ("Pakistani security forces", "The CTD", "Pakistani troops"),
    "IRN": ("The IRGC", "Iranian police"),
    "TJK": ("Tajik border guards",),
    "UZB": ("Uzbek security services",),
    "KGZ": ("Kyrgyz police",),
    "TKM": ("Turkmen border guards",),
    "RUS": ("The FSB", "Russian security services"),
    "TUR": ("Turkish police", "Turkish intelligence agents"),
    "DEU": ("German police",),
    "FRA": ("French police",),
}
ANY_DOER = "Security forces"

CAPITALS: dict[str, str] = {
    "AFG": "KABUL",
    "PAK": "ISLAMABAD",
    "IRN": "TEHRAN",
    "TJK": "DUSHANBE",
    "UZB": "TASHKENT",
    "RUS": "MOSCOW",
    "TUR": "ANKARA",
    "DEU": "BERLIN",
    "FRA": "PARIS",
    "KGZ": "BISHKEK",
    "TKM": "ASHGABAT",
}


@dataclass(frozen=True)
class DateForm:
    """How a probe dates its happening: a weekday read against the publication date, or against a dateline."""

    name: str
    published: dt.date
    dateline: str | None  # "{capital}, Dec 5 (Reuters) - ", the capital of the place's country
    when: str
    expected: dt.date


DATE_FORMS: tuple[DateForm, ...] = (
    DateForm("weekday", dt.date(2024, 12, 9), None, "on Saturday", dt.date(2024, 12, 7)),
    DateForm("dateline", dt.date(2024, 12, 6), "{capital}, Dec 5 (Reuters) - ", "on Tuesday", dt.date(2024, 12, 3)),
    DateForm("day", dt.date(2024, 12, 9), None, "on December 3", dt.date(2024, 12, 3)),
    DateForm("night", dt.date(2024, 12, 9), None, "late on Saturday night", dt.date(2024, 12, 7)),
    DateForm("day month", dt.date(2024, 12, 9), None, "on 3 December", dt.date(2024, 12, 3)),
)


def doers_for(country: str) -> tuple[str, ...]:
    return (*DOERS.get(country, ()), ANY_DOER)


def _phrase(kind: str, name: str) -> str:
    if kind in ("af_province", "pk_province", "ir_province", "tj_province", "uz_province"):
        return f"in {name} province"
    if kind == "af_district":
        return f"in {name} district"
    if kind == "af_village":
        return f"in the village of {name}"
    if kind in ("af_landmark", "ir_landmark", "af_crossing"):
        return f"near the {name}" if not name.lower().startswith("the ") else f"near {name}"
    return f"in {name}"


# The same places told with their province, as news often writes them ("kind+province").
IN_PROVINCE: dict[str, str] = {
    "af_district": "in the {name} district of {province} province",
    "af_city": "in {name}, the capital of {province} province",
    "af_village": "in the village of {name} in {province} province",
    "pk_town": "in {name} in {province} province",
}


def place_kinds(gazetteer: pd.DataFrame, per_kind: int = PLACES_PER_KIND) -> list[Place]:
    """The probes' places, by a fixed rule: per kind, the first `per_kind` by id (provinces, districts, villages,
    landmarks, tribal districts), or the most populous (cities); a name another gazetteer row of another province
    or country also bears (as its name or an alternate name) is skipped, so that each probe has one answer."""
    frame = gazetteer.fillna({"admin1": "", "country": "", "population": 0, "alternate_names": ""})
    spellings = frame.assign(
        spelling=frame["name"].str.lower() + "|" + frame["alternate_names"].astype(str).str.lower()
    ).assign(spelling=lambda f: f["spelling"].str.split("|"))
    spellings = spellings.explode("spelling")
    spellings = spellings[spellings["spelling"] != ""]
    homes = spellings.groupby("spelling")[["admin1", "country"]].nunique()
    one_home = set(homes.index[(homes["admin1"] <= 1) & (homes["country"] <= 1)])
    frame = frame[frame["name"].str.lower().isin(one_home)]
    town = frame["kind"] == "town"
    seat = frame["is_seat"].astype(str).str.lower() == "true"
    population = frame["population"].astype(float)
    rules: list[tuple[str, pd.Series, str]] = [  # (kind, rows, order: "id" or "population")
        ("af_province", (frame["country"] == "AFG") & (frame["kind"] == "province"), "id"),
        ("af_district", (frame["country"] == "AFG") & (frame["kind"] == "district"), "id"),
        ("af_city", (frame["country"] == "AFG") & town, "population"),
        ("af_village", (frame["country"] == "AFG") & town & ~seat & (population < 5_000), "id"),
        ("af_landmark", (frame["country"] == "AFG") & (frame["kind"] == "landmark"), "id"),
        ("af_quarter", (frame["country"] == "AFG") & (frame["kind"] == "quarter"), "id"),
        ("af_crossing", (frame["country"] == "AFG") & (frame["kind"] == "border_crossing"), "id"),
        ("pk_province", (frame["country"] == "PAK") & (frame["kind"] == "province"), "id"),
        ("pk_tribal", (frame["country"] == "PAK") & (frame["kind"] == "region"), "id"),
        ("pk_city", (frame["country"] == "PAK") & town, "population"),
        ("pk_town", (frame["country"] == "PAK") & town, "id"),
        ("ir_province", (frame["country"] == "IRN") & (frame["kind"] == "province"), "id"),
        ("ir_city", (frame["country"] == "IRN") & town, "population"),
        ("ir_landmark", (frame["country"] == "IRN") & (frame["kind"] == "landmark"), "id"),
        ("tj_province", (frame["country"] == "TJK") & (frame["kind"] == "province"), "id"),
        ("tj_city", (frame["country"] == "TJK") & town, "population"),
        ("uz_province", (frame["country"] == "UZB") & (frame["kind"] == "province"), "id"),
        ("uz_city", (frame["country"] == "UZB") & town, "population"),
        ("kg_city", (frame["country"] == "KGZ") & town, "population"),
        ("tm_city", (frame["country"] == "TKM") & town, "population"),
        ("ru_city", (frame["country"] == "RUS") & town, "population"),
        ("tr_city", (frame["country"] == "TUR") & town, "population"),
        ("de_city", (frame["country"] == "DEU") & town, "population"),
        ("fr_city", (frame["country"] == "FRA") & town, "population"),
    ]
    provinces = gazetteer[gazetteer["kind"] == "province"].drop_duplicates("admin1").set_index("admin1")["name"]
    places = []
    for kind, rows, order in rules:
        chosen = frame[rows]
        chosen = chosen.sort_values("id") if order == "id" else chosen.sort_values("population", ascending=False)
        for row in chosen.head(per_kind).itertuples():
            name, admin1, country = str(row.name), str(row.admin1), str(row.country)
            places.append(Place(kind, name, _phrase(kind, name), admin1 or None, country))
            if kind in IN_PROVINCE and admin1 in provinces.index:
                phrase = IN_PROVINCE[kind].format(name=name, province=provinces[admin1])
                places.append(Place(f"{kind}+province", name, phrase, admin1, country))
    return places


@dataclass(frozen=True)
class Probe:
    kind: EventKind
    place: Place
    group: str
    doer: str
    date_form: DateForm
    text: str
    target_country: str | None = None

    @property
    def cell(self) -> tuple[str, str, str, str, str]:
        return (self.kind.name, self.place.kind, self.group, self.doer, self.date_form.name)


def _write(kind: EventKind, place: Place, group: str, doer: str, form: DateForm, target: str = "") -> str:
    named = "ISIS-K" if group == "next" else group
    fields = {
        "place": place.phrase,
        "when": form.when,
        "When": form.when[0].upper() + form.when[1:],
        "doer": doer,
        "doer_obj": doer.replace("The ", "the ").replace("Security ", "security "),
        "target": target,
        "group": named,
        "where": place.phrase.split(" ", 1)[1],
    }
    body = kind.unnamed.format(**fields) + " " + kind.next_sentence.format(**fields)
    if group != "next":
        body = kind.template.format(**fields)
    body = body[0].upper() + body[1:]
    if form.dateline:
        body = form.dateline.format(capital=CAPITALS.get(place.country, "KABUL")) + body
    return body


def probes(places: Sequence[Place]) -> Iterator[Probe]:
    for place in places:
        for form in DATE_FORMS:
            for group in GROUP_NAMES:
                for kind in EVENT_KINDS:
                    for doer in doers_for(place.country) if kind.needs_doer else ("",):
                        yield Probe(kind, place, group, doer, form, _write(kind, place, group, doer, form))
                if place.kind.split("+")[0] in ("af_province", "af_district", "af_city", "af_village"):
                    for launch in (LAUNCH, LAUNCH_2):
                        for target, code in LAUNCH_TARGETS:
                            text = _write(launch, place, group, "", form, target)
                            yield Probe(launch, place, group, "", form, text, code)


def _key(event: Event) -> str | None:
    country: str | None = event.country
    admin1: str | None = event.admin1
    if country and country not in NEAR_COUNTRIES:
        return country
    return admin1 or country


def _dated(event: Event, expected: dt.date) -> bool:
    if event.date_start is None:
        return False
    slack = dt.timedelta(days=DATE_WINDOW)
    start: dt.date = event.date_start
    end: dt.date = event.date_end or start
    return expected - slack <= start and end <= expected + slack


@dataclass
class Outcome:
    probe: Probe
    failure: str | None  # None: right
    sub_wrong: bool
    events: list[Event] = field(default_factory=list)


def expected_date(probe: Probe) -> dt.date:
    """The happening's day; a presence report is dated to the report (data/realdev/README.md: "presence ... dated to
    the report"), whatever day an official spoke."""
    return probe.date_form.published if probe.kind.event_type == "presence" else probe.date_form.expected


def judge(probe: Probe, events: Sequence[Event]) -> Outcome:
    """The probe's failure class (`none`, `type`, `place`, `date`, `extra`) or None; whether the sub-type differs."""
    typed = [e for e in events if e.event_type == probe.kind.event_type]
    placed = [
        e
        for e in typed
        if _key(e) == probe.place.key and (probe.target_country is None or e.target_country == probe.target_country)
    ]
    right = [e for e in placed if _dated(e, expected_date(probe))]
    failure = (
        "none"
        if not events
        else "type"
        if not typed
        else "place"
        if not placed
        else "date"
        if not right
        else "extra"
        if len(events) > 1
        else None
    )
    best = (right or placed or typed or [None])[0]
    sub_wrong = bool(probe.kind.sub_type and best is not None and best.sub_type != probe.kind.sub_type)
    return Outcome(probe, failure, sub_wrong, list(events))


def run(extractor: Extractor, places: Sequence[Place]) -> list[Outcome]:
    outcomes = []
    for number, probe in enumerate(probes(places)):
        events = extractor.extract(probe.text, f"probe{number}", probe.date_form.published)
        outcomes.append(judge(probe, events))
    return outcomes


FAILURES = ("none", "type", "place", "date", "extra")


def table(outcomes: Sequence[Outcome], by: Sequence[int]) -> list[tuple[tuple[str, ...], int, Counter[str]]]:
    """Per cell (the probe's `cell` fields at positions `by`): probes, and failures by class (+ `sub`)."""
    cells: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    totals: Counter[tuple[str, ...]] = Counter()
    for outcome in outcomes:
        cell = tuple(outcome.probe.cell[i] for i in by)
        totals[cell] += 1
        if outcome.failure:
            cells[cell][outcome.failure] += 1
        if outcome.sub_wrong:
            cells[cell]["sub"] += 1
    return [(cell, totals[cell], cells[cell]) for cell in totals]


def _print(rows: list[tuple[tuple[str, ...], int, Counter[str]]], names: Sequence[str], failing_only: bool) -> None:
    print("| " + " | ".join(names) + " | probes | " + " | ".join(FAILURES) + " | sub |")
    print("|" + " --- |" * (len(names) + len(FAILURES) + 2))
    for cell, total, counts in sorted(rows):
        if failing_only and not any(counts[f] for f in FAILURES):
            continue
        values = [str(counts[f] or "") for f in (*FAILURES, "sub")]
        print("| " + " | ".join(cell) + f" | {total} | " + " | ".join(values) + " |")


VIEWS: dict[str, tuple[int, ...]] = {
    "kind x place": (0, 1),
    "kind x group": (0, 2),
    "kind x doer": (0, 3),
    "kind x date": (0, 4),
}
FIELDS = ("kind", "place kind", "group", "doer", "date form")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--cells", action="store_true", help="list every failing probe with its text and events")
    parser.add_argument("--kind", help="only probes of this event kind (e.g. 'raid')")
    parser.add_argument("--json", help="write the counts per full cell to this file")
    args = parser.parse_args(argv)
    extractor = Extractor()
    places = place_kinds(extractor.places.gazetteer)
    print("places:", ", ".join(f"{p.kind}={p.name} ({p.key})" for p in places))
    outcomes = run(extractor, places)
    if args.kind:
        outcomes = [o for o in outcomes if o.probe.kind.name == args.kind]
    failed = [o for o in outcomes if o.failure]
    counts = Counter(o.failure for o in failed)
    print(
        f"\n{len(outcomes)} probes, {len(failed)} fail: "
        + ", ".join(f"{f} {counts[f]}" for f in FAILURES)
        + f"; sub-type differs in {sum(o.sub_wrong for o in outcomes)}"
    )
    for view, by in VIEWS.items():
        print(f"\n### {view} (failing cells)\n")
        _print(table(outcomes, by), [FIELDS[i] for i in by], failing_only=True)
    if args.cells:
        print("\n### failing probes\n")
        for outcome in failed:
            got = "; ".join(
                f"{e.event_type}/{e.sub_type} {_key(e)} {e.date_start} {e.target_country or ''}".strip()
                for e in outcome.events
            )
            print(f"- [{outcome.failure}] {'|'.join(outcome.probe.cell)}: {outcome.probe.text}  ->  {got or 'nothing'}")
    if args.json:
        rows = table(outcomes, range(5))
        payload = [{"cell": list(cell), "probes": total, **counts} for cell, total, counts in rows]
        Path(args.json).write_text(json.dumps(payload, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
