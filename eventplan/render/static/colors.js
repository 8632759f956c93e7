// How the map draws what it shows: coverage status, patrol, reach, way and node colours.
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
    NODE_COLORS: {gate: "#37474f", command: "#b71c1c", medical: "#d81b60",
      transit: "#1565c0", parking: "#546e7a", stage: "#6a1b9a"}
  };
}
