// Benchmarks (not tests): the map against its peers, and the référentiel, in one headless Chromium
// run; then the sizes (scripts/size.mjs). Run `npm run bench` after `npm run build`.
//
// The map: the same generated poles (metropolitan France and overseas) drawn by this map (map +
// list, and map only), by Leaflet 1.9.4 + leaflet.markercluster 1.5.3, and by Leaflet's canvas
// circle markers, alternated run by run in one page; each timed from the element's creation to the
// first painted frame, data loading (fetch, parse, validation) included; then a search filter and
// back, and a zoom, each until painted; the JS heap and DOM size in a fresh page. The floor is timed
// too: fetching and parsing the same document, then one painted frame, which no map can beat. Then a cold page
// load of the 40 demo poles over an emulated mobile network (9 Mbit/s, 150 ms round trip, no cache).
//
//   node bench/run.mjs [--sizes 2000,10000,50000] [--reps 1] [--no-cold | --cold-only] [--waterfall]
//                      [--profile 10000 [--profile-peer 'map (map + list)']]
//                      [--trace 2000 [--tasks] [--trace-runs 5] [--trace-peers 'whole: map'] [--trace-settle 400]]
// --reps scales the repetitions (21, 15 and 9 at 2,000, 10,000 and 50,000); --profile writes a CPU
// profile of this map's runs at that size (map only, unless --profile-peer names another peer) to
// bench-profile-<n>.cpuprofile (open it in DevTools).
// --cold-only runs only the cold loads; --waterfall prints each cold page's requests (from CDP
// Network events: start, first byte, end, and who asked) for one more, separate load of each.
// Each size is measured twice side by side: today's measure (each peer timed from its creation to
// the first painted frame with marks, data loading included) and the whole first view ("whole:"
// peers): the poles already loaded (the data client primed; Leaflet given the parsed document),
// timed until the element's `updateComplete` resolved (the list complete) and a frame painted, the
// Leaflet pages drawing the department outlines as GeoJSON under their markers, in a 1,000 px host;
// its floor is one painted frame.
// --trace prints where the main thread spends one more run of each peer at that size (scripting,
// style, layout, paint: from a browser trace), its first paint and first filter, after the timed
// runs; --tasks lists that run's tasks. Rasterizing (on other threads) ends after the frame that
// "painted" waits for: without a pause it is counted in the next step (a first view's in the
// filter). --trace-settle MS pauses that long after each step of a traced run and counts each step
// until the next begins, so that each step is charged its own raster; raster is also given by layer.
import { createServer } from 'node:http';
import { readFile, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import puppeteer from 'puppeteer-core';
import { departmentsGeoJson } from './departments-geojson.mjs';
import { poles } from './poles.mjs';
import { startReferenceServer } from './reference-server.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const coldOnly = args.includes('--cold-only');
const sizes = coldOnly ? [] : option('--sizes', '2000,10000,50000').split(',').map(Number);
const repsScale = Number(option('--reps', '1'));
const profileAt = Number(option('--profile', '0'));
const traceAt = Number(option('--trace', '0'));
const traceSettle = Number(option('--trace-settle', '0'));
const root = resolve('.');
const types = { '.js': 'text/javascript', '.json': 'application/json', '.html': 'text/html', '.css': 'text/css', '.png': 'image/png' };
const generated = new Map();

for (const n of sizes) generated.set(`/bench/poles-${n}.json`, JSON.stringify(poles(n)));
generated.set('/bench/departments.geojson', JSON.stringify(departmentsGeoJson()));

const leafletHead = `<link rel="stylesheet" href="/node_modules/leaflet/dist/leaflet.css">
<link rel="stylesheet" href="/node_modules/leaflet.markercluster/dist/MarkerCluster.css">
<link rel="stylesheet" href="/node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css">
<script src="/node_modules/leaflet/dist/leaflet.js"></script>
<script src="/node_modules/leaflet.markercluster/dist/leaflet.markercluster.js"></script>`;
const coldMap = (
  attributes,
) => `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<script type="module" src="/dist/cdn/elements/ptce-pole-map.js"></script></head>
<body><ptce-pole-map ${attributes}></ptce-pole-map></body></html>`;
const pages = {
  '/bench/page.html': `<!doctype html><html lang="fr"><head><meta charset="utf-8">${leafletHead}
<script type="module" src="/dist/cdn/ptce-widgets.js"></script><script type="module" src="/bench/page.js"></script></head>
<body><div id="host" style="width:1000px"></div></body></html>`,
  // Cold loads: what a visitor's browser gets for a page showing the 40 demo poles, as the README
  // tells a site that shows a map to write it: `endpoint` names the poles document itself.
  '/bench/cold-map.html': coldMap('endpoint="/demo/data/poles.json"'),
  '/bench/cold-map-only.html': coldMap('endpoint="/demo/data/poles.json" view="map"'),
  // A region's map (Auvergne-Rhône-Alpes), as a CRESS page has it: against the server-rendered /carte/84.
  '/bench/cold-map-region.html': coldMap('endpoint="/demo/data/poles.json" region="84"'),
  // The same through the discovery document (one request more), as a page with every widget has it.
  '/bench/cold-map-discovery.html': coldMap('endpoint="/demo/data/ptce.json"'),
  '/bench/cold-leaflet.html': `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">${leafletHead}</head>
<body><div id="map" style="height: 600px"></div><script>
Promise.all([fetch('/bench/departments.geojson').then((r) => r.json()), fetch('/demo/data/poles.json').then((r) => r.json())]).then(([departments, data]) => {
  const map = L.map('map', { maxZoom: 18 }).fitBounds([[41.3, -5.2], [51.1, 9.6]]);
  L.geoJSON(departments, { style: { weight: 1, color: '#667', fillColor: '#dde', fillOpacity: 1 } }).addTo(map);
  const group = L.markerClusterGroup();
  group.addLayers(data.poles.filter((p) => p.geo).map((p) => L.marker([p.geo.lat, p.geo.lon], { title: p.name, alt: p.name }).bindPopup(p.name)));
  map.addLayer(group);
});
</script></body></html>`,
};

const gzipped = new Map();
const server = createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  let body = generated.get(path) ?? pages[path];
  if (body === undefined) {
    try {
      body = await readFile(join(root, path));
    } catch {
      return res.writeHead(404).end();
    }
  }
  const headers = {
    'Content-Type': types[extname(path)] ?? (path.endsWith('geojson') ? 'application/json' : 'application/octet-stream'),
    'Cache-Control': 'no-store',
  };
  // Compressed as any web host would; kept so that compressing is not timed.
  if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? '') && !path.endsWith('.png')) {
    if (!gzipped.has(path)) gzipped.set(path, gzipSync(body, { level: 6 }));
    headers['Content-Encoding'] = 'gzip';
    body = gzipped.get(path);
  }
  res.writeHead(200, headers).end(body);
}).listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});

