// The command in popups: a post's sector with its call sign and radio channel and the sector
// leader on duty, the command post with every sector's leader and every reserve, and a
// reserve's members, all for the phase shown.
//
// Needs: makeDom(), makeColors(), readPlan(), makeCrewView().
// Gives: makeCommandPopups(dom, colors, plan, crew).

/* exported makeCommandPopups */
function makeCommandPopups(dom, colors, plan, crew) {
  "use strict";
  var el = dom.el, txt = dom.txt, fill = dom.fill, dot = dom.dot;
  var D = plan.data, T = plan.text, nodeName = plan.nodeName;

  function section(box, title) { el("div", "ep-sec", title, box); }
  function sectorName(s) { return s.name || s.id; }

  // "Call sign 北区 · Channel 3" of a post, sector or the command post (empty without either).
  function radio(item) {
    var parts = [];
    if (item.call) { parts.push(fill(T.call_sign, {c: item.call})); }
    if (item.channel) { parts.push(fill(T.radio_channel, {c: item.channel})); }
    return parts.join(" · ");
  }
  function radioLine(box, item) {
    var text = radio(item);
    if (text) { el("div", "ep-radio", text, box).setAttribute("data-radio", item.id || ""); }
  }

  // The leader on duty in the phase shown: names and times, else whether one is missing.
  function leaderLine(box, sector, w, label) {
    var row = el("div", "ep-leader", null, box);
    row.setAttribute("data-sector", sector.id);
    el("b", null, label + ": ", row);
    var stints = sector.lead[w] || [];
    if (stints.length) { txt(row, crew.stints(stints)); return; }
    var code = +sector.status.charAt(w);
    el("span", code >= 2 ? "ep-bad" : "ep-muted", code >= 2 ? T.leader_missing : T.nobody, row);
  }

  function sectorBlock(box, post, w) {
    var sector = plan.sectorOf(post.i);
    if (!sector) { return; }
    section(box, T.sector);
    el("div", null, sectorName(sector) + (sector.name ? " (" + sector.id + ")" : ""), box);
    radioLine(box, sector);
    if (sector.role !== null || Object.keys(sector.lead).length) {
      leaderLine(box, sector, w, T.sector_leader);
    }
  }

  function statusLine(box, code, w) {
    var status = el("div", "ep-status", null, box);
    dot(status, colors.STATUS_COLORS[code]);
    txt(status, plan.phaseLabel(w) + ": " + T[colors.STATUS_TEXT[code]]);
  }

  function reserveSize(r) {
    if (r.min !== null && r.min !== undefined) { return fill(T.reserve_min, {n: r.min}); }
    if (r.share !== null && r.share !== undefined) {
      return fill(T.reserve_share, {p: dom.pct(r.share)});
    }
    return "";
  }

  function commandPopup(w) {
    var box = el("div", "ep-pop");
    box.setAttribute("data-command", "command");
    el("div", "ep-pop-title", T.command_post + ": " + (D.command.name ||
      nodeName(D.command.node)), box);
    el("div", "ep-muted", nodeName(D.command.node) + " · " + plan.phaseLabel(w), box);
    radioLine(box, D.command);
    var led = D.sectors.filter(function (s) {
      return s.role !== null || Object.keys(s.lead).length;
    });
    if (led.length) {
      section(box, T.sector_leader);
      led.forEach(function (s) { leaderLine(box, s, w, sectorName(s)); });
    }
    if (D.reserves.length) {
      section(box, T.reserves);
      var ul = el("ul", "ep-list", null, box);
      D.reserves.forEach(function (r) {
        el("li", null, (r.name || r.id) + ": " + crew.names(r.crew[w]), ul);
      });
    }
    return box;
  }

  function reservePopup(r, w) {
    var box = el("div", "ep-pop");
    box.setAttribute("data-reserve", r.id);
    el("div", "ep-pop-title", T.reserve + ": " + (r.name || r.id), box);
    var meta = [r.id, r.roles.map(plan.roleName).join(" / "), nodeName(r.node)];
    if (reserveSize(r)) { meta.push(reserveSize(r)); }
    el("div", "ep-muted", meta.join(" · "), box);
    statusLine(box, +r.status.charAt(w), w);
    section(box, T.members);
    crew.block(box, r.crew[w]);
    return box;
  }

  return {sector: sectorBlock, command: commandPopup, reserve: reservePopup,
    radioLine: radioLine};
}
