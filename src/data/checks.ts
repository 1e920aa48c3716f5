import { jsonCheck } from './validate.js';
import { discoverySchema, poleSchema, polesEnvelopeSchema } from './json-schemas.generated.js';
import type { Discovery } from './schemas/discovery.js';
import type { Pole, Theme } from './schemas/pole.js';

/** The checks the widgets run on received data (compiled from the zod schemas, see validate.ts). */
export const checkDiscovery = jsonCheck<Discovery>(discoverySchema);
export const checkPolesEnvelope = jsonCheck<{ poles: unknown[]; themes?: Theme[]; updatedAt?: string }>(polesEnvelopeSchema);
export const checkPole = jsonCheck<Pole>(poleSchema);
