// The screening queue of a post in its popup: the worst wait against the target, a sparkline
// of the predicted wait per slot of the phase shown and a compact table of its slots.
//
// Needs: makeDom(), makeColors(), readPlan(). Gives: makeQueueView(dom, colors, plan).

/* exported makeQueueView */
function makeQueueView(dom, colors, plan) {
  "use strict";
  var el = dom.el, fill = dom.fill, num = dom.num, svg = dom.svg, shape = dom.shape;
  var T = plan.text;
  var UNBOUNDED = "∞";

  // A slot row is [from, arrivals per minute, lanes open, queue, wait]; a wait of null is
  // unbounded (a queue and no lane open).
  function waitText(wait) { return wait === null ? UNBOUNDED : num(wait); }
  function isOver(wait, limit) { return wait === null || wait > limit; }
  function worstOf(rows) {
    var worst = 0;
    for (var i = 0; i < rows.length; i++) {
      if (rows[i][4] === null) { return null; }
      worst = Math.max(worst, rows[i][4]);
    }
    return worst;
  }

  // Bars of the wait per slot (an unbounded wait fills the height), the limit dashed.
  function sparkline(box, rows, limit) {
    var bar = 9, height = 34, width = Math.max(rows.length * bar, 40);
    var top = Math.max(limit * 1.25, 1);
    rows.forEach(function (r) { if (r[4] !== null) { top = Math.max(top, r[4]); } });
    var s = svg(width, height, el("div", "ep-spark", null, box));
    rows.forEach(function (r, k) {
      var h = r[4] === null ? height : Math.max(1, r[4] / top * height);
      shape(s, "rect", {x: k * bar + 1, y: height - h, width: bar - 2, height: h,
        fill: isOver(r[4], limit) ? colors.QUEUE_OVER : colors.QUEUE_OK});
    });
    var y = (height - limit / top * height).toFixed(1);
    shape(s, "line", {x1: 0, x2: width, y1: y, y2: y, stroke: "#263238",
      "stroke-width": 1, "stroke-dasharray": "3 2"});
  }

  function table(box, rows, limit) {
    var wrap = el("div", "ep-queue", null, box);
    var t = el("table", null, null, wrap);
    var head = el("tr", null, null, el("thead", null, null, t));
    [T.q_from, T.q_arrivals, T.q_lanes, T.q_queue, T.q_wait].forEach(function (h) {
      el("th", null, h, head);
    });
    var body = el("tbody", null, null, t);
    rows.forEach(function (r) {
      var tr = el("tr", isOver(r[4], limit) ? "ep-over" : null, null, body);
      tr.setAttribute("data-slot", r[0]);
      [r[0], num(r[1]), num(r[2]), num(r[3]), waitText(r[4])].forEach(function (v) {
        el("td", null, v, tr);
      });
    });
    if (rows.some(function (r) { return r[4] === null; })) {
      el("div", "ep-muted", T.unbounded, box);
    }
  }

  function block(box, post, w) {
    var q = plan.queueOf(post.i);
    if (!q) { return; }
    el("div", "ep-sec", T.queue, box);
    var worst = el("div", isOver(q.worst, q.limit) ? "ep-bad" : "ep-ok",
      fill(q.max !== null ? T.worst_wait : T.worst_wait_none,
        {m: waitText(q.worst), t: num(q.limit)}), box);
    worst.setAttribute("data-worst", q.worst === null ? UNBOUNDED : String(q.worst));
    var rows = q.by[w] || [];
    if (!rows.length) { el("div", "ep-muted", T.no_queue, box); return; }
    var phaseWorst = worstOf(rows);
    el("div", isOver(phaseWorst, q.limit) ? "ep-bad" : "ep-muted",
      fill(T.phase_worst, {m: waitText(phaseWorst)}), box);
    sparkline(box, rows, q.limit);
    table(box, rows, q.limit);
  }

  return {block: block};
}
