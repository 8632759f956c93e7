// The sectors: a light area in the sector's colour around its posts, its name and call sign at
// the area's north edge, and a ring of the same colour round each of its posts, so that at a
// glance a commander sees which posts answer to whom. Areas and rings lie under the posts.
//
// Needs: Leaflet (L), makeDom(), makeColors(), readPlan().
// Gives: makeSectors(map, dom, colors, plan, renderer, labelPane): {group, color(sector),
// title(sector)}.

/* global L */
/* exported makeSectors */
function makeSectors(map, dom, colors, plan, renderer, labelPane) {
  "use strict";
  var D = plan.data, SECTOR_COLORS = colors.SECTOR_COLORS;
  var index = {};
  D.sectors.forEach(function (s, k) { index[s.id] = k; });

  function color(sector) { return SECTOR_COLORS[index[sector.id] % SECTOR_COLORS.length]; }
  // "North sector · 北区", or the id when the sector has no name.
  function title(sector) {
    return (sector.name || sector.id) + (sector.call ? " · " + sector.call : "");
  }

  function label(sector) {
    var span = dom.el("span", null, title(sector));
    span.style.color = color(sector);
    return L.marker(sector.at, {pane: labelPane, interactive: false, keyboard: false,
      epKind: "sector-label", epId: sector.id,
      icon: L.divIcon({className: "ep-label ep-sector-label", html: span, iconSize: null})});
  }

  var group = L.layerGroup();
  D.sectors.forEach(function (sector) {
    if (!sector.area || !sector.area.length) { return; }
    var c = color(sector);
    group.addLayer(L.polygon(sector.area, {renderer: renderer, interactive: false, color: c,
      weight: 1.5, opacity: 0.7, dashArray: "5 4", fillColor: c, fillOpacity: 0.09,
      epKind: "sector", epId: sector.id}));
    sector.posts.forEach(function (i) {
      var post = plan.post(i);
      if (!post) { return; }
      group.addLayer(L.circleMarker(post.ll, {renderer: renderer, interactive: false,
        radius: 11, color: c, weight: 3, opacity: 0.85, fill: false, epKind: "sector-ring",
        epId: sector.id + "/" + post.id, epPost: post}));
    });
    group.addLayer(label(sector));
  });
  return {group: group, color: color, title: title,
    any: D.sectors.some(function (s) { return s.area && s.area.length; })};
}
