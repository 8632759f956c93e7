// People in popups: lists of names by role, or (in a redacted map) only counts per role, and
// the stints of leaders. Names reach the page only as text (see dom.js).
//
// Needs: makeDom(), readPlan(). Gives: makeCrewView(dom, plan).

/* exported makeCrewView */
function makeCrewView(dom, plan) {
  "use strict";
  var el = dom.el, txt = dom.txt;
  var D = plan.data, T = plan.text, roleName = plan.roleName;

  function isEmpty(crew) {
    return !crew || (Array.isArray(crew) ? crew.length === 0 : Object.keys(crew).length === 0);
  }

  // Names by role, or (in a redacted map) only a count per role.
  function block(box, crew) {
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

  // One line of names (or of role counts when redacted).
  function names(crew) {
    if (isEmpty(crew)) { return T.nobody; }
    if (Array.isArray(crew)) {
      return crew.map(function (i) { return D.people[i][0]; }).join(", ");
    }
    return Object.keys(crew).map(function (role) {
      return roleName(role) + " × " + crew[role];
    }).join(", ");
  }

  // Stints [who, from, to]: who is a person index, or a role in a redacted map.
  function stints(list) {
    return list.map(function (s) {
      var who = typeof s[0] === "number" ? D.people[s[0]][0] : roleName(s[0]);
      return who + " " + s[1] + "–" + s[2];
    }).join("; ");
  }

  return {isEmpty: isEmpty, block: block, names: names, stints: stints};
}
