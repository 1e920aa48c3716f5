import { jsonCheck } from '../validate.js';
import { discoverySchema } from '../json-schemas/discovery.js';
import type { Discovery } from '../schemas/discovery.js';

// Each resource's checks in their own module: a widget's bundle keeps only the schemas it reads.

export const checkDiscovery = jsonCheck<Discovery>(discoverySchema);
