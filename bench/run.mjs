// Benchmarks (not tests): the widgets' speed in headless Chromium on generated data, and their
// sizes. Run `npm run bench` after `npm run build`. Prints a table; the budgets are in the issues.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import puppeteer from 'puppeteer-core';

const root = resolve('.');
const types = { '.js': 'text/javascript', '.json': 'application/json', '.html': 'text/html' };
const generated = new Map();

/** N poles spread over metropolitan France, most with coordinates, some by department only. */
function poles(n) {
  let seed = 42;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const departments = ['01', '13', '2A', '29', '31', '33', '35', '44', '59', '67', '69', '75', '93', '974'];
  return {
    themes: [{ id: 'culture', label: 'Culture' }, { id: 'emploi', label: 'Emploi' }],
    poles: Array.from({ length: n }, (_, i) => ({
      id: `p${i}`,
      name: `Pôle ${['Écologie', 'Coopération', 'Solidarité', 'Territoire'][i % 4]} ${i}`,
      departments: [departments[i % departments.length]],
      status: i % 3 ? 'established' : 'emerging',
      themes: [i % 2 ? 'culture' : 'emploi'],
      ...(i % 5 ? { geo: { lat: 43 + random() * 7.5, lon: -4 + random() * 11.5 } } : {}),
    })),
  };
}
for (const n of [2000, 10000]) generated.set(`/bench/poles-${n}.json`, JSON.stringify(poles(n)));
for (const n of [2000, 10000]) generated.set(`/bench/ptce-${n}.json`, JSON.stringify({ ptce: 1, poles: `poles-${n}.json` }));

const server = createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (generated.has(path)) return res.writeHead(200, { 'Content-Type': 'application/json' }).end(generated.get(path));
  if (path === '/bench/page.html') {
    return res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><html lang="fr"><body><div id="host" style="width:1000px"></div></body></html>');
  }
  try {
    const body = await readFile(join(root, path));
    res.writeHead(200, { 'Content-Type': types[extname(path)] ?? 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404).end();
  }
}).listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'],
});
const page = await browser.newPage();
await page.goto(`${base}/bench/page.html`);

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const results = [];

for (const n of [2000, 10000]) {
  const timings = await page.evaluate(async (n) => {
    const { clientFor, loadPoles } = await import('/dist/cdn/ptce-widgets.js');
    const endpoint = `/bench/ptce-${n}.json`;
    // Data and basemap are fetched once beforehand: what is timed is the widget's own work.
    await loadPoles(clientFor(endpoint));
    const host = document.getElementById('host');
    const firsts = [];
    const laidOut = [];
    const painted = [];
    const filters = [];
    for (let run = 0; run < 9; run++) {
      host.replaceChildren();
      const el = document.createElement('ptce-pole-map');
      el.setAttribute('endpoint', endpoint);
      const start = performance.now();
      // The moment the markers are in the DOM (a mutation observer runs right after Lit commits).
      const rendered = new Promise((resolve) => {
        const watch = () => {
          const observer = new MutationObserver(() => {
            if (el.shadowRoot.querySelector('.marker')) {
              observer.disconnect();
              resolve(performance.now() - start);
            }
          });
          observer.observe(el.shadowRoot, { childList: true, subtree: true });
        };
        queueMicrotask(watch);
      });
      host.append(el);
      const renderTime = await rendered;
      await el.updateComplete;
      // Style and layout forced right away: the browser's work without waiting for the next frame.
      el.shadowRoot.querySelector('.marker').getBoundingClientRect();
      const layoutTime = performance.now() - start;
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
      // Run 0 parses the basemap; later runs are as a second map on a page, data and basemap cached.
      if (run > 0) {
        firsts.push(renderTime);
        laidOut.push(layoutTime);
        painted.push(performance.now() - start);
      }
      const input = el.shadowRoot.querySelector('input[type="search"]');
      for (const text of ['pole', 'ecologie', '']) {
        input.value = text;
        const t = performance.now();
        input.dispatchEvent(new Event('input'));
        await el.updateComplete;
        filters.push(performance.now() - t);
      }
    }
    return { firsts, laidOut, painted, filters };
  }, n);
  results.push([`map, ${n} poles: first render`, median(timings.firsts)]);
  results.push([`map, ${n} poles: first render, laid out`, median(timings.laidOut)]);
  results.push([`map, ${n} poles: first render, painted`, median(timings.painted)]);
  results.push([`map, ${n} poles: filter change`, median(timings.filters)]);
}

// Référentiel: compare 12 respondents on the demo grid (36 questions), and answer one question.
const refTimings = await page.evaluate(async () => {
  const referentiel = await (await fetch('/demo/data/referentiel.json')).json();
  const ids = referentiel.objectives.flatMap((o) => o.principalObjectives.flatMap((p) => p.indicators.map((i) => i.id)));
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
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
results.push(['référentiel: compare 36 × 12', median(refTimings.compare)]);
results.push(['référentiel: answer one question', median(refTimings.answer)]);

await browser.close();
server.close();
for (const [what, ms] of results) console.log(`${what.padEnd(40)} ${ms.toFixed(1)} ms (median)`);
