/**
 * Pole records: the poles of the directory as the database keeps them. Every change is a
 * revision (pole_revisions: author, time, the pole before and after) and an entry of the audit
 * log, written in the change's transaction with a bump of the public revision (every server
 * process then rebuilds poles.json, which lists the records not archived). A pole's id never
 * changes, so what names it (signatures, campaigns, fiches, owners) keeps it through every edit,
 * archive, restore and revert. A record is never deleted.
 *
 * Every function takes `db`: the query builder, or a transaction the caller already opened (the
 * change then joins it).
 */
import type { Kysely, Selectable } from 'kysely';
import type { DataIssue } from '../../../src/data/failure.js';
import { regionOf } from '../../../src/data/geography.js';
import { HttpUrl } from '../../../src/data/schemas/common.js';
import { Pole } from '../../../src/data/schemas/pole.js';
import { validate } from '../../../src/data/validate.js';
import type { Actor } from '../http/actor.js';
import { audit } from '../http/audit.js';
import type { Database, PoleRevisionsTable, PolesTable, RevisionAction } from '../store/schema.js';

export interface PoleRecord {
  id: string;
  pole: Pole;
  /** The number of the latest revision: send it back with a change (optimistic concurrency). */
  version: number;
  archivedAt: string | null;
  updatedAt: string;
}

export interface Revision {
  n: number;
  at: string;
  author: { kind: string; id: string | null; label: string };
  action: RevisionAction;
  before: Pole | null;
  after: Pole | null;
  /** The pole's fields this revision changed (none for an archive or restore). */
  changed: string[];
}

/** The record changed since the version the change was made on: answer 409 with the current one. */
export class StaleVersion extends Error {
  constructor(readonly current: PoleRecord) {
    super(`pole ${current.id} is at version ${current.version}`);
  }
}

/** The pole the change would make fails the contract's schema: answer 422 with the issues. */
export class InvalidPole extends Error {
  constructor(readonly issues: DataIssue[]) {
    super('invalid pole');
  }
}

/** No such pole, or no such revision of it: 404. */
export class NoSuchPole extends Error {}

/** Archiving an archived pole, restoring a listed one: 409. */
export class PoleStateConflict extends Error {}

type Db = Kysely<Database>;
type PoleRow = Selectable<PolesTable>;

/** Runs `work` in the caller's transaction, or in a new one. */
const inTransaction = <T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> =>
  db.isTransaction ? work(db) : db.transaction().execute(work);

const recordOf = (row: PoleRow): PoleRecord => ({
  id: row.id,
  pole: JSON.parse(row.body) as Pole,
  version: row.version,
  archivedAt: row.archived_at,
  updatedAt: row.updated_at,
});

/** The pole as the contract's schema accepts it, or InvalidPole. */
function checked(candidate: unknown): Pole {
  const result = validate(Pole, candidate, '', 20);
  if (!result.ok) throw new InvalidPole(result.issues);
  return result.value;
}

export async function getPoleRecord(db: Db, id: string): Promise<PoleRecord | undefined> {
  const row = await db.selectFrom('poles').selectAll().where('id', '=', id).executeTakeFirst();
  return row && recordOf(row);
}

export interface PoleFilter {
  /** Words of the name, commune or territory (accents and case ignored). */
  q?: string;
  /** true: archived only; false: listed only; absent: both. */
  archived?: boolean;
  /** INSEE region code, or département code. */
  region?: string;
  departement?: string;
}

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** The records in the public list's order (filtered in memory: a directory holds hundreds, not millions). */
export async function listPoleRecords(db: Db, filter: PoleFilter = {}): Promise<PoleRecord[]> {
  const rows = await db.selectFrom('poles').selectAll().orderBy('position').execute();
  const words = fold(filter.q ?? '')
    .split(/\s+/)
    .filter(Boolean);
  return rows.map(recordOf).filter(({ pole, archivedAt }) => {
    if (filter.archived !== undefined && filter.archived !== (archivedAt !== null)) return false;
    const departements = pole.departments ?? [];
    if (filter.departement && !departements.includes(filter.departement)) return false;
    if (filter.region && !departements.some((code) => regionOf(code) === filter.region)) return false;
    const text = fold([pole.name, pole.commune, pole.territory, pole.carrier].filter(Boolean).join(' '));
    return words.every((word) => text.includes(word));
  });
}

