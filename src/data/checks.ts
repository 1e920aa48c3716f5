import { jsonCheck } from './validate.js';
import {
  assessmentBundleSchema,
  assessmentReceiptSchema,
  assessmentSchema,
  charterSchema,
  discoverySchema,
  poleSchema,
  polesEnvelopeSchema,
  referentielSchema,
  signatureReceiptSchema,
  signatureSchema,
} from './json-schemas.generated.js';
import type { Discovery } from './schemas/discovery.js';
import type { Pole, Theme } from './schemas/pole.js';
import type { Charter } from './schemas/charter.js';
import type { Assessment, AssessmentBundle, AssessmentReceipt, Signature, SignatureReceipt } from './schemas/submissions.js';
import type { Referentiel } from './schemas/referentiel.js';

/** The checks the widgets run on received data (compiled from the zod schemas, see validate.ts). */
export const checkDiscovery = jsonCheck<Discovery>(discoverySchema);
export const checkPolesEnvelope = jsonCheck<{ poles: unknown[]; themes?: Theme[]; updatedAt?: string }>(polesEnvelopeSchema);
export const checkPole = jsonCheck<Pole>(poleSchema);
export const checkCharter = jsonCheck<Charter>(charterSchema);
/** Every problem at once: a form shows them all. */
export const checkSignature = jsonCheck<Signature>(signatureSchema, 100);
export const checkSignatureReceipt = jsonCheck<SignatureReceipt>(signatureReceiptSchema);
export const checkReferentiel = jsonCheck<Referentiel>(referentielSchema);
export const checkAssessment = jsonCheck<Assessment>(assessmentSchema);
export const checkAssessmentBundle = jsonCheck<AssessmentBundle>(assessmentBundleSchema);
export const checkAssessmentReceipt = jsonCheck<AssessmentReceipt>(assessmentReceiptSchema);
