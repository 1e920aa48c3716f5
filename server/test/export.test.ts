import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { admin, POSTGRES, post, repo, signature, startApp, tempDatabase } from './helpers.js';
import { PtceClient } from '../../src/data/client.js';
import { checkCharter } from '../../src/data/checks/charter.js';
import { checkReferentiel } from '../../src/data/checks/referentiel.js';
import { validate } from '../../src/data/validate.js';
import { Discovery } from '../../src/data/schemas/discovery.js';
import { PolesDocumentStrict } from '../../src/data/schemas/pole.js';
import { Referentiel } from '../../src/data/schemas/referentiel.js';
import { Charter } from '../../src/data/schemas/charter.js';

const run = promisify(execFile);

/** A plain static file server, as any web host or CDN would be: files and nothing else. */
async function serveStatic(folder: string): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const file = join(folder, new URL(request.url ?? '/', 'http://x').pathname.replace(/^\/+/, ''));
    if (!file.startsWith(folder) || !existsSync(file)) return response.writeHead(404).end();
    response.writeHead(200, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`, server };
}

async function exportTo(
  database: string,
  folder = join(mkdtempSync(join(tmpdir(), 'ptce-export-')), 'site'),
  ...args: string[]
): Promise<string> {
  const env = {
    ...process.env,
    ...(database.startsWith('postgres') ? { PTCE_DATABASE_URL: database } : { PTCE_DB: database, PTCE_DATABASE_URL: '' }),
  };
  await run(process.execPath, ['--import', 'tsx', join(repo, 'server/src/export.ts'), folder, ...args], { cwd: repo, env });
  return folder;
}

describe('static export (npm run export)', () => {
  it("writes a complete static endpoint that the widgets' client reads, the same as the server serves", async () => {
    const server = await startApp();
    const name = 'Pôle Exporté';
    const receipt = await (await post(`${server.url}/api/signatures`, signature({ pole: { ...signature().pole, name } }))).json();
    await admin(`${server.url}/api/admin/signatures/${receipt.reference}/approve`, { method: 'POST' });
    const folder = await exportTo(server.database, undefined, '--api', server.url);
    const site = await serveStatic(folder);
    // The widgets' own client, which resolves a relative endpoint against the page.
    Object.assign(globalThis, { document: { baseURI: site.url } });
    try {
      const client = new PtceClient('ptce.json');
      const discovery = await client.discovery();
      assert.ok(discovery.ok && validate(Discovery, discovery.value).ok);
      const charter = await client.document('charter', checkCharter);
      assert.ok(charter.ok && validate(Charter, charter.value.value).ok, 'charter');
      const referentiel = await client.document('referentiel', checkReferentiel);
      assert.ok(referentiel.ok && validate(Referentiel, referentiel.value.value).ok, 'référentiel');
      const where = await client.locate('poles');
      assert.ok(where.ok);
      const poles = await client.getJson(where.value.url);
      assert.ok(poles.ok && validate(PolesDocumentStrict, poles.value).ok, 'poles');
      assert.ok(
        (poles.value as { poles: { name: string }[] }).poles.some((p) => p.name === name),
        'the approved signature is in the export',
      );
      // Submissions go to the server.
      const signatures = await client.locate('signatures');
      assert.ok(signatures.ok);
      assert.equal(signatures.value.url, `${server.url}/api/signatures`);

      for (const file of ['ptce.json', 'poles.json', 'referentiel.json', 'charter.json']) {
        const exported = readFileSync(join(folder, file));
        if (file !== 'ptce.json') assert.equal(exported.toString(), await (await fetch(`${server.url}/${file}`)).text(), file);
        assert.deepEqual(gunzipSync(readFileSync(join(folder, `${file}.gz`))), exported);
        assert.deepEqual(brotliDecompressSync(readFileSync(join(folder, `${file}.br`))), exported);
      }
    } finally {
      Reflect.deleteProperty(globalThis, 'document');
      site.server.close();
      await server.close();
    }
  });

  it('refuses a database that does not exist, writing nothing (a mistyped PTCE_DB or URL)', async () => {
    // A file that is not there, or an empty PostgreSQL database: never created and seeded here.
    const missing = [await tempDatabase()];
    if (POSTGRES) {
      const url = new URL(POSTGRES);
      url.pathname = '/ptce_no_such_database';
      missing.push(url.href);
    }
    for (const database of missing) {
      const folder = join(mkdtempSync(join(tmpdir(), 'ptce-export-')), 'site');
      await assert.rejects(exportTo(database, folder), (error: { code: number; stderr: string }) => {
        assert.equal(error.code, 1);
        assert.match(error.stderr, /^ptce: nothing exported: /);
        assert.match(error.stderr, /PTCE_DB|PTCE_DATABASE_URL/);
        return true;
      });
      assert.equal(existsSync(folder), false, 'no folder written');
      if (!database.startsWith('postgres')) assert.equal(existsSync(database), false, 'no database created');
    }
    if (POSTGRES) {
      // The empty database stayed empty.
      const client = new pg.Client({ connectionString: missing[0] });
      await client.connect();
      try {
        const { rows } = await client.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'");
        assert.equal(rows[0].n, 0);
      } finally {
        await client.end();
      }
    }
  });

  it('is read-only without --api', async () => {
    const server = await startApp();
    try {
      const folder = await exportTo(server.database);
      const discovery = JSON.parse(readFileSync(join(folder, 'ptce.json'), 'utf8'));
      assert.ok(validate(Discovery, discovery).ok);
      assert.equal(discovery.signatures, undefined);
      assert.equal(discovery.assessments, undefined);
      assert.equal(discovery.poles, 'poles.json');
    } finally {
      await server.close();
    }
  });
});