const LEAFLET = 'Leaflet + markercluster + GeoJSON (markers visible)';
const sorted = (values) => [...values].sort((a, b) => a - b);
const quantile = (values, q) => sorted(values)[Math.min(values.length - 1, Math.floor(q * values.length))];
const median = (values) => quantile(values, 0.5);
const spread = (values) => `${median(values).toFixed(0)} ms (${quantile(values, 0.25).toFixed(0)}–${quantile(values, 0.75).toFixed(0)})`;
const load = () =>
  loadavg()
    .map((v) => v.toFixed(2))
    .join(' ');
const out = [];
const say = (line = '') => (console.log(line), out.push(line));

say(`machine load (1, 5, 15 min) at start: ${load()}`);
if (sizes.length) say('Warm runs: each map is given the poles document itself as `endpoint`, as Leaflet is given the same file.');
const page = await browser.newPage();
await page.setViewport({ width: 1280, height: 900 });
if (!coldOnly) {
  await page.goto(`${base}/bench/page.html`);
  await page.waitForFunction(() => window.bench && customElements.get('ptce-pole-map') && window.L?.markerClusterGroup);
}
const peers = coldOnly ? [] : await page.evaluate(() => Object.keys(window.bench));
const REPS = { 2000: 21, 10000: 15, 50000: 9 };

