// The venue as the scenario draws it, in three layers a commander switches: the venue (crowd
// zones and their names, gates, stops, car parks and other named places), its walkways (every
// edge of the walk graph and its plain junctions) and egress (each zone's egress time and
// bottleneck).
//
// Needs: Leaflet (L), makeDom(), makeColors(), readPlan(), makePopups().
// Gives: makeVenueLayers(map, dom, colors, plan, popups, panes): {venue, walkways, egress}
// layer groups; panes holds the renderers (base, top) and the label pane.

/* global L */
/* exported makeVenueLayers */
function makeVenueLayers(map, dom, colors, plan, popups, panes) {
  "use strict";
  var el = dom.el, fill = dom.fill, num = dom.num;
  var D = plan.data, T = plan.text, ll = plan.ll;
  var baseR = panes.base, topR = panes.top, EDGE_STYLES = colors.EDGE_STYLES;

  function label(latlng, text, cls) {
    var span = el("span", null, text);
    return L.marker(latlng, {pane: panes.labels, interactive: false, keyboard: false,
      icon: L.divIcon({className: "ep-label " + (cls || ""), html: span, iconSize: null})});
  }
  function lazyText(text) { return function () { return el("span", null, text); }; }

  function node(n, g) {
    var kind = D.nodeKinds[n[2]];
    g.addLayer(L.circleMarker([n[0], n[1]], {renderer: topR,
      radius: kind === "junction" ? 2 : 3.5, weight: 1, color: "#ffffff",
      fillColor: colors.NODE_COLORS[kind] || "#90a4ae", fillOpacity: 1, epKind: "node",
      epId: n[4]}).bindTooltip(lazyText((n[3] || n[4]) + " · " + (T["kind_" + kind] || kind)),
      {direction: "top"}));
  }

  function buildVenue() {
    var g = L.layerGroup();
    D.zones.forEach(function (z) {
      if (z.poly.length < 3) { return; }
      g.addLayer(L.polygon(z.poly, {renderer: baseR, color: "#7e57c2", weight: 1,
        fillColor: "#b39ddb", fillOpacity: 0.14, interactive: false, epKind: "zone",
        epId: z.id}));
      g.addLayer(label(L.latLngBounds(z.poly).getCenter(), z.name || z.id, "ep-zone-label"));
    });
    D.nodes.forEach(function (n) { if (D.nodeKinds[n[2]] !== "junction") { node(n, g); } });
    return g;
  }

  function buildWalkways() {
    var g = L.layerGroup();
    D.edgeKinds.forEach(function (kind, k) {
      var lines = D.edges.filter(function (e) { return e[2] === k; }).map(function (e) {
        return [ll(e[0]), ll(e[1])];
      });
      if (lines.length) {
        g.addLayer(L.polyline(lines, L.extend({renderer: baseR, interactive: false,
          epKind: "edges", epId: kind}, EDGE_STYLES[kind] || EDGE_STYLES.walkway)));
      }
    });
    D.nodes.forEach(function (n) { if (D.nodeKinds[n[2]] === "junction") { node(n, g); } });
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

  return {venue: buildVenue(), walkways: buildWalkways(), egress: buildEgress()};
}
