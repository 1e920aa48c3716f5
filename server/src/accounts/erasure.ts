/**
 * Erasure of personal data (the GDPR's right to erasure, and the purge of rejected submissions):
 * the people's fields of a signature, a fiche action, an answer set or an account are replaced,
 * in the database itself, by "effacé" or nothing. The row stays, marked `erased_at`, so counts,
 * decisions, the pole's public facts and the audit log stay true. The public documents, the CSV
 * export and `npm run export` are made from these rows, so they lose the fields too.
 */
import type { Kysely, Transaction } from 'kysely';
import type { ActionProposal } from '../../../src/data/schemas/action.js';
import type { Assessment, Signature } from '../../../src/data/schemas/submissions.js';
import { SYSTEM, type Actor } from '../http/actor.js';
import { audit } from '../http/audit.js';
import type { Database } from '../store/schema.js';
import type { AccountRow } from './accounts.js';
import { purgeContactLog } from '../directory/contact.js';
import { purgeRejectedContributions } from '../directory/contributions.js';

export const ERASED = 'effacé';

/** A signature without its people: the representative and the signatories. The pole's own facts stay. */
export function erasedSignature(body: Signature): Signature {
  return { ...body, representative: { lastName: ERASED, firstName: ERASED, email: '', phone: '' }, signatories: [] };
}

export function erasedAction(body: ActionProposal): ActionProposal {
  return { ...body, contact: { name: ERASED, email: '' } };
}

/** An answer set keeps its values (the campaign's summary counts them), not the respondent's name nor the comments. */
export function erasedAssessment(body: Assessment): Assessment {
  const answers = Object.fromEntries(Object.entries(body.answers).map(([id, answer]) => [id, { value: answer.value }]));
  return { ...body, respondent: { role: body.respondent.role }, answers };
}

type Erasable = 'signatures' | 'actions' | 'assessments';
const SUBJECT: Record<Erasable, string> = { signatures: 'signature', actions: 'action', assessments: 'assessment' };
const ERASE: Record<Erasable, (body: never) => unknown> = {
  signatures: erasedSignature,
  actions: erasedAction,
  assessments: erasedAssessment,
};

/**
 * Erases one submission's personal fields, with its audit entry, in one transaction; the row as
 * it is now, or undefined if there is none. Erasing twice changes nothing more.
 * The body's hash goes too: it could confirm a guess of what was sent.
 */
export async function eraseSubmission(
  db: Kysely<Database>,
  actor: Actor,
  table: Erasable,
  reference: string,
  action = 'erase',
): Promise<{ erased_at: string | null; reference: string } | undefined> {
  return db.transaction().execute((trx) => eraseIn(trx, actor, table, reference, action));
}

async function eraseIn(trx: Transaction<Database>, actor: Actor, table: Erasable, reference: string, action: string) {
  const row = await trx.selectFrom(table).select(['reference', 'body', 'erased_at']).where('reference', '=', reference).executeTakeFirst();
  if (!row || row.erased_at) return row;
  const at = new Date().toISOString();
  const body = JSON.stringify(ERASE[table](JSON.parse(row.body) as never));
  // Only if still unerased: two processes purging together erase (and audit) it once.
  const { numUpdatedRows } = await trx
    .updateTable(table)
    .set({ body, erased_at: at, request_hash: ERASED })
    .where('reference', '=', reference)
    .where('erased_at', 'is', null)
    .executeTakeFirstOrThrow();
  if (numUpdatedRows === 0n) return row;
  await audit(trx, actor, {
    action: `${SUBJECT[table]}.${action}`,
    subject: { type: SUBJECT[table], id: reference },
    after: { erased: true },
  });
  return { ...row, erased_at: at };
}

/**
 * Erases an account: its address, name and password go, it is disabled, its sessions, links and
 * waiting digest end; the audit log keeps its entries, naming it by number only.
 */
export async function eraseAccount(db: Kysely<Database>, actor: Actor, id: number): Promise<AccountRow | undefined> {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) return undefined;
    if (before.erased_at) return before;
    const label = `compte effacé n° ${id}`;
    const after = await trx
      .updateTable('accounts')
      .set({ email: null, name: null, password_hash: null, disabled: 1, erased_at: new Date().toISOString() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx.deleteFrom('sessions').where('account_id', '=', id).execute();
    await trx.deleteFrom('password_links').where('account_id', '=', id).execute();
    await trx.deleteFrom('digest_items').where('account_id', '=', id).execute();
    if (before.email) await trx.deleteFrom('outbox').where('recipient', '=', before.email).execute();
    await trx
      .updateTable('audit_log')
      .set({ actor_label: label })
      .where('actor_kind', '=', 'account')
      .where('actor_id', '=', String(id))
      .execute();
    // The account's own entries showed its address and name in before/after.
    const entries = await trx
      .selectFrom('audit_log')
      .select(['id', 'before', 'after'])
      .where('subject_type', '=', 'account')
      .where('subject_id', '=', String(id))
      .execute();
    const scrub = (json: string | null) => (json === null ? null : JSON.stringify({ ...JSON.parse(json), email: null, name: null }));
    for (const entry of entries) {
      await trx
        .updateTable('audit_log')
        .set({ before: scrub(entry.before), after: scrub(entry.after) })
        .where('id', '=', entry.id)
        .execute();
    }
    await audit(trx, actor, { action: 'account.erase', subject: { type: 'account', id: String(id) }, after: { erased: true } });
    return after;
  });
}

/** PTCE_PURGE_DAYS: rejected submissions keep their personal fields this many days after the decision. */
export const DEFAULT_PURGE_DAYS = 90;

/** Erases the personal fields of the signatures and fiches rejected more than `days` ago: how many. */
export async function purgeRejected(db: Kysely<Database>, days: number, now = Date.now()): Promise<number> {
  const before = new Date(now - days * 24 * 3600_000).toISOString();
  let count = 0;
  for (const table of ['signatures', 'actions'] as const) {
    const rows = await db
      .selectFrom(table)
      .select('reference')
      .where('status', '=', 'rejected')
      .where('erased_at', 'is', null)
      .where('decided_at', '<', before)
      .execute();
    for (const { reference } of rows) {
      if ((await eraseSubmission(db, SYSTEM, table, reference, 'purge'))?.erased_at) count++;
    }
  }
  // Rejected contributions' contributors, and the senders of contact messages as old.
  count += await purgeRejectedContributions(db, before);
  await purgeContactLog(db, before);
  return count;
}
