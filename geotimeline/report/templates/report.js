/* geotimeline report: one set of events shown three ways (map, timeline, table), linked both ways.

   Data arrives as JSON (<script type="application/json">) and every piece of article text is
   shown with textContent, never parsed as HTML. One filter state decides which events are
   visible; apply() pushes it to the table rows, the clustered markers and the timeline. */
(function () {
  "use strict";
  var C = window.gtCommon, KIND_LABELS = C.KIND_LABELS;
  var PRECISIONS = ["day", "week", "weekend", "month", "season", "quarter", "half", "year", "decade", "century"];
  var readJSON = C.readJSON, el = C.el, dayNum = C.dayNum, isoDay = C.isoDay;
  var SOURCES = {context: " · from context", published: " · from published", manual: " · by hand"};

  var gt = {
    basemaps: {},
    markers: [],
    outlineIndex: {},
    map: null,
    data: null,
    ready: false,
    state: {q: "", article: "", country: "", precision: "", place: -1, from: null, to: null, hidden: {}, mentions: false},
    sort: {key: "date", dir: 1},
    highlighted: [],
    selected: -1,

    addOutlines: function (map, id) {
      var data = readJSON(id);
      data.features.forEach(function (f) { if (f.properties.iso) { gt.outlineIndex[f.properties.iso] = f; } });
      var layer = C.basemap(data);
      layer.addTo(map);
      gt.basemaps["Country outlines (offline)"] = layer;
      return layer;
    },

    init: function (map, id) {
      gt.map = map;
      var t0 = performance.now(), data = gt.data = readJSON(id);
      data.places.forEach(function (p) { p.events = []; p.articles = []; });
      data.events.forEach(function (e, i) {
        e.i = i;
        e.place = data.places[e.p];
        e.article = data.articles[e.a];
        e.s = dayNum(e.start);
        e.e = e.end ? dayNum(e.end) : e.s;
        e.visible = true;
        e.hay = [e.date, e.label, e.precision, e.place.name, e.place.cc, data.countries[e.place.cc] || "", e.article.id,
                 e.article.file, e.article.title, e.sentence, e.alts, e.corrected, e.what, e.actors].join(" ").toLowerCase();
        e.place.events.push(i);
        if (e.place.articles.indexOf(e.a) < 0) { e.place.articles.push(e.a); }
      });
      var timings = gt.timings = {start: t0}, lap = function (name) { timings[name] = performance.now(); };
      lap("data");
      gt.buildMarkers();
      lap("markers");
      gt.buildLegend();
      gt.buildTable();
      lap("table"); void document.body.offsetHeight; lap("layout");
      gt.buildTimeline();
      document.getElementById("gt-place-clear").addEventListener("click", function () { gt.setPlace(-1); });
      if (Object.keys(gt.basemaps).length) {
        L.control.layers(gt.basemaps, {"Event places": gt.cluster}, {collapsed: true}).addTo(map);
      }
      if (map.attributionControl && data.attribution) { map.attributionControl.addAttribution(data.attribution); }
      gt.readLink();
      gt.apply();
      lap("apply");
      gt.fit();
      // on the map only now, at its first view: added before the fit, the clusters would animate
      // that zoom and a click in the next 200 ms would leave markers unshown
      gt.cluster.addTo(map);
      lap("fit");
      window.addEventListener("hashchange", function () {
        if (location.hash.replace(/^#/, "") === gt.link) { return; }
        gt.readLink();
        gt.apply();
        gt.fit();
      });
      gt.ready = true;
      gt.readyMs = performance.now();
      document.documentElement.setAttribute("data-ready", "1");
      return gt.cluster;
    },

    fit: function () {
      var shown = gt.markers.filter(function (m) { return m.shown; });
      if (shown.length) {
        gt.map.fitBounds(L.latLngBounds(shown.map(function (m) { return m.getLatLng(); })),
                         {padding: [24, 24], maxZoom: 6, animate: false});
      }
    },

    /* ---- map ---- */
    buildMarkers: function () {
      var data = gt.data;
      gt.cluster = L.markerClusterGroup({chunkedLoading: true, maxClusterRadius: 40, showCoverageOnHover: false,
                                         spiderfyOnMaxZoom: true});
      gt.selection = L.layerGroup().addTo(gt.map);
      data.places.forEach(function (p, i) {
        var colors = p.articles.map(function (a) { return data.articles[a].color; });
        var size = {city: 14, capital: 16, region: 16, country: 20, feature: 16}[p.kind] || 14;
        var icon = C.pin(p.kind, colors, size);
        var m = L.marker([p.lat, p.lon], {icon: icon, title: p.name, alt: p.name, riseOnHover: true});
        m.bindPopup(function () { return gt.popup(i); }, {maxWidth: 340});
        m.on("click", function () { gt.selectPlace(i, true); });
        m.shown = false;
        m.place = i;
        gt.markers.push(m);
      });
    },

    popup: function (pi) {
      var data = gt.data, p = data.places[pi];
      var visible = p.events.filter(function (i) { return data.events[i].visible; });
      var box = el("div", "gt-popup");
      box.appendChild(el("h3", null, p.name));
      box.appendChild(el("p", null, p.feature + (p.cc ? " · " + (data.countries[p.cc] || p.cc) : "") + " · " +
                         visible.length + " of " + p.events.length + " event(s) shown"));
      var first = data.events[p.events[0]];
      if (first.alts) { box.appendChild(el("p", "gt-popup-alts", "Runner-ups: " + first.alts)); }
      if (first.why) { box.appendChild(el("p", "gt-popup-why", "Why: " + first.why)); }
      var list = el("ul");
      visible.slice(0, 40).forEach(function (i) {
        var ev = data.events[i], li = el("li");
        var a = el("a", null, (ev.label || ev.date || "undated") + " — " + (ev.what || (ev.kind === "event" ? "event" : "mentioned")) +
                   " (" + ev.article.short + ")");
        a.href = "#";
        a.title = C.articleHover(ev.article);
        a.addEventListener("click", function (e) { e.preventDefault(); gt.selectEvent(i, {scroll: true, popup: false}); });
        li.appendChild(a);
        list.appendChild(li);
      });
      if (visible.length > 40) { list.appendChild(el("li", null, "… " + (visible.length - 40) + " more in the table")); }
      box.appendChild(list);
      var only = el("button", "gt-linkish gt-only", gt.state.place === pi ? "Show every place" : "Show only this place");
      only.type = "button";
      only.addEventListener("click", function () {
        gt.setPlace(gt.state.place === pi ? -1 : pi);
        gt.map.closePopup();
      });
      box.appendChild(only);
      return box;
    },

    // a selected country shows its outline; a division the hull of its places (approximate)
    showOutline: function (p) {
      gt.selection.clearLayers();
      var style = {interactive: false, color: "#8250df", weight: 2, dashArray: "5 4", fillColor: "#8250df", fillOpacity: 0.08};
      var f = p.kind === "country" && gt.outlineIndex[p.cc];
      if (f) { L.geoJSON(f, {interactive: false, style: style}).addTo(gt.selection); }
      if (p.outline) { L.polygon(p.outline, style).addTo(gt.selection); }
    },

    buildLegend: function () {
      var data = gt.data, legend = L.control({position: "bottomleft"});
      legend.onAdd = function () {
        var box = el("details", "gt-legend leaflet-bar");
        // open unless the map is small (an embed in a briefing): then one click away
        box.open = gt.map.getSize().y >= 450;
        box.appendChild(el("summary", null, "Legend"));
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        var head = el("div", "gt-legend-head");
        head.appendChild(el("strong", null, "Articles"));
        [["all", false], ["none", true]].forEach(function (pair) {
          var b = el("button", "gt-linkish", pair[0]);
          b.type = "button";
          b.addEventListener("click", function () {
            data.articles.forEach(function (a, k) { gt.state.hidden[k] = pair[1]; });
            box.querySelectorAll("input[data-article]").forEach(function (c) { c.checked = !pair[1]; });
            gt.apply();
          });
          head.appendChild(b);
        });
        box.appendChild(head);
        var list = el("div", "gt-legend-articles");
        data.articles.forEach(function (a, k) {
          var label = el("label", "gt-legend-item"), cb = el("input");
          cb.type = "checkbox";
          cb.checked = true;
          cb.setAttribute("data-article", a.id);
          cb.addEventListener("change", function () { gt.state.hidden[k] = !cb.checked; gt.apply(); });
          var sw = el("span", "gt-swatch");
          sw.style.background = a.color;
          label.appendChild(cb);
          label.appendChild(sw);
          label.appendChild(el("span", "gt-legend-title", a.short));
          label.title = C.articleHover(a);
          list.appendChild(label);
        });
        box.appendChild(list);
        var kinds = el("div", "gt-legend-kinds");
        var present = {};
        data.places.forEach(function (p) { present[p.kind] = true; });
        Object.keys(KIND_LABELS).forEach(function (k) {
          if (!present[k]) { return; }
          var row = el("span", "gt-legend-kind"), pin = el("span", "gt-pin gt-pin-" + k);
          pin.appendChild(el("span"));
          row.appendChild(pin);
          row.appendChild(el("span", null, KIND_LABELS[k]));
          kinds.appendChild(row);
        });
        box.appendChild(kinds);
        return box;
      };
      legend.addTo(gt.map);
    },

    /* ---- table ---- */
    buildTable: function () {
      var tbody = document.querySelector("#gt-events tbody");
      if (!tbody) { return; }
      var data = gt.data, frag = document.createDocumentFragment();
      data.events.forEach(function (e, i) {
        var tr = el("tr");
        tr.setAttribute("role", "row");
        tr.tabIndex = 0;
        tr.setAttribute("data-i", i);
        tr.setAttribute("data-event", e.id);
        tr.setAttribute("data-place", e.place.id);
        tr.setAttribute("data-article", e.article.id);
        if (e.kind !== "event") { tr.className = "gt-mention"; }
        var td = el("td", "gt-date");
        td.appendChild(el("span", "gt-date-value", e.label || e.date || "undated"));
        td.appendChild(el("span", "gt-precision", (e.precision || "no date") + (SOURCES[e.source] || "")));
        tr.appendChild(td);
        td = el("td", "gt-place");
        td.appendChild(el("span", "gt-place-name", e.place.name));
        td.appendChild(el("span", "gt-feature", e.place.feature + " · score " + e.score.toFixed(2)));
        if (e.alts) { td.appendChild(el("span", "gt-alts", "or: " + e.alts)); }
        if (e.corrected) { td.appendChild(el("span", "gt-corrected", "✔ " + e.corrected)); }
        if (e.why) { td.title = "why: " + e.why; }
        tr.appendChild(td);
        td = el("td", "gt-country", e.place.cc);
        td.title = data.countries[e.place.cc] || "";
        tr.appendChild(td);
        td = el("td", "gt-article");
        var sw = el("span", "gt-swatch");
        sw.style.background = e.article.color;
        td.appendChild(sw);
        td.appendChild(el("span", "gt-article-title", e.article.short));
        td.appendChild(el("span", "gt-published", "published " + (e.article.published || "unknown") +
                          (e.article.estimated ? " (estimated)" : "")));
        td.title = C.articleHover(e.article);
        tr.appendChild(td);
        td = el("td", "gt-what");
        if (e.kind === "event") {
          td.appendChild(el("span", "gt-what-text", e.what || "—"));
          if (e.actors) { td.appendChild(el("span", "gt-actors", "by " + e.actors)); }
          if (e.sources && e.sources.length > 1) {
            td.appendChild(el("span", "gt-sources", "also reported by " + e.sources.slice(1).map(function (k) {
              return data.articles[k].short; }).join("; ")));
          }
          td.title = "confidence " + e.conf.toFixed(2);
        } else {
          td.appendChild(el("span", "gt-actors", "mention: place and date only share a sentence"));
        }
        tr.appendChild(td);
        tr.appendChild(gt.sentenceCell(e));
        for (var c = tr.firstChild; c; c = c.nextSibling) { c.setAttribute("role", "cell"); }
        e.row = tr;
        frag.appendChild(tr);
      });
      tbody.appendChild(frag);
      gt.fillSelect("gt-article", data.articles.map(function (a, k) { return [String(k), a.short, C.articleHover(a)]; }));
      gt.fillSelect("gt-country", Object.keys(data.countries).map(function (cc) { return [cc, data.countries[cc] + " (" + cc + ")"]; }));
      var precisions = {};
      data.events.forEach(function (e) { if (e.precision) { precisions[e.precision] = true; } });
      var ordered = Object.keys(precisions).sort(function (a, b) {
        var ia = PRECISIONS.indexOf(a), ib = PRECISIONS.indexOf(b);
        return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || (a < b ? -1 : 1);
      });
      gt.fillSelect("gt-precision", ordered.map(function (p) { return [p, p]; }));
      gt.wireTable(tbody);
    },

    sentenceCell: function (e) {
      var td = el("td", "gt-sentence"), s = e.sentence, m = e.marks;
      var marks = [[m[0], m[1], "gt-place"]];
      if (m[2] >= 0) { marks.push([m[2], m[3], "gt-date"]); }
      marks.sort(function (a, b) { return a[0] - b[0]; });
      var pos = 0;
      marks.forEach(function (k) {
        if (k[0] < pos || k[1] > s.length || k[1] <= k[0]) { return; }
        if (k[0] > pos) { td.appendChild(document.createTextNode(s.slice(pos, k[0]))); }
        td.appendChild(el("mark", k[2], s.slice(k[0], k[1])));
        pos = k[1];
      });
      if (pos < s.length) { td.appendChild(document.createTextNode(s.slice(pos))); }
      return td;
    },

    fillSelect: function (id, options) {
      var sel = document.getElementById(id);
      options.forEach(function (o) {
        var opt = el("option", null, o[1]);
        opt.value = o[0];
        if (o[2]) { opt.title = o[2]; }
        sel.appendChild(opt);
      });
    },

    wireTable: function (tbody) {
      var rowOf = function (target) { var tr = target.closest("tr"); return tr && tr.parentNode === tbody ? tr : null; };
      tbody.addEventListener("click", function (ev) {
        var tr = rowOf(ev.target);
        if (tr) { gt.selectEvent(+tr.getAttribute("data-i"), {scroll: false, popup: true}); }
      });
      tbody.addEventListener("keydown", function (ev) {
        var tr = rowOf(ev.target), next = null;
        if (!tr) { return; }
        if (ev.key === "Enter" || ev.key === " ") {
          ev.preventDefault();
          gt.selectEvent(+tr.getAttribute("data-i"), {scroll: false, popup: true});
        } else if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
          next = ev.key === "ArrowDown" ? tr.nextElementSibling : tr.previousElementSibling;
          while (next && next.hidden) { next = ev.key === "ArrowDown" ? next.nextElementSibling : next.previousElementSibling; }
          ev.preventDefault();
          if (next) { next.focus(); }
        }
      });
      var st = gt.state;
      var filter = document.getElementById("gt-filter");
      filter.addEventListener("input", function () { st.q = filter.value.trim().toLowerCase(); gt.schedule(); });
      var mentions = document.getElementById("gt-mentions");
      if (mentions) { mentions.addEventListener("change", function () { st.mentions = mentions.checked; gt.apply(); }); }
      [["gt-article", "article"], ["gt-country", "country"], ["gt-precision", "precision"]].forEach(function (pair) {
        var sel = document.getElementById(pair[0]);
        sel.addEventListener("change", function () { st[pair[1]] = sel.value; gt.apply(); });
      });
      document.querySelectorAll("#gt-events th button[data-sort]").forEach(function (b) {
        b.addEventListener("click", function () { gt.sortBy(b.getAttribute("data-sort")); });
      });
    },

    sortBy: function (key, dir) {
      var data = gt.data, s = gt.sort;
      if (dir) { s.dir = dir; } else { s.dir = s.key === key ? -s.dir : 1; }
      s.key = key;
      var cmp = {
        date: function (a, b) {
          if ((a.s === null) !== (b.s === null)) { return a.s === null ? 1 : -1; }
          return s.dir * ((a.s - b.s) || ((a.e - a.s) - (b.e - b.s)));
        },
        place: function (a, b) { return s.dir * a.place.name.localeCompare(b.place.name); },
        country: function (a, b) {
          return s.dir * (data.countries[a.place.cc] || a.place.cc || "~").localeCompare(data.countries[b.place.cc] || b.place.cc || "~");
        },
        article: function (a, b) { return s.dir * (a.article.title.localeCompare(b.article.title) || a.article.id.localeCompare(b.article.id)); }
      }[key];
      var order = data.events.slice().sort(function (a, b) { return cmp(a, b) || a.i - b.i; });
      var frag = document.createDocumentFragment();
      order.forEach(function (e) { frag.appendChild(e.row); });
      document.querySelector("#gt-events tbody").appendChild(frag);
      document.querySelectorAll("#gt-events th").forEach(function (th) {
        var b = th.querySelector("button[data-sort]");
        if (b) { th.setAttribute("aria-sort", b.getAttribute("data-sort") === key ? (s.dir > 0 ? "ascending" : "descending") : "none"); }
      });
    },

    /* ---- filtering: one state, three views ---- */
    // events, plus the mentions while they are shown
    total: function () {
      var st = gt.state;
      return gt.data.events.filter(function (e) { return st.mentions || e.kind === "event"; }).length;
    },

    windowed: function () {
      var st = gt.state, t = gt.t;
      return !!t && st.from !== null && (st.from > t.min || st.to < t.max);
    },

    schedule: function () {
      if (gt.pending) { return; }
      gt.pending = true;
      requestAnimationFrame(function () { gt.pending = false; gt.apply(); });
    },

    apply: function () {
      var data = gt.data, st = gt.state, windowed = gt.windowed(), shown = 0;
      var perPlace = new Array(data.places.length).fill(0);
      data.events.forEach(function (e) {
        var ok = (st.mentions || e.kind === "event") && !st.hidden[e.a] &&
          (st.article === "" || String(e.a) === st.article) &&
          (!st.country || e.place.cc === st.country) &&
          (st.place < 0 || e.p === st.place) &&
          (!st.precision || e.precision === st.precision) &&
          (!windowed || (e.s !== null && e.e >= st.from && e.s <= st.to)) &&
          (!st.q || e.hay.indexOf(st.q) >= 0);
        e.visible = ok;
        if (e.row && e.row.hidden === ok) { e.row.hidden = !ok; }
        if (ok) { shown += 1; perPlace[e.p] += 1; }
      });
      var add = [], remove = [];
      gt.markers.forEach(function (m, i) {
        var want = perPlace[i] > 0;
        if (want && !m.shown) { add.push(m); } else if (!want && m.shown) { remove.push(m); }
        m.shown = want;
      });
      if (remove.length) { gt.cluster.removeLayers(remove); }
      if (add.length) { gt.cluster.addLayers(add); }
      gt.shown = shown;
      var count = document.getElementById("gt-count");
      if (count) { count.textContent = shown + " of " + gt.total() + (st.mentions ? " events and mentions" : " events"); }
      var chip = document.getElementById("gt-place-chip");
      if (chip) {
        chip.hidden = st.place < 0;
        if (st.place >= 0) { chip.querySelector("span").textContent = "Only " + data.places[st.place].name; }
      }
      gt.drawTimeline();
      if (gt.ready) {
        // at most a few times a second: a dragged range would otherwise rewrite the address on
        // every frame, and browsers throttle pages that do
        clearTimeout(gt.linkTimer);
        gt.linkTimer = setTimeout(gt.writeLink, 150);
      }
    },

    setPlace: function (pi) {
      gt.state.place = pi;
      gt.apply();
      gt.fit();
    },

    /* ---- the view in the URL fragment: #from=…&to=…&article=…&place=…, read at load and on change ---- */
    linkParams: function () {
      var st = gt.state, data = gt.data, p = new URLSearchParams();
      if (gt.windowed()) { p.set("from", isoDay(st.from)); p.set("to", isoDay(st.to)); }
      if (st.article !== "") {
        p.set("article", data.articles[+st.article].id);
      } else if (data.articles.some(function (a, k) { return st.hidden[k]; })) {
        p.set("article", data.articles.filter(function (a, k) { return !st.hidden[k]; }).map(function (a) { return a.id; }).join(","));
      }
      if (st.country) { p.set("country", st.country); }
      if (st.precision) { p.set("precision", st.precision); }
      if (st.place >= 0) { p.set("place", data.places[st.place].id); }
      if (st.q) { p.set("q", st.q); }
      if (st.mentions) { p.set("mentions", "1"); }
      return p.toString();
    },

    writeLink: function () {
      var link = gt.linkParams();
      if (link === location.hash.replace(/^#/, "")) { gt.link = link; return; }
      gt.link = link;
      var url = link ? "#" + link : location.pathname + location.search;
      try {
        history.replaceState(history.state, "", url);
      } catch (err) {
        location.replace("#" + link);  // where replaceState is refused (some file: pages)
      }
    },

    readLink: function () {
      var data = gt.data, st = gt.state, p = new URLSearchParams(location.hash.replace(/^#/, ""));
      var byId = function (list, id) { for (var k = 0; k < list.length; k++) { if (list[k].id === id) { return k; } } return -1; };
      st.q = (p.get("q") || "").trim().toLowerCase();
      st.country = data.countries[p.get("country") || ""] ? p.get("country") : "";
      st.precision = p.get("precision") || "";
      st.place = p.has("place") ? byId(data.places, p.get("place")) : -1;
      st.mentions = p.get("mentions") === "1";
      st.article = "";
      st.hidden = {};
      if (p.has("article")) {
        var ids = p.get("article").split(",").filter(Boolean), ks = ids.map(function (id) { return byId(data.articles, id); })
          .filter(function (k) { return k >= 0; });
        if (ks.length === 1 && document.getElementById("gt-article")) {
          st.article = String(ks[0]);
        } else {
          data.articles.forEach(function (a, k) { st.hidden[k] = ks.indexOf(k) < 0; });
        }
      }
      if (gt.t) {
        var from = dayNum(p.get("from")), to = dayNum(p.get("to"));
        st.from = Math.max(gt.t.min, Math.min(from === null || isNaN(from) ? gt.t.min : from, gt.t.max));
        st.to = Math.max(st.from, Math.min(to === null || isNaN(to) ? gt.t.max : to, gt.t.max));
        document.getElementById("gt-from").value = st.from - gt.t.min;
        document.getElementById("gt-to").value = st.to - gt.t.min;
      }
      // the controls show the state read
      var set = function (id, prop, value) { var n = document.getElementById(id); if (n) { n[prop] = value; } };
      set("gt-filter", "value", p.get("q") || "");
      set("gt-article", "value", st.article);
      set("gt-country", "value", st.country);
      set("gt-precision", "value", st.precision);
      set("gt-mentions", "checked", st.mentions);
      document.querySelectorAll(".gt-legend input[data-article]").forEach(function (c, k) { c.checked = !st.hidden[k]; });
      gt.link = location.hash.replace(/^#/, "");
    },

    /* ---- selection, both ways ---- */
    highlight: function (indices) {
      gt.highlighted.forEach(function (i) { var r = gt.data.events[i].row; if (r) { r.classList.remove("gt-selected"); } });
      gt.highlighted = indices;
      indices.forEach(function (i) { var r = gt.data.events[i].row; if (r) { r.classList.add("gt-selected"); } });
    },

    // row (or timeline bar) -> marker: show the place and open its popup
    selectEvent: function (i, opts) {
      var e = gt.data.events[i], m = gt.markers[e.p];
      opts = opts || {};
      gt.selected = i;
      gt.highlight([i]);
      if (opts.scroll && e.row && !e.row.hidden) { e.row.scrollIntoView({block: "center"}); }
      gt.showOutline(e.place);
      gt.drawTimeline();
      if (m.shown && opts.popup !== false) {
        gt.cluster.zoomToShowLayer(m, function () { m.openPopup(); });
      }
    },

    // marker -> rows: highlight the place's visible rows and scroll to the first
    selectPlace: function (pi, scroll) {
      var data = gt.data, rows = data.places[pi].events.filter(function (i) { return data.events[i].visible; });
      gt.selected = -1;
      gt.highlight(rows);
      gt.showOutline(data.places[pi]);
      gt.drawTimeline();
      if (scroll && rows.length) {
        var first = rows.map(function (i) { return data.events[i].row; }).filter(Boolean)
          .sort(function (a, b) { return a.compareDocumentPosition(b) & 4 ? -1 : 1; })[0];
        if (first) { first.scrollIntoView({block: "center"}); }
      }
    },

    /* ---- timeline: a strip of bars, each event drawn over its interval; brush and sliders ---- */
    buildTimeline: function () {
      var section = document.getElementById("gt-timeline");
      var dated = gt.data.events.filter(function (e) { return e.s !== null; });
      if (!dated.length) { section.hidden = true; return; }
      var min = Math.min.apply(null, dated.map(function (e) { return e.s; }));
      var max = Math.max.apply(null, dated.map(function (e) { return e.e; }));
      if (max - min < 30) { min -= 15; max += 15; }
      gt.t = {min: min, max: max, v0: min, v1: max, dated: dated.sort(function (a, b) { return a.s - b.s || b.e - a.e; })};
      gt.state.from = min;
      gt.state.to = max;
      var from = document.getElementById("gt-from"), to = document.getElementById("gt-to");
      [from, to].forEach(function (r) { r.min = 0; r.max = max - min; });
      from.value = 0;
      to.value = max - min;
      var onSlide = function (moved) {
        var a = +from.value, b = +to.value;
        if (a > b) { if (moved === from) { to.value = a; b = a; } else { from.value = b; a = b; } }
        gt.setRange(min + a, min + b, true);
      };
      from.addEventListener("input", function () { onSlide(from); });
      to.addEventListener("input", function () { onSlide(to); });
      document.getElementById("gt-range-reset").addEventListener("click", function () { gt.zoom(false); gt.setRange(min, max); });
      document.getElementById("gt-zoom").addEventListener("click", function () { gt.zoom(gt.t.v0 === min && gt.t.v1 === max); });
      var canvas = gt.canvas = document.getElementById("gt-strip"), drag = null;
      canvas.addEventListener("pointerdown", function (ev) {
        drag = {x0: ev.offsetX, moved: false};
        canvas.setPointerCapture(ev.pointerId);
      });
      canvas.addEventListener("pointermove", function (ev) {
        if (!drag) { return; }
        if (Math.abs(ev.offsetX - drag.x0) > 3) { drag.moved = true; }
        if (drag.moved) {
          var a = gt.dayAt(drag.x0), b = gt.dayAt(ev.offsetX);
          gt.setRange(Math.min(a, b), Math.max(a, b), true);
        }
      });
      canvas.addEventListener("pointerup", function (ev) {
        if (drag && !drag.moved) {
          var hit = gt.eventAt(ev.offsetX, ev.offsetY);
          if (hit) { gt.selectEvent(hit.i, {scroll: true, popup: true}); }
        }
        drag = null;
      });
      window.addEventListener("resize", function () { gt.drawTimeline(); });
    },

    setRange: function (from, to, lazy) {
      var t = gt.t, st = gt.state;
      st.from = Math.max(t.min, Math.min(from, t.max));
      st.to = Math.max(st.from, Math.min(to, t.max));
      document.getElementById("gt-from").value = st.from - t.min;
      document.getElementById("gt-to").value = st.to - t.min;
      if (lazy) { gt.schedule(); } else { gt.apply(); }
    },

    // the axis shows [v0, v1]: the whole span, or the chosen range after "Zoom to range"
    zoom: function (inward) {
      var t = gt.t, st = gt.state, button = document.getElementById("gt-zoom");
      if (inward && gt.windowed()) { t.v0 = st.from; t.v1 = Math.max(st.to, st.from + 1); } else { t.v0 = t.min; t.v1 = t.max; }
      button.textContent = t.v0 === t.min && t.v1 === t.max ? "Zoom to range" : "Zoom out";
      gt.lanesFor = null;
      gt.drawTimeline();
    },

    geometry: function () {
      var c = gt.canvas, w = c.clientWidth || 600, h = c.clientHeight || 96, pad = 10, t = gt.t;
      return {w: w, h: h, pad: pad, axis: 18, x: function (d) { return pad + (d - t.v0) / (t.v1 + 1 - t.v0) * (w - 2 * pad); }};
    },

    dayAt: function (x) {
      var g = gt.geometry(), t = gt.t;
      var d = t.v0 + Math.floor((x - g.pad) / (g.w - 2 * g.pad) * (t.v1 + 1 - t.v0));
      return Math.max(t.min, Math.min(t.max, d));
    },

    // pack the bars into lanes (first lane free at the bar's start), recomputed when the width changes
    layout: function (g) {
      var key = g.w + ":" + gt.t.v0 + ":" + gt.t.v1;
      if (gt.lanesFor === key) { return; }
      var ends = [], maxLanes = 12;
      gt.t.dated.forEach(function (e) {
        var x0 = g.x(e.s), x1 = Math.max(g.x(e.e + 1), x0 + 2), lane = -1;
        for (var k = 0; k < ends.length; k++) { if (ends[k] + 1 < x0) { lane = k; break; } }
        if (lane < 0 && ends.length < maxLanes) { lane = ends.length; ends.push(0); }
        if (lane < 0) { lane = ends.indexOf(Math.min.apply(null, ends)); }
        ends[lane] = Math.max(ends[lane], x1);
        e.x0 = x0; e.x1 = x1; e.lane = lane;
      });
      gt.lanes = Math.max(1, ends.length);
      gt.lanesFor = key;
    },

    eventAt: function (x, y) {
      if (!gt.t) { return null; }
      var g = gt.geometry(), laneH = (g.h - g.axis - 4) / gt.lanes, lane = Math.floor((y - 2) / laneH), best = null;
      gt.t.dated.forEach(function (e) {
        if (e.visible && e.lane === lane && e.x0 - 2 <= x && x <= e.x1 + 2 && (!best || e.x1 - e.x0 < best.x1 - best.x0)) { best = e; }
      });
      return best;
    },

    drawTimeline: function () {
      if (!gt.t || !gt.canvas) { return; }
      var c = gt.canvas, g = gt.geometry(), dpr = window.devicePixelRatio || 1, t = gt.t, st = gt.state;
      if (c.width !== Math.round(g.w * dpr) || c.height !== Math.round(g.h * dpr)) {
        c.width = Math.round(g.w * dpr);
        c.height = Math.round(g.h * dpr);
      }
      gt.layout(g);
      var ctx = c.getContext("2d");
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, g.w, g.h);
      var laneH = (g.h - g.axis - 4) / gt.lanes, barH = Math.max(1.5, Math.min(7, laneH - 1));
      var drawBar = function (e) { ctx.fillRect(e.x0, 2 + e.lane * laneH, e.x1 - e.x0, barH); };
      ctx.fillStyle = "#d0d7de";
      t.dated.forEach(function (e) { if (!e.visible) { drawBar(e); } });
      t.dated.forEach(function (e) { if (e.visible) { ctx.fillStyle = e.article.color; drawBar(e); } });
      if (gt.selected >= 0) {
        var sel = gt.data.events[gt.selected];
        if (sel.s !== null) {
          ctx.strokeStyle = "#1b1f24";
          ctx.lineWidth = 1.5;
          ctx.strokeRect(sel.x0 - 1, 1 + sel.lane * laneH, sel.x1 - sel.x0 + 2, barH + 2);
        }
      }
      // the chosen range: everything outside it is veiled
      if (gt.windowed()) {
        var a = g.x(st.from), b = g.x(st.to + 1);
        ctx.fillStyle = "rgba(246,248,250,0.75)";
        ctx.fillRect(0, 0, a, g.h - g.axis);
        ctx.fillRect(b, 0, g.w - b, g.h - g.axis);
        ctx.strokeStyle = "#1f6feb";
        ctx.lineWidth = 1.5;
        ctx.strokeRect(a, 0.75, b - a, g.h - g.axis - 1.5);
      }
      gt.drawAxis(ctx, g);
      var label = document.getElementById("gt-range-label");
      if (label) {
        label.textContent = (gt.windowed() ? "" : "All dates: ") + isoDay(st.from) + " – " + isoDay(st.to) +
          " · " + gt.shown + " of " + gt.total() + " events";
      }
    },

    drawAxis: function (ctx, g) {
      var t = {min: gt.t.v0, max: gt.t.v1}, y = g.h - g.axis, maxTicks = Math.max(2, Math.floor(g.w / 80));
      ctx.strokeStyle = "#8c959f";
      ctx.fillStyle = "#57606a";
      ctx.lineWidth = 1;
      ctx.font = "11px system-ui, sans-serif";
      ctx.beginPath();
      ctx.moveTo(g.pad, y + 0.5);
      ctx.lineTo(g.w - g.pad, y + 0.5);
      ctx.stroke();
      C.ticks(t.min, t.max, maxTicks).forEach(function (tick) {
        var x = g.x(tick.day), text = tick.text;
        ctx.beginPath();
        ctx.moveTo(x + 0.5, y);
        ctx.lineTo(x + 0.5, y + 4);
        ctx.stroke();
        if (x + ctx.measureText(text).width < g.w) { ctx.fillText(text, x + 2, y + 14); }
      });
    }
  };
  window.geotimeline = gt;
})();