/** One more run of a peer under a browser trace: main-thread time by kind of work, for its first paint and its first filter. */
async function traceRun(peer, n) {
  await page.tracing.start({ categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'cc'] });
  const result = await page.evaluate((peer, n, run) => window.bench[peer](n, run), peer, n, traceSettle ? `trace:${traceSettle}` : 'trace');
  const all = JSON.parse(Buffer.from(await page.tracing.stop()).toString()).traceEvents;
  // The renderer's main thread: the one that ran the most tasks.
  const perThread = new Map();
  for (const e of all)
    if (e.name === 'RunTask' && e.dur) perThread.set(`${e.pid}:${e.tid}`, (perThread.get(`${e.pid}:${e.tid}`) ?? 0) + e.dur);
  const main = [...perThread].sort((a, b) => b[1] - a[1])[0]?.[0];
  const onMain = all.filter((e) => e.ph === 'X' && e.dur && `${e.pid}:${e.tid}` === main);
  // page.js marks the start, the first paint, and each filter and its paint.
  const mark = (name) => all.find((e) => e.name === name)?.ts ?? 0;
  const kinds = {
    scripting: ['FunctionCall', 'EvaluateScript', 'v8.compile', 'RunMicrotasks', 'TimerFire', 'FireAnimationFrame', 'EventDispatch'],
    style: ['UpdateLayoutTree'],
    layout: ['Layout'],
    'pre-paint': ['PrePaint'],
    paint: ['Paint', 'Layerize', 'Commit'],
  };
  const breakdown = (label, from, to, ms) => {
    const events = onMain.filter((e) => e.ts >= from && e.ts <= to);
    // Outermost events only: a function call inside a microtask counts once.
    const time = (names) => {
      let sum = 0;
      let end = 0;
      for (const e of events.filter((e) => names.includes(e.name)).sort((a, b) => a.ts - b.ts))
        if (e.ts >= end) {
          sum += e.dur;
          end = e.ts + e.dur;
        }
      return sum / 1000;
    };
    const layouts = events.filter((e) => e.name === 'Layout').length;
    // Rasterizing runs on other threads: the next frame waits for it all the same.
    const rasters = all.filter((e) => e.ph === 'X' && e.dur && e.name === 'RasterTask' && e.ts >= from && e.ts <= to);
    const raster = rasters.reduce((sum, e) => sum + e.dur, 0) / 1000;
    // By composited layer, the four costliest (the map's basemap and marks are layers of their own): ms / tiles.
    const byLayer = new Map();
    for (const e of rasters) {
      const layer = e.args?.tileData?.layerId ?? '?';
      const [ms, tiles] = byLayer.get(layer) ?? [0, 0];
      byLayer.set(layer, [ms + e.dur / 1000, tiles + 1]);
    }
    const layers = [...byLayer.values()]
      .sort((a, b) => b[0] - a[0])
      .slice(0, 4)
      .map(([ms, tiles]) => `${ms.toFixed(1)}/${tiles}`)
      .join(', ');
    say(
      `  trace ${peer} at ${n}, ${label} ${ms.toFixed(0)} ms: ${Object.entries(kinds)
        .map(([kind, names]) => `${kind} ${time(names).toFixed(1)}`)
        .join(
          ', ',
        )} ms of main thread (${layouts} layouts), raster ${raster.toFixed(1)} ms${layers ? ` (by layer, ms/tiles: ${layers})` : ''}`,
    );
    if (args.includes('--tasks')) {
      // Each main-thread task (ms since the start, duration) and its longest parts.
      for (const e of events.filter((e) => e.name === 'RunTask' && e.dur > 300)) {
        const inner = events.filter((x) => x.ts >= e.ts && x.ts + x.dur <= e.ts + e.dur && x.name !== 'RunTask' && x.dur > 200).slice(0, 5);
        const forced = inner.find((x) => x.name === 'Layout' && x.args?.beginData?.stackTrace)?.args.beginData.stackTrace[0];
        for (const l of inner.filter((x) => x.name === 'Layout'))
          say(
            `      layout ${(l.dur / 1000).toFixed(1)} ms: ${l.args?.beginData?.dirtyObjects} of ${l.args?.beginData?.totalObjects} objects dirty`,
          );
        if (forced) say(`      layout forced by ${forced.functionName} ${forced.url.split('/').pop()}:${forced.lineNumber}`);
        say(
          `    ${((e.ts - from) / 1000).toFixed(1).padStart(6)} +${(e.dur / 1000).toFixed(1).padStart(5)}  ${inner.map((x) => `${x.name}${x.args?.data?.functionName ? ' ' + x.args.data.functionName : ''} ${(x.dur / 1000).toFixed(1)}`).join(' | ')}`,
        );
      }
    }
  };
  if (traceSettle) {
    // Each step until the next begins (its pause included): its own raster with it.
    const filters = all.filter((e) => e.name === 'bench-filter').map((e) => e.ts);
    breakdown('first paint, settled', mark('bench-start'), filters[0], result.first);
    breakdown('filter, settled', filters[0], filters[1], result.filters[0]);
    if (mark('bench-zoom')) breakdown('zoom, settled', mark('bench-zoom'), mark('bench-zoom-painted') + traceSettle * 1000, result.zoom);
    return;
  }
  breakdown('first paint', mark('bench-start'), mark('bench-first-painted'), result.first);
  breakdown('filter', mark('bench-filter'), mark('bench-filter-painted'), result.filters[0]);
  if (mark('bench-zoom')) breakdown('zoom', mark('bench-zoom'), mark('bench-zoom-painted'), result.zoom);
}

