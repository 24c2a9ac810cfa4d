"""The curated event register: a YAML list of `Event` records, the analyst's truth.

Reading validates every event at the boundary and collects every problem of the file, each as an `InputError`
naming the file, the line of the offending field and the field. `read_register` returns the valid events and
the problems (the pipeline goes on with the valid ones); `load_register` raises one `RegisterError` carrying
all problems when there is any. `save_register` writes the canonical form: atomic, deterministic, empty fields
left out, so `load_register(save_register(x)) == x` and a diff shows only what changed. `update_register`
reads, changes and saves under a lock beside the file, so two processes writing at once lose no change.

The register does not import later steps of the data flow: place ids are checked by `check_places` against a
set of ids the caller takes from the gazetteer.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import reprlib
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml
from filelock import FileLock
from pydantic import ValidationError

from isk_atlas.atomic import write_text
from isk_atlas.errors import InputError
from isk_atlas.schema import EVENT_TYPES, SUB_TYPES, Event, Status

HEADER = """\
# isk-atlas event register: the analyst's coding of what the sources report, one event per real event.
# Written by isk_atlas.register.save_register (canonical order, empty fields left out); edit by hand freely.
# Dates: date_start..date_end is the window the event falls in; date_precision is how exactly it is known.
# sources: each cites a source id (file name without .txt) and the character span [start, end) of its evidence.
# Casualties: *_low..*_high span the figures the sources give; `figures` says who gives which.
"""

_FIELD_ORDER: tuple[str, ...] = tuple(Event.model_fields)
_COORDINATES = {"lat": 90.0, "lon": 180.0, "target_lat": 90.0, "target_lon": 180.0}
_DATE_FIELDS = ("date_start", "date_end")
_COUNT_FIELDS = ("killed_low", "killed_high", "injured_low", "injured_high", "rockets")


class RegisterError(InputError):
    """A register file with problems: `problems` lists every one, each naming file, line and field."""

    def __init__(self, path: str | Path, problems: Sequence[InputError]):
        self.problems = list(problems)
        first = self.problems[0] if self.problems else None
        message = f"{len(self.problems)} problem(s) in the register"
        if first is not None:
            message += f"; first: {first.field + ': ' if first.field else ''}{first.message}"
        super().__init__(path, message, line=first.line if first else None, field=first.field if first else None)


class _PlainLoader(yaml.SafeLoader):
    """A safe loader that leaves dates as text, so an impossible date is one field's error, not the file's."""


_PlainLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader: type[yaml.SafeLoader] | type[yaml.CSafeLoader] = _PlainLoader
if yaml.__with_libyaml__:
    # libyaml (in PyYAML's wheels) parses about five times faster: every review click reads the whole register.
    # Its parser refuses nesting deeper than 1000 levels, so a hostile file is an error, never a crash.
    class _PlainCLoader(yaml.CSafeLoader):
        """`_PlainLoader` with libyaml's parser."""

    _PlainCLoader.yaml_implicit_resolvers = _PlainLoader.yaml_implicit_resolvers
    _Loader = _PlainCLoader


# A bounded repr for "(got ...)": a YAML alias bomb is a small file whose value's full repr would be gigabytes.
_SHORT_REPR = reprlib.Repr()
_SHORT_REPR.maxstring = 120
_SHORT_REPR.maxother = 120
_SHORT_REPR.maxlevel = 2
_SHORT_REPR.maxlist = _SHORT_REPR.maxdict = _SHORT_REPR.maxtuple = 4


def _line(node: yaml.Node | None) -> int | None:
    return node.start_mark.line + 1 if node is not None else None


def _child(node: yaml.Node | None, key: str | int) -> yaml.Node | None:
    """The node of a mapping value or sequence item, to point an error at its line."""
    if isinstance(node, yaml.MappingNode) and isinstance(key, str):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                found: yaml.Node = value_node
                return found
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
        item: yaml.Node = node.value[key]
        return item
    return None


def _node_at(node: yaml.Node | None, loc: Sequence[str | int]) -> yaml.Node | None:
    """The deepest node found along a pydantic error location."""
    deepest = node
    for key in loc:
        child = _child(deepest, key)
        if child is None:
            break
        deepest = child
    return deepest


def _field_in_message(message: str) -> str | None:
    """For model-level errors ("killed_low (5) is above ..."), the first field the message names."""
    positions = [(message.find(name), name) for name in _FIELD_ORDER if re.search(rf"\b{name}\b", message)]
    return min(positions)[1] if positions else None


