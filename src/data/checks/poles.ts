import { formatPath, jsonCheck } from '../validate.js';
import { poleSchema } from '../json-schemas/pole.js';
import { polesEnvelopeSchema } from '../json-schemas/poles-envelope.js';
import { themeSchema } from '../json-schemas/theme.js';
import { poleRuleIssues } from '../pole-rules.js';
import type { Pole, Theme } from '../schemas/pole.js';

export const checkPolesEnvelope = jsonCheck<{ poles: unknown[]; themes?: unknown[]; updatedAt?: string }>(polesEnvelopeSchema);
export const checkTheme = jsonCheck<Theme>(themeSchema);
export const checkPole = jsonCheck<Pole>(poleSchema, 5, (pole, prefix) =>
  poleRuleIssues(pole).map(({ path, message }) => ({ path: formatPath(path, prefix), message })),
);
