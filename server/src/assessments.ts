import type { Db } from './db.js';
import { storeOnce, type StoreResult } from './store.js';
import type { Assessment } from '../../src/data/schemas/submissions.js';

export interface AssessmentRow {
  id: number;
  reference: string;
  request_hash: string;
  received_at: string;
  referentiel_id: string;
  referentiel_version: string;
  pole_id: string | null;
  body: string;
}

export function storeAssessment(db: Db, assessment: Assessment, idempotencyKey: string): StoreResult<AssessmentRow> {
  return storeOnce<AssessmentRow>(db, 'assessments', 'EVAL', idempotencyKey, assessment, {
    referentiel_id: assessment.referentielId,
    referentiel_version: assessment.referentielVersion,
    pole_id: assessment.poleId ?? null,
  });
}

export function assessmentReceipt(row: AssessmentRow) {
  return { reference: row.reference, receivedAt: row.received_at };
}