def _precheck(row: Mapping[str, Any], node: yaml.Node, path: Path) -> list[InputError]:
    """Checks whose messages must be plainer than pydantic's: type, sub-type, dates, coordinates, counts."""
    problems: list[InputError] = []

    def problem(field: str, message: str) -> None:
        problems.append(InputError(path, message, line=_line(_child(node, field) or node), field=field))

    event_type = row.get("event_type")
    if event_type is not None and event_type not in EVENT_TYPES:
        problem("event_type", f"unknown event type {event_type!r}; expected one of {', '.join(EVENT_TYPES)}")
    elif event_type is not None and row.get("sub_type") is not None and row["sub_type"] not in SUB_TYPES[event_type]:
        problem(
            "sub_type", f"unknown sub-type {row['sub_type']!r} for {event_type}: {', '.join(SUB_TYPES[event_type])}"
        )
    for field in _DATE_FIELDS:
        value = row.get(field)
        if value is None or isinstance(value, dt.date):
            continue
        try:
            dt.date.fromisoformat(str(value))
        except ValueError:
            problem(field, f"impossible or malformed date {value!r} (expected YYYY-MM-DD)")
    for field, limit in _COORDINATES.items():
        value = row.get(field)
        if not isinstance(value, int | float) or isinstance(value, bool):
            continue
        if not math.isfinite(value) or abs(value) > limit:
            problem(field, f"coordinate {value} is out of range (-{limit:g} to {limit:g})")
    for field in _COUNT_FIELDS:
        value = row.get(field)
        if isinstance(value, int) and not isinstance(value, bool) and value < 0:
            problem(field, f"negative count {value}")
    for what in ("killed", "injured"):
        low, high = row.get(f"{what}_low"), row.get(f"{what}_high")
        if isinstance(low, int) and isinstance(high, int) and low > high:
            problem(f"{what}_low", f"{what}_low ({low}) is above {what}_high ({high})")
    return problems


def _validation_problems(error: ValidationError, node: yaml.Node, path: Path) -> list[InputError]:
    problems = []
    for detail in error.errors():
        loc = tuple(detail["loc"])
        message = str(detail["msg"]).removeprefix("Value error, ")
        field = ".".join(str(part) for part in loc) if loc else _field_in_message(message)
        target = _node_at(node, loc) if loc else (_child(node, field) if field else None) or node
        if detail["type"] not in {"missing"} and loc and "input" in detail:
            message += f" (got {_SHORT_REPR.repr(detail['input'])})"
        problems.append(InputError(path, message, line=_line(target or node), field=field))
    return problems


def _parse(text: str) -> tuple[yaml.Node | None, Any]:
    """The document's node tree (for line numbers) and its value, from one parse (a review click reads the whole
    register: parsing it twice doubled the time of every click)."""
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        return root, (loader.construct_document(root) if root is not None else None)
    finally:
        loader.dispose()


