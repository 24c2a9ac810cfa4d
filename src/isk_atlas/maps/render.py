"""Build the four maps (presence, attacks, cross_border, combined) from events, their sources and texts.

Each event type is one `EventLayer` (compact rows, drawn on one canvas in the browser, popups built on demand);
areas are shared once per page by id. Nothing from the data is written into HTML here: it travels as escaped
JSON and the runtime inserts it with textContent. The legend is built from escaped text.

A process that builds again (`isk-atlas build --watch`, a notebook) passes the `PageMemo` of its build state: what
the last build computed for content that compares equal (layers, sources, evidence sentences, reference areas) is
reused.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import pycountry
import shapely

from isk_atlas.layers import events_frame, geo_module
from isk_atlas.maps.breaks import fisher_jenks_bins
from isk_atlas.maps.elements import (
    DEFAULT_BOUNDS,
    AreaLayer,
    AtlasData,
    AtlasMap,
    Attribution,
    EventLayer,
    FitBounds,
    JsonText,
    Legend,
    TimeControl,
    js_json,
)
from isk_atlas.maps.timeline import Timeline, monthly_counts
from isk_atlas.mentions import SplitText
from isk_atlas.schema import SUB_TYPES, Event, SourceMeta

MAP_KEYS: tuple[str, ...] = ("presence", "attacks", "cross_border", "combined")
MAP_TITLES = {
    "presence": "Reported ISIS-K presence",
    "attacks": "Attacks and counter-operations",
    "cross_border": "Cross-border launches",
    "combined": "ISIS-K: presence, attacks, launches, counter-operations",
}
# Layer names as shown in the layer control (and used by the page's count hook).
LAYER_NAMES = {
    "presence": "Presence",
    "attack": "Attacks",
    "counter_operation": "Counter-operations",
    "cross_border_launch": "Cross-border launches",
}
CHOROPLETH_NAME = "Presence: reports per province"
NEIGHBOURS_NAME = "Neighbouring regions"
BASEMAP_NAME = "Provinces"
_MAP_LAYERS = {
    "presence": ("presence",),
    "attacks": ("attack", "counter_operation"),
    "cross_border": ("cross_border_launch",),
    "combined": ("presence", "attack", "counter_operation", "cross_border_launch"),
}

SUB_TYPE_COLORS: dict[str, str] = {
    # attacks
    "suicide_bombing": "#b2182b",
    "bombing": "#e66101",
    "assassination": "#7b3294",
    "armed_assault": "#d6604d",
    "armed_clash": "#8c510a",
    "hostage_taking": "#c51b7d",
    "attack": "#4d4d4d",
    # presence
    "fighters_reported": "#1f78b4",
    "base_or_stronghold": "#08306b",
    "recruitment": "#6a51a3",
    "propaganda": "#35978f",
    "foreign_fighters": "#0570b0",
    # launches and counter-operations have one colour each
    "rocket_fire": "#d7301f",
}
TYPE_STYLE: dict[str, dict[str, Any]] = {
    "presence": {"shape": "square", "radius": 5, "color": "#1f78b4"},
    "attack": {"shape": "circle", "radius": 5, "color": "#4d4d4d"},
    "counter_operation": {"shape": "diamond", "radius": 6, "color": "#1b7837"},
    "cross_border_launch": {"shape": "circle", "radius": 4, "color": "#d7301f"},
}
CHOROPLETH_COLORS = ("#fee8c8", "#fdbb84", "#fc8d59", "#e34a33", "#b30000")

_FIELDS: dict[str, str] = {
    # short name in the page -> column of the events frame (the event type is the layer's, not a column)
    "id": "event_id",
    "st": "sub_type",
    "sm": "summary",
    "d": "date_start",  # as days since 1970-01-01
    "dn": "date_end",  # as days after the start, null when the same day
    "dp": "date_precision",
    "p": "place_text",
    "pn": "province_name",
    "a1": "admin1",
    "cn": "country_name",
    "gp": "geo_precision",
    "dr": "drawn_as",
    "ar": "area_id",
    "s": "status",
    "cas": "casualties",
    "rk": "rockets",
    "tp": "target_place_text",
    "tc": "target_country",
    "tpr": "target_precision",
    "tg": "target",
    "ac": "actor",
    "cb": "claimed_by",
    "n": "notes",
    "r": "radius",
    "ai": "also_in",  # the reference datasets that have the event too (`isk_atlas.datasets.crosscheck`)
}
_SIMPLIFY_DEGREES = 0.005
_ROUND = 4


def country_name(code: object) -> str | None:
    """The English short name of an ISO3 country code ("DEU" -> "Germany"), None for no code; the code itself when
    ISO 3166 lacks it."""
    if not isinstance(code, str) or not code:
        return None
    record = pycountry.countries.get(alpha_3=code)
    return str(getattr(record, "common_name", None) or getattr(record, "name", code)) if record else code


def killed_radius(killed: pd.Series) -> pd.Series:
    """Symbol radius in pixels by people killed (area grows with the count), capped so a massacre stays legible."""
    values = killed.astype("float64").fillna(0).clip(lower=0)
    radius: pd.Series = (4 + 2.2 * values.pow(0.5)).clip(upper=24).round().astype(int)
    return radius


_AREA_SCALE = 1000  # area outlines to 0.001 degree (about 100 m), finer than their simplification


def area_rings(geometry: Any) -> list[list[list[int]]]:
    """An area's outline as the page carries it: polygons of rings, each ring a flat list of integers in
    thousandths of a degree, `[lon, lat, dlon, dlat, ...]`, every pair after the first relative to the one before
    (simplified to about 500 m; repeated points dropped)."""
    simple = shapely.simplify(geometry, _SIMPLIFY_DEGREES, preserve_topology=True)
    polygons = []
    for polygon in shapely.get_parts(simple):
        rings = [
            shapely.get_exterior_ring(polygon),
            *shapely.get_interior_ring(polygon, range(shapely.get_num_interior_rings(polygon))),
        ]
        encoded = []
        for ring in rings:
            xy = np.round(shapely.get_coordinates(ring) * _AREA_SCALE).astype("int64")
            steps = np.diff(xy, axis=0)
            steps = steps[(steps != 0).any(axis=1)]
            if len(steps) >= 2:
                encoded.append(np.concatenate([xy[:1], steps]).ravel().tolist())
        if encoded:
            polygons.append(encoded)
    return polygons


# One character per row indexes a lookup table of up to 64 values ("." for none): JSON-safe, no escaping needed.
CODE_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
_CODE_TABLE = np.frombuffer((CODE_CHARS + ".").encode("ascii"), dtype="S1")


def _json_value(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def page_column(values: pd.Series) -> list[Any] | dict[str, Any]:
    """One column as the page carries it. Values that repeat travel once, in `v`, with `i` giving each row's
    index into `v`: a string of one character per row (see CODE_CHARS; "." for none) when there are at most 64
    of them, else a list (-1 for none). Columns of mostly distinct values are plain lists. Missing values and
    empty strings are null; whole numbers are ints."""
    if pd.api.types.is_numeric_dtype(values.dtype) and not pd.api.types.is_bool_dtype(values.dtype):
        cells = values.to_numpy(dtype="float64", na_value=np.nan).astype(object)
        cells[pd.isna(cells)] = None
    else:
        cells = values.to_numpy(dtype=object, copy=True)  # never a view: cells are changed below
        cells[pd.isna(cells)] = None  # pd.NA first: it cannot be compared with ""
        cells[cells == ""] = None
    codes, distinct = pd.factorize(cells)
    table = [_json_value(v) for v in distinct.tolist()]
    if 2 * len(distinct) > len(cells):
        return [_json_value(v) for v in cells.tolist()]
    if len(distinct) <= len(CODE_CHARS):
        return {"v": table, "i": _CODE_TABLE[codes].tobytes().decode("ascii")}
    if 2 * len(distinct) <= len(cells):
        return {"v": table, "i": codes.tolist()}
    return [_json_value(v) for v in cells.tolist()]


def _day_numbers(iso: pd.Series) -> pd.Series:
    """ISO dates as days since 1970-01-01 (what the page filters on; it writes them back as ISO dates)."""
    days = pd.to_datetime(iso, errors="coerce", format="ISO8601").to_numpy(dtype="datetime64[D]").astype("int64")
    return pd.Series(days, index=iso.index, dtype="Int64").mask(iso.isna())


# --- what one build remembers for the next ---------------------------------------------------------------
#
# A process that builds again (a notebook kernel, `isk-atlas build --watch`) mostly draws the same events: a new
# article changes one or two layers and adds a few sources and sentences. Each memo below is keyed by content
# (compared, never identified by id()), keeps only what the last build used, and gives exactly what computing
# afresh would.

_RAW_FIELDS = tuple(
    name
    for name in dict.fromkeys([*_FIELDS.values(), "killed_low", "killed_high", "country"])
    if name not in {"province_name", "country_name", "radius"}
)


@dataclass(frozen=True)
class _Layer:
    """One event type's rows as every map that shows it needs them: the page columns (as JSON text), the row
    order (for the sources each row cites), and what the legend, the time slider and the choropleth read."""

    n: int
    columns_json: JsonText
    event_ids: list[str]
    legend: str
    first_start: pd.Timestamp | None
    last_end: pd.Timestamp | None
    undated: int
    counts_by_admin1: pd.Series


@dataclass(frozen=True)
class _LayerInput:
    """What a layer is computed from: its rows' fields, their coordinates, and the province names."""

    rows: pd.DataFrame
    xy: dict[str, np.ndarray]
    province_names: Mapping[str, str]

    def same_as(self, other: _LayerInput) -> bool:
        if self.rows.shape != other.rows.shape or list(self.rows.columns) != list(other.rows.columns):
            return False
        if self.xy.keys() != other.xy.keys() or self.province_names != other.province_names:
            return False
        if not all(np.array_equal(self.xy[k], other.xy[k], equal_nan=True) for k in self.xy):
            return False
        # Column by column, the arrays alone (not the index, which shifts when rows are added before them).
        return all(self.rows[c].array.equals(other.rows[c].array) for c in self.rows.columns)


