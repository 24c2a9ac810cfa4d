"""Events and source metadata whose every text field is hostile markup (shared by the map and browser tests)."""

from __future__ import annotations

from isk_atlas.schema import Event, SourceMeta

SCRIPT = "<script>window.__pwned=1</script>"
BREAKOUT = '"><img src=x onerror=alert(1)>'
JS_URL = "javascript:alert(document.domain)"
HOSTILE = f"{SCRIPT} {BREAKOUT}"
TEXT = f"Intro. {HOSTILE} fighters were seen in Kabul. Outro."


def hostile_events() -> list[Event]:
    span = {"source_id": "evil", "start": TEXT.index(SCRIPT), "end": TEXT.index(" Outro")}
    return [
        Event(
            event_id="hostile-attack",
            event_type="attack",
            sub_type="bombing",
            summary=HOSTILE,
            place_text=HOSTILE,
            place_id="gn:1138958",
            admin1="AF-KAB",
            country="AFG",
            geo_precision="point",
            date_start="2023-01-01",
            date_precision="day",
            actor=BREAKOUT,
            claimed_by=SCRIPT,
            target=HOSTILE,
            notes=HOSTILE,
            sources=[span],
            status="confirmed",
        ),
        Event(
            event_id="hostile-presence",
            event_type="presence",
            summary=HOSTILE,
            place_text=BREAKOUT,
            place_id="AF-NAN",
            admin1="AF-NAN",
            geo_precision="province",
            notes=SCRIPT,
            sources=[{"source_id": "evil"}],
            status="extracted",
        ),
    ]


def hostile_metadata() -> dict[str, SourceMeta]:
    # model_construct skips SourceMeta's own url check: the maps must hold even if a bad url gets past it.
    meta = SourceMeta.model_construct(
        source_id="evil",
        file="evil.txt",
        title=SCRIPT,
        publisher=BREAKOUT,
        author=HOSTILE,
        url=JS_URL,
        published=None,
        published_precision="unknown",
        published_note=HOSTILE,
        sha256="",
    )
    return {"evil": meta}
