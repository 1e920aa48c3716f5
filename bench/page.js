/* global L -- Leaflet, loaded by the bench page before this script */
// The in-page half of the map benchmark (bench/run.mjs serves it with Leaflet, leaflet.markercluster
// and the embed build already loaded). Each function draws one map of n poles from scratch, data
// loading included, and times it until the first frame that shows it is painted; then a filter
// change and a zoom, each until painted too.

/** After the next frame's paint: the callback of a task queued from requestAnimationFrame. */
const painted = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
/**
 * A run given `pause:<ms>` pauses that long after each step, as a person does between two actions:
 * the raster work a step causes (on other threads, after its frame) is done, and so is the idle work
 * of the page, before the next step. A traced run given `trace:<ms>` (--trace-settle) does the same,
 * so that each step is charged its own raster, not the next one's.
 */
const settle = (run) => {
  const pause = /(?:trace|pause):(\d+)/.exec(String(run));
  return pause && new Promise((resolve) => setTimeout(resolve, Number(pause[1])));
};
const host = () => document.getElementById('host');
const json = async (url) => (await fetch(url)).json();
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

/**
 * This map: `view` is "both" (map and list) or "map". Today's measure: data loading included, until
 * the first frame with marks. `whole`: the data client primed (the poles fetched, parsed and
 * validated beforehand), until the element's `updateComplete` resolved (the list complete, as a
 * keyboard or screen-reader user gets it) and a frame painted.
 */
async function ptceMap(n, view, run, whole = false) {
  host().replaceChildren();
  // The poles document itself, as the README tells a map page to write it (and as Leaflet reads it).
  const endpoint = `/bench/poles-${n}.json?run=${run}`;
  const widgets = await import('/dist/cdn/ptce-widgets.js');
  if (whole) await widgets.loadPoles(widgets.clientFor(endpoint));
  performance.mark('bench-start');
  const start = performance.now();
  const el = document.createElement('ptce-pole-map');
  el.setAttribute('endpoint', endpoint);
  el.setAttribute('view', view);
  // The drawing is an inner element with its own shadow root: the marks are in it.
  const drawing = () => el.shadowRoot.querySelector('ptce-pole-map-view');
  const inView = (selector) => drawing()?.shadowRoot?.querySelector(selector);
  /** Resolves once `found()` holds, watching `root()`'s subtree. */
  const appears = (root, found) =>
    new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (found()) {
          observer.disconnect();
          resolve();
        }
      });
      observer.observe(root, { childList: true, subtree: true });
    });
  // Today: the first marks; whole: the drawing rendered with the data (then the element completes).
  const shown = new Promise((resolve) => queueMicrotask(resolve))
    .then(() => appears(el.shadowRoot, drawing))
    .then(() => whole || inView('.marker') || appears(drawing().shadowRoot, () => inView('.marker')));
  host().append(el);
  await shown;
  if (whole) await el.updateComplete;
  await painted();
  const first = performance.now() - start;
  performance.mark('bench-first-painted');
  // Today's measure: the rest of the list may be drawn after the first paint; the filter starts once it is.
  await el.updateComplete;
  const complete = performance.now() - start;
  await settle(run);

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
    await settle(run);
  }
  performance.mark('bench-zoom');
  const t = performance.now();
  inView('.controls button').click();
  await drawing().updateComplete;
  const zoomRendered = performance.now() - t;
  await painted();
  const zoom = performance.now() - t;
  performance.mark('bench-zoom-painted');
  await settle(run);
  const marks = drawing().shadowRoot.querySelectorAll('.marker').length;
  const nodes = countNodes(host());
  // The client keeps responses for 5 minutes: let this run's go.
  widgets.clientFor(endpoint).invalidate();
  return { first, complete, filters, rendered, zoom, zoomRendered, marks, nodes };
}

/**
 * Leaflet with markers clustered by leaflet.markercluster, or circle markers on a canvas. Today's
 * measure: the poles fetched and parsed in the timing. `whole`: the poles and the department
 * GeoJSON already parsed, the outlines drawn under the markers (what a CRESS web team would build).
 */
async function leaflet(n, kind, run, whole = false) {
  host().replaceChildren();
  const given = whole && (await Promise.all([json(`/bench/poles-${n}.json?run=${run}`), json('/bench/departments.geojson')]));
  performance.mark('bench-start');
  const start = performance.now();
  const div = document.createElement('div');
  div.style.cssText = 'width: 1000px; height: 600px';
  host().append(div);
  const document_ = given ? given[0] : await json(`/bench/poles-${n}.json?run=${run}`);
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
  if (given) L.geoJSON(given[1], { style: { weight: 1, color: '#667', fillColor: '#dde', fillOpacity: 1 } }).addTo(map);
  const placed = document_.poles.filter((p) => p.geo);
  const markers = placed.map((p) =>
    kind === 'canvas'
      ? L.circleMarker([p.geo.lat, p.geo.lon], { radius: 6 }).bindPopup(p.name)
      : L.marker([p.geo.lat, p.geo.lon], { title: p.name, alt: p.name }).bindPopup(p.name),
  );
  const names = placed.map((p) => normalize(p.name));
  // The cluster group's own animation off too: with it, a zoom's first frame is the start of a 300 ms
  // transition (children moving out from their cluster, old clusters fading), its old clusters
  // removed only at its end, so "until painted" would time a change not yet drawn.
  let layer = kind === 'canvas' ? L.layerGroup(markers) : L.markerClusterGroup({ animate: false }).addLayers(markers);
  map.addLayer(layer);
  await painted();
  const first = performance.now() - start;
  performance.mark('bench-first-painted');
  await settle(run);

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
    await settle(run);
  }
  performance.mark('bench-zoom');
  const t = performance.now();
  map.setZoom(map.getZoom() + 1, { animate: false });
  await painted();
  const zoom = performance.now() - t;
  performance.mark('bench-zoom-painted');
  await settle(run);
  const marks = div.querySelectorAll('.leaflet-marker-icon').length;
  const nodes = countNodes(host());
  map.remove();
  return { first, filters, zoom, marks, nodes };
}

/**
 * The floor: what any map must do — fetch and parse the document, then one painted frame (of
 * nothing); with `whole`, the document given already parsed: one painted frame.
 */
async function floor(n, run, whole = false) {
  host().replaceChildren();
  const given = whole && (await json(`/bench/poles-${n}.json?run=${run}`));
  const start = performance.now();
  const document_ = given || (await json(`/bench/poles-${n}.json?run=${run}`));
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
  // The whole first view (issue 31's measure): the data already loaded, the list complete, the outlines under Leaflet's markers.
  'whole: map (map + list)': (n, run) => ptceMap(n, 'both', run, true),
  'whole: map (map only)': (n, run) => ptceMap(n, 'map', run, true),
  'whole: Leaflet + markercluster + GeoJSON': (n, run) => leaflet(n, 'cluster', run, true),
  'whole: Leaflet canvas + GeoJSON': (n, run) => leaflet(n, 'canvas', run, true),
  'whole: floor, one frame': (n, run) => floor(n, run, true),
};
