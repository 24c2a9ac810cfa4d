"""Drafts turned into Event records: place and target, date, casualties, claim, evidence spans and notes.

Each draft becomes one `isk_atlas.schema.Event` (`event_record`): its date is its own, else a presence report's
publication window, else the day's news; a presence dated by a stretch up to the day of the report holds as of that
day (`as_of_reference`); an attack's victims leave out its attackers (`victims`); the id is the source id and a
hash of the event key (`event_id`), made unique within the source (`unique_ids`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib

from isk_atlas.events.casualties import Casualties, combine, with_named_victims
from isk_atlas.events.datefind import DateMention
from isk_atlas.events.deeds import force_of_country
from isk_atlas.events.draft import Draft, geo_precision
from isk_atlas.events.lead import event_date
from isk_atlas.mentions import Mention, ToponymIndex
from isk_atlas.places.words import COUNTRY_ADJECTIVE_OF
from isk_atlas.schema import Event, SourceRef


def as_of_reference(date: DateMention, reference: dt.date | None, reference_precision: str) -> DateMention:
    """A presence dated by a stretch up to the day of the report ("has carried out attacks in X in recent
    months", "fighters killed there earlier this month") holds as of that day: a state is reported as it is now,
    the stretch only says since when it shows (`reference`: the day the report's dates are read against). Other
    dates as they are."""
    if reference_precision != "day" or date.date_end != reference or date.date_start >= reference:
        return date
    note = "; ".join(n for n in (date.note, "a presence up to the day of the report holds as of that day") if n)
    return dataclasses.replace(date, date_start=reference, precision="day", note=note)


def victims(draft: Draft, text: str, source_id: str, notes: list[str]) -> Casualties:
    """The draft's figures combined: an attack's victims (not its attackers, noted in `notes`), with the
    victims named in its sentences."""
    figures = draft.figures
    if draft.label.event_type == "attack":
        # The attackers' own dead and wounded ("two attackers were killed") are not the attack's victims (the
        # data/realdev README's convention); a count that includes them ("17 people, including ...") stays.
        notes.extend(f"{f} (not counted as victims)" for f in figures if f.attackers)
        figures = [f for f in figures if not f.attackers]
    if draft.label.event_type != "presence":  # (a presence report names no victims)
        figures = with_named_victims(
            figures, text, [(s.start, s.end) for s in draft.sentences], attack=draft.label.event_type == "attack"
        )
    return combine(figures, source_id=source_id)


def event_record(
    draft: Draft,
    text: str,
    source_id: str,
    index: ToponymIndex,
    reference: dt.date | None,
    reference_precision: str,
    reported: DateMention | None = None,
    news: DateMention | None = None,
) -> Event:
    """The event record of a draft: its place and target, date (its own; else a presence report's publication
    window `reported`, another happening's day of news `news`), casualties, claim, evidence spans and notes,
    under an id of the source and the event key (`index`: the gazetteer's names of districts; `reference`: the
    day the report's dates are read against)."""
    place = draft.place
    assert place is not None
    notes = list(draft.notes)
    casualties = victims(draft, text, source_id, notes)
    date = event_date(draft.dates)
    if date is not None and draft.label.event_type == "presence":
        date = as_of_reference(date, reference, reference_precision)
    if date is None and draft.label.event_type == "presence" and reported is not None:
        # A presence report without a date of its own holds as of publication.
        date = reported
        notes.append("dated by the publication")
    elif date is None and news is not None:
        # Told without a date of its own and not as an earlier happening: the day's news (`undated_news_date`).
        date = news
        if not date.note:
            notes.append("dated by the publication")
    if date is not None and date.note:
        notes.append(date.note)
    notes.extend(casualties.notes)
    if casualties.combined is not None:
        notes.append(f"{casualties.combined} killed or injured (not told apart)")
    killed_low, killed_high = casualties.killed_low, casualties.killed_high
    if draft.label.sub_type == "assassination" and killed_low is None:
        # An assassination reported without a figure killed its target.
        killed_low = 1
        killed_high = killed_high if killed_high is not None else 1
    target = draft.target
    summary = f"{draft.label.sub_type.replace('_', ' ')} in {place.text}"
    if date is not None and date.text != "publication":
        summary += f" ({date.text})"
    return Event(
        event_id=event_id(source_id, draft, place, date),
        event_type=draft.label.event_type,
        sub_type=draft.label.sub_type,
        summary=summary[:200],
        date_start=date.date_start if date else None,
        date_end=date.date_end if date else None,
        date_precision=date.precision if date else "unknown",
        place_text=place.text,
        place_id=place.match.place_id,
        admin1=place.admin1,
        # The record names the district (as the register does); the gazetteer's records hold its id
        # (`AF-BDS.jurm` -> `Jurm`).
        admin2=index.place_name(place.match.admin2),
        country=place.country,
        lat=place.match.lat,
        lon=place.match.lon,
        geo_precision=geo_precision(place),
        target_place_text=target.text if target else None,
        target_place_id=target.match.place_id if target else None,
        target_admin1=target.admin1 if target else None,
        target_country=draft.target_country,
        target_lat=target.match.lat if target else None,
        target_lon=target.match.lon if target else None,
        rockets=draft.rockets,
        actor=(
            force_of_country(draft.actor, country_adjective(place.country))
            if draft.label.event_type == "counter_operation"
            else draft.actor
        ),
        claimed_by=draft.claimed_by,
        target=draft.attacked[:120] if draft.attacked else None,
        killed_low=killed_low,
        killed_high=killed_high,
        injured_low=casualties.injured_low,
        injured_high=casualties.injured_high,
        figures=list(casualties.figures),
        tags=sorted({draft.label.sub_type, *draft.aspects}) if draft.label.event_type == "presence" else [],
        sources=[
            SourceRef(source_id=source_id, start=start, end=end)
            for start, end in [(draft.start, draft.end), *sorted(draft.folded)]
        ],
        status="extracted",
        notes="; ".join(dict.fromkeys(n for n in notes if n)),
    )


def country_adjective(country: str | None) -> str | None:
    """The adjective of a country's ISO code ("PAK" -> "Pakistani"), None when unknown."""
    return COUNTRY_ADJECTIVE_OF.get(country or "")


def event_id(source_id: str, draft: Draft, place: Mention, date: DateMention | None) -> str:
    """A stable id: the source id and a hash of the event key (type, province or place, date or position)."""
    key = "|".join(
        [
            draft.label.event_type,
            place.admin1 or place.place_id or place.text,
            date.date_start.isoformat() if date else f"@{draft.start}",
        ]
    )
    return f"{source_id}-{hashlib.sha1(key.encode()).hexdigest()[:10]}"  # noqa: S324 - an id, not security


def unique_ids(events: list[Event]) -> list[Event]:
    """The events with a repeated id told apart by a count (`<id>-2`, `<id>-3`, ...), in place."""
    seen: dict[str, int] = {}
    for event in events:
        count = seen.get(event.event_id, 0)
        seen[event.event_id] = count + 1
        if count:
            event.event_id = f"{event.event_id}-{count + 1}"
    return events
