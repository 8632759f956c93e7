// The ground under the plan: buildings, roads, paths, water, green areas and venue outlines
// from the data block's ground section (the scenario's venue.ground, for example imported from
// OpenStreetMap), drawn on a canvas of its own below every other layer, one shape per kind.
// Nothing is interactive and nothing is fetched. The ground's attribution (the ODbL asks for
// it on OpenStreetMap data) stands in the map's attribution line, as escaped text.
//
// Needs: Leaflet (L), makeColors(), readPlan().
// Gives: makeGround(map, colors, plan): the ground layer group, or null without a ground.

/* global L */
/* exported makeGround */
function makeGround(map, colors, plan) {
  "use strict";
  var G = plan.data.ground;
  if (!G) { return null; }
  var COPYRIGHT = "https://www.openstreetmap.org/copyright";
  map.createPane("epGround").style.zIndex = 250;
  map.getPane("epGround").style.pointerEvents = "none";
  var renderer = L.canvas({pane: "epGround", padding: 0.3});
  var group = L.layerGroup();

  G.kinds.forEach(function (kind) {
    var areas = G.areas[kind], lines = G.lines[kind];
    if (areas && areas.length) {
      group.addLayer(L.polygon(areas, L.extend({renderer: renderer, interactive: false,
        epKind: "ground", epId: kind, epCount: areas.length}, colors.GROUND_AREAS[kind])));
    }
    if (lines && lines.length) {
      colors.GROUND_LINES[kind].forEach(function (style, k) {
        group.addLayer(L.polyline(lines, L.extend({renderer: renderer, interactive: false,
          lineCap: "round", lineJoin: "round", epKind: k ? "ground-casing" : "ground",
          epId: kind + "-lines", epCount: lines.length}, style)));
      });
    }
  });

  // Leaflet writes attributions as HTML: the text is escaped first, and only the licence
  // page's own address becomes a link.
  function escaped(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"}[c];
    });
  }
  if (G.attribution && map.attributionControl) {
    var html = escaped(G.attribution.replace(/^\(c\)/i, "©")).split(COPYRIGHT)
      .join("<a href=\"" + COPYRIGHT + "\" target=\"_blank\" rel=\"noopener\">" + COPYRIGHT +
        "</a>");
    map.attributionControl.addAttribution(html);
  }
  return group;
}
