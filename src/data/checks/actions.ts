import { jsonCheck } from '../validate.js';
import { actionProposalSchema } from '../json-schemas/action-proposal.js';
import { actionReceiptSchema } from '../json-schemas/action-receipt.js';
import type { ActionProposal, ActionReceipt } from '../schemas/action.js';

/** Every problem at once: a form shows them all. */
export const checkActionProposal = jsonCheck<ActionProposal>(actionProposalSchema, 100);
export const checkActionReceipt = jsonCheck<ActionReceipt>(actionReceiptSchema);
