"""The map's own stylesheet (panels, popups, labels); Leaflet's comes from its package."""

CSS = """
html, body { margin: 0; padding: 0; width: 100%; height: 100%; }
body, .leaflet-container {
  font: 13px/1.35 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC",
    "PingFang SC", "Microsoft YaHei", sans-serif;
}
html body .leaflet-container { background: #f4f4f0; font-size: 13px; }
.leaflet-popup-content { font-size: 13px; line-height: 1.35; }
.ep-title {
  position: absolute; z-index: 1000; top: 10px; left: 50%; transform: translateX(-50%);
  max-width: calc(100vw - 460px); min-width: 240px; padding: 6px 14px; border-radius: 6px;
  background: rgba(255, 255, 255, 0.95); box-shadow: 0 1px 5px rgba(0, 0, 0, 0.35);
  text-align: center; pointer-events: none;
}
.ep-event { font-size: 17px; font-weight: 700; overflow-wrap: anywhere; }
.ep-sub { font-size: 12px; color: #455a64; overflow-wrap: anywhere; }
.ep-panel {
  padding: 7px 10px; border-radius: 6px; background: rgba(255, 255, 255, 0.96);
  box-shadow: 0 1px 5px rgba(0, 0, 0, 0.35); max-height: 55vh; overflow: auto;
}
.ep-panel label { display: block; white-space: nowrap; cursor: pointer; margin: 1px 0; }
.ep-panel summary { cursor: pointer; font-weight: 700; }
.ep-head { font-weight: 700; margin: 6px 0 2px; }
.ep-head:first-child { margin-top: 0; }
.ep-day select { max-width: 140px; }
.ep-kpis { max-width: 420px; }
.ep-row { display: flex; align-items: center; gap: 4px; white-space: nowrap; }
.ep-swatch { flex: none; vertical-align: middle; margin-right: 4px; }
.ep-pop { min-width: 220px; }
.ep-pop-title { font-size: 14px; font-weight: 700; overflow-wrap: anywhere; }
.ep-muted { color: #607d8b; font-size: 12px; }
.ep-status { margin-top: 3px; font-weight: 600; }
.ep-sec { margin-top: 6px; padding-top: 3px; border-top: 1px solid #e0e0e0; font-weight: 700; }
.ep-list { margin: 2px 0; padding-left: 16px; }
.ep-ok { color: #2e7d32; }
.ep-bad { color: #c62828; }
.ep-arrow, .ep-label { background: none; border: none; }
.ep-far .ep-arrow { display: none; }
.ep-label span {
  display: inline-block; transform: translate(-50%, -50%); white-space: nowrap;
  font-size: 11px; color: #4527a0; text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 2px #fff;
}
.ep-egress span {
  font-weight: 700; background: #fff; border: 1px solid currentColor; border-radius: 3px;
  padding: 0 3px; text-shadow: none; transform: translate(-50%, 40%);
}
.ep-egress.ep-at span { transform: translate(-50%, -160%); }
.ep-egress.ep-ok span { color: #2e7d32; }
.ep-egress.ep-bad span { color: #c62828; }
"""
