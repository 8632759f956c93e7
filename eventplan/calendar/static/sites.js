// The calendar's sites: a layer per site, its marker's popup the duty stood there each day.
// Reads the JSON block #eventplan-sites: {text, stations: [[lat, lon, label]], sites: [{label,
// lat, lon, kind, short, days: [[date, window, names, missing]]}]}. Every name is set as text.
function drawSites(map) {
  const data = JSON.parse(document.getElementById('eventplan-sites').textContent);
  const text = data.text;

  function element(tag, content, className) {
    const node = document.createElement(tag);
    if (content !== undefined) node.textContent = content;
    if (className) node.className = className;
    return node;
  }

  function popup(site) {
    const box = element('div', undefined, 'ep-site');
    box.appendChild(element('b', site.label));
    box.appendChild(element('div', site.kind + ' · ' + site.days.length + ' ' + text.duties));
    const rows = element('div', undefined, 'ep-rows');
    const table = element('table');
    const head = element('tr');
    [text.date, text.window, text.people].forEach((h) => head.appendChild(element('th', h)));
    table.appendChild(head);
    site.days.forEach(([day, windowId, names, missing]) => {
      const row = element('tr');
      row.appendChild(element('td', day));
      row.appendChild(element('td', windowId));
      const who = element('td', names.join(', '));
      if (missing > 0) {
        who.appendChild(element('span', ' (' + missing + ' ' + text.short + ')', 'ep-short'));
      }
      row.appendChild(who);
      table.appendChild(row);
    });
    rows.appendChild(table);
    box.appendChild(rows);
    return box;
  }

  // The layer control writes its labels as HTML: they are escaped here, once.
  function escaped(label) {
    const node = document.createElement('span');
    node.textContent = label;
    return node.innerHTML;
  }

  const overlays = {};
  const bounds = [];
  const stations = L.layerGroup();
  data.stations.forEach(([lat, lon, label]) => {
    L.circleMarker([lat, lon], {radius: 5, color: '#1f4e9c', fillOpacity: 0.9})
      .bindTooltip(element('span', label)).addTo(stations);
    bounds.push([lat, lon]);
  });
  stations.addTo(map);
  overlays[escaped(text.stations)] = stations;
  data.sites.forEach((site) => {
    const color = site.short > 0 ? '#c0392b' : '#2e8b57';
    const layer = L.layerGroup();
    L.circleMarker([site.lat, site.lon], {radius: 7, color: color, fillOpacity: 0.7})
      .bindTooltip(element('span', site.label))
      .bindPopup(() => popup(site), {maxWidth: 420})
      .addTo(layer);
    layer.addTo(map);
    overlays[escaped(site.label)] = layer;
    bounds.push([site.lat, site.lon]);
  });
  L.control.layers(null, overlays, {collapsed: true}).addTo(map);
  if (bounds.length) map.fitBounds(bounds, {padding: [20, 20]});
}
