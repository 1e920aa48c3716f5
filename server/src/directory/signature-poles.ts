/**
 * A charter signature's decision, and the pole record it brings: approving the signature of a
 * pole not yet listed (and that agreed to be listed) creates its record, a revision authored by
 * the approving actor, with what the signer gave about the pole (name, commune, postcode,
 * département, "constitué / en création", website; never the street nor the people). The
 * signature keeps the record's id (`pole_id`), so the charter's date shows on it
 * (withSignatories). Rejecting it afterwards archives that record; approving again restores it.
 */
import type { Kysely } from 'kysely';
import type { Pole, PoleStatus } from '../../../src/data/schemas/pole.js';
import type { Signature } from '../../../src/data/schemas/submissions.js';
import type { Actor } from '../http/actor.js';
import { audit } from '../http/audit.js';
import type { Database } from '../store/schema.js';
import type { SignatureRow } from '../store/types.js';
import { archivePole, createPole, getPoleRecord, restorePole } from './poles.js';

/** The charter's statuses ("déjà constitué", "en création") as the poles document says them. */
const STATUSES: Record<string, PoleStatus> = { established: 'established', 'in-creation': 'emerging' };

/** The new pole's card, from the signer's facts about it. */
export function poleFromSignature(signer: Signature['pole'], status: string): Omit<Pole, 'id'> {
  return {
    name: signer.name,
    ...(STATUSES[status] ? { status: STATUSES[status] } : {}),
    commune: signer.city,
    postcode: signer.postcode,
    departments: [signer.department],
    ...(signer.website ? { website: signer.website } : {}),
  };
}

export function decideSignature(
  db: Kysely<Database>,
  reference: string,
  status: 'approved' | 'rejected',
  actor: Actor,
): Promise<SignatureRow | undefined> {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('signatures').selectAll().where('reference', '=', reference).executeTakeFirst();
    if (!before) return undefined;
    let row = await trx
      .updateTable('signatures')
      .set({ status, decided_at: new Date().toISOString() })
      .where('reference', '=', reference)
      .returningAll()
      .executeTakeFirstOrThrow();
    const signature = JSON.parse(row.body) as Signature;
    const listed = status === 'approved' && row.consent_to_list === 1;
    if (row.pole_id) {
      // Its record exists: off the list when rejected, back when approved again.
      const record = await getPoleRecord(trx, row.pole_id);
      if (record && !listed && !record.archivedAt) await archivePole(trx, record.id, actor);
      if (record && listed && record.archivedAt) await restorePole(trx, record.id, actor);
    } else if (listed && !signature.pole.id) {
      const record = await createPole(trx, poleFromSignature(signature.pole, signature.status), actor);
      row = await trx
        .updateTable('signatures')
        .set({ pole_id: record.id })
        .where('id', '=', row.id)
        .returningAll()
        .executeTakeFirstOrThrow();
    }
    await audit(trx, actor, {
      action: `signature.${status === 'approved' ? 'approve' : 'reject'}`,
      subject: { type: 'signature', id: reference },
      before: { status: before.status },
      after: { status, poleId: row.pole_id },
    });
    // The public list changes (the charter's date, a signatory) even when no record did.
    await trx
      .updateTable('public_revision')
      .set((eb) => ({ revision: eb('revision', '+', 1) }))
      .where('id', '=', 1)
      .execute();
    return row;
  });
}