/** A free id made from the name: "Pôle Sud" → "pole-sud", then "pole-sud-2"… */
async function freeId(db: Db, name: string): Promise<string> {
  const base =
    fold(name)
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 100) || 'pole';
  const taken = new Set((await db.selectFrom('poles').select('id').where('id', 'like', `${base}%`).execute()).map((row) => row.id));
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

const bumpPublicRevision = (db: Db) =>
  db
    .updateTable('public_revision')
    .set((eb) => ({ revision: eb('revision', '+', 1) }))
    .where('id', '=', 1)
    .execute();

async function writeRevision(
  db: Db,
  id: string,
  n: number,
  at: string,
  actor: Actor,
  action: RevisionAction,
  before: Pole | null,
  after: Pole,
): Promise<void> {
  await db
    .insertInto('pole_revisions')
    .values({
      pole_id: id,
      n,
      at,
      author_kind: actor.kind,
      author_id: actor.id,
      author_label: actor.label,
      action,
      before: before && JSON.stringify(before),
      after: JSON.stringify(after),
    })
    .execute();
  await audit(db, actor, { action: `pole.${action}`, subject: { type: 'pole', id }, before: before ?? undefined, after });
  await bumpPublicRevision(db);
}

/** Where an import's poles come from: a source's name and address, for their provenance. */
export interface ImportOrigin {
  source?: string;
  url?: string;
}

/**
 * The pole with its public provenance brought up to date by this change: an import names its
 * origin and date; an edit keeps where the data came from and adds its date and who made it, as a
 * role (`pole`: its owner; `publisher`: the directory's moderation), never a person. The
 * system's own writes (the demo data's seeding) keep the provenance they are given.
 */
function stamped(pole: Record<string, unknown>, actor: Actor, action: RevisionAction, at: string, origin?: ImportOrigin) {
  if (action === 'import') {
    const source = origin?.source?.trim().slice(0, 300);
    // An address the contract refuses (a machine on the operator's network) is left out, not the pole.
    const url = origin?.url && HttpUrl.safeParse(origin.url).success ? origin.url : undefined;
    return { ...pole, provenance: { ...(source && { source }), ...(url && { url }), importedAt: at, by: 'import' } };
  }
  if (actor.kind === 'system') return pole;
  const { source, url, importedAt } = (pole.provenance ?? {}) as Pole['provenance'] & object;
  const by = actor.role === 'owner' ? 'pole' : 'publisher';
  return { ...pole, provenance: { ...(source && { source }), ...(url && { url }), ...(importedAt && { importedAt }), editedAt: at, by } };
}

/** A new pole, at the end of the list: its id made from its name (made unique) unless `keepId` is free, revision 1. */
export function createPole(
  db: Db,
  pole: Omit<Pole, 'id'> & { id?: string },
  actor: Actor,
  action: RevisionAction = 'create',
  options: { keepId?: string; origin?: ImportOrigin } = {},
): Promise<PoleRecord> {
  return inTransaction(db, async (trx) => {
    // An import keeps the id its file gives when no record has it (so a copy of a directory keeps its ids).
    const kept = options.keepId && !(await getPoleRecord(trx, options.keepId)) ? options.keepId : undefined;
    const id = kept ?? (await freeId(trx, String(pole.name ?? '')));
    const at = new Date().toISOString();
    const created = checked(stamped({ ...pole, id }, actor, action, at, options.origin));
    const last = await trx
      .selectFrom('poles')
      .select((eb) => eb.fn.max('position').as('position'))
      .executeTakeFirst();
    const row = await trx
      .insertInto('poles')
      .values({ id, position: (last?.position ?? -1) + 1, body: JSON.stringify(created), version: 1, archived_at: null, updated_at: at })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeRevision(trx, id, 1, at, actor, action, null, created);
    return recordOf(row);
  });
}

/**
 * Writes the next version of a pole (body and archived state) and its revision, if nobody wrote
 * one since `current` was read: the update names the version it replaces.
 */
async function nextVersion(
  db: Db,
  current: PoleRecord,
  pole: Pole,
  archivedAt: string | null,
  actor: Actor,
  action: RevisionAction,
  at = new Date().toISOString(),
): Promise<PoleRecord> {
  const row = await db
    .updateTable('poles')
    .set({ body: JSON.stringify(pole), version: current.version + 1, archived_at: archivedAt, updated_at: at })
    .where('id', '=', current.id)
    .where('version', '=', current.version)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new StaleVersion((await getPoleRecord(db, current.id))!);
  await writeRevision(db, current.id, row.version, at, actor, action, current.pole, pole);
  return recordOf(row);
}

