"""An event under construction (`Draft`) and what the extraction's stages read of its place.

The extractor (`isk_atlas.events.extract`) finds drafts sentence by sentence; the folding of restatements
(`isk_atlas.events.fold`) and the choice of the lead and dates (`isk_atlas.events.lead`) work on them. A draft's
place is ranked by how precise it is (`specificity`: a point beats a district, a district a province, ...).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from isk_atlas.events.casualties import CasualtyFigure
from isk_atlas.events.classify import Label
from isk_atlas.events.cues import (
    ATTACK_NAMED_BY_PLACE,
    FOREIGN_BORDER_POST,
    GROUP_HOME_AFTER,
    GROUP_HOME_BEFORE,
    GROUP_NAME_BEFORE,
    LINKED_ATTACK_BEFORE,
    LINKED_ATTACK_NAMED,
    NAMED_AFTER_A_PLACE,
    PLANNED_TARGET_BEFORE,
)
from isk_atlas.events.datefind import DateMention
from isk_atlas.mentions import Mention, Sentence
from isk_atlas.schema import GEO_PRECISIONS

# The group the atlas maps, as events name it (actor, claimed_by).
GROUP = "ISIS-K"
# Afghanistan's neighbours: where the group's cells and cross-border launches count as its own region.
NEIGHBOURS = {"TJK", "UZB", "TKM", "PAK", "IRN", "CHN", "KGZ"}


@dataclass
class Draft:
    """An event under construction: one or more sentences of one paragraph."""

    label: Label
    sentences: list[Sentence]
    place: Mention | None
    target: Mention | None = None
    target_country: str | None = None
    dates: list[DateMention] = field(default_factory=list)
    figures: list[CasualtyFigure] = field(default_factory=list)
    claimed_by: str | None = None
    actor: str | None = None
    notes: list[str] = field(default_factory=list)
    rockets: int | None = None
    attacked: str | None = None  # who or what was attacked, as the source words it
    listed: bool = False  # one of several targets listed in one sentence: what follows is not about it alone
    # Evidence of mentions of the same happening folded into this one (headline, later paragraphs): (start, end).
    folded: list[tuple[int, int]] = field(default_factory=list)
    # Where those folded mentions open (their first sentences): the happening is told there too.
    folded_at: list[Sentence] = field(default_factory=list)
    aspects: list[str] = field(default_factory=list)  # a presence report's other aspects, as told

    @property
    def admin1(self) -> str | None:
        return self.place.admin1 if self.place is not None else None

    @property
    def start(self) -> int:
        return self.sentences[0].start

    @property
    def end(self) -> int:
        return self.sentences[-1].end


def geo_precision(mention: Mention) -> str:
    precision = mention.match.precision
    if precision in GEO_PRECISIONS:
        return str(precision)
    return {"province": "province", "country": "country", "region": "region", "district": "district"}.get(
        mention.match.kind or "", "point"
    )


def specificity_of(precision: str) -> int:
    return {"point": 4, "district": 3, "province": 2, "region": 1, "country": 0}.get(precision, 0)


def specificity(mention: Mention) -> int:
    return specificity_of(geo_precision(mention))


def place_key(draft: Draft) -> str | None:
    """What two drafts must share to be at one place: the province, else the place's own id."""
    return mention_key(draft.place)


def mention_key(place: Mention | None) -> str | None:
    """`place_key` of a draft placed at `place`."""
    return (place.admin1 or place.place_id) if place is not None else None


def named_after(mention: Mention, text: str) -> bool:
    """Whether a place is named only as the name of a street, square or hotel (`NAMED_AFTER_A_PLACE`: "Zarghoon
    Road" is no place in Zarghun), the street word following the name or ending the span read as the name."""
    if NAMED_AFTER_A_PLACE.pattern.match(text, mention.end):
        return True
    inside = NAMED_AFTER_A_PLACE.pattern.search(mention.text)
    # (a place the gazetteer names with the word, "Pashtunistan Square" as a landmark, is the street itself)
    return inside is not None and inside.group().strip(" -").lower() not in (mention.match.name or "").lower()


