// The plan's data block (see eventplan/render/layers.py) and lookups into it: positions and
// names of nodes, roles and zones, phase labels and days, posts by index, a post's sector and
// queue.
//
// Needs: the parsed data block. Gives: readPlan(data).

/* exported readPlan */
function readPlan(data) {
  "use strict";
  var D = data;

  function ll(i) { var n = D.nodes[i]; return [n[0], n[1]]; }
  function nodeName(i) { var n = D.nodes[i]; return n[3] || n[4]; }
  function roleName(r) {
    return Object.prototype.hasOwnProperty.call(D.roles, r) ? D.roles[r] : r;
  }
  function groupName(g) { return String(g).split("+").map(roleName).join(" / "); }
  function phaseLabel(w) {
    var p = D.phases[w];
    return p.id + " " + p.from + "–" + p.to + (p.day ? " · " + p.day : "");
  }
  function zoneName(e) {
    var zone = D.zones[e.zone];
    return zone ? (zone.name || zone.id) : e.zid;
  }
  function days() {
    var out = [];
    D.phases.forEach(function (p) { if (out.indexOf(p.day) < 0) { out.push(p.day); } });
    return out;
  }
  // The phase with the most posts in need: the one a commander most likely wants first.
  function initialPhase() {
    var best = 0, bestCount = -1;
    D.status.forEach(function (codes, w) {
      var count = 0;
      for (var i = 0; i < codes.length; i++) { if (codes.charAt(i) !== "0") { count++; } }
      if (count > bestCount) { best = w; bestCount = count; }
    });
    return best;
  }
  // A post's sector and screening queue (posts known by their index in the scenario).
  var sectorByPost = {}, queueByPost = {}, postByIndex = {};
  D.posts.forEach(function (p) { postByIndex[p.i] = p; });
  D.sectors.forEach(function (s) { s.posts.forEach(function (i) { sectorByPost[i] = s; }); });
  D.queues.forEach(function (q) { queueByPost[q.post] = q; });
  function sectorOf(i) { return sectorByPost[i] || null; }
  function post(i) { return postByIndex[i] || null; }
  function queueOf(i) { return queueByPost[i] || null; }
  function queueOver(i, w) { var q = queueByPost[i]; return !!q && q.over.indexOf(w) >= 0; }
  // Nodes no standby unit reaches within the longest response time, or null.
  function widestUnreached() {
    var keys = Object.keys(D.reach.unreached).sort(function (x, y) { return +x - +y; });
    if (!keys.length) { return null; }
    var minutes = keys[keys.length - 1];
    return {minutes: minutes, nodes: D.reach.unreached[minutes]};
  }

  return {data: D, text: D.text, ll: ll, nodeName: nodeName, roleName: roleName,
    groupName: groupName, phaseLabel: phaseLabel, zoneName: zoneName, days: days,
    initialPhase: initialPhase, widestUnreached: widestUnreached, sectorOf: sectorOf,
    queueOf: queueOf, queueOver: queueOver, post: post};
}
