// The size check (scripts/size.mjs --check, a CI step after the build) fails when a built file is
// over its budget, naming the file, its size and the budget; shown on fake builds in a temporary
// folder, so this runs without `npm run build`.
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

/** A fake embed build: every budgeted file, each `kb` KB of incompressible bytes unless `sizes` says. */
function fakeBuild(name, sizes = {}) {
  const dir = join(work, name);
  mkdirSync(join(dir, 'elements'), { recursive: true });
  mkdirSync(join(dir, 'lazy'), { recursive: true });
  const files = [
    'elements/ptce-pole-card.js',
    'elements/ptce-pole-map.js',
    'elements/ptce-charter.js',
    'elements/ptce-referentiel.js',
    'elements/ptce-action-form.js',
    'elements/ptce-provider.js',
    'ptce-widgets.js',
    'lazy/map-view-AbC123.js',
  ];
  for (const file of files) {
    // Hex of random bytes gzips to about half its length: 2 KB of text per KB gzipped, roughly.
    const kb = sizes[file] ?? 10;
    writeFileSync(join(dir, file), `export const x="${randomBytes(Math.round(kb * 1024)).toString('hex')}";\n`);
  }
  return dir;
}

const size = (...args) => spawnSync(process.execPath, [join(repo, 'scripts/size.mjs'), ...args], { cwd: repo, encoding: 'utf8' });

test('a build within its budgets passes the check', () => {
  const result = size('--check', '--dir', fakeBuild('within'));
  assert.equal(result.status, 0, result.stdout + result.stderr);
  assert.match(result.stdout, /every file within its budget/);
});

test('a file over its budget fails the check with its size and the budget', () => {
  const result = size('--check', '--dir', fakeBuild('over', { 'elements/ptce-pole-map.js': 36 }));
  assert.equal(result.status, 1, result.stdout + result.stderr);
  assert.match(result.stderr, /elements\/ptce-pole-map\.js: (\d+\.\d) KB gzipped, budget 25\.0 KB/);
  const reported = Number(result.stderr.match(/ptce-pole-map\.js: (\d+\.\d) KB/)[1]);
  assert.ok(reported > 25.0, `reported ${reported} KB`);
  assert.doesNotMatch(result.stderr, /ptce-pole-card/, 'only the file over its budget is named');
});

test('the lazy basemap chunk is checked too, whatever its hash', () => {
  const result = size('--check', '--dir', fakeBuild('basemap', { 'lazy/map-view-AbC123.js': 50 }));
  assert.equal(result.status, 1);
  assert.match(result.stderr, /lazy\/map-view-AbC123\.js: \d+\.\d KB gzipped, budget 45\.0 KB/);
});

test('a build with a budgeted file missing fails rather than passing silently', () => {
  const dir = fakeBuild('missing');
  rmSync(join(dir, 'ptce-widgets.js'));
  const result = size('--check', '--dir', dir);
  assert.equal(result.status, 1);
  assert.match(result.stderr, /ptce-widgets\.js: not found/);
});

test('without --check the sizes are printed and nothing fails', () => {
  const result = size('--dir', fakeBuild('print', { 'ptce-widgets.js': 70 }));
  assert.equal(result.status, 0);
  assert.match(result.stdout, /ptce-widgets\.js +\d+\.\d KB gzipped .*OVER budget 44\.0 KB/);
});