def read_register(
    path: str | Path, known_sources: Collection[str] | None = None, known_places: Collection[str] | None = None
) -> tuple[list[Event], list[InputError]]:
    """Read a register file: the valid events, and every problem found (a broken event never stops the others).

    `known_sources`, when given, is the set of source ids an event may cite; `known_places` the set of place ids
    (e.g. the gazetteer's) its place_id and target_place_id must come from.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return [], [InputError(path, f"cannot read the register: {error}")]
    try:
        root, data = _parse(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return [], [InputError(path, f"not valid YAML: {error}", line=mark.line + 1 if mark else None)]
    except (RecursionError, ValueError, TypeError) as error:  # e.g. thousands of nested brackets
        return [], [InputError(path, f"not a usable YAML document: {type(error).__name__}: {error}")]
    if data is None:
        return [], []
    rows_node: yaml.Node | None = root
    if isinstance(data, dict):
        rows_node = _child(root, "events")
        data = data.get("events")
    if not isinstance(data, list) or not isinstance(rows_node, yaml.SequenceNode):
        return [], [InputError(path, "the register must be a list of events (or a mapping with 'events:')", line=1)]

    events: list[Event] = []
    problems: list[InputError] = []
    first_line: dict[str, int | None] = {}
    for index, row in enumerate(data):
        node = rows_node.value[index]
        if not isinstance(row, dict):
            problems.append(InputError(path, "an event must be a mapping of fields", line=_line(node)))
            continue
        row_problems = _duplicate_keys(node, path) + _precheck(row, node, path)
        event_id = row.get("event_id")
        if isinstance(event_id, str):
            # Counted before validation, so a broken first copy still makes the second a duplicate.
            if event_id in first_line:
                row_problems.append(
                    InputError(
                        path,
                        f"duplicate event_id {event_id!r} (first at line {first_line[event_id]})",
                        line=_line(_child(node, "event_id")),
                        field="event_id",
                    )
                )
            else:
                first_line[event_id] = _line(_child(node, "event_id"))
        event: Event | None = None
        try:
            event = Event.model_validate(row)
        except ValidationError as error:
            reported = {problem.field for problem in row_problems}
            row_problems += [
                problem for problem in _validation_problems(error, node, path) if problem.field not in reported
            ]
        if event is not None and known_sources is not None:
            for position, ref in enumerate(event.sources):
                if ref.source_id not in known_sources:
                    row_problems.append(
                        InputError(
                            path,
                            f"unknown source id {ref.source_id!r}",
                            line=_line(_node_at(node, ("sources", position, "source_id"))),
                            field=f"sources.{position}.source_id",
                        )
                    )
        if event is not None and known_places is not None:
            for field in ("place_id", "target_place_id"):
                value = getattr(event, field)
                if value is not None and value not in known_places:
                    row_problems.append(
                        InputError(path, f"unknown place {value!r}", line=_line(_child(node, field)), field=field)
                    )
        row_problems.sort(key=lambda problem: problem.line or 0)
        problems.extend(row_problems)
        if event is not None and not row_problems:
            events.append(event)
    return events, problems


def _duplicate_keys(node: yaml.Node, path: Path) -> list[InputError]:
    seen: set[str] = set()
    problems = []
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            key = str(key_node.value)
            if key in seen:
                problems.append(InputError(path, "field given twice", line=_line(key_node), field=key))
            seen.add(key)
    return problems


def load_register(
    path: str | Path, known_sources: Collection[str] | None = None, known_places: Collection[str] | None = None
) -> list[Event]:
    """Read a register file; raise one `RegisterError` listing every problem when there is any."""
    events, problems = read_register(path, known_sources, known_places)
    if problems:
        raise RegisterError(path, problems)
    return events


def check_places(
    events: Iterable[Event], known_ids: Collection[str], path: str | Path | None = None
) -> list[InputError]:
    """Problems for events whose place_id or target_place_id is not among `known_ids` (e.g. gazetteer ids).

    For events already in memory (e.g. extracted ones); `read_register(..., known_places=...)` does the same with
    the line of each offending field.
    """
    problems = []
    for event in events:
        for field in ("place_id", "target_place_id"):
            value = getattr(event, field)
            if value is not None and value not in known_ids:
                problems.append(InputError(path, f"unknown place {value!r} in event {event.event_id}", field=field))
    return problems


def check_spans(events: Iterable[Event], texts: Mapping[str, str], path: str | Path | None = None) -> list[InputError]:
    """Problems for evidence spans that do not lie within their source's text (sources missing from `texts`
    are not checked)."""
    problems = []
    for event in events:
        for ref in event.sources:
            text = texts.get(ref.source_id)
            if text is not None and ref.end is not None and ref.end > len(text):
                problems.append(
                    InputError(
                        path,
                        f"evidence span {ref.start}-{ref.end} of event {event.event_id} is beyond the end of "
                        f"{ref.source_id} ({len(text)} characters)",
                        field="sources",
                    )
                )
    return problems


def _clean(value: Any) -> Any:
    """Drop empty values (None, '', []) recursively, keeping zeros and False."""
    if isinstance(value, dict):
        return {key: _clean(item) for key, item in value.items() if item is not None and item not in ("", [])}
    if isinstance(value, list):
        return [_clean(item) for item in value]
    return value


class _FlowDict(dict[str, Any]):
    """A mapping written on one line: source references and figures stay compact in a diff."""


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        # Shared date objects would otherwise be written as &id001 anchors: unreadable for a person.
        return True


def _represent_flow(dumper: yaml.representer.SafeRepresenter, data: _FlowDict) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=True)


_UNUSUAL_BREAKS = re.compile("[\r\x85\u2028\u2029\ufeff]")


def _represent_text(dumper: yaml.representer.SafeRepresenter, data: str) -> yaml.Node:
    if _UNUSUAL_BREAKS.search(data):
        # Only double quotes escape these; in other styles a reader folds them into spaces.
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style='"')
    # Long one-line prose (summaries, notes) as folded blocks: no quote escaping, wrapped for a readable diff.
    if len(data) > 80 and data == data.strip() and "\n" not in data and "  " not in data:
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=">")
    return dumper.represent_str(data)


_Dumper.add_representer(_FlowDict, _represent_flow)
_Dumper.add_representer(str, _represent_text)
_Writer: type[yaml.SafeDumper] | type[yaml.CSafeDumper] = _Dumper
if yaml.__with_libyaml__:
    # libyaml's emitter writes the same text about five times faster (a test compares the two).
    class _CDumper(yaml.CSafeDumper):
        def ignore_aliases(self, data: Any) -> bool:
            return True

    _CDumper.add_representer(_FlowDict, _represent_flow)
    _CDumper.add_representer(str, _represent_text)
    _Writer = _CDumper


def event_to_row(event: Event) -> dict[str, Any]:
    """An event as a plain mapping in canonical field order, empty fields left out."""
    row = _clean(event.model_dump(mode="python"))
    ordered = {field: row[field] for field in _FIELD_ORDER if field in row}
    for field in ("sources", "figures"):
        if field in ordered:
            ordered[field] = [_FlowDict(item) for item in ordered[field]]
    return ordered


def dump_register(events: Iterable[Event]) -> str:
    """The canonical YAML text of a register: a header, then one block per event separated by blank lines."""
    rows = [event_to_row(event) for event in events]
    if not rows:
        return HEADER + "[]\n"
    body = yaml.dump(rows, Dumper=_Writer, sort_keys=False, allow_unicode=True, width=110, default_flow_style=False)
    body = re.sub(r"\n(?=- event_id:)", "\n\n", body)
    return HEADER + "\n" + body


def save_register(events: Iterable[Event], path: str | Path) -> None:
    """Write the register atomically in canonical form."""
    write_text(path, dump_register(events))


def lock_path(path: str | Path) -> Path:
    """The lock file `update_register` holds while it changes `path`: `.NAME.lock` beside it."""
    path = Path(path)
    return path.with_name(f".{path.name}.lock")


def update_register(
    path: str | Path, change: Callable[[list[Event]], list[Event]], timeout: float = 60.0
) -> list[Event]:
    """Read the register, apply `change` to its events and save the result, all under the register's lock.

    Two writers (two kernels, a kernel and `isk-atlas`) each see the other's last save, so neither loses a
    change; the save is atomic. A missing file is an empty register. Raises `RegisterError` when the file has
    problems (nothing is written), `filelock.Timeout` when another writer holds the lock past `timeout` s.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(lock_path(path), timeout=timeout):
        events, problems = read_register(path) if path.exists() else ([], [])
        if problems:
            raise RegisterError(path, problems)
        changed = change(events)
        save_register(changed, path)
        return changed


