// How the map draws what it shows: coverage status, patrol, reach, way and node colours, the
// ground and the sectors, and the shapes of the command post and reserves.
// The layers and the legend read the same values, so the legend always matches the map.
//
// Needs: nothing. Gives: makeColors().

/* exported makeColors */
function makeColors() {
  "use strict";
  return {
    // Indexed by the coverage code of the data block's status strings (0 = no need).
    STATUS_COLORS: ["#9e9e9e", "#2e7d32", "#f9a825", "#c62828"],
    STATUS_TEXT: ["cov_no_need", "cov_full", "cov_partial", "cov_none"],
    PALETTE: ["#e65100", "#ad1457", "#4e342e", "#1a237e", "#827717", "#bf360c",
      "#880e4f", "#33691e", "#3e2723", "#f57f17"],
    REACH_COLORS: ["#00838f", "#26c6da", "#b2ebf2", "#e0f7fa", "#f1fbfc"],
    EDGE_STYLES: {
      walkway: {color: "#78909c", weight: 2},
      stairs: {color: "#6d4c41", weight: 4, dashArray: "2 3", lineCap: "butt"},
      ramp: {color: "#78909c", weight: 2, dashArray: "8 5"},
      road: {color: "#b0bec5", weight: 6, opacity: 0.8}
    },
    // The ground under everything, in quiet colours: the plan is drawn on top of it.
    GROUND_AREAS: {
      water: {color: "#8cc4da", weight: 0, fillColor: "#aad3df", fillOpacity: 1},
      green: {color: "#c5e1a5", weight: 0, fillColor: "#d9ecc6", fillOpacity: 1},
      building: {color: "#b3b3b3", weight: 0.6, fillColor: "#d2d2d2", fillOpacity: 1},
      venue: {color: "#6d4c41", weight: 2, fillColor: "#efebe9", fillOpacity: 0.35}
    },
    GROUND_LINES: {
      water: [{color: "#aad3df", weight: 3}],
      road: [{color: "#c9c9c9", weight: 7}, {color: "#ffffff", weight: 5}],
      path: [{color: "#ffffff", weight: 2.5, opacity: 0.9}]
    },
    // Sectors: hues apart from the staffing colours (green, amber, red, grey).
    SECTOR_COLORS: ["#1565c0", "#ad1457", "#00838f", "#6a1b9a", "#5d4037", "#283593",
      "#00695c", "#4527a0"],
    NODE_COLORS: {gate: "#37474f", command: "#b71c1c", medical: "#d81b60",
      transit: "#1565c0", parking: "#546e7a", stage: "#6a1b9a"},
    // The command post (a square with a star), reserves (diamonds; a dashed red edge when
    // short) and the outline of a post whose screening wait goes over its target.
    COMMAND: "#b71c1c",
    RESERVE: "#00695c",
    SHORT_EDGE: "#c62828",
    QUEUE_OVER: "#ff6d00",
    // the outline of a post a replan changed (someone left it or came to it)
    CHANGED: "#aa00ff",
    QUEUE_OK: "#78909c",
    STAR: "M0,-6 L1.8,-2 L6,-1.9 L2.8,1 L3.7,5.5 L0,3.2 L-3.7,5.5 L-2.8,1 L-6,-1.9 L-1.8,-2 Z",
    DIAMOND: "M0,-7 L7,0 L0,7 L-7,0 Z"
  };
}
