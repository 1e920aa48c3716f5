/**
 * A pole's owners (its managers): "Je gère ce pôle" is a claim; a moderator's approval makes the
 * claimant an owner and mails them a single-use link, valid 7 days, which opens a session (a
 * Bearer token, valid 12 hours). Links and sessions are stored as the SHA-256 of their token
 * (long random strings: no salt needed), never the token. An owner edits the card's fields: the
 * change goes to moderation as a field-by-field diff (owner_edits), or applies at once when a
 * moderator trusts the owner — either way a revision authored by the owner.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Actor } from '../http/actor.js';
import { audit } from '../http/audit.js';
import type { Database, OwnerClaimsTable, OwnersTable } from '../store/schema.js';
import { newReference, secretHash } from '../store/types.js';
import { updatePole, type PoleRecord } from './poles.js';

export type OwnerRow = Selectable<OwnersTable>;
export type ClaimRow = Selectable<OwnerClaimsTable>;
type Db = Kysely<Database>;

export const LINK_DAYS = 7;
export const SESSION_HOURS = 12;

/** The card's fields an owner may change; the rest (id, départements, charter, history, published summaries, fiches) are the moderators'. */
export const OWNER_FIELDS: readonly string[] = [
  'name',
  'carrier',
  'status',
  'territory',
  'commune',
  'address',
  'postcode',
  'geo',
  'description',
  'themes',
  'origin',
  'foundedYear',
  'figures',
  'website',
  'email',
  'phone',
  'logo',
  'openingHours',
  'social',
];

/** The name revisions and the audit log give an owner once their claim is erased. */
export const ERASED_OWNER = 'gestionnaire (effacé)';

export const ownerActor = (owner: OwnerRow): Actor => ({
  kind: 'owner',
  role: 'owner',
  id: String(owner.id),
  label: owner.email || ERASED_OWNER,
  regions: [],
  departements: [],
});

const newToken = () => randomBytes(32).toString('base64url');
const later = (ms: number) => new Date(Date.now() + ms).toISOString();

export async function createClaim(db: Db, poleId: string, claim: { name: string; email: string; message?: string }): Promise<ClaimRow> {
  return db
    .insertInto('owner_claims')
    .values({
      reference: newReference('GERE'),
      pole_id: poleId,
      name: claim.name,
      email: claim.email,
      message: claim.message ?? null,
      received_at: new Date().toISOString(),
      decided_at: null,
      erased_at: null,
      owner_id: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface ClaimView {
  id: number;
  reference: string;
  poleId: string;
  poleName: string;
  name: string;
  email: string;
  message: string | null;
  status: string;
  receivedAt: string;
  decidedAt: string | null;
  erased: boolean;
  /** The owner the approval made (for "trust"), and whether they are trusted. */
  ownerId: number | null;
  trusted: boolean;
  departements: string[];
}

export async function listClaims(db: Db, filter: { status?: string; id?: number } = {}): Promise<ClaimView[]> {
  const rows = await db
    .selectFrom('owner_claims as c')
    .innerJoin('poles as p', 'p.id', 'c.pole_id')
    .leftJoin('owners as o', 'o.id', 'c.owner_id')
    .selectAll('c')
    .select(['p.body as pole', 'o.trusted'])
    .$if(filter.status !== undefined, (q) => q.where('c.status', '=', filter.status as ClaimRow['status']))
    .$if(filter.id !== undefined, (q) => q.where('c.id', '=', filter.id!))
    .orderBy('c.id')
    .execute();
  return rows.map((row) => {
    const pole = JSON.parse(row.pole) as { name: string; departments?: string[] };
    return {
      id: row.id,
      reference: row.reference,
      poleId: row.pole_id,
      poleName: pole.name,
      name: row.name,
      email: row.email,
      message: row.message,
      status: row.status,
      receivedAt: row.received_at,
      decidedAt: row.decided_at,
      erased: row.erased_at !== null,
      ownerId: row.owner_id,
      trusted: row.trusted === 1,
      departements: pole.departments ?? [],
    };
  });
}

/** The claim's owner (made, or found: the same address for the same pole) and a new single-use link. */
export function approveClaim(db: Db, claim: ClaimView, actor: Actor): Promise<{ owner: OwnerRow; link: string; expiresAt: string }> {
  return db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    let owner = await trx
      .selectFrom('owners')
      .selectAll()
      .where('pole_id', '=', claim.poleId)
      .where('email', '=', claim.email)
      .where('disabled_at', 'is', null)
      .executeTakeFirst();
    owner ??= await trx
      .insertInto('owners')
      .values({ pole_id: claim.poleId, name: claim.name, email: claim.email, created_at: now, disabled_at: null })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('owner_claims')
      .set({ status: 'approved', decided_at: now, owner_id: owner.id })
      .where('id', '=', claim.id)
      .execute();
    const link = newToken();
    const expiresAt = later(LINK_DAYS * 86_400_000);
    await trx
      .insertInto('owner_links')
      .values({ token_hash: secretHash(link), owner_id: owner.id, created_at: now, expires_at: expiresAt, used_at: null })
      .execute();
    await audit(trx, actor, {
      action: 'claim.approve',
      subject: { type: 'claim', id: claim.reference },
      before: { status: claim.status },
      after: { status: 'approved', ownerId: owner.id, poleId: claim.poleId },
    });
    return { owner, link, expiresAt };
  });
}

export function rejectClaim(db: Db, claim: ClaimView, actor: Actor): Promise<void> {
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('owner_claims')
      .set({ status: 'rejected', decided_at: new Date().toISOString() })
      .where('id', '=', claim.id)
      .execute();
    await audit(trx, actor, {
      action: 'claim.reject',
      subject: { type: 'claim', id: claim.reference },
      before: { status: claim.status },
      after: { status: 'rejected' },
    });
  });
}

