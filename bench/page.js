/* global L -- Leaflet, loaded by the bench page before this script */
// The in-page half of the map benchmark (bench/run.mjs serves it with Leaflet, leaflet.markercluster
// and the embed build already loaded). Each function draws one map of n poles from scratch, data
// loading included, and times it until the first frame that shows it is painted; then a filter
// change and a zoom, each until painted too.

/** After the next frame's paint: the callback of a task queued from requestAnimationFrame. */
const painted = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
const host = () => document.getElementById('host');
const normalize = (text) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** Elements under a root, shadow roots included. */
function countNodes(root) {
  let count = 0;
  const walk = (node) => {
    for (const el of node.querySelectorAll('*')) {
      count++;
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(root);
  return count;
}

/** This map: `view` is "both" (map and list) or "map". */
async function ptceMap(n, view, run) {
  host().replaceChildren();
  // The poles document itself, as the README tells a map page to write it (and as Leaflet reads it).
  const endpoint = `/bench/poles-${n}.json?run=${run}`;
  performance.mark('bench-start');
  const start = performance.now();
  const el = document.createElement('ptce-pole-map');
  el.setAttribute('endpoint', endpoint);
  el.setAttribute('view', view);
  const shown = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (el.shadowRoot.querySelector('.marker')) {
        observer.disconnect();
        resolve();
      }
    });
    queueMicrotask(() => observer.observe(el.shadowRoot, { childList: true, subtree: true }));
  });
  host().append(el);
  await shown;
  await painted();
  const first = performance.now() - start;
  performance.mark('bench-first-painted');
  // The rest of the list is drawn after the first paint: the filter starts once it is.
  await el.updateComplete;
  const complete = performance.now() - start;

  const input = el.shadowRoot.querySelector('input[type="search"]');
  const filters = [];
  const rendered = [];
  for (const text of ['ecologie', '']) {
    performance.mark('bench-filter');
    const t = performance.now();
    input.value = text;
    input.dispatchEvent(new Event('input'));
    await el.updateComplete;
    rendered.push(performance.now() - t);
    await painted();
    filters.push(performance.now() - t);
    performance.mark('bench-filter-painted');
  }
  const t = performance.now();
  el.shadowRoot.querySelector('.controls button').click();
  await el.updateComplete;
  await painted();
  const zoom = performance.now() - t;
  const marks = el.shadowRoot.querySelectorAll('.marker').length;
  const nodes = countNodes(host());
  // The client keeps responses for 5 minutes: let this run's go.
  (await import('/dist/cdn/ptce-widgets.js')).clientFor(endpoint).invalidate();
  return { first, complete, filters, rendered, zoom, marks, nodes };
}

/** Leaflet with markers clustered by leaflet.markercluster, or circle markers on a canvas. */
async function leaflet(n, kind, run) {
  host().replaceChildren();
  const start = performance.now();
  const div = document.createElement('div');
  div.style.cssText = 'width: 1000px; height: 600px';
  host().append(div);
  performance.mark('bench-start');
  const document_ = await (await fetch(`/bench/poles-${n}.json?run=${run}`)).json();
  // Animations off: each change is drawn at once (the most favourable case for timing Leaflet).
  const map = L.map(div, {
    maxZoom: 18,
    preferCanvas: kind === 'canvas',
    zoomAnimation: false,
    fadeAnimation: false,
    markerZoomAnimation: false,
  });
  map.fitBounds([
    [41.3, -5.2],
    [51.1, 9.6],
  ]);
  const placed = document_.poles.filter((p) => p.geo);
  const markers = placed.map((p) =>
    kind === 'canvas'
      ? L.circleMarker([p.geo.lat, p.geo.lon], { radius: 6 }).bindPopup(p.name)
      : L.marker([p.geo.lat, p.geo.lon], { title: p.name, alt: p.name }).bindPopup(p.name),
  );
  const names = placed.map((p) => normalize(p.name));
  let layer = kind === 'canvas' ? L.layerGroup(markers) : L.markerClusterGroup().addLayers(markers);
  map.addLayer(layer);
  await painted();
  const first = performance.now() - start;
  performance.mark('bench-first-painted');

  const filters = [];
  for (const text of ['ecologie', '']) {
    performance.mark('bench-filter');
    const t = performance.now();
    const kept = markers.filter((_, i) => names[i].includes(text));
    if (kind === 'canvas') {
      map.removeLayer(layer);
      layer = L.layerGroup(kept).addTo(map);
    } else {
      layer.clearLayers();
      layer.addLayers(kept);
    }
    await painted();
    filters.push(performance.now() - t);
    performance.mark('bench-filter-painted');
  }
  const t = performance.now();
  map.setZoom(map.getZoom() + 1, { animate: false });
  await painted();
  const zoom = performance.now() - t;
  const marks = div.querySelectorAll('.leaflet-marker-icon').length;
  const nodes = countNodes(host());
  map.remove();
  return { first, filters, zoom, marks, nodes };
}

/** The floor: what any map must do — fetch and parse the document, then one painted frame (of nothing). */
async function floor(n, run) {
  host().replaceChildren();
  const start = performance.now();
  const document_ = await (await fetch(`/bench/poles-${n}.json?run=${run}`)).json();
  host().textContent = `${document_.poles.length}`;
  await painted();
  const first = performance.now() - start;
  // A filter or zoom's floor: one painted frame.
  const frame = async () => ((t) => painted().then(() => performance.now() - t))(performance.now());
  return { first, filters: [await frame(), await frame()], zoom: await frame(), marks: 0, nodes: countNodes(host()) };
}

window.bench = {
  'map (map + list)': (n, run) => ptceMap(n, 'both', run),
  'map (map only)': (n, run) => ptceMap(n, 'map', run),
  'Leaflet + markercluster': (n, run) => leaflet(n, 'cluster', run),
  'Leaflet canvas': (n, run) => leaflet(n, 'canvas', run),
  'floor: fetch, parse, paint': floor,
};
