"""An event under construction (`Draft`) and what the extraction's stages read of its place.

The extractor (`isk_atlas.events.extract`) finds drafts sentence by sentence; the folding of restatements
(`isk_atlas.events.fold`) and the choice of the lead and dates (`isk_atlas.events.lead`) work on them. A draft's
place is ranked by how precise it is (`specificity`: a point beats a district, a district a province, ...).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from isk_atlas.events.casualties import CasualtyFigure
from isk_atlas.events.classify import Label
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
    return draft.admin1 or (draft.place.place_id if draft.place is not None else None)
