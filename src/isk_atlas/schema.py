"""The event record, declared once (after ACLED and UCDP GED) and used by extraction, register and layers.

Validation happens at the boundary (reading the register, accepting extracted events); inside the pipeline an
`Event` is trusted. Field meanings follow `../shared/design.md`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal, Self, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

EventType = Literal["presence", "attack", "cross_border_launch", "counter_operation"]
DatePrecision = Literal["day", "month", "year", "unknown"]
GeoPrecision = Literal["point", "district", "province", "region", "country"]
Status = Literal["extracted", "confirmed", "edited", "rejected"]

EVENT_TYPES: tuple[str, ...] = get_args(EventType)
DATE_PRECISIONS: tuple[str, ...] = get_args(DatePrecision)
GEO_PRECISIONS: tuple[str, ...] = get_args(GeoPrecision)
STATUSES: tuple[str, ...] = get_args(Status)

# Sub-types per event type; a register row with another sub-type is refused so the legend stays finite.
SUB_TYPES: dict[str, tuple[str, ...]] = {
    "presence": ("fighters_reported", "base_or_stronghold", "recruitment", "propaganda", "foreign_fighters"),
    "attack": (
        "suicide_bombing",
        "bombing",
        "assassination",
        "armed_assault",
        "armed_clash",
        "hostage_taking",
        "attack",
    ),
    "cross_border_launch": ("rocket_fire",),
    "counter_operation": ("raid", "military_operation", "arrest", "surrender", "airstrike"),
}

_ISO3 = re.compile(r"^[A-Z]{3}$")
_ISO_3166_2 = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")
_SOURCE_ID = re.compile(r"^[A-Za-z0-9_.\-]+$")


class SourceRef(BaseModel):
    """One source an event cites, with the character span of its evidence in that source's text."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    source_id: str = Field(description="file name of the article without extension, e.g. 002_02b0efcd8147c7fa")
    start: int | None = Field(default=None, ge=0, description="offset of the evidence's first character")
    end: int | None = Field(default=None, ge=0, description="offset one past the evidence's last character")

    @field_validator("source_id")
    @classmethod
    def _safe_id(cls, value: str) -> str:
        if not _SOURCE_ID.match(value):
            raise ValueError(f"source id {value!r} may hold only letters, digits, '_', '-' and '.'")
        return value

    @model_validator(mode="after")
    def _span_order(self) -> Self:
        if (self.start is None) != (self.end is None):
            raise ValueError("give both start and end of the evidence span, or neither")
        if self.start is not None and self.end is not None and self.end <= self.start:
            raise ValueError(f"evidence span ends ({self.end}) before it starts ({self.start})")
        return self


class Figure(BaseModel):
    """A casualty figure as one party gives it: who says how many were killed or injured."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    by: str = Field(description="who gives the figure: 'ISIS claim', 'Emergency Hospital', 'Taliban'...")
    killed: int | None = Field(default=None, ge=0)
    injured: int | None = Field(default=None, ge=0)
    source_id: str | None = None


class Event(BaseModel):
    """One reported event: who says so, where, when and how precisely."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    event_id: str = Field(min_length=1)
    event_type: EventType
    sub_type: str | None = None
    summary: str = Field(default="", description="one line in the analyst's own words")
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    date_precision: DatePrecision = "unknown"

    place_text: str = Field(min_length=1, description="the place as the source writes it")
    place_id: str | None = None
    admin1: str | None = Field(default=None, description="ISO 3166-2 province code, e.g. AF-BDS")
    admin2: str | None = Field(default=None, description="district name")
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-3, e.g. AFG")
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    geo_precision: GeoPrecision = "province"

    # Cross-border launches: where the rockets landed.
    target_place_text: str | None = None
    target_place_id: str | None = None
    target_admin1: str | None = None
    target_country: str | None = None
    target_lat: float | None = Field(default=None, ge=-90, le=90)
    target_lon: float | None = Field(default=None, ge=-180, le=180)
    rockets: int | None = Field(default=None, ge=0)

    actor: str | None = None
    claimed_by: str | None = None
    target: str | None = Field(default=None, description="who or what was attacked")
    killed_low: int | None = Field(default=None, ge=0)
    killed_high: int | None = Field(default=None, ge=0)
    injured_low: int | None = Field(default=None, ge=0)
    injured_high: int | None = Field(default=None, ge=0)
    figures: list[Figure] = Field(default_factory=list, description="who gives which casualty figure")

    tags: list[str] = Field(
        default_factory=list,
        description="aspects of a presence report (fighters_reported, base_or_stronghold, recruitment, propaganda, "
        "foreign_fighters): one event per place and article, its aspects as tags",
    )
    sources: list[SourceRef] = Field(min_length=1)
    status: Status = "extracted"
    notes: str = ""

    @field_validator("country", "target_country")
    @classmethod
    def _iso3(cls, value: str | None) -> str | None:
        if value is not None and not _ISO3.match(value):
            raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-3 code (e.g. AFG, TJK, UZB)")
        return value

    @field_validator("admin1", "target_admin1")
    @classmethod
    def _iso_3166_2(cls, value: str | None) -> str | None:
        if value is not None and not _ISO_3166_2.match(value):
            raise ValueError(f"{value!r} is not an ISO 3166-2 code (e.g. AF-BDS)")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        allowed = SUB_TYPES[self.event_type]
        if self.sub_type is not None and self.sub_type not in allowed:
            raise ValueError(f"sub_type {self.sub_type!r} is not one of {', '.join(allowed)} for {self.event_type}")
        wrong_tags = [tag for tag in self.tags if tag not in SUB_TYPES["presence"]]
        if wrong_tags:
            raise ValueError(f"tags {wrong_tags} are not presence aspects ({', '.join(SUB_TYPES['presence'])})")
        if self.date_start and self.date_end and self.date_end < self.date_start:
            raise ValueError(f"date_end {self.date_end} is before date_start {self.date_start}")
        if self.date_precision != "unknown" and self.date_start is None:
            raise ValueError(f"date_precision is {self.date_precision!r} but date_start is missing")
        for low, high, what in (
            (self.killed_low, self.killed_high, "killed"),
            (self.injured_low, self.injured_high, "injured"),
        ):
            if low is not None and high is not None and low > high:
                raise ValueError(f"{what}_low ({low}) is above {what}_high ({high})")
        if (self.lat is None) != (self.lon is None):
            raise ValueError("give both lat and lon, or neither")
        if (self.target_lat is None) != (self.target_lon is None):
            raise ValueError("give both target_lat and target_lon, or neither")
        return self

    @property
    def source_ids(self) -> list[str]:
        return [ref.source_id for ref in self.sources]


class SourceMeta(BaseModel):
    """What is known of one article: its metadata, and how its publication date was read."""

    model_config = ConfigDict(extra="forbid")

    source_id: str
    file: str = Field(description="file name inside the sources folder")
    title: str = ""
    publisher: str = ""
    author: str = ""
    url: str = ""
    published: dt.date | None = None
    published_precision: DatePrecision = "unknown"
    published_note: str = ""
    sha256: str = ""

    @field_validator("url")
    @classmethod
    def _http_only(cls, value: str) -> str:
        # A javascript: or data: link in a popup would run in a colleague's browser.
        if value and not value.lower().startswith(("http://", "https://")):
            raise ValueError(f"url {value!r} must start with http:// or https://")
        return value
