import type { Assessment, Signature } from '../../src/data/schemas/submissions.js';
import type { Pole } from '../../src/data/schemas/pole.js';
import type { DataIssue } from '../../src/data/failure.js';
import type { AssessmentRow, SignatureRow, Submission } from './store/types.js';

/** A signature to store: its searchable columns besides the whole body. */
export const signatureSubmission = (signature: Signature, idempotencyKey: string): Submission => ({
  table: 'signatures',
  referencePrefix: 'SIG',
  idempotencyKey,
  body: signature,
  columns: {
    pole_name: signature.pole.name,
    consent_to_list: signature.consentToList ? 1 : 0,
    place: signature.place,
    signed_on: signature.date,
  },
});

export const assessmentSubmission = (assessment: Assessment, idempotencyKey: string, campaignId: string | null): Submission => ({
  table: 'assessments',
  referencePrefix: 'EVAL',
  idempotencyKey,
  body: assessment,
  columns: {
    referentiel_id: assessment.referentielId,
    referentiel_version: assessment.referentielVersion,
    pole_id: assessment.poleId ?? null,
    campaign_id: campaignId,
  },
});

export function receiptOf(row: SignatureRow) {
  return { reference: row.reference, status: row.status, receivedAt: row.received_at, poleName: row.pole_name };
}

export function assessmentReceipt(row: AssessmentRow) {
  return { reference: row.reference, receivedAt: row.received_at };
}

/** For the admin: every field, people's data included (this never leaves the admin routes). */
export function adminView(row: SignatureRow) {
  return {
    ...receiptOf(row),
    decidedAt: row.decided_at,
    /** Its people's fields were erased (accounts/erasure.ts): "effacé" stands in their place. */
    erased: row.erased_at !== null,
    consentToList: row.consent_to_list === 1,
    signature: JSON.parse(row.body) as Signature,
  };
}

/**
 * Approved signatures on the public list. Only facts about the pole are published: its name, the
 * commune, postcode and department of its address, and the date; never the people who signed, and
 * the free-text "Fait à" only as the pole's own commune. A signature names the pole it renews by
 * id (names are never matched: two poles may be called alike); that pole then shows the latest
 * date and keeps the earlier ones in `charterHistory`. A new pole's approval created its record
 * (row.pole_id); signatures approved before records existed are listed from the signature alone.
 */
export function withSignatories(poles: Pole[], rows: SignatureRow[]): Pole[] {
  const byId = new Map(poles.map((pole) => [pole.id, pole]));
  for (const row of rows) {
    const { pole: signer } = JSON.parse(row.body) as Signature;
    const charter = { date: row.signed_on, place: signer.city };
    // The pole the signature names, or the record its approval created (directory/signature-poles.ts).
    const poleId = signer.id ?? row.pole_id;
    const known = poleId ? byId.get(poleId) : undefined;
    // Its pole is archived: off the list, not listed again under the signer's name.
    if (poleId && !known) continue;
    if (known) {
      const dates = [...(known.charterHistory ?? []), ...(known.charter ? [known.charter] : []), charter].sort((a, b) =>
        a.date.localeCompare(b.date),
      );
      known.charter = dates.pop();
      if (dates.length) known.charterHistory = dates;
      // A listed pole without a place gets the one of its address, so the map can show it.
      if (!known.departments?.length) known.departments = [signer.department];
      known.commune ??= signer.city;
      known.postcode ??= signer.postcode;
    } else {
      const pole: Pole = {
        id: `signataire-${row.reference.toLowerCase()}`,
        name: signer.name,
        commune: signer.city,
        postcode: signer.postcode,
        departments: [signer.department],
        charter,
      };
      poles.push(pole);
      byId.set(pole.id, pole);
    }
  }
  return poles;
}

/** A signature may only name a pole that the public list holds. */
export function poleIssues(listed: readonly Pole[], signature: Signature): DataIssue[] {
  const id = signature.pole.id;
  return id && !listed.some((pole) => pole.id === id) ? [{ path: 'pole.id', message: `no pole with id ${id}` }] : [];
}