const results = {};
/** The whole-first-view runs with a pause before each filter and the zoom (ms), by size and peer. */
const PAUSE = 300;
const paused = Object.fromEntries(sizes.map((n) => [n, Object.fromEntries(peers.map((p) => [p, []]))]));

for (const n of sizes) {
  const reps = Math.max(3, Math.round((REPS[n] ?? 9) * repsScale));
  const runs = Object.fromEntries(peers.map((p) => [p, []]));
  // One warm-up round (code compiled, basemap loaded), then the peers in turn, run after run.
  for (let run = -1; run < reps; run++) {
    for (const peer of run % 2 ? peers : [...peers].reverse()) {
      const profiling = profileAt === n && peer === option('--profile-peer', 'map (map only)') && run >= 0;
      const session = profiling ? await page.createCDPSession() : undefined;
      if (session) {
        await session.send('Profiler.enable');
        await session.send('Profiler.setSamplingInterval', { interval: 100 });
        await session.send('Profiler.start');
      }
      const result = await page.evaluate((peer, n, run) => window.bench[peer](n, run), peer, n, `${n}-${run}`);
      if (session) {
        const { profile } = await session.send('Profiler.stop');
        await writeFile(`bench-profile-${n}.cpuprofile`, JSON.stringify(profile));
        await session.detach();
      }
      // (With --profile, that peer's figures include the profiler's overhead.)
      if (run >= 0) runs[peer].push(result);
      // The whole first view once more, a person's pause before each step.
      if (run >= 0 && peer.startsWith('whole: '))
        paused[n][peer].push(await page.evaluate((peer, n, run) => window.bench[peer](n, run), peer, n, `${n}-${run}-pause:${PAUSE}`));
    }
  }
  results[n] = runs;
  // --trace-runs k traces k runs of each peer (one run's figures vary); --trace-peers TEXT only those whose name holds it.
  const traced = peers.filter((peer) => peer.includes(option('--trace-peers', '')));
  if (traceAt === n) for (const peer of traced) for (let i = 0; i < Number(option('--trace-runs', '1')); i++) await traceRun(peer, n);
}

