// Safe DOM building and number formatting for the map's panels and popups.
//
// Every text from the scenario or plan reaches the page through textContent (el and txt),
// never through HTML strings, so a name written as markup stays text.
//
// Needs: nothing. Gives: makeDom().

/* exported makeDom */
function makeDom() {
  "use strict";
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

  return {el: el, txt: txt, fill: fill, num: num, pct: pct, svg: svg, shape: shape, dot: dot};
}