@dataclass
class PageMemo:
    """What the last build's pages were made from and what they got, kept by a live process's
    `isk_atlas.state.BuildState`: each slot's last result (the reference areas, each layer, the sources, the areas)
    with what it was computed from, reused while the new input is the same; and evidence sentences (as JSON text)
    by article text, then by span, for the texts the last build cited. A new memo starts afresh."""

    results: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    sentences: dict[str, dict[tuple[int, int], JsonText]] = field(default_factory=dict)

    def get(self, slot: str, given: Any, same: Callable[[Any, Any], bool], compute: Callable[[], Any]) -> Any:
        last = self.results.get(slot)
        if last is not None and same(given, last[0]):
            return last[1]
        result = compute()
        self.results[slot] = (given, result)
        return result


def _equal(a: Any, b: Any) -> bool:
    return bool(a == b)


class _Reference:
    """What the page takes from the reference geography (provinces and the neighbours' regions), worked out once
    for each content of it: names, outlines, the basemap's label points, neighbours and provinces."""

    def __init__(self, admin1: gpd.GeoDataFrame) -> None:
        self.admin1 = admin1
        ids = [str(i) for i in admin1["id"]]
        names = [str(n) for n in admin1["name"]]
        self.names: dict[str, str] = dict(zip(ids, names, strict=True))
        geometries = admin1.geometry.to_numpy()
        self.rings = {area_id: area_rings(geometry) for area_id, geometry in zip(ids, geometries, strict=True)}
        # Each name at a point inside its area (never outside a crescent-shaped region, as a centroid can be).
        inside = shapely.get_coordinates(shapely.point_on_surface(geometries))
        countries = admin1["country"].to_numpy()
        # Where names would overlap the page draws the higher ranked: Afghan provinces first, then larger areas
        # before smaller ones (a region before the city inside it).
        order = np.lexsort((-shapely.area(geometries), countries != "AFG"))
        rank = np.empty(len(order), dtype=int)
        rank[order] = np.arange(len(order))
        self.basemap = [
            {"id": i, "name": n, "at": [round(float(lat), 3), round(float(lon), 3)], "rank": int(r)}
            for i, n, (lon, lat), r in zip(ids, names, inside, rank, strict=True)
        ]
        kinds = admin1["kind"].to_numpy()
        self.neighbours = [{"id": i, "name": n} for i, n, c in zip(ids, names, countries, strict=True) if c != "AFG"]
        self.provinces = [(i, n) for i, n, k in zip(ids, names, kinds, strict=True) if k == "province"]


