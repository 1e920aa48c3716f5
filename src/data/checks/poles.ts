import { jsonCheck } from '../validate.js';
import { poleSchema } from '../json-schemas/pole.js';
import { polesEnvelopeSchema } from '../json-schemas/poles-envelope.js';
import type { Pole, Theme } from '../schemas/pole.js';

export const checkPolesEnvelope = jsonCheck<{ poles: unknown[]; themes?: Theme[]; updatedAt?: string }>(polesEnvelopeSchema);
export const checkPole = jsonCheck<Pole>(poleSchema);
