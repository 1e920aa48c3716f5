// `npm run export -- <folder> [--api https://server.example.org/]`: writes the public endpoint —
// the discovery document and every public document, each with .gz and .br twins for hosts that
// serve pre-compressed files — so that any web host or CDN can serve the reads. With --api, the
// discovery document sends submissions to that server; without, the export is read-only. And the
// server-rendered pages (src/ssr/static-site.ts): poles, maps, charter, embed pages, linked by
// relative links; --base-url names where the folder will be published (canonical links, JSON-LD).
// The database is the server's (PTCE_DATABASE_URL or PTCE_DB, as for `npm start`), and must exist:
// a mistyped one is refused, never created and seeded with the demo's poles.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { repo } from './paths.js';
import { discoveryDocument, prepare, publicDocuments } from './public-documents.js';
import { openStore } from './store/index.js';
import { openDataSettings } from './open-data/index.js';
import { referentielVersionDocuments } from './referentiels/versions.js';
import { writeStaticSite } from './ssr/static-site.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { api: { type: 'string' }, 'base-url': { type: 'string' } },
});
if (positionals.length !== 1) {
  console.error('usage: npm run export -- <folder> [--api <URL of the server taking POSTs>] [--base-url <where the folder is published>]');
  process.exit(2);
}
let apiBase: string | null = null;
if (values.api) {
  const url = new URL(values.api);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  apiBase = url.href;
}

const folder = resolve(positionals[0]);
const database = process.env.PTCE_DATABASE_URL || resolve(process.env.PTCE_DB ?? `${repo}/data/ptce.sqlite`);
const missing = await whyMissing(database);
if (missing) {
  console.error(`ptce: nothing exported: ${missing}`);
  process.exit(1);
}
let openData: ReturnType<typeof openDataSettings>;
try {
  openData = openDataSettings(process.env);
} catch (error) {
  console.error(`ptce: nothing exported: ${(error as Error).message}`);
  process.exit(1);
}
const store = await openStore(database);
try {
  const discovery = discoveryDocument(apiBase);
  const documents = publicDocuments(await store.publicData(), discovery, { publisher: discovery.name, ...openData });
  for (const [name, value] of await referentielVersionDocuments(store.db)) documents.set(name, value);
  mkdirSync(folder, { recursive: true });
  for (const [name, value] of documents) {
    const prepared = prepare(value);
    mkdirSync(dirname(join(folder, name)), { recursive: true });
    writeFileSync(join(folder, name), prepared.identity);
    writeFileSync(join(folder, `${name}.gz`), prepared.gzip);
    writeFileSync(join(folder, `${name}.br`), prepared.br);
  }
  console.log(`ptce: ${documents.size} documents written to ${folder}${apiBase ? `, submissions to ${apiBase}` : ' (read-only)'}`);
  const cdnDir = resolve(repo, process.env.PTCE_CDN_DIR ?? 'dist/cdn');
  const site = await writeStaticSite(folder, documents, { baseUrl: values['base-url'], cdnDir });
  console.log(`ptce: ${site.pages} pages written${site.scripts ? '' : ` without their scripts (no ${cdnDir}: run npm run build)`}`);
  if (site.leftOut.length) console.warn(`ptce: no page for the poles whose id is not a file name: ${site.leftOut.join(', ')}`);
} finally {
  await store.close();
}

/** Why `database` is not a server's database (a file or tables that are not there), or null. */
async function whyMissing(database: string): Promise<string | null> {
  if (!database.startsWith('postgres')) return existsSync(database) ? null : `no database file ${database} (PTCE_DB)`;
  const name = new URL(database).pathname.slice(1);
  const client = new pg.Client({ connectionString: database });
  try {
    await client.connect();
    // Migrated once at least by a server: its bookkeeping table (or the older one) is there.
    const { rows } = await client.query<{ ok: boolean }>(
      "SELECT coalesce(to_regclass('kysely_migration'), to_regclass('schema_migrations')) IS NOT NULL AS ok",
    );
    return rows[0].ok ? null : `the PostgreSQL database ${name} holds no server data (PTCE_DATABASE_URL)`;
  } catch (error) {
    return `cannot open the PostgreSQL database ${name} (PTCE_DATABASE_URL): ${(error as Error).message}`;
  } finally {
    await client.end().catch(() => {});
  }
}
