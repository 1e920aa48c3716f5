/**
 * Sources kept in step: a URL, a format and a period. Each run previews the source's file as an
 * import and applies it, archiving the source's poles it no longer lists — unless it would archive
 * more than the source's share (20 % by default): then the run is held for an admin to apply or
 * discard, so a broken or suddenly shrunken file never wipes data. A run takes the source's lock
 * row (owner, expiry) and moves its next run a period on in one statement of a transaction: with
 * several processes or machines on one database, a source runs once per period, never twice at once.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Actor } from '../http/actor.js';
import type { Database, ImportSourcesTable } from '../store/schema.js';
import { applyImport, discardImport, previewImport, type ImportView } from './batch.js';
import type { ImportFormat } from './read.js';
import type { Scheduler } from './scheduler.js';

type Db = Kysely<Database>;

/** Longer than any run (a fetch gives up after 30 s): a process that died holding the lock frees it after this. */
const LOCK_MS = 15 * 60_000;
/** Imports of a source kept after a run (older ones go: a source runs every period, for years). */
const KEEP_IMPORTS = 20;

export interface SourceInput {
  name: string;
  url: string;
  format: ImportFormat;
  taxonomy?: string | null;
  periodMinutes: number;
  maxArchiveShare?: number;
}

export interface SourceView {
  id: number;
  name: string;
  url: string;
  format: ImportFormat;
  taxonomy: string | null;
  periodMinutes: number;
  maxArchiveShare: number;
  createdAt: string;
  nextRunAt: string;
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  lastFailure: string | null;
  lastImportId: string | null;
  running: boolean;
}

const viewOf = (row: Selectable<ImportSourcesTable>): SourceView => ({
  id: Number(row.id),
  name: row.name,
  url: row.url,
  format: row.format as ImportFormat,
  taxonomy: row.taxonomy_url,
  periodMinutes: row.period_minutes,
  maxArchiveShare: row.max_archive_share,
  createdAt: row.created_at,
  nextRunAt: row.next_run_at,
  lastSuccessAt: row.last_success_at,
  lastFailureAt: row.last_failure_at,
  lastFailure: row.last_failure,
  lastImportId: row.last_import_id,
  running: !!row.lock_expires_at && row.lock_expires_at > new Date().toISOString(),
});

/** The key its poles' own ids are kept under: the source's, whatever its URL becomes. */
export const sourceKey = (id: number) => `source:${id}`;

/** Who a scheduled run's revisions name. */
const sourceActor = (source: SourceView): Actor => ({
  kind: 'system',
  role: 'system',
  id: null,
  label: `source ${source.name}`,
  regions: [],
  departements: [],
});

export async function listSources(db: Db): Promise<SourceView[]> {
  return (await db.selectFrom('import_sources').selectAll().orderBy('id').execute()).map(viewOf);
}

export async function getSource(db: Db, id: number): Promise<SourceView | undefined> {
  const row = await db.selectFrom('import_sources').selectAll().where('id', '=', id).executeTakeFirst();
  return row && viewOf(row);
}

/** A new source; its first run is due at once. */
export async function createSource(db: Db, input: SourceInput): Promise<SourceView> {
  const now = new Date().toISOString();
  const row = await db
    .insertInto('import_sources')
    .values({
      name: input.name,
      url: input.url,
      format: input.format,
      taxonomy_url: input.taxonomy ?? null,
      period_minutes: input.periodMinutes,
      max_archive_share: input.maxArchiveShare ?? 0.2,
      created_at: now,
      next_run_at: now,
      last_success_at: null,
      last_failure_at: null,
      last_failure: null,
      last_import_id: null,
      lock_owner: null,
      lock_expires_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return viewOf(row);
}

export async function updateSource(db: Db, id: number, changes: Partial<SourceInput>): Promise<SourceView | undefined> {
  const set: Updateable<ImportSourcesTable> = {};
  if (changes.name !== undefined) set.name = changes.name;
  if (changes.url !== undefined) set.url = changes.url;
  if (changes.format !== undefined) set.format = changes.format;
  if (changes.taxonomy !== undefined) set.taxonomy_url = changes.taxonomy;
  if (changes.periodMinutes !== undefined) set.period_minutes = changes.periodMinutes;
  if (changes.maxArchiveShare !== undefined) set.max_archive_share = changes.maxArchiveShare;
  if (Object.keys(set).length) await db.updateTable('import_sources').set(set).where('id', '=', id).execute();
  return getSource(db, id);
}

/**
 * Removes the source (its poles stay, as they are), and what ties poles and imports to it: a
 * source created later may get its number, and must not take its poles for its own.
 */
export async function deleteSource(db: Db, id: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx.deleteFrom('import_sources').where('id', '=', id).executeTakeFirst();
    await trx.deleteFrom('pole_source_ids').where('source_key', '=', sourceKey(id)).execute();
    await trx.updateTable('imports').set({ source_id: null }).where('source_id', '=', id).execute();
    return Number(result.numDeletedRows) > 0;
  });
}

/**
 * Takes the source's lock if nobody holds it (and, unless `force`, if its run is due), and moves
 * its next run a period on: true if this caller runs it.
 */
