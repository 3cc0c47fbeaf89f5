/* Helpers shared by the report page (report.js) and the briefing page (briefing.js). */
(function () {
  "use strict";
  var DAY = 86400000;
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var STEPS = [["d", 1], ["d", 2], ["d", 7], ["d", 14], ["m", 1], ["m", 2], ["m", 3], ["m", 6],
               ["y", 1], ["y", 2], ["y", 5], ["y", 10], ["y", 25], ["y", 50], ["y", 100], ["y", 500]];

  function dayNum(iso) {
    if (!iso) { return null; }
    var p = iso.split("-"), d = new Date(0);
    d.setUTCFullYear(+p[0], +p[1] - 1, +p[2]);
    return Math.round(d.getTime() / DAY);
  }

  window.gtCommon = {
    DAY: DAY,
    MONTHS: MONTHS,
    KIND_LABELS: {city: "city or town", capital: "capital", region: "region, state or district",
                  country: "country or continent", feature: "sea, river, mountains…"},
    readJSON: function (id) { return JSON.parse(document.getElementById(id).textContent); },
    // the offline basemap: country outlines, and the US state borders when the page has them
    basemap: function (outlines) {
      var group = L.featureGroup([L.geoJSON(outlines, {interactive: false,
        style: {color: "#8a94a6", weight: 0.7, fillColor: "#eef1f5", fillOpacity: 1}})]);
      var borders = document.getElementById("gt-us-borders");
      if (borders) {
        group.addLayer(L.geoJSON(JSON.parse(borders.textContent), {interactive: false,
          style: {color: "#a3acb9", weight: 0.6, fill: false}}));
      }
      return group;
    },
    el: function (tag, cls, text) {
      var n = document.createElement(tag);
      if (cls) { n.className = cls; }
      if (text !== undefined && text !== null) { n.textContent = text; }
      return n;
    },
    dayNum: dayNum,
    isoDay: function (n) {
      var d = new Date(n * DAY), y = d.getUTCFullYear();
      return (y < 1000 ? ("000" + y).slice(-4) : y) + "-" + ("0" + (d.getUTCMonth() + 1)).slice(-2) + "-" + ("0" + d.getUTCDate()).slice(-2);
    },
    // an article's name for a reader: its title (shortened), the full title and file on hover
    articleHover: function (a) { return a.title + "\nfile: " + a.file + (a.file.replace(/\.[^.]*$/, "") === a.id ? "" : " (id " + a.id + ")"); },
    // a place's marker: coloured by its articles (several: a pie), shaped by its kind
    pin: function (kind, colors, size) {
      var dot = document.createElement("span");
      if (colors.length === 1) {
        dot.style.background = colors[0];
      } else {
        var step = 360 / colors.length;
        dot.style.background = "conic-gradient(" + colors.map(function (c, k) {
          return c + " " + (k * step) + "deg " + ((k + 1) * step) + "deg";
        }).join(", ") + ")";
      }
      return L.divIcon({className: "gt-pin gt-pin-" + kind, html: dot, iconSize: [size, size]});
    },
    // axis ticks over days [v0, v1], at most maxTicks: [{day, text}] on whole days, months or years
    ticks: function (v0, v1, maxTicks) {
      var span = v1 + 1 - v0, approx = {d: 1, m: 30.44, y: 365.25}, step = STEPS[STEPS.length - 1];
      for (var k = 0; k < STEPS.length; k++) {
        if (span / (approx[STEPS[k][0]] * STEPS[k][1]) <= maxTicks) { step = STEPS[k]; break; }
      }
      var days = [], d0 = new Date(v0 * DAY), y0 = d0.getUTCFullYear(), m0 = d0.getUTCMonth();
      if (step[0] === "d") {
        for (var dd = v0; dd <= v1; dd += step[1]) { days.push(dd); }
      } else if (step[0] === "m") {
        for (var mm = y0 * 12 + m0; ; mm += 1) {
          if (mm % step[1]) { continue; }
          var dm = dayNum(Math.floor(mm / 12) + "-" + (mm % 12 + 1) + "-1");
          if (dm > v1) { break; }
          if (dm >= v0) { days.push(dm); }
        }
      } else {
        for (var yy = Math.ceil(y0 / step[1]) * step[1]; ; yy += step[1]) {
          var dy = dayNum(yy + "-1-1");
          if (dy > v1) { break; }
          if (dy >= v0) { days.push(dy); }
        }
      }
      return days.map(function (tick, i) {
        var d = new Date(tick * DAY);
        var text = step[0] === "y" ? String(d.getUTCFullYear())
          : step[0] === "m" ? MONTHS[d.getUTCMonth()] + (d.getUTCMonth() === 0 || i === 0 ? " " + d.getUTCFullYear() : "")
            : d.getUTCDate() + " " + MONTHS[d.getUTCMonth()] + (i === 0 ? " " + d.getUTCFullYear() : "");
        return {day: tick, text: text};
      });
    },
    // a date as a reader says it: "13 Mar 2015", "Mar 2015", "2015", "week of 24 Feb 2020"
    humanDate: function (e) {
      if (e.label) { return e.label; }
      if (!e.start) { return e.date || "undated"; }
      var s = new Date(dayNum(e.start) * DAY), y = s.getUTCFullYear(), m = MONTHS[s.getUTCMonth()];
      var p = e.precision;
      if (p === "day") { return s.getUTCDate() + " " + m + " " + y; }
      if (p === "week") { return "week of " + s.getUTCDate() + " " + m + " " + y; }
      if (p === "month") { return m + " " + y; }
      if (p === "year") { return String(y); }
      if (p === "decade") { return y + "s"; }
      var f = new Date(dayNum(e.end || e.start) * DAY);
      return m + (f.getUTCFullYear() === y ? "" : " " + y) + " – " + MONTHS[f.getUTCMonth()] + " " + f.getUTCFullYear();
    }
  };
})();