def _same_reference(a: gpd.GeoDataFrame, b: gpd.GeoDataFrame) -> bool:
    columns = ["id", "name", "country", "kind"]
    if len(a) != len(b) or not a[columns].equals(b[columns]):  # (a different index only costs a recomputation)
        return False
    mine, theirs = a.geometry.to_numpy(), b.geometry.to_numpy()
    if all(x is y for x, y in zip(mine, theirs, strict=True)):  # shapely geometries are immutable
        return True
    return bool(shapely.equals_exact(mine, theirs, tolerance=0).all())


def _reference(geo: Any, memo: PageMemo) -> _Reference:
    admin1 = geo.load_admin1().to_crs("EPSG:4326")
    reference: _Reference = memo.get("reference", admin1, _same_reference, lambda: _Reference(admin1))
    return reference


def _coordinates(geometries: np.ndarray, kinds: np.ndarray) -> dict[str, np.ndarray]:
    """x, y of points and of a launch's site; x2, y2 of its target (only when the layer has launches)."""
    n = len(geometries)
    x, y, x2, y2 = (np.full(n, np.nan) for _ in range(4))
    points = kinds == "point"
    if points.any():
        x[points] = shapely.get_x(geometries[points])
        y[points] = shapely.get_y(geometries[points])
    lines = kinds == "line"
    if lines.any():
        ends = shapely.get_coordinates(geometries[lines]).reshape(-1, 2, 2)
        x[lines], y[lines], x2[lines], y2[lines] = ends[:, 0, 0], ends[:, 0, 1], ends[:, 1, 0], ends[:, 1, 1]
    xy = {"x": x, "y": y} | ({"x2": x2, "y2": y2} if lines.any() else {})
    return {short: np.round(coordinates, _ROUND) for short, coordinates in xy.items()}


