"""How a dataset's codes become the event record's fields: declared tables, each entry with what it means.

The README's "Reference datasets" table is this module written out; a test checks they agree.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TypeRule:
    """A dataset category mapped onto (event_type, sub_type), with an example of a row it serves."""

    event_type: str
    sub_type: str
    example: str


# UCDP GED type_of_violence, refined by who died (deaths_a: the government side, deaths_b: the other side).
# A state-based event where only the listed group's fighters died is the government's operation against it; any other
# state-based event is a clash (who began it, GED does not say).
GED_VIOLENCE: dict[str, TypeRule] = {
    "1:operation": TypeRule("counter_operation", "military_operation", "Government of Afghanistan - IS, 6 IS killed"),
    "1": TypeRule("attack", "armed_clash", "Government of Afghanistan - IS, soldiers and IS fighters killed"),
    "2": TypeRule("attack", "armed_clash", "IS - Taleban (non-state conflict)"),
    "3": TypeRule("attack", "attack", "IS - Civilians (one-sided violence)"),
}

# GED where_prec: how precisely the place is known -> our geo precision (district and province reports drawn as areas
# or approximate marks, as ours are).
GED_WHERE_PREC: dict[str, tuple[str, str]] = {
    "1": ("point", "the exact place"),
    "2": ("district", "within about 25 km of a known place"),
    "3": ("district", "only the district (second-order division)"),
    "4": ("province", "only the province (first-order division)"),
    "5": ("province", "a road, river or border between divisions: drawn as the province of adm_1"),
    "6": ("country", "only the country"),
    "7": ("country", "international waters or airspace, or ambiguous: only the country"),
}

# GED date_prec -> our date precision (date_start..date_end keeps the span).
GED_DATE_PREC: dict[str, tuple[str, str]] = {
    "1": ("day", "the exact day"),
    "2": ("day", "a span of 2 to 6 days, date_start to date_end"),
    "3": ("day", "only the week, date_start to date_end"),
    "4": ("month", "only the month"),
    "5": ("year", "more than a month, up to the year"),
}

# ACLED event_type / sub_event_type. A sub-event type not listed falls back to its event type's entry ("*").
ACLED_TYPES: dict[tuple[str, str], TypeRule] = {
    ("Battles", "Armed clash"): TypeRule("attack", "armed_clash", "Military Forces of Afghanistan vs ISKP"),
    ("Battles", "Government regains territory"): TypeRule(
        "counter_operation", "military_operation", "Taliban retake a village"
    ),
    ("Battles", "Non-state actor overtakes territory"): TypeRule(
        "attack", "armed_assault", "ISKP seizes a district centre"
    ),
    ("Battles", "*"): TypeRule("attack", "armed_clash", "any other battle"),
    ("Explosions/Remote violence", "Suicide bomb"): TypeRule("attack", "suicide_bombing", "suicide bomber at a mosque"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"): TypeRule("attack", "bombing", "IED on a road"),
    ("Explosions/Remote violence", "Grenade"): TypeRule("attack", "bombing", "grenade thrown at a checkpoint"),
    ("Explosions/Remote violence", "Air/drone strike"): TypeRule(
        "counter_operation", "airstrike", "drone strike on a hideout"
    ),
    ("Explosions/Remote violence", "*"): TypeRule("attack", "attack", "shelling, rockets, other remote violence"),
    ("Violence against civilians", "Abduction/forced disappearance"): TypeRule(
        "attack", "hostage_taking", "kidnapping"
    ),
    ("Violence against civilians", "*"): TypeRule("attack", "attack", "shooting of civilians"),
    ("Strategic developments", "Arrests"): TypeRule("counter_operation", "arrest", "ISKP members arrested"),
    ("Strategic developments", "Disrupted weapons use"): TypeRule(
        "counter_operation", "military_operation", "IED defused"
    ),
    ("Strategic developments", "Headquarters or base established"): TypeRule(
        "presence", "base_or_stronghold", "new base"
    ),
    ("Strategic developments", "*"): TypeRule("presence", "fighters_reported", "agreement, change to group, other"),
}

# ACLED geo_precision 1-3 -> our geo precision.
ACLED_GEO_PRECISION: dict[str, tuple[str, str]] = {
    "1": ("point", "the town or village itself"),
    "2": ("district", "near a town, or part of a district: the district's place"),
    "3": ("province", "only the province (or a larger area): drawn as the province"),
}

# ACLED time_precision 1-3 -> our date precision; a week is the coded date to six days later.
ACLED_TIME_PRECISION: dict[str, tuple[str, str, int]] = {
    "1": ("day", "the exact day", 0),
    "2": ("day", "only the week: the coded date to six days later", 6),
    "3": ("month", "only the month", 0),
}

# ACLED inter1 / inter2: the actor's kind, as numeric codes (exports before 2024) or as text (later exports).
ACLED_INTER: dict[str, str] = {
    "0": "no actor",
    "1": "State forces",
    "2": "Rebel group",
    "3": "Political militia",
    "4": "Identity militia",
    "5": "Rioters",
    "6": "Protesters",
    "7": "Civilians",
    "8": "External/Other forces",
}


def acled_type(event_type: str, sub_event_type: str) -> TypeRule | None:
    """The rule for an ACLED row's event and sub-event type (its event type's "*" entry when the sub-type is not
    listed), None for types never involving the group as an event of ours (protests, riots)."""
    return ACLED_TYPES.get((event_type, sub_event_type)) or ACLED_TYPES.get((event_type, "*"))


def inter_text(code: str) -> str:
    """An inter code in words, whether the export gives the number or the text."""
    code = code.strip()
    return ACLED_INTER.get(code.split(".")[0], code) if code else ""
