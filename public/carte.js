// The public map: Leaflet with marker clustering, over the same places as the list (which stays the reference).
// Offline or when the tile server fails, the markers still show (they are drawn, not images from elsewhere).
(() => {
  const box = document.getElementById('carte-map');
  if (!box || typeof window.L === 'undefined') return;
  const L = window.L;
  box.hidden = false;
  const map = L.map(box, { scrollWheelZoom: false }).setView([46.6, 2.4], 5);
  L.tileLayer(box.dataset.tiles, { maxZoom: 18, attribution: box.dataset.attribution }).addTo(map);
  const cluster = typeof L.markerClusterGroup === 'function' ? L.markerClusterGroup() : L.layerGroup();
  fetch(box.dataset.geojson, { headers: { accept: 'application/geo+json' } })
    .then((response) => (response.ok ? response.json() : { features: [] }))
    .then((data) => {
      const bounds = [];
      for (const feature of data.features) {
        const [lon, lat] = feature.geometry.coordinates;
        const p = feature.properties;
        const marker = L.circleMarker([lat, lon], { radius: 8, color: '#000091', weight: 2, fillColor: '#6a6af4', fillOpacity: 0.9 });
        const link = document.createElement('a');
        link.href = `/carte/lieux/${p.id}`;
        link.textContent = p.service;
        const line = document.createElement('p');
        line.append(link, document.createElement('br'), `${p.organisation}${p.commune ? ` · ${p.commune}` : ''}`);
        marker.bindPopup(line);
        cluster.addLayer(marker);
        bounds.push([lat, lon]);
      }
      map.addLayer(cluster);
      if (bounds.length > 0) map.fitBounds(bounds, { maxZoom: 12, padding: [20, 20] });
    })
    .catch(() => {});
})();
