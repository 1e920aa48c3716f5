import { jsonCheck } from './validate.js';
import { charterSchema, discoverySchema, poleSchema, polesEnvelopeSchema, signatureReceiptSchema, signatureSchema } from './json-schemas.generated.js';
import type { Discovery } from './schemas/discovery.js';
import type { Pole, Theme } from './schemas/pole.js';
import type { Charter } from './schemas/charter.js';
import type { Signature, SignatureReceipt } from './schemas/submissions.js';

/** The checks the widgets run on received data (compiled from the zod schemas, see validate.ts). */
export const checkDiscovery = jsonCheck<Discovery>(discoverySchema);
export const checkPolesEnvelope = jsonCheck<{ poles: unknown[]; themes?: Theme[]; updatedAt?: string }>(polesEnvelopeSchema);
export const checkPole = jsonCheck<Pole>(poleSchema);
export const checkCharter = jsonCheck<Charter>(charterSchema);
/** Every problem at once: a form shows them all. */
export const checkSignature = jsonCheck<Signature>(signatureSchema, 100);
export const checkSignatureReceipt = jsonCheck<SignatureReceipt>(signatureReceiptSchema);
