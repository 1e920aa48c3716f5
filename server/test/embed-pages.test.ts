import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repo, startApp, type Running } from './helpers.js';

// The configurator's page (/configurer) and the versioned bundle path (/ptce-widgets@X.Y.Z/cdn/),
// on a fake embed build in a temporary folder, so this runs without `npm run build`.
const version = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).version as string;
const build = mkdtempSync(join(tmpdir(), 'ptce-embed-'));
const bundle = 'customElements.define("ptce-x", class extends HTMLElement {});\n';
const integrity = `sha384-${createHash('sha384').update(bundle).digest('base64')}`;
mkdirSync(join(build, 'cdn'));
mkdirSync(join(build, 'configurator'));
writeFileSync(join(build, 'cdn', 'ptce-widgets.js'), bundle);
writeFileSync(join(build, 'cdn', 'integrity.json'), JSON.stringify({ version, files: { 'ptce-widgets.js': integrity } }));

let server: Running;
before(async () => {
  server = await startApp({
    configuratorBundle: join(build, 'configurator', 'ptce-configurator.js'),
    staticDirs: [
      { root: join(build, 'cdn'), prefix: '/cdn/' },
      { root: join(build, 'cdn'), prefix: `/ptce-widgets@${version}/cdn/`, immutable: true },
    ],
  });
});
after(async () => {
  await server.close();
  rmSync(build, { recursive: true, force: true });
});

const get = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);

describe('the configurator page', () => {
  it('serves /configurer with a strict policy, never framed', async () => {
    const response = await get('/configurer');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type')!, /^text\/html/);
    const policy = response.headers.get('content-security-policy')!;
    assert.match(policy, /default-src 'self'/);
    assert.match(policy, /frame-ancestors 'none'/);
    const page = await response.text();
    assert.match(page, /<ptce-configurator endpoint="ptce.json" cdn-manifest="cdn\/integrity.json" embed-base="embed\/">/);
    assert.match(page, /<html lang="fr">/);
  });

  it('answers /configurer.js with 404 until the configurator is built, then serves it', async () => {
    const missing = await get('/configurer.js');
    assert.equal(missing.status, 404);
    assert.equal((await missing.json()).reason, 'not-found');
    writeFileSync(join(build, 'configurator', 'ptce-configurator.js'), 'export {};\n');
    const served = await get('/configurer.js');
    assert.equal(served.status, 200);
    assert.match(served.headers.get('content-type')!, /^text\/javascript/);
    assert.equal(await served.text(), 'export {};\n');
  });
});

describe('the versioned bundle path', () => {
  it('serves the bundle at /ptce-widgets@<version>/cdn/, the bytes its SRI hash names, to any origin, cached for a year', async () => {
    const response = await get(`/ptce-widgets@${version}/cdn/ptce-widgets.js`, { headers: { Origin: 'https://cress.example.net' } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.match(response.headers.get('cache-control')!, /max-age=31536000.*immutable|immutable.*max-age=31536000/);
    const bytes = Buffer.from(await response.arrayBuffer());
    const manifest = await (await get('/cdn/integrity.json')).json();
    assert.equal(manifest.version, version);
    assert.equal(`sha384-${createHash('sha384').update(bytes).digest('base64')}`, manifest.files['ptce-widgets.js']);
  });

  it('answers another version or a missing file with 404, a path out of the folder with 403', async () => {
    assert.equal((await get('/ptce-widgets@0.0.0-nope/cdn/ptce-widgets.js')).status, 404);
    assert.equal((await get(`/ptce-widgets@${version}/cdn/missing.js`)).status, 404);
    assert.equal((await get(`/ptce-widgets@${version}/cdn/..%2f..%2fpackage.json`)).status, 403);
  });
});