/**
 * Erases the claim's personal fields, and its owner's: their links and sessions go, they can no
 * longer sign in, and revisions and the audit log name them as an erased owner.
 */
export function eraseClaim(db: Db, claim: ClaimView, actor: Actor): Promise<void> {
  return db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    await trx.updateTable('owner_claims').set({ name: '', email: '', message: null, erased_at: now }).where('id', '=', claim.id).execute();
    if (claim.ownerId !== null) {
      const id = claim.ownerId;
      await trx.updateTable('owners').set({ name: '', email: '', disabled_at: now }).where('id', '=', id).execute();
      await trx.deleteFrom('owner_links').where('owner_id', '=', id).execute();
      await trx.deleteFrom('owner_sessions').where('owner_id', '=', id).execute();
      await trx
        .updateTable('pole_revisions')
        .set({ author_label: ERASED_OWNER })
        .where('author_kind', '=', 'owner')
        .where('author_id', '=', String(id))
        .execute();
      await trx
        .updateTable('audit_log')
        .set({ actor_label: ERASED_OWNER })
        .where('actor_kind', '=', 'owner')
        .where('actor_id', '=', String(id))
        .execute();
    }
    await audit(trx, actor, { action: 'claim.erase', subject: { type: 'claim', id: claim.reference } });
  });
}

/** Spends a link (once, before it expires): a new session for its owner, or undefined. */
export function openSession(db: Db, link: string): Promise<{ token: string; expiresAt: string; owner: OwnerRow } | undefined> {
  return db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    // One statement decides: of two requests with the same link, only one finds it unused.
    const spent = await trx
      .updateTable('owner_links')
      .set({ used_at: now })
      .where('token_hash', '=', secretHash(link))
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('owner_id')
      .executeTakeFirst();
    if (!spent) return undefined;
    const owner = await trx
      .selectFrom('owners')
      .selectAll()
      .where('id', '=', spent.owner_id)
      .where('disabled_at', 'is', null)
      .executeTakeFirst();
    if (!owner) return undefined;
    const token = newToken();
    const expiresAt = later(SESSION_HOURS * 3_600_000);
    await trx
      .insertInto('owner_sessions')
      .values({ token_hash: secretHash(token), owner_id: owner.id, created_at: now, expires_at: expiresAt, used_at: null })
      .execute();
    await audit(trx, ownerActor(owner), { action: 'owner.session', subject: { type: 'pole', id: owner.pole_id } });
    return { token, expiresAt, owner };
  });
}

/** The owner a session token belongs to, while it is valid. */
export function ownerOfSession(db: Db, token: string): Promise<OwnerRow | undefined> {
  return db
    .selectFrom('owner_sessions as s')
    .innerJoin('owners as o', 'o.id', 's.owner_id')
    .selectAll('o')
    .where('s.token_hash', '=', secretHash(token))
    .where('s.expires_at', '>', new Date().toISOString())
    .where('o.disabled_at', 'is', null)
    .executeTakeFirst();
}

export async function setTrusted(db: Db, owner: OwnerRow, trusted: boolean, actor: Actor): Promise<OwnerRow> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('owners')
      .set({ trusted: trusted ? 1 : 0 })
      .where('id', '=', owner.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, actor, {
      action: 'owner.trust',
      subject: { type: 'owner', id: String(owner.id) },
      before: { trusted: owner.trusted === 1 },
      after: { trusted },
    });
    return row;
  });
}

