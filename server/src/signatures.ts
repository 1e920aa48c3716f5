import type { Assessment, Signature } from '../../src/data/schemas/submissions.js';
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

export const assessmentSubmission = (assessment: Assessment, idempotencyKey: string): Submission => ({
  table: 'assessments',
  referencePrefix: 'EVAL',
  idempotencyKey,
  body: assessment,
  columns: {
    referentiel_id: assessment.referentielId,
    referentiel_version: assessment.referentielVersion,
    pole_id: assessment.poleId ?? null,
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
  return { ...receiptOf(row), decidedAt: row.decided_at, consentToList: row.consent_to_list === 1, signature: JSON.parse(row.body) as Signature };
}
