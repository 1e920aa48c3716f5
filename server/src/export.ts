// `npm run export -- <folder> [--api https://server.example.org/]`: writes the public endpoint —
// the discovery document and every public document, each with .gz and .br twins for hosts that
// serve pre-compressed files — so that any web host or CDN can serve the reads. With --api, the
// discovery document sends submissions to that server; without, the export is read-only.
// The database is the server's (PTCE_DATABASE_URL or PTCE_DB, as for `npm start`).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { discoveryDocument, prepare, publicDocuments } from './public-documents.js';
import { openStore } from './store/index.js';

const repo = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const { values, positionals } = parseArgs({ allowPositionals: true, options: { api: { type: 'string' } } });
if (positionals.length !== 1) {
  console.error('usage: npm run export -- <folder> [--api <URL of the server taking POSTs>]');
  process.exit(2);
}
let apiBase: string | null = null;
if (values.api) {
  const url = new URL(values.api);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  apiBase = url.href;
}

const folder = resolve(positionals[0]);
const store = await openStore(process.env.PTCE_DATABASE_URL || resolve(process.env.PTCE_DB ?? `${repo}/data/ptce.sqlite`));
try {
  await store.seedIfEmpty(resolve(process.env.PTCE_SEED_DIR ?? `${repo}/demo/data`));
  const documents = publicDocuments(await store.publicData(), discoveryDocument(apiBase));
  mkdirSync(folder, { recursive: true });
  for (const [name, value] of documents) {
    const prepared = prepare(value);
    writeFileSync(join(folder, name), prepared.identity);
    writeFileSync(join(folder, `${name}.gz`), prepared.gzip);
    writeFileSync(join(folder, `${name}.br`), prepared.br);
  }
  console.log(`ptce: ${documents.size} documents written to ${folder}${apiBase ? `, submissions to ${apiBase}` : ' (read-only)'}`);
} finally {
  await store.close();
}