def _layer(event_type: str, given: _LayerInput) -> _Layer:
    """One layer computed from its rows (see layer_columns; the legend, dates and counts from the same rows)."""
    rows = given.rows.copy(deep=False)  # columns are added, none changed
    rows["province_name"] = rows["admin1"].map(given.province_names)
    rows["country_name"] = rows["country"].map(country_name)
    radius = TYPE_STYLE[event_type]["radius"]
    if event_type == "attack":
        rows["radius"] = killed_radius(rows["killed_high"].fillna(rows["killed_low"])).to_numpy()
    else:
        rows["radius"] = np.full(len(rows), radius)
    starts = pd.to_datetime(rows["date_start"], errors="coerce")
    ends = pd.to_datetime(rows["date_end"], errors="coerce").fillna(starts)
    dated = int(starts.notna().sum())
    return _Layer(
        n=len(rows),
        columns_json=js_json(layer_columns(rows, given.xy)),
        event_ids=[str(event_id) for event_id in rows["event_id"].tolist()],
        legend=_layer_legend(event_type, rows),
        first_start=starts.min() if dated else None,
        last_end=ends.max() if ends.notna().any() else None,
        undated=len(rows) - dated,
        counts_by_admin1=rows[rows["admin1"].notna()].groupby("admin1").size(),
    )


def layer_columns(rows: pd.DataFrame, xy: Mapping[str, np.ndarray]) -> dict[str, Any]:
    """One layer's events as columns: the fields popups and styles read, and coordinates of points and of both
    ends of launches (null for area reports, which name their area in `ar`)."""
    start = _day_numbers(rows["date_start"])
    days = (_day_numbers(rows["date_end"]) - start).where(lambda d: d != 0)
    columns: dict[str, Any] = {}
    for short, name in _FIELDS.items():
        values = start if short == "d" else days if short == "dn" else rows.get(name)
        if values is not None and values.notna().any():
            columns[short] = page_column(values)
    for short, coordinates in xy.items():
        columns[short] = page_column(pd.Series(coordinates))
    return columns


def _json_object(parts: Mapping[str, str]) -> JsonText:
    """`js_json` of an object whose values are `js_json` texts already, without encoding them again.

    The same text as `js_json({key: value, ...})`: json.dumps joins members as `"key":value` with commas, and
    js_json's replacements cannot match across a join (none of them involves `"`, `:` or `,`, and a value that
    starts with `{` follows a `:`). Keys must be plain names (nothing to escape).
    """
    return JsonText("{" + ",".join(f'"{key}":{value}' for key, value in parts.items()) + "}")


def _json_list(items: Sequence[str]) -> JsonText:
    """`js_json` of a list whose items are `js_json` texts already (see _json_object)."""
    return JsonText("[" + ",".join(items) + "]")


