/**
 * An import as the database keeps it (table `imports`): previewed, then applied as one batch of
 * revisions (one transaction, action `import`), discarded, or held for review when a scheduled
 * source would archive too much. Progress (rows read, matched, written) is kept in the row, and,
 * while an apply runs, in memory for this process's readers.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Theme } from '../../../src/data/schemas/pole.js';
import { archivePole, createPole, updatePole, type ImportOrigin } from '../directory/poles.js';
import type { Actor } from '../http/actor.js';
import { audit } from '../http/audit.js';
import type { Database, ImportsTable } from '../store/schema.js';
import { buildPreview, type Preview } from './preview.js';
import { readImport, type ImportInput } from './read.js';

type Db = Kysely<Database>;

export interface Progress {
  read: number;
  matched: number;
  written: number;
}

export interface ImportView {
  id: string;
  status: ImportsTable['status'];
  format: string;
  source: string;
  sourceId: number | null;
  actor: { kind: string; label: string };
  createdAt: string;
  decidedAt: string | null;
  progress: Progress;
  preview: Preview;
  error: string | null;
}

/** Applying or discarding an import already applied or discarded: 409. */
export class ImportDecided extends Error {}
/** Not in the database: 404. */
export class NoSuchImport extends Error {}

/** Progress of the applies running in this process. */
const running = new Map<string, Progress>();

const viewOf = (row: Selectable<ImportsTable>): ImportView => {
  const actor = JSON.parse(row.actor) as Actor;
  return {
    id: row.id,
    status: row.status,
    format: row.format,
    source: row.source_key,
    sourceId: row.source_id,
    actor: { kind: actor.kind, label: actor.label },
    createdAt: row.created_at,
    decidedAt: row.decided_at,
    progress: running.get(row.id) ?? { read: row.rows_read, matched: row.matched, written: row.written },
    preview: JSON.parse(row.preview) as Preview,
    error: row.error,
  };
};

/** The actor who previewed the import (a moderator reads and applies only theirs). */
export async function importActor(db: Db, id: string): Promise<Actor | undefined> {
  const row = await db.selectFrom('imports').select('actor').where('id', '=', id).executeTakeFirst();
  return row && (JSON.parse(row.actor) as Actor);
}

export async function getImport(db: Db, id: string): Promise<ImportView | undefined> {
  const row = await db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst();
  return row && viewOf(row);
}

export async function listImports(db: Db, limit = 50): Promise<ImportView[]> {
  const rows = await db.selectFrom('imports').selectAll().orderBy('created_at', 'desc').limit(limit).execute();
  return rows.map(viewOf);
}

export interface PreviewRequest extends ImportInput {
  /** What the source's own ids are kept under (default: the URL, else `file:<format>`). */
  source?: string;
}

/** The key a source's own ids are kept under. */
export const sourceKeyOf = (request: PreviewRequest) => request.source || request.url || `file:${request.format}`;

/**
 * Reads the file and stores its preview (status `preview`, or `held` when a scheduled source
 * would archive more than its share). Throws UnreadableImport when the file is not of its format.
 */
