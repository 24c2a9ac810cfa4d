"""The review widget: one card per proposed event, beside its evidence, with Accept, Reject and Save.

A card shows the source (title, publisher, date), the evidence with the place, dates and figures marked, the
proposal (type, sub-type, place as written and as resolved, date, casualties) and a small map of where the
event would be drawn; below it, widgets to correct the proposal. Every click writes the register at once
(`ReviewRegister`), and the card says what was written. Undo takes back the last decision. With the mouse over
the card (which gives it the keyboard), `a` accepts, `r` rejects, `j` and `k` go to the next and previous card.

Everything from an article or a metadata file is escaped before it reaches an HTML widget.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets
from ipyevents import Event as DomEvent
from pydantic import ValidationError

from isk_atlas.errors import InputError
from isk_atlas.maps.render import PageMemo
from isk_atlas.places import PlaceModel
from isk_atlas.review.decisions import Decision, ReviewRegister, UndoError
from isk_atlas.review.evidence import event_evidence, source_line
from isk_atlas.review.minimap import minimap_html
from isk_atlas.review.places import PlaceChoice, geocoded_choices, place_choices
from isk_atlas.schema import DATE_PRECISIONS, EVENT_TYPES, SUB_TYPES, Event, SourceMeta
from isk_atlas.selection import Selection

# Keys the card answers to (with no Ctrl, Alt or Meta held), and what each does.
KEYS: dict[str, str] = {"a": "accept", "r": "reject", "j": "next", "k": "previous"}
ALL = ""  # the filters' "no restriction" value
COUNT_FIELDS = ("killed_low", "killed_high", "injured_low", "injured_high")
_COLOURS = {"confirmed": "#1b7837", "edited": "#1f78b4", "rejected": "#b2182b", "error": "#b2182b", "info": "#555"}


@dataclass(frozen=True)
class ReviewItem:
    """One proposed event on a card, with its source's publication date (the cards' order)."""

    event: Event
    published: dt.date | None

    @property
    def source_id(self) -> str:
        return self.event.sources[0].source_id


def review_items(
    events: Sequence[Event],
    metadata: Mapping[str, SourceMeta],
    sources: Collection[str] = (),
    event_types: Collection[str] = (),
) -> list[ReviewItem]:
    """The proposed (`extracted`) events, newest sources first, then in the order the article reports them."""
    items = [
        ReviewItem(event, _published(event, metadata))
        for event in events
        if event.status == "extracted"
        and (not sources or event.sources[0].source_id in sources)
        and (not event_types or event.event_type in event_types)
    ]

    def order(item: ReviewItem) -> tuple[int, str, int]:
        newest_first = -item.published.toordinal() if item.published else 0
        return newest_first, item.source_id, item.event.sources[0].start or 0

    return sorted(items, key=order)


def _published(event: Event, metadata: Mapping[str, SourceMeta]) -> dt.date | None:
    meta = metadata.get(event.sources[0].source_id)
    return meta.published if meta else None


class ReviewWidget(widgets.VBox):  # type: ignore[misc]  # ipywidgets has no type hints
    """Cards of proposed events; each decision goes to `register` at once, then `on_written()` is called."""

    def __init__(
        self,
        events: Sequence[Event],
        metadata: Mapping[str, SourceMeta],
        texts: Mapping[str, str],
        register: ReviewRegister,
        on_written: Callable[[], None] | None = None,
        sources: Collection[str] = (),
        event_types: Collection[str] = (),
        places: PlaceModel | None = None,
    ) -> None:
        self.items = review_items(events, metadata, sources, event_types)
        self.places = places if places is not None else PlaceModel()  # the caller's, or one of its own
        self.metadata = metadata
        self.texts = texts
        self.register = register
        self.on_written = on_written
        self.position = 0  # index into visible()
        self.place_options: list[PlaceChoice] = []
        self.map_memo = PageMemo()  # what the cards' small maps share (the reference areas)
        self._loading = False  # True while a card's values are put into the form (its observers then do nothing)
        self._make_controls()
        super().__init__([self.filters, self.card, self.form], layout=widgets.Layout(max_width="980px"))
        self.add_class("isk-review")
        self.keyboard = DomEvent(source=self.card, watched_events=["keydown"])
        self.keyboard.on_dom_event(self.on_key)
        self.show()

    # -------------------------------------------------------------------------------------- building

    def _make_controls(self) -> None:
        source_ids = dict.fromkeys(item.source_id for item in self.items)
        source_options = [("all sources", ALL)] + [(_short(self._title(s)), s) for s in source_ids]
        self.source_filter = widgets.Dropdown(options=source_options, value=ALL, description="Source")
        types = {item.event.event_type for item in self.items}
        type_options = [("all types", ALL)] + [(t, t) for t in EVENT_TYPES if t in types]
        self.type_filter = widgets.Dropdown(options=type_options, value=ALL, description="Type")
        for control in (self.source_filter, self.type_filter):
            control.observe(self._on_filter, names="value")
        self.counter = widgets.HTML()
        self.filters = widgets.HBox([self.source_filter, self.type_filter, self.counter])

        self.header = widgets.HTML()
        self.evidence = widgets.HTML()
        self.proposal = widgets.HTML()
        self.minimap = widgets.HTML()
        self.status = widgets.HTML()
        self.accept_button = widgets.Button(description="Accept (a)", button_style="success", icon="check")
        self.reject_button = widgets.Button(description="Reject (r)", button_style="danger", icon="times")
        self.save_button = widgets.Button(description="Save edits", button_style="primary", icon="save")
        self.undo_button = widgets.Button(description="Undo", tooltip="take back the last decision", icon="undo")
        self.previous_button = widgets.Button(description="Previous (k)", icon="arrow-left")
        self.next_button = widgets.Button(description="Next (j)", icon="arrow-right")
        self.accept_button.on_click(lambda _: self.accept())
        self.reject_button.on_click(lambda _: self.reject())
        self.save_button.on_click(lambda _: self.save())
        self.undo_button.on_click(lambda _: self.undo())
        self.previous_button.on_click(lambda _: self.move(-1))
        self.next_button.on_click(lambda _: self.move(+1))
        decide = [self.accept_button, self.reject_button, self.save_button, self.undo_button]
        buttons = widgets.HBox([*decide, self.previous_button, self.next_button])
        text_side = widgets.VBox([self.header, self.evidence, self.proposal], layout=widgets.Layout(flex="1 1 50%"))
        self.card = widgets.VBox(
            [widgets.HBox([text_side, self.minimap]), buttons, self.status],
            layout=widgets.Layout(border="1px solid #ccc", padding="6px"),
        )
        self.card.add_class("isk-review-card")
        self._make_form()

    def _title(self, source_id: str) -> str:
        meta = self.metadata.get(source_id)
        return meta.title if meta is not None and meta.title else source_id

    def _make_form(self) -> None:
        wide = widgets.Layout(width="460px")
        self.type_edit = widgets.Dropdown(options=list(EVENT_TYPES), description="Type")
        self.sub_type_edit = widgets.Dropdown(options=[("(none)", None)], description="Sub-type")
        self.type_edit.observe(self._on_type, names="value")
        self.place_edit = widgets.Dropdown(options=[], description="Place", layout=wide)
        self.place_query = widgets.Text(
            description="Geocode", placeholder="type a place name, then Enter", continuous_update=False, layout=wide
        )
        self.place_query.observe(self._on_place_query, names="value")
        self.place_message = widgets.HTML()
        self.date_start_edit = widgets.DatePicker(description="From")
        self.date_end_edit = widgets.DatePicker(description="To")
        self.date_precision_edit = widgets.Dropdown(options=list(DATE_PRECISIONS), description="Precision")
        narrow = widgets.Layout(width="200px")
        self.count_edits = {
            name: widgets.Text(description=name.replace("_", " "), placeholder="unknown", layout=narrow)
            for name in COUNT_FIELDS
        }
        self.notes_edit = widgets.Textarea(description="Notes", layout=widgets.Layout(width="620px", height="60px"))
        self.form = widgets.VBox(
            [
                widgets.HTML("<b>Correct the proposal</b>, then <i>Save edits</i>"),
                widgets.HBox([self.type_edit, self.sub_type_edit]),
                widgets.HBox([self.place_edit]),
                widgets.HBox([self.place_query, self.place_message]),
                widgets.HBox([self.date_start_edit, self.date_end_edit, self.date_precision_edit]),
                widgets.HBox([self.count_edits["killed_low"], self.count_edits["killed_high"]]),
                widgets.HBox([self.count_edits["injured_low"], self.count_edits["injured_high"]]),
                self.notes_edit,
            ],
            layout=widgets.Layout(border="1px solid #eee", padding="6px"),
        )

    # -------------------------------------------------------------------------------------- what is shown

    def visible(self) -> list[ReviewItem]:
        """The items the filters let through, in review order."""
        source, event_type = self.source_filter.value, self.type_filter.value
        return [
            item
            for item in self.items
            if source in (ALL, item.source_id) and event_type in (ALL, item.event.event_type)
        ]

    def decisions(self) -> dict[str, Decision]:
        """The standing decision of each event decided in this widget (undone ones left out)."""
        return {decision.event_id: decision for decision in self.register.history}

    def current(self) -> ReviewItem | None:
        shown = self.visible()
        return shown[self.position] if 0 <= self.position < len(shown) else None

    def current_event(self) -> Event | None:
        """The event on the card as it now stands: as written by the last decision, else as proposed."""
        item = self.current()
        if item is None:
            return None
        decided = self.decisions().get(item.event.event_id)
        return decided.event if decided else item.event

    def show(self, note: str = "") -> None:
        """Put the current card on screen (or say that nothing waits); `note` (HTML) goes above its status."""
        shown = self.visible()
        self.position = max(0, min(self.position, len(shown) - 1))
        decided = self.decisions()
        waiting = sum(1 for item in shown if item.event.event_id not in decided)
        self.counter.value = html.escape(f"{waiting} waiting, {len(shown) - waiting} decided")
        item = self.current()
        for button in (self.accept_button, self.reject_button, self.save_button):
            button.disabled = item is None
        self.undo_button.disabled = not self.register.history
        if item is None:
            self.header.value = "<b>No proposed events wait for review.</b>"
            self.evidence.value = self.proposal.value = self.minimap.value = ""
            self.status.value = note
            return
        event = self.current_event()
        assert event is not None
        meta = self.metadata.get(item.source_id)
        self.header.value = (
            f"<div>Card {self.position + 1} of {len(shown)} · {html.escape(event.event_id)}</div>"
            f"<div>{source_line(item.source_id, meta)}</div>"
        )
        quotes = event_evidence(item.event, self.texts, self.metadata)
        self.evidence.value = (
            "".join(
                f'<blockquote style="margin:4px 0;padding:4px 8px;border-left:3px solid #ccc">{q.html()}</blockquote>'
                for q in quotes
            )
            or "<i>No evidence sentence at hand (the article's text is missing).</i>"
        )
        self.proposal.value = proposal_html(event)
        self.minimap.value = minimap_html(event, self.metadata, self.texts, self.map_memo)
        standing = decided.get(item.event.event_id)
        self.status.value = note + (
            _status_html(standing.describe(), standing.status) if standing else _status_html("not decided yet", "info")
        )
        self._load_form(event, " ".join(q.text for q in quotes))

    def _load_form(self, event: Event, context: str) -> None:
        self._loading = True
        try:
            self.type_edit.value = event.event_type
            self._set_sub_types(event.event_type, event.sub_type)
            self.place_options = place_choices(event, self.places, context or None)
            self.place_edit.options = [(choice.label, index) for index, choice in enumerate(self.place_options)]
            self.place_edit.value = 0
            self.place_query.value = ""
            self.place_message.value = ""
            self.date_start_edit.value = event.date_start
            self.date_end_edit.value = event.date_end
            self.date_precision_edit.value = event.date_precision
            for name, box in self.count_edits.items():
                value = getattr(event, name)
                box.value = "" if value is None else str(value)
            self.notes_edit.value = event.notes
        finally:
            self._loading = False

    def _set_sub_types(self, event_type: str, value: str | None) -> None:
        self.sub_type_edit.options = [("(none)", None)] + [(s.replace("_", " "), s) for s in SUB_TYPES[event_type]]
        self.sub_type_edit.value = value if value in SUB_TYPES[event_type] else None

    # -------------------------------------------------------------------------------------- reacting

    def _on_filter(self, change: Mapping[str, Any]) -> None:
        self.position = 0
        self.show()

    def _on_type(self, change: Mapping[str, Any]) -> None:
        if not self._loading:
            self._set_sub_types(str(change["new"]), self.sub_type_edit.value)

    def _on_place_query(self, change: Mapping[str, Any]) -> None:
        if not self._loading:
            self.geocode_place(str(change["new"]))

    def geocode_place(self, name: str) -> None:
        """Geocode what the analyst typed; its places join the dropdown, the best one selected."""
        name = name.strip()
        if not name:
            return
        item = self.current()
        context = " ".join(q.text for q in event_evidence(item.event, self.texts, self.metadata)) if item else ""
        found, match = geocoded_choices(name, self.places, context or None)
        if not found:
            self.place_message.value = _status_html(f"{name!r} is not in the gazetteer", "error")
            return
        known = {choice.place_id for choice in self.place_options}
        found_ids = {choice.place_id for choice in found}
        others = [choice for choice in self.place_options[1:] if choice.place_id not in found_ids]
        self.place_options = [self.place_options[0], *found, *others]
        self.place_edit.options = [(choice.label, index) for index, choice in enumerate(self.place_options)]
        self.place_edit.value = 1
        new = sum(1 for choice in found if choice.place_id not in known)
        what = "certain" if match.certain else "uncertain"
        self.place_message.value = _status_html(f"{len(found)} place(s) for {name!r} ({new} new; {what})", "info")

    def on_key(self, event: Mapping[str, Any]) -> None:
        """A key pressed while the card has the keyboard (ipyevents' keydown message)."""
        if event.get("type") != "keydown" or any(event.get(m) for m in ("ctrlKey", "altKey", "metaKey")):
            return
        action = KEYS.get(str(event.get("key", "")))
        if action == "accept":
            self.accept()
        elif action == "reject":
            self.reject()
        elif action in ("next", "previous"):
            self.move(+1 if action == "next" else -1)

    # -------------------------------------------------------------------------------------- deciding

    def move(self, step: int) -> None:
        self.position = max(0, min(self.position + step, len(self.visible()) - 1))
        self.show()

    def accept(self) -> Decision | None:
        return self._decide(lambda item: self.register.accept(item.event, self.notes_edit.value))

    def reject(self) -> Decision | None:
        return self._decide(lambda item: self.register.reject(item.event, self.notes_edit.value))

    def save(self) -> Decision | None:
        """Write the card's edits as `edited`; a bad value is reported on the card and nothing is written."""
        item = self.current()
        if item is None:
            return None
        try:
            edits = self.edits(item.event)
        except ValueError as error:
            self.status.value = _status_html(f"not saved: {error}", "error")
            return None
        if not edits:
            self.status.value = _status_html("nothing edited: use Accept to confirm the proposal as it is", "info")
            return None
        return self._decide(lambda item: self.register.save(item.event, edits))

    def edits(self, event: Event) -> dict[str, Any]:
        """The fields whose form value differs from `event` (ValueError naming the field for a bad number)."""
        values: dict[str, Any] = {
            "event_type": self.type_edit.value,
            "sub_type": self.sub_type_edit.value,
            "date_start": self.date_start_edit.value,
            "date_end": self.date_end_edit.value,
            "date_precision": self.date_precision_edit.value,
            "notes": self.notes_edit.value.strip(),
        }
        if self.place_edit.value is not None:
            values.update(self.place_options[self.place_edit.value].fields)
        for name, box in self.count_edits.items():
            values[name] = _count(name, box.value)
        return {name: value for name, value in values.items() if getattr(event, name) != value}

    def undo(self) -> Decision | None:
        try:
            undone = self.register.undo()
        except UndoError as error:
            self.status.value = _status_html(str(error), "error")
            return None
        self._written()
        shown = self.visible()
        ids = [item.event.event_id for item in shown]
        if undone.event_id in ids:
            self.position = ids.index(undone.event_id)
        self.show(_status_html(f"undone: {undone.event_id} is {_before(undone)} again", "info"))
        return undone

    def decide(self, decisions: Mapping[str, str | Mapping[str, Any]]) -> list[Decision]:
        """Apply papermill-style decisions (event id -> 'accept', 'reject' or a mapping of edited fields)."""
        by_id = {item.event.event_id: item.event for item in self.items}
        written = []
        for event_id, decision in decisions.items():
            event = by_id.get(event_id)
            if event is None:
                raise InputError(self.register.path, f"no event {event_id!r} waits for review")
            written.append(self.register.apply(event, decision))
        if written:
            self._written()
            self.show()
        return written

    def selection(self) -> Selection:
        """The sources of the events decided here (else of every card): what a map of the changes shows."""
        decided = {d.event.sources[0].source_id for d in self.register.history}
        return Selection(sources=frozenset(decided or {item.source_id for item in self.items}))

    def _decide(self, write: Callable[[ReviewItem], Decision]) -> Decision | None:
        item = self.current()
        if item is None:
            return None
        try:
            decision = write(item)
        except (ValidationError, InputError, OSError, TimeoutError) as error:
            self.status.value = _status_html(f"not written: {error}", "error")
            return None
        self._written()
        self._advance()
        moved = self.current() is not item
        self.show(_status_html(f"previous card: {decision.describe()}", decision.status) if moved else "")
        return decision

    def _written(self) -> None:
        if self.on_written is not None:
            self.on_written()

    def _advance(self) -> None:
        """Go to the next card not decided yet, after this one (else before it); stay when none is left."""
        shown = self.visible()
        decided = self.decisions()
        order = list(range(self.position + 1, len(shown))) + list(range(self.position))
        self.position = next((i for i in order if shown[i].event.event_id not in decided), self.position)


def proposal_html(event: Event) -> str:
    """The proposal as a small escaped table: type, place as written and as resolved, date, casualties."""
    resolved = ", ".join(part for part in (event.admin2, event.admin1, event.country) if part) or "not resolved"
    date = event.date_start.isoformat() if event.date_start else "unknown"
    if event.date_end and event.date_end != event.date_start:
        date += f" to {event.date_end.isoformat()}"
    rows = [
        ("type", f"{event.event_type} / {event.sub_type or '(no sub-type)'}"),
        ("place as written", event.place_text),
        ("resolved", f"{resolved} (drawn as {event.geo_precision}; {event.place_id or 'no place id'})"),
        ("date", f"{date} ({event.date_precision})"),
        ("killed", _range(event.killed_low, event.killed_high)),
        ("injured", _range(event.injured_low, event.injured_high)),
    ]
    if event.event_type == "cross_border_launch":
        rows.append(("landed in", f"{event.target_place_text or '?'} ({event.target_country or '?'})"))
    if event.summary:
        rows.insert(0, ("summary", event.summary))
    cells = "".join(
        f'<tr><td style="color:#555;padding-right:8px">{html.escape(k)}</td><td>{html.escape(v)}</td></tr>'
        for k, v in rows
    )
    return f"<table>{cells}</table>"


def _range(low: int | None, high: int | None) -> str:
    if low is None and high is None:
        return "unknown"
    if low == high or high is None:
        return str(low)
    return f"{low if low is not None else '?'}-{high}"


def _count(name: str, text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not text.isdigit():
        raise ValueError(f"{name.replace('_', ' ')}: {text!r} is not a whole number")
    return int(text)


def _before(decision: Decision) -> str:
    return decision.previous.status if decision.previous is not None else "proposed (not in the register)"


def _status_html(message: str, kind: str) -> str:
    colour = _COLOURS.get(kind, _COLOURS["info"])
    return f'<div style="color:{colour}">{html.escape(message)}</div>'


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


__all__ = ["KEYS", "ReviewItem", "ReviewWidget", "proposal_html", "review_items"]