// Heap and DOM: each peer alone in a fresh page, after a garbage collection, minus the empty page.
const heaps = {};
for (const n of sizes) {
  for (const peer of peers.filter((p) => !p.startsWith('whole: '))) {
    const fresh = await browser.newPage();
    await fresh.setViewport({ width: 1280, height: 900 });
    await fresh.goto(`${base}/bench/page.html`);
    await fresh.waitForFunction(() => window.bench && customElements.get('ptce-pole-map') && window.L?.markerClusterGroup);
    const cdp = await fresh.createCDPSession();
    const heap = async () => (await cdp.send('HeapProfiler.collectGarbage'), (await cdp.send('Runtime.getHeapUsage')).usedSize);
    const before = await heap();
    // Drawn without leaving: the filters and the zoom put it back to all poles, zoomed in.
    await fresh.evaluate(
      async (peer, n) => {
        window.kept = await window.bench[peer](n, 'heap');
      },
      peer,
      n,
    );
    heaps[`${n} ${peer}`] = (await heap()) - before;
    await fresh.close();
  }
}

const fmt = (v) => v.toLocaleString('en');
// Two measures side by side: today's (data loading included, until the first frame with marks) and
// the whole first view (data already loaded, until `updateComplete` and a painted frame).
const whole = (peer) => peer.startsWith('whole: ');
for (const n of sizes) {
  say();
  say(`${fmt(n)} poles (${results[n][peers[0]].length} runs each; median (p25–p75))`);
  for (const [title, group] of [
    ['first paint, data incl.', peers.filter((p) => !whole(p))],
    ['whole first view', peers.filter(whole)],
  ]) {
    if (!group.length) continue;
    say(`${'peer'.padEnd(42)} ${title.padEnd(24)} ${'filter, until painted'.padEnd(22)} ${'zoom'.padEnd(17)} marks  DOM el.  JS heap`);
    for (const peer of group) {
      const r = results[n][peer];
      const heap = heaps[`${n} ${peer}`];
      say(
        `${peer.padEnd(42)} ${spread(r.map((x) => x.first)).padEnd(24)} ${spread(r.flatMap((x) => x.filters)).padEnd(22)} ${spread(r.map((x) => x.zoom)).padEnd(17)} ${String(r[0].marks).padStart(5)} ${String(r[0].nodes).padStart(8)} ${heap === undefined ? '    —' : (heap / 1048576).toFixed(1).padStart(5)} MB`,
      );
    }
    // The two filters apart: to the few poles named "écologie", then back to all of them.
    say(
      `  filter to the few · back to all: ${group.map((peer) => `${peer.replace('whole: ', '')} ${[0, 1].map((i) => spread(results[n][peer].map((x) => x.filters[i]))).join(' · ')}`).join('; ')}`,
    );
    for (const mine of group.filter((p) => p.replace('whole: ', '').startsWith('map'))) {
      const mineRuns = results[n][mine];
      say(
        `  ${mine}: ${whole(mine) ? '' : `everything drawn (the list's rest after the first paint) ${spread(mineRuns.map((x) => x.complete))}; `}until rendered (before style, layout, paint): filter ${spread(mineRuns.flatMap((x) => x.rendered))}, zoom ${spread(mineRuns.map((x) => x.zoomRendered))}`,
      );
      for (const other of group.filter((p) => !p.replace('whole: ', '').startsWith('map') && !p.includes('floor'))) {
        const ratio = (f) => (median(results[n][mine].flatMap(f)) / median(results[n][other].flatMap(f))).toFixed(2);
        say(`  ${mine} / ${other}: first ×${ratio((x) => x.first)}, filter ×${ratio((x) => x.filters)}, zoom ×${ratio((x) => x.zoom)}`);
      }
    }
    underTheFloor(n, group);
  }
}

/**
 * Back to back, a step can end sooner than the floor's one painted frame, which no page can beat:
 * after a long previous step the browser draws the next frame at once instead of waiting for the
 * frame clock. Such a figure times when the last step ended, not the step: said under the table.
 */
function underTheFloor(n, group) {
  const floor = group.find((peer) => peer.includes('floor'));
  if (!floor) return;
  const steps = [
    ['filter to the few', (x) => x.filters[0]],
    ['back to all', (x) => x.filters[1]],
    ['zoom', (x) => x.zoom],
  ];
  // The floor's zoom follows a step as short as a frame: it waits one whole frame (its first filter
  // follows the data's parsing, and may come at once too).
  const frame = median(results[n][floor].map((x) => x.zoom));
  for (const [step, of] of steps) {
    const under = group.filter((peer) => peer !== floor && median(results[n][peer].map(of)) < frame * 0.5);
    for (const peer of under)
      say(
        `  ${peer}: ${step} ${spread(results[n][peer].map(of))}, under half the floor's one frame (${fmt(Math.round(frame))} ms): its frame came at once after its previous step; see the runs with a pause`,
      );
  }
}
// Steps run back to back leave each one to start where the last one's frame left it, and its raster
// still running; a person pauses between two actions. The same steps, PAUSE ms apart:
for (const n of sizes) {
  const group = peers.filter(whole);
  if (!group.length) continue;
  say();
  say(`${fmt(n)} poles, whole first view, a ${PAUSE} ms pause before each step (${paused[n][group[0]].length} runs each)`);
  say(`${'peer'.padEnd(42)} ${'filter, until painted'.padEnd(22)} ${'to the few · back to all'.padEnd(32)} zoom`);
  for (const peer of group) {
    const r = paused[n][peer];
    const apart = [0, 1].map((i) => spread(r.map((x) => x.filters[i]))).join(' · ');
    const script = r[0].zoomRendered === undefined ? '' : ` (until rendered ${spread(r.map((x) => x.zoomRendered))})`;
    say(
      `${peer.padEnd(42)} ${spread(r.flatMap((x) => x.filters)).padEnd(22)} ${apart.padEnd(32)} ${spread(r.map((x) => x.zoom))}${script}`,
    );
  }
  for (const mine of group.filter((p) => p.replace('whole: ', '').startsWith('map')))
    for (const other of group.filter((p) => !p.replace('whole: ', '').startsWith('map') && !p.includes('floor'))) {
      const ratio = (f) => (median(paused[n][mine].flatMap(f)) / median(paused[n][other].flatMap(f))).toFixed(2);
      say(`  ${mine} / ${other}: filter ×${ratio((x) => x.filters)}, zoom ×${ratio((x) => x.zoom)}`);
    }
}
if (!coldOnly) say(`machine load after the map runs: ${load()}`);

// Cold page load over an emulated mobile network.
if (!args.includes('--no-cold')) {
  const colds = {
    'map (map + list)': 'cold-map',
    'map (map only)': 'cold-map-only',
    'map (map + list), via discovery': 'cold-map-discovery',
    // On a phone the widget shows the map first, the list behind a tab: timed to the map painted.
    'map of region 84 (map painted)': 'cold-map-region',
    'server-rendered /carte/84 (list visible)': 'ssr-list',
    'server-rendered /carte/84 (hydrated)': 'ssr-hydrated',
    [LEAFLET]: 'cold-leaflet',
  };
  // The reference server renders /carte/84 from the same 40 demo poles (issue 29).
  const reference = await startReferenceServer();
  process.on('exit', () => reference.stop());
  const urls = { 'ssr-list': `${reference.url}/carte/84`, 'ssr-hydrated': `${reference.url}/carte/84` };
  const found = {
    'cold-map': () => {
      // The marks and outlines are drawn by the inner <ptce-pole-map-view>, in its own shadow root.
      const root = document.querySelector('ptce-pole-map')?.shadowRoot?.querySelector('ptce-pole-map-view')?.shadowRoot;
      return !!root?.querySelector('.marker') && !!root.querySelector('path.dept');
    },
    'cold-leaflet': () => !!document.querySelector('.leaflet-overlay-pane path') && !!document.querySelector('.leaflet-marker-icon'),
    // The list's first entry laid out.
    'ssr-list': () => !!document.querySelector('ptce-pole-map')?.shadowRoot?.querySelector('.list a')?.getBoundingClientRect().height,
    // Hydrated: the map and its drawing took over the server's DOM (the page then behaves as any).
    'ssr-hydrated': () => {
      const map = document.querySelector('ptce-pole-map');
      return !!map?.hasUpdated && !!map.shadowRoot.querySelector('ptce-pole-map-view')?.hasUpdated;
    },
  };
  found['cold-map-only'] = found['cold-map-discovery'] = found['cold-map-region'] = found['cold-map'];
  /** One cold load of a page: when the map was painted, bytes transferred, and each request. */
  const coldLoad = async (file) => {
    const context = await browser.createBrowserContext();
    const cold = await context.newPage();
    await cold.setViewport({ width: 412, height: 915, isMobile: true, deviceScaleFactor: 1 });
    const cdp = await cold.createCDPSession();
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 150,
      downloadThroughput: 9e6 / 8,
      uploadThroughput: 1.5e6 / 8,
    });
    const requests = new Map();
    cdp.on('Network.requestWillBeSent', (e) => {
      // Who asked: the parser (the page's HTML), or the script whose code made the request.
      const frame = e.initiator.stack?.callFrames?.[0] ?? e.initiator.stack?.parent?.callFrames?.[0];
      const by =
        e.initiator.type === 'parser' ? `parser ${e.initiator.url ?? ''}` : frame ? `${e.initiator.type} ${frame.url}` : e.initiator.type;
      requests.set(e.requestId, { url: e.request.url, type: e.type, start: e.timestamp, wall: e.wallTime, by });
    });
    cdp.on('Network.responseReceived', (e) => {
      const r = requests.get(e.requestId);
      if (r && e.response.timing) r.firstByte = e.response.timing.requestTime + e.response.timing.receiveHeadersEnd / 1000;
    });
    // A body read as a stream (the widgets' fetches) may end without loadingFinished: its last data then.
    cdp.on('Network.dataReceived', (e) => {
      const r = requests.get(e.requestId);
      if (r) Object.assign(r, { lastData: e.timestamp, received: (r.received ?? 0) + e.encodedDataLength });
    });
    cdp.on('Network.loadingFinished', (e) => {
      const r = requests.get(e.requestId);
      if (r) Object.assign(r, { end: e.timestamp, bytes: e.encodedDataLength });
    });
    // Polls every frame from the first script on; records the paint after the map is complete.
    await cold.evaluateOnNewDocument(`(() => {
      const done = ${found[file].toString()};
      const poll = () => done() ? requestAnimationFrame(() => setTimeout(() => (window.__painted = performance.now()))) : requestAnimationFrame(poll);
      requestAnimationFrame(poll);
    })()`);
    await cold.goto(urls[file] ?? `${base}/bench/${file}.html`);
    await cold.waitForFunction(() => window.__painted, { timeout: 60_000 });
    const painted = await cold.evaluate(() => window.__painted);
    const origin = await cold.evaluate(() => performance.timeOrigin);
    await context.close();
    const list = [...requests.values()];
    const transferred = list.reduce((sum, r) => sum + (r.bytes ?? r.received ?? 0), 0);
    return { painted, transferred, requests: list, origin };
  };

  /** The requests of one load, in start order, on the page's clock (ms since navigation). */
  const waterfall = (name, { painted, requests, origin }) => {
    // CDP times are monotonic seconds; the document request's wall time ties them to the page's clock.
    const doc = requests[0];
    const at = (t) => (t === undefined ? '   —' : (doc.wall * 1000 - origin + (t - doc.start) * 1000).toFixed(0).padStart(5));
    const short = (url) => url.replace(base, '').replace(/^parser $/, 'parser');
    say();
    say(`Waterfall: ${name} (ms since navigation: start, first byte, end; KB on the wire; asked by)`);
    for (const r of [...requests].sort((a, b) => a.start - b.start)) {
      say(
        `  ${at(r.start)} ${at(r.firstByte)} ${at(r.end ?? r.lastData)} ${((r.bytes ?? r.received ?? 0) / 1024).toFixed(1).padStart(6)}  ${short(r.url).padEnd(52)} ${short(r.by)}`,
      );
    }
    say(`  painted at ${painted.toFixed(0)} ms`);
  };

  const times = Object.fromEntries(Object.keys(colds).map((k) => [k, []]));
  const bytes = {};
  for (let run = 0; run < Math.max(3, Math.round(7 * repsScale)); run++) {
    for (const [name, file] of Object.entries(colds)) {
      const { painted, transferred } = await coldLoad(file);
      times[name].push(painted);
      bytes[name] = transferred;
    }
  }
  if (args.includes('--waterfall')) for (const [name, file] of Object.entries(colds)) waterfall(name, await coldLoad(file));
  reference.stop();
  say();
  say('Cold load of the 40 demo poles, 9 Mbit/s, 150 ms round trip, no cache (from navigation to the map painted, or what the row says)');
  say(`endpoint: the poles document itself, as the README says for a map; "via discovery": the discovery document (ptce.json)`);
  for (const name of Object.keys(colds))
    say(`${name.padEnd(48)} ${spread(times[name]).padEnd(22)} ${(bytes[name] / 1024).toFixed(1)} KB transferred`);
  for (const mine of Object.keys(colds).filter((name) => name !== LEAFLET)) {
    say(`  ${mine} / Leaflet's markers visible: ×${(median(times[mine]) / median(times[LEAFLET])).toFixed(2)}`);
  }
  say(`  (issue 29's target: the server-rendered region page's list at most ×0.60 of Leaflet's markers)`);
  say(
    'GoGoCarto: not measured. Its npm package (gogocarto-js) depends on a fork of leaflet.markercluster fetched from GitHub, which npm cannot install here.',
  );
}
say(`machine load at the end: ${load()}`);

