/**
 * An owner's fiches action (those naming their pole): they edit one, or withdraw it (a withdrawn
 * fiche leaves the public list; the row stays). A fiche on the public list that an owner not
 * trusted edits goes back to moderation (pending) until a moderator approves it again.
 */
import type { Kysely } from 'kysely';
import { ActionFiche, type ActionProposal } from '../../../src/data/schemas/action.js';
import { validate } from '../../../src/data/validate.js';
import { audit } from '../http/audit.js';
import type { Database } from '../store/schema.js';
import type { ActionRow } from '../store/types.js';
import { InvalidPole } from './poles.js';
import { ownerActor, type OwnerRow } from './owners.js';

type Db = Kysely<Database>;

export const ownerActionView = (row: ActionRow) => ({
  reference: row.reference,
  status: row.status,
  receivedAt: row.received_at,
  decidedAt: row.decided_at,
  withdrawnAt: row.withdrawn_at,
  // The fiche itself; its contact stays with the moderators.
  action: (JSON.parse(row.body) as ActionProposal).action,
});

export const ownerActions = (db: Db, owner: OwnerRow) =>
  db.selectFrom('actions').selectAll().where('pole_id', '=', owner.pole_id).orderBy('id').execute();

export const ownerAction = (db: Db, owner: OwnerRow, reference: string) =>
  db.selectFrom('actions').selectAll().where('pole_id', '=', owner.pole_id).where('reference', '=', reference).executeTakeFirst();

const bump = (db: Db) =>
  db
    .updateTable('public_revision')
    .set((eb) => ({ revision: eb('revision', '+', 1) }))
    .where('id', '=', 1)
    .execute();

/** Applies `changes` to the fiche (a null removes an optional field); InvalidPole (422) if the fiche fails its schema. */
export function editOwnerAction(db: Db, owner: OwnerRow, row: ActionRow, changes: Record<string, unknown>): Promise<ActionRow> {
  return db.transaction().execute(async (trx) => {
    const proposal = JSON.parse(row.body) as ActionProposal;
    const merged: Record<string, unknown> = { ...proposal.action };
    for (const [field, value] of Object.entries(changes)) {
      if (value === null) delete merged[field];
      else merged[field] = value;
    }
    const checked = validate(ActionFiche, merged, 'changes', 20);
    if (!checked.ok) throw new InvalidPole(checked.issues);
    const backToModeration = row.status === 'approved' && owner.trusted !== 1;
    const updated = await trx
      .updateTable('actions')
      .set({
        body: JSON.stringify({ ...proposal, action: checked.value }),
        ...(backToModeration ? { status: 'pending', decided_at: null } : {}),
      })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, ownerActor(owner), {
      action: 'action.owner-edit',
      subject: { type: 'action', id: row.reference },
      before: { action: proposal.action, status: row.status },
      after: { action: checked.value, status: updated.status },
    });
    await bump(trx);
    return updated;
  });
}

export function withdrawOwnerAction(db: Db, owner: OwnerRow, row: ActionRow): Promise<ActionRow> {
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('actions')
      .set({ withdrawn_at: new Date().toISOString() })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, ownerActor(owner), { action: 'action.withdraw', subject: { type: 'action', id: row.reference } });
    await bump(trx);
    return updated;
  });
}