class _Page:
    """What the maps of one build share: reference areas, sources and evidence, and each layer's columns (built
    once, serialised once, used by every map that shows the layer; kept for the next build while unchanged)."""

    def __init__(
        self,
        events: Sequence[Event],
        metadata: Mapping[str, SourceMeta],
        texts: Mapping[str, str] | None,
        frame: gpd.GeoDataFrame | None = None,
        memo: PageMemo | None = None,
    ) -> None:
        memo = memo if memo is not None else PageMemo()
        geo = geo_module()
        kept = [event for event in events if event.status != "rejected"]
        if frame is None:
            frame = events_frame(kept)
        # A plain frame from here on: slicing a GeoDataFrame re-checks every column's type on each cut.
        plain = pd.DataFrame(frame)
        shown = (plain["status"] != "rejected").to_numpy(dtype=bool)
        located = plain["geometry"].notna().to_numpy(dtype=bool)
        self.unlocated_count = int((shown & ~located).sum())
        self.reference = _reference(geo, memo)
        self.attribution: str = str(getattr(geo, "ATTRIBUTION", ""))
        drawn = shown & located
        event_types = plain["event_type"].to_numpy()
        geometries = plain["geometry"].to_numpy()
        kinds = plain["drawn_as"].to_numpy()

        self.layers: dict[str, _Layer] = {}
        self.dates: dict[str, pd.Series] = {}  # each layer's start dates, for the timeline
        for event_type in TYPE_STYLE:
            here = drawn & (event_types == event_type)
            fields = [name for name in _RAW_FIELDS if name in plain.columns]  # also_in only beside datasets
            given = _LayerInput(
                plain.loc[here, fields], _coordinates(geometries[here], kinds[here]), self.reference.names
            )
            self.dates[event_type] = given.rows["date_start"]
            self.layers[event_type] = memo.get(
                f"layer {event_type}", given, _LayerInput.same_as, functools.partial(_layer, event_type, given)
            )

        # Areas by id, once per page: the basemap's provinces and neighbours plus every area an event uses.
        self.areas = dict(self.reference.rings)
        self.area_names = dict(self.reference.names)
        area_ids = plain["area_id"]
        extra = drawn & (area_ids.notna() & ~area_ids.isin(list(self.areas))).to_numpy(dtype=bool)
        if extra.any():
            used = plain.loc[extra, ["area_id", "place_text", "admin2", "drawn_as", "geometry"]]
            used = used.drop_duplicates("area_id")
            region_names = geo.load_regions().set_index("id")["name"]
            for area_id, place, district, kind, geometry in zip(
                used["area_id"], used["place_text"], used["admin2"], used["drawn_as"], used["geometry"], strict=True
            ):
                self.areas[str(area_id)] = area_rings(geometry)
                # a district's area (from the user's district layer) is named as the district, not as written
                name = district if kind == "district" and isinstance(district, str) else place
                self.area_names[str(area_id)] = str(region_names.get(area_id, name))
        # Whether some report is drawn as its district's area (the legend then says how).
        self.district_areas = bool((drawn & (kinds == "district")).any())

        # Sources and evidence sentences referenced by drawn events, listed once and cited by index.
        drawn_ids = set(plain["event_id"].to_numpy()[drawn].tolist())
        cited_events = [event for event in kept if event.event_id in drawn_ids]
        cited = sorted({ref.source_id for event in cited_events for ref in event.sources})
        source_rows = [_source_json(source_id, metadata.get(source_id)) for source_id in cited]
        self.sources_json: JsonText = memo.get("sources", source_rows, _equal, lambda: _sources_json(source_rows))
        self.source_count = len(cited)
        self.evidence: list[JsonText] = []  # each sentence as JSON text
        self.refs = self._cite(cited_events, cited, texts or {}, memo)
        self._memo = memo
        self._layers: dict[str, JsonText] = {}
        self._data: JsonText | None = None
        self._breaks: tuple[list[int], list[str]] | None = None

    def _cite(
        self, cited_events: Sequence[Event], cited: Sequence[str], texts: Mapping[str, str], memo: PageMemo
    ) -> dict[str, list[int]]:
        """Each event's sources as flat pairs (source index, evidence index or -1), numbering the evidence
        sentences in the order events first cite them; sentences come from the memo of the last build's, others from
        the article split once here."""
        remembered = memo.sentences
        memo.sentences = {}
        source_index = {source_id: i for i, source_id in enumerate(cited)}
        # For each cited article with a text: its sentences by span (remembered by text), and this page's numbers.
        sentences_of: dict[str, dict[tuple[int, int], JsonText]] = {}
        numbers_of: dict[str, dict[tuple[int, int], int]] = {}
        for source_id in cited:
            text = texts.get(source_id)
            if text is not None:
                if text not in memo.sentences:
                    memo.sentences[text] = remembered.get(text, {})
                sentences_of[source_id] = memo.sentences[text]
                numbers_of[source_id] = {}
        # Each article split into sentences once, when one of its spans is new to the memo.
        split_of: dict[str, SplitText] = {}
        evidence = self.evidence
        refs: dict[str, list[int]] = {}
        for event in cited_events:
            pairs: list[int] = []
            for ref in event.sources:
                source_id, start, end = ref.source_id, ref.start, ref.end
                numbers = numbers_of.get(source_id)
                if numbers is None or start is None or end is None:
                    pairs += [source_index[source_id], -1]
                    continue
                span = (start, end)
                at = numbers.get(span)
                if at is None:
                    at = numbers[span] = len(evidence)
                    sentences = sentences_of[source_id]
                    sentence = sentences.get(span)
                    if sentence is None:
                        split = split_of.get(source_id)
                        if split is None:
                            split = split_of[source_id] = SplitText.of(texts[source_id])
                        sentence = sentences[span] = js_json(split.evidence(start, end))
                    evidence.append(sentence)
                pairs += [source_index[source_id], at]
            refs[event.event_id] = pairs
        return refs

    def layer(self, event_type: str) -> _Layer:
        return self.layers[event_type]

    def layer_json(self, event_type: str) -> JsonText:
        """The layer as the page's runtime reads it: `{n, cols, src}`, `src` being each row's cited sources: the
        source's index alone when it is the only one and has no evidence sentence, else flat pairs (source index,
        evidence index or -1)."""
        if event_type not in self._layers:
            layer = self.layers[event_type]
            refs = [self.refs.get(event_id, []) for event_id in layer.event_ids]
            cited = js_json([ref[0] if len(ref) == 2 and ref[1] < 0 else ref for ref in refs])
            self._layers[event_type] = _json_object({"n": str(layer.n), "cols": layer.columns_json, "src": cited})
        return self._layers[event_type]

    def data_json(self) -> JsonText:
        if self._data is None:
            areas, names = self.areas, self.area_names
            # As lists: two dicts with the same items in another order are equal, but their JSON is not.
            given = (list(areas.items()), list(names.items()))
            places = self._memo.get("areas", given, _equal, lambda: (js_json(areas), js_json(names)))
            self._data = _json_object(
                {
                    "areas": places[0],
                    "names": places[1],
                    "sources": self.sources_json,
                    "evidence": _json_list(self.evidence),
                }
            )
        return self._data

    def presence_counts(self) -> pd.Series:
        return self.layers["presence"].counts_by_admin1

    def breaks(self) -> tuple[list[int], list[str]]:
        """The choropleth's class bounds and colours (the same for every map that shows presence)."""
        if self._breaks is None:
            breaks = _classes(self.presence_counts())
            self._breaks = (breaks, _class_colors(len(breaks)))
        return self._breaks

    def span(self, event_types: Iterable[str]) -> tuple[str, str, int, int] | None:
        """First and last day of the given layers' events, the days between, and how many have no date."""
        layers = [self.layers[event_type] for event_type in event_types]
        starts = [layer.first_start for layer in layers if layer.first_start is not None]
        ends = [layer.last_end for layer in layers if layer.last_end is not None]
        if not starts:
            return None
        first: dt.date = min(starts).date()
        last: dt.date = max(ends).date()
        return first.isoformat(), last.isoformat(), (last - first).days, sum(layer.undated for layer in layers)