async function current(db: Db, id: string, expectedVersion?: number): Promise<PoleRecord> {
  const record = await getPoleRecord(db, id);
  if (!record) throw new NoSuchPole(`no pole ${id}`);
  if (expectedVersion !== undefined && expectedVersion !== record.version) throw new StaleVersion(record);
  return record;
}

/**
 * Applies `changes` (a field set to null is removed; `id` is ignored: it never changes) as one
 * revision. Throws StaleVersion if `expectedVersion` is not the current one, InvalidPole if the
 * result fails the schema.
 */
export function updatePole(
  db: Db,
  id: string,
  changes: Partial<Record<keyof Pole, unknown>>,
  actor: Actor,
  options: { expectedVersion?: number; action?: RevisionAction; origin?: ImportOrigin } = {},
): Promise<PoleRecord> {
  return inTransaction(db, async (trx) => {
    const record = await current(trx, id, options.expectedVersion);
    const merged: Record<string, unknown> = { ...record.pole };
    for (const [field, value] of Object.entries(changes)) {
      if (field === 'id') continue;
      if (value === null || value === undefined) delete merged[field];
      else merged[field] = value;
    }
    const action = options.action ?? 'update';
    const at = new Date().toISOString();
    const pole = checked(stamped(merged, actor, action, at, options.origin));
    return nextVersion(trx, record, pole, record.archivedAt, actor, action, at);
  });
}

/** Takes the pole off the public list (its record, revisions and everything naming it stay). */
export function archivePole(db: Db, id: string, actor: Actor, expectedVersion?: number): Promise<PoleRecord> {
  return inTransaction(db, async (trx) => {
    const record = await current(trx, id, expectedVersion);
    if (record.archivedAt) throw new PoleStateConflict('pole already archived');
    return nextVersion(trx, record, record.pole, new Date().toISOString(), actor, 'archive');
  });
}

/** Puts an archived pole back on the public list. */
export function restorePole(db: Db, id: string, actor: Actor, expectedVersion?: number): Promise<PoleRecord> {
  return inTransaction(db, async (trx) => {
    const record = await current(trx, id, expectedVersion);
    if (!record.archivedAt) throw new PoleStateConflict('pole not archived');
    return nextVersion(trx, record, record.pole, null, actor, 'restore');
  });
}

const changedFields = (before: Pole | null, after: Pole | null): string[] => {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  return [...keys].filter((key) => JSON.stringify(b[key]) !== JSON.stringify(a[key])).sort();
};

const revisionOf = (row: Selectable<PoleRevisionsTable>): Revision => {
  const before = row.before ? (JSON.parse(row.before) as Pole) : null;
  const after = row.after ? (JSON.parse(row.after) as Pole) : null;
  return {
    n: row.n,
    at: row.at,
    author: { kind: row.author_kind, id: row.author_id, label: row.author_label },
    action: row.action,
    before,
    after,
    changed: changedFields(before, after),
  };
};

/** The pole's revisions, oldest first (NoSuchPole if there is no such pole). */
export async function listRevisions(db: Db, id: string): Promise<Revision[]> {
  await current(db, id);
  const rows = await db.selectFrom('pole_revisions').selectAll().where('pole_id', '=', id).orderBy('n').execute();
  return rows.map(revisionOf);
}

/** Brings back the pole as revision n left it, as a new revision (`revert`); archived or not stays as it is. */
export function restoreRevision(db: Db, id: string, n: number, actor: Actor, expectedVersion?: number): Promise<PoleRecord> {
  return inTransaction(db, async (trx) => {
    const record = await current(trx, id, expectedVersion);
    const row = await trx.selectFrom('pole_revisions').selectAll().where('pole_id', '=', id).where('n', '=', n).executeTakeFirst();
    if (!row?.after) throw new NoSuchPole(`no revision ${n} of pole ${id}`);
    const at = new Date().toISOString();
    const pole = checked(stamped({ ...JSON.parse(row.after), id }, actor, 'revert', at));
    return nextVersion(trx, record, pole, record.archivedAt, actor, 'revert', at);
  });
}
