// `npm run import -- <file|url> [--format ptce|csv|gogocarto] [--taxonomy <url>] [--source <name>] [--apply] [--json]`:
// previews an import into the directory the server uses (PTCE_DATABASE_URL or PTCE_DB, as for
// `npm start`; it must exist) and prints it; with --apply, writes it as one batch of revisions by
// "npm run import". Progress goes to stderr. A running server sees the change within a second
// (the public revision). Exit codes: 0 done, 1 refused or failed, 2 usage.
import { existsSync, readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Actor } from './http/actor.js';
import { applyImport, previewImport, type ImportView, type Progress } from './imports/batch.js';
import { IMPORT_FORMATS, UnreadableImport, type ImportFormat } from './imports/read.js';
import { repo } from './paths.js';
import { openStore } from './store/index.js';

const USAGE = 'usage: npm run import -- <file|url> [--format ptce|csv|gogocarto] [--taxonomy <url>] [--source <name>] [--apply] [--json]';
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    format: { type: 'string' },
    taxonomy: { type: 'string' },
    source: { type: 'string' },
    apply: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
if (positionals.length !== 1 || (values.format && !IMPORT_FORMATS.includes(values.format as ImportFormat))) {
  console.error(USAGE);
  process.exit(2);
}
const target = positionals[0];
const isUrl = /^https?:\/\//i.test(target);
// Without --format: .csv is a sheet, a JSON with a "data" list is GoGoCarto's, else ours.
const format = (values.format ??
  (extname(target.split('?')[0]).toLowerCase() === '.csv'
    ? 'csv'
    : isUrl
      ? 'ptce'
      : guessJson(readFileSync(target, 'utf8')))) as ImportFormat;

function guessJson(text: string): ImportFormat {
  try {
    const value = JSON.parse(text.replace(/^\uFEFF/, ''));
    return value && typeof value === 'object' && !Array.isArray(value) && Array.isArray(value.poles) ? 'ptce' : 'gogocarto';
  } catch {
    return 'ptce';
  }
}

const database = process.env.PTCE_DATABASE_URL || resolve(process.env.PTCE_DB ?? `${repo}/data/ptce.sqlite`);
if (!database.startsWith('postgres') && !existsSync(database)) {
  console.error(`ptce: nothing imported: no database file ${database} (PTCE_DB)`);
  process.exit(1);
}
const actor: Actor = { kind: 'system', role: 'admin', id: null, label: 'npm run import', regions: [], departements: [] };
const progress = ({ read, matched, written }: Progress) =>
  process.stderr.write(`\rrows read ${read}, matched ${matched}, written ${written}`);

const store = await openStore(database);
let code = 0;
try {
  const request = isUrl
    ? { format, url: target, taxonomy: values.taxonomy, source: values.source }
    : { format, content: readFileSync(target, 'utf8'), taxonomy: values.taxonomy, source: values.source };
  const previewed = await previewImport(store.db, request, actor, { onProgress: progress });
  progress(previewed.progress);
  process.stderr.write('\n');
  const result = values.apply ? await applyImport(store.db, previewed.id, actor, { onProgress: progress }) : previewed;
  if (values.apply) process.stderr.write('\n');
  console.log(values.json ? JSON.stringify(result, null, 2) : summary(result));
} catch (error) {
  console.error(`ptce: nothing imported: ${error instanceof UnreadableImport ? error.message : (error as Error).stack}`);
  code = 1;
} finally {
  await store.close();
}
process.exit(code);

function summary(view: ImportView): string {
  const { preview } = view;
  const lines = [`import ${view.id} (${view.format}, ${view.status})`];
  for (const row of preview.new) lines.push(`  new        row ${row.row}: ${row.name}`);
  for (const row of preview.duplicates)
    lines.push(
      `  duplicate? row ${row.row}: ${row.name} — like ${row.poles.map((p) => `${p.id ?? `row ${p.row}`} (${p.reason})`).join(', ')}`,
    );
  for (const row of preview.changed) lines.push(`  changed    row ${row.row}: ${row.id} (${row.fields.map((f) => f.field).join(', ')})`);
  for (const row of preview.rejected)
    lines.push(
      `  rejected   row ${row.row}: ${row.name ?? ''} — ${row.reason}${row.issues ? `: ${row.issues.map((i) => `${i.path} ${i.message}`).join('; ')}` : ''}`,
    );
  const c = preview.counts;
  lines.push(
    `${c.read} rows: ${c.new} new, ${c.changed} changed, ${c.unchanged} unchanged, ${c.duplicates} possible duplicates, ${c.rejected} rejected`,
  );
  lines.push(
    view.status === 'applied'
      ? `applied: ${view.progress.written} poles written`
      : 'preview only: run again with --apply to write it (duplicates are not created from the command)',
  );
  return lines.join('\n');
}