def remove_event(events: Sequence[Event], event_id: str) -> list[Event]:
    """A new list without the event of that id (the same list's copy when there is none)."""
    return [event for event in events if event.event_id != event_id]


def upsert_event(events: Sequence[Event], event: Event) -> list[Event]:
    """A new list with `event` replacing the event of the same id in place, or appended when it is new."""
    result = list(events)
    for index, existing in enumerate(result):
        if existing.event_id == event.event_id:
            result[index] = event
            return result
    result.append(event)
    return result


def set_status(events: Sequence[Event], event_id: str, status: Status, note: str | None = None) -> list[Event]:
    """A new list with the event's status changed (and a review note appended); KeyError for an unknown id."""
    for existing in events:
        if existing.event_id == event_id:
            notes = existing.notes
            if note:
                notes = f"{notes} {note}".strip()
            return upsert_event(events, existing.model_copy(update={"status": status, "notes": notes}))
    raise KeyError(f"no event with id {event_id!r} in the register")


def accept_event(events: Sequence[Event], event_id: str, note: str | None = None) -> list[Event]:
    """Mark an event confirmed (the review notebook's 'accept')."""
    return set_status(events, event_id, "confirmed", note)


def reject_event(events: Sequence[Event], event_id: str, note: str | None = None) -> list[Event]:
    """Mark an event rejected: it stays in the register (so a rerun does not propose it again) but is not mapped."""
    return set_status(events, event_id, "rejected", note)