export async function previewImport(
  db: Db,
  request: PreviewRequest,
  actor: Actor,
  options: { sourceId?: number; archiveMissing?: boolean; maxArchiveShare?: number; onProgress?: (progress: Progress) => void } = {},
): Promise<ImportView> {
  const document = await readImport({ ...request, base: request.source });
  const preview = await buildPreview(db, document, actor, {
    sourceKey: sourceKeyOf(request),
    archiveMissing: options.archiveMissing,
    maxArchiveShare: options.maxArchiveShare,
    onProgress: (progress) => options.onProgress?.({ ...progress, written: 0 }),
  });
  const held = !!preview.archiveShare && preview.archived.length > 0 && preview.archiveShare.share > preview.archiveShare.max;
  const row = await db
    .insertInto('imports')
    .values({
      id: randomUUID(),
      status: held ? 'held' : 'preview',
      format: request.format,
      source_key: sourceKeyOf(request),
      source_id: options.sourceId ?? null,
      actor: JSON.stringify(actor),
      created_at: new Date().toISOString(),
      decided_at: null,
      rows_read: preview.counts.read,
      matched: preview.counts.changed + preview.counts.unchanged,
      written: 0,
      preview: JSON.stringify(preview),
      error: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return viewOf(row);
}

/** Marks the import decided, if it was not: the first statement of the apply's or discard's transaction. */
async function decide(db: Db, id: string, status: 'applied' | 'discarded', actor: Actor): Promise<void> {
  const result = await db
    .updateTable('imports')
    .set({ status, decided_at: new Date().toISOString() })
    .where('id', '=', id)
    .where('status', 'in', ['preview', 'held'])
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) {
    if (!(await db.selectFrom('imports').select('id').where('id', '=', id).executeTakeFirst())) throw new NoSuchImport(`no import ${id}`);
    throw new ImportDecided('this import is already applied or discarded');
  }
  await audit(db, actor, { action: `import.${status === 'applied' ? 'apply' : 'discard'}`, subject: { type: 'import', id } });
}

export async function discardImport(db: Db, id: string, actor: Actor): Promise<ImportView> {
  await db.transaction().execute((trx) => decide(trx, id, 'discarded', actor));
  return (await getImport(db, id))!;
}

/**
 * What the imported poles' provenance names: a scheduled source's name and address; a file
 * fetched from an address, that address (named by its host unless the import was given a name);
 * an uploaded file, the name it was given, if any.
 */
async function originOf(db: Db, view: ImportView): Promise<ImportOrigin> {
  if (view.sourceId !== null) {
    const source = await db.selectFrom('import_sources').select(['name', 'url']).where('id', '=', view.sourceId).executeTakeFirst();
    if (source) return { source: source.name, url: source.url };
  }
  if (view.source.startsWith('file:')) return {};
  try {
    const url = new URL(view.source);
    if (/^https?:$/.test(url.protocol)) return { source: url.host, url: url.href };
  } catch {
    // a name given to the import, not an address
  }
  return { source: view.source };
}

/**
 * Writes the preview as one batch, in one transaction, by `actor`: the changed poles (each
 * checked to be at the version previewed, else StaleVersion and nothing is written), the new ones,
 * the possible duplicates named in `create`, the archives of a scheduled source, the new themes,
 * and the source ids that make the next import find the same poles.
 */
export async function applyImport(
  db: Db,
  id: string,
  actor: Actor,
  options: { create?: number[]; onProgress?: (progress: Progress) => void } = {},
): Promise<ImportView> {
  const view = await getImport(db, id);
  if (!view) throw new NoSuchImport(`no import ${id}`);
  const { preview } = view;
  const progress: Progress = { ...view.progress, written: 0 };
  const wrote = () => {
    progress.written++;
    options.onProgress?.({ ...progress });
  };
  running.set(id, progress);
  const origin = await originOf(db, view);
  try {
    await db.transaction().execute(async (trx) => {
      await decide(trx, id, 'applied', actor);
      const link = async (externalId: string | undefined, poleId: string) => {
        if (!externalId) return;
        await trx.deleteFrom('pole_source_ids').where('source_key', '=', view.source).where('external_id', '=', externalId).execute();
        await trx.insertInto('pole_source_ids').values({ source_key: view.source, external_id: externalId, pole_id: poleId }).execute();
      };
      for (const row of preview.changed) {
        const changes = Object.fromEntries(row.fields.map(({ field, after }) => [field, after]));
        await updatePole(trx, row.id, changes, actor, { expectedVersion: row.version, action: 'import', origin });
        await link(row.externalId, row.id);
        wrote();
      }
      for (const row of preview.unchanged) await link(row.externalId, row.id);
      const wanted = new Set(options.create ?? []);
      for (const row of [...preview.new, ...preview.duplicates.filter((duplicate) => wanted.has(duplicate.row))]) {
        const record = await createPole(trx, row.pole, actor, 'import', { keepId: row.keepId, origin });
        await link(row.externalId, record.id);
        wrote();
      }
      for (const pole of preview.archived) {
        await archivePole(trx, pole.id, actor, pole.version);
        wrote();
      }
      if (preview.themes.length) await addThemes(trx, preview.themes);
      await trx.updateTable('imports').set({ written: progress.written }).where('id', '=', id).execute();
    });
  } finally {
    running.delete(id);
  }
  return (await getImport(db, id))!;
}

/** Adds the themes to the poles document's list (those it lacks). */
async function addThemes(db: Db, themes: Theme[]): Promise<void> {
  const meta = await db.selectFrom('documents').select('body').where('kind', '=', 'poles-meta').executeTakeFirst();
  const body = meta ? (JSON.parse(meta.body) as { themes?: Theme[] }) : {};
  const known = new Set((body.themes ?? []).map((theme) => theme.id));
  const next = JSON.stringify({ ...body, themes: [...(body.themes ?? []), ...themes.filter((theme) => !known.has(theme.id))] });
  const at = new Date().toISOString();
  if (meta) await db.updateTable('documents').set({ body: next, updated_at: at }).where('kind', '=', 'poles-meta').execute();
  else await db.insertInto('documents').values({ kind: 'poles-meta', body: next, updated_at: at }).execute();
}
