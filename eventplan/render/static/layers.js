// The map's layers, which of them are shown, and the switch between phase windows.
//
// Panes from the bottom: the ground (its own canvas, see ground.js); a non-interactive canvas
// for sector areas, the venue's ways, zone areas and reach highlights; labels and patrol
// arrows; the command post and reserves, few, as SVG icons; an interactive canvas for
// everything that opens a popup, posts drawn last on it. At the first view
// a commander sees the ground, the sectors and the posts with their staffing; reach bands,
// walkways and egress are switched on when wanted. A phase window's layers are built the first
// time it is shown; switching phase or a layer re-adds the shown layers in a fixed order.
// Patrol direction arrows are small inline SVG icons, rotated once: Web Mercator keeps angles,
// so an arrow's bearing on screen is the same at every zoom.
//
// Needs: Leaflet (L), makeDom(), makeColors(), readPlan(), makePopups(), makeGround(),
// makeSectors(), makeVenueLayers().
// Gives: makeLayers(map, dom, colors, plan, popups).

/* global L */
/* exported makeLayers */
function makeLayers(map, dom, colors, plan, popups) {
  "use strict";
  var el = dom.el;
  var D = plan.data, T = plan.text, ll = plan.ll;
  var STATUS_COLORS = colors.STATUS_COLORS, PALETTE = colors.PALETTE;
  var REACH_COLORS = colors.REACH_COLORS;
  var DRONE_RADIUS_M = 60;
  // Every layer a commander can switch, in the order of the switches; off at the first view:
  // reach bands, walkways and egress (on a real venue they would cover the posts).
  var ALL = ["ground", "sectors", "posts", "command", "patrols", "standby", "reach", "drones",
    "venue", "walkways", "egress"];
  var OFF_AT_FIRST = ["reach", "walkways", "egress"];
  var visible = {};
  ALL.forEach(function (c) { visible[c] = OFF_AT_FIRST.indexOf(c) < 0; });
  map.createPane("epBase").style.zIndex = 390;
  map.getPane("epBase").style.pointerEvents = "none";
  map.createPane("epLabels").style.zIndex = 400;
  map.getPane("epLabels").style.pointerEvents = "none";
  map.createPane("epIcons").style.zIndex = 405;
  map.getPane("epIcons").style.pointerEvents = "none";
  map.createPane("epTop").style.zIndex = 410;
  var baseR = L.canvas({pane: "epBase", padding: 0.3});
  var topR = L.canvas({pane: "epTop", padding: 0.3, tolerance: 3});
  var degree = D.nodes.map(function () { return 0; });
  D.edges.forEach(function (e) { degree[e[0]] += 1; degree[e[1]] += 1; });
  var ground = makeGround(map, colors, plan);
  var sectors = makeSectors(map, dom, colors, plan, baseR, "epLabels");
  var venue = makeVenueLayers(map, dom, colors, plan, popups,
    {base: baseR, top: topR, labels: "epLabels"});
  var CATEGORIES = ALL.filter(function (c) {
    return (c !== "ground" || ground) && (c !== "sectors" || sectors.any) &&
      (c !== "walkways" || D.edges.length || D.nodes.length) &&
      (c !== "egress" || D.egress.length) && (c !== "reach" || D.standby.length);
  });

  function lazyText(text) { return function () { return el("span", null, text); }; }

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
        pane: "epLabels", interactive: false, keyboard: false, epKind: "arrow"}));
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
    return z >= 17 ? 1 : z >= 16 ? 0.85 : z >= 15 ? 0.65 : 0.5;
  }
  function postRadius(post) { return (6 + post.rank) * scale(); }
  function onZoom() {
    var c = map.getContainer();
    if (map.getZoom() < 16) { L.DomUtil.addClass(c, "ep-far"); }
    else { L.DomUtil.removeClass(c, "ep-far"); }
    var g = built[current];
    if (g) {
      g.posts.eachLayer(function (m) { m.setRadius(postRadius(m.options.epPost)); });
    }
    sectors.group.eachLayer(function (m) {
      if (m.options.epPost) { m.setRadius(postRadius(m.options.epPost) + 4); }
    });
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
      g.addLayer(L.circleMarker(ll(s.node), {renderer: topR, radius: 6, weight: 2,
        color: "#ffffff", fillColor: "#0d47a1", fillOpacity: 1, epKind: "standby",
        epId: s.unit + "#" + s.index}).bindPopup(function () { return popups.standby(s, w); }));
    });
  }

  // Posts by rank, so the most important are drawn last (on top). A post whose screening wait
  // goes over its target in this phase gets a thick outline, and so does a post a replan
  // changed.
  function addPosts(g, w) {
    var order = D.posts.slice().sort(function (a, b) { return a.rank - b.rank; });
    order.forEach(function (post) {
      var code = +D.status[w].charAt(post.i), over = plan.queueOver(post.i, w);
      var edge = over ? colors.QUEUE_OVER : post.changed ? colors.CHANGED : "#212121";
      g.addLayer(L.circleMarker(post.ll, {renderer: topR, radius: postRadius(post),
        weight: over || post.changed ? 4 : post.rank === 3 ? 2 : 1.2, color: edge,
        fillColor: STATUS_COLORS[code], fillOpacity: 0.95, epKind: "post", epId: post.id,
        epPost: post, epQueueOver: over}).bindPopup(function () {
        return popups.post(post, w);
      }, {maxWidth: 380}).bindTooltip(lazyText(post.name || post.id), {direction: "top"}));
    });
  }

  // The command post and the reserves as inline SVG icons (no scenario text in them), in a
  // pane under the posts' canvas; a transparent circle on that canvas, drawn before the posts,
  // opens their popups, so a post drawn over an icon stays on top and clickable.
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
  function addIcon(g, latlng, icon, options) {
    g.addLayer(L.marker(latlng, {pane: "epIcons", icon: icon, interactive: false,
      keyboard: false, epKind: options.epKind + "-icon", epId: options.epId}));
    var hit = L.circleMarker(latlng, L.extend({renderer: topR, radius: 11, stroke: false,
      fillOpacity: 0}, options));
    g.addLayer(hit);
    return hit;
  }

  // The command post in every phase; each reserve in the phases it is kept in.
  function addCommand(g, w) {
    if (D.command) {
      addIcon(g, D.command.ll, commandIcon(), {epKind: "command", epId: "command"})
        .bindPopup(function () { return popups.command(w); }, {maxWidth: 380})
        .bindTooltip(lazyText(T.command_post + ": " + (D.command.name ||
          plan.nodeName(D.command.node))), {direction: "top"});
    }
    D.reserves.forEach(function (r) {
      if (r.on.indexOf(w) < 0) { return; }
      var short = +r.status.charAt(w) >= 2;
      addIcon(g, r.ll, reserveIcon(short), {epKind: "reserve", epId: r.id, epShort: short})
        .bindPopup(function () { return popups.reserve(r, w); }, {maxWidth: 360})
        .bindTooltip(lazyText(T.reserve + ": " + (r.name || r.id)), {direction: "top"});
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

  var built = {}, onMap = [], current = -1;
  // The order of drawing: on one canvas, what is added later lies on top.
  function restack() {
    onMap.forEach(function (layer) { map.removeLayer(layer); });
    onMap = [];
    var g = built[current];
    [["ground", ground], ["sectors", sectors.group], ["venue", venue.venue],
      ["walkways", venue.walkways], ["reach", g.reach], ["drones", g.drones],
      ["egress", venue.egress], ["patrols", g.patrols], ["standby", g.standby],
      ["command", g.command], ["posts", g.posts]].forEach(function (pair) {
      if (visible[pair[0]] && pair[1]) { map.addLayer(pair[1]); onMap.push(pair[1]); }
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
  var visibilityListeners = [];
  function setVisible(category, on) {
    visible[category] = !!on;
    if (current >= 0) { restack(); }
    visibilityListeners.forEach(function (f) { f(category, !!on); });
  }

  return {
    CATEGORIES: CATEGORIES,
    isVisible: function (category) { return visible[category]; },
    setVisible: setVisible,
    showPhase: showPhase,
    phase: function () { return current; },
    onPhase: function (listener) { phaseListeners.push(listener); },
    onVisible: function (listener) { visibilityListeners.push(listener); },
    sectorColor: sectors.color,
    sectorTitle: sectors.title
  };
}
