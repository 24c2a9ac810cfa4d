/* isk-atlas timeline: a histogram of events per month, stacked by layer, inside the map's time filter. It draws only
   the layers shown in the layer control (IskAtlas.visible), fades the months outside the filter's dates, and sets
   the filter to a month when its bar is clicked. Built from SVG nodes and textContent (nothing from the data is
   parsed as HTML). */
(function () {
  "use strict";
  var T = (window.IskAtlasTimeline = window.IskAtlasTimeline || {});
  var SVG = "http://www.w3.org/2000/svg";
  var WIDTH = 260, HEIGHT = 56;

  function node(tag, attrs) {
    var n = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { n.setAttribute(k, String(attrs[k])); });
    return n;
  }
  function lastDay(month) {
    var y = Number(month.slice(0, 4)), m = Number(month.slice(5, 7));
    return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  }

  T.attach = function (map, config) {
    var st = window.IskAtlas && IskAtlas.maps[map.getContainer().id];
    var box = st && st.time && st.time.getContainer();
    if (!box || !config.months.length) return;
    var holder = document.createElement("div");
    holder.className = "isk-timeline";
    var svg = node("svg", { width: WIDTH, height: HEIGHT, role: "img" });
    svg.style.display = "block";
    holder.appendChild(svg);
    var caption = document.createElement("div");
    caption.className = "isk-timeline-caption";
    caption.style.font = "10px sans-serif";
    caption.style.color = "#555";
    caption.style.width = WIDTH + "px";
    holder.appendChild(caption);
    box.insertBefore(holder, box.children[1] || null);
    var from = box.querySelector(".isk-from"), to = box.querySelector(".isk-to");
    var n = config.months.length, step = WIDTH / n;
    T.state = T.state || {};
    var state = (T.state[map.getContainer().id] = { shown: [], totals: [] });

    function draw() {
      var visible = IskAtlas.visible();
      var shown = config.layers.map(function (name) { return visible[name] !== false; });
      var totals = config.months.map(function (_, m) {
        var sum = 0;
        config.layers.forEach(function (_, l) { if (shown[l]) sum += config.counts[l][m]; });
        return sum;
      });
      var max = Math.max.apply(null, totals.concat([1]));
      var start = from && from.value ? from.value.slice(0, 7) : null, end = to && to.value ? to.value.slice(0, 7) : null;
      while (svg.firstChild) svg.removeChild(svg.firstChild);
      config.months.forEach(function (month, m) {
        var group = node("g", { "class": "isk-month", "data-month": month });
        var inRange = (!start || month >= start) && (!end || month <= end);
        group.setAttribute("opacity", inRange ? 1 : 0.3);
        var y = HEIGHT, parts = [];
        config.layers.forEach(function (name, l) {
          var count = config.counts[l][m];
          if (!shown[l] || !count) return;
          var h = (count / max) * (HEIGHT - 2);
          y -= h;
          group.appendChild(node("rect", { x: m * step, y: y, width: Math.max(step - 0.5, 0.5), height: h,
                                           fill: config.colors[l], "data-layer": name }));
          parts.push(name + " " + count);
        });
        // The whole column answers the mouse and the click, even where it is empty.
        var hit = node("rect", { x: m * step, y: 0, width: step, height: HEIGHT, fill: "transparent" });
        var title = node("title");
        title.textContent = month + ": " + (parts.length ? parts.join(", ") : "none");
        hit.appendChild(title);
        hit.addEventListener("click", function () {
          if (!from || !to) return;
          from.value = month + "-01";
          to.value = lastDay(month);
          to.dispatchEvent(new Event("change"));
        });
        group.appendChild(hit);
        svg.appendChild(group);
      });
      caption.textContent = "events per month, " + config.months[0] + " to " + config.months[n - 1] +
        ", stacked by the layers shown; click a month to filter";
      state.shown = config.layers.filter(function (_, l) { return shown[l]; });
      state.totals = totals;
    }
    map.on("overlayadd overlayremove", function () { draw(); });
    [from, to].forEach(function (input) { if (input) input.addEventListener("change", draw); });
    if (from) from.addEventListener("input", draw);
    if (to) to.addEventListener("input", draw);
    box.querySelector(".isk-slider") && box.querySelector(".isk-slider").addEventListener("input", draw);
    draw();
  };
})();
