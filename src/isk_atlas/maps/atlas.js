/* isk-atlas map runtime: event layers drawn from compact rows on Leaflet's canvas renderer, popups built on
   demand with textContent (data never reaches innerHTML), a time filter, and hooks tests can count with. */
(function () {
  "use strict";
  var A = (window.IskAtlas = window.IskAtlas || {});
  A.maps = A.maps || {};

  // Point symbols of their own on the canvas: circle (attacks), square (presence), diamond (counter-operations).
  L.Canvas.include({
    _updateIskShape: function (layer) {
      if (!this._drawing || layer._empty()) return;
      var p = layer._point, ctx = this._ctx, r = Math.max(Math.round(layer._radius), 1), shape = layer.options.shape;
      ctx.beginPath();
      if (shape === "diamond") {
        var d = r * 1.35;
        ctx.moveTo(p.x, p.y - d); ctx.lineTo(p.x + d, p.y); ctx.lineTo(p.x, p.y + d); ctx.lineTo(p.x - d, p.y);
        ctx.closePath();
      } else if (shape === "square") {
        ctx.rect(p.x - r, p.y - r, 2 * r, 2 * r);
      } else {
        ctx.arc(p.x, p.y, r, 0, Math.PI * 2, false);
      }
      this._fillStroke(ctx, layer);
    }
  });
  L.SVG.include({ _updateIskShape: function (layer) { this._updateCircle(layer); } });
  var Shape = L.CircleMarker.extend({ _updatePath: function () { this._renderer._updateIskShape(this); } });

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
      // One canvas for every layer: stacked canvases would hide the lower layers from the mouse.
      A.maps[id] = { map: map, layers: {}, data: { areas: {}, sources: {}, evidence: {} },
                     renderer: L.canvas({ padding: 0.5 }) };
    }
    return A.maps[id];
  }

  A.data = function (map, data) {
    state(map).data = data;
  };

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

  function eventNode(p, data) {
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
    var note = PRECISION_NOTE[p.gp] || p.gp;
    if (p.dr && p.dr !== p.gp && p.dr !== "line") note += "; drawn as its " + p.dr + " (no finer location known)";
    row("Precision", note);
    if (p.tp) row("Target", p.tp + (p.tc ? " (" + p.tc + ")" : ""));
    row("Rockets", p.rk);
    row("Casualties", p.cas);
    row("Who/what hit", p.tg);
    row("Actor", p.ac);
    row("Claimed by", p.cb);
    row("Status", p.s === "extracted" ? "unreviewed" : p.s);
    row("Notes", p.n);
    box.appendChild(table);
    var list = el("ol", "isk-sources");
    (p.src || []).forEach(function (ref) {
      var meta = data.sources[ref[0]] || {};
      var li = el("li");
      var url = safeUrl(meta.url);
      var name = el(url ? "a" : "span", "isk-source-title", meta.title || ref[0]);
      if (url) { name.href = url; name.target = "_blank"; name.rel = "noopener noreferrer"; }
      li.appendChild(name);
      var by = [meta.publisher, meta.published].filter(Boolean).join(", ");
      if (by) li.appendChild(el("span", "isk-source-by", " (" + by + ")"));
      var sentence = ref[1] !== null && ref[1] !== undefined ? data.evidence[ref[1]] : null;
      if (sentence) li.appendChild(el("blockquote", "isk-evidence", sentence));
      list.appendChild(li);
    });
    var head = el("div", "isk-sources-head", "Sources");
    box.appendChild(head);
    box.appendChild(list);
    return box;
  }

  function peerKey(feature) {
    var p = feature.properties;
    if (p.ar) return "a:" + p.ar;
    var c = feature.geometry.coordinates;
    return "c:" + JSON.stringify(c);
  }

  function popupFor(entry, feature) {
    var data = state(entry.map).data, key = peerKey(feature), peers = [];
    entry.layer.eachLayer(function (child) {
      if (child.feature && child.feature !== feature && peerKey(child.feature) === key) peers.push(child.feature);
    });
    var root = el("div", "isk-popup");
    var all = [feature].concat(peers), shown = all.slice(0, 8);
    if (all.length > 1) root.appendChild(el("div", "isk-count", all.length + " reports at this place"));
    shown.forEach(function (f) { root.appendChild(eventNode(f.properties, data)); });
    if (all.length > shown.length) root.appendChild(el("div", "isk-more", "and " + (all.length - shown.length) + " more"));
    return root;
  }

  // Styles: colour by sub-type; precision by shape of the mark; unreviewed as dashed and hollow.
  function style(entry, p) {
    var cfg = entry.config, color = cfg.colors[p.st] || cfg.colors[""] || cfg.color;
    var s = { color: color, fillColor: color, weight: 1.5, opacity: 0.95, fillOpacity: 0.8 };
    if (p.dr === "district") { s.weight = 6; s.opacity = 0.35; s.fillOpacity = 0.6; }
    else if (p.dr === "province") { s.weight = 2; s.fillOpacity = 0.22; }
    else if (p.dr === "region") { s.weight = 2; s.fillOpacity = 0.12; s.dashArray = "10 6"; }
    else if (p.dr === "country") { s.weight = 2; s.fillOpacity = 0.04; s.dashArray = "2 6"; }
    else if (p.dr === "line") { s.weight = 2.5; s.fill = false; }
    if (p.s === "extracted") {
      s.dashArray = "4 4"; s.fillOpacity = p.dr === "point" || p.dr === "district" ? 0.1 : 0.03; s.weight = Math.max(s.weight, 2);
      s.opacity = 0.95;
    }
    return s;
  }

  function arrowHead(line, s) {
    var a = line[0], b = line[line.length - 1];
    var k = Math.cos(b[1] * Math.PI / 180), dx = (b[0] - a[0]) * k, dy = b[1] - a[1];
    var len = Math.sqrt(dx * dx + dy * dy) || 1, ux = dx / len, uy = dy / len, size = Math.min(0.18, len * 0.3);
    var bx = -ux * size, by = -uy * size, wx = -uy * size * 0.5, wy = ux * size * 0.5;
    var left = [b[1] + by + wy, b[0] + (bx + wx) / k], right = [b[1] + by - wy, b[0] + (bx - wx) / k];
    return L.polygon([[b[1], b[0]], left, right], {
      color: s.color, fillColor: s.color, fillOpacity: 0.9, weight: 1, interactive: false
    });
  }

  function rowsToFeatures(payload, areas) {
    var fields = payload.fields, out = [];
    for (var i = 0; i < payload.rows.length; i++) {
      var row = payload.rows[i], props = {}, g = payload.geoms[i], geometry;
      for (var j = 0; j < fields.length; j++) if (row[j] !== null) props[fields[j]] = row[j];
      if (typeof g === "string") geometry = areas[g];
      else if (typeof g[0] === "number") geometry = { type: "Point", coordinates: g };
      else geometry = { type: "LineString", coordinates: g };
      if (geometry) out.push({ type: "Feature", geometry: geometry, properties: props });
    }
    return out;
  }

  A.eventLayer = function (map, payload, config) {
    var st = state(map), features = rowsToFeatures(payload, st.data.areas);
    var entry = { map: map, config: config, features: features, name: config.name };
    var renderer = st.renderer;
    var labels = features.length <= config.maxLabels;
    entry.layer = L.geoJSON(null, {
      renderer: renderer,
      style: function (f) { return style(entry, f.properties); },
      pointToLayer: function (f, latlng) {
        var s = style(entry, f.properties);
        s.radius = f.properties.r || config.radius;
        s.shape = config.shape;
        s.renderer = renderer;
        return new Shape(latlng, s);
      },
      onEachFeature: function (f, layer) {
        layer.bindPopup(function () { return popupFor(entry, f); }, { maxWidth: 380, maxHeight: 340 });
        if (f.geometry.type === "LineString") {
          var s = style(entry, f.properties), head = arrowHead(f.geometry.coordinates, s);
          head.options.renderer = renderer;
          entry.layer.addLayer(head);
          var label = [f.properties.d || "undated", f.properties.rk ? f.properties.rk + " rockets" : ""]
            .filter(Boolean).join(", ");
          layer.bindTooltip(el("span", null, label), { permanent: labels, direction: "center", className: "isk-line-label" });
        }
      }
    });
    entry.layer.addData(features);
    st.layers[config.name] = entry;
    return entry.layer;
  };

  // Areas that are not events: the basemap, outlines of neighbours, the presence choropleth.
  A.areaLayer = function (map, payload, config) {
    var st = state(map), renderer = st.renderer;
    var features = payload.map(function (item) {
      return { type: "Feature", geometry: st.data.areas[item.id], properties: item };
    }).filter(function (f) { return f.geometry; });
    var entry = { map: map, config: config, features: features, name: config.name };
    function areaStyle(f) {
      var p = f.properties;
      return {
        color: config.stroke, weight: config.weight, opacity: 1, fillColor: p.fill || config.fill,
        fillOpacity: p.fill ? 0.75 : config.fillOpacity, dashArray: config.dashArray || null
      };
    }
    entry.layer = L.geoJSON(features, {
      renderer: renderer,
      interactive: !!config.tooltip,
      style: areaStyle,
      onEachFeature: function (f, layer) {
        var text = config.tooltip === "count" ? f.properties.name + ": " + (f.properties.count || 0) + " presence reports"
          : f.properties.name;
        if (config.labels) {
          layer.bindTooltip(el("span", null, f.properties.name), { permanent: true, direction: "center", className: "isk-area-label" });
        } else if (config.tooltip) {
          layer.bindTooltip(el("span", null, text), { sticky: true });
        }
      }
    });
    entry.restyle = function () { entry.layer.setStyle(areaStyle); };
    st.layers[config.name] = entry;
    return entry.layer;
  };

  // Recount the choropleth from the presence features currently shown (so it follows the time filter).
  function recount(st) {
    Object.keys(st.layers).forEach(function (name) {
      var entry = st.layers[name], cfg = entry.config;
      if (!cfg.countFrom || !st.layers[cfg.countFrom]) return;
      var counts = {};
      st.layers[cfg.countFrom].layer.eachLayer(function (child) {
        var a = child.feature && child.feature.properties.a1;
        if (a) counts[a] = (counts[a] || 0) + 1;
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

  A.filter = function (map, from, to, undated) {
    var st = state(map);
    Object.keys(st.layers).forEach(function (name) {
      var entry = st.layers[name];
      if (!entry.config.events) return;
      var keep = entry.features.filter(function (f) {
        var p = f.properties;
        if (!p.d) return undated;
        var end = p.de || p.d;
        return (!from || end >= from) && (!to || p.d <= to);
      });
      entry.layer.clearLayers();
      entry.layer.addData(keep);
    });
    recount(st);
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

  // Test and benchmark hooks: features drawn per layer, and whether the layer is on the map.
  A.counts = function () {
    var out = {};
    Object.keys(A.maps).forEach(function (id) {
      var st = A.maps[id];
      Object.keys(st.layers).forEach(function (name) {
        var n = 0;
        st.layers[name].layer.eachLayer(function (child) { if (child.feature) n += 1; });
        out[name] = n;
      });
    });
    return out;
  };
  A.visible = function () {
    var out = {};
    Object.keys(A.maps).forEach(function (id) {
      var st = A.maps[id];
      Object.keys(st.layers).forEach(function (name) { out[name] = st.map.hasLayer(st.layers[name].layer); });
    });
    return out;
  };
})();
