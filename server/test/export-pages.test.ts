import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { backEnd, repo, startApp } from './helpers.js';

const run = promisify(execFile);

// `npm run export` writes the server-rendered pages too: a static site whose relative links work
// from a file tree, with the scripts the pages load beside them.
describe(`static export of the pages (${backEnd})`, () => {
  it('writes the map, region, pole, charter and embed pages, linked to one another by relative links', async () => {
    const server = await startApp();
    const top = mkdtempSync(join(tmpdir(), 'ptce-export-pages-'));
    const folder = join(top, 'site');
    // A stand-in for the built bundles: copied into cdn/, source maps left out.
    const cdn = join(top, 'cdn');
    mkdirSync(join(cdn, 'ssr'), { recursive: true });
    writeFileSync(join(cdn, 'ssr', 'hydrate.js'), '// hydrate');
    writeFileSync(join(cdn, 'ssr', 'hydrate.js.map'), '{}');
    try {
      const env = {
        ...process.env,
        PTCE_CDN_DIR: cdn,
        ...(server.database.startsWith('postgres')
          ? { PTCE_DATABASE_URL: server.database }
          : { PTCE_DB: server.database, PTCE_DATABASE_URL: '' }),
      };
      const { stdout } = await run(
        process.execPath,
        ['--import', 'tsx', join(repo, 'server/src/export.ts'), folder, '--base-url', 'https://cress.example.org/ptce/'],
        { cwd: repo, env },
      );
      assert.match(stdout, /\d+ pages written/);
      for (const file of [
        'carte.html',
        'carte/84.html',
        'carte/82.html',
        'poles/domb-innov.html',
        'charte.html',
        'embed/carte.html',
        'embed/carte/84.html',
        'embed/poles/domb-innov.html',
        'embed/charte.html',
        'embed/referentiel.html',
        'embed/frame-height.js',
        'cdn/ssr/hydrate.js',
      ]) {
        assert.ok(existsSync(join(folder, file)), file);
      }
      assert.ok(!existsSync(join(folder, 'cdn/ssr/hydrate.js.map')));

      const region = readFileSync(join(folder, 'carte/84.html'), 'utf8');
      const links = [...region.matchAll(/ href="([^"]+)"/g)]
        .map((m) => m[1])
        .filter((href) => !href.startsWith('data:') && !href.startsWith('http'));
      assert.ok(links.includes('../poles/domb-innov.html'));
      // Every relative link and script of the page is a file of the export.
      const sources = [...region.matchAll(/ src="([^"]+)"/g)].map((m) => m[1]);
      for (const target of [...links, ...sources]) assert.ok(existsSync(resolve(dirname(join(folder, 'carte/84.html')), target)), target);
      assert.match(region, /endpoint="..\/poles.json"/);
      assert.match(region, /<link rel="canonical" href="https:\/\/cress.example.org\/ptce\/carte\/84.html">/);

      const pole = readFileSync(join(folder, 'poles/domb-innov.html'), 'utf8');
      assert.match(pole, /"@type":"Organization"/);
      assert.match(pole, /"mainEntityOfPage":"https:\/\/cress.example.org\/ptce\/poles\/domb-innov.html"/);
      assert.match(pole, /<a href="..\/carte\/84.html">/);
      // Read-only export: the charter says where to sign rather than showing a form that cannot send.
      assert.doesNotMatch(readFileSync(join(folder, 'charte.html'), 'utf8'), /<form/);
    } finally {
      await server.close();
    }
  });
});
