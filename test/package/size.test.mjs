// The size check (scripts/size.mjs --check, a CI step after the build) loads each element's page in
// Chromium and fails when what its first view downloads is over the ceiling, naming the file, the
// figure and the ceiling. Shown on fake builds in a temporary folder (elements that fetch the
// endpoint, then show a view), so this runs without `npm run build`.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const work = mkdtempSync(join(tmpdir(), 'ptce-size-'));
after(() => rmSync(work, { recursive: true, force: true }));

const elements = ['provider', 'pole-card', 'pole-map', 'charter', 'referentiel', 'action-form', 'pole-form'];
// Hex of random bytes gzips to about half its length: 2 KB of text per KB gzipped, roughly.
const padding = (kb) => `export const pad = "${randomBytes(Math.round(kb * 1024)).toString('hex')}";\n`;

/**
 * A fake embed build. Each file defines its elements, `kb` KB gzipped; each element shows a loading
 * block, fetches the endpoint, then shows its view, or an error block when `failing`. `startup`:
 * a file whose element also waits for a chunk of that many KB before its view; `later`: one whose
 * element imports such a chunk only when clicked (never, here).
 */
function fakeBuild(name, { kb = {}, startup = {}, later = {}, failing = [] } = {}) {
  const dir = join(work, name);
  mkdirSync(join(dir, 'elements/lazy'), { recursive: true });
  mkdirSync(join(dir, 'lazy'), { recursive: true });
  const files = Object.fromEntries(elements.map((e) => [`elements/ptce-${e}.js`, [e]]));
  files['ptce-widgets.js'] = elements;
  for (const [file, defines] of Object.entries(files)) {
    const chunk = (kind) => `./lazy/${kind}-${file.replace(/\W/g, '')}.js`;
    for (const [kind, sizes] of Object.entries({ startup, later })) {
      if (sizes[file]) writeFileSync(join(dir, dirname(file), chunk(kind)), padding(sizes[file]));
    }
    writeFileSync(
      join(dir, file),
      `${padding(kb[file] ?? 5)}
for (const name of ${JSON.stringify(defines)}) {
  customElements.define('ptce-' + name, class extends HTMLElement {
    async connectedCallback() {
      const root = this.attachShadow({ mode: 'open' });
      if (name === 'provider') return;
      root.innerHTML = '<p part="state state-loading">Chargement…</p>';
      ${later[file] ? `this.onclick = () => import('${chunk('later')}');` : ''}
      const ok = ${failing.includes(file) ? 'false' : "(await fetch('/data/ptce.json')).ok"};
      ${startup[file] ? `await import('${chunk('startup')}');` : ''}
      root.innerHTML = ok ? '<h2>Vue</h2>' : '<div part="state state-error">Échec</div>';
    }
  });
}
`,
    );
  }
  return dir;
}

const size = (...args) => spawnSync(process.execPath, [join(repo, 'scripts/size.mjs'), ...args], { cwd: repo, encoding: 'utf8' });
const firstView = (stdout, file) =>
  Number(stdout.match(new RegExp(`^${file.replace(/[./]/g, '\\$&')} +first view (\\d+\\.\\d) KB`, 'm'))?.[1]);

test('a build within its ceilings passes the check; chunks not fetched are on demand, data apart', () => {
  const result = size('--check', '--dir', fakeBuild('within', { later: { 'elements/ptce-pole-card.js': 40 } }));
  assert.equal(result.status, 0, result.stdout + result.stderr);
  assert.match(result.stdout, /every first view within its ceiling/);
  const card = result.stdout.slice(result.stdout.indexOf('elements/ptce-pole-card.js '));
  assert.match(card, /on demand \(not counted\): elements\/lazy\/later-elementsptcepolecardjs\.js \d+\.\d/);
  assert.match(card, /data \(not counted\): \/data\/ptce\.json/);
  assert.ok(firstView(result.stdout, 'elements/ptce-pole-card.js') < 6, result.stdout);
});

test('a file over its ceiling fails the check with its first view and the ceiling', () => {
  const result = size('--check', '--dir', fakeBuild('over', { kb: { 'elements/ptce-pole-map.js': 120 } }));
  assert.equal(result.status, 1, result.stdout + result.stderr);
  const [, reported, ceiling] = result.stderr.match(/elements\/ptce-pole-map\.js: first view (\d+\.\d) KB gzipped, ceiling (\d+\.\d) KB/);
  assert.ok(Number(reported) > Number(ceiling), result.stderr);
  assert.doesNotMatch(result.stderr, /ptce-pole-card/, 'only the file over its ceiling is named');
});

test('a chunk the first view waits for counts, as the element file itself would', () => {
  const result = size('--check', '--dir', fakeBuild('startup', { startup: { 'ptce-widgets.js': 120 } }));
  assert.equal(result.status, 1, result.stdout + result.stderr);
  assert.match(result.stdout, /^ +lazy\/startup-ptcewidgetsjs\.js +\d+\.\d KB/m);
  assert.ok(firstView(result.stdout, 'ptce-widgets.js') > 120, result.stdout);
  assert.match(result.stderr, /ptce-widgets\.js: first view \d+\.\d KB gzipped, ceiling/);
});

test('a missing file or a page that shows an error block fails rather than passing silently', () => {
  const dir = fakeBuild('broken', { failing: ['elements/ptce-charter.js'] });
  rmSync(join(dir, 'ptce-widgets.js'));
  const result = size('--check', '--dir', dir);
  assert.equal(result.status, 1);
  assert.match(result.stderr, /ptce-widgets\.js: not found/);
  assert.match(result.stderr, /elements\/ptce-charter\.js: no first view to measure \(error block: Échec\)/);
});

test('without --check the figures are printed and nothing fails', () => {
  const result = size('--dir', fakeBuild('print', { kb: { 'ptce-widgets.js': 120 } }));
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /^ptce-widgets\.js +first view \d+\.\d KB gzipped .*OVER ceiling/m);
});