export const ownerView = (owner: OwnerRow) => ({
  id: owner.id,
  poleId: owner.pole_id,
  name: owner.name,
  email: owner.email,
  trusted: owner.trusted === 1,
});

// Edits waiting for moderation.

export interface EditField {
  field: string;
  before: unknown;
  after: unknown;
  decision: 'pending' | 'accepted' | 'refused';
}

/** The fields `changes` would change on the pole (a null after removes the field). */
export function diffFields(record: PoleRecord, changes: Record<string, unknown>): EditField[] {
  const current = record.pole as Record<string, unknown>;
  return Object.entries(changes)
    .filter(([field, after]) => JSON.stringify(current[field] ?? null) !== JSON.stringify(after ?? null))
    .map(([field, after]) => ({ field, before: current[field] ?? null, after: after ?? null, decision: 'pending' }));
}

export async function submitEdit(db: Db, owner: OwnerRow, record: PoleRecord, fields: EditField[]) {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('owner_edits')
      .values({
        pole_id: record.id,
        owner_id: owner.id,
        received_at: new Date().toISOString(),
        base_version: record.version,
        fields: JSON.stringify(fields),
        decided_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, ownerActor(owner), {
      action: 'owner-edit.submit',
      subject: { type: 'pole', id: record.id },
      after: { edit: row.id, fields: fields.map((f) => f.field) },
    });
    return row.id;
  });
}

export interface EditView {
  id: number;
  poleId: string;
  poleName: string;
  owner: { id: number; name: string; email: string };
  receivedAt: string;
  decidedAt: string | null;
  status: string;
  baseVersion: number;
  fields: EditField[];
  departements: string[];
}

export async function listEdits(db: Db, filter: { status?: string; id?: number } = {}): Promise<EditView[]> {
  const rows = await db
    .selectFrom('owner_edits as e')
    .innerJoin('poles as p', 'p.id', 'e.pole_id')
    .innerJoin('owners as o', 'o.id', 'e.owner_id')
    .selectAll('e')
    .select(['p.body as pole', 'o.name', 'o.email'])
    .$if(filter.status !== undefined, (q) => q.where('e.status', '=', filter.status as 'pending'))
    .$if(filter.id !== undefined, (q) => q.where('e.id', '=', filter.id!))
    .orderBy('e.id')
    .execute();
  return rows.map((row) => {
    const pole = JSON.parse(row.pole) as { name: string; departments?: string[] };
    return {
      id: row.id,
      poleId: row.pole_id,
      poleName: pole.name,
      owner: { id: row.owner_id, name: row.name, email: row.email },
      receivedAt: row.received_at,
      decidedAt: row.decided_at,
      status: row.status,
      baseVersion: row.base_version,
      fields: JSON.parse(row.fields) as EditField[],
      departements: pole.departments ?? [],
    };
  });
}

/** The fields named that are not pending fields of the edit. */
export const undecidable = (edit: EditView, names: string[]) =>
  names.filter((name) => !edit.fields.some((f) => f.field === name && f.decision === 'pending'));

/**
 * The moderator's decision on some of the edit's fields: the accepted ones applied as one
 * revision authored by the owner (InvalidPole if the pole they make fails the schema: nothing is
 * decided then). The edit is decided once no field waits.
 */
export function decideEdit(db: Db, edit: EditView, accept: string[], refuse: string[], actor: Actor): Promise<void> {
  return db.transaction().execute(async (trx) => {
    const fields = edit.fields.map((f) =>
      accept.includes(f.field)
        ? { ...f, decision: 'accepted' as const }
        : refuse.includes(f.field)
          ? { ...f, decision: 'refused' as const }
          : f,
    );
    if (accept.length) {
      const owner = await trx.selectFrom('owners').selectAll().where('id', '=', edit.owner.id).executeTakeFirstOrThrow();
      const changes = Object.fromEntries(edit.fields.filter((f) => accept.includes(f.field)).map((f) => [f.field, f.after]));
      await updatePole(trx, edit.poleId, changes, ownerActor(owner), { action: 'owner' });
    }
    const decided = fields.every((f) => f.decision !== 'pending');
    await trx
      .updateTable('owner_edits')
      .set({
        fields: JSON.stringify(fields),
        status: decided ? 'decided' : 'pending',
        decided_at: decided ? new Date().toISOString() : null,
      })
      .where('id', '=', edit.id)
      .execute();
    await audit(trx, actor, {
      action: 'owner-edit.decide',
      subject: { type: 'pole', id: edit.poleId },
      after: { edit: edit.id, accept, refuse },
    });
  });
}
