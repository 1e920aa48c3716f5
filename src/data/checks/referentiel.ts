import { jsonCheck } from '../validate.js';
import { referentielSchema } from '../json-schemas/referentiel.js';
import { assessmentSchema } from '../json-schemas/assessment.js';
import { assessmentBundleSchema } from '../json-schemas/assessment-bundle.js';
import { assessmentReceiptSchema } from '../json-schemas/assessment-receipt.js';
import type { Referentiel } from '../schemas/referentiel.js';
import type { Assessment, AssessmentBundle, AssessmentReceipt } from '../schemas/submissions.js';

export const checkReferentiel = jsonCheck<Referentiel>(referentielSchema);
export const checkAssessment = jsonCheck<Assessment>(assessmentSchema);
export const checkAssessmentBundle = jsonCheck<AssessmentBundle>(assessmentBundleSchema);
export const checkAssessmentReceipt = jsonCheck<AssessmentReceipt>(assessmentReceiptSchema);
