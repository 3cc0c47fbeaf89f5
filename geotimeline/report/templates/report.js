/* geotimeline report: links the Leaflet map and the event table both ways.
   Article text reaches this script only as JSON data and is shown with textContent. */
(function () {
  "use strict";
  var gt = {
    basemaps: {},
    markers: {},
    map: null,
    config: {},
    configure: function (config) { gt.config = config || {}; },

    addPlaces: function (map, places) {
      gt.map = map;
      var group = L.featureGroup();
      places.forEach(function (p) {
        var area = p.feature === "country" || p.feature === "region" || p.feature === "continent";
        var style = area
          ? {radius: 11, color: "#8250df", weight: 2, fillColor: "#c297ff", fillOpacity: 0.35}
          : p.feature === "city" || p.feature === "capital"
            ? {radius: 7, color: "#0b4f9c", weight: 2, fillColor: "#1f6feb", fillOpacity: 0.8}
            : {radius: 9, color: "#1a7f37", weight: 2, fillColor: "#4ac26b", fillOpacity: 0.55};
        var marker = L.circleMarker([p.lat, p.lon], style);
        marker.bindPopup(function () { return gt.popup(p); }, {maxWidth: 320});
        marker.bindTooltip(p.name);
        marker.on("click", function () { gt.selectPlace(p.id, true); });
        marker.addTo(group);
        gt.markers[p.id] = marker;
      });
      group.addTo(map);
      var names = Object.keys(gt.basemaps);
      if (names.length) {
        L.control.layers(gt.basemaps, {"Event places": group}, {collapsed: true}).addTo(map);
      }
      if (map.attributionControl && gt.config.attribution) {
        map.attributionControl.addAttribution(gt.config.attribution);
      }
      if (places.length) { map.fitBounds(group.getBounds(), {padding: [20, 20], maxZoom: 6}); }
      gt.wireTable();
      return group;
    },

    popup: function (p) {
      var box = document.createElement("div");
      box.className = "gt-popup";
      var h = document.createElement("h3");
      h.textContent = p.name;
      box.appendChild(h);
      var meta = document.createElement("p");
      meta.textContent = p.feature + (p.country ? " · " + p.country : "") + " · " + p.events.length + " event(s)";
      box.appendChild(meta);
      var list = document.createElement("ul");
      p.events.forEach(function (ev) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.textContent = ev.date + " — " + ev.article;
        a.setAttribute("role", "link");
        a.tabIndex = 0;
        a.addEventListener("click", function () { gt.selectRow(ev.id, true); });
        li.appendChild(a);
        list.appendChild(li);
      });
      box.appendChild(list);
      return box;
    },

    rows: function () { return Array.prototype.slice.call(document.querySelectorAll("#gt-events tbody tr")); },

    clearSelection: function () {
      gt.rows().forEach(function (r) { r.classList.remove("gt-selected"); });
    },

    // marker -> rows: highlight every row of the place and scroll to the first visible one
    selectPlace: function (placeId, scroll) {
      gt.clearSelection();
      var first = null;
      gt.rows().forEach(function (r) {
        if (r.getAttribute("data-place") === placeId) {
          r.classList.add("gt-selected");
          if (!first && r.style.display !== "none") { first = r; }
        }
      });
      if (first && scroll) { first.scrollIntoView({block: "center"}); }
    },

    // row -> marker: fly to the place and open its popup
    selectRow: function (eventId, scroll) {
      var row = document.getElementById("ev-" + eventId);
      if (!row) { return; }
      gt.clearSelection();
      row.classList.add("gt-selected");
      if (scroll) { row.scrollIntoView({block: "center"}); }
      var marker = gt.markers[row.getAttribute("data-place")];
      if (marker && gt.map) {
        var zoom = Math.max(gt.map.getZoom(), 5);
        gt.map.flyTo(marker.getLatLng(), zoom, {duration: 0.6});
        marker.openPopup();
      }
    },

    wireTable: function () {
      gt.rows().forEach(function (row) {
        var go = function () { gt.selectRow(row.getAttribute("data-event"), false); };
        row.addEventListener("click", go);
        row.addEventListener("keydown", function (e) {
          if (e.key === "Enter" || e.key === " ") { e.preventDefault(); go(); }
          if (e.key === "ArrowDown" && row.nextElementSibling) { e.preventDefault(); row.nextElementSibling.focus(); }
          if (e.key === "ArrowUp" && row.previousElementSibling) { e.preventDefault(); row.previousElementSibling.focus(); }
        });
      });
      var filter = document.getElementById("gt-filter");
      var article = document.getElementById("gt-article");
      var apply = function () {
        var q = (filter.value || "").toLowerCase();
        var a = article.value;
        var shown = 0;
        gt.rows().forEach(function (r) {
          var ok = (!q || r.textContent.toLowerCase().indexOf(q) >= 0) && (!a || r.getAttribute("data-article") === a);
          r.style.display = ok ? "" : "none";
          if (ok) { shown += 1; }
        });
        document.getElementById("gt-count").textContent = shown + " of " + gt.rows().length + " events";
      };
      filter.addEventListener("input", apply);
      article.addEventListener("change", apply);
      apply();
    }
  };
  window.geotimeline = gt;
})();