// Référentiel: compare 12 respondents on the demo grid (36 questions), and answer one question.
const refTimings = coldOnly
  ? undefined
  : await page.evaluate(async () => {
      const referentiel = await (await fetch('/demo/data/referentiel.json')).json();
      const ids = referentiel.objectives.flatMap((o) => o.principalObjectives.flatMap((p) => p.indicators.map((i) => i.id)));
      let seed = 7;
      const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
      const assessments = Array.from({ length: 12 }, (_, n) => ({
        referentielId: referentiel.id,
        referentielVersion: referentiel.version,
        poleId: 'p',
        respondent: { role: `role-${n}` },
        answers: Object.fromEntries(ids.map((id) => [id, { value: random() < 0.1 ? 'na' : 1 + Math.floor(random() * 4) }])),
      }));
      const host = document.getElementById('host');
      const compare = [];
      const answer = [];
      for (let run = 0; run < 9; run++) {
        host.replaceChildren();
        const el = document.createElement('ptce-referentiel');
        el.setAttribute('endpoint', '/demo/data/ptce.json');
        el.setAttribute('mode', 'compare');
        host.append(el);
        while (el.data?.state.status !== 'ready') await new Promise((r) => setTimeout(r, 0));
        await el.updateComplete;
        const start = performance.now();
        el.assessments = assessments;
        await el.updateComplete;
        if (run > 0) compare.push(performance.now() - start);

        host.replaceChildren();
        const form = document.createElement('ptce-referentiel');
        form.setAttribute('endpoint', '/demo/data/ptce.json');
        form.setAttribute('mode', 'answer');
        form.setAttribute('no-draft', '');
        host.append(form);
        while (form.data?.state.status !== 'ready') await new Promise((r) => setTimeout(r, 0));
        await form.updateComplete;
        const radios = [...form.shadowRoot.querySelectorAll('input[type="radio"]')];
        for (let i = 0; i < 5; i++) {
          const t = performance.now();
          radios[i * 25].click();
          await form.updateComplete;
          if (run > 0) answer.push(performance.now() - t);
        }
      }
      return { compare, answer };
    });
if (refTimings) {
  say();
  say(`référentiel: compare 36 × 12               ${median(refTimings.compare).toFixed(1)} ms (median)`);
  say(`référentiel: answer one question           ${median(refTimings.answer).toFixed(1)} ms (median)`);
}

await browser.close();
server.close();