def linked_attack(mention: Mention, text: str) -> bool:
    """Whether a place is where the attack a suspect is linked to happened ("the man behind the attack at X", "the
    mastermind of the X bombing": `LINKED_ATTACK_BEFORE`, `LINKED_ATTACK_NAMED`), not where he was arrested."""
    before = text[max(0, mention.start - 120) : mention.start]
    if LINKED_ATTACK_BEFORE.pattern.search(before):
        return True
    return bool(LINKED_ATTACK_NAMED.pattern.search(before) and ATTACK_NAMED_BY_PLACE.pattern.match(text, mention.end))


GROUP_HOME_EXAMPLES: tuple[tuple[str, str], ...] = (
    ("Islamic State Khorasan, the group's branch in Afghanistan, claimed it.", "Afghanistan"),
    ("ISIS-K, which is based in Afghanistan, claimed it.", "Afghanistan"),
    ("The Afghanistan chapter of the Islamic State claimed it.", "Afghanistan"),
)


def group_home(mention: Mention, text: str) -> bool:
    """Whether a country is named as the group's home (`GROUP_HOME_BEFORE`, `GROUP_HOME_AFTER`)."""
    before = text[max(0, mention.start - 60) : mention.start]
    return bool(
        GROUP_HOME_BEFORE.pattern.search(before) or GROUP_HOME_AFTER.pattern.match(text, mention.end, mention.end + 20)
    )


def places_of_the_happening(label: Label, places: list[Mention], text: str, sentence_text: str) -> list[Mention]:
    """The places of a sentence (`sentence_text`, in the article `text`) an event of `label` can be at (issue 17: no
    event abroad placed in Afghanistan):
    - the group's home named beside an attack or operation abroad is not where it happened (`group_home`; a
      presence report about the group "active in Afghanistan and Pakistan" names both);
    - an attack on a neighbour's border post (`FOREIGN_BORDER_POST`) is there: Afghanistan named at country level is
      where the attackers came from;
    - a country inside the group's name ("the Islamic State's Afghanistan branch") places no attack or arrest, and
      one inside its parent's name ("the Islamic State of Iraq and Syria") no event at all;
    - an operation (an arrest, a raid) is not at the attack its suspect is linked to ("the man behind the attack
      at X was arrested in Y": Y), nor at the place of the attack its suspects planned when another place is named
      ("arrested in X members who planned bombings in Y": X);
    - a place named only as a street's, square's or hotel's name is not the event's place when the sentence names
      another ("on Zarghoon Road in Quetta": Quetta)."""
    if label.event_type in ("attack", "counter_operation") and any(m.country not in (None, "AFG") for m in places):
        places = [m for m in places if not (m.match.kind == "country" and group_home(m, text))]
    if label.event_type == "attack" and FOREIGN_BORDER_POST.pattern.search(sentence_text):
        places = [m for m in places if not (m.country == "AFG" and m.match.kind == "country")]
    if label.event_type in ("attack", "counter_operation"):
        places = [m for m in places if not (m.match.kind == "country" and GROUP_HOME_AFTER.pattern.match(text, m.end))]
    # ("members of the Islamic State of Iraq and Syria": the parent group's name places no event at all)
    places = [
        m
        for m in places
        if not (m.match.kind == "country" and GROUP_NAME_BEFORE.pattern.search(text, max(0, m.start - 50), m.start))
    ]
    if label.event_type == "counter_operation":
        places = [m for m in places if not linked_attack(m, text)]
        planned = [m for m in places if PLANNED_TARGET_BEFORE.pattern.search(text, max(0, m.start - 120), m.start)]
        # (another place below country level: "Russia's FSB thwarted a planned attack on a Moscow station" is Moscow)
        if planned and any(m.match.kind != "country" for m in places if m not in planned):
            places = [m for m in places if m not in planned]
    streets = [m for m in places if named_after(m, text)]
    if streets and len(streets) < len(places):
        places = [m for m in places if m not in streets]
    return places
