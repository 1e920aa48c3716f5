import type { SkippedRecord } from '../data/validate.js';

/**
 * The events our elements fire, by name, with their `detail`. Components add theirs by declaration
 * merging, so `emit()` is typed everywhere.
 */
export interface PtceEventMap {
  /** Some records of a list were invalid and left out; the valid ones are shown. */
  'ptce-data-warning': { url: string; skipped: number; records: SkippedRecord[] };
}
