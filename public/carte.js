// The public map: Leaflet with marker clustering, over the same places as the list (which stays the reference).
// Offline or when the tile server fails, the markers still show (they are drawn, not images from elsewhere).
// When the filters match more places than one answer holds, the map asks for what is in view instead, by boxes
// widened to the tile grid (the rule of `tileAlignedBox` in src/modules/directory/places.ts), so that people
// looking at the same place ask for the same, cached, URL.
(() => {
  const box = document.getElementById('carte-map');
  if (!box || typeof window.L === 'undefined') return;
  const L = window.L;
  const max = Number(box.dataset.max) || 2000;
  box.hidden = false;
  const map = L.map(box, { scrollWheelZoom: false }).setView([46.6, 2.4], 5);
  L.tileLayer(box.dataset.tiles, { maxZoom: 18, attribution: box.dataset.attribution }).addTo(map);
  const cluster = typeof L.markerClusterGroup === 'function' ? L.markerClusterGroup() : L.layerGroup();
  map.addLayer(cluster);

  const load = (url) =>
    fetch(url, { headers: { accept: 'application/geo+json' } }).then((response) =>
      response.ok ? response.json() : { features: [] },
    );

  const draw = (features) => {
    cluster.clearLayers();
    const bounds = [];
    for (const feature of features) {
      const [lon, lat] = feature.geometry.coordinates;
      const p = feature.properties;
      const marker = L.circleMarker([lat, lon], {
        radius: 8,
        color: '#000091',
        weight: 2,
        fillColor: '#6a6af4',
        fillOpacity: 0.9,
      });
      const link = document.createElement('a');
      link.href = `/carte/lieux/${p.id}`;
      link.textContent = p.service;
      const line = document.createElement('p');
      line.append(
        link,
        document.createElement('br'),
        `${p.organisation}${p.commune ? ` · ${p.commune}` : ''}`,
      );
      marker.bindPopup(line);
      cluster.addLayer(marker);
      bounds.push([lat, lon]);
    }
    return bounds;
  };

  const tileAlignedBox = (bounds, zoom) => {
    const step = 360 / 2 ** Math.max(0, Math.round(zoom));
    const fixed = (x) => Number(x.toFixed(6));
    return [
      fixed(Math.max(-180, Math.floor(bounds.getWest() / step) * step)),
      fixed(Math.max(-90, Math.floor(bounds.getSouth() / step) * step)),
      fixed(Math.min(180, Math.ceil(bounds.getEast() / step) * step)),
      fixed(Math.min(90, Math.ceil(bounds.getNorth() / step) * step)),
    ].join(',');
  };

  const url = box.dataset.geojson;
  let asked = '';
  const loadView = () => {
    const bbox = tileAlignedBox(map.getBounds(), map.getZoom());
    if (bbox === asked) return;
    asked = bbox;
    load(`${url}${url.includes('?') ? '&' : '?'}bbox=${bbox}`)
      .then((data) => {
        if (asked === bbox) draw(data.features);
      })
      .catch(() => {});
  };

  load(url)
    .then((data) => {
      const bounds = draw(data.features);
      if (bounds.length > 0) map.fitBounds(bounds, { maxZoom: 12, padding: [20, 20] });
      // More places than one answer holds: follow the view from now on.
      if (data.features.length >= max) {
        map.on('moveend', loadView);
        loadView();
      }
    })
    .catch(() => {});
})();