def _sources_json(rows: list[dict[str, Any]]) -> JsonText:
    sources = pd.DataFrame(rows, columns=_SOURCE_FIELDS)
    return js_json({field: page_column(sources[field]) for field in _SOURCE_FIELDS})


_SOURCE_FIELDS = ("title", "publisher", "published", "url")


def _source_json(source_id: str, meta: SourceMeta | None) -> dict[str, Any]:
    if meta is None:
        return {"title": source_id}
    url = meta.url if meta.url.lower().startswith(("http://", "https://")) else ""
    published = meta.published.isoformat() if meta.published else ""
    if published and meta.published_precision == "month":
        published = published[:7]
    elif published and meta.published_precision == "year":
        published = published[:4]
    return {"title": meta.title or source_id, "publisher": meta.publisher, "published": published, "url": url}


def _classes(counts: pd.Series) -> list[int]:
    """Upper bounds of the choropleth classes (Fisher-Jenks natural breaks; fewer classes for few values)."""
    values = counts[counts > 0].to_numpy(dtype=float)
    unique = np.unique(values)
    if len(unique) == 0:
        return []
    if len(unique) <= 2:
        return [int(v) for v in unique]
    k = min(len(CHOROPLETH_COLORS), len(unique))
    return sorted({math.ceil(b) for b in fisher_jenks_bins(values.tolist(), k)})


def _class_colors(n: int) -> list[str]:
    if n <= 0:
        return []
    picks = np.linspace(0, len(CHOROPLETH_COLORS) - 1, n).round().astype(int)
    return [CHOROPLETH_COLORS[i] for i in picks]


# --- legend (HTML from escaped text only) ---------------------------------------------------------------


def _svg_mark(shape: str, color: str, radius: int = 6, dashed: bool = False, halo: bool = False) -> str:
    size = 2 * radius + 8
    c = size / 2
    stroke = f'stroke="{color}" stroke-width="{6 if halo else 1.5}" stroke-opacity="{0.35 if halo else 1}"'
    fill = f'fill="{color}" fill-opacity="{0.1 if dashed else 0.8}"'
    dash = ' stroke-dasharray="3 3"' if dashed else ""
    if shape == "square":
        side = 2 * radius
        body = f'<rect x="{c - radius}" y="{c - radius}" width="{side}" height="{side}" {fill} {stroke}{dash}/>'
    elif shape == "diamond":
        d = radius * 1.35
        body = f'<polygon points="{c},{c - d} {c + d},{c} {c},{c + d} {c - d},{c}" {fill} {stroke}{dash}/>'
    elif shape == "area":
        body = f'<rect x="2" y="4" width="{size - 4}" height="{size - 8}" {fill} {stroke}{dash}/>'
    elif shape == "arrow":
        return (
            f'<svg width="28" height="12"><line x1="1" y1="6" x2="20" y2="6" stroke="{color}" stroke-width="2.5"/>'
            f'<polygon points="27,6 19,2 19,10" fill="{color}"/></svg>'
        )
    else:
        body = f'<circle cx="{c}" cy="{c}" r="{radius}" {fill} {stroke}{dash}/>'
    return f'<svg width="{size}" height="{size}">{body}</svg>'


def _area_svg(fill: str, fill_opacity: float, stroke: str, dash: str = "") -> str:
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<svg width="22" height="14"><rect x="1" y="1" width="20" height="12" fill="{fill}" '
        f'fill-opacity="{fill_opacity}" stroke="{stroke}" stroke-width="1.5"{dash_attr}/></svg>'
    )


def _row(mark: str, label: str) -> str:
    return f'<div class="row">{mark}<span>{html.escape(label)}</span></div>'