async function takeLock(db: Db, id: number, owner: string, force: boolean): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const source = await trx.selectFrom('import_sources').select('period_minutes').where('id', '=', id).executeTakeFirst();
    if (!source) return false;
    const now = new Date();
    let update = trx
      .updateTable('import_sources')
      .set({
        lock_owner: owner,
        lock_expires_at: new Date(now.getTime() + LOCK_MS).toISOString(),
        next_run_at: new Date(now.getTime() + source.period_minutes * 60_000).toISOString(),
      })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('lock_expires_at', 'is', null), eb('lock_expires_at', '<=', now.toISOString())]));
    if (!force) update = update.where('next_run_at', '<=', now.toISOString());
    const result = await update.executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  });
}

export type RunOutcome =
  | { ran: false; reason: 'not-due-or-running' | 'no-such-source' }
  | { ran: true; status: 'applied' | 'held' | 'failed'; import?: ImportView; error?: string };

/**
 * One run of the source, if this caller gets its lock: preview, then apply unless held. A file
 * that cannot be fetched or read is a failure, and changes nothing.
 */
export async function runSource(db: Db, id: number, options: { owner?: string; force?: boolean } = {}): Promise<RunOutcome> {
  const owner = options.owner ?? randomUUID();
  const source = await getSource(db, id);
  if (!source) return { ran: false, reason: 'no-such-source' };
  if (!(await takeLock(db, id, owner, !!options.force))) return { ran: false, reason: 'not-due-or-running' };
  const record = (set: Updateable<ImportSourcesTable>) => db.updateTable('import_sources').set(set).where('id', '=', id).execute();
  try {
    const actor = sourceActor(source);
    const previewed = await previewImport(
      db,
      { format: source.format, url: source.url, taxonomy: source.taxonomy ?? undefined, source: sourceKey(id) },
      actor,
      { sourceId: id, archiveMissing: true, maxArchiveShare: source.maxArchiveShare },
    );
    const at = new Date().toISOString();
    // A newer run supersedes the held ones: one import waits for review per source, never one per period.
    await discardHeld(db, id, previewed.id, actor);
    if (previewed.status === 'held') {
      const { archived, archiveShare } = previewed.preview;
      await record({
        last_import_id: previewed.id,
        last_failure_at: at,
        last_failure: `held for review: would archive ${archived.length} poles (${Math.round((archiveShare?.share ?? 0) * 100)} % of the source's)`,
      });
      return { ran: true, status: 'held', import: previewed };
    }
    const applied = await applyImport(db, previewed.id, actor);
    await record({ last_import_id: applied.id, last_success_at: new Date().toISOString() });
    await pruneImports(db, id);
    return { ran: true, status: 'applied', import: applied };
  } catch (error) {
    const message = (error as Error).message;
    await record({ last_failure_at: new Date().toISOString(), last_failure: message });
    return { ran: true, status: 'failed', error: message };
  } finally {
    await db
      .updateTable('import_sources')
      .set({ lock_owner: null, lock_expires_at: null })
      .where('id', '=', id)
      .where('lock_owner', '=', owner)
      .execute();
  }
}

/** Discards the source's held imports but `keep` (their previews are older than the file now). */
async function discardHeld(db: Db, id: number, keep: string, actor: Actor): Promise<void> {
  const held = await db
    .selectFrom('imports')
    .select('id')
    .where('source_id', '=', id)
    .where('status', '=', 'held')
    .where('id', '!=', keep)
    .execute();
  for (const row of held) await discardImport(db, row.id, actor);
}

/** Keeps the source's last KEEP_IMPORTS applied or discarded imports (held ones stay until decided). */
async function pruneImports(db: Db, id: number): Promise<void> {
  const old = await db
    .selectFrom('imports')
    .select('id')
    .where('source_id', '=', id)
    .where('status', 'in', ['applied', 'discarded'])
    .orderBy('created_at', 'desc')
    .offset(KEEP_IMPORTS)
    .limit(1000)
    .execute();
  if (old.length)
    await db
      .deleteFrom('imports')
      .where(
        'id',
        'in',
        old.map((row) => row.id),
      )
      .execute();
}

/** Runs every source whose run is due (those another process runs are skipped). */
export async function runDueSources(db: Db, owner: string, onChange?: () => Promise<void>): Promise<RunOutcome[]> {
  const due = await db.selectFrom('import_sources').select('id').where('next_run_at', '<=', new Date().toISOString()).execute();
  const outcomes: RunOutcome[] = [];
  for (const { id } of due) {
    const outcome = await runSource(db, Number(id), { owner });
    outcomes.push(outcome);
    if (outcome.ran && outcome.status === 'applied' && onChange) await onChange();
  }
  return outcomes;
}

/** Checks the sources every `everyMs` on the scheduler; `stop` ends it (onClose). */
export function startSourceSync(db: Db, scheduler: Scheduler, everyMs: number, onChange?: () => Promise<void>): Scheduler {
  const owner = randomUUID();
  scheduler.start(everyMs, async () => {
    await runDueSources(db, owner, onChange);
  });
  return scheduler;
}
