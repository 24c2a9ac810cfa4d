"""The notebooks' API: each notebook cell is one call here, so no logic lives only in a notebook.

A `Workbench` reads one sources folder and one register, and answers what the analyst asks of them: the corpus,
what is new, the places found and those that could not be placed, the events (selected), their maps, the
exports, and the review of extracted events (the `review()` widget, or `decide()` for papermill runs).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from isk_atlas.atomic import write_text
from isk_atlas.errors import InputError
from isk_atlas.paths import default_register_path, default_sources_dir
from isk_atlas.pipeline import MAP_NAMES, Corpus, collect, write_outputs
from isk_atlas.schema import Event
from isk_atlas.selection import Selection

if TYPE_CHECKING:
    from isk_atlas.maps.notebook import NotebookMap
    from isk_atlas.places import PlaceModel
    from isk_atlas.review.widget import ReviewWidget
    from isk_atlas.sources import SourceSet

SEEN_FILE = ".seen-sources.json"
MAP_OF_TYPE = {"presence": "presence", "attack": "attacks", "cross_border_launch": "cross_border"}
# A capitalised name that the text presents as a place: after "in", "near", "from"... ("in Khogyani", "near Spin
# Boldak") or before a place word ("Achin district", "the Sarechaah area").
_NAME = r"[A-Z][a-z][\w'’\-]*(?:\s+[A-Z][a-z][\w'’\-]*)?"
_PLACE_CUES = (
    re.compile(rf"\b(?:in|near|from|into|outside|around)\s+(?P<name>{_NAME})"),
    re.compile(rf"(?P<name>{_NAME})\s+(?:province|district|city|town|village|area|valley|region|port)\b"),
)
# Words that follow "in" or precede "area" without being places: people's titles, groups, peoples, calendar.
_NOT_PLACE_WORDS = frozenset(
    {"mawlawi", "mullah", "maulvi", "sheikh", "abu", "abdul", "hazara", "hazaras", "tajik", "uzbek", "pashtun",
     "baloch", "asian", "shia", "shiite", "sunni", "muslim", "muslims", "jihad", "jihadi", "al-qaeda", "alqaeda",
     "qaeda", "islamist", "staff", "studies", "countries", "us", "un", "nato", "europe", "asia", "syria", "iraq"}
)  # fmt: skip


class Workbench:
    """One sources folder and one register, as the notebooks see them."""

    def __init__(
        self,
        sources_dir: str | Path | None = None,
        register_path: str | Path | None = None,
        out_dir: str | Path = "out",
        places: PlaceModel | None = None,
    ) -> None:
        self.sources_dir = Path(sources_dir) if sources_dir else default_sources_dir()
        self.register_path = Path(register_path) if register_path else default_register_path()
        self.out_dir = Path(out_dir)
        # What one build leaves for the next (see isk_atlas.state): the notebook's rebuilds redo only what changed.
        # It holds the place model (`places`, else one of its own) that extraction, the place tables and review use.
        from isk_atlas.state import BuildState

        self.state = BuildState() if places is None else BuildState(places=places)

    # ------------------------------------------------------------------------------------------ the corpus

    @cached_property
    def source_set(self) -> SourceSet:
        from isk_atlas.sources import load_sources

        return load_sources(self.sources_dir)

    @cached_property
    def corpus(self) -> Corpus:
        return collect(self.sources_dir, self.register_path, state=self.state)

    def refresh(self) -> None:
        """Forget what was read, so the next call reads the folder and the register again (the build state stays:
        its memos are keyed by content; `self.state = BuildState()` forgets them too)."""
        for name in ("source_set", "corpus"):
            self.__dict__.pop(name, None)

    def sources_table(self) -> pd.DataFrame:
        """One row per source: metadata, how its date was read, whether its text is at hand, size and hash."""
        rows = []
        texts = {source.source_id: source.text for source in self.source_set.sources}
        for source_id, meta in sorted(self.source_set.metadata().items()):
            text = texts.get(source_id)
            rows.append(
                {
                    "source_id": source_id,
                    "title": meta.title,
                    "publisher": meta.publisher,
                    "published": meta.published,
                    "precision": meta.published_precision,
                    "how the date was read": meta.published_note,
                    "text at hand": text is not None,
                    "characters": len(text) if text is not None else None,
                    "sha256": meta.sha256[:12],
                }
            )
        return pd.DataFrame(rows)

    def source_problems(self) -> pd.DataFrame:
        """Articles that could not be read (file, line, what is wrong) and duplicates that were skipped."""
        rows = [{"file": p.path, "line": p.line, "problem": p.message} for p in self.source_set.problems]
        rows += [{"file": str(d.path), "line": None, "problem": str(d)} for d in self.source_set.duplicates]
        return pd.DataFrame(rows, columns=["file", "line", "problem"])

    def _seen_path(self) -> Path:
        return self.out_dir / SEEN_FILE

    def _seen(self) -> dict[str, str]:
        path = self._seen_path()
        if not path.exists():
            return {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            return {}  # a damaged state file only means everything looks new once
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}

    def new_sources(self) -> pd.DataFrame:
        """Sources whose text was not seen by the last remembered run (new, or changed since)."""
        seen = self._seen()
        rows = [
            {
                "source_id": s.source_id,
                "title": s.meta.title,
                "status": "changed" if s.source_id in seen else "new",
            }
            for s in self.source_set.sources
            if seen.get(s.source_id) != s.sha256
        ]
        return pd.DataFrame(rows, columns=["source_id", "title", "status"])

    def remember_run(self) -> Path:
        """Record the sources' hashes, so the next run lists only what arrives after this one."""
        state = {s.source_id: s.sha256 for s in self.source_set.sources}
        write_text(self._seen_path(), json.dumps(state, indent=1, sort_keys=True))
        return self._seen_path()

    # ------------------------------------------------------------------------------------------ places

    def places_table(self) -> pd.DataFrame:
        """Every toponym recognised in the sources' text, with the place it resolved to and how sure."""
        from isk_atlas.mentions import find_mentions

        rows = []
        for source in self.source_set.sources:
            for mention in find_mentions(source.text, self.state.places.mentions):
                match = mention.match
                rows.append(
                    {
                        "source_id": source.source_id,
                        "as written": mention.text,
                        "start": mention.start,
                        "end": mention.end,
                        "place": match.name,
                        "place_id": match.place_id,
                        "kind": match.kind,
                        "admin1": match.admin1,
                        "country": match.country,
                        "precision": match.precision,
                        "score": round(match.score, 3),
                        "certain": match.certain,
                        "how": mention.method,
                    }
                )
        columns = ["source_id", "as written", "start", "end", "place", "place_id", "kind", "admin1", "country",
                   "precision", "score", "certain", "how"]  # fmt: skip
        return pd.DataFrame(rows, columns=columns)

    def unresolved_table(self, places: pd.DataFrame | None = None) -> pd.DataFrame:
        """Names written as places that the gazetteer could not place with certainty, with the best candidates.

        Two kinds: recognised mentions whose match is uncertain, and capitalised names after a place word
        ("in", "near", "from"...) that no mention covers and the geocoder does not resolve with certainty.
        """
        geocoder = self.state.places.geocoder
        places = self.places_table() if places is None else places
        rows: list[dict[str, Any]] = []
        uncertain = places[~places["certain"].astype(bool)]
        for record in uncertain.to_dict("records"):
            rows.append(
                {
                    "source_id": record["source_id"],
                    "as written": record["as written"],
                    "start": record["start"],
                    "best guess": record["place"],
                    "admin1": record["admin1"],
                    "why listed": "uncertain match",
                }
            )
        for source in self.source_set.sources:
            mine = places[places["source_id"] == source.source_id]
            spans = list(zip(mine["start"].astype(int), mine["end"].astype(int), strict=True))
            for start, end, name in _place_like_names(source.text):
                if any(s < end and start < e for s, e in spans):
                    continue
                match = geocoder.geocode(name, source.text[max(0, start - 200) : end + 200])
                if match.certain:
                    continue
                rows.append(
                    {
                        "source_id": source.source_id,
                        "as written": name,
                        "start": start,
                        "best guess": match.name,
                        "admin1": match.admin1,
                        "why listed": "uncertain match" if match.resolved else "not in the gazetteer",
                    }
                )
        columns = ["source_id", "as written", "start", "best guess", "admin1", "why listed"]
        return pd.DataFrame(rows, columns=columns).drop_duplicates(["source_id", "as written"])

    # ------------------------------------------------------------------------------------------ events and maps

    def events(self, selection: Selection | None = None) -> list[Event]:
        """Register events and extracted ones the register lacks, filtered by the selection."""
        return (selection or Selection()).apply(self.corpus.events)

    @staticmethod
    def summary(events: Sequence[Event]) -> pd.DataFrame:
        """How many events of each type, by curation status."""
        table = pd.DataFrame(
            [{"event_type": e.event_type, "status": e.status} for e in events], columns=["event_type", "status"]
        )
        return table.value_counts().unstack(fill_value=0) if not table.empty else table

    @staticmethod
    def events_table(events: Sequence[Event]) -> pd.DataFrame:
        """The table behind a map: one row per event, sources flattened, newest first."""
        from isk_atlas.layers import events_frame

        frame = events_frame(events)
        table = pd.DataFrame(frame.drop(columns=frame.geometry.name))
        return table.sort_values("date_start", ascending=False, na_position="last").reset_index(drop=True)

    def map(self, kind: str, selection: Selection | None = None, offline: bool = True) -> NotebookMap:
        """One of the maps (presence, attacks, cross_border, combined) of the selected events, as a notebook shows
        it: offline, it draws with no network as the exported pages do; `offline=False` keeps the CDN links and
        adds web tiles (as `isk-atlas build --online`)."""
        from isk_atlas.maps import build_maps
        from isk_atlas.maps.notebook import NotebookMap

        if kind not in MAP_NAMES:
            raise ValueError(f"unknown map {kind!r}; choose from {', '.join(MAP_NAMES)}")
        maps = build_maps(self.events(selection), self.corpus.metadata, self.corpus.texts, memo=self.state.pages)
        return NotebookMap(maps[kind], name=kind, offline=offline)

    def export(self, selection: Selection | None = None, offline: bool = True) -> list[Path]:
        """Write the maps and the event exports of the selected events to out_dir."""
        corpus = self.corpus
        selected = Corpus(self.events(selection), corpus.metadata, corpus.texts, corpus.problems)
        return write_outputs(selected, self.out_dir, offline=offline, state=self.state).outputs

    # ------------------------------------------------------------------------------------------ review

    def review_queue(self) -> pd.DataFrame:
        """Extracted events the register does not have yet, each beside its evidence sentence."""
        from isk_atlas.mentions import SplitText

        split_of: dict[str, SplitText] = {}  # each article split into sentences once
        rows = []
        for event in self.corpus.events:
            if event.status != "extracted":
                continue
            ref = event.sources[0]
            split = split_of.get(ref.source_id)
            if split is None:
                split = split_of[ref.source_id] = SplitText.of(self.corpus.texts.get(ref.source_id, ""))
            rows.append(
                {
                    "event_id": event.event_id,
                    "event_type": event.event_type,
                    "sub_type": event.sub_type,
                    "date": event.date_start,
                    "place": event.place_text,
                    "admin1": event.admin1,
                    "killed": _range(event.killed_low, event.killed_high),
                    "source": ref.source_id,
                    "evidence": split.evidence(ref.start, ref.end),
                }
            )
        columns = ["event_id", "event_type", "sub_type", "date", "place", "admin1", "killed", "source", "evidence"]
        return pd.DataFrame(rows, columns=columns)

    def review(self, sources: Sequence[str] = (), event_types: Sequence[str] = ()) -> ReviewWidget:
        """Cards of the proposed events the register lacks, newest sources first, to accept, correct or reject;
        each click writes the register at once (see `isk_atlas.review`). `sources`, `event_types`: only these."""
        from isk_atlas.review import ReviewRegister

        try:
            from isk_atlas.review.widget import ReviewWidget
        except ModuleNotFoundError as error:  # the notebook extra is not installed
            raise ModuleNotFoundError(
                f"Workbench.review() needs ipywidgets and ipyevents: pip install 'isk-atlas[notebook]' ({error})"
            ) from error

        corpus = self.corpus
        return ReviewWidget(
            corpus.events,
            corpus.metadata,
            corpus.texts,
            ReviewRegister(self.register_path),
            on_written=self.refresh,
            sources=sources,
            event_types=event_types,
            places=self.state.places,
        )

    def decide(self, decisions: Mapping[str, str | Mapping[str, Any]]) -> pd.DataFrame:
        """Apply review decisions to the register: `accept`, `reject`, or a mapping of edited fields.

        Accepted events become `confirmed`, edited ones `edited`; rejected ones are kept in the register as
        `rejected` so extraction never proposes them again. Each is written at once, atomically, under the
        register's lock (`isk_atlas.review.ReviewRegister`).
        """
        from isk_atlas.review import ReviewRegister

        if not decisions:
            return pd.DataFrame(columns=["event_id", "decision"])
        proposed = {e.event_id: e for e in self.corpus.events}
        missing = [event_id for event_id in decisions if event_id not in proposed]
        if missing:
            raise InputError(None, f"no event {missing[0]!r} in the review queue or the register")
        register = ReviewRegister(self.register_path)
        done = [register.apply(proposed[event_id], decision) for event_id, decision in decisions.items()]
        self.refresh()
        return pd.DataFrame([{"event_id": d.event_id, "decision": d.status} for d in done])


def _place_like_names(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of capitalised names the text presents as places, common words left out."""
    from isk_atlas.places.words import NOT_PLACE_WORDS

    lower_words = set(re.findall(r"(?<![\w\-])[a-z][a-z]+(?![\w\-])", text))
    found: dict[int, tuple[int, int, str]] = {}
    for pattern in _PLACE_CUES:
        for cue in pattern.finditer(text):
            name = cue.group("name")
            words = [w.lower().strip("’'") for w in name.split()]
            if any(w in NOT_PLACE_WORDS or w in _NOT_PLACE_WORDS or w in lower_words for w in words):
                continue
            start, end = cue.span("name")
            found.setdefault(start, (start, end, name))
    return sorted(found.values())


def _range(low: int | None, high: int | None) -> str:
    if low is None and high is None:
        return ""
    if low == high or high is None:
        return f"{low}+" if high is None else str(low)
    return f"{low if low is not None else '?'}-{high}"
