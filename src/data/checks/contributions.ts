import { jsonCheck } from '../validate.js';
import { newPoleContributionSchema } from '../json-schemas/new-pole-contribution.js';
import { contributionReceiptSchema } from '../json-schemas/contribution-receipt.js';
import { duplicatesSchema } from '../json-schemas/duplicates.js';
import type { ContributionReceipt, Duplicates, NewPoleContribution } from '../schemas/contribution.js';

/** Every problem at once: a form shows them all. */
export const checkNewPoleContribution = jsonCheck<NewPoleContribution>(newPoleContributionSchema, 100);
export const checkContributionReceipt = jsonCheck<ContributionReceipt>(contributionReceiptSchema);
export const checkDuplicates = jsonCheck<Duplicates>(duplicatesSchema);
