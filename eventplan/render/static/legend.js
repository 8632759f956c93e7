// The legend: what each colour and shape on the map means, for the layers shown. Rows belong
// to a layer and hide with it, so the legend at the first view explains the first view, and a
// layer switched on brings its rows. Only what this plan holds is listed: a venue without
// stairs has no stairs in its legend.
//
// Needs: Leaflet (L), makeDom(), makeColors(), readPlan(), makeLayers().
// Gives: makeLegend(dom, colors, plan, layers, panel): the legend control.

/* global L */
/* exported makeLegend */
function makeLegend(dom, colors, plan, layers, panel) {
  "use strict";
  var el = dom.el, txt = dom.txt, fill = dom.fill, num = dom.num;
  var svg = dom.svg, shape = dom.shape;
  var D = plan.data, T = plan.text;
  var STATUS_COLORS = colors.STATUS_COLORS, PALETTE = colors.PALETTE;
  var REACH_COLORS = colors.REACH_COLORS, EDGE_STYLES = colors.EDGE_STYLES;
  var rows = [];

  function legendRow(box, category, draw, text) {
    var row = el("div", "ep-row", null, box);
    row.setAttribute("data-layer", category);
    draw(svg(28, 14, row));
    txt(row, text);
    rows.push(row);
    return row;
  }
  function line(color, width, dash, opacity) {
    return function (s) {
      var attrs = {x1: 2, y1: 7, x2: 26, y2: 7, stroke: color, "stroke-width": width};
      if (dash) { attrs["stroke-dasharray"] = dash; }
      if (opacity) { attrs["stroke-opacity"] = opacity; }
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
  function area(fillColor, stroke, dash, fillOpacity) {
    return function (s) {
      var attrs = {x: 3, y: 2, width: 22, height: 10, rx: 1, fill: fillColor,
        stroke: stroke || "none", "stroke-width": 1.5, "fill-opacity": fillOpacity || 1};
      if (dash) { attrs["stroke-dasharray"] = dash; }
      shape(s, "rect", attrs);
    };
  }
  function icon(path, fillColor, stroke, scale) {
    return function (s) {
      shape(s, "path", {d: path, fill: fillColor, stroke: stroke, "stroke-width": 1.2,
        transform: "translate(14,7) scale(" + scale + ")"});
    };
  }

  function postRows(box) {
    STATUS_COLORS.forEach(function (color, code) {
      legendRow(box, "posts", circle(color, "#212121", 5), T[colors.STATUS_TEXT[code]]);
    });
    if (D.queues.length) {
      legendRow(box, "posts", function (s) {
        shape(s, "circle", {cx: 14, cy: 7, r: 4.5, fill: STATUS_COLORS[1],
          stroke: colors.QUEUE_OVER, "stroke-width": 3});
      }, fill(T.queue_over, {m: num(D.queueLimit)}));
    }
    if (D.replanVersion) {
      legendRow(box, "posts", function (s) {
        shape(s, "circle", {cx: 14, cy: 7, r: 4.5, fill: STATUS_COLORS[1],
          stroke: colors.CHANGED, "stroke-width": 3});
      }, fill(T.post_changed, {v: num(D.replanVersion)}));
    }
  }

  function sectorRows(box) {
    D.sectors.forEach(function (s) {
      if (!s.area || !s.area.length) { return; }
      var c = layers.sectorColor(s);
      legendRow(box, "sectors", function (g) {
        area(c, c, "3 2", 0.18)(g);
        shape(g, "circle", {cx: 14, cy: 7, r: 4, fill: "none", stroke: c, "stroke-width": 2});
      }, T.sector + ": " + layers.sectorTitle(s));
    });
  }

  function commandRows(box) {
    if (D.command) {
      legendRow(box, "command", function (s) {
        shape(s, "rect", {x: 8, y: 1, width: 12, height: 12, rx: 2, fill: colors.COMMAND});
        icon(colors.STAR, "#ffffff", "none", 0.8)(s);
      }, T.command_post);
    }
    if (!D.reserves.length) { return; }
    legendRow(box, "command", icon(colors.DIAMOND, colors.RESERVE, "#ffffff", 0.9), T.reserve);
    if (D.reserves.some(function (r) { return /[23]/.test(r.status); })) {
      legendRow(box, "command", function (s) {
        shape(s, "path", {d: colors.DIAMOND, fill: colors.RESERVE, stroke: colors.SHORT_EDGE,
          "stroke-width": 1.5, "stroke-dasharray": "2 1.5",
          transform: "translate(14,7) scale(0.9)"});
      }, T.reserve_short);
    }
  }

  function forceRows(box) {
    if (D.patrols.length) {
      legendRow(box, "patrols", function (s) {
        line(PALETTE[0], 3)(s);
        shape(s, "path", {d: "M11,3 L19,7 L11,11 L13,7 Z", fill: PALETTE[0]});
      }, T.patrol_route);
    }
    if (D.standby.length) {
      legendRow(box, "standby", circle("#0d47a1", "#ffffff", 4.5), T.standby_point);
      D.reach.minutes.forEach(function (m, b) {
        legendRow(box, "reach", line(REACH_COLORS[b], 8, null, 0.6),
          fill(T.reach_within, {m: num(m)}));
      });
      var unreached = plan.widestUnreached();
      if (unreached && unreached.nodes.length) {
        legendRow(box, "reach", circle("none", "#c62828", 5, "2 2"),
          fill(T.unreached, {m: unreached.minutes}));
      }
    }
    if (D.drones.length) {
      legendRow(box, "drones", circle("#ce93d8", "#6a1b9a", 6, "3 2"), T.drone_watch);
    }
  }

  function venueRows(box) {
    if (D.zones.some(function (z) { return z.poly.length >= 3; })) {
      legendRow(box, "venue", area("#b39ddb", "#7e57c2", null, 0.35), T.zone_area);
    }
    if (D.egress.length) {
      legendRow(box, "egress", line("#d500f9", 6), T.bottleneck);
      legendRow(box, "egress", line("#2e7d32", 3), T.egress + ": " + T.target_met);
      legendRow(box, "egress", line("#c62828", 3, "5 3"), T.egress + ": " + T.target_missed);
    }
    D.edgeKinds.forEach(function (kind, k) {
      if (!D.edges.some(function (e) { return e[2] === k; })) { return; }
      var st = EDGE_STYLES[kind] || EDGE_STYLES.walkway;
      legendRow(box, "walkways", line(st.color, st.weight, st.dashArray),
        T["edge_" + kind] || kind);
    });
  }

  function groundRows(box) {
    var G = D.ground;
    if (!G) { return; }
    G.kinds.forEach(function (kind) {
      var text = T["ground_" + kind] || kind;
      if (G.areas[kind]) {
        var st = colors.GROUND_AREAS[kind];
        legendRow(box, "ground", area(st.fillColor, st.weight ? st.color : null, null,
          st.fillOpacity), text);
      } else {
        var styles = colors.GROUND_LINES[kind];
        legendRow(box, "ground", function (s) {
          area(colors.GROUND_AREAS.building.fillColor)(s);  // light lines need a ground
          styles.forEach(function (st) { line(st.color, Math.min(st.weight, 8))(s); });
        }, text);
      }
    });
  }

  function show(category, on) {
    rows.forEach(function (row) {
      if (row.getAttribute("data-layer") === category) { row.style.display = on ? "" : "none"; }
    });
  }

  var Legend = L.Control.extend({
    options: {position: "bottomright"},
    onAdd: function () {
      var box = panel("details", "ep-legend");
      box.open = true;
      el("summary", null, T.legend, box);
      postRows(box);
      sectorRows(box);
      commandRows(box);
      forceRows(box);
      venueRows(box);
      groundRows(box);
      layers.CATEGORIES.forEach(function (c) { show(c, layers.isVisible(c)); });
      layers.onVisible(show);
      return box;
    }
  });
  return new Legend();
}
