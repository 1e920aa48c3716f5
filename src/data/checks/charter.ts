import { jsonCheck } from '../validate.js';
import { charterSchema } from '../json-schemas/charter.js';
import { signatureSchema } from '../json-schemas/signature.js';
import { signatureReceiptSchema } from '../json-schemas/signature-receipt.js';
import type { Charter } from '../schemas/charter.js';
import type { Signature, SignatureReceipt } from '../schemas/submissions.js';

export const checkCharter = jsonCheck<Charter>(charterSchema);
/** Every problem at once: a form shows them all. */
export const checkSignature = jsonCheck<Signature>(signatureSchema, 100);
export const checkSignatureReceipt = jsonCheck<SignatureReceipt>(signatureReceiptSchema);