def _layer_legend(event_type: str, rows: pd.DataFrame) -> str:
    """The legend's part for one layer: its name and count, its marks, and for attacks the sizes by killed."""
    style = TYPE_STYLE[event_type]
    parts = [f"<h4>{html.escape(LAYER_NAMES[event_type])} ({len(rows)})</h4>"]
    if event_type == "cross_border_launch":
        label = "launch site to target, labelled date, rockets; dashed where an end is only a country"
        parts.append(_row(_svg_mark("arrow", style["color"]), label))
        return "".join(parts)
    if event_type == "counter_operation":
        parts.append(_row(_svg_mark("diamond", style["color"]), "raid, operation, arrest, surrender, airstrike"))
        return "".join(parts)
    given = set(rows["sub_type"].dropna().unique().tolist())
    present = [s for s in SUB_TYPES[event_type] if s in given]
    for sub_type in present:
        parts.append(_row(_svg_mark(style["shape"], SUB_TYPE_COLORS[sub_type]), sub_type.replace("_", " ")))
    if rows["sub_type"].isna().any():
        parts.append(_row(_svg_mark(style["shape"], style["color"]), "type not given"))
    if event_type == "attack":
        killed = rows["killed_high"].fillna(rows["killed_low"]).dropna()
        sizes = "".join(
            _svg_mark("circle", "#888", int(killed_radius(pd.Series([n])).iloc[0])) + f"<span>{n}</span>"
            for n in (1, 10, 50)
        )
        parts.append(f'<div class="row">{sizes}<span>killed</span></div>')
        if len(killed):
            parts.append(
                "<div>"
                + html.escape(f"killed per attack in these reports: {int(killed.min())} to {int(killed.max())}")
                + "</div>"
            )
    return "".join(parts)


def legend_html(page: _Page, key: str, breaks: list[int], colors: list[str], with_neighbours: bool) -> str:
    parts = [f"<h4>{html.escape(MAP_TITLES[key])}</h4>"]
    parts += [page.layer(event_type).legend for event_type in _MAP_LAYERS[key]]
    if "presence" in _MAP_LAYERS[key] and breaks:
        parts.append(f"<h4>{html.escape(CHOROPLETH_NAME)}</h4>")
        low = 1
        for upper, color in zip(breaks, colors, strict=True):
            label = f"{low}" if low == upper else f"{low} to {upper}"
            noun = "report" if upper == 1 else "reports"
            parts.append(_row(_area_svg(color, 0.75, "#777"), f"{label} {noun}"))
            low = upper + 1
    parts.append("<h4>How precisely placed</h4>")
    parts.append(_row(_svg_mark("circle", "#555", 5), "point: the place itself"))
    parts.append(_row(_svg_mark("circle", "#555", 5, halo=True), "district: approximate (halo)"))
    if page.district_areas:
        parts.append(_row(_area_svg("#555", 0.3, "#555"), "district: whole district shaded (your district layer)"))
    parts.append(_row(_area_svg("#555", 0.22, "#555"), "province: whole province shaded"))
    parts.append(_row(_area_svg("#555", 0.12, "#555", "10 6"), "region: whole region, long dashes"))
    parts.append(_row(_area_svg("#555", 0.04, "#555", "2 6"), "country: outline only"))
    parts.append(_row(_svg_mark("circle", "#a33", 5, dashed=True), "unreviewed (extracted): dashed, hollow"))
    if with_neighbours:
        parts.append(_row(_area_svg("#fff", 0, "#333", "4 3"), "neighbouring countries' regions"))
    if page.unlocated_count:
        parts.append(
            f"<div>{html.escape(f'{page.unlocated_count} report(s) could not be placed and are not drawn')}</div>"
        )
    credit = f"Sources: {page.source_count} article(s). {page.attribution}".strip()
    parts.append(f'<div class="credit">{html.escape(credit)}</div>')
    return "".join(parts)


# --- maps ---------------------------------------------------------------------------------------------------


class MapLayer(Protocol):
    """A layer drawn beside the event types' on some maps (a reference dataset's, `isk_atlas.datasets.maplayer`):
    its element, legend part (escaped HTML), credit, colour, start dates (for the time filter and the timeline) and
    the area outlines it needs beyond the reference provinces (`area_rings`, by id)."""

    @property
    def name(self) -> str: ...
    @property
    def maps(self) -> tuple[str, ...]: ...
    @property
    def color(self) -> str: ...
    @property
    def legend_html(self) -> str: ...
    @property
    def attribution(self) -> str: ...
    @property
    def dates(self) -> pd.Series: ...
    @property
    def areas(self) -> Mapping[str, list[list[list[int]]]]: ...

    def element(self) -> folium.map.Layer: ...


def _span_with(span: tuple[str, str, int, int] | None, extras: Sequence[MapLayer]) -> tuple[str, str, int, int] | None:
    """The time filter's span over the event layers and the extra layers too."""
    starts = [span[0]] if span else []
    ends = [span[1]] if span else []
    undated = span[3] if span else 0
    for extra in extras:
        dates = pd.to_datetime(extra.dates, errors="coerce", format="ISO8601")
        undated += int(dates.isna().sum())
        if dates.notna().any():
            starts.append(dates.min().date().isoformat())
            ends.append(dates.max().date().isoformat())
    if not starts:
        return None
    first, last = min(starts), max(ends)
    return first, last, (dt.date.fromisoformat(last) - dt.date.fromisoformat(first)).days, undated


