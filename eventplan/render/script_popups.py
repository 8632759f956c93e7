"""Page script, part 1: reading the data block, safe DOM helpers and the popups.

Every text from the scenario or plan reaches the page through ``textContent`` (``el`` and
``txt`` below), never through HTML strings, so a name such as ``<img src=x onerror=...>`` stays
text. HTML strings are built only from numbers and this file's own constants.
"""

SCRIPT = r"""
"use strict";
var D = JSON.parse(document.getElementById("eventplan-data").textContent);
var T = D.text;
var STATUS_COLORS = ["#9e9e9e", "#2e7d32", "#f9a825", "#c62828"];
var STATUS_TEXT = ["cov_no_need", "cov_full", "cov_partial", "cov_none"];
var PALETTE = ["#e65100", "#ad1457", "#4e342e", "#1a237e", "#827717", "#bf360c",
  "#880e4f", "#33691e", "#3e2723", "#f57f17"];
var REACH_COLORS = ["#00838f", "#26c6da", "#b2ebf2", "#e0f7fa", "#f1fbfc"];
var EDGE_STYLES = {
  walkway: {color: "#78909c", weight: 2},
  stairs: {color: "#6d4c41", weight: 4, dashArray: "2 3", lineCap: "butt"},
  ramp: {color: "#78909c", weight: 2, dashArray: "8 5"},
  road: {color: "#b0bec5", weight: 6, opacity: 0.8}
};
var NODE_COLORS = {gate: "#37474f", command: "#b71c1c", medical: "#d81b60",
  transit: "#1565c0", parking: "#546e7a", stage: "#6a1b9a"};
var SVG_NS = "http://www.w3.org/2000/svg";

function el(tag, cls, text, parent) {
  var e = document.createElement(tag);
  if (cls) { e.className = cls; }
  if (text !== undefined && text !== null) { e.textContent = String(text); }
  if (parent) { parent.appendChild(e); }
  return e;
}
function txt(parent, text) { parent.appendChild(document.createTextNode(String(text))); }
function fill(template, values) {
  return String(template).replace(/\{(\w+)\}/g, function (m, k) {
    return Object.prototype.hasOwnProperty.call(values, k) ? String(values[k]) : m;
  });
}
function num(x) {
  if (x === null || x === undefined || x === "") { return "–"; }
  return typeof x === "number" ? String(Math.round(x * 10) / 10) : String(x);
}
function pct(x) { return Math.round(x * 1000) / 10 + "%"; }
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
function svg(width, height, parent) {
  var s = document.createElementNS(SVG_NS, "svg");
  s.setAttribute("width", width); s.setAttribute("height", height);
  s.setAttribute("class", "ep-swatch");
  if (parent) { parent.appendChild(s); }
  return s;
}
function shape(parent, tag, attrs) {
  var s = document.createElementNS(SVG_NS, tag);
  Object.keys(attrs).forEach(function (k) { s.setAttribute(k, attrs[k]); });
  parent.appendChild(s);
  return s;
}
function dot(parent, color) {
  shape(svg(12, 12, parent), "circle", {cx: 6, cy: 6, r: 5, fill: color, stroke: "#263238"});
}
function section(box, title) { el("div", "ep-sec", title, box); }
function isEmpty(crew) {
  return !crew || (Array.isArray(crew) ? crew.length === 0 : Object.keys(crew).length === 0);
}

function crewBlock(box, crew) {
  if (isEmpty(crew)) { el("div", "ep-muted", T.nobody, box); return; }
  var ul = el("ul", "ep-list", null, box);
  if (Array.isArray(crew)) {
    var byRole = new Map();
    crew.forEach(function (i) {
      var person = D.people[i];
      if (!byRole.has(person[1])) { byRole.set(person[1], []); }
      byRole.get(person[1]).push(person[0]);
    });
    byRole.forEach(function (names, role) {
      var li = el("li", null, null, ul);
      el("b", null, roleName(role) + " (" + names.length + "): ", li);
      txt(li, names.join(", "));
    });
  } else {
    Object.keys(crew).forEach(function (role) {
      el("li", null, roleName(role) + ": " + crew[role], ul);
    });
    el("div", "ep-muted", T.redacted, box);
  }
}

function limitedList(box, items, render, limit) {
  var ul = el("ul", "ep-list", null, box);
  items.slice(0, limit).forEach(function (item) { render(el("li", null, null, ul), item); });
  if (items.length > limit) { el("li", "ep-muted", fill(T.more, {n: items.length - limit}), ul); }
}

function postNeeds(box, post, w) {
  var cover = (D.cover[w] || {})[post.i];
  var ul = el("ul", "ep-list", null, box);
  if (cover) {
    cover.forEach(function (c) {
      el("li", null, groupName(c[0]) + ": " + T.required + " " + c[1] + ", " + T.assigned +
        " " + c[2] + (c[3] > 0 ? ", " + T.missing + " " + num(c[3]) + " h" : ""), ul);
    });
  } else {
    var phase = D.phases[w].id;
    post.needs.filter(function (n) { return n[0].indexOf(phase) >= 0; }).forEach(function (n) {
      el("li", null, groupName(n[1].join("+")) + ": " + T.required + " " + n[2], ul);
    });
  }
  if (!ul.children.length) { el("li", "ep-muted", T.none, ul); }
  if (post.screen) {
    el("div", "ep-muted", fill(T.screening, {lanes: post.screen[0], staff: post.screen[1]}) +
      " (" + post.screen[2].map(roleName).join(" / ") + ")", box);
  }
}

function postPopup(post, w) {
  var box = el("div", "ep-pop");
  box.setAttribute("data-post", post.id);
  el("div", "ep-pop-title", post.name || post.id, box);
  var meta = [post.id, T["prio_" + post.prio] || post.prio];
  if (post.kind) { meta.push(post.kind); }
  meta.push(nodeName(post.node));
  el("div", "ep-muted", meta.join(" · "), box);
  var code = +D.status[w].charAt(post.i);
  var status = el("div", "ep-status", null, box);
  dot(status, STATUS_COLORS[code]);
  txt(status, phaseLabel(w) + ": " + T[STATUS_TEXT[code]]);
  section(box, T.needs);
  postNeeds(box, post, w);
  section(box, T.on_duty);
  crewBlock(box, (D.staff[w] || {})[post.i]);
  section(box, T.shortfalls);
  var short = (D.short[w] || {})[post.i] || [];
  if (!short.length) { el("div", "ep-muted", T.none, box); }
  limitedList(box, short, function (li, s) {
    li.textContent = s[1] + "–" + s[2] + " " + groupName(s[0]) + ": " + T.missing + " " +
      num(s[3]) + (s[4] ? " — " + s[4] : "");
  }, 8);
  return box;
}

function patrolPopup(patrol, w) {
  var box = el("div", "ep-pop");
  box.setAttribute("data-patrol", patrol.id);
  el("div", "ep-pop-title", T.patrols + " " + patrol.id, box);
  var meta = [];
  if (patrol.team !== null && patrol.team !== "") { meta.push(T.team + " " + patrol.team); }
  if (patrol.loop !== null) { meta.push(fill(T.loop, {m: num(patrol.loop)})); }
  if (patrol.revisit !== null) { meta.push(fill(T.revisit, {m: num(patrol.revisit)})); }
  meta.push(patrol.walk.length > 2 ? fill(T.stops, {n: patrol.walk.length - 1}) : T.stationary);
  el("div", "ep-muted", meta.join(" · "), box);
  el("div", null, patrol.walk.slice(0, -1).map(nodeName).join(" → ") + " → …", box);
  section(box, T.members);
  crewBlock(box, patrol.crew[w]);
  return box;
}

function standbyPopup(unit, w) {
  var box = el("div", "ep-pop");
  box.setAttribute("data-unit", unit.unit);
  el("div", "ep-pop-title", T.standby_point + ": " + (unit.label || unit.unit) +
    (unit.index !== null ? " #" + unit.index : ""), box);
  var meta = [unit.unit, nodeName(unit.node)];
  if (unit.within !== null) { meta.push(fill(T.respond_within, {m: num(unit.within)})); }
  el("div", "ep-muted", meta.join(" · "), box);
  section(box, T.members);
  crewBlock(box, unit.crew[w]);
  return box;
}

function dronePopup(drone, w) {
  var box = el("div", "ep-pop");
  el("div", "ep-pop-title", T.drone_watch + ": " + drone.id, box);
  var meta = [fill(T.drone_count, {n: drone.count}), fill(T.endurance, {m: num(drone.endurance)})];
  if (drone.sorties !== null) { meta.push(fill(T.sorties, {n: drone.sorties})); }
  el("div", "ep-muted", meta.join(" · "), box);
  el("div", null, drone.watch.map(nodeName).join(", "), box);
  section(box, T.members);
  crewBlock(box, drone.crew[w]);
  return box;
}

function zoneName(e) {
  var zone = D.zones[e.zone];
  return zone ? (zone.name || zone.id) : e.zid;
}

function egressPopup(e) {
  var box = el("div", "ep-pop");
  box.setAttribute("data-zone", e.zid);
  el("div", "ep-pop-title", T.egress + ": " + zoneName(e), box);
  var meta = [];
  if (e.persons !== null) { meta.push(fill(T.persons, {n: num(e.persons)})); }
  meta.push(fill(T.egress_time, {m: num(e.minutes), t: num(e.target)}));
  meta.push(e.met ? T.target_met : T.target_missed);
  el("div", e.met ? "ep-ok" : "ep-bad", meta.join(" · "), box);
  if (e.walk !== null && e.queue !== null) {
    el("div", "ep-muted", fill(T.egress_parts, {w: num(e.walk), q: num(e.queue)}), box);
  }
  if (e.neck.text) {
    var where = e.neck.edge ? e.neck.edge.map(nodeName).join(" – ") :
      (e.neck.node !== undefined ? nodeName(e.neck.node) : e.neck.text);
    el("div", null, T.bottleneck + ": " + where, box);
    if (e.neck.kind) {
      el("div", "ep-muted", fill(T.neck_detail, {kind: T["edge_" + e.neck.kind] || e.neck.kind,
        width: num(e.neck.width), flow: num(e.neck.flow)}), box);
    }
  }
  return box;
}
"""
