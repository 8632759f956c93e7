// The popups of posts, patrols, standby points, drone watch areas, egress zones, the command
// post and reserves, built as DOM nodes when first opened. Names reach them only as text (see
// dom.js).
//
// Needs: makeDom(), makeColors(), readPlan(), makeCrewView(), makeCommandPopups(),
// makeQueueView(). Gives: makePopups(dom, colors, plan, crew, command, queues).

/* exported makePopups */
function makePopups(dom, colors, plan, crew, command, queues) {
  "use strict";
  var el = dom.el, txt = dom.txt, fill = dom.fill, num = dom.num, dot = dom.dot;
  var D = plan.data, T = plan.text;
  var nodeName = plan.nodeName, roleName = plan.roleName, groupName = plan.groupName;
  var crewBlock = crew.block;

  function section(box, title) { el("div", "ep-sec", title, box); }

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
    command.radioLine(box, post);
    var code = +D.status[w].charAt(post.i);
    var status = el("div", "ep-status", null, box);
    dot(status, colors.STATUS_COLORS[code]);
    txt(status, plan.phaseLabel(w) + ": " + T[colors.STATUS_TEXT[code]]);
    command.sector(box, post, w);
    section(box, T.needs);
    postNeeds(box, post, w);
    queues.block(box, post, w);
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
    var leads = (unit.leads || {})[w];
    if (!crew.isEmpty(leads)) {
      var row = el("div", "ep-leader", null, box);
      el("b", null, T.unit_leader + ": ", row);
      txt(row, crew.names(leads));
    }
    section(box, T.members);
    crewBlock(box, unit.crew[w]);
    return box;
  }

  function dronePopup(drone, w) {
    var box = el("div", "ep-pop");
    el("div", "ep-pop-title", T.drone_watch + ": " + drone.id, box);
    var meta = [fill(T.drone_count, {n: drone.count}),
      fill(T.endurance, {m: num(drone.endurance)})];
    if (drone.sorties !== null) { meta.push(fill(T.sorties, {n: drone.sorties})); }
    el("div", "ep-muted", meta.join(" · "), box);
    el("div", null, drone.watch.map(nodeName).join(", "), box);
    section(box, T.members);
    crewBlock(box, drone.crew[w]);
    return box;
  }

  function bottleneck(box, neck) {
    var where = neck.edge ? neck.edge.map(nodeName).join(" – ") :
      (neck.node !== undefined ? nodeName(neck.node) : neck.text);
    el("div", null, T.bottleneck + ": " + where, box);
    if (neck.kind) {
      el("div", "ep-muted", fill(T.neck_detail, {kind: T["edge_" + neck.kind] || neck.kind,
        width: num(neck.width), flow: num(neck.flow)}), box);
    }
  }

  function egressPopup(e) {
    var box = el("div", "ep-pop");
    box.setAttribute("data-zone", e.zid);
    el("div", "ep-pop-title", T.egress + ": " + plan.zoneName(e), box);
    var meta = [];
    if (e.persons !== null) { meta.push(fill(T.persons, {n: num(e.persons)})); }
    meta.push(fill(T.egress_time, {m: num(e.minutes), t: num(e.target)}));
    meta.push(e.met ? T.target_met : T.target_missed);
    el("div", e.met ? "ep-ok" : "ep-bad", meta.join(" · "), box);
    if (e.walk !== null && e.queue !== null) {
      el("div", "ep-muted", fill(T.egress_parts, {w: num(e.walk), q: num(e.queue)}), box);
    }
    if (e.neck.text) { bottleneck(box, e.neck); }
    return box;
  }

  return {post: postPopup, patrol: patrolPopup, standby: standbyPopup, drone: dronePopup,
    egress: egressPopup, command: command.command, reserve: command.reserve};
}