def _add_basemap(fmap: folium.Map, page: _Page) -> None:
    fmap.add_child(
        AreaLayer(
            BASEMAP_NAME,
            page.reference.basemap,
            # Names are drawn where they overlap no other label; each area also names itself on hover (quietly:
            # the basemap opens nothing), so a name left out at this zoom is still there.
            {
                "stroke": "#9a9a9a",
                "weight": 0.8,
                "fill": "#f4f1ea",
                "fillOpacity": 1,
                "labels": True,
                "tooltip": "name",
                "quiet": True,
            },
            overlay=True,
            control=False,
        )
    )


def _build_one(key: str, page: _Page, extras: Sequence[MapLayer] = ()) -> folium.Map:
    fmap = AtlasMap()
    fmap.add_child(FitBounds(DEFAULT_BOUNDS))
    fmap.add_child(AtlasData(page.data_json()))
    _add_basemap(fmap, page)
    types = _MAP_LAYERS[key]
    breaks: list[int] = []
    colors: list[str] = []
    with_neighbours = key in ("cross_border", "combined")
    if with_neighbours:
        fmap.add_child(
            AreaLayer(
                NEIGHBOURS_NAME,
                page.reference.neighbours,
                {
                    "stroke": "#333",
                    "weight": 1.6,
                    "fill": "#ffffff",
                    "fillOpacity": 0,
                    "dashArray": "4 3",
                    "tooltip": "name",
                },
            )
        )
    if "presence" in types:
        counts = page.presence_counts()
        breaks, colors = page.breaks()
        items: list[dict[str, str | int | None]] = []
        for area_id, name in page.reference.provinces:
            n = int(counts.get(area_id, 0))
            fill = next((c for b, c in zip(breaks, colors, strict=True) if n and n <= b), None)
            items.append({"id": area_id, "name": name, "count": n, "fill": fill})
        fmap.add_child(
            AreaLayer(
                CHOROPLETH_NAME,
                items,
                {
                    "stroke": "#9a9a9a",
                    "weight": 0.8,
                    "fill": "#f4f1ea",
                    "fillOpacity": 0,
                    "tooltip": "count",
                    "countFrom": LAYER_NAMES["presence"],
                    "breaks": breaks,
                    "colors": colors,
                },
            )
        )
    for event_type in types:
        style = TYPE_STYLE[event_type]
        colors_by_sub = {s: SUB_TYPE_COLORS[s] for s in SUB_TYPES[event_type] if s in SUB_TYPE_COLORS}
        if event_type == "counter_operation":
            colors_by_sub = {}
        colors_by_sub[""] = style["color"]
        config = {**style, "type": event_type, "colors": colors_by_sub}
        fmap.add_child(
            EventLayer(LAYER_NAMES[event_type], page.layer_json(event_type), config, page.layer(event_type).n)
        )
    extras = [extra for extra in extras if key in extra.maps]
    for extra in extras:
        fmap.add_child(extra.element())
    span = _span_with(page.span(types), extras)
    if span is not None:
        fmap.add_child(TimeControl(*span))
        if key == "combined":
            dates = {LAYER_NAMES[t]: page.dates[t] for t in types} | {extra.name: extra.dates for extra in extras}
            colours = {LAYER_NAMES[t]: TYPE_STYLE[t]["color"] for t in types} | {e.name: e.color for e in extras}
            fmap.add_child(Timeline(monthly_counts(dates), colours))
    legend = legend_html(page, key, breaks, colors, with_neighbours)
    if extras:  # after the event layers' parts, before the notes on precision
        at = legend.index("<h4>How precisely placed</h4>")
        legend = legend[:at] + "".join(extra.legend_html for extra in extras) + legend[at:]
    fmap.add_child(Legend(legend))
    credits = " ".join(text for text in [page.attribution, *(extra.attribution for extra in extras)] if text)
    if credits:
        fmap.add_child(Attribution(html.escape(credits)))
    folium.LayerControl(collapsed=False).add_to(fmap)
    return fmap


def build_maps(
    events: Iterable[Event],
    metadata: Mapping[str, SourceMeta],
    texts: Mapping[str, str] | None = None,
    frame: gpd.GeoDataFrame | None = None,
    memo: PageMemo | None = None,
    extras: Sequence[MapLayer] = (),
) -> dict[str, folium.Map]:
    """The four maps, keyed `presence, attacks, cross_border, combined`; rejected events are never drawn.

    `metadata` names each source (title, publisher, date, link); `texts` (source id -> article text), when
    given, puts the evidence sentence of each cited span in the popups. `frame` is `events_frame(events)` when
    the caller has it already (the build does, for its exports): it is not computed twice. With a `memo` (a live
    process's), what an earlier build under it computed from equal inputs is reused; the pages are the same.
    `extras` are layers drawn beside the event types' (the reference datasets'), each on the maps it names.
    """
    events = list(events)
    if frame is not None and len(frame) != len(events):
        raise ValueError(f"frame has {len(frame)} rows for {len(events)} events: pass events_frame(events)")
    page = _Page(events, metadata, texts, frame, memo)
    for extra in extras:  # outlines the extra layers draw on (a country), shared by the page like the rest
        page.areas.update(extra.areas)
    return {key: _build_one(key, page, extras) for key in MAP_KEYS}
