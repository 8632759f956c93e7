// Start-up: reads the data block, draws the map and shows the phase with the most posts in
// need.
//
// When the map is built the page sets window.__eventplanReady = true; tests and the benchmark
// wait for it. window.__eventplan gives them (and curious users) a small handle: the current
// phase, showPhase(i), the layer switches (categories, isVisible(category), setVisible(category,
// on)) and layer counts.
//
// Needs: makeDom(), makeColors(), readPlan(), makeCrewView(), makeCommandPopups(),
// makeQueueView(), makePopups(), makeLayers(), addControls().
// Gives: startMap(map), called by the page with the Leaflet map.

/* exported startMap */
function startMap(map) {
  "use strict";
  var data = JSON.parse(document.getElementById("eventplan-data").textContent);
  var dom = makeDom(), colors = makeColors(), plan = readPlan(data);
  var crew = makeCrewView(dom, plan);
  var popups = makePopups(dom, colors, plan, crew, makeCommandPopups(dom, colors, plan, crew),
    makeQueueView(dom, colors, plan));
  var layers = makeLayers(map, dom, colors, plan, popups);
  var controls = addControls(map, dom, colors, plan, layers);
  controls.fit();
  map.attributionControl.setPrefix("Leaflet");
  layers.showPhase(plan.initialPhase());

  function layersOf(kind) {
    var out = [];
    map.eachLayer(function (l) { if (l.options && l.options.epKind === kind) { out.push(l); } });
    return out;
  }
  function find(kind, id) {
    return layersOf(kind).filter(function (l) { return l.options.epId === id; })[0];
  }
  window.__eventplan = {
    map: map,
    data: data,
    phase: layers.phase,
    showPhase: layers.showPhase,
    fit: controls.fit,
    categories: layers.CATEGORIES,
    isVisible: layers.isVisible,
    setVisible: layers.setVisible,
    count: function (kind) { return layersOf(kind).length; },
    focus: function (kind, id) {
      var found = find(kind, id);
      if (found) {
        map.setView(found.getLatLng ? found.getLatLng() : found.getBounds().getCenter(),
          Math.max(map.getZoom(), 20), {animate: false});
      }
      return !!found;
    },
    point: function (kind, id) {
      var found = find(kind, id);
      if (!found) { return null; }
      var at = found.getLatLng ? found.getLatLng() : found.getCenter();
      var p = map.latLngToContainerPoint(at);
      var box = map.getContainer().getBoundingClientRect();
      return [p.x + box.left, p.y + box.top];
    }
  };
  window.__eventplanReadyMs = performance.now();
  window.__eventplanReady = true;
}
