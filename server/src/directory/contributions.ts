/**
 * Contributions from the public: "Proposer un pôle" (a new pole) and "Signaler une erreur" (a
 * correction), stored pending once per idempotency key, with the listed poles they may duplicate.
 * The contributor's name and e-mail are in columns of their own, so that erasure blanks them.
 */
import { createHash } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Contribution, PoleProposal, PossibleDuplicate } from '../../../src/data/schemas/contribution.js';
import type { Pole } from '../../../src/data/schemas/pole.js';
import type { ContributionsTable, Database } from '../store/schema.js';
import { newReference } from '../store/types.js';
import { duplicateOf, type DuplicateQuery } from './duplicates.js';

export type ContributionRow = Selectable<ContributionsTable>;

/**
 * The listed poles that may be the one described, by the rules of ./duplicates.ts. Public fields only.
 */
export function findDuplicates(poles: readonly Pole[], query: DuplicateQuery, limit = 10): PossibleDuplicate[] {
  const match = duplicateOf(query);
  const found: PossibleDuplicate[] = [];
  for (const pole of poles) {
    const reason = match(pole);
    if (!reason) continue;
    found.push({
      id: pole.id,
      name: pole.name,
      ...(pole.commune ? { commune: pole.commune } : {}),
      departements: pole.departments ?? [],
      // The public answer says which kind of rule only.
      reason: reason === 'same-website' ? 'website' : 'name',
    });
    if (found.length === limit) break;
  }
  return found;
}

/** The duplicates of a stored contribution: a new pole's, or none for a correction. */
export function duplicatesOf(row: ContributionRow, poles: readonly Pole[]): PossibleDuplicate[] {
  const proposed = proposalOf(row);
  if (!proposed) return [];
  return findDuplicates(poles, {
    name: proposed.name,
    departements: proposed.departments,
    commune: proposed.commune,
    website: proposed.website,
  });
}

/** The pole a new-pole contribution proposes. */
export function proposalOf(row: ContributionRow): PoleProposal | undefined {
  return row.kind === 'new-pole' ? (JSON.parse(row.body) as { pole: PoleProposal }).pole : undefined;
}

export type Stored = { kind: 'created' | 'replayed'; row: ContributionRow } | { kind: 'key-reused' };

/**
 * Stores a contribution unless its idempotency key was seen (then the first one, or `key-reused`
 * when the body differs). `departements`: whom it concerns (a correction's, its pole's).
 */
export async function storeContribution(
  db: Kysely<Database>,
  contribution: Contribution,
  idempotencyKey: string,
  departements: readonly string[],
): Promise<Stored> {
  const { website: _honeypot, contributor, ...rest } = contribution;
  const hash = createHash('sha256')
    .update(JSON.stringify({ ...rest, contributor }))
    .digest('hex');
  const body = rest.kind === 'new-pole' ? { pole: rest.pole } : { message: rest.message };
  for (let attempt = 0; attempt < 3; attempt++) {
    const created = await db
      .insertInto('contributions')
      .values({
        reference: newReference('CON'),
        idempotency_key: idempotencyKey,
        request_hash: hash,
        kind: rest.kind,
        received_at: new Date().toISOString(),
        pole_id: rest.kind === 'correction' ? rest.poleId : null,
        departements: JSON.stringify(departements),
        body: JSON.stringify(body),
        contributor_name: contributor.name,
        contributor_email: contributor.email,
      })
      .onConflict((conflict) => conflict.doNothing())
      .returningAll()
      .executeTakeFirst();
    if (created) return { kind: 'created', row: created };
    const existing = await db.selectFrom('contributions').selectAll().where('idempotency_key', '=', idempotencyKey).executeTakeFirst();
    // Else the random reference collided: draw another.
    if (existing) return existing.request_hash === hash ? { kind: 'replayed', row: existing } : { kind: 'key-reused' };
  }
  throw new Error('contributions: could not store a contribution');
}

export const STATUSES = ['pending', 'approved', 'rejected', 'merged'] as const;
export type ContributionStatus = (typeof STATUSES)[number];

export async function listContributions(db: Kysely<Database>, status?: string): Promise<ContributionRow[]> {
  const all = db.selectFrom('contributions').selectAll().orderBy('id');
  if (!status) return all.execute();
  return (STATUSES as readonly string[]).includes(status) ? all.where('status', '=', status as ContributionStatus).execute() : [];
}

export const getContribution = (db: Kysely<Database>, id: number) =>
  db.selectFrom('contributions').selectAll().where('id', '=', id).executeTakeFirst();

export const departementsOf = (row: ContributionRow): string[] => JSON.parse(row.departements) as string[];

/** A contribution as the moderators see it (the contributor null once erased). */
export function adminView(row: ContributionRow, poles: readonly Pole[]) {
  const body = JSON.parse(row.body) as { pole?: PoleProposal; message?: string | null };
  return {
    id: row.id,
    reference: row.reference,
    kind: row.kind,
    status: row.status,
    receivedAt: row.received_at,
    decidedAt: row.decided_at,
    departements: departementsOf(row),
    ...(row.pole_id ? { poleId: row.pole_id } : {}),
    ...(body.pole ? { pole: body.pole } : {}),
    ...(row.kind === 'correction' ? { message: body.message ?? null } : {}),
    contributor: row.erased_at ? null : { name: row.contributor_name, email: row.contributor_email },
    erasedAt: row.erased_at,
    duplicates: duplicatesOf(row, poles),
  };
}

/**
 * A contribution's body once erased: a correction loses its message, a proposed pole its own
 * e-mail and phone (a person's, often); the rest of the proposal is about the pole.
 */
export function erasedBody(row: ContributionRow): string {
  if (row.kind === 'correction') return JSON.stringify({ message: null });
  const body = JSON.parse(row.body) as { pole?: Record<string, unknown> };
  if (!body.pole) return row.body;
  const { email: _email, phone: _phone, ...pole } = body.pole;
  return JSON.stringify({ ...body, pole });
}

/** What the audit log keeps of a contribution: no contributor, no message. */
export const auditView = (row: ContributionRow) => ({ reference: row.reference, kind: row.kind, status: row.status, poleId: row.pole_id });

/**
 * Personal data kept no longer than needed: the contributors of contributions rejected before
 * `before` (an ISO date) lose their name, e-mail and a correction's message. How many were purged.
 * For the scheduled purge of rejected submissions (PTCE_PURGE_DAYS).
 */
export async function purgeRejectedContributions(db: Kysely<Database>, before: string): Promise<number> {
  const rows = await db
    .selectFrom('contributions')
    .selectAll()
    .where('status', '=', 'rejected')
    .where('decided_at', '<', before)
    .where('erased_at', 'is', null)
    .execute();
  const at = new Date().toISOString();
  // Row by row, as a single erasure does: a proposed pole loses its own e-mail and phone too.
  for (const row of rows) {
    await db
      .updateTable('contributions')
      .set({ contributor_name: null, contributor_email: null, body: erasedBody(row), erased_at: at })
      .where('id', '=', row.id)
      .where('erased_at', 'is', null)
      .execute();
  }
  return rows.length;
}
