// The map's layers and the switch between phase windows.
//
// Two canvas renderers keep thousands of markers fast: a non-interactive one for the venue's
// ways, zone areas and reach highlights, and an interactive one above it for everything that
// opens a popup. A phase window's layers are built the first time it is shown; switching phase
// removes one window's layers and adds the next one's in a fixed order, so posts stay on top.
// Patrol direction arrows are small inline SVG icons, rotated once: Web Mercator keeps angles,
// so an arrow's bearing on screen is the same at every zoom. The command post and reserves,
// few, are SVG icons in Leaflet's marker pane, above both canvases.
//
// Needs: Leaflet (L), makeDom(), makeColors(), readPlan(), makePopups().
// Gives: makeLayers(map, dom, colors, plan, popups).

/* global L */
/* exported makeLayers */
function makeLayers(map, dom, colors, plan, popups) {
  "use strict";
  var el = dom.el, fill = dom.fill, num = dom.num;
  var D = plan.data, T = plan.text, ll = plan.ll;
  var STATUS_COLORS = colors.STATUS_COLORS, PALETTE = colors.PALETTE;
  var REACH_COLORS = colors.REACH_COLORS, EDGE_STYLES = colors.EDGE_STYLES;
  var DRONE_RADIUS_M = 60;
  var CATEGORIES = ["posts", "command", "patrols", "standby", "drones", "egress", "venue"];
  var visible = {posts: true, command: true, patrols: true, standby: true, drones: true,
    egress: true, venue: true};
  map.createPane("epBase").style.zIndex = 390;
  map.getPane("epBase").style.pointerEvents = "none";
  map.createPane("epTop").style.zIndex = 410;
  var baseR = L.canvas({pane: "epBase", padding: 0.3});
  var topR = L.canvas({pane: "epTop", padding: 0.3, tolerance: 3});
  var degree = D.nodes.map(function () { return 0; });
  D.edges.forEach(function (e) { degree[e[0]] += 1; degree[e[1]] += 1; });

  function label(latlng, text, cls) {
    var span = el("span", null, text);
    return L.marker(latlng, {interactive: false, keyboard: false,
      icon: L.divIcon({className: "ep-label " + (cls || ""), html: span, iconSize: null})});
  }
  function lazyText(text) { return function () { return el("span", null, text); }; }

  function buildVenue() {
    var g = L.layerGroup();
    D.zones.forEach(function (z) {
      if (z.poly.length < 3) { return; }
      var poly = L.polygon(z.poly, {renderer: baseR, color: "#7e57c2", weight: 1,
        fillColor: "#b39ddb", fillOpacity: 0.14, interactive: false});
      g.addLayer(poly);
      g.addLayer(label(L.latLngBounds(z.poly).getCenter(), z.name || z.id, "ep-zone-label"));
    });
    D.edgeKinds.forEach(function (kind, k) {
      var lines = D.edges.filter(function (e) { return e[2] === k; }).map(function (e) {
        return [ll(e[0]), ll(e[1])];
      });
      if (lines.length) {
        g.addLayer(L.polyline(lines, L.extend({renderer: baseR, interactive: false,
          epKind: "edges"}, EDGE_STYLES[kind] || EDGE_STYLES.walkway)));
      }
    });
    D.nodes.forEach(function (n) {
      var kind = D.nodeKinds[n[2]];
      g.addLayer(L.circleMarker([n[0], n[1]], {renderer: topR,
        radius: kind === "junction" ? 2 : 3.5, weight: 1, color: "#ffffff",
        fillColor: colors.NODE_COLORS[kind] || "#90a4ae", fillOpacity: 1, epKind: "node",
        epId: n[4]}).bindTooltip(lazyText((n[3] || n[4]) + " · " + (T["kind_" + kind] || kind)),
        {direction: "top"}));
    });
    return g;
  }

  // One zone's egress: its outline, its bottleneck and a label with its egress time.
  function addEgress(g, e) {
    var color = e.met ? "#2e7d32" : "#c62828";
    var zone = D.zones[e.zone];
    var popup = function () { return popups.egress(e); };
    var anchor = null;
    if (zone && zone.poly.length >= 3) {
      var outline = L.polyline(zone.poly.concat([zone.poly[0]]), {renderer: topR, color: color,
        weight: 3, dashArray: e.met ? null : "7 5", epKind: "egress", epId: e.zid});
      g.addLayer(outline.bindPopup(popup));
      anchor = L.latLngBounds(zone.poly).getCenter();
    } else if (zone && zone.nodes.length) {
      anchor = L.latLngBounds(zone.nodes.map(ll)).getCenter();
    }
    if (e.neck.edge) {
      var neck = L.polyline([ll(e.neck.edge[0]), ll(e.neck.edge[1])], {renderer: topR,
        color: "#d500f9", weight: 8, opacity: 0.85, epKind: "bottleneck", epId: e.zid});
      g.addLayer(neck.bindPopup(popup));
      anchor = L.latLngBounds([ll(e.neck.edge[0]), ll(e.neck.edge[1])]).getCenter();
    } else if (e.neck.node !== undefined) {
      anchor = L.latLng(ll(e.neck.node));
      g.addLayer(L.circleMarker(anchor, {renderer: topR, radius: 11, color: "#d500f9",
        weight: 4, fill: false, epKind: "bottleneck", epId: e.zid}).bindPopup(popup));
    }
    var cls = "ep-egress " + (e.met ? "ep-ok" : "ep-bad");
    if (zone && zone.poly.length >= 3) {
      g.addLayer(label(L.latLngBounds(zone.poly).getCenter(),
        fill(T.minutes, {m: num(e.minutes)}), cls));
    } else if (anchor) {
      g.addLayer(label(anchor, plan.zoneName(e) + ": " + fill(T.minutes, {m: num(e.minutes)}),
        cls + " ep-at"));
    }
  }

  function buildEgress() {
    var g = L.layerGroup();
    D.egress.forEach(function (e) { addEgress(g, e); });
    return g;
  }

  function arrowIcon(color, angle) {
    return L.divIcon({className: "ep-arrow", iconSize: [16, 16], iconAnchor: [8, 8],
      html: "<svg width='16' height='16' viewBox='-8 -8 16 16'><path d='M-5,-5 L6,0 L-5,5 " +
        "L-2,0 Z' fill='" + color + "' stroke='#ffffff' stroke-width='1' transform='rotate(" +
        angle.toFixed(1) + ")'/></svg>"});
  }

  function addArrows(group, latlngs, color) {
    var crs = map.options.crs, zoom = 20;
    var pts = latlngs.map(function (p) { return crs.latLngToPoint(L.latLng(p), zoom); });
    var cum = [0];
    for (var i = 1; i < pts.length; i++) { cum.push(cum[i - 1] + pts[i].distanceTo(pts[i - 1])); }
    var total = cum[cum.length - 1];
    if (!total) { return; }
    var count = Math.min(10, Math.max(2, pts.length - 1));
    for (var k = 0; k < count; k++) {
      var d = total * (k + 0.5) / count, s = 1;
      while (s < cum.length - 1 && cum[s] < d) { s++; }
      var a = pts[s - 1], b = pts[s], seg = cum[s] - cum[s - 1];
      var t = seg ? (d - cum[s - 1]) / seg : 0;
      var at = L.point(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
      var angle = Math.atan2(b.y - a.y, b.x - a.x) * 180 / Math.PI;
      group.addLayer(L.marker(crs.pointToLatLng(at, zoom), {icon: arrowIcon(color, angle),
        interactive: false, keyboard: false, epKind: "arrow"}));
    }
  }

  // Ways coloured by walking time from the standby points on duty; circles around a point
  // with no way to walk; dashed rings on the nodes no unit reaches.
  function buildReach(g, w) {
    var set = D.reach.of[w];
    if (set === undefined || set < 0) { return; }
    var bands = D.reach.minutes.map(function () { return []; });
    D.reach.sets[set].forEach(function (band, k) {
      if (band >= 0) { var e = D.edges[k]; bands[band].push([ll(e[0]), ll(e[1])]); }
    });
    for (var b = bands.length - 1; b >= 0; b--) {
      if (bands[b].length) {
        g.addLayer(L.polyline(bands[b], {renderer: baseR, color: REACH_COLORS[b], weight: 8,
          opacity: 0.45, interactive: false, epKind: "reach"}));
      }
    }
    D.standby.forEach(function (s) {
      if (s.on.indexOf(w) < 0 || degree[s.node] > 0) { return; }
      D.reach.minutes.slice().reverse().forEach(function (m, r) {
        g.addLayer(L.circle(ll(s.node), {renderer: baseR, radius: D.reach.speed * 60 * m,
          color: REACH_COLORS[D.reach.minutes.length - 1 - r], weight: 2, dashArray: "4 4",
          fillOpacity: 0.05, interactive: false, epKind: "reach"}));
      });
    });
    var unreached = plan.widestUnreached();
    if (unreached) {
      unreached.nodes.forEach(function (i) {
        g.addLayer(L.circleMarker(ll(i), {renderer: baseR, radius: 6, color: "#c62828",
          weight: 2, dashArray: "2 2", fill: false, interactive: false, epKind: "unreached"}));
      });
    }
  }

  // Markers shrink when zoomed out, and patrol arrows hide, so a large venue stays readable.
  function scale() {
    var z = map.getZoom();
    return z >= 17 ? 1 : z >= 16 ? 0.8 : z >= 15 ? 0.6 : 0.45;
  }
  function postRadius(post) { return (5 + post.rank * 0.8) * scale(); }
  function onZoom() {
    var c = map.getContainer();
    if (map.getZoom() < 16) { L.DomUtil.addClass(c, "ep-far"); }
    else { L.DomUtil.removeClass(c, "ep-far"); }
    var g = built[current];
    if (g) {
      g.posts.eachLayer(function (m) { m.setRadius(postRadius(m.options.epPost)); });
    }
  }
  map.on("zoomend", onZoom);

  function addDrones(g, w) {
    D.drones.forEach(function (d) {
      if (d.on.indexOf(w) < 0) { return; }
      d.watch.forEach(function (n) {
        g.addLayer(L.circle(ll(n), {renderer: topR, radius: DRONE_RADIUS_M,
          color: "#6a1b9a", weight: 2, dashArray: "6 4", fillColor: "#ce93d8",
          fillOpacity: 0.15, epKind: "drone", epId: d.id}).bindPopup(function () {
          return popups.drone(d, w);
        }));
      });
    });
  }

  function addPatrols(g, w) {
    D.patrols.forEach(function (p, k) {
      if (p.on.indexOf(w) < 0) { return; }
      var color = PALETTE[k % PALETTE.length], latlngs = p.walk.map(ll);
      var still = p.walk.every(function (n) { return n === p.walk[0]; });
      var style = {renderer: topR, color: color, weight: 3.5, opacity: 0.9, epKind: "route",
        epId: p.id + "#" + p.team};
      var route = still ? L.circleMarker(latlngs[0], L.extend(style, {radius: 12, fill: false,
        dashArray: "5 3"})) : L.polyline(latlngs, style);
      g.addLayer(route.bindPopup(function () { return popups.patrol(p, w); },
        {maxWidth: 360}).bindTooltip(lazyText(T.patrols + " " + p.id +
        (p.team !== null ? " · " + T.team + " " + p.team : "")), {sticky: true}));
      if (!still) { addArrows(g, latlngs, color); }
    });
  }

  function addStandby(g, w) {
    D.standby.forEach(function (s) {
      if (s.on.indexOf(w) < 0) { return; }
      g.addLayer(L.circleMarker(ll(s.node), {renderer: topR, radius: 8, weight: 2.5,
        color: "#ffffff", fillColor: "#0d47a1", fillOpacity: 1, epKind: "standby",
        epId: s.unit + "#" + s.index}).bindPopup(function () { return popups.standby(s, w); }));
    });
  }

  // Posts by rank, so the most important are drawn last (on top). A post whose screening wait
  // goes over its target in this phase gets a thick outline.
  function addPosts(g, w) {
    var order = D.posts.slice().sort(function (a, b) { return a.rank - b.rank; });
    order.forEach(function (post) {
      var code = +D.status[w].charAt(post.i), over = plan.queueOver(post.i, w);
      g.addLayer(L.circleMarker(post.ll, {renderer: topR, radius: postRadius(post),
        weight: over ? 4 : post.rank === 3 ? 2 : 1.2, color: over ? colors.QUEUE_OVER : "#212121",
        fillColor: STATUS_COLORS[code], fillOpacity: 0.95, epKind: "post", epId: post.id,
        epPost: post, epQueueOver: over}).bindPopup(function () {
        return popups.post(post, w);
      }, {maxWidth: 380}).bindTooltip(lazyText(post.name || post.id), {direction: "top"}));
    });
  }

  // The command post and the reserves as inline SVG icons (no scenario text in them).
  function commandIcon() {
    return L.divIcon({className: "ep-icon", iconSize: [22, 22], iconAnchor: [11, 11],
      html: "<svg width='22' height='22' viewBox='-11 -11 22 22'><rect x='-10' y='-10' " +
        "width='20' height='20' rx='3' fill='" + colors.COMMAND + "' stroke='#ffffff' " +
        "stroke-width='2'/><path d='" + colors.STAR + "' fill='#ffffff'/></svg>"});
  }
  function reserveIcon(short) {
    return L.divIcon({className: "ep-icon", iconSize: [20, 20], iconAnchor: [10, 10],
      html: "<svg width='20' height='20' viewBox='-10 -10 20 20'><path d='" + colors.DIAMOND +
        "' transform='scale(1.2)' fill='" + colors.RESERVE + "' stroke='" +
        (short ? colors.SHORT_EDGE + "' stroke-width='2.5' stroke-dasharray='3 2'" :
          "#ffffff' stroke-width='1.5'") + "/></svg>"});
  }

  // The command post in every phase; each reserve in the phases it is kept in.
  function addCommand(g, w) {
    if (D.command) {
      g.addLayer(L.marker(D.command.ll, {icon: commandIcon(), keyboard: false, zIndexOffset: 500,
        epKind: "command", epId: "command"}).bindPopup(function () {
        return popups.command(w);
      }, {maxWidth: 380}).bindTooltip(lazyText(T.command_post + ": " + (D.command.name ||
        plan.nodeName(D.command.node))), {direction: "top"}));
    }
    D.reserves.forEach(function (r) {
      if (r.on.indexOf(w) < 0) { return; }
      var short = +r.status.charAt(w) >= 2;
      g.addLayer(L.marker(r.ll, {icon: reserveIcon(short), keyboard: false, epKind: "reserve",
        epId: r.id, epShort: short}).bindPopup(function () { return popups.reserve(r, w); },
        {maxWidth: 360}).bindTooltip(lazyText(T.reserve + ": " + (r.name || r.id)),
        {direction: "top"}));
    });
  }

  function buildPhase(w) {
    var g = {reach: L.layerGroup(), drones: L.layerGroup(), patrols: L.layerGroup(),
      standby: L.layerGroup(), posts: L.layerGroup(), command: L.layerGroup()};
    buildReach(g.reach, w);
    addDrones(g.drones, w);
    addPatrols(g.patrols, w);
    addStandby(g.standby, w);
    addPosts(g.posts, w);
    addCommand(g.command, w);
    return g;
  }

  var venueGroup = buildVenue(), egressGroup = buildEgress(), built = {}, onMap = [];
  var current = -1;
  function restack() {
    onMap.forEach(function (layer) { map.removeLayer(layer); });
    onMap = [];
    var g = built[current];
    [["venue", venueGroup], ["standby", g.reach], ["drones", g.drones], ["egress", egressGroup],
      ["patrols", g.patrols], ["standby", g.standby], ["posts", g.posts],
      ["command", g.command]].forEach(function (pair) {
      if (visible[pair[0]]) { map.addLayer(pair[1]); onMap.push(pair[1]); }
    });
  }
  var phaseListeners = [];
  function showPhase(w) {
    if (w < 0 || w >= D.phases.length) { return; }
    if (!built[w]) { built[w] = buildPhase(w); }
    current = w;
    map.closePopup();
    restack();
    onZoom();
    phaseListeners.forEach(function (f) { f(w); });
  }
  function setVisible(category, on) { visible[category] = !!on; if (current >= 0) { restack(); } }

  return {
    CATEGORIES: CATEGORIES,
    isVisible: function (category) { return visible[category]; },
    setVisible: setVisible,
    showPhase: showPhase,
    phase: function () { return current; },
    onPhase: function (listener) { phaseListeners.push(listener); }
  };
}
