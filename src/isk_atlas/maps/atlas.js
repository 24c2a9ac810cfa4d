/* isk-atlas map runtime. Events travel as compact column arrays (repeated strings through lookup tables) and are
   drawn on Leaflet's one canvas renderer: one mark per point report or launch, and one polygon per area
   (district, province, region, country) and review status carrying all the reports placed only that precisely,
   with their count and a paged list. Popups are built on demand with textContent (data never reaches innerHTML); the time filter
   recounts marks, areas and the choropleth; hooks let tests count, locate and inspect what is drawn. */
(function () {
  "use strict";
  var A = (window.IskAtlas = window.IskAtlas || {});
  A.maps = A.maps || {};
  var PAGE = 10; // reports per page of a popup that lists several

  // An outline-only area (a country-level report) answers the mouse on its edge only, not over all it encloses.
  var polygonContains = L.Polygon.prototype._containsPoint;
  L.Polygon.include({
    _containsPoint: function (p) {
      return this.options.fill ? polygonContains.call(this, p) : L.Polyline.prototype._containsPoint.call(this, p, true);
    }
  });

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null && text !== "") node.textContent = String(text);
    return node;
  }
  function safeUrl(url) {
    return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
  }
  function state(map) {
    var id = map.getContainer().id;
    if (!A.maps[id]) {
      // One canvas for every layer: stacked canvases would hide the lower layers from the mouse. Leaflet's default
      // padding: a canvas of twice the view each way (0.5) cost a quarter of the drawing time in raster.
      A.maps[id] = { map: map, layers: {}, names: [], latlngs: {},
                     data: { areas: {}, names: {}, sources: {}, evidence: [] }, source: {},
                     renderer: new Renderer({ padding: 0.1 }) };
      A.maps[id].renderer._isk = A.maps[id];
      map.on("moveend resize viewreset", function () { placeLabels(A.maps[id]); });
      // Once more when the page has added its controls, which no label may sit under.
      L.Util.requestAnimFrame(function () { placeLabels(A.maps[id]); });
      // Leaflet measures its container once and hears only of the window's resizes. A notebook may build the page
      // in a frame it lays out later (no size yet), and such a frame need not send its window a resize: the map
      // would keep a size of nothing (no canvas, no pointer, nothing drawn). Watch the container itself.
      if (window.ResizeObserver) {
        new ResizeObserver(function () { measure(A.maps[id]); }).observe(map.getContainer());
      }
      // A map framed while it had no size was framed on nothing (the whole world): frame it again.
      map.on("resize", function (e) {
        var frame = A.maps[id].frame;
        if (frame && !(e.oldSize.x && e.oldSize.y) && e.newSize.x && e.newSize.y) map.fitBounds(frame, { animate: false });
      });
    }
    return A.maps[id];
  }
  function measure(st) {
    var map = st.map, box = map.getContainer(), size = map.getSize();
    if (map._loaded && (box.clientWidth !== size.x || box.clientHeight !== size.y)) map.invalidateSize({ pan: false });
  }
  // The bounds a page framed its map on (elements.FitBounds), to frame it again once it has a size.
  A.keepFrame = function (map, bounds) { state(map).frame = bounds; };

  // ---- Point reports: drawn from the layer's arrays in batched canvas paths (one per look) on the shared canvas, after
  // (above) every Leaflet shape, and hit-tested there before the shapes, so no area covers a point from the eye
  // or the mouse. A hundred thousand points cost no Leaflet object each.

  // Where each point of an entry sits in pixels at zoom 0 (scaled by 2^zoom when drawn).
  function projectPoints(st, entry) {
    var n = entry.points.length, px = new Float64Array(n), py = new Float64Array(n), map = st.map;
    for (var k = 0; k < n; k++) {
      var i = entry.points[k], p = map.project([entry.get.y(i), entry.get.x(i)], 0);
      px[k] = p.x; py[k] = p.y;
    }
    entry.px = px; entry.py = py;
  }

  function eventEntries(st) {
    return st.names.map(function (name) { return st.layers[name]; }).filter(function (entry) {
      return entry.config.events && entry.points && st.map.hasLayer(entry.layer);
    });
  }

  function drawPoints(st, ctx, bounds) {
    var map = st.map, scale = map.getZoomScale(map.getZoom(), 0), origin = map.getPixelOrigin();
    var minX = bounds.min.x, minY = bounds.min.y, maxX = bounds.max.x, maxY = bounds.max.y;
    ctx.save();
    ctx.lineCap = "round"; ctx.lineJoin = "round";
    eventEntries(st).forEach(function (entry) {
      if (!entry.px) projectPoints(st, entry);
      var shape = entry.config.shape;
      entry.batches.forEach(function (batch) {
        var s = batch.style, pending = 0;
        function paint() {
          if (!pending) return;
          ctx.globalAlpha = s.fillOpacity; ctx.fillStyle = s.fillColor; ctx.fill();
          ctx.globalAlpha = s.opacity; ctx.stroke();
          pending = 0;
        }
        ctx.setLineDash(s.dashArray ? s.dashArray.split(" ").map(Number) : []);
        ctx.lineWidth = s.weight; ctx.strokeStyle = s.color;
        ctx.beginPath();
        // One stamp per place, look and size: reports that would be drawn on top of each other are drawn once;
        // paths of a few hundred symbols each (one path per symbol costs more, one huge path rasterises slowly).
        for (var b = 0; b < batch.stamps.length; b++) {
          var stamp = batch.stamps[b], k = stamp.ks[0];
          if (!stamp.on) continue;
          var x = entry.px[k] * scale - origin.x, y = entry.py[k] * scale - origin.y, r = entry.radius[k];
          if (x + 2 * r < minX || x - 2 * r > maxX || y + 2 * r < minY || y - 2 * r > maxY) continue;
          if (shape === "diamond") {
            var d = r * 1.35;
            ctx.moveTo(x, y - d); ctx.lineTo(x + d, y); ctx.lineTo(x, y + d); ctx.lineTo(x - d, y); ctx.closePath();
          } else if (shape === "square") {
            ctx.rect(x - r, y - r, 2 * r, 2 * r);
          } else {
            ctx.moveTo(x + r, y); ctx.arc(x, y, r, 0, Math.PI * 2, false);
          }
          if (++pending >= 300) { paint(); ctx.beginPath(); }
        }
        paint();
      });
    });
    ctx.restore();
  }

  // The topmost shown point under a layer point: {entry, k} (k indexes entry.points), or null.
  function pointAt(st, point) {
    var map = st.map, scale = map.getZoomScale(map.getZoom(), 0), origin = map.getPixelOrigin();
    var entries = eventEntries(st);
    for (var e = entries.length - 1; e >= 0; e--) {
      var entry = entries[e];
      if (!entry.px) projectPoints(st, entry);
      for (var k = entry.points.length - 1; k >= 0; k--) {
        if (!entry.pvis[k]) continue;
        var dx = entry.px[k] * scale - origin.x - point.x, dy = entry.py[k] * scale - origin.y - point.y;
        var reach = entry.radius[k] * (entry.config.shape === "diamond" ? 1.35 : 1) + entry.weight[k] / 2 + 1;
        if (dx * dx + dy * dy <= reach * reach) return { entry: entry, k: k };
      }
    }
    return null;
  }

  // One popup per map for every mark (points, arrows, areas), its content built when it opens.
  function openMark(st, entry, mark, latlng) {
    var popup = st.popup || (st.popup = L.popup({ maxWidth: 380, maxHeight: 340 }));
    popup._iskEntry = entry;
    popup.setLatLng(latlng).setContent(popupFor(entry, mark)).openOn(st.map);
  }
  function openPoint(st, entry, k) {
    var i = entry.points[k];
    openMark(st, entry, { _isk: { rows: [i], vis: [i], point: true } }, L.latLng(entry.get.y(i), entry.get.x(i)));
  }

  var Renderer = L.Canvas.extend({
    _update: function () {
      L.Canvas.prototype._update.call(this);
      this._fullRedraw = true; // the canvas was cleared: points lie outside the shapes' bounds too
      if (!this._redrawRequest) this._redrawRequest = L.Util.requestAnimFrame(this._redraw, this);
    },
    _redraw: function () {
      if (this._fullRedraw) { this._redrawBounds = null; this._fullRedraw = false; }
      L.Canvas.prototype._redraw.call(this);
    },
    _draw: function () {
      var bounds = this._redrawBounds;
      L.Canvas.prototype._draw.call(this);
      if (!this._isk || !this._bounds) return;
      this._ctx.save();
      if (bounds) {
        var size = bounds.getSize();
        this._ctx.beginPath();
        this._ctx.rect(bounds.min.x, bounds.min.y, size.x, size.y);
        this._ctx.clip();
      }
      drawPoints(this._isk, this._ctx, bounds || this._bounds);
      this._ctx.restore();
    },
    _onClick: function (e) {
      var hit = this._isk && pointAt(this._isk, this._map.mouseEventToLayerPoint(e));
      if (!hit) return L.Canvas.prototype._onClick.call(this, e);
      if (e.type === "click" && !this._map._draggableMoved(this._map)) openPoint(this._isk, hit.entry, hit.k);
    },
    _handleMouseHover: function (e, point) {
      if (this._mouseHoverThrottled) return;
      if (this._isk && pointAt(this._isk, point)) {
        this._handleMouseOut(e);
        L.DomUtil.addClass(this._container, "leaflet-interactive");
        this._overPoint = true;
        this._mouseHoverThrottled = true;
        setTimeout(L.Util.bind(function () { this._mouseHoverThrottled = false; }, this), 32);
        return;
      }
      if (this._overPoint) { this._overPoint = false; L.DomUtil.removeClass(this._container, "leaflet-interactive"); }
      L.Canvas.prototype._handleMouseHover.call(this, e, point);
      // A quiet area only names itself: no pointer over it, as nothing opens on a click.
      if (this._hoveredLayer && this._hoveredLayer.options.iskQuiet) L.DomUtil.removeClass(this._container, "leaflet-interactive");
    }
  });
  // Redraw everything (points have no bounds of their own to ask for).
  function redraw(st) {
    var r = st.renderer;
    if (!r._map) return;
    r._fullRedraw = true;
    if (!r._redrawRequest) r._redrawRequest = L.Util.requestAnimFrame(r._redraw, r);
  }

  // data: {areas: {id: rings}, names: {id: name}, sources: {title, publisher, published, url: columns},
  // evidence: [sentence]}; layers cite sources and evidence by index.
  A.data = function (map, data) {
    var st = state(map), columns = data.sources || {};
    st.data = data;
    st.source = {};
    ["title", "publisher", "published", "url"].forEach(function (f) { st.source[f] = accessor(columns[f]); });
  };
  function sourceMeta(st, k) {
    return { title: st.source.title(k), publisher: st.source.publisher(k), published: st.source.published(k),
             url: st.source.url(k) };
  }

  var LABELS = {
    presence: "Presence", attack: "Attack", cross_border_launch: "Cross-border launch",
    counter_operation: "Counter-operation"
  };
  var PRECISION_NOTE = {
    point: "point: the exact place is reported",
    district: "district: somewhere in this district; the mark is approximate",
    province: "province: somewhere in this province; drawn as the whole province, not at its capital",
    region: "region: somewhere in this region; drawn as the whole region",
    country: "country: only the country is reported"
  };
  function words(value) { return value ? String(value).replace(/_/g, " ") : ""; }
  function dateText(p) {
    if (!p.d) return "date not reported";
    var start = p.dp === "year" ? p.d.slice(0, 4) : p.dp === "month" ? p.d.slice(0, 7) : p.d;
    var text = p.de && p.de !== p.d ? start + " to " + p.de : start;
    return text + (p.dp && p.dp !== "day" ? " (" + p.dp + " precision)" : "");
  }

  // A column of the page: a plain list, or {v: distinct values, i: each row's index into v}, the index either a
  // string of one character per row (CODE_CHARS, "." for none) or a list (-1 for none). See render.page_column.
  var CODE_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var CODES = new Int8Array(128).fill(-1);
  for (var c = 0; c < CODE_CHARS.length; c++) CODES[CODE_CHARS.charCodeAt(c)] = c;
  function accessor(column) {
    if (!column) return function () { return null; };
    if (Array.isArray(column)) return function (i) { var v = column[i]; return v === undefined ? null : v; };
    var values = column.v, index = column.i;
    if (typeof index === "string") {
      return function (i) { var k = CODES[index.charCodeAt(i)]; return k >= 0 ? values[k] : null; };
    }
    return function (i) { var k = index[i]; return k === undefined || k < 0 ? null : values[k]; };
  }
  var DAY = 86400000;
  function isoDay(day) { return new Date(day * DAY).toISOString().slice(0, 10); }
  function dayOf(iso) { var t = Date.parse(iso); return iso && !isNaN(t) ? Math.floor(t / DAY) : null; }
  function refsOf(entry, i) { var r = entry.src[i]; return typeof r === "number" ? [r, -1] : r || []; }

  // One event's fields as the popup reads them, from the layer's columns (dates back to ISO: d is days since
  // 1970-01-01, dn the days to the end date).
  function props(entry, i) {
    var p = { t: entry.get.et(i) || entry.config.type }; // a dataset's layer mixes event types (its et column)
    for (var f = 0; f < entry.fields.length; f++) {
      var v = entry.get[entry.fields[f]](i);
      if (v !== null && v !== "") p[entry.fields[f]] = v;
    }
    if (p.d !== undefined) {
      if (p.dn) p.de = isoDay(p.d + p.dn);
      p.d = isoDay(p.d);
    }
    p.src = refsOf(entry, i);
    return p;
  }

  function eventNode(p, st) {
    var box = el("div", "isk-event" + (p.s === "extracted" ? " isk-unreviewed" : ""));
    var title = el("div", "isk-title", p.sm || (words(p.st || p.t) + ": " + p.p));
    box.appendChild(title);
    if (p.s === "extracted") box.appendChild(el("div", "isk-badge", "unreviewed: extracted automatically"));
    var table = el("table", "isk-facts");
    function row(label, value) {
      if (value === undefined || value === null || value === "") return;
      var tr = el("tr");
      tr.appendChild(el("th", null, label));
      tr.appendChild(el("td", null, value));
      table.appendChild(tr);
    }
    row("What", LABELS[p.t] + (p.st ? ": " + words(p.st) : ""));
    row("When", dateText(p));
    row("Where", p.p + (p.pn && p.pn !== p.p ? " (" + p.pn + ")" : ""));
    if (p.cn && p.cn !== "Afghanistan") row("Country", p.cn);
    var note = PRECISION_NOTE[p.gp] || p.gp;
    if (p.dr === "point" && (p.gp === "country" || p.gp === "province" || p.gp === "region"))
      note += "; drawn at a point for it (no outline of it on this map)";
    else if (p.dr && p.dr !== p.gp && p.dr !== "line") note += "; drawn as its " + p.dr + " (no finer location known)";
    else if (p.dr === "district") note = "district: somewhere in this district; drawn as the whole district (your district boundaries)";
    row("Precision", note);
    if (p.tp) row("Target", p.tp + (p.tc ? " (" + p.tc + ")" : ""));
    if (p.dr === "line" && p.gp === "country") row("Launch site drawn", "at the border nearest the target (only the country is reported)");
    if (p.tpr) row("Target precision", p.tpr === "country"
      ? "country: only the country is reported; the arrow ends just across its border" : PRECISION_NOTE[p.tpr] || p.tpr);
    row("Rockets", p.rk);
    row("Casualties", p.cas);
    row("Who/what hit", p.tg);
    row("Actor", p.ac);
    row("Claimed by", p.cb);
    row("Status", p.s === "extracted" ? "unreviewed" : p.s);
    row("Notes", p.n);
    // A reference dataset's event names its dataset, row id and the dataset's source; a news event, the datasets
    // that have it too (isk_atlas.datasets).
    if (p.ds) row("Dataset", p.ds + " #" + (p.rid || "?"));
    row("Dataset's source", p.dsrc);
    if (p.ai) row("Also in", p.ai);
    box.appendChild(table);
    if (!p.src.length) return box;
    var list = el("ol", "isk-sources");
    // p.src: pairs of (index into the page's sources, index into its evidence sentences or -1).
    for (var k = 0; k + 1 < p.src.length; k += 2) {
      var meta = sourceMeta(st, p.src[k]);
      var li = el("li");
      var url = safeUrl(meta.url);
      var name = el(url ? "a" : "span", "isk-source-title", meta.title || "untitled source");
      if (url) { name.href = url; name.target = "_blank"; name.rel = "noopener noreferrer"; }
      li.appendChild(name);
      var by = [meta.publisher, meta.published].filter(Boolean).join(", ");
      if (by) li.appendChild(el("span", "isk-source-by", " (" + by + ")"));
      var sentence = p.src[k + 1] >= 0 ? st.data.evidence[p.src[k + 1]] : null;
      if (sentence) li.appendChild(el("blockquote", "isk-evidence", sentence));
      list.appendChild(li);
    }
    box.appendChild(el("div", "isk-sources-head", "Sources"));
    box.appendChild(list);
    return box;
  }

  function areaName(entry, mark) {
    var st = state(entry.map), i = mark._isk.rows[0];
    return st.data.names[mark._isk.ar] || entry.get.pn(i) || entry.get.p(i) || mark._isk.ar;
  }

  // The reports a mark stands for: an area's own; for a point or an arrow, every shown report at the same place.
  function reportsAt(entry, mark) {
    var isk = mark._isk;
    if (isk.area) return isk.vis.slice();
    var i = isk.rows[0], out = [i], g = entry.get;
    if (isk.point) {
      entry.points.forEach(function (j, k) {
        if (j !== i && entry.pvis[k] && g.x(j) === g.x(i) && g.y(j) === g.y(i)) out.push(j);
      });
      return out;
    }
    entry.single.forEach(function (other) {
      var j = other._isk.rows[0];
      if (other === mark || !other._isk.vis.length || g.x(j) !== g.x(i) || g.y(j) !== g.y(i)) return;
      if (isk.line && (g.x2(j) !== g.x2(i) || g.y2(j) !== g.y2(i))) return;
      out.push(j);
    });
    return out;
  }

  function heading(entry, mark, n) {
    if (!mark._isk.area) return n + " reports at this place";
    var dr = entry.get.dr(mark._isk.rows[0]);
    return n + " reports placed only as the " + dr + " " + areaName(entry, mark) +
      (mark._isk.unreviewed ? " (unreviewed)" : "");
  }

  // A popup listing the mark's reports a page at a time (an area may carry thousands).
  function popupFor(entry, mark) {
    if (mark._iskOf) mark = mark._iskOf; // an arrowhead stands for its arrow
    if (!mark._isk) return el("div", "isk-popup", entry.name);
    var st = state(entry.map), rows = reportsAt(entry, mark), root = el("div", "isk-popup");
    if (rows.length > 1 || mark._isk.area) root.appendChild(el("div", "isk-count", heading(entry, mark, rows.length)));
    var list = el("div", "isk-list"), shown = 0, more = null;
    root.appendChild(list);
    function page() {
      var upto = Math.min(rows.length, shown + PAGE);
      for (; shown < upto; shown++) list.appendChild(eventNode(props(entry, rows[shown]), st));
      if (shown < rows.length) {
        if (!more) {
          more = el("button", "isk-more");
          more.type = "button";
          root.appendChild(more);
          L.DomEvent.on(more, "click", function (e) {
            L.DomEvent.stop(e);
            page(); // the popup already scrolls (ten reports are taller than its maximum height)
          });
        }
        more.textContent = "show " + Math.min(PAGE, rows.length - shown) + " more (" + shown + " of " + rows.length + " shown)";
      } else if (more) {
        more.parentNode.removeChild(more);
        more = null;
      }
    }
    page();
    return root;
  }

  // Styles: colour by sub-type; precision by shape of the mark; unreviewed as dashed and hollow.
  function style(entry, p) {
    var cfg = entry.config, color = cfg.colors[p.st] || cfg.colors[""] || cfg.color;
    var s = { color: color, fillColor: color, weight: 1.5, opacity: 0.95, fillOpacity: 0.8 };
    if (p.dr === "point" && p.gp === "district") { s.weight = 6; s.opacity = 0.35; s.fillOpacity = 0.6; }
    else if (p.dr === "district") { s.weight = 2; s.fillOpacity = 0.3; } // the district's area (user's boundaries)
    else if (p.dr === "province") { s.weight = 2; s.fillOpacity = 0.22; }
    else if (p.dr === "region") { s.weight = 2; s.fillOpacity = 0.12; s.dashArray = "10 6"; }
    else if (p.dr === "country") { s.weight = 2; s.fill = false; s.dashArray = "2 6"; } // outline only
    else if (p.dr === "line") {
      s.weight = 2.5; s.fill = false;
      if (p.gp === "country" || p.tpr === "country") s.dashArray = "8 6"; // an end is only a country
    }
    if (p.s === "extracted") {
      s.dashArray = "4 4"; s.fillOpacity = p.dr === "point" ? 0.1 : 0.03; s.weight = Math.max(s.weight, 2);
      s.opacity = 0.95;
    }
    return s;
  }

  function arrowHead(a, b, s) {
    var k = Math.cos(b[1] * Math.PI / 180), dx = (b[0] - a[0]) * k, dy = b[1] - a[1];
    var len = Math.sqrt(dx * dx + dy * dy) || 1, ux = dx / len, uy = dy / len, size = Math.min(0.18, len * 0.3);
    var bx = -ux * size, by = -uy * size, wx = -uy * size * 0.5, wy = ux * size * 0.5;
    var left = [b[1] + by + wy, b[0] + (bx + wx) / k], right = [b[1] + by - wy, b[0] + (bx - wx) / k];
    return L.polygon([[b[1], b[0]], left, right], {
      color: s.color, fillColor: s.color, fillOpacity: 0.9, weight: 1, interactive: false, renderer: s.renderer
    });
  }

  // An area's outline as Leaflet coordinates, decoded once per page and shared by every layer drawing it. The page
  // carries polygons of rings, each ring [lon, lat, dlon, dlat, ...] in thousandths of a degree, each pair after
  // the first relative to the one before (see render.area_rings).
  function latlngsOf(st, id) {
    if (!st.latlngs[id]) {
      var polygons = st.data.areas[id];
      if (!polygons || !polygons.length) return null;
      st.latlngs[id] = polygons.map(function (rings) {
        return rings.map(function (flat) {
          var out = new Array(flat.length / 2), lon = 0, lat = 0;
          for (var k = 0; k < flat.length; k += 2) {
            lon += flat[k]; lat += flat[k + 1];
            out[k / 2] = L.latLng(lat / 1000, lon / 1000);
          }
          return out;
        });
      });
    }
    return st.latlngs[id];
  }

  // Bottom to top on the shared canvas: basemap, neighbours, choropleth, event areas, then points and arrows, so
  // an area report never covers a point from the eye or the mouse. Moves only the areas (a few hundred), never
  // the points; runs whenever a layer is (re)added and after filtering.
  function order(st) {
    function back(layer) { if (layer._map && layer._renderer) layer.bringToBack(); }
    st.names.forEach(function (name) {
      var entry = st.layers[name];
      if (entry.config.events && st.map.hasLayer(entry.layer)) entry.areas.forEach(back);
    });
    st.names.slice().reverse().forEach(function (name) {
      var entry = st.layers[name];
      if (entry.config.events || !st.map.hasLayer(entry.layer)) return;
      var children = entry.layer.getLayers();
      for (var k = children.length - 1; k >= 0; k--) back(children[k]);
    });
  }

  A.eventLayer = function (map, payload, config) {
    var st = state(map), renderer = st.renderer, n = payload.n, get = {}, fields = Object.keys(payload.cols);
    fields.forEach(function (f) { get[f] = accessor(payload.cols[f]); });
    ["id", "et", "dr", "ar", "st", "s", "gp", "tpr", "r", "d", "dn", "dp", "rk", "a1", "pn", "p", "x", "y", "x2", "y2"].forEach(function (f) {
      if (!get[f]) get[f] = accessor(null);
    });
    if (config.idPrefix && !payload.cols.id) {
      // A reference dataset's event ids are its key and the row id (isk_atlas.datasets.maplayer): made here.
      get.id = function (i) { var r = get.rid(i); return r === null ? null : config.idPrefix + r; };
    }
    fields = fields.filter(function (f) { return ["x", "y", "x2", "y2"].indexOf(f) < 0; });
    var entry = {
      map: map, config: config, name: config.name, n: n, get: get, fields: fields, src: payload.src || [],
      single: [], areas: [], rowMark: new Array(n), layer: L.featureGroup()
    };
    var layer = entry.layer, byArea = {}, keys = [], lines = [], points = [], styleKeys = {}, stamps = {};
    entry.batches = [];
    for (var i = 0; i < n; i++) {
      var dr = get.dr(i), mark;
      if (dr === "point") {
        if (get.x(i) === null || get.y(i) === null) continue;
        var sub = get.st(i), gp = get.gp(i), status = get.s(i), sk = sub + "|" + dr + "|" + gp + "|" + status;
        if (styleKeys[sk] === undefined) {
          styleKeys[sk] = entry.batches.length;
          entry.batches.push({ style: style(entry, { st: sub, dr: dr, gp: gp, s: status }), points: [], stamps: [] });
        }
        var batch = entry.batches[styleKeys[sk]], at = sk + "|" + get.x(i) + "|" + get.y(i) + "|" + get.r(i);
        if (!stamps[at]) { stamps[at] = { ks: [], on: true }; batch.stamps.push(stamps[at]); }
        stamps[at].ks.push(points.length);
        batch.points.push(points.length);
        points.push(i);
        continue;
      } else if (dr === "line") {
        var ls = style(entry, { st: get.st(i), dr: dr, gp: get.gp(i), tpr: get.tpr(i), s: get.s(i) });
        ls.renderer = renderer;
        var a = [get.x(i), get.y(i)], b = [get.x2(i), get.y2(i)];
        mark = L.polyline([[a[1], a[0]], [b[1], b[0]]], ls);
        mark._isk = { rows: [i], vis: [i], line: true, head: arrowHead(a, b, ls) };
        mark._isk.head._iskOf = mark;
        lines.push(mark);
      } else {
        var ar = get.ar(i);
        if (ar === null || !latlngsOf(st, ar)) continue;
        var key = ar + "|" + (get.s(i) === "extracted" ? "x" : "r");
        if (!byArea[key]) { byArea[key] = []; keys.push(key); }
        byArea[key].push(i);
        continue;
      }
      entry.rowMark[i] = mark;
      entry.single.push(mark);
      layer.addLayer(mark);
      if (mark._isk.head) layer.addLayer(mark._isk.head);
    }
    entry.points = points;
    entry.pvis = new Uint8Array(points.length).fill(1);
    entry.radius = new Float32Array(points.length);
    entry.weight = new Float32Array(points.length);
    entry.batches.forEach(function (batch) {
      batch.points.forEach(function (k) {
        entry.radius[k] = get.r(points[k]) || config.radius;
        entry.weight[k] = batch.style.weight;
      });
    });
    keys.forEach(function (key) {
      var rows = byArea[key], first = rows[0], sub = get.st(first);
      for (var k = 1; k < rows.length && sub !== null; k++) if (get.st(rows[k]) !== sub) sub = null;
      var as = style(entry, { st: sub, dr: get.dr(first), s: get.s(first) });
      as.renderer = renderer;
      var area = L.polygon(st.latlngs[get.ar(first)], as);
      area._isk = { rows: rows, vis: rows, area: true, ar: get.ar(first), unreviewed: get.s(first) === "extracted" };
      rows.forEach(function (r) { entry.rowMark[r] = area; });
      area.bindTooltip(function () {
        return el("span", null, areaName(entry, area) + ": " + area._isk.vis.length + " " + config.name.toLowerCase() +
          " report(s) placed only as the " + get.dr(first) + (area._isk.unreviewed ? ", unreviewed" : ""));
      }, { sticky: true });
      entry.areas.push(area);
      layer.addLayer(area);
    });
    // Each arrow is labelled with its date and rockets where there is room (see placeLabels); a label left out shows
    // while the mouse is on its arrow.
    lines.forEach(function (line) {
      var i = line._isk.rows[0], a = line.getLatLngs()[0], b = line.getLatLngs()[1];
      var day = get.d(i);
      line._isk.label = [day === null ? "undated" : isoDay(day), get.rk(i) ? get.rk(i) + " rockets" : ""]
        .filter(Boolean).join(", ");
      line._isk.mid = L.latLng((a.lat + b.lat) / 2, (a.lng + b.lng) / 2);
      line.on("mouseover", function () { bindLineLabel(line); peekLabel(line, true); });
      line.on("mouseout", function () {
        peekLabel(line, false);
        if (!line._isk.placed) line.unbindTooltip();
      });
    });
    // Labels placed first keep their place: reviewed before unreviewed, then the most recent first.
    entry.lineLabels = lines.slice().sort(function (a, b) {
      var i = a._isk.rows[0], j = b._isk.rows[0];
      var ua = get.s(i) === "extracted" ? 1 : 0, ub = get.s(j) === "extracted" ? 1 : 0;
      if (ua !== ub) return ua - ub;
      var da = get.d(i), db = get.d(j);
      if (da !== db) return da === null ? 1 : db === null ? -1 : db - da;
      return i - j;
    });
    layer.on("click", function (e) {
      var mark = e.propagatedFrom || e.layer;
      if (!mark || !(mark._isk || mark._iskOf)) return;
      L.DomEvent.stop(e);
      openMark(st, entry, mark, e.latlng || (mark.getCenter ? mark.getCenter() : null));
    });
    layer.on("add", function () { order(st); redraw(st); placeLabels(st); });
    layer.on("remove", function () {
      if (st.popup && st.popup._iskEntry === entry) st.map.closePopup(st.popup);
      redraw(st);
      placeLabels(st);
    });
    st.layers[config.name] = entry;
    st.names.push(config.name);
    return layer;
  };

  // Names of areas drawn as text on a canvas of their own that the mouse passes through (a hundred DOM tooltips
  // cost a layout each whenever the map moves). items: {name, at: [lat, lon], rank}, drawn by rank where they
  // overlap nothing drawn before (see placeLabels).
  var Labels = L.Layer.extend({
    initialize: function (st, items) {
      this._st = st;
      this._items = items.slice().sort(function (a, b) { return (a.rank || 0) - (b.rank || 0); });
      this._drawn = [];
    },
    onAdd: function (map) {
      if (!map.getPane("iskLabels")) {
        var pane = map.createPane("iskLabels");
        pane.style.zIndex = 450; // above the shapes (overlayPane, 400), under tooltips and popups
        pane.style.pointerEvents = "none";
      }
      this._canvas = L.DomUtil.create("canvas", "isk-labels", map.getPane("iskLabels"));
      placeLabels(this._st);
    },
    onRemove: function () { L.DomUtil.remove(this._canvas); this._drawn = []; placeLabels(this._st); },
    getEvents: function () {
      // Redrawn by placeLabels when the view changes; hidden while a zoom animates (names would drift).
      return { zoomstart: function () { this._canvas.style.visibility = "hidden"; } };
    },
    // taken: boxes [left, top, right, bottom] in container pixels already holding a label; the drawn names' boxes
    // are added to it.
    _draw: function (taken) {
      var map = this._map, size = map.getSize(), ratio = window.devicePixelRatio || 1, canvas = this._canvas;
      canvas.width = size.x * ratio; canvas.height = size.y * ratio;
      canvas.style.width = size.x + "px"; canvas.style.height = size.y + "px";
      L.DomUtil.setPosition(canvas, map.containerPointToLayerPoint([0, 0]));
      canvas.style.visibility = "visible";
      var ctx = canvas.getContext("2d");
      ctx.scale(ratio, ratio);
      ctx.font = "10px system-ui, sans-serif";
      ctx.textAlign = "center"; ctx.textBaseline = "middle";
      ctx.lineWidth = 3; ctx.strokeStyle = "rgba(255, 255, 255, 0.85)"; ctx.fillStyle = "#556";
      var drawn = (this._drawn = []);
      this._items.forEach(function (item) {
        var p = map.latLngToContainerPoint(item.at);
        if (p.x < -50 || p.y < -20 || p.x > size.x + 50 || p.y > size.y + 20) return;
        if (item.width === undefined) item.width = ctx.measureText(item.name).width;
        // The 10 px text with its white halo (half the 3 px stroke).
        var half = item.width / 2 + 2, box = [p.x - half, p.y - 6, p.x + half, p.y + 6];
        if (overlapsAny(box, taken)) return;
        taken.push(box);
        drawn.push({ name: item.name, box: box });
        ctx.strokeText(item.name, p.x, p.y);
        ctx.fillText(item.name, p.x, p.y);
      });
    }
  });

  // ---- Labels never cover each other. Launch labels (DOM tooltips) are placed first, then area names (canvas), each
  // shown only where it overlaps nothing shown before it; the rest wait for a zoom that frees room, while their line
  // or area still names itself on hover and opens its popup on click. Runs on every view change, layer toggle and
  // filter: a few hundred boxes in container pixels, compared pairwise. Only arrows whose middle is in view get a
  // label, and none when more than config.maxLabels are (a pile of labels nearly all hidden only costs layout).
  var LABEL_GAP = 1; // pixels kept free between two labels

  function overlapsAny(box, taken) {
    for (var k = 0; k < taken.length; k++) {
      var t = taken[k];
      if (box[0] < t[2] + LABEL_GAP && t[0] < box[2] + LABEL_GAP && box[1] < t[3] + LABEL_GAP && t[1] < box[3] + LABEL_GAP) return true;
    }
    return false;
  }

  // A launch label is a Leaflet tooltip bound to its arrow only while the arrow's middle is in view (thousands of
  // tooltips would cost a layout each on every zoom).
  function bindLineLabel(line) {
    if (line.getTooltip()) return;
    line.bindTooltip(function () { return el("span", null, line._isk.label); },
      { permanent: true, direction: "center", className: "isk-line-label" });
  }

  function peekLabel(line, on) {
    var tooltip = line.getTooltip(), node = tooltip && tooltip.getElement();
    if (node) L.DomUtil[on ? "addClass" : "removeClass"](node, "isk-label-peek");
  }

  // Where a launch label sits in container pixels (Leaflet centres a "center" tooltip on its point), or null.
  function lineLabelBox(map, tooltip) {
    var node = tooltip.getElement();
    if (!tooltip._map || !node || !tooltip.getLatLng()) return null;
    if (!tooltip._iskSize || !tooltip._iskSize[0]) tooltip._iskSize = [node.offsetWidth, node.offsetHeight];
    var p = map.latLngToContainerPoint(tooltip.getLatLng()), w = tooltip._iskSize[0], h = tooltip._iskSize[1];
    return [p.x - w / 2, p.y - h / 2, p.x + w / 2, p.y + h / 2];
  }

  // The map's controls (legend, layers, time filter, zoom, scale, attribution) in container pixels: no label under them.
  function controlBoxes(map) {
    var container = map.getContainer(), origin = container.getBoundingClientRect(), out = [];
    var nodes = container.querySelectorAll(".leaflet-control");
    for (var k = 0; k < nodes.length; k++) {
      var r = nodes[k].getBoundingClientRect();
      if (r.width && r.height) out.push([r.left - origin.left, r.top - origin.top, r.right - origin.left, r.bottom - origin.top]);
    }
    return out;
  }

  function placeLabels(st) {
    var map = st.map;
    if (!map._loaded) return;
    var size = map.getSize(), bounds = map.getBounds(), taken = controlBoxes(map);
    st.names.forEach(function (name) {
      var entry = st.layers[name], lines = entry.lineLabels || [], placed = [], at = {};
      for (var k = 0; k < lines.length; k++) {
        // Arrows drawn on top of each other (same ends) get one label, the first in order; a click lists them all.
        var line = lines[k], mid = line._isk.mid, key = mid.lat + "," + mid.lng;
        line._isk.placed = !!line._map && !at[key] && bounds.contains(mid);
        if (line._isk.placed) { placed.push(line); at[key] = true; }
      }
      if (placed.length > entry.config.maxLabels) {
        placed.forEach(function (line) { line._isk.placed = false; });
        placed = [];
      }
      for (k = 0; k < lines.length; k++) if (!lines[k]._isk.placed && lines[k].getTooltip()) lines[k].unbindTooltip();
      placed.forEach(function (line) {
        bindLineLabel(line);
        var tooltip = line.getTooltip(), box = lineLabelBox(map, tooltip);
        if (!box) return;
        var inView = box[0] >= 0 && box[2] <= size.x && box[1] >= 0 && box[3] <= size.y; // whole, not cut
        var shown = inView && !overlapsAny(box, taken);
        if (shown) taken.push(box);
        L.DomUtil[shown ? "removeClass" : "addClass"](tooltip.getElement(), "isk-label-hidden");
      });
    });
    st.names.forEach(function (name) {
      var labels = st.layers[name].labels;
      if (labels && labels._map) labels._draw(taken);
    });
  }

  // Areas that are not events: the basemap, outlines of neighbours, the presence choropleth.
  A.areaLayer = function (map, payload, config) {
    var st = state(map), renderer = st.renderer;
    var features = payload.map(function (item) { return { properties: item }; })
      .filter(function (f) { return latlngsOf(st, f.properties.id); });
    var entry = { map: map, config: config, features: features, name: config.name };
    function areaStyle(f) {
      var p = f.properties;
      return {
        color: config.stroke, weight: config.weight, opacity: 1, fillColor: p.fill || config.fill,
        fillOpacity: p.fill ? 0.75 : config.fillOpacity, dashArray: config.dashArray || null
      };
    }
    entry.layer = L.featureGroup();
    features.forEach(function (f) {
      var options = L.extend(areaStyle(f), { renderer: renderer, interactive: !!config.tooltip, iskQuiet: !!config.quiet });
      var layer = L.polygon(st.latlngs[f.properties.id], options);
      layer.feature = f;
      if (config.tooltip) {
        layer.bindTooltip(function () {
          var text = config.tooltip === "count" ? f.properties.name + ": " + (f.properties.count || 0) + " presence reports"
            : f.properties.name;
          return el("span", null, text);
        }, { sticky: true });
      }
      entry.layer.addLayer(layer);
    });
    entry.restyle = function () { entry.layer.eachLayer(function (layer) { layer.setStyle(areaStyle(layer.feature)); }); };
    entry.layer.on("add", function () { order(st); });
    if (config.labels) {
      var labels = new Labels(st, features.filter(function (f) { return f.properties.at; }).map(function (f) {
        return { name: f.properties.name, at: f.properties.at, rank: f.properties.rank };
      }));
      entry.layer.on("add", function () { map.addLayer(labels); });
      entry.layer.on("remove", function () { map.removeLayer(labels); });
      entry.labels = labels;
    }
    st.layers[config.name] = entry;
    st.names.push(config.name);
    return entry.layer;
  };

  // Recount the choropleth from the presence reports currently shown (so it follows the time filter).
  function recount(st) {
    Object.keys(st.layers).forEach(function (name) {
      var entry = st.layers[name], cfg = entry.config, source = st.layers[cfg.countFrom];
      if (!cfg.countFrom || !source) return;
      var counts = {};
      source.points.forEach(function (i, k) {
        var a = source.pvis[k] && source.get.a1(i);
        if (a) counts[a] = (counts[a] || 0) + 1;
      });
      source.layer.eachLayer(function (mark) {
        if (!mark._isk) return;
        mark._isk.vis.forEach(function (i) {
          var a = source.get.a1(i);
          if (a) counts[a] = (counts[a] || 0) + 1;
        });
      });
      entry.layer.eachLayer(function (child) {
        var p = child.feature.properties, n = counts[p.id] || 0, fill = null;
        p.count = n;
        for (var i = 0; n > 0 && i < cfg.breaks.length; i++) if (n <= cfg.breaks[i]) { fill = cfg.colors[i]; break; }
        if (n > 0 && !fill) fill = cfg.colors[cfg.colors.length - 1];
        p.fill = fill;
      });
      entry.restyle();
    });
  }

  function show(entry, mark, on) {
    var layer = entry.layer, has = layer.hasLayer(mark);
    if (on && !has) {
      layer.addLayer(mark);
      if (mark._isk.head) layer.addLayer(mark._isk.head);
    } else if (!on && has) {
      layer.removeLayer(mark);
      if (mark._isk.head) layer.removeLayer(mark._isk.head);
    }
  }

  A.filter = function (map, fromDate, toDate, undated) {
    var st = state(map), from = dayOf(fromDate), to = dayOf(toDate);
    Object.keys(st.layers).forEach(function (name) {
      var entry = st.layers[name], get = entry.get;
      if (!entry.config.events) return;
      var keep = new Uint8Array(entry.n);
      for (var i = 0; i < entry.n; i++) {
        var d = get.d(i);
        if (d === null) { keep[i] = undated ? 1 : 0; continue; }
        var end = d + (get.dn(i) || 0);
        keep[i] = (from === null || end >= from) && (to === null || d <= to) ? 1 : 0;
      }
      entry.points.forEach(function (i, k) { entry.pvis[k] = keep[i]; });
      entry.batches.forEach(function (batch) {
        batch.stamps.forEach(function (stamp) {
          stamp.on = stamp.ks.some(function (k) { return entry.pvis[k] === 1; });
        });
      });
      entry.single.forEach(function (mark) {
        var on = keep[mark._isk.rows[0]] === 1;
        mark._isk.vis = on ? mark._isk.rows : [];
        show(entry, mark, on);
      });
      entry.areas.forEach(function (area) {
        area._isk.vis = area._isk.rows.filter(function (r) { return keep[r] === 1; });
        show(entry, area, area._isk.vis.length > 0);
      });
    });
    order(st);
    redraw(st);
    recount(st);
    placeLabels(st);
  };

  A.timeControl = function (map, config) {
    var st = state(map);
    var control = L.control({ position: "bottomright" });
    control.onAdd = function () {
      var box = el("div", "isk-time leaflet-bar");
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      box.appendChild(el("div", "isk-time-title", "Time"));
      var from = el("input"), to = el("input"), slider = el("input"), play = el("button", null, "Play");
      var undated = el("input"), show = el("label", "isk-undated");
      from.type = to.type = "date";
      from.value = from.min = to.min = config.min; to.value = from.max = to.max = config.max;
      from.className = "isk-from"; to.className = "isk-to";
      slider.type = "range"; slider.min = 0; slider.max = config.days; slider.value = config.days; slider.className = "isk-slider";
      undated.type = "checkbox"; undated.checked = true;
      show.appendChild(undated); show.appendChild(document.createTextNode(" undated reports (" + config.undated + ")"));
      var row1 = el("div"), row2 = el("div");
      row1.appendChild(el("span", null, "from ")); row1.appendChild(from); row1.appendChild(el("span", null, " to ")); row1.appendChild(to);
      row2.appendChild(slider); row2.appendChild(play);
      box.appendChild(row1); box.appendChild(row2); box.appendChild(show);
      var base = Date.parse(config.min);
      function apply() { A.filter(map, from.value, to.value, undated.checked); }
      slider.addEventListener("input", function () {
        to.value = new Date(base + Number(slider.value) * 86400000).toISOString().slice(0, 10);
        apply();
      });
      [from, to, undated].forEach(function (input) { input.addEventListener("change", apply); });
      var timer = null;
      play.addEventListener("click", function () {
        if (timer) { clearInterval(timer); timer = null; play.textContent = "Play"; return; }
        var step = Math.max(1, Math.round(config.days / 60));
        if (Number(slider.value) >= config.days) slider.value = 0;
        play.textContent = "Pause";
        timer = setInterval(function () {
          slider.value = Math.min(config.days, Number(slider.value) + step);
          slider.dispatchEvent(new Event("input"));
          if (Number(slider.value) >= config.days) { clearInterval(timer); timer = null; play.textContent = "Play"; }
        }, 150);
      });
      return box;
    };
    control.addTo(map);
    st.time = control;
  };

  A.legend = function (map, html) {
    var control = L.control({ position: "bottomleft" });
    control.onAdd = function () {
      var box = L.DomUtil.create("div", "isk-legend");
      box.innerHTML = html; // built in Python from escaped text only
      L.DomEvent.disableScrollPropagation(box);
      return box;
    };
    control.addTo(map);
  };

  A.attribution = function (map, text) {
    var control = map.attributionControl || L.control.attribution().addTo(map);
    control.addAttribution(text); // escaped in Python: Leaflet shows attributions as HTML
  };

  // ---- Test and benchmark hooks ----------------------------------------------------------------------------

  function eachEntry(fn) {
    Object.keys(A.maps).forEach(function (id) {
      var st = A.maps[id];
      st.names.forEach(function (name) { fn(st, st.layers[name], name); });
    });
  }

  // Per layer: events shown (an area counts every report it carries), or features for the plain area layers.
  A.counts = function () {
    var out = {};
    eachEntry(function (st, entry, name) {
      var n = 0;
      if (entry.config.events) entry.pvis.forEach(function (v) { n += v; });
      entry.layer.eachLayer(function (child) {
        if (entry.config.events) { if (child._isk) n += child._isk.vis.length; }
        else if (child.feature) n += 1;
      });
      out[name] = n;
    });
    return out;
  };

  // The marks of an event layer now shown by it: the ids they carry, how they are drawn and styled.
  A.marks = function (name) {
    var out = [];
    eachEntry(function (st, entry, layerName) {
      if (layerName !== name || !entry.config.events) return;
      entry.batches.forEach(function (batch) {
        batch.points.forEach(function (k) {
          if (!entry.pvis[k]) return;
          var i = entry.points[k];
          out.push({ ids: [entry.get.id(i)], drawn: entry.get.dr(i), area: false, unreviewed: entry.get.s(i) === "extracted",
                     fill: true, dashArray: batch.style.dashArray || null, color: batch.style.color, weight: batch.style.weight });
        });
      });
      entry.layer.eachLayer(function (child) {
        if (!child._isk) return;
        var first = child._isk.rows[0];
        out.push({
          ids: child._isk.vis.map(function (i) { return entry.get.id(i); }),
          drawn: entry.get.dr(first), area: !!child._isk.area, unreviewed: entry.get.s(first) === "extracted",
          fill: child.options.fill !== false, dashArray: child.options.dashArray || null, color: child.options.color,
          weight: child.options.weight
        });
      });
    });
    return out;
  };

  // An event's mark if it is drawn now: {st, entry, latlng, k (points) or mark (areas, arrows)}.
  function markOf(name, eventId) {
    var found = null;
    eachEntry(function (st, entry, layerName) {
      if (found || layerName !== name || !entry.config.events || !st.map.hasLayer(entry.layer)) return;
      for (var i = 0; i < entry.n; i++) {
        if (entry.get.id(i) !== eventId) continue;
        var k = entry.points.indexOf(i), mark = entry.rowMark[i];
        if (k >= 0 && entry.pvis[k]) {
          found = { st: st, entry: entry, k: k, latlng: L.latLng(entry.get.y(i), entry.get.x(i)) };
        } else if (mark && mark._map && mark._isk.vis.indexOf(i) >= 0) {
          found = { st: st, entry: entry, mark: mark, latlng: mark.getLatLng ? mark.getLatLng() : mark.getCenter() };
        }
        return;
      }
    });
    return found;
  }

  // Where an event's mark sits in the page (CSS pixels), so tests can click it; null when it is not drawn.
  A.locate = function (name, eventId) {
    var found = markOf(name, eventId);
    if (!found) return null;
    var p = found.st.map.latLngToContainerPoint(found.latlng), box = found.st.map.getContainer().getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y };
  };
  // Centre the map on an event's mark at a zoom (no animation); false when it is not drawn.
  A.focus = function (name, eventId, zoom) {
    var found = markOf(name, eventId);
    if (!found) return false;
    found.st.map.setView(found.latlng, zoom, { animate: false });
    return true;
  };
  // Open the popup of an event's mark as a click on it would; false when it is not drawn.
  A.open = function (name, eventId) {
    var found = markOf(name, eventId);
    if (!found) return false;
    if (found.k !== undefined) openPoint(found.st, found.entry, found.k);
    else openMark(found.st, found.entry, found.mark, found.latlng);
    return true;
  };
  // The labels shown now, boxes in page pixels ([left, top, right, bottom]): launch labels (text) and area names
  // drawn on the label canvas.
  A.labels = function () {
    var out = { lines: [], areas: [] };
    Object.keys(A.maps).forEach(function (id) {
      var st = A.maps[id], box = st.map.getContainer().getBoundingClientRect();
      function page(b) { return [b[0] + box.left, b[1] + box.top, b[2] + box.left, b[3] + box.top]; }
      st.names.forEach(function (name) {
        var entry = st.layers[name];
        (entry.lineLabels || []).forEach(function (line) {
          var tooltip = line.getTooltip(), node = tooltip && tooltip.getElement();
          if (!line._map || !node || L.DomUtil.hasClass(node, "isk-label-hidden")) return;
          out.lines.push({ layer: name, id: entry.get.id(line._isk.rows[0]), text: node.textContent,
                           box: page(lineLabelBox(st.map, tooltip)) });
        });
        if (entry.labels && entry.labels._map) {
          entry.labels._drawn.forEach(function (d) { out.areas.push({ layer: name, name: d.name, box: page(d.box) }); });
        }
      });
    });
    return out;
  };
  A.visible = function () {
    var out = {};
    eachEntry(function (st, entry, name) { out[name] = st.map.hasLayer(entry.layer); });
    return out;
  };
})();
