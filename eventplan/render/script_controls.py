"""Page script, part 3: the phase switch, layer switches, legend, plan figures and start-up.

When the map is built the page sets ``window.__eventplanReady = true``; tests and the
benchmark wait for it. ``window.__eventplan`` gives them (and curious users) a small handle:
the current phase, ``showPhase(i)``, ``setVisible(category, on)`` and layer counts.
"""

SCRIPT = r"""
function days() {
  var out = [];
  D.phases.forEach(function (p) { if (out.indexOf(p.day) < 0) { out.push(p.day); } });
  return out;
}

var PhaseControl = L.Control.extend({
  options: {position: "topright"},
  onAdd: function () {
    var box = el("div", "ep-panel ep-phases");
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    el("div", "ep-head", T.phase, box);
    var allDays = days(), select = null, list;
    if (allDays.length > 1) {
      var row = el("label", "ep-day", T.day + " ", box);
      select = el("select", null, null, row);
      allDays.forEach(function (d) { el("option", null, d, select).value = d; });
      select.addEventListener("change", function () {
        var wanted = D.phases[current] ? D.phases[current].id : null, first = -1;
        for (var i = 0; i < D.phases.length; i++) {
          if (D.phases[i].day !== select.value) { continue; }
          if (first < 0) { first = i; }
          if (D.phases[i].id === wanted) { first = i; break; }
        }
        showPhase(first);
      });
    }
    list = el("div", "ep-radios", null, box);
    function radios(w) {
      var day = D.phases[w].day;
      if (select) { select.value = day; }
      list.textContent = "";
      D.phases.forEach(function (p, i) {
        if (p.day !== day) { return; }
        var row = el("label", null, null, list);
        var input = el("input", null, null, row);
        input.type = "radio"; input.name = "ep-phase"; input.value = String(i);
        input.checked = i === w;
        input.addEventListener("change", function () { if (input.checked) { showPhase(i); } });
        txt(row, " " + p.id + " " + p.from + "–" + p.to);
      });
    }
    phaseListeners.push(radios);
    el("div", "ep-head", T.layers, box);
    CATEGORIES.forEach(function (c) {
      var row = el("label", null, null, box);
      var input = el("input", null, null, row);
      input.type = "checkbox"; input.name = "ep-layer"; input.value = c; input.checked = visible[c];
      input.addEventListener("change", function () { setVisible(c, input.checked); });
      txt(row, " " + T[c]);
    });
    return box;
  }
});

function legendRow(box, draw, text) {
  var row = el("div", "ep-row", null, box);
  draw(svg(28, 14, row));
  txt(row, text);
}
function line(color, width, dash) {
  return function (s) {
    var attrs = {x1: 2, y1: 7, x2: 26, y2: 7, stroke: color, "stroke-width": width};
    if (dash) { attrs["stroke-dasharray"] = dash; }
    shape(s, "line", attrs);
  };
}
function circle(fillColor, stroke, r, dash) {
  return function (s) {
    var attrs = {cx: 14, cy: 7, r: r, fill: fillColor, stroke: stroke, "stroke-width": 1.5};
    if (dash) { attrs["stroke-dasharray"] = dash; }
    shape(s, "circle", attrs);
  };
}

var Legend = L.Control.extend({
  options: {position: "bottomright"},
  onAdd: function () {
    var box = el("details", "ep-panel ep-legend");
    box.open = true;
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    el("summary", null, T.legend, box);
    STATUS_COLORS.forEach(function (color, code) {
      legendRow(box, circle(color, "#212121", 5), T[STATUS_TEXT[code]]);
    });
    if (D.patrols.length) {
      legendRow(box, function (s) {
        line(PALETTE[0], 3)(s);
        shape(s, "path", {d: "M11,3 L19,7 L11,11 L13,7 Z", fill: PALETTE[0]});
      }, T.patrol_route);
    }
    if (D.standby.length) {
      legendRow(box, circle("#0d47a1", "#ffffff", 5.5), T.standby_point);
      D.reach.minutes.forEach(function (m, b) {
        legendRow(box, line(REACH_COLORS[b], 8), fill(T.reach_within, {m: num(m)}));
      });
      var keys = Object.keys(D.reach.unreached).sort(function (x, y) { return +x - +y; });
      if (keys.length && D.reach.unreached[keys[keys.length - 1]].length) {
        legendRow(box, circle("none", "#c62828", 5, "2 2"),
          fill(T.unreached, {m: keys[keys.length - 1]}));
      }
    }
    if (D.drones.length) { legendRow(box, circle("#ce93d8", "#6a1b9a", 6, "3 2"), T.drone_watch); }
    if (D.egress.length) {
      legendRow(box, line("#d500f9", 6), T.bottleneck);
      legendRow(box, line("#2e7d32", 3), T.egress + ": " + T.target_met);
      legendRow(box, line("#c62828", 3, "5 3"), T.egress + ": " + T.target_missed);
    }
    D.edgeKinds.forEach(function (kind, k) {
      if (!D.edges.some(function (e) { return e[2] === k; })) { return; }
      var st = EDGE_STYLES[kind] || EDGE_STYLES.walkway;
      legendRow(box, line(st.color, st.weight, st.dashArray), T["edge_" + kind] || kind);
    });
    return box;
  }
});

function figures(box, title, values, name) {
  var keys = Object.keys(values || {});
  if (!keys.length) { return; }
  var row = el("div", null, null, box);
  el("b", null, title + ": ", row);
  txt(row, keys.map(function (k) { return name(k) + " " + values[k]; }).join(" · "));
}

var Figures = L.Control.extend({
  options: {position: "bottomleft"},
  onAdd: function () {
    var box = el("details", "ep-panel ep-kpis");
    box.open = true;
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    el("summary", null, T.kpis, box);
    var k = D.kpis, prio = function (p) { return T["prio_" + p] || p; };
    var share = {};
    Object.keys(k.coverage || {}).forEach(function (p) { share[p] = pct(k.coverage[p]); });
    figures(box, T.coverage, share, prio);
    var hours = {};
    Object.keys(k.uncovered_person_hours || {}).forEach(function (p) {
      if (k.uncovered_person_hours[p] > 0) { hours[p] = num(k.uncovered_person_hours[p]); }
    });
    figures(box, T.uncovered, hours, prio);
    figures(box, T.staff_used, k.staff, roleName);
    if (k.cost !== undefined) { figures(box, T.cost, {"": num(k.cost)}, String); }
    var reach = {};
    Object.keys(D.reach.share).forEach(function (m) { reach[m] = pct(D.reach.share[m]); });
    figures(box, T.reach, reach, function (m) { return "≤" + fill(T.minutes, {m: m}); });
    if (!box.children.length || box.children.length === 1) { box.style.display = "none"; }
    return box;
  }
});

function initialPhase() {
  var best = 0, bestCount = -1;
  D.status.forEach(function (codes, w) {
    var count = 0;
    for (var i = 0; i < codes.length; i++) { if (codes.charAt(i) !== "0") { count++; } }
    if (count > bestCount) { best = w; bestCount = count; }
  });
  return best;
}

function fitVenue(panels) {
  var points = D.nodes.map(function (n) { return [n[0], n[1]]; });
  D.zones.forEach(function (z) { points = points.concat(z.poly); });
  if (!points.length) { return; }
  var size = map.getSize(), title = document.getElementById("ep-title");
  var right = Math.max(panels[0].offsetWidth, panels[1].offsetWidth) + 20;
  var top = (title ? title.offsetHeight + 16 : 0) + 12;
  var bottom = panels[2].offsetHeight + 20;
  map.fitBounds(L.latLngBounds(points), {
    paddingTopLeft: [60, Math.min(top, size.y * 0.3)],
    paddingBottomRight: [Math.min(right, size.x * 0.4), Math.min(bottom, size.y * 0.3)],
    animate: false
  });
}
var panels = [new PhaseControl(), new Legend(), new Figures()].map(function (c) {
  return c.addTo(map).getContainer();
});
if (map.getSize().y < 700) { panels[1].open = false; }
fitVenue(panels);
map.attributionControl.setPrefix("Leaflet");
showPhase(initialPhase());

function layersOf(kind) {
  var out = [];
  map.eachLayer(function (l) { if (l.options && l.options.epKind === kind) { out.push(l); } });
  return out;
}
window.__eventplan = {
  map: map,
  data: D,
  phase: function () { return current; },
  showPhase: showPhase,
  fit: function () { fitVenue(panels); },
  setVisible: setVisible,
  count: function (kind) { return layersOf(kind).length; },
  focus: function (kind, id) {
    var found = layersOf(kind).filter(function (l) { return l.options.epId === id; })[0];
    if (found) {
      map.setView(found.getLatLng ? found.getLatLng() : found.getBounds().getCenter(),
        Math.max(map.getZoom(), 20), {animate: false});
    }
    return !!found;
  },
  point: function (kind, id) {
    var found = layersOf(kind).filter(function (l) { return l.options.epId === id; })[0];
    if (!found) { return null; }
    var at = found.getLatLng ? found.getLatLng() : found.getCenter();
    var p = map.latLngToContainerPoint(at);
    var box = map.getContainer().getBoundingClientRect();
    return [p.x + box.left, p.y + box.top];
  }
};
window.__eventplanReadyMs = performance.now();
window.__eventplanReady = true;
"""
