"""Review decisions written to the register: each at once, atomically and under the register's lock, with undo
of the last one.

A decision is `confirmed` (accepted as proposed), `edited` (accepted with the analyst's corrections) or
`rejected` (kept in the register so extraction never proposes it again). The `ReviewRegister` remembers what it
wrote and what the register held before, so the last decision can be taken back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from isk_atlas.register import remove_event, update_register, upsert_event
from isk_atlas.schema import Event

Verdict = Literal["confirmed", "edited", "rejected"]
# What a papermill `decisions` value may say, and the status it writes.
DECISION_WORDS: dict[str, Verdict] = {"accept": "confirmed", "reject": "rejected"}


class UndoError(RuntimeError):
    """Nothing to undo, or the register changed since the decision (another writer): undo would lose that."""


@dataclass(frozen=True)
class Decision:
    """One decision as written: the event as it now stands in the register and what the register held before."""

    event: Event
    previous: Event | None
    register_path: Path
    written_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    @property
    def event_id(self) -> str:
        return self.event.event_id

    @property
    def status(self) -> str:
        return self.event.status

    def describe(self) -> str:
        """What was written, for the card: 'confirmed: <id> written to register.yaml at 04:51:07 UTC'."""
        before = f" (was {self.previous.status})" if self.previous is not None else ""
        at = self.written_at.strftime("%H:%M:%S UTC")
        return f"{self.status}{before}: {self.event_id} written to {self.register_path.name} at {at}"


@dataclass
class ReviewRegister:
    """The register file as review writes it; `history` holds this session's decisions, oldest first."""

    path: Path
    history: list[Decision] = field(default_factory=list)

    def accept(self, event: Event, notes: str | None = None) -> Decision:
        return self._write(_with_status(event, "confirmed", notes))

    def reject(self, event: Event, notes: str | None = None) -> Decision:
        return self._write(_with_status(event, "rejected", notes))

    def save(self, event: Event, edits: Mapping[str, Any]) -> Decision:
        """Write the event with `edits` (field -> new value) as `edited`; pydantic's ValidationError for bad
        values, and then nothing is written."""
        edited = Event.model_validate({**event.model_dump(), **edits, "status": "edited"})
        return self._write(edited)

    def apply(self, event: Event, decision: str | Mapping[str, Any]) -> Decision:
        """A papermill decision: 'accept', 'reject', or a mapping of edited fields."""
        if isinstance(decision, Mapping):
            return self.save(event, decision)
        verdict = DECISION_WORDS.get(decision)
        if verdict is None:
            raise ValueError(
                f"decision for {event.event_id!r} must be 'accept', 'reject' or a mapping of fields, not {decision!r}"
            )
        return self.accept(event) if verdict == "confirmed" else self.reject(event)

    def undo(self) -> Decision:
        """Put back what the register held before the last decision (the event removed when it was new).

        Raises `UndoError` when there is nothing to undo, or when the event in the register is no longer what
        the decision wrote (another kernel decided it since): undoing then would lose that decision.
        """
        if not self.history:
            raise UndoError("nothing to undo")
        last = self.history[-1]

        def put_back(events: list[Event]) -> list[Event]:
            now = next((e for e in events if e.event_id == last.event_id), None)
            if now != last.event:
                found = "missing" if now is None else f"now {now.status}"
                raise UndoError(f"{last.event_id} changed in {self.path.name} since ({found}): not undone")
            if last.previous is None:
                return remove_event(events, last.event_id)
            return upsert_event(events, last.previous)

        update_register(self.path, put_back)
        return self.history.pop()

    def _write(self, event: Event) -> Decision:
        before: list[Event | None] = [None]

        def put(events: list[Event]) -> list[Event]:
            before[0] = next((e for e in events if e.event_id == event.event_id), None)
            return upsert_event(events, event)

        update_register(self.path, put)
        decision = Decision(event, before[0], self.path)
        self.history.append(decision)
        return decision


def _with_status(event: Event, status: Verdict, notes: str | None) -> Event:
    update: dict[str, Any] = {"status": status}
    if notes is not None and notes.strip() and notes.strip() != event.notes:
        update["notes"] = notes.strip()
    return Event.model_validate({**event.model_dump(), **update})  # a copy sharing no list with the proposal
