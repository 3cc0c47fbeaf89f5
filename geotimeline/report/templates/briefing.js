/* geotimeline briefing page: the events drawn for a slide or for print.

   body[data-mode] is "map" (map.png), "timeline" (timeline.png) or "pdf" (briefing.pdf: both and
   the main events table on one page). Everything is laid out once, at load, in a sheet of fixed
   size; headless Chromium then takes the picture or prints it. Labels are placed greedily, most
   important first, where they collide with nothing; what gets no label is counted. Text is set
   with textContent only. */
(function () {
  "use strict";
  var C = window.gtCommon, el = C.el, SVGNS = "http://www.w3.org/2000/svg";

  function svg(tag, attrs, parent) {
    var n = document.createElementNS(SVGNS, tag);
    Object.keys(attrs).forEach(function (k) { n.setAttribute(k, attrs[k]); });
    if (parent) { parent.appendChild(n); }
    return n;
  }
  function hits(a, b, gap) {
    gap = gap || 0;
    return a.x0 < b.x1 + gap && b.x0 < a.x1 + gap && a.y0 < b.y1 + gap && b.y0 < a.y1 + gap;
  }
  function boxIn(node, origin) {
    var r = node.getBoundingClientRect(), o = origin.getBoundingClientRect();
    return {x0: r.left - o.left, y0: r.top - o.top, x1: r.right - o.left, y1: r.bottom - o.top};
  }
  // by confidence, then by date: the order in which events get labels and table rows
  function byRank(a, b) { return (b.conf - a.conf) || ((a.s === null) - (b.s === null)) || (a.s - b.s) || (a.i - b.i); }
  function byDate(a, b) {
    if ((a.s === null) !== (b.s === null)) { return a.s === null ? 1 : -1; }
    return (a.s - b.s) || ((a.e - a.s) - (b.e - b.s)) || (a.i - b.i);
  }

  var bf = {
    stats: {},
    EMPTY: "No events in these articles: their places and dates only share sentences. " +
           "Open index.html and tick \u201cShow mentions too\u201d to see them.",

    init: function () {
      var data = bf.data = C.readJSON("gt-data"), mode = bf.mode = document.body.getAttribute("data-mode");
      var sheet = document.querySelector(".bf-sheet");
      if (mode !== "pdf") {
        // type scales with the picture: 16px on a 1600×900 slide
        var fs = Math.round(Math.min(sheet.clientWidth / 100, sheet.clientHeight / 56));
        sheet.style.fontSize = Math.max(11, Math.min(26, fs)) + "px";
      }
      document.getElementById("bf-title").textContent = data.title;
      document.getElementById("bf-subtitle").textContent = data.subtitle + (mode === "pdf" ? " · made " + data.generated : "");
      bf.nameClashes(data);
      data.events.forEach(function (e, i) {
        e.i = i;
        e.place = data.places[e.p];
        e.article = data.articles[e.a];
        e.s = C.dayNum(e.start);
        e.e = e.end ? C.dayNum(e.end) : e.s;
        e.when = C.humanDate(e);
      });
      // the footer first: what is drawn above it is laid out in the room it leaves
      var foot = document.getElementById("bf-foot"), note = foot && bf.footer(foot);
      if (mode === "pdf") { bf.table(document.querySelector(".bf-events")); }
      var map = document.getElementById("bf-map"), line = document.getElementById("bf-timeline");
      if (map) { bf.map(map); }
      if (line) { bf.timeline(line); }
      if (note && bf.unlabelled) {
        note.textContent = bf.unlabelled + " event" + (bf.unlabelled === 1 ? "" : "s") + " without a label on the timeline; every event is in the report. " + note.textContent;
      }
      Object.keys(bf.stats).forEach(function (k) { document.documentElement.setAttribute("data-" + k, bf.stats[k]); });
      document.documentElement.setAttribute("data-ready", "1");
    },

    // places that share a name are told apart by their state (a US-style code) or country
    nameClashes: function (data) {
      var byName = {};
      data.places.forEach(function (p) { p.label = p.name; (byName[p.name] = byName[p.name] || []).push(p); });
      Object.keys(byName).forEach(function (name) {
        var same = byName[name];
        if (same.length < 2) { return; }
        var countries = {};
        same.forEach(function (p) { countries[p.cc] = (countries[p.cc] || 0) + 1; });
        same.forEach(function (p) {
          var state = p.admin1 && /^[A-Z]{2,3}$/.test(p.admin1) ? p.admin1 : "";
          var tag = countries[p.cc] > 1 ? state || p.cc : p.cc;
          if (tag) { p.label = name + ", " + tag; }
        });
      });
    },

    /* ---- the articles, by title ---- */
    // the indices of the articles with events here, most events first
    withEvents: function () {
      var data = bf.data, counts = data.articles.map(function () { return 0; });
      data.events.forEach(function (e) { counts[e.a] += 1; });
      return data.articles.map(function (a, k) { return k; }).filter(function (k) { return counts[k]; })
        .sort(function (a, b) { return counts[b] - counts[a] || a - b; });
    },

    // the articles with events here, most events first; those without are counted, not listed
    legend: function (parent, withKinds) {
      var data = bf.data, box = el("div", "bf-legend"), max = bf.mode === "pdf" ? 6 : 8, shown = bf.withEvents();
      shown.slice(0, max).forEach(function (k) {
        var a = data.articles[k], row = el("div", "bf-legend-item"), sw = el("span", "gt-swatch");
        sw.style.background = a.color;
        row.appendChild(sw);
        row.appendChild(el("span", "bf-legend-title", a.short));
        row.title = C.articleHover(a);
        box.appendChild(row);
      });
      var more = shown.length - Math.min(max, shown.length), none = data.articles.length - shown.length;
      if (more || none) {
        box.appendChild(el("div", "bf-legend-more", [more ? "+ " + more + " more article" + (more > 1 ? "s" : "") : "",
          none ? none + " article" + (none > 1 ? "s" : "") + " with no event" : ""].filter(Boolean).join(" · ")));
      }
      if (withKinds) {
        var kinds = el("div", "bf-legend-kinds"), present = {};
        data.events.forEach(function (e) { present[e.place.kind] = true; });
        Object.keys(C.KIND_LABELS).forEach(function (k) {
          if (!present[k]) { return; }
          var row = el("span", "gt-legend-kind"), pin = el("span", "gt-pin gt-pin-" + k);
          pin.appendChild(el("span"));
          row.appendChild(pin);
          row.appendChild(el("span", null, C.KIND_LABELS[k]));
          kinds.appendChild(row);
        });
        kinds.appendChild(el("span", "bf-legend-note", "Name (n): n events there"));
        box.appendChild(kinds);
      }
      parent.appendChild(box);
      return box;
    },

    /* ---- map: every event place, no clusters; the main places labelled ---- */
    map: function (box) {
      var data = bf.data;
      var places = data.places.map(function (p, i) { return {p: p, i: i, n: 0, w: 0, arts: []}; });
      data.events.forEach(function (e) {
        var q = places[e.p];
        q.n += 1;
        q.w += e.conf || 0.05;
        if (q.arts.indexOf(e.a) < 0) { q.arts.push(e.a); }
      });
      places = places.filter(function (q) { return q.n > 0; });
      var map = bf.leaflet = L.map(box, {zoomControl: false, attributionControl: false, zoomSnap: 0.1,
        fadeAnimation: false, zoomAnimation: false, markerZoomAnimation: false, inertia: false,
        dragging: false, scrollWheelZoom: false, doubleClickZoom: false, boxZoom: false, keyboard: false});
      var outlines = C.readJSON("gt-outlines");
      C.basemap(outlines).addTo(map);
      var legend = bf.legend(box, true), credit = el("div", "bf-credit", data.credit);
      box.appendChild(credit);
      var fs = parseFloat(getComputedStyle(box).fontSize);
      var legendBox = boxIn(legend, box), creditBox = boxIn(credit, box), size = map.getSize();
      if (!places.length) {
        map.setView([20, 10], 2);
        box.appendChild(el("div", "bf-empty", bf.EMPTY));
      } else if (places.length === 1) {
        map.setView([places[0].p.lat, places[0].p.lon], 5);
      } else {
        // fitted to the places; fitted again above the legend only when a place would fall under it
        var bounds = L.latLngBounds(places.map(function (q) { return [q.p.lat, q.p.lon]; }));
        var fit = function (bottom) {
          map.fitBounds(bounds, {paddingTopLeft: [3 * fs, 2.5 * fs], paddingBottomRight: [3 * fs, bottom], maxZoom: 7, animate: false});
        };
        fit(2.5 * fs);
        var covered = places.some(function (q) {
          var pt = map.latLngToContainerPoint([q.p.lat, q.p.lon]), r = fs * 1.5;
          return [legendBox, creditBox].some(function (b) {
            return pt.x + r > b.x0 && pt.x - r < b.x1 && pt.y + r > b.y0 && pt.y - r < b.y1;
          });
        });
        if (covered) { fit(size.y - legendBox.y0 + 1.5 * fs); }
      }
      // markers: bigger for more events; the most important drawn last, on top
      places.sort(function (a, b) { return a.w - b.w; });
      places.forEach(function (q) {
        q.size = Math.round(fs * Math.min(2.4, 0.85 + 0.35 * Math.sqrt(q.n)));
        var colors = q.arts.map(function (a) { return data.articles[a].color; });
        L.marker([q.p.lat, q.p.lon], {icon: C.pin(q.p.kind, colors, q.size), interactive: false, keyboard: false}).addTo(map);
        q.pt = map.latLngToContainerPoint([q.p.lat, q.p.lon]);
        var r = q.size / 2 + 1;
        q.box = {x0: q.pt.x - r, y0: q.pt.y - r, x1: q.pt.x + r, y1: q.pt.y + r};
      });
      var placed = bf.mapLabels(box, places.slice().reverse(), [legendBox, creditBox], size);
      bf.countryLabels(box, map, outlines, places, placed.concat([legendBox, creditBox]), size);
    },

    // the names of the countries in view, faint, where they fit inside the country and clash with
    // nothing drawn already: a slide reader needs to know which country a place is in
    countryLabels: function (box, map, outlines, places, taken, size) {
      var layer = el("div", "bf-countries"), shown = 0;
      box.insertBefore(layer, box.firstChild.nextSibling);
      var rings = [];
      outlines.features.forEach(function (f) {
        var polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
        var best = null;
        polys.forEach(function (poly) {
          var pts = poly[0].map(function (c) { return map.latLngToContainerPoint([c[1], c[0]]); });
          var a = 0, cx = 0, cy = 0;
          for (var i = 0, j = pts.length - 1; i < pts.length; j = i++) {
            var cross = pts[j].x * pts[i].y - pts[i].x * pts[j].y;
            a += cross;
            cx += (pts[j].x + pts[i].x) * cross;
            cy += (pts[j].y + pts[i].y) * cross;
          }
          a /= 2;
          if (Math.abs(a) > 1 && (!best || Math.abs(a) > Math.abs(best.a))) { best = {a: a, x: cx / (6 * a), y: cy / (6 * a), pts: pts}; }
        });
        // (a country that is itself an event place has its own label)
        var own = places.some(function (q) { return q.p.kind === "country" && q.p.cc === f.properties.iso; });
        if (best && Math.abs(best.a) > 4000 && !own) { rings.push({name: f.properties.name, r: best}); }
      });
      rings.sort(function (p, q) { return Math.abs(q.r.a) - Math.abs(p.r.a); });
      var inside = function (pts, x, y) {
        var hit = false;
        for (var i = 0, j = pts.length - 1; i < pts.length; j = i++) {
          if ((pts[i].y > y) !== (pts[j].y > y) && x < (pts[j].x - pts[i].x) * (y - pts[i].y) / (pts[j].y - pts[i].y) + pts[i].x) { hit = !hit; }
        }
        return hit;
      };
      rings.forEach(function (c) {
        var x = c.r.x, y = c.r.y;
        if (x < 0 || y < 0 || x > size.x || y > size.y || !inside(c.r.pts, x, y)) { return; }
        var label = el("div", "bf-country", c.name);
        layer.appendChild(label);
        var w = label.offsetWidth, h = label.offsetHeight;
        var b = {x0: x - w / 2, y0: y - h / 2, x1: x + w / 2, y1: y + h / 2};
        var fits = b.x0 > 2 && b.y0 > 2 && b.x1 < size.x - 2 && b.y1 < size.y - 2 &&
          inside(c.r.pts, b.x0, b.y0) && inside(c.r.pts, b.x1, b.y0) && inside(c.r.pts, b.x0, b.y1) && inside(c.r.pts, b.x1, b.y1) &&
          !taken.some(function (t) { return hits(b, t, 3); }) && !places.some(function (q) { return hits(b, q.box, 2); });
        if (!fits) { layer.removeChild(label); return; }
        label.style.left = b.x0 + "px";
        label.style.top = b.y0 + "px";
        taken.push(b);
        shown += 1;
      });
      bf.stats["map-countries"] = shown;
    },

    mapLabels: function (box, ranked, panels, size) {
      var layer = el("div", "bf-labels"), placed = [];
      box.appendChild(layer);
      var limit = bf.mode === "pdf" ? 14 : 24;
      var tries = 0;
      ranked.forEach(function (q) {
        if (placed.length >= limit || tries >= 6 * limit) { return; }
        tries += 1;
        var label = el("div", "bf-label");
        label.appendChild(el("span", "bf-label-name", q.p.label));
        if (q.n > 1) { label.appendChild(el("span", "bf-label-count", " (" + q.n + ")")); }
        label.title = q.p.label + ": " + q.n + " event" + (q.n > 1 ? "s" : "");
        layer.appendChild(label);
        var w = label.offsetWidth, h = label.offsetHeight, r = q.size / 2 + 3, d = r * 0.72, x = q.pt.x, y = q.pt.y;
        var spots = [[x + r, y - h / 2], [x - r - w, y - h / 2], [x - w / 2, y - r - h], [x - w / 2, y + r],
                     [x + d, y - d - h], [x + d, y + d], [x - d - w, y - d - h], [x - d - w, y + d]];
        var margin = 4, spot = null;
        for (var k = 0; k < spots.length && !spot; k++) {
          var b = {x0: spots[k][0], y0: spots[k][1], x1: spots[k][0] + w, y1: spots[k][1] + h};
          if (b.x0 < margin || b.y0 < margin || b.x1 > size.x - margin || b.y1 > size.y - margin) { continue; }
          var clash = panels.some(function (p) { return hits(b, p, 2); }) ||
            placed.some(function (p) { return hits(b, p, 2); }) ||
            ranked.some(function (o) { return o !== q && hits(b, o.box); });
          if (!clash) { spot = b; }
        }
        if (!spot) { layer.removeChild(label); return; }
        label.style.left = spot.x0 + "px";
        label.style.top = spot.y0 + "px";
        placed.push(spot);
      });
      var overlaps = 0;
      placed.forEach(function (a, i) { placed.slice(i + 1).forEach(function (b) { if (hits(a, b)) { overlaps += 1; } }); });
      bf.stats["map-places"] = ranked.length;
      bf.stats["map-labels"] = placed.length;
      bf.stats["map-label-overlaps"] = overlaps;
      return placed;
    },

    /* ---- timeline: a time axis, broken across long empty gaps; labels in lanes above and below ---- */
    timeline: function (box) {
      if (!bf.data.events.length) { box.appendChild(el("div", "bf-empty", bf.EMPTY)); return; }
      var data = bf.data, W = box.clientWidth, H = box.clientHeight, fs = parseFloat(getComputedStyle(box).fontSize);
      var compact = bf.mode === "pdf";
      var dated = data.events.filter(function (e) { return e.s !== null; }).sort(byDate);
      var undated = data.events.filter(function (e) { return e.s === null; }).sort(byRank);
      var drawing = svg("svg", {width: W, height: H, viewBox: "0 0 " + W + " " + H, "class": "bf-tl-svg"}, box);
      var layer = el("div", "bf-tl-labels");
      box.appendChild(layer);
      var undW = undated.length ? Math.round(Math.min(W * 0.2, fs * 15)) : 0;
      var x0 = fs, x1 = W - fs - (undW ? undW + fs : 0);
      var axis = bf.axis(dated, x0, x1, fs);
      // lanes: label height fixed by mode; the axis in the middle, spans in a band just above it
      var probe = bf.tlLabel(dated[0] || undated[0] || null, compact);
      // narrower labels when many events compete for the axis
      var LW = Math.round(Math.max(fs * (compact ? 10 : 11), Math.min(fs * (compact ? 15 : 17), (x1 - x0) / (dated.length > 20 ? 9 : 7))));
      var LH = 0;
      if (probe) { probe.style.width = LW + "px"; layer.appendChild(probe); LH = probe.offsetHeight; layer.removeChild(probe); }
      // longer than a day and wide enough to see: a bar; else a dot
      var spans = dated.filter(function (e) { e.isSpan = e.e > e.s && axis.x(e.e + 1) - axis.x(e.s) > fs * 0.7; return e.isSpan; });
      var bandRows = bf.packSpans(spans, axis), barH = Math.max(3, Math.round(fs * 0.4));
      var bandH = Math.min(bandRows, 4) * (barH + 2);
      var tickH = fs * 1.5, gap = Math.round(fs * 0.5);
      var axisY = Math.round(compact ? (H - tickH) * 0.52 : H * 0.5);
      var above = [], below = [];
      for (var top = axisY - bandH - gap - LH; top >= 2; top -= LH + gap) { above.push(top); }
      for (var y = axisY + tickH + gap; y + LH <= H - 2; y += LH + gap) { below.push(y); }
      var lanes = [];
      for (var k = 0; k < Math.max(above.length, below.length); k++) {
        if (k < above.length) { lanes.push({side: -1, k: k, y: above[k], used: []}); }
        if (k < below.length) { lanes.push({side: 1, k: k, y: below[k], used: []}); }
      }
      // the axis, its ticks and its breaks
      svg("line", {x1: x0, x2: x1, y1: axisY + 0.5, y2: axisY + 0.5, "class": "bf-axis"}, drawing);
      axis.segments.forEach(function (g, i) {
        svg("line", {x1: g.x0, x2: g.x1, y1: axisY + 0.5, y2: axisY + 0.5, "class": "bf-axis bf-axis-seg"}, drawing);
        var lastEnd = -Infinity;
        C.ticks(g.v0, g.v1, Math.max(1, Math.floor(g.w / (fs * 4.5)))).forEach(function (t) {
          var tx = axis.x(t.day), room = t.text.length * fs * 0.5;
          if (tx < lastEnd || tx + room > W) { return; }
          lastEnd = tx + room + fs * 0.6;
          svg("line", {x1: tx + 0.5, x2: tx + 0.5, y1: axisY, y2: axisY + fs * 0.35, "class": "bf-tick"}, drawing);
          var text = svg("text", {x: tx + 2, y: axisY + fs * 1.15, "class": "bf-tick-text"}, drawing);
          text.textContent = t.text;
        });
        if (i > 0) {
          var bx = (axis.segments[i - 1].x1 + g.x0) / 2;
          [-4, 2].forEach(function (dx) {
            svg("line", {x1: bx + dx, x2: bx + dx + 4, y1: axisY + 6, y2: axisY - 6, "class": "bf-break"}, drawing);
          });
        }
      });
      // spans as bars above the axis, days as dots on it
      spans.forEach(function (e) {
        var row = Math.min(e.row, 3);
        svg("rect", {x: axis.x(e.s), y: axisY - (row + 1) * (barH + 2), width: Math.max(2, axis.x(e.e + 1) - axis.x(e.s)),
                     height: barH, rx: 1.5, fill: e.article.color, "class": "bf-span"}, drawing);
      });
      dated.forEach(function (e) {
        e.ax = e.isSpan ? (axis.x(e.s) + axis.x(e.e + 1)) / 2 : axis.x(e.s) + (axis.x(e.s + 1) - axis.x(e.s)) / 2;
        e.ay = e.isSpan ? axisY - (Math.min(e.row, 3) + 1) * (barH + 2) + barH / 2 : axisY;
      });
      dated.filter(function (e) { return !e.isSpan; }).forEach(function (e) {
        svg("circle", {cx: e.ax, cy: axisY + 0.5, r: Math.max(3, fs * 0.33), fill: e.article.color, "class": "bf-dot"}, drawing);
      });
      // labels, most important first, each in the nearest lane where it hides nothing: a label
      // spans its anchor, and of the places it may take in a lane, it takes the one that covers
      // the fewest anchors still waiting for a label (their leaders would have to pass under it)
      var leaders = [], labelled = 0, right = W - (undW ? undW + fs : 0);
      var nub = fs * 0.6, steps = 8;
      // anchors in [a, b], by binary search over them all (the few already labelled count too)
      var anchors = dated.map(function (e) { return e.ax; }).sort(function (a, b) { return a - b; });
      var below = function (x) {
        var lo = 0, hi = anchors.length;
        while (lo < hi) { var mid = (lo + hi) >> 1; if (anchors[mid] < x) { lo = mid + 1; } else { hi = mid; } }
        return lo;
      };
      dated.slice().sort(byRank).forEach(function (e) {
        var spotted = null;
        for (var li = 0; li < lanes.length && !spotted; li++) {
          var lane = lanes[li];
          var under = lanes.some(function (o) {
            // (a leader may run on through a nearer label that hangs from the same point)
            return o.side === lane.side && o.k < lane.k && o.used.some(function (u) {
              return u[0] - 2 <= e.ax && e.ax <= u[1] + 2 && Math.abs(u[2] - e.ax) > 1; });
          });
          if (under) { continue; }
          var best = null;
          for (var k = 0; k <= steps; k++) {
            var left = Math.max(0, Math.min(e.ax - nub - (LW - 2 * nub) * k / steps, right - LW));
            if (e.ax < left + 2 || e.ax > left + LW - 2) { continue; }
            var a = left - gap, b = left + LW + gap;
            if (lane.used.some(function (u) { return u[0] < b && a < u[1]; })) { continue; }
            if (leaders.some(function (l) {
              return l.side === lane.side && l.k > lane.k && l.x >= a && l.x <= b && Math.abs(l.x - e.ax) > 1; })) { continue; }
            var covered = below(b + 0.001) - below(a);
            if (!best || covered < best.covered) { best = {lane: lane, left: left, covered: covered}; }
          }
          spotted = best;
        }
        if (!spotted) { return; }
        var lane = spotted.lane, label = bf.tlLabel(e, compact);
        lane.used.push([spotted.left, spotted.left + LW, e.ax]);
        leaders.push({side: lane.side, k: lane.k, x: e.ax});
        label.style.left = spotted.left + "px";
        label.style.top = lane.y + "px";
        label.style.width = LW + "px";
        label.style.height = LH + "px";
        layer.appendChild(label);
        bf.fitHead(label);
        var ly = lane.side < 0 ? lane.y + LH : lane.y;
        svg("line", {x1: e.ax, x2: e.ax, y1: ly, y2: lane.side < 0 ? e.ay - 1 : axisY + 4, "class": "bf-leader"}, drawing);
        labelled += 1;
      });
      // undated events beside the axis
      var undLabelled = 0;
      if (undW) {
        var col = el("div", "bf-undated");
        col.style.left = (W - undW) + "px";
        col.style.width = undW + "px";
        col.appendChild(el("div", "bf-undated-head", "No date"));
        box.appendChild(col);
        undated.forEach(function (e) {
          var label = bf.tlLabel(e, compact);
          label.style.position = "relative";
          label.style.height = LH + "px";
          col.appendChild(label);
          bf.fitHead(label);
          if (col.scrollHeight > H) { col.removeChild(label); } else { undLabelled += 1; }
        });
        if (undLabelled < undated.length) {
          col.appendChild(el("div", "bf-undated-more", "+ " + (undated.length - undLabelled) + " more"));
          while (col.scrollHeight > H && undLabelled > 0) {
            col.removeChild(col.querySelectorAll(".bf-tl-label")[undLabelled - 1]);
            undLabelled -= 1;
            col.lastChild.textContent = "+ " + (undated.length - undLabelled) + " more";
          }
        }
      }
      bf.stats["timeline-events"] = data.events.length;
      bf.stats["timeline-labels"] = labelled + undLabelled;
      bf.unlabelled = data.events.length - labelled - undLabelled;
    },

    // a place and date too long for one line take two (not in the compact print labels)
    fitHead: function (label) {
      var head = label.firstChild;
      if (!label.classList.contains("bf-compact") && head.scrollWidth > head.clientWidth + 1) { label.classList.add("bf-head2"); }
    },

    tlLabel: function (e, compact) {
      if (!e) { return null; }
      var label = el("div", "bf-tl-label" + (compact ? " bf-compact" : ""));
      label.style.borderLeftColor = e.article.color;
      var head = el("div", "bf-tl-head");
      head.appendChild(el("span", "bf-tl-place", e.place.label));
      head.appendChild(el("span", "bf-tl-sep", " · "));
      head.appendChild(el("span", "bf-tl-date", e.when));
      label.appendChild(head);
      label.appendChild(el("div", "bf-tl-what", e.what || "event"));
      label.title = e.place.label + ", " + e.when + ": " + (e.what || "event") + "\n" + e.article.title;
      return label;
    },

    // the axis over the dated events: segments split where the events leave a long empty gap
    // (each as wide as its share of events, at least a little, with a break mark between); within
    // a segment of a dozen events or more, time runs half in proportion to days and half to the
    // number of events, so a week of dense news gets room beside quiet years (ticks show the scale)
    axis: function (dated, x0, x1, fs) {
      var segs = [];
      if (!dated.length) { return {segments: [], x: function () { return x0; }}; }
      bf.split(dated, segs);
      var brk = fs * 2.2, avail = x1 - x0 - brk * (segs.length - 1);
      var weight = segs.reduce(function (t, g) { return t + g.events.length + 2; }, 0), x = x0;
      segs.forEach(function (g) {
        var pad = Math.max(10, Math.round((g.e - g.s + 1) * 0.04));
        g.v0 = g.s - pad;
        g.v1 = g.e + pad;
        g.w = avail * (g.events.length + 2) / weight;
        g.x0 = x;
        g.x1 = x + g.w;
        x = g.x1 + brk;
        var days = {};
        days[g.v0] = true;
        days[g.v1 + 1] = true;
        g.events.forEach(function (e) { days[e.s] = true; days[e.e + 1] = true; });
        g.knots = Object.keys(days).map(Number).sort(function (a, b) { return a - b; });
        var alpha = 0.5 * Math.min(1, g.events.length / 12);  // a few events have room anyway: days only
        g.kx = g.knots.map(function (d, i) {
          var lin = (d - g.v0) / (g.v1 + 1 - g.v0), rank = i / (g.knots.length - 1);
          return g.x0 + g.w * ((1 - alpha) * lin + alpha * rank);
        });
      });
      return {
        segments: segs,
        x: function (day) {
          var g = segs[0];
          for (var i = 0; i < segs.length; i++) {
            g = segs[i];
            if (day <= segs[i].v1 + 1) { break; }
          }
          var k = g.knots;
          if (day <= k[0]) { return g.kx[0]; }
          if (day >= k[k.length - 1]) { return g.kx[k.length - 1]; }
          var j = 1;
          while (k[j] < day) { j += 1; }
          return g.kx[j - 1] + (g.kx[j] - g.kx[j - 1]) * (day - k[j - 1]) / (k[j] - k[j - 1]);
        }
      };
    },

    // segments: split at the widest empty gap while it is over a third of its segment (and over
    // four months), at most five segments
    split: function (dated, segs) {
      var parts = [dated.slice()];
      for (var round = 0; round < 4; round++) {
        var best = null;
        parts.forEach(function (part, pi) {
          var end = part[0].e, span = Math.max.apply(null, part.map(function (e) { return e.e; })) - part[0].s + 1;
          for (var k = 1; k < part.length; k++) {
            var gap = part[k].s - end;
            if (gap > 120 && gap > span / 3 && (!best || gap / span > best.share)) { best = {pi: pi, k: k, share: gap / span}; }
            end = Math.max(end, part[k].e);
          }
        });
        if (!best) { break; }
        var part = parts[best.pi];
        parts.splice(best.pi, 1, part.slice(0, best.k), part.slice(best.k));
      }
      parts.forEach(function (part) {
        segs.push({s: part[0].s, e: Math.max.apply(null, part.map(function (e) { return e.e; })), events: part});
      });
    },

    // stack overlapping spans in rows; returns the number of rows
    packSpans: function (spans, axis) {
      var ends = [];
      spans.slice().sort(function (a, b) { return a.s - b.s; }).forEach(function (e) {
        var a = axis.x(e.s), row = ends.findIndex(function (end) { return end + 2 < a; });
        if (row < 0) { row = ends.length; ends.push(0); }
        ends[row] = axis.x(e.e + 1);
        e.row = row;
      });
      return ends.length;
    },

    /* ---- the main events table (PDF): whole rows only; what does not fit is counted ---- */
    table: function (section) {
      var data = bf.data, tbody = section.querySelector("tbody"), more = document.getElementById("bf-more");
      var ranked = data.events.slice().sort(byRank), n = ranked.length;
      var manyCountries = Object.keys(data.countries).length > 1;
      var render = function (k) {
        tbody.textContent = "";
        ranked.slice(0, k).sort(byDate).forEach(function (e) {
          var tr = el("tr");
          tr.appendChild(el("td", "bf-t-date", e.when));
          var place = el("td", "bf-t-place", e.place.label);
          if (manyCountries && e.place.cc && e.place.kind !== "country" && e.place.label === e.place.name) {
            place.appendChild(el("span", "bf-t-cc", " " + e.place.cc));
          }
          tr.appendChild(place);
          var what = el("td", "bf-t-what", e.what || "event");
          if (e.actors) { what.appendChild(el("span", "bf-t-actors", " — " + e.actors)); }
          tr.appendChild(what);
          var src = el("td", "bf-t-source"), sw = el("span", "gt-swatch");
          sw.style.background = e.article.color;
          src.appendChild(sw);
          src.appendChild(document.createTextNode(e.article.short));
          src.title = C.articleHover(e.article);
          tr.appendChild(src);
          tbody.appendChild(tr);
        });
        more.hidden = k >= n;
        more.textContent = "+ " + (n - k) + " more event" + (n - k === 1 ? "" : "s") + " not listed: every event is in index.html and events.csv";
        return section.scrollHeight <= section.clientHeight + 1;
      };
      // the most rows that fit (fitting only shrinks as rows are added)
      var lo = 0, hi = n;
      if (!render(n)) {
        while (lo < hi) {
          var mid = Math.ceil((lo + hi) / 2);
          if (render(mid)) { lo = mid; } else { hi = mid - 1; }
        }
        render(lo);
      }
      bf.stats["table-rows"] = tbody.children.length;
      bf.stats["table-events"] = n;
    },

    // the printed page's sources: each article with events, its publisher and date, most events
    // first; two lines at most, the rest counted
    sources: function (foot) {
      var data = bf.data, order = bf.withEvents();
      if (!order.length) { return; }
      var line = el("div", "bf-sources"), listed = 0;
      line.appendChild(el("strong", null, "Sources: "));
      foot.appendChild(line);
      var more = el("span", "bf-sources-more");
      order.forEach(function (k) {
        var a = data.articles[k], item = el("span", "bf-source");
        item.appendChild(el("span", "bf-swatch-inline", "\u25a0 "));
        item.firstChild.style.color = a.color;
        item.appendChild(document.createTextNode(a.title));
        var meta = [a.source, a.published ? C.humanDate({start: a.published, precision: "day"}) : ""].filter(Boolean).join(", ");
        if (meta) { item.appendChild(el("span", "bf-source-meta", " (" + meta + ")")); }
        item.appendChild(document.createTextNode(listed < order.length - 1 ? "; " : ""));
        line.appendChild(item);
        if (line.offsetHeight > parseFloat(getComputedStyle(line).lineHeight) * 2 + 1) {
          line.removeChild(item);
          return;
        }
        listed += 1;
      });
      if (listed < order.length) {
        more.textContent = " and " + (order.length - listed) + " more: see index.html";
        line.appendChild(more);
        while (line.offsetHeight > parseFloat(getComputedStyle(line).lineHeight) * 2 + 1 && listed > 1) {
          line.removeChild(line.querySelectorAll(".bf-source")[listed - 1]);
          listed -= 1;
          more.textContent = " and " + (order.length - listed) + " more: see index.html";
        }
      }
      bf.stats["pdf-sources"] = listed;
    },

    // the footer: the articles (timeline picture) and a line that says what is not shown
    footer: function (foot) {
      if (bf.mode === "timeline") { bf.legend(foot, false); }
      if (bf.mode === "pdf") { bf.sources(foot); }
      return foot.appendChild(el("div", "bf-foot-note", (bf.mode === "pdf" ? bf.data.credit + ". " : "") + "Made with geotimeline."));
    }
  };
  window.geotimelineBriefing = bf;
  document.addEventListener("DOMContentLoaded", bf.init);
})();
