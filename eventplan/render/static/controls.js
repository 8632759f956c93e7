// The map's panels: the phase switch (with a day list for events of several days) and layer
// switches, the legend (legend.js), and the plan's figures and rules; and fitting the venue
// between them.
//
// Needs: Leaflet (L), makeDom(), makeColors(), readPlan(), makeLayers(), makeLegend().
// Gives: addControls(map, dom, colors, plan, layers).

/* global L */
/* exported addControls */
function addControls(map, dom, colors, plan, layers) {
  "use strict";
  var el = dom.el, txt = dom.txt, fill = dom.fill, num = dom.num, pct = dom.pct;
  var D = plan.data, T = plan.text;

  function panel(tag, cls) {
    var box = el(tag, "ep-panel " + cls);
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    return box;
  }

  // A day list when the event has several days: picking a day shows the same phase on it,
  // or its first phase.
  function daySelect(box, allDays) {
    var row = el("label", "ep-day", T.day + " ", box);
    var select = el("select", null, null, row);
    allDays.forEach(function (d) { el("option", null, d, select).value = d; });
    select.addEventListener("change", function () {
      var shown = D.phases[layers.phase()], wanted = shown ? shown.id : null, first = -1;
      for (var i = 0; i < D.phases.length; i++) {
        if (D.phases[i].day !== select.value) { continue; }
        if (first < 0) { first = i; }
        if (D.phases[i].id === wanted) { first = i; break; }
      }
      layers.showPhase(first);
    });
    return select;
  }

  // One radio button per phase of the shown day, redrawn whenever the phase changes.
  function phaseRadios(box, select) {
    var list = el("div", "ep-radios", null, box);
    layers.onPhase(function (w) {
      var day = D.phases[w].day;
      if (select) { select.value = day; }
      list.textContent = "";
      D.phases.forEach(function (p, i) {
        if (p.day !== day) { return; }
        var row = el("label", null, null, list);
        var input = el("input", null, null, row);
        input.type = "radio"; input.name = "ep-phase"; input.value = String(i);
        input.checked = i === w;
        input.addEventListener("change", function () {
          if (input.checked) { layers.showPhase(i); }
        });
        txt(row, " " + p.id + " " + p.from + "–" + p.to);
      });
    });
  }

  function layerSwitches(box) {
    layers.CATEGORIES.forEach(function (c) {
      var row = el("label", null, null, box);
      var input = el("input", null, null, row);
      input.type = "checkbox"; input.name = "ep-layer"; input.value = c;
      input.checked = layers.isVisible(c);
      input.addEventListener("change", function () { layers.setVisible(c, input.checked); });
      txt(row, " " + (T["layer_" + c] || T[c]));
    });
  }

  var PhaseControl = L.Control.extend({
    options: {position: "topright"},
    onAdd: function () {
      var box = panel("div", "ep-phases");
      el("div", "ep-head", T.phase, box);
      var allDays = plan.days();
      phaseRadios(box, allDays.length > 1 ? daySelect(box, allDays) : null);
      el("div", "ep-head", T.layers, box);
      layerSwitches(box);
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

  function figureRows(box) {
    var k = D.kpis, prio = function (p) { return T["prio_" + p] || p; };
    var share = {};
    Object.keys(k.coverage || {}).forEach(function (p) { share[p] = pct(k.coverage[p]); });
    figures(box, T.coverage, share, prio);
    var hours = {};
    Object.keys(k.uncovered_person_hours || {}).forEach(function (p) {
      if (k.uncovered_person_hours[p] > 0) { hours[p] = num(k.uncovered_person_hours[p]); }
    });
    figures(box, T.uncovered, hours, prio);
    figures(box, T.staff_used, k.staff, plan.roleName);
    if (k.cost !== undefined) { figures(box, T.cost, {"": num(k.cost)}, String); }
    var reach = {};
    Object.keys(D.reach.share).forEach(function (m) { reach[m] = pct(D.reach.share[m]); });
    figures(box, T.reach, reach, function (m) { return "≤" + fill(T.minutes, {m: m}); });
    ruleRows(box);
  }

  function listRow(box, title, items, cls) {
    if (!items.length) { return; }
    var row = el("div", cls, null, box);
    el("b", null, title + ": ", row);
    txt(row, items.join(" · "));
  }

  // The rules the plan was made under: no-handover windows and supervision.
  function ruleRows(box) {
    var postName = {};
    D.posts.forEach(function (p) { postName[p.id] = p.name || p.id; });
    var roles = function (list) { return list.map(plan.roleName).join(" / "); };
    listRow(box, T.no_handover, D.rules.noHandover.map(function (h) {
      return h[0] + " " + h[1] + "–" + h[2] + (h[3] ? " (" + h[3] + ")" : "");
    }), "ep-no-handover");
    listRow(box, T.supervision, D.rules.supervision.map(function (r) {
      var text = r[2] !== null ? fill(T.supervision_ratio, {roles: roles(r[0]),
        by: roles(r[1]), n: num(r[2])}) : fill(T.supervision_present, {roles: roles(r[0]),
        by: roles(r[1])});
      var where = r[3] === "venue" ? T.scope_venue : r[4].length ?
        fill(T.at_posts, {posts: r[4].map(function (p) { return postName[p] || p; }).join(", ")}) :
        T.scope_post;
      return text + " (" + where + ")";
    }), "ep-supervision");
  }

  var Figures = L.Control.extend({
    options: {position: "bottomleft"},
    onAdd: function () {
      var box = panel("details", "ep-kpis");
      box.open = true;
      el("summary", null, T.kpis, box);
      figureRows(box);
      if (!box.children.length || box.children.length === 1) { box.style.display = "none"; }
      return box;
    }
  });

  // The whole venue in view, clear of the title and of the panels on either side.
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

  var legend = makeLegend(dom, colors, plan, layers, panel);
  var panels = [new PhaseControl(), legend, new Figures()].map(function (c) {
    return c.addTo(map).getContainer();
  });
  if (map.getSize().y < 700) { panels[1].open = false; }
  return {fit: function () { fitVenue(panels); }};
}
